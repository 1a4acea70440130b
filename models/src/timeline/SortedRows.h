#pragma once
// SortedRows: the rows of a timeline table model kept in sort order, with a compact id index
// so an upsert finds a row by binary search: no index to renumber when a row is inserted in
// the middle of 100,000, and building the index for 100,000 rows costs ~10 ms (a sorted
// vector of id hashes), not the tens of ms of a QHash of strings. The index is built on first
// use, not in assign(): opening an incident and its first update split the work, so neither
// stalls a frame. The model passes a Notify with its begin/end calls; this class keeps the
// list and the index consistent. Private to models/.
// Thread affinity: that of the owning model (GUI thread).
//
// Order supplies: Pos, where a value sorts apart from its id (trivially copyable, with ==);
// pos(value); id(value) -> const QString &; less(value, pos, id): value sorts before (pos, id);
// before(a, b): value a sorts before value b. (pos, id) is unique.

#include <QList>
#include <QString>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace pxp::models::timeline {

// A fast 64-bit hash of an id (FNV-1a over 8-byte words, then a final mix): ids are UUIDs, and
// qHash's keyed hash costs several times more per id when 100,000 are indexed in one frame.
// Collisions only cost a comparison: SortedRows tells equal hashes apart by their rows.
inline std::uint64_t idHash(const QString &id) {
  const auto *bytes = reinterpret_cast<const unsigned char *>(id.constData());
  const std::size_t size = std::size_t(id.size()) * sizeof(QChar);
  std::uint64_t h = 0xcbf29ce484222325ULL ^ size;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    h = (h ^ word) * 0x100000001b3ULL;
  }
  for (; i < size; ++i)
    h = (h ^ bytes[i]) * 0x100000001b3ULL;
  h ^= h >> 33; // fold the high bits, which the multiplications mixed best, into the low ones
  h *= 0xff51afd7ed558ccdULL;
  return h ^ (h >> 33);
}

template <typename T, typename Order> class SortedRows {
public:
  using Pos = typename Order::Pos;

  int size() const { return int(m_rows.size()); }
  const T &at(int row) const { return m_rows.at(row); }
  const QList<T> &rows() const { return m_rows; }
  bool contains(const QString &id) const { return rowOf(id) >= 0; }

  int rowOf(const QString &id) const {
    const auto slot = findSlot(id);
    return slot == m_index.cend() ? -1 : lowerBound(slot->pos, id);
  }

  // The row a value at (pos, id) belongs at (before any row that sorts after it).
  int lowerBound(const Pos &pos, const QString &id) const {
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), 0,
                                     [&](const T &row, int) { return Order::less(row, pos, id); });
    return int(it - m_rows.cbegin());
  }

  // Replaces every row (the caller resets the model around it). Rows read from the store are
  // in order already: checking costs one pass, sorting 100,000 would cost a frame or two.
  void assign(QList<T> rows) {
    if (!std::is_sorted(rows.cbegin(), rows.cend(), &Order::before))
      std::sort(rows.begin(), rows.end(), &Order::before);
    m_rows = std::move(rows);
    m_index.clear();
    m_indexed = m_rows.isEmpty();
  }

  void clear() {
    m_rows.clear();
    m_index.clear();
    m_indexed = true;
  }

  // Inserts `value` at its sorted row, or updates its row (moving it if its position changed).
  template <typename Notify> void upsert(const T &value, Notify &notify) {
    const QString &id = Order::id(value);
    const Pos pos = Order::pos(value);
    const auto slot = findSlot(id);
    const int dest = lowerBound(pos, id); // in the current list, where the old row sorts by its old pos
    if (slot == m_index.end()) {
      notify.beginInsert(dest, dest);
      m_rows.insert(dest, value);
      const std::uint64_t h = idHash(id);
      m_index.insert(std::upper_bound(m_index.begin(), m_index.end(), h,
                                      [](std::uint64_t hash, const Slot &s) { return hash < s.idHash; }),
                     Slot{h, pos});
      notify.endInsert();
      return;
    }
    const int old = lowerBound(slot->pos, id);
    slot->pos = pos;
    const bool same = m_rows.at(old) == value;
    if (dest == old || dest == old + 1) {
      m_rows[old] = value;
      if (!same)
        notify.changed(old);
      return;
    }
    // dest is a row of the list before the move, as beginMoveRows wants it.
    notify.beginMove(old, dest);
    const int to = dest > old ? dest - 1 : dest;
    m_rows.move(old, to);
    m_rows[to] = value;
    notify.endMove();
    if (!same)
      notify.changed(to);
  }

  template <typename Notify> void remove(const QString &id, Notify &notify) {
    const auto slot = findSlot(id);
    if (slot == m_index.end())
      return;
    const int row = lowerBound(slot->pos, id);
    notify.beginRemove(row, row);
    m_index.erase(slot);
    m_rows.removeAt(row);
    notify.endRemove();
  }

private:
  struct Slot {
    std::uint64_t idHash;
    Pos pos;
  };

  void ensureIndex() const {
    if (m_indexed)
      return;
    m_index.reserve(std::size_t(m_rows.size()));
    for (const T &row : std::as_const(m_rows)) // const: iterating must not detach a shared list
      m_index.push_back(Slot{idHash(Order::id(row)), Order::pos(row)});
    std::sort(m_index.begin(), m_index.end(), [](const Slot &a, const Slot &b) { return a.idHash < b.idHash; });
    m_indexed = true;
  }

  // The slot of `id`: among the slots with its hash, the one whose row has this id.
  typename std::vector<Slot>::iterator findSlot(const QString &id) {
    const auto found = std::as_const(*this).findSlot(id);
    return m_index.begin() + (found - m_index.cbegin());
  }
  typename std::vector<Slot>::const_iterator findSlot(const QString &id) const {
    ensureIndex();
    const std::uint64_t h = idHash(id);
    auto it = std::lower_bound(m_index.cbegin(), m_index.cend(), h,
                               [](const Slot &s, std::uint64_t hash) { return s.idHash < hash; });
    for (; it != m_index.cend() && it->idHash == h; ++it) {
      const int row = lowerBound(it->pos, id);
      if (row < size() && Order::id(m_rows.at(row)) == id)
        return it;
    }
    return m_index.cend();
  }

  QList<T> m_rows;
  // By id hash; equal hashes are told apart by their rows. Mutable: built on first lookup.
  mutable std::vector<Slot> m_index;
  mutable bool m_indexed = true;
};

} // namespace pxp::models::timeline
