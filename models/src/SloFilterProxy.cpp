#include "pxp/models/SloFilterProxy.h"

#include "pxp/models/SloTableModel.h"

#include <QRegularExpression>

#include <cmath>

namespace pxp::models {

SloFilterProxy::SloFilterProxy(QObject *parent) : QSortFilterProxyModel(parent) {
  setSortRole(SloTableModel::SortRole);
  setSortCaseSensitivity(Qt::CaseInsensitive);
}

QList<client::SloState> SloFilterProxy::stateFilter() const {
  QList<client::SloState> states;
  for (int bit = 0; bit < 32; ++bit)
    if (m_stateMask & (1u << bit))
      states.append(client::SloState(bit));
  return states;
}

void SloFilterProxy::setFilterText(const QString &text) {
  if (text == m_text)
    return;
  m_text = text;
  m_words = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
  invalidateFilter();
}

void SloFilterProxy::setStateFilter(const QList<client::SloState> &states) {
  unsigned mask = 0;
  for (client::SloState state : states)
    if (int(state) >= 0 && int(state) < 32)
      mask |= 1u << int(state);
  if (mask == m_stateMask)
    return;
  m_stateMask = mask;
  invalidateFilter();
}

void SloFilterProxy::setProductAreaFilter(const QString &productArea) {
  if (productArea == m_productArea)
    return;
  m_productArea = productArea;
  invalidateFilter();
}

bool SloFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
  const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
  if (m_stateMask != 0) {
    const int state = index.data(SloTableModel::StateRole).toInt();
    if (state < 0 || state >= 32 || !(m_stateMask & (1u << state)))
      return false;
  }
  if (!m_productArea.isEmpty() && index.data(SloTableModel::ProductAreaRole).toString() != m_productArea)
    return false;
  if (!m_words.isEmpty()) {
    static constexpr int kSearchedRoles[] = {SloTableModel::SloIdRole, SloTableModel::NameRole,
                                             SloTableModel::ServiceRole, SloTableModel::OwnerRole,
                                             SloTableModel::ProductAreaRole};
    QStringList fields;
    for (int role : kSearchedRoles)
      fields.append(index.data(role).toString());
    for (const QString &word : m_words) {
      bool found = false;
      for (const QString &field : fields)
        found = found || field.contains(word, Qt::CaseInsensitive);
      if (!found)
        return false;
    }
  }
  return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

bool SloFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const {
  const QVariant l = left.data(sortRole());
  const QVariant r = right.data(sortRole());
  if (l.typeId() == QMetaType::Double && r.typeId() == QMetaType::Double) {
    const double a = l.toDouble();
    const double b = r.toDouble();
    // NaN ("no data") counts as less than every number: ascending, it leads with the worst.
    if (std::isnan(a) || std::isnan(b))
      return std::isnan(a) && !std::isnan(b);
    return a < b;
  }
  return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace pxp::models
