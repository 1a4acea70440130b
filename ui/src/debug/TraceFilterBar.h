#pragma once
// TraceFilterBar: the debug dashboard's top line: service filter, "errors only", Refresh,
// the trace store's stats and the last query error, inline. GUI thread.

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace pxp::ui {

class TraceFilterBar : public QWidget {
  Q_OBJECT
public:
  explicit TraceFilterBar(QWidget *parent = nullptr);

  QString service() const; // "" = all services
  bool errorsOnly() const;
  // The choices after "All"; keeps the current service, adding it when it is not listed.
  void setServices(const QStringList &services);
  // Selects a service ("" = all) without emitting filterChanged.
  void setService(const QString &service);

  void setStats(const QString &text);
  void showError(const QString &text); // "" hides it

signals:
  void filterChanged(); // by the user
  void refreshRequested();

private:
  QComboBox *m_service;
  QCheckBox *m_errorsOnly;
  QPushButton *m_refresh;
  QLabel *m_stats;
  QLabel *m_error;
};

} // namespace pxp::ui
