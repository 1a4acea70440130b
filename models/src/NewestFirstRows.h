#pragma once
// NewestFirstRows: an append-mostly event log (decisions, audit records) shown newest first,
// with a key -> row lookup. Items are stored oldest first in a deque, so the common cases
// are O(1): a new event becomes row 0 by a push_back, and trimming the oldest rows (the
// bottom of the table) is a pop_front. The index stores absolute positions, so neither
// moves any other entry; only an out-of-order insert renumbers the newer items.
// Private to models/. Thread affinity: that of the owning model (GUI thread).

#include <QHash>
#include <QList>

#include <algorithm>
#include <deque>

namespace pxp::models::detail {

template <typename T, typename K, K T::*Key, qint64 T::*Order> class NewestFirstRows {
public:
  int size() const { return int(m_items.size()); }
  bool isEmpty() const { return m_items.empty(); }
  const T &atRow(int row) const { return m_items[std::size_t(size() - 1 - row)]; }
  qint64 oldestOrder() const { return m_items.front().*Order; }

  int rowOf(const K &key) const {
    const auto it = m_position.constFind(key);
    return it == m_position.cend() ? -1 : size() - 1 - int(*it - m_base);
  }

  // The row an item with this order takes: above every item of equal or lower order, so
  // among equal times the later arrival shows first.
  int insertionRow(qint64 order) const {
    const auto it = std::upper_bound(m_items.begin(), m_items.end(), order,
                                     [](qint64 o, const T &item) { return o < item.*Order; });
    return int(m_items.end() - it);
  }

  void insertAtRow(int row, const T &value) {
    const int index = size() - row;
    m_items.insert(m_items.begin() + index, value);
    for (int i = index; i < size(); ++i)
      m_position.insert(m_items[std::size_t(i)].*Key, m_base + i);
  }

  // The key and the order must not change.
  void replaceAtRow(int row, const T &value) { m_items[std::size_t(size() - 1 - row)] = value; }

  void removeAtRow(int row) {
    const int index = size() - 1 - row;
    m_position.remove(m_items[std::size_t(index)].*Key);
    m_items.erase(m_items.begin() + index);
    for (int i = index; i < size(); ++i)
      m_position.insert(m_items[std::size_t(i)].*Key, m_base + i);
  }

  // Removes the `count` bottom rows.
  void removeOldest(int count) {
    for (int i = 0; i < count; ++i) {
      m_position.remove(m_items.front().*Key);
      m_items.pop_front();
    }
    m_base += count;
  }

  // Merges a batch of events, keeps the newest `maxRows`, and tells the model through
  // `notify` (beginInsert(first, last), endInsert(), changed(row), beginRemove(first, last),
  // endRemove()). Events newer than every row, the usual case, arrive as one insert at the
  // top; a known key whose value differs is updated in place; a late event takes its row
  // by order, unless the log is full and it is older than every row.
  template <typename Notify, typename Same> void merge(const QList<T> &batch, int maxRows, Notify &notify, Same same) {
    QList<T> sorted = latestPerKey(batch);
    std::stable_sort(sorted.begin(), sorted.end(), [](const T &a, const T &b) { return a.*Order < b.*Order; });
    if (sorted.size() > maxRows)
      sorted = sorted.mid(sorted.size() - maxRows);

    QList<T> top; // new events for above every row, oldest first
    auto flushTop = [&] {
      if (top.isEmpty())
        return;
      notify.beginInsert(0, int(top.size()) - 1);
      for (const T &value : top)
        insertAtRow(0, value);
      notify.endInsert();
      top.clear();
    };
    for (const T &value : sorted) {
      if (rowOf(value.*Key) >= 0) {
        flushTop();
        const int row = rowOf(value.*Key);
        if (same(atRow(row), value))
          continue;
        if (atRow(row).*Order == value.*Order) {
          replaceAtRow(row, value);
          notify.changed(row);
          continue;
        }
        notify.beginRemove(row, row); // its time changed: it moves, as a removal and an insert
        removeAtRow(row);
        notify.endRemove();
      }
      if (!top.isEmpty() || insertionRow(value.*Order) == 0) {
        top.append(value);
        continue;
      }
      if (size() >= maxRows && value.*Order < oldestOrder())
        continue; // would be trimmed at once
      flushTop();
      const int row = insertionRow(value.*Order);
      notify.beginInsert(row, row);
      insertAtRow(row, value);
      notify.endInsert();
    }
    flushTop();
    if (size() > maxRows) {
      notify.beginRemove(maxRows, size() - 1);
      removeOldest(size() - maxRows);
      notify.endRemove();
    }
  }

  // The newest `maxRows` of `values`, oldest first, for a reset.
  static QList<T> newest(const QList<T> &values, int maxRows) {
    QList<T> sorted = latestPerKey(values);
    std::stable_sort(sorted.begin(), sorted.end(), [](const T &a, const T &b) { return a.*Order < b.*Order; });
    return sorted.size() > maxRows ? sorted.mid(sorted.size() - maxRows) : sorted;
  }

  void clear() {
    m_items.clear();
    m_position.clear();
    m_base = 0;
  }

private:
  // Later copies of a key win: a batch is latest state.
  static QList<T> latestPerKey(const QList<T> &values) {
    QHash<K, qsizetype> last;
    for (qsizetype i = 0; i < values.size(); ++i)
      last.insert(values.at(i).*Key, i);
    if (last.size() == values.size())
      return values;
    QList<T> unique;
    for (qsizetype i = 0; i < values.size(); ++i)
      if (last.value(values.at(i).*Key) == i)
        unique.append(values.at(i));
    return unique;
  }

  std::deque<T> m_items;       // oldest first; row = size - 1 - index
  QHash<K, qint64> m_position; // key -> m_base + index
  qint64 m_base = 0;           // absolute position of m_items.front()
};

} // namespace pxp::models::detail
