#include "pxp/models/debug/SpanTreeModel.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace pxp::models {

using client::SpanValue;
using client::TraceValue;

namespace {

bool sameSpan(const SpanValue &a, const SpanValue &b) {
  return a.spanId == b.spanId && a.parentSpanId == b.parentSpanId && a.service == b.service &&
         a.operation == b.operation && a.startUs == b.startUs && a.durationUs == b.durationUs && a.error == b.error &&
         a.statusMessage == b.statusMessage && a.correlationId == b.correlationId && a.attributes == b.attributes;
}

bool sameTrace(const TraceValue &a, const TraceValue &b) {
  if (a.traceId != b.traceId || a.spans.size() != b.spans.size())
    return false;
  for (qsizetype i = 0; i < a.spans.size(); ++i)
    if (!sameSpan(a.spans.at(i), b.spans.at(i)))
      return false;
  return true;
}

QString millis(qint64 us) {
  return QString::number(double(us) / 1000.0, 'f', 1);
}

} // namespace

SpanTreeModel::SpanTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void SpanTreeModel::setTrace(const TraceValue &trace) {
  if (sameTrace(m_trace, trace))
    return;
  beginResetModel();
  m_trace = trace;
  build();
  endResetModel();
}

void SpanTreeModel::clear() {
  setTrace({});
}

void SpanTreeModel::build() {
  const int count = int(m_trace.spans.size());
  m_nodes.assign(std::size_t(count), Node{});
  m_roots.clear();
  QHash<QString, int> byId;
  for (int i = 0; i < count; ++i)
    byId.insert(m_trace.spans.at(i).spanId, byId.value(m_trace.spans.at(i).spanId, i)); // first one wins
  qint64 start = std::numeric_limits<qint64>::max(), end = 0;
  for (int i = 0; i < count; ++i) {
    const SpanValue &span = m_trace.spans.at(i);
    const int parent = span.parentSpanId.isEmpty() ? -1 : byId.value(span.parentSpanId, -1);
    m_nodes[std::size_t(i)].parent = parent == i ? -1 : parent;
    start = std::min(start, span.startUs);
    end = std::max(end, span.startUs + span.durationUs);
  }
  breakCycles();
  for (int i = 0; i < count; ++i) {
    const int parent = m_nodes[std::size_t(i)].parent;
    (parent < 0 ? m_roots : m_nodes[std::size_t(parent)].children).push_back(i);
  }
  m_startUs = count ? start : 0;
  m_durationUs = count ? std::max<qint64>(1, end - start) : 1;
  assignRowsAndDepths(m_roots, 0);
}

// Walks up from every span; a walk that meets itself found a cycle, cut at the span met again.
// Each span is walked over once: a walk stops where an earlier one passed.
void SpanTreeModel::breakCycles() {
  std::vector<int> seenInWalk(m_nodes.size(), -1);
  for (int i = 0; i < int(m_nodes.size()); ++i) {
    int node = i;
    while (node >= 0) {
      if (seenInWalk[std::size_t(node)] == i) {
        m_nodes[std::size_t(node)].parent = -1;
        break;
      }
      if (seenInWalk[std::size_t(node)] >= 0)
        break; // an earlier walk already led from here to a root
      seenInWalk[std::size_t(node)] = i;
      node = m_nodes[std::size_t(node)].parent;
    }
  }
}

// Iterative, so a hostile chain of many thousand spans cannot exhaust the stack.
void SpanTreeModel::assignRowsAndDepths(std::vector<int> &siblings, int depth) {
  const auto byStart = [this](int a, int b) { return m_trace.spans.at(a).startUs < m_trace.spans.at(b).startUs; };
  std::vector<std::pair<std::vector<int> *, int>> work{{&siblings, depth}};
  while (!work.empty()) {
    auto [list, level] = work.back();
    work.pop_back();
    std::stable_sort(list->begin(), list->end(), byStart);
    for (int row = 0; row < int(list->size()); ++row) {
      Node &node = m_nodes[std::size_t((*list)[std::size_t(row)])];
      node.row = row;
      node.depth = level;
      work.emplace_back(&node.children, level + 1);
    }
  }
}

