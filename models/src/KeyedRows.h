#pragma once
// KeyedRows: the rows of a table model in display order with an id -> row index, so an
// upsert finds its row in O(1). The model calls begin/end*Rows around each mutation; this
// class only keeps the list and the index consistent. Private to models/.
// Thread affinity: that of the owning model (GUI thread).

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace pxp::models::detail {

template <typename T, QString T::*Key> class KeyedRows {
public:
  int size() const { return int(m_rows.size()); }
  const T &at(int row) const { return m_rows.at(row); }
  const QList<T> &rows() const { return m_rows; }
  int rowOf(const QString &key) const { return m_index.value(key, -1); }
  const T *find(const QString &key) const {
    const int row = rowOf(key);
    return row < 0 ? nullptr : &m_rows.at(row);
  }

  void insert(int row, const T &value) {
    m_rows.insert(row, value);
    reindex(row, size() - 1);
  }
  void append(const T &value) { insert(size(), value); }
  // The key must not change: the index is not touched.
  void replace(int row, const T &value) { m_rows[row] = value; }
  void move(int from, int to) {
    m_rows.move(from, to);
    reindex(qMin(from, to), qMax(from, to));
  }
  void removeAt(int row) {
    m_index.remove(m_rows.at(row).*Key);
    m_rows.removeAt(row);
    reindex(row, size() - 1);
  }
  void removeLast(int count) {
    for (int row = size() - count; row < size(); ++row)
      m_index.remove(m_rows.at(row).*Key);
    m_rows.resize(size() - count);
  }
  void assign(const QList<T> &rows) {
    m_rows = rows;
    m_index.clear();
    reindex(0, size() - 1);
  }

  // True when `values` holds exactly the keys of the current rows (order aside).
  bool hasSameKeys(const QList<T> &values) const {
    QSet<QString> keys;
    for (const T &value : values) {
      if (rowOf(value.*Key) < 0)
        return false;
      keys.insert(value.*Key);
    }
    return keys.size() == m_rows.size();
  }

  // Later duplicates win: a batch is latest state, so the last copy of an id is the newest.
  static QList<T> deduplicated(const QList<T> &values) {
    QHash<QString, int> last;
    for (int i = 0; i < int(values.size()); ++i)
      last.insert(values.at(i).*Key, i);
    if (last.size() == values.size())
      return values;
    QList<T> unique;
    for (int i = 0; i < int(values.size()); ++i)
      if (last.value(values.at(i).*Key) == i)
        unique.append(values.at(i));
    return unique;
  }

private:
  void reindex(int first, int last) {
    for (int row = first; row <= last; ++row)
      m_index.insert(m_rows.at(row).*Key, row);
  }

  QList<T> m_rows;
  QHash<QString, int> m_index;
};

} // namespace pxp::models::detail
