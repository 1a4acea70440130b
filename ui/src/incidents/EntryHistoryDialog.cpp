#include "EntryHistoryDialog.h"

#include "pxp/models/timeline/TimelineModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pxp::ui {
namespace {

// What a revision's side looked like, in the words of the fields that changed.
QString describe(const models::TimelineEntry &e, const QStringList &fields) {
  QStringList parts;
  for (const auto &f : fields) {
    if (f == QLatin1String("kind"))
      parts << QObject::tr("kind: %1").arg(models::kindTitle(e.kind));
    else if (f == QLatin1String("eventTime"))
      parts << QObject::tr("time: %1 UTC").arg(models::TimelineModel::utcText(e.eventTimeMs));
    else if (f == QLatin1String("text"))
      parts << e.text;
    else if (f == QLatin1String("link"))
      parts << QObject::tr("link: %1").arg(e.link);
    else if (f == QLatin1String("deleted"))
      parts << (e.deleted ? QObject::tr("deleted") : QObject::tr("shown"));
  }
  return parts.join(QLatin1Char('\n'));
}

} // namespace

EntryHistoryDialog::EntryHistoryDialog(const models::TimelineEntry &entry, const QList<models::EntryRevision> &history,
                                       QWidget *parent)
    : QDialog(parent) {
  setWindowTitle(tr("History of a timeline entry"));
  setObjectName(QStringLiteral("entryHistoryDialog"));
  resize(800, 360);
  auto *v = new QVBoxLayout(this);
  auto *intro = new QLabel(tr("Recorded %1 UTC by %2, now at revision %3.")
                               .arg(models::TimelineModel::utcText(entry.recordedAtMs), entry.author)
                               .arg(entry.revision),
                           this);
  v->addWidget(intro);
  m_table = new QTableWidget(int(history.size()), 5, this);
  m_table->setObjectName(QStringLiteral("historyTable"));
  m_table->setHorizontalHeaderLabels({tr("When (UTC)"), tr("Who"), tr("Changed"), tr("Before"), tr("After")});
  m_table->verticalHeader()->hide();
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setWordWrap(true);
  m_table->horizontalHeader()->setStretchLastSection(true);
  for (int r = 0; r < history.size(); ++r) {
    const auto &rev = history.at(r);
    const QStringList fields = rev.changedFields();
    const QStringList cells = {models::TimelineModel::utcText(rev.whenMs), rev.who, fields.join(QStringLiteral(", ")),
                               describe(rev.before, fields), describe(rev.after, fields)};
    for (int c = 0; c < cells.size(); ++c)
      m_table->setItem(r, c, new QTableWidgetItem(cells.at(c)));
  }
  m_table->resizeColumnsToContents();
  m_table->resizeRowsToContents();
  v->addWidget(m_table, 1);
  if (history.isEmpty())
    v->addWidget(new QLabel(tr("Never changed since it was recorded."), this));
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  v->addWidget(buttons);
}

} // namespace pxp::ui
