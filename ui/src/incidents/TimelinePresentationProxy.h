#pragma once
// TimelinePresentationProxy: what the timeline table adds to TimelineModel's values for the
// eye: the kind's icon and colour, tombstones struck through and greyed, edited entries in
// italics, times in UTC with the local time (and when it was recorded) in the tooltip,
// and the dashboard link of automatic entries. Rows and columns map one to one.
// Thread affinity: GUI thread.

#include <QIdentityProxyModel>

namespace pxp::ui {

class TimelinePresentationProxy : public QIdentityProxyModel {
  Q_OBJECT
public:
  using QIdentityProxyModel::QIdentityProxyModel;

  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace pxp::ui