QList<QModelIndex> SpanTreeModel::depthFirst() const {
  QList<QModelIndex> out;
  out.reserve(qsizetype(m_nodes.size()));
  std::vector<int> stack(m_roots.rbegin(), m_roots.rend());
  while (!stack.empty()) {
    const int node = stack.back();
    stack.pop_back();
    out.append(createIndex(m_nodes[std::size_t(node)].row, 0, quintptr(node)));
    const auto &children = m_nodes[std::size_t(node)].children;
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return out;
}

const SpanValue &SpanTreeModel::spanAt(const QModelIndex &index) const {
  Q_ASSERT(index.isValid() && index.model() == this);
  return m_trace.spans.at(qsizetype(index.internalId()));
}

QModelIndex SpanTreeModel::indexOf(const QString &spanId) const {
  for (int i = 0; i < int(m_nodes.size()); ++i)
    if (m_trace.spans.at(i).spanId == spanId)
      return createIndex(m_nodes[std::size_t(i)].row, 0, quintptr(i));
  return {};
}

const std::vector<int> &SpanTreeModel::childrenOf(const QModelIndex &parent) const {
  return parent.isValid() ? m_nodes[std::size_t(parent.internalId())].children : m_roots;
}

QModelIndex SpanTreeModel::index(int row, int column, const QModelIndex &parent) const {
  if (!hasIndex(row, column, parent))
    return {};
  return createIndex(row, column, quintptr(childrenOf(parent)[std::size_t(row)]));
}

QModelIndex SpanTreeModel::parent(const QModelIndex &child) const {
  if (!child.isValid())
    return {};
  const int parent = m_nodes[std::size_t(child.internalId())].parent;
  return parent < 0 ? QModelIndex() : createIndex(m_nodes[std::size_t(parent)].row, 0, quintptr(parent));
}

int SpanTreeModel::rowCount(const QModelIndex &parent) const {
  if (parent.isValid() && parent.column() != 0)
    return 0;
  return int(childrenOf(parent).size());
}

int SpanTreeModel::columnCount(const QModelIndex &) const {
  return ColumnCount;
}

QVariant SpanTreeModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid))
    return {};
  const SpanValue &s = spanAt(index);
  switch (role) {
  case Qt::DisplayRole: return displayData(s, index.column());
  case Qt::ToolTipRole: return s.statusMessage.isEmpty() ? QVariant() : QVariant(s.statusMessage);
  case Qt::TextAlignmentRole:
    return index.column() == StartOffsetColumn || index.column() == DurationColumn
               ? int(Qt::AlignRight | Qt::AlignVCenter)
               : int(Qt::AlignLeft | Qt::AlignVCenter);
  case SpanIdRole: return s.spanId;
  case StartOffsetUsRole: return s.startUs - m_startUs;
  case DurationUsRole: return s.durationUs;
  case ErrorRole: return s.error;
  case StatusMessageRole: return s.statusMessage;
  case DepthRole: return m_nodes[std::size_t(index.internalId())].depth;
  case SortRole: return sortData(s, index.column());
  default: return {};
  }
}

QVariant SpanTreeModel::displayData(const SpanValue &s, int column) const {
  switch (column) {
  case ServiceColumn: return s.service;
  case OperationColumn: return s.operation;
  case StartOffsetColumn: return millis(s.startUs - m_startUs);
  case DurationColumn: return millis(s.durationUs);
  case StatusColumn:
    if (!s.error)
      return tr("ok");
    return s.statusMessage.isEmpty() ? tr("error") : tr("error: %1").arg(s.statusMessage);
  default: return {};
  }
}

QVariant SpanTreeModel::sortData(const SpanValue &s, int column) const {
  switch (column) {
  case StartOffsetColumn: return double(s.startUs - m_startUs);
  case DurationColumn: return double(s.durationUs);
  case StatusColumn: return s.error ? 1.0 : 0.0;
  default: return displayData(s, column);
  }
}

QVariant SpanTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Service"), QT_TR_NOOP("Operation"),
                                                   QT_TR_NOOP("Start (ms)"), QT_TR_NOOP("Duration (ms)"),
                                                   QT_TR_NOOP("Status")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> SpanTreeModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
  names.insert({{SpanIdRole, "spanId"},
                {StartOffsetUsRole, "startOffsetUs"},
                {DurationUsRole, "durationUs"},
                {ErrorRole, "error"},
                {StatusMessageRole, "statusMessage"},
                {DepthRole, "depth"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
