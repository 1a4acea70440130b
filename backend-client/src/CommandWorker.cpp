#include "CommandWorker.h"

#include "CommandAuditQuery.h"
#include "CommandJson.h"
#include "CommandRpc.h"

#include <QDateTime>

namespace pxp::client {
namespace {

qint64 nowMs() {
  return QDateTime::currentMSecsSinceEpoch();
}

// The daemon matches a repeated key by the action, not by the words of the reason.
bool sameAction(CommandRequestValue a, CommandRequestValue b) {
  a.reason = b.reason = QString();
  a.incidentId = b.incidentId = QString();
  return requestToJson(a) == requestToJson(b);
}

} // namespace

CommandWorker::CommandWorker(QString journalFile) : m_journalFile(std::move(journalFile)) {}
CommandWorker::~CommandWorker() = default;

void CommandWorker::start(qint64 startMs) {
  m_retryTimer = new QTimer(this);
  m_retryTimer->setSingleShot(true);
  connect(m_retryTimer, &QTimer::timeout, this, &CommandWorker::resendPending);
  if (const QString notice = m_journal.open(m_journalFile, startMs); !notice.isEmpty())
    reportJournal(notice);
  QString error;
  const auto rows = m_journal.recent(CommandJournal::kKeepFinished, error);
  if (!error.isEmpty())
    reportJournal(error);
  emit loaded(rows);
}

void CommandWorker::reportJournal(const QString &error) {
  qWarning("pxp: %s", qPrintable(error)); // logged once, where it is decided
  emit journalError(error);
}

void CommandWorker::setAutoResend(bool on) {
  m_autoResend = on;
  if (!on && m_retryTimer)
    m_retryTimer->stop();
}

void CommandWorker::setTarget(const ConnectionTarget &target) {
  m_channel.setTarget(target);
  m_retryDelayMs = 0;
  if (m_autoResend)
    resendPending();
}

void CommandWorker::finishWithoutSending(CommandStatusValue status, CommandFailure failure, const QString &message) {
  status.state = CommandState::Failed;
  status.failure = failure;
  status.message = message;
  status.finishedAtMs = nowMs();
  emit updated(status);
}

void CommandWorker::submit(CommandStatusValue status) {
  if (!m_channel.hasTarget()) {
    finishWithoutSending(status, CommandFailure::Unreachable, tr("not sent: no pxpd connection is set up"));
    return;
  }
  status.target = m_channel.targetKey();
  QString error;
  if (const auto known = m_journal.find(status.idempotencyKey, error)) {
    if (!sameAction(known->request, status.request)) {
      finishWithoutSending(status, CommandFailure::Refused,
                           tr("idempotency key %1 was used for a different command (%2): use a new key")
                               .arg(status.idempotencyKey, known->request.describe()));
      return;
    }
    status = *known; // the same command again: the daemon answers with its first result
  } else if (error.isEmpty()) {
    error = m_journal.insert(status);
  }
  if (!error.isEmpty()) {
    reportJournal(error);
    finishWithoutSending(status, CommandFailure::Journal, tr("not sent: %1").arg(error));
    return;
  }
  if (attempt(status).failure == CommandFailure::Unreachable)
    scheduleRetry();
}

CommandStatusValue CommandWorker::attempt(CommandStatusValue status) {
  if (const QString error = m_journal.recordAttempt(status.idempotencyKey); !error.isEmpty())
    reportJournal(error); // the key is journaled already; only the counter is off
  ++status.attempts;
  const CommandAnswer answer = sendCommand(m_channel, status.idempotencyKey, status.request);
  status.state = answer.state;
  // The daemon checks the token before the key: after an unanswered attempt, a refused token
  // says nothing about whether that attempt executed. Keep the key for a better token.
  const bool tokenRefused =
      answer.failure == CommandFailure::Unauthenticated || answer.failure == CommandFailure::PermissionDenied;
  if (tokenRefused && status.attempts > 1)
    status.state = CommandState::Pending;
  status.failure = answer.failure;
  status.message = answer.message;
  status.audit = answer.audit;
  status.auditSeq = answer.audit.seq;
  status.replayed = answer.replayed;
  status.finishedAtMs = answer.state == CommandState::Pending ? 0 : nowMs();
  if (const QString error = m_journal.finish(status); !error.isEmpty())
    reportJournal(error);
  emit updated(status);
  return status;
}

void CommandWorker::resendPending() {
  QString error;
  const auto rows = m_journal.pending(m_channel.targetKey(), error);
  if (!error.isEmpty())
    reportJournal(error);
  int resolved = 0, stillPending = 0;
  bool unreachable = false;
  for (auto row : rows) {
    if (unreachable || !m_channel.hasTarget()) {
      ++stillPending; // one transport failure per round: the rest wait for the next one
      continue;
    }
    if (row.state != CommandState::Pending) { // a row this version cannot read
      row.finishedAtMs = nowMs();
      m_journal.finish(row);
      emit updated(row);
      ++resolved;
      continue;
    }
    const auto after = attempt(row);
    unreachable = after.failure == CommandFailure::Unreachable;
    (after.state == CommandState::Pending ? stillPending : resolved) += 1;
  }
  if (!unreachable)
    m_retryDelayMs = 0;
  if (stillPending > 0)
    scheduleRetry();
  emit resendFinished(resolved, stillPending);
}

void CommandWorker::scheduleRetry() {
  if (!m_autoResend || !m_retryTimer || m_retryTimer->isActive())
    return;
  m_retryDelayMs = m_retryDelayMs == 0
                       ? m_backoff.initialMs
                       : std::min(m_backoff.maxMs, static_cast<int>(m_retryDelayMs * m_backoff.multiplier));
  std::uniform_real_distribution<double> jitter(1.0 - m_backoff.jitterRatio, 1.0 + m_backoff.jitterRatio);
  m_retryTimer->start(static_cast<int>(m_retryDelayMs * jitter(m_rng)));
}

void CommandWorker::fetchAudit(int limit, const QString &kind) {
  auto result = queryNewestAudit(m_channel, limit, kind);
  if (!result.status.ok()) {
    emit auditFailed(QString::fromStdString(result.status.error_message()), failureOf(result.status));
    return;
  }
  emit auditReceived(result.entries);
}

} // namespace pxp::client
