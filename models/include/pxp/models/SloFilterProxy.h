#pragma once
// SloFilterProxy: what the SLO table shows: rows of an SloTableModel filtered by free text
// (every word must match the id, name, service, owner or product area), by a set of states
// and by product area, sorted by SloTableModel::SortRole with "no data" (NaN) less than every
// number. Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QList>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace pxp::models {

class SloFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT
public:
  explicit SloFilterProxy(QObject *parent = nullptr);

  QString filterText() const { return m_text; }
  // The states shown, in enum order; an empty list shows every state.
  QList<client::SloState> stateFilter() const;
  QString productAreaFilter() const { return m_productArea; }

public slots:
  void setFilterText(const QString &text);
  void setStateFilter(const QList<pxp::client::SloState> &states);
  void setProductAreaFilter(const QString &productArea); // "" = every area

protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
  bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
  QString m_text;
  QStringList m_words;      // m_text split on whitespace
  unsigned m_stateMask = 0; // bit int(SloState) set = shown; 0 = every state
  QString m_productArea;
};

} // namespace pxp::models
