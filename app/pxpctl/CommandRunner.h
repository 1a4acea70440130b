#pragma once
// CommandRunner: pxpctl's uses of CommandClient: send one command and wait for its answer,
// re-send the journal's pending commands, list the journal, read the audit log. Prints the
// result and reports the exit code.
// Thread affinity: the main thread (CommandClient's worker is private).

#include "CtlInvocation.h"

#include "pxp/client/CommandClient.h"

#include <QObject>

namespace pxpctl {

class CommandRunner : public QObject {
  Q_OBJECT
public:
  CommandRunner(CtlInvocation invocation, pxp::client::ConnectionTarget target, QObject *parent = nullptr);

  void send(const pxp::client::CommandRequestValue &request);
  void resendJournal();
  void listJournal();
  void readAudit();

signals:
  void finished(int exitCode);

private:
  void onUpdated(const pxp::client::CommandStatusValue &status);
  void finish(int exitCode);
  static int exitCodeOf(const pxp::client::CommandStatusValue &status);
  void print(const QString &text, const QJsonObject &json);

  const CtlInvocation m_invocation;
  const pxp::client::ConnectionTarget m_target;
  pxp::client::CommandClient m_client;
  QString m_key; // the command being sent
  bool m_resending = false;
  QList<pxp::client::CommandStatusValue> m_resent; // answers of this resend round
  bool m_done = false;
};

} // namespace pxpctl
