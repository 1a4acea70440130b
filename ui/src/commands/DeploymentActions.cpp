#include "DeploymentActions.h"

#include "CommandLauncher.h"
#include "RoleGate.h"

#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/Format.h"
#include "pxp/models/LiveState.h"

#include <QAction>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>

namespace pxp::ui {

using client::CommandKind;

DeploymentActions::DeploymentActions(CommandLauncher *launcher, QTableView *table, std::function<QString()> sloService,
                                     QWidget *parent)
    : QWidget(parent), m_launcher(launcher), m_table(table), m_sloService(std::move(sloService)) {
  setObjectName(QStringLiteral("deploymentActions"));
  auto *h = new QHBoxLayout(this);
  h->setContentsMargins(0, 0, 0, 0);
  m_label = new QLabel(this);
  m_label->setObjectName(QStringLiteral("deploymentTarget"));
  m_label->setWordWrap(true); // "Acting on payments v2.3.1 (canary, ...)" wraps beside the buttons
  m_label->setMinimumWidth(160);
  h->addWidget(m_label, 1);

  struct Spec {
    QPushButton **button;
    QString text, name, tip;
    CommandKind kind;
    bool full;
    std::function<void(const QString &)> run;
  };
  const Spec specs[] = {
      {&m_rollback, tr("&Roll back…"), QStringLiteral("rollbackButton"),
       tr("Send all traffic back to the previous version"), CommandKind::Rollback, false,
       [this](const QString &id) { m_launcher->rollback(id); }},
      {&m_abort, tr("A&bort canary…"), QStringLiteral("abortCanaryButton"),
       tr("Stop the canary and drop its weight to 0 %"), CommandKind::AbortCanary, false,
       [this](const QString &id) { m_launcher->abortCanary(id); }},
      {&m_promoteStep, tr("Promote &step…"), QStringLiteral("promoteStepButton"),
       tr("Move the canary to its next planned weight"), CommandKind::PromoteCanary, false,
       [this](const QString &id) { m_launcher->promote(id, false); }},
      {&m_promoteFull, tr("Promote &full…"), QStringLiteral("promoteFullButton"),
       tr("Send 100 % of traffic to the canary"), CommandKind::PromoteCanary, true,
       [this](const QString &id) { m_launcher->promote(id, true); }},
  };
  auto *gate = m_launcher->gate();
  for (const auto &s : specs) {
    auto *b = new QPushButton(s.text, this);
    b->setObjectName(s.name);
    b->setToolTip(s.tip);
    *s.button = b;
    h->addWidget(b);
    auto *action = new QAction(QString(s.text).remove(QLatin1Char('&')), this);
    action->setObjectName(s.name + QStringLiteral("Action"));
    action->setToolTip(s.tip);
    m_actions.push_back(action);
    const auto context = s.kind == CommandKind::Rollback ? RoleGate::Context([this] { return rollbackProblem(); })
                                                         : RoleGate::Context([this] { return activeCanaryProblem(); });
    gate->guard(b, s.kind, s.full, context);
    gate->guard(action, s.kind, s.full, context);
    connect(b, &QPushButton::clicked, this, [this, run = s.run] { run(target()); });
    connect(action, &QAction::triggered, this, [this, run = s.run] { run(target()); });
  }
  m_table->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_table, &QWidget::customContextMenuRequested, this, &DeploymentActions::showMenu);
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeploymentActions::refresh);
  connect(m_launcher->state(), &models::LiveState::changed, this, &DeploymentActions::refresh);
  refresh();
}

QString DeploymentActions::target() const {
  const QModelIndex current = m_table->currentIndex();
  if (current.isValid() && m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
    return current.data(models::DeploymentTableModel::DeploymentIdRole).toString();
  const QString service = m_sloService ? m_sloService() : QString();
  if (service.isEmpty())
    return {};
  const auto active = m_launcher->state()->deployments()->active(service);
  return active.isEmpty() ? QString() : active.first().id;
}

QString DeploymentActions::rollbackProblem() const {
  const QString id = target();
  if (id.isEmpty())
    return tr("Select a deployment first");
  const auto d = m_launcher->state()->deployment(id);
  if (d && d->status == QLatin1String("rolled back"))
    return tr("%1 is already rolled back (at %2): nothing to do").arg(id, models::format::timeLocal(d->updatedAtMs));
  return {};
}

QString DeploymentActions::activeCanaryProblem() const {
  const QString id = target();
  if (id.isEmpty())
    return tr("Select a deployment first");
  const auto d = m_launcher->state()->deployment(id);
  if (!d || d->strategy != QLatin1String("canary"))
    return tr("%1 is not a canary deployment").arg(id);
  if (!d->active())
    return tr("%1 is %2: no canary in progress").arg(id, d->status);
  return {};
}

void DeploymentActions::refresh() {
  const QString id = target();
  const auto d = id.isEmpty() ? std::nullopt : m_launcher->state()->deployment(id);
  if (!d)
    m_label->setText(tr("Select a deployment (or an SLO whose service is deploying) to act on it"));
  else
    m_label->setText(tr("Acting on %1 %2 (%3, %4 % weight, %5)")
                         .arg(d->service, d->version, d->strategy)
                         .arg(d->weightPercent)
                         .arg(d->status));
  m_launcher->gate()->refresh();
}

void DeploymentActions::showMenu(const QPoint &pos) {
  const QModelIndex index = m_table->indexAt(pos);
  if (index.isValid())
    m_table->setCurrentIndex(index);
  QMenu menu(this);
  menu.setToolTipsVisible(true); // a disabled entry says which role it needs
  menu.addActions(m_actions);
  menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace pxp::ui
