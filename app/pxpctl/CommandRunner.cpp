#include "CommandRunner.h"

#include "CtlOutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace pxpctl {

using namespace pxp::client;

namespace {
constexpr int kGuardMs = 3 * CommandClient::kDeadlineMs; // every call has its own deadline; this is a backstop
}

CommandRunner::CommandRunner(CtlInvocation invocation, ConnectionTarget target, QObject *parent)
    : QObject(parent), m_invocation(std::move(invocation)), m_target(std::move(target)),
      m_client(m_invocation.journalFile) {
  m_client.setAutoResend(false); // a command line re-sends only when asked: `pxpctl journal resend`
  connect(&m_client, &CommandClient::journalError, this,
          [](const QString &error) { QTextStream(stderr) << "pxpctl: " << error << "\n"; });
  connect(&m_client, &CommandClient::commandUpdated, this, &CommandRunner::onUpdated);
  QTimer::singleShot(kGuardMs, this, [this] {
    QTextStream(stderr) << "pxpctl: no answer from " << m_target.describe() << " within " << kGuardMs / 1000
                        << " s; pending commands stay in the journal\n";
    finish(kExitUnreachable);
  });
}

void CommandRunner::print(const QString &text, const QJsonObject &json) {
  QTextStream out(stdout);
  if (m_invocation.json)
    out << QJsonDocument(json).toJson(QJsonDocument::Indented);
  else
    out << terminalSafe(text);
}

void CommandRunner::finish(int exitCode) {
  if (m_done)
    return;
  m_done = true;
  emit finished(exitCode);
}

int CommandRunner::exitCodeOf(const CommandStatusValue &s) {
  if (s.state == CommandState::Succeeded)
    return kExitOk;
  if (s.failure == CommandFailure::Unreachable || s.failure == CommandFailure::Unauthenticated)
    return kExitUnreachable;
  return kExitRefused;
}

void CommandRunner::send(const CommandRequestValue &request) {
  m_client.setTarget(m_target);
  m_key = m_client.submit(request, m_invocation.idempotencyKey.isEmpty() ? CommandClient::newIdempotencyKey()
                                                                         : m_invocation.idempotencyKey);
}

void CommandRunner::onUpdated(const CommandStatusValue &status) {
  if (m_resending) {
    m_resent << status;
    return;
  }
  // The first update is the Pending of submit() itself; wait for an attempt or a refusal.
  if (status.idempotencyKey != m_key || (status.state == CommandState::Pending && status.attempts == 0))
    return;
  print(commandText(status), commandJson(status));
  const int code = exitCodeOf(status);
  QTextStream err(stderr);
  if (status.state == CommandState::Pending)
    err << "pxpctl: "
        << (status.failure == CommandFailure::Unreachable ? "cannot reach pxpd at " + m_target.describe() + ": "
                                                          : QString())
        << status.message << "\npxpctl: the command is kept pending in " << m_invocation.journalFile << " with key "
        << status.idempotencyKey << "; run 'pxpctl journal resend' when pxpd is back\n";
  else if (code != kExitOk)
    err << "pxpctl: " << status.request.describe() << " failed: " << status.message << "\n";
  finish(code);
}

void CommandRunner::resendJournal() {
  m_resending = true;
  connect(&m_client, &CommandClient::resendFinished, this, [this](int resolved, int stillPending) {
    int code = kExitOk;
    QString text;
    QJsonArray list;
    for (const auto &s : m_resent) {
      text += commandText(s);
      list.append(commandJson(s));
      code = std::max(code, exitCodeOf(s)); // unreachable (3) outranks refused (1)
    }
    text += QStringLiteral("re-sent: %1 resolved, %2 still pending\n").arg(resolved).arg(stillPending);
    print(text, QJsonObject{{"journal", m_invocation.journalFile},
                            {"resolved", resolved},
                            {"still_pending", stillPending},
                            {"commands", list}});
    finish(code); // a round stops at the first unreachable attempt, which already says 3
  });
  m_client.setTarget(m_target);
  m_client.resendPending();
}

void CommandRunner::listJournal() {
  auto show = [this] {
    const auto rows = m_client.recent();
    print(journalText(m_invocation.journalFile, rows), journalJson(m_invocation.journalFile, rows));
    finish(kExitOk);
  };
  if (m_client.isJournalReady())
    show();
  else
    connect(&m_client, &CommandClient::journalReady, this, show);
}

void CommandRunner::readAudit() {
  connect(&m_client, &CommandClient::auditReceived, this, [this](const QList<AuditValue> &entries) {
    print(auditListText(entries), auditListJson(entries));
    finish(kExitOk);
  });
  connect(&m_client, &CommandClient::auditFailed, this, [this](const QString &error, CommandFailure failure) {
    QTextStream(stderr) << "pxpctl: cannot read the audit log from " << m_target.describe() << ": " << error << "\n";
    finish(failure == CommandFailure::Unreachable || failure == CommandFailure::Unauthenticated ? kExitUnreachable
                                                                                                : kExitRefused);
  });
  m_client.setTarget(m_target);
  m_client.fetchAudit(m_invocation.limit, m_invocation.auditKind);
}

} // namespace pxpctl
