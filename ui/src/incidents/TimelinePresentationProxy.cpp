#include "TimelinePresentationProxy.h"

#include "EntryKindStyle.h"

#include "pxp/models/Format.h"
#include "pxp/models/timeline/TimelineModel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace pxp::ui {

using models::TimelineModel;

QVariant TimelinePresentationProxy::data(const QModelIndex &index, int role) const {
  if (!index.isValid())
    return {};
  // The source's roles (index.data() would come back here).
  auto raw = [&](int sourceRole) { return QIdentityProxyModel::data(index, sourceRole); };
  const auto kind = static_cast<models::EntryKind>(raw(TimelineModel::KindRole).toInt());
  const bool deleted = raw(TimelineModel::DeletedRole).toBool();
  switch (role) {
  case Qt::DisplayRole:
    if (index.column() == TimelineModel::TextColumn && deleted)
      return tr("[deleted] %1").arg(QIdentityProxyModel::data(index, role).toString());
    break;
  case Qt::DecorationRole:
    if (index.column() == TimelineModel::KindColumn)
      return EntryKindStyle::icon(kind);
    break;
  case Qt::ForegroundRole:
    if (deleted)
      return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (index.column() == TimelineModel::KindColumn)
      return EntryKindStyle::color(kind);
    break;
  case Qt::FontRole: {
    if (!deleted && !raw(TimelineModel::EditedRole).toBool())
      break;
    QFont font;
    font.setStrikeOut(deleted);
    font.setItalic(!deleted);
    return font;
  }
  case Qt::ToolTipRole:
    if (index.column() == TimelineModel::TimeColumn) {
      const qint64 eventMs = raw(TimelineModel::EventTimeRole).toLongLong();
      const qint64 recordedMs = raw(TimelineModel::RecordedAtRole).toLongLong();
      return tr("%1 UTC\n%2 local time\nrecorded %3 UTC")
          .arg(TimelineModel::utcText(eventMs), models::format::dateTimeLocal(eventMs),
               TimelineModel::utcText(recordedMs));
    }
    if (index.column() == TimelineModel::TextColumn) {
      const QString link = raw(TimelineModel::LinkRole).toString();
      QString tip = raw(TimelineModel::TextRole).toString();
      if (!link.isEmpty())
        tip += tr("\nDouble-click to open %1").arg(link);
      if (raw(TimelineModel::EditedRole).toBool())
        tip +=
            tr("\nEdited (revision %1): History shows who changed what").arg(raw(TimelineModel::RevisionRole).toInt());
      return tip;
    }
    break;
  default: break;
  }
  return QIdentityProxyModel::data(index, role);
}

} // namespace pxp::ui
