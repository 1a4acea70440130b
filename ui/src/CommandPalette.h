#pragma once
// CommandPalette: Ctrl+K finds SLOs, services, views and commands by name; Enter runs the
// highlighted one. Entries are supplied fresh each time it opens.
// Thread affinity: GUI thread.

#include <QDialog>

#include <functional>

class QLineEdit;
class QListWidget;

namespace pxp::ui {

class CommandPalette : public QDialog {
  Q_OBJECT
public:
  struct Entry {
    QString kind;  // "SLO", "Service", "View", "Command"
    QString title; // what the user types to find it
    QString detail;
    std::function<void()> run;
  };

  explicit CommandPalette(QWidget *parent = nullptr);
  void setEntries(QList<Entry> entries);
  QLineEdit *input() const { return m_input; }
  QListWidget *list() const { return m_list; }

  // Words of `query` must all appear (case-insensitive) in kind, title or detail.
  static bool matches(const Entry &e, const QString &query);

protected:
  bool eventFilter(QObject *watched, QEvent *event) override;

private:
  void filter(const QString &query);
  void runCurrent();

  QLineEdit *m_input;
  QListWidget *m_list;
  QList<Entry> m_entries;
};

} // namespace pxp::ui
