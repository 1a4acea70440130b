#pragma once
// CommandWorker: the CommandClient's worker: owns the journal connection and the stub, journals
// each key before sending it, records the daemon's answer, and re-sends pending commands (on a
// new target, on request, and on a backoff timer while some remain).
// Thread affinity: the CommandClient worker thread (every method but cancelAll runs there).

#include "CommandChannel.h"
#include "CommandJournal.h"

#include "pxp/client/BackendConnection.h"
#include "pxp/client/CommandClient.h"

#include <QObject>
#include <QTimer>

#include <random>

namespace pxp::client {

class CommandWorker : public QObject {
  Q_OBJECT
public:
  explicit CommandWorker(QString journalFile);
  ~CommandWorker() override;

  void start(qint64 nowMs); // opens the journal; emits loaded()
  void setBackoff(const BackoffPolicy &policy) { m_backoff = policy; }
  void setAutoResend(bool on);
  void setTarget(const ConnectionTarget &target);
  // `status` carries key, request and submit time.
  void submit(CommandStatusValue status);
  void resendPending();
  void fetchAudit(int limit, const QString &kind);
  // Any thread: cancels the call in flight and refuses new ones.
  void cancelAll() { m_channel.cancelAll(); }

signals:
  void loaded(const QList<pxp::client::CommandStatusValue> &recent);
  void updated(const pxp::client::CommandStatusValue &status);
  void journalError(const QString &error);
  void resendFinished(int resolved, int stillPending);
  void auditReceived(const QList<pxp::client::AuditValue> &entries);
  void auditFailed(const QString &error, pxp::client::CommandFailure failure);

private:
  // Counts the attempt, sends, journals and reports the answer. Returns the new status.
  CommandStatusValue attempt(CommandStatusValue status);
  void finishWithoutSending(CommandStatusValue status, CommandFailure failure, const QString &message);
  void scheduleRetry();
  void reportJournal(const QString &error);

  const QString m_journalFile;
  CommandJournal m_journal;
  CommandChannel m_channel;
  BackoffPolicy m_backoff;
  bool m_autoResend = true;
  int m_retryDelayMs = 0;
  QTimer *m_retryTimer = nullptr; // child, created on the worker thread by start()
  std::mt19937 m_rng{std::random_device{}()};
};

} // namespace pxp::client
