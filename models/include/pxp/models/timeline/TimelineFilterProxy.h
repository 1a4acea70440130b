#pragma once
// TimelineFilterProxy: the timeline as the editor shows it: by kind set, author, text, with
// or without automatic entries and tombstones. Keeps the source's timeline order. Over a
// TimelineModel it reads entries directly (no QVariant per row), and while the user types
// (each pattern extending the last) it re-reads only the rows the last pattern matched, so
// filtering 100,000 entries stays under a frame budget of 50 ms.
// Thread affinity: GUI thread.

#include "pxp/models/timeline/TimelineValues.h"

#include <QSortFilterProxyModel>

#include <bitset>
#include <memory>
#include <vector>

namespace pxp::models {

class TimelineModel;
namespace timeline {
class CaseFoldedMatcher;
}

class TimelineFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT
public:
  explicit TimelineFilterProxy(QObject *parent = nullptr);

  void setSourceModel(QAbstractItemModel *sourceModel) override;

  // Empty: every kind.
  void setKinds(const QList<EntryKind> &kinds);
  QList<EntryKind> kinds() const;
  // Exact, case-insensitive; empty: everyone.
  void setAuthor(const QString &author);
  QString author() const { return m_author; }
  // A substring of the entry's text or author, case-insensitive; empty: everything.
  void setText(const QString &text);
  QString text() const { return m_text; }
  void setShowDeleted(bool show); // default: tombstones hidden
  bool showDeleted() const { return m_showDeleted; }
  void setShowAutomatic(bool show); // default: shown
  bool showAutomatic() const { return m_showAutomatic; }
  // Kinds, author, text and tombstones at once: one re-filter (filter.limit is ignored).
  void setFilter(const EntryFilter &filter);
  EntryFilter filter() const;

  bool accepts(const TimelineEntry &entry) const;
  // The entry behind a proxy row.
  const TimelineEntry &entryAt(int proxyRow) const;

protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
  void refilter();
  TimelineEntry entryFromRoles(int sourceRow) const;
  bool acceptsAllButText(const TimelineEntry &entry) const;
  bool textMatches(int sourceRow, const TimelineEntry &entry) const;
  void forgetTextMisses() const { m_textMisses.clear(); }

  const TimelineModel *m_timeline = nullptr; // the source, when it is a TimelineModel
  std::bitset<kEntryKindCount> m_kinds;      // none set: every kind
  QString m_author;
  QString m_text;
  std::shared_ptr<const timeline::CaseFoldedMatcher> m_textMatcher; // m_text, folded once per change
  bool m_showDeleted = false;
  bool m_showAutomatic = true;
  mutable TimelineEntry m_scratch; // entryAt() over a foreign source model
  // By source row: true when the row's text and author lack m_text, or a pattern m_text
  // extends. Cleared before any source change, kept while typing narrows the pattern.
  mutable std::vector<bool> m_textMisses;
};

} // namespace pxp::models
