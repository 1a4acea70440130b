#include "pxp/models/DecisionTableModel.h"

#include "NewestFirstRows.h"
#include "ValueEquality.h"
#include "pxp/models/Format.h"

namespace pxp::models {

using client::DecisionValue;

struct DecisionTableModel::Rows
    : detail::NewestFirstRows<DecisionValue, QString, &DecisionValue::id, &DecisionValue::timeMs> {};

DecisionTableModel::DecisionTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

DecisionTableModel::~DecisionTableModel() = default;

void DecisionTableModel::appendDecisions(const QList<DecisionValue> &decisions) {
  struct Notify {
    DecisionTableModel *model;
    void beginInsert(int first, int last) { model->beginInsertRows(QModelIndex(), first, last); }
    void endInsert() { model->endInsertRows(); }
    void beginRemove(int first, int last) { model->beginRemoveRows(QModelIndex(), first, last); }
    void endRemove() { model->endRemoveRows(); }
    void changed(int row) { emit model->dataChanged(model->index(row, 0), model->index(row, ColumnCount - 1)); }
  } notify{this};
  m_rows->merge(decisions, m_maxRows, notify,
                [](const DecisionValue &a, const DecisionValue &b) { return detail::sameValue(a, b); });
}

void DecisionTableModel::resetDecisions(const QList<DecisionValue> &decisions) {
  beginResetModel();
  m_rows->clear();
  for (const DecisionValue &decision : Rows::newest(decisions, m_maxRows))
    m_rows->insertAtRow(0, decision);
  endResetModel();
}

void DecisionTableModel::setMaxRows(int maxRows) {
  m_maxRows = qMax(1, maxRows);
  if (m_rows->size() <= m_maxRows)
    return;
  beginRemoveRows(QModelIndex(), m_maxRows, m_rows->size() - 1);
  m_rows->removeOldest(m_rows->size() - m_maxRows);
  endRemoveRows();
}

const DecisionValue &DecisionTableModel::at(int row) const {
  return m_rows->atRow(row);
}

int DecisionTableModel::rowOf(const QString &id) const {
  return m_rows->rowOf(id);
}

int DecisionTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int DecisionTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant DecisionTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const DecisionValue &decision = m_rows->atRow(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(decision, index.column());
  case Qt::ToolTipRole:
    if (index.column() == TimeColumn)
      return format::dateTimeLocal(decision.timeMs);
    if (index.column() == ExplanationColumn || index.column() == OutcomeColumn)
      return explanationToolTip(decision);
    return {};
  case DecisionIdRole: return decision.id;
  case PolicyIdRole: return decision.policyId;
  case SloIdRole: return decision.sloId;
  case OutcomeRole: return decision.outcome;
  case TimeRole: return decision.timeMs;
  case SortRole:
    return index.column() == TimeColumn ? QVariant(double(decision.timeMs)) : displayData(decision, index.column());
  default: return {};
  }
}

QVariant DecisionTableModel::displayData(const DecisionValue &decision, int column) const {
  switch (column) {
  case TimeColumn: return format::timeLocal(decision.timeMs);
  case PolicyColumn: return decision.policyId;
  case OutcomeColumn: return decision.outcome;
  case ActionColumn: return decision.action;
  case TargetColumn: return decision.target;
  case ExplanationColumn: return decision.explanation;
  default: return {};
  }
}

// The explanation with the inputs the policy compared, e.g. "burn 1h: 16.2 > 14.4".
QString DecisionTableModel::explanationToolTip(const DecisionValue &decision) const {
  QString text = decision.explanation;
  for (const client::DecisionInputValue &input : decision.inputs)
    text += QStringLiteral("\n%1: %2 %3 %4")
                .arg(input.name, format::ratio(input.value), input.comparison, format::ratio(input.threshold));
  if (!decision.error.isEmpty())
    text += QLatin1Char('\n') + tr("Error: %1").arg(decision.error);
  if (!decision.sloId.isEmpty())
    text += QLatin1Char('\n') + tr("SLO: %1").arg(decision.sloId);
  return text;
}

QVariant DecisionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Time"),    QT_TR_NOOP("Policy"),
                                                   QT_TR_NOOP("Outcome"), QT_TR_NOOP("Action"),
                                                   QT_TR_NOOP("Target"),  QT_TR_NOOP("Explanation")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> DecisionTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{DecisionIdRole, "decisionId"},
                {PolicyIdRole, "policyId"},
                {SloIdRole, "sloId"},
                {OutcomeRole, "outcome"},
                {TimeRole, "time"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
