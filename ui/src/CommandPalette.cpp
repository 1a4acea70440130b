#include "CommandPalette.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace pxp::ui {

CommandPalette::CommandPalette(QWidget *parent) : QDialog(parent) {
  setObjectName(QStringLiteral("commandPalette"));
  setWindowTitle(tr("Go to…"));
  resize(560, 380);
  auto *v = new QVBoxLayout(this);
  m_input = new QLineEdit(this);
  m_input->setObjectName(QStringLiteral("paletteInput"));
  m_input->setPlaceholderText(tr("Type an SLO, a service, a view or a command"));
  m_list = new QListWidget(this);
  m_list->setObjectName(QStringLiteral("paletteList"));
  v->addWidget(m_input);
  v->addWidget(m_list);
  connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::filter);
  connect(m_input, &QLineEdit::returnPressed, this, &CommandPalette::runCurrent);
  connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
  m_input->installEventFilter(this);
}

void CommandPalette::setEntries(QList<Entry> entries) {
  m_entries = std::move(entries);
  m_input->clear();
  filter(QString());
}

bool CommandPalette::matches(const Entry &e, const QString &query) {
  const QString hay = e.kind + QLatin1Char(' ') + e.title + QLatin1Char(' ') + e.detail;
  for (const auto &word : query.split(QLatin1Char(' '), Qt::SkipEmptyParts))
    if (!hay.contains(word, Qt::CaseInsensitive))
      return false;
  return true;
}

void CommandPalette::filter(const QString &query) {
  m_list->clear();
  for (int i = 0; i < m_entries.size(); ++i) {
    const auto &e = m_entries[i];
    if (!matches(e, query))
      continue;
    auto *item = new QListWidgetItem(
        QStringLiteral("%1  —  %2%3")
            .arg(e.kind, e.title, e.detail.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(e.detail)),
        m_list);
    item->setData(Qt::UserRole, i);
  }
  m_list->setCurrentRow(0);
}

void CommandPalette::runCurrent() {
  auto *item = m_list->currentItem();
  if (!item)
    return;
  const auto run = m_entries.at(item->data(Qt::UserRole).toInt()).run;
  accept();
  if (run)
    run();
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event) {
  // Up/Down move through the list while typing.
  if (watched == m_input && event->type() == QEvent::KeyPress) {
    const auto key = static_cast<QKeyEvent *>(event)->key();
    if (key == Qt::Key_Down || key == Qt::Key_Up) {
      const int row = m_list->currentRow() + (key == Qt::Key_Down ? 1 : -1);
      if (row >= 0 && row < m_list->count())
        m_list->setCurrentRow(row);
      return true;
    }
  }
  return QDialog::eventFilter(watched, event);
}

} // namespace pxp::ui
