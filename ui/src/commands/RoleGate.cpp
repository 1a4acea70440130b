#include "RoleGate.h"

#include "pxp/models/SessionStatus.h"

#include <QAction>
#include <QWidget>

namespace pxp::ui {

client::Role requiredRole(client::CommandKind kind, bool fullPromote) {
  using client::CommandKind;
  switch (kind) {
  case CommandKind::SetKillSwitch: return client::Role::Commander;
  case CommandKind::PromoteCanary: return fullPromote ? client::Role::Commander : client::Role::Responder;
  case CommandKind::SetOverride:
  case CommandKind::ClearOverride:
  case CommandKind::Rollback:
  case CommandKind::AbortCanary:
  case CommandKind::SetFlag: return client::Role::Responder;
  }
  return client::Role::Admin;
}

QString roleDenial(client::Role role, client::CommandKind kind, bool fullPromote) {
  const client::Role needed = requiredRole(kind, fullPromote);
  if (static_cast<int>(role) >= static_cast<int>(needed))
    return {};
  if (role == client::Role::Unknown)
    return QObject::tr("Needs the %1 role; the daemon has not said who you are yet (not connected)")
        .arg(client::roleName(needed));
  return QObject::tr("Needs the %1 role; you are %2").arg(client::roleName(needed), client::roleName(role));
}

RoleGate::RoleGate(models::SessionStatus *session, QObject *parent) : QObject(parent), m_session(session) {
  connect(m_session, &models::SessionStatus::changed, this, [this] {
    if (role() == m_lastRole)
      return;
    m_lastRole = role();
    refresh();
    emit roleChanged(m_lastRole);
  });
  m_lastRole = role();
}

client::Role RoleGate::role() const {
  return m_session->identity().role;
}

QString RoleGate::denial(client::CommandKind kind, bool fullPromote) const {
  return roleDenial(role(), kind, fullPromote);
}

void RoleGate::guard(QWidget *control, client::CommandKind kind, bool fullPromote, Context context) {
  m_guarded.push_back({control, kind, fullPromote, std::move(context), control->toolTip()});
  apply(m_guarded.back());
}

void RoleGate::guard(QAction *control, client::CommandKind kind, bool fullPromote, Context context) {
  m_guarded.push_back({control, kind, fullPromote, std::move(context), control->toolTip()});
  apply(m_guarded.back());
}

void RoleGate::refresh() {
  m_guarded.removeIf([](const Guarded &g) { return g.control.isNull(); });
  for (auto &g : m_guarded)
    apply(g);
}

void RoleGate::apply(Guarded &g) const {
  QString why = denial(g.kind, g.full);
  if (why.isEmpty() && g.context)
    why = g.context();
  const bool enabled = why.isEmpty();
  const QString tip = enabled ? g.allowedTip : why;
  if (auto *w = qobject_cast<QWidget *>(g.control.data())) {
    w->setEnabled(enabled);
    w->setToolTip(tip);
  } else if (auto *a = qobject_cast<QAction *>(g.control.data())) {
    a->setEnabled(enabled);
    a->setToolTip(tip);
    a->setStatusTip(tip);
  }
}

} // namespace pxp::ui
