#pragma once
// IncidentDialog: opens a new incident or changes one: title, severity SEV1-SEV4, status,
// commander, other roles ("communications=bob"), affected services and SLOs (picked from the
// SLOs the daemon knows). Each change becomes a timeline entry when the store saves it.
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace pxp::ui {

class IncidentDialog : public QDialog {
  Q_OBJECT
public:
  // `known` are the daemon's SLOs, offered as the affected SLOs.
  IncidentDialog(const models::Incident &incident, const QList<client::SloValue> &known, QWidget *parent = nullptr);

  models::Incident incident() const;

  QLineEdit *titleEdit() const { return m_title; }
  QComboBox *severity() const { return m_severity; }
  QComboBox *status() const { return m_status; }
  QLineEdit *commander() const { return m_commander; }
  QLineEdit *roles() const { return m_roles; }
  QLineEdit *services() const { return m_services; }
  QListWidget *slos() const { return m_slos; }
  QPushButton *saveButton() const { return m_save; }

  // "communications=bob, scribe=carol" and back.
  static QString rolesText(const QMap<QString, QString> &roles);
  static QMap<QString, QString> parseRoles(const QString &text);

private:
  void validate();

  models::Incident m_incident;
  QLineEdit *m_title;
  QComboBox *m_severity;
  QComboBox *m_status;
  QLineEdit *m_commander;
  QLineEdit *m_roles;
  QLineEdit *m_services;
  QListWidget *m_slos;
  QPushButton *m_save = nullptr;
};

} // namespace pxp::ui
