#include "IncidentDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace pxp::ui {
namespace {

QStringList splitList(const QString &text) {
  QStringList out;
  for (const auto &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
    if (const QString t = part.trimmed(); !t.isEmpty() && !out.contains(t))
      out << t;
  return out;
}

} // namespace

IncidentDialog::IncidentDialog(const models::Incident &incident, const QList<client::SloValue> &known, QWidget *parent)
    : QDialog(parent), m_incident(incident) {
  const bool creating = incident.id.isEmpty();
  setWindowTitle(creating ? tr("New incident") : tr("Change incident"));
  setObjectName(QStringLiteral("incidentDialog"));
  auto *form = new QFormLayout(this);
  m_title = new QLineEdit(incident.title, this);
  m_title->setObjectName(QStringLiteral("incidentTitle"));
  m_title->setPlaceholderText(tr("What is broken, in a line"));
  form->addRow(tr("Title"), m_title);
  m_severity = new QComboBox(this);
  m_severity->setObjectName(QStringLiteral("incidentSeverity"));
  for (int s = models::Incident::kMostSevere; s <= models::Incident::kLeastSevere; ++s)
    m_severity->addItem(models::severityName(s), s);
  m_severity->setCurrentIndex(m_severity->findData(incident.severity));
  form->addRow(tr("Severity"), m_severity);
  m_status = new QComboBox(this);
  m_status->setObjectName(QStringLiteral("incidentStatus"));
  for (int s = 0; s < models::kIncidentStatusCount; ++s)
    m_status->addItem(models::statusTitle(static_cast<models::IncidentStatus>(s)), s);
  m_status->setCurrentIndex(m_status->findData(int(incident.status)));
  form->addRow(tr("Status"), m_status);
  m_commander = new QLineEdit(incident.commander, this);
  m_commander->setObjectName(QStringLiteral("incidentCommander"));
  form->addRow(tr("Commander"), m_commander);
  m_roles = new QLineEdit(rolesText(incident.roles), this);
  m_roles->setObjectName(QStringLiteral("incidentRoles"));
  m_roles->setPlaceholderText(tr("communications=bob, scribe=carol"));
  form->addRow(tr("Other roles"), m_roles);
  m_services = new QLineEdit(incident.services.join(QStringLiteral(", ")), this);
  m_services->setObjectName(QStringLiteral("incidentServices"));
  m_services->setPlaceholderText(tr("payments, checkout"));
  form->addRow(tr("Affected services"), m_services);
  m_slos = new QListWidget(this);
  m_slos->setObjectName(QStringLiteral("incidentSlos"));
  QStringList ids;
  for (const auto &slo : known)
    ids << slo.id;
  for (const auto &id : incident.sloIds)
    if (!ids.contains(id))
      ids << id; // one the daemon no longer knows stays selectable
  for (const auto &id : ids) {
    auto *item = new QListWidgetItem(id, m_slos);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(incident.sloIds.contains(id) ? Qt::Checked : Qt::Unchecked);
  }
  // Ticking an SLO adds its service: automatic entries follow the incident's services.
  connect(m_slos, &QListWidget::itemChanged, this, [this, known](QListWidgetItem *item) {
    if (item->checkState() != Qt::Checked)
      return;
    for (const auto &slo : known)
      if (slo.id == item->text() && !slo.service.isEmpty() && !splitList(m_services->text()).contains(slo.service))
        m_services->setText((splitList(m_services->text()) << slo.service).join(QStringLiteral(", ")));
  });
  form->addRow(tr("Affected SLOs"), m_slos);

  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  m_save = buttons->button(QDialogButtonBox::Save);
  m_save->setText(creating ? tr("Open incident") : tr("Save changes"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_title, &QLineEdit::textChanged, this, &IncidentDialog::validate);
  connect(m_commander, &QLineEdit::textChanged, this, &IncidentDialog::validate);
  form->addRow(buttons);
  validate();
}

void IncidentDialog::validate() {
  const bool ok = !m_title->text().trimmed().isEmpty() && !m_commander->text().trimmed().isEmpty();
  m_save->setEnabled(ok);
  m_save->setToolTip(ok ? QString() : tr("An incident needs a title and a commander"));
}

models::Incident IncidentDialog::incident() const {
  models::Incident i = m_incident;
  i.title = m_title->text().trimmed();
  i.severity = m_severity->currentData().toInt();
  i.status = static_cast<models::IncidentStatus>(m_status->currentData().toInt());
  i.commander = m_commander->text().trimmed();
  i.roles = parseRoles(m_roles->text());
  i.services = splitList(m_services->text());
  i.sloIds.clear();
  for (int r = 0; r < m_slos->count(); ++r)
    if (m_slos->item(r)->checkState() == Qt::Checked)
      i.sloIds << m_slos->item(r)->text();
  return i;
}

QString IncidentDialog::rolesText(const QMap<QString, QString> &roles) {
  QStringList parts;
  for (auto it = roles.cbegin(); it != roles.cend(); ++it)
    parts << it.key() + QLatin1Char('=') + it.value();
  return parts.join(QStringLiteral(", "));
}

QMap<QString, QString> IncidentDialog::parseRoles(const QString &text) {
  QMap<QString, QString> roles;
  for (const auto &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const int eq = part.indexOf(QLatin1Char('='));
    const QString role = (eq < 0 ? part : part.left(eq)).trimmed();
    const QString who = eq < 0 ? QString() : part.mid(eq + 1).trimmed();
    if (!role.isEmpty() && !who.isEmpty())
      roles.insert(role, who);
  }
  return roles;
}

} // namespace pxp::ui
