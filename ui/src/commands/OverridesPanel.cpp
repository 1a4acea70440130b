#include "OverridesPanel.h"

#include "CommandLauncher.h"
#include "CommandSentences.h"
#include "RoleGate.h"

#include "pxp/models/Format.h"
#include "pxp/models/LiveState.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>

namespace pxp::ui {

OverridesPanel::OverridesPanel(CommandLauncher *launcher, QWidget *parent) : QWidget(parent), m_launcher(launcher) {
  setObjectName(QStringLiteral("overridesPanel"));
  auto *v = new QVBoxLayout(this);
  v->setContentsMargins(2, 2, 2, 2);
  m_tree = new QTreeWidget(this);
  m_tree->setObjectName(QStringLiteral("overridesTree"));
  m_tree->setColumnCount(ColumnCount);
  m_tree->setHeaderLabels(
      {tr("Policy / override"), tr("State"), tr("Set by"), tr("Reason"), tr("Expires in"), tr("Until")});
  m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_tree->header()->setStretchLastSection(true);
  m_tree->setRootIsDecorated(true);
  m_tree->setAlternatingRowColors(true);
  v->addWidget(m_tree, 1);

  auto *buttons = new QHBoxLayout;
  m_pause = new QPushButton(tr("&Pause…"), this);
  m_pause->setObjectName(QStringLiteral("pausePolicyButton"));
  m_pause->setToolTip(tr("Pause the selected policy until an expiry (15 min, 1 h, 4 h or custom)"));
  m_resume = new QPushButton(tr("R&esume…"), this);
  m_resume->setObjectName(QStringLiteral("resumePolicyButton"));
  m_resume->setToolTip(tr("Clear the selected override so the policy acts again"));
  m_force = new QPushButton(tr("&Force once…"), this);
  m_force->setObjectName(QStringLiteral("forcePolicyButton"));
  m_force->setToolTip(tr("Make the selected policy take its action once at its next evaluation"));
  for (auto *b : {m_pause, m_resume, m_force})
    buttons->addWidget(b);
  buttons->addStretch(1);
  v->addLayout(buttons);

  auto *gate = m_launcher->gate();
  const auto needPolicy = [this] { return selectedPolicy().isEmpty() ? tr("Select a policy first") : QString(); };
  gate->guard(m_pause, client::CommandKind::SetOverride, false, needPolicy);
  gate->guard(m_force, client::CommandKind::SetOverride, false, needPolicy);
  gate->guard(m_resume, client::CommandKind::ClearOverride, false, [this] {
    return selectedOverride().isEmpty() ? tr("Select a policy with an active override first") : QString();
  });
  connect(m_pause, &QPushButton::clicked, this, [this] { m_launcher->pausePolicy(selectedPolicy()); });
  connect(m_force, &QPushButton::clicked, this, [this] { m_launcher->forcePolicyOnce(selectedPolicy()); });
  connect(m_resume, &QPushButton::clicked, this, [this] { m_launcher->clearOverride(selectedOverride()); });
  connect(m_tree, &QTreeWidget::currentItemChanged, gate, &RoleGate::refresh);

  auto *state = m_launcher->state();
  connect(state, &models::LiveState::policiesChanged, this, &OverridesPanel::rebuild);
  connect(state, &models::LiveState::overridesChanged, this, &OverridesPanel::rebuild);
  m_countdown = new QTimer(this);
  m_countdown->setInterval(1000);
  connect(m_countdown, &QTimer::timeout, this, &OverridesPanel::updateCountdowns);
  m_countdown->start();
  rebuild();
}

void OverridesPanel::rebuild() {
  auto *state = m_launcher->state();
  QString current;
  if (auto *item = m_tree->currentItem())
    current = item->data(NameColumn, IdRole).toString();
  m_tree->clear();
  for (const auto &p : state->policies()) {
    const auto overrides = state->overridesForPolicy(p.id);
    auto *item = new QTreeWidgetItem(m_tree);
    item->setText(NameColumn, p.id);
    item->setToolTip(NameColumn, p.description);
    QString mode = p.dryRun ? tr("dry-run") : tr("enforce");
    if (p.paused)
      mode = tr("paused (%1)").arg(mode);
    item->setText(StateColumn, tr("%1: %2").arg(mode, sentences::policyAction(p)));
    item->setData(NameColumn, IdRole, p.id);
    item->setData(NameColumn, IsOverrideRole, false);
    item->setData(NameColumn, PolicyIdRole, p.id);
    for (const auto &o : overrides) {
      auto *child = new QTreeWidgetItem(item);
      child->setText(NameColumn, o.id);
      child->setText(StateColumn, o.pause ? tr("paused") : tr("force once (pending)"));
      child->setText(ByColumn, o.actor);
      child->setText(ReasonColumn, o.reason);
      child->setText(UntilColumn, o.pause ? models::format::timeLocal(o.expiresAtMs) : QString());
      child->setToolTip(UntilColumn, models::format::dateTimeLocal(o.expiresAtMs));
      child->setData(NameColumn, IdRole, o.id);
      child->setData(NameColumn, IsOverrideRole, true);
      child->setData(NameColumn, PolicyIdRole, p.id);
      child->setData(ExpiresInColumn, IdRole, o.pause ? o.expiresAtMs : qint64(0));
    }
    item->setExpanded(true);
  }
  updateCountdowns();
  if (!current.isEmpty())
    select(current);
  m_launcher->gate()->refresh();
}

void OverridesPanel::updateCountdowns() {
  const qint64 now = m_launcher->serverNowMs();
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    auto *policy = m_tree->topLevelItem(i);
    for (int c = 0; c < policy->childCount(); ++c) {
      auto *o = policy->child(c);
      const qint64 expires = o->data(ExpiresInColumn, IdRole).toLongLong();
      if (expires == 0) {
        o->setText(ExpiresInColumn, tr("at its next action"));
        continue;
      }
      const double left = static_cast<double>(std::max<qint64>(0, expires - now)) / 1000.0;
      o->setText(ExpiresInColumn, left > 0 ? models::format::duration(left) : tr("expiring"));
    }
  }
}

bool OverridesPanel::select(const QString &id) {
  for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
    if ((*it)->data(NameColumn, IdRole).toString() == id) {
      m_tree->setCurrentItem(*it);
      return true;
    }
  return false;
}

QString OverridesPanel::selectedPolicy() const {
  auto *item = m_tree->currentItem();
  return item ? item->data(NameColumn, PolicyIdRole).toString() : QString();
}

QString OverridesPanel::selectedOverride() const {
  auto *item = m_tree->currentItem();
  if (!item)
    return {};
  if (item->data(NameColumn, IsOverrideRole).toBool())
    return item->data(NameColumn, IdRole).toString();
  return item->childCount() > 0 ? item->child(0)->data(NameColumn, IdRole).toString() : QString();
}

} // namespace pxp::ui
