#pragma once
// CommandClient: sends manual commands (override, kill switch, rollback, canary abort /
// promote, flag) to pxpd from a worker thread. Each command gets an idempotency key that is
// journaled locally (SQLite) before it is sent and kept until the daemon confirms, so a retry
// after a timeout or a console crash never executes twice; pending journal entries are
// re-sent with their original key when the connection returns.
// Thread affinity: the object lives on the creating (GUI) thread; its worker is private.

#include "pxp/client/BackendConnection.h"
#include "pxp/client/ConnectionTarget.h"
#include "pxp/client/Values.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace pxp::client {

enum class CommandKind {
  SetOverride,   // args: policyId, overrideKind ("pause" | "force"), durationSeconds
  ClearOverride, // args: overrideId
  SetKillSwitch, // args: engaged, scopeService
  Rollback,      // args: deploymentId
  AbortCanary,   // args: deploymentId
  PromoteCanary, // args: deploymentId, full
  SetFlag,       // args: flagKey, enabled, rolloutPercent (-1 = keep)
};

QString commandName(CommandKind kind); // the RPC name, e.g. "Rollback"

struct CommandRequestValue {
  CommandKind kind = CommandKind::SetFlag;
  QString reason;     // required
  QString incidentId; // optional
  // Arguments (which ones apply depends on kind).
  QString policyId, overrideKind, overrideId, scopeService, deploymentId, flagKey;
  qint64 durationSeconds = 0;
  bool engaged = false, full = false, enabled = false;
  int rolloutPercent = -1;
  QString describe() const; // one line: "Rollback payments-v2.3.1"
};

enum class CommandState { Pending, Succeeded, Failed };
QString commandStateName(CommandState state); // "pending", "succeeded", "failed"

// Why a command is not (yet) Succeeded. Pending + Unreachable = not answered, it will be
// re-sent with the same key. A re-sent command whose token is refused (Unauthenticated,
// PermissionDenied) also stays pending: an earlier unanswered attempt may have executed.
// Every other failure is final.
enum class CommandFailure {
  None,
  Refused,          // the daemon answered no: ok=false, INVALID_ARGUMENT, NOT_FOUND ...
  PermissionDenied, // the token's role may not run it; the message names the role needed
  Unauthenticated,  // the daemon did not accept the token
  Unreachable,      // UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED: stays pending
  Journal,          // the local journal could not record the key, so it was not sent
};
QString commandFailureName(CommandFailure failure); // "refused", "permission denied" ...

struct CommandStatusValue {
  QString idempotencyKey;
  CommandRequestValue request;
  CommandState state = CommandState::Pending;
  CommandFailure failure = CommandFailure::None;
  QString message;     // the daemon's words (result or reason for failure), or the transport's
  qint64 auditSeq = 0; // the audit entry that records it, when succeeded or failed in the daemon
  AuditValue audit;    // that entry (actor, reason, before/after); seq 0 = none
  bool replayed = false;
  qint64 submittedAtMs = 0, finishedAtMs = 0;
  int attempts = 0;
  QString target; // the daemon it is meant for (ConnectionTarget profile and address)
};

class CommandClient : public QObject {
  Q_OBJECT
public:
  // `journalFile`: the local command journal (SQLite); created when missing. A damaged file
  // is moved aside (journalError says where); an unusable one leaves a memory-only journal.
  explicit CommandClient(const QString &journalFile, QObject *parent = nullptr);
  ~CommandClient() override;

  // Backoff of the automatic re-sends of pending commands; call before setTarget.
  void setBackoff(const BackoffPolicy &policy);
  // Off: pending commands are re-sent only by resendPending() (pxpctl). Default on.
  void setAutoResend(bool on);

  // Pending commands journaled for this target are re-sent at once (with auto-resend on). A
  // command only ever goes to the daemon it was submitted to (profile name and address).
  void setTarget(const ConnectionTarget &target);
  // Journals the command with a fresh idempotency key, then sends it. Returns the key.
  QString submit(const CommandRequestValue &request);
  // The same with a caller-chosen key (8..128 characters): a repeated key executes once.
  QString submit(const CommandRequestValue &request, const QString &idempotencyKey);
  // Re-sends the journaled commands for the current target that the daemon has not
  // confirmed, oldest first, with their keys; the current token is used (it is never stored).
  void resendPending();
  QList<CommandStatusValue> recent() const; // newest first, including pending ones
  bool isJournalReady() const;              // recent() holds the journal's earlier rows

  // The newest `limit` (1..1,000) entries of the daemon's audit log, newest first; `kind`
  // filters by AuditValue::kind ("command", "decision", "config", "auth denied"; "" = any).
  void fetchAudit(int limit, const QString &kind = QString());

  static constexpr int kDeadlineMs = 10000;
  static QString newIdempotencyKey(); // random 128-bit hex

signals:
  void commandUpdated(const pxp::client::CommandStatusValue &status);
  void journalError(const QString &error);
  // The journal is open and recent() holds what it kept from earlier runs.
  void journalReady();
  // A re-send round (resendPending(), setTarget() or the backoff timer) is over: `resolved`
  // got a definitive answer, `stillPending` did not.
  void resendFinished(int resolved, int stillPending);
  void auditReceived(const QList<pxp::client::AuditValue> &entries);
  void auditFailed(const QString &error, pxp::client::CommandFailure failure);

private:
  class Impl;
  std::unique_ptr<Impl> d;
};

} // namespace pxp::client

Q_DECLARE_METATYPE(pxp::client::CommandStatusValue)
Q_DECLARE_METATYPE(pxp::client::CommandFailure)
