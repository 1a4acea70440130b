#include "pxp/models/timeline/TimelineFilterProxy.h"

#include "CaseFoldedMatcher.h"

#include "pxp/models/timeline/TimelineModel.h"

#include <algorithm>

namespace pxp::models {

namespace {

std::shared_ptr<const timeline::CaseFoldedMatcher> matcherFor(const QString &text) {
  auto matcher = std::make_shared<timeline::CaseFoldedMatcher>();
  matcher->setPattern(text);
  return matcher;
}

} // namespace

TimelineFilterProxy::TimelineFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent), m_textMatcher(matcherFor({})) {
  // The source is in timeline order already; no sorting, rows keep it.
  setDynamicSortFilter(true);
}

void TimelineFilterProxy::setSourceModel(QAbstractItemModel *sourceModel) {
  if (QAbstractItemModel *old = this->sourceModel())
    disconnect(old, nullptr, this, nullptr);
  forgetTextMisses();
  m_timeline = qobject_cast<const TimelineModel *>(sourceModel);
  if (sourceModel) {
    // Connected before the base class connects its own handlers, so the row-indexed misses
    // are gone before it re-filters changed or shifted rows.
    const auto forget = [this] { forgetTextMisses(); };
    connect(sourceModel, &QAbstractItemModel::rowsAboutToBeInserted, this, forget);
    connect(sourceModel, &QAbstractItemModel::rowsAboutToBeRemoved, this, forget);
    connect(sourceModel, &QAbstractItemModel::rowsAboutToBeMoved, this, forget);
    connect(sourceModel, &QAbstractItemModel::modelAboutToBeReset, this, forget);
    connect(sourceModel, &QAbstractItemModel::layoutAboutToBeChanged, this, forget);
    connect(sourceModel, &QAbstractItemModel::dataChanged, this, forget);
  }
  QSortFilterProxyModel::setSourceModel(sourceModel);
}

// invalidate(), not invalidateFilter(): the latter diffs the old and new row sets and emits
// one remove/insert per run of rows, each shifting the whole mapping: seconds for 100,000
// interleaved rows. invalidate() re-maps lazily in one pass and emits layoutChanged.
void TimelineFilterProxy::refilter() {
  invalidate();
}

void TimelineFilterProxy::setKinds(const QList<EntryKind> &kinds) {
  std::bitset<kEntryKindCount> set;
  for (EntryKind kind : kinds)
    set.set(std::size_t(kind));
  if (set == m_kinds)
    return;
  m_kinds = set;
  refilter();
}

QList<EntryKind> TimelineFilterProxy::kinds() const {
  QList<EntryKind> kinds;
  for (int i = 0; i < kEntryKindCount; ++i)
    if (m_kinds.test(std::size_t(i)))
      kinds.append(EntryKind(i));
  return kinds;
}

void TimelineFilterProxy::setAuthor(const QString &author) {
  if (author == m_author)
    return;
  m_author = author;
  refilter();
}

void TimelineFilterProxy::setText(const QString &text) {
  if (text == m_text)
    return;
  // Typing one more letter: a row without the old pattern has no room for the new one.
  if (m_text.isEmpty() || !m_textMatcher->foundIn(text))
    forgetTextMisses();
  m_text = text;
  m_textMatcher = matcherFor(text);
  refilter();
}

void TimelineFilterProxy::setShowDeleted(bool show) {
  if (show == m_showDeleted)
    return;
  m_showDeleted = show;
  refilter();
}

void TimelineFilterProxy::setShowAutomatic(bool show) {
  if (show == m_showAutomatic)
    return;
  m_showAutomatic = show;
  refilter();
}

void TimelineFilterProxy::setFilter(const EntryFilter &filter) {
  m_kinds.reset();
  for (EntryKind kind : filter.kinds)
    m_kinds.set(std::size_t(kind));
  m_author = filter.author;
  if (filter.text != m_text)
    forgetTextMisses();
  m_text = filter.text;
  m_textMatcher = matcherFor(m_text);
  m_showDeleted = filter.includeDeleted;
  refilter();
}

EntryFilter TimelineFilterProxy::filter() const {
  EntryFilter filter;
  filter.kinds = kinds();
  filter.author = m_author;
  filter.text = m_text;
  filter.includeDeleted = m_showDeleted;
  return filter;
}

bool TimelineFilterProxy::accepts(const TimelineEntry &entry) const {
  return acceptsAllButText(entry) &&
         (m_textMatcher->isEmpty() || m_textMatcher->foundIn(entry.text) || m_textMatcher->foundIn(entry.author));
}

bool TimelineFilterProxy::acceptsAllButText(const TimelineEntry &entry) const {
  if (entry.deleted && !m_showDeleted)
    return false;
  if (entry.automatic && !m_showAutomatic)
    return false;
  if (m_kinds.any() && !m_kinds.test(std::size_t(entry.kind)))
    return false;
  if (!m_author.isEmpty() && entry.author.compare(m_author, Qt::CaseInsensitive) != 0)
    return false;
  return true;
}

bool TimelineFilterProxy::textMatches(int sourceRow, const TimelineEntry &entry) const {
  if (m_textMatcher->isEmpty())
    return true;
  const auto row = std::size_t(sourceRow);
  if (row < m_textMisses.size() && m_textMisses[row])
    return false;
  const bool found = m_textMatcher->foundIn(entry.text) || m_textMatcher->foundIn(entry.author);
  if (!found) {
    if (m_textMisses.size() <= row)
      m_textMisses.resize(std::max(row + 1, std::size_t(sourceModel()->rowCount())), false);
    m_textMisses[row] = true;
  }
  return found;
}

TimelineEntry TimelineFilterProxy::entryFromRoles(int sourceRow) const {
  const QModelIndex index = sourceModel()->index(sourceRow, 0);
  return index.data(TimelineModel::EntryRole).value<TimelineEntry>();
}

bool TimelineFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
  if (sourceParent.isValid())
    return false;
  if (m_timeline) {
    const TimelineEntry &entry = m_timeline->at(sourceRow);
    return acceptsAllButText(entry) && textMatches(sourceRow, entry);
  }
  const TimelineEntry entry = entryFromRoles(sourceRow);
  return acceptsAllButText(entry) && textMatches(sourceRow, entry);
}

const TimelineEntry &TimelineFilterProxy::entryAt(int proxyRow) const {
  const int sourceRow = mapToSource(index(proxyRow, 0)).row();
  if (m_timeline)
    return m_timeline->at(sourceRow);
  m_scratch = entryFromRoles(sourceRow);
  return m_scratch;
}

} // namespace pxp::models
