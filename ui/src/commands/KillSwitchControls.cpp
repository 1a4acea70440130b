#include "KillSwitchControls.h"

#include "CommandLauncher.h"
#include "RoleGate.h"

#include "pxp/models/LiveState.h"
#include "pxp/models/SloTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSet>
#include <QSignalBlocker>

#include <algorithm>

namespace pxp::ui {

KillSwitchControls::KillSwitchControls(CommandLauncher *launcher, QWidget *parent)
    : QWidget(parent), m_launcher(launcher) {
  setObjectName(QStringLiteral("killSwitchControls"));
  auto *h = new QHBoxLayout(this);
  h->setContentsMargins(0, 0, 0, 0);
  m_scope = new QComboBox(this);
  m_scope->setObjectName(QStringLiteral("killSwitchScope"));
  m_scope->setToolTip(tr("Engage for every service, or only for one"));
  m_scope->addItem(tr("all services"), QString());
  m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "(engaged)" is never elided
  m_button = new QPushButton(this);
  m_button->setObjectName(QStringLiteral("killSwitchButton"));
  h->addWidget(m_scope);
  h->addWidget(m_button);
  m_launcher->gate()->guard(m_button, client::CommandKind::SetKillSwitch);
  connect(m_button, &QPushButton::clicked, this, [this] {
    const QString scope = m_scope->currentData().toString();
    m_launcher->setKillSwitch(!m_launcher->state()->killSwitch().scope(scope), scope);
  });
  connect(m_scope, &QComboBox::currentIndexChanged, this, &KillSwitchControls::refresh);
  connect(m_launcher->state(), &models::LiveState::killSwitchChanged, this, &KillSwitchControls::refresh);
  connect(m_launcher->state(), &models::LiveState::changed, this, [this] {
    // The services of the live SLOs, once each, sorted; the choice survives the refill.
    QSet<QString> services;
    auto *slos = m_launcher->state()->slos();
    for (int r = 0; r < slos->rowCount(); ++r)
      services.insert(slos->at(r).service);
    if (services.size() + 1 == m_scope->count())
      return;
    QStringList sorted(services.begin(), services.end());
    sorted.sort();
    const QString chosen = m_scope->currentData().toString();
    const QSignalBlocker blocker(m_scope);
    m_scope->clear();
    m_scope->addItem(tr("all services"), QString());
    for (const auto &s : sorted)
      m_scope->addItem(s, s);
    m_scope->setCurrentIndex(std::max(0, m_scope->findData(chosen)));
    refresh();
  });
  refresh();
}

void KillSwitchControls::refresh() {
  // Each scope is engaged and released on its own: the entries say which are engaged, the
  // button acts on the chosen one.
  const auto &k = m_launcher->state()->killSwitch();
  for (int i = 0; i < m_scope->count(); ++i) {
    const QString service = m_scope->itemData(i).toString();
    const QString name = service.isEmpty() ? tr("all services") : service;
    m_scope->setItemText(i, k.scope(service) ? tr("%1 (engaged)").arg(name) : name);
  }
  const bool engaged = k.scope(m_scope->currentData().toString()) != nullptr;
  m_button->setText(engaged ? tr("Re&lease kill switch…") : tr("Engage &kill switch…"));
}

} // namespace pxp::ui
