#pragma once
// RoleGate: disables every command button and action the session's role may not use, with a
// tooltip naming the role needed ("Needs the commander role; you are responder"), and keeps
// them current when the role changes. It also folds in a per-control context check (no
// deployment selected, nothing to release ...). The daemon still enforces the roles.
// Thread affinity: GUI thread.

#include "pxp/client/CommandClient.h"
#include "pxp/client/Identity.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QAction;
class QWidget;

namespace pxp::models {
class SessionStatus;
}

namespace pxp::ui {

// The role a command needs; mirrors the comments on `service ControlPlane` in
// control_plane.proto (a full promote needs more than a step).
client::Role requiredRole(client::CommandKind kind, bool fullPromote = false);
// "" when `role` may run the command, else "Needs the commander role; you are responder".
QString roleDenial(client::Role role, client::CommandKind kind, bool fullPromote = false);

class RoleGate : public QObject {
  Q_OBJECT
public:
  // Returns "" when the control applies now, else why not ("Select a deployment first").
  using Context = std::function<QString()>;

  explicit RoleGate(models::SessionStatus *session, QObject *parent = nullptr);

  client::Role role() const;
  QString denial(client::CommandKind kind, bool fullPromote = false) const;

  // `control` is a QWidget or a QAction; its current tooltip is kept as the "allowed" text.
  void guard(QWidget *control, client::CommandKind kind, bool fullPromote = false, Context context = {});
  void guard(QAction *control, client::CommandKind kind, bool fullPromote = false, Context context = {});

public slots:
  // Re-evaluates every guarded control (the role or the context changed).
  void refresh();

signals:
  void roleChanged(pxp::client::Role role);

private:
  struct Guarded {
    QPointer<QObject> control;
    client::CommandKind kind;
    bool full;
    Context context;
    QString allowedTip;
  };
  void apply(Guarded &g) const;

  models::SessionStatus *m_session;
  client::Role m_lastRole = client::Role::Unknown;
  QList<Guarded> m_guarded;
};

} // namespace pxp::ui
