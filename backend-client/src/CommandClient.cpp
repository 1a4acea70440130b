#include "pxp/client/CommandClient.h"

#include "CommandWorker.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <array>

namespace pxp::client {

class CommandClient::Impl {
public:
  QThread thread;
  CommandWorker *worker = nullptr;  // lives on `thread`, deleted when it finishes
  QList<CommandStatusValue> recent; // newest first; GUI thread only
  bool ready = false;

  CommandStatusValue *find(const QString &key) {
    for (auto &row : recent)
      if (row.idempotencyKey == key)
        return &row;
    return nullptr;
  }

  void remember(const CommandStatusValue &status) {
    if (auto *row = find(status.idempotencyKey)) {
      // A refusal before sending (a key reused for another command) leaves the journaled row.
      const bool notSent = status.attempts == 0 && status.state == CommandState::Failed;
      if (!notSent || row->attempts == 0)
        *row = status;
      return;
    }
    recent.prepend(status);
    while (recent.size() > 2 * qsizetype(CommandJournal::kKeepFinished))
      recent.removeLast();
  }

  template <typename F> void post(F &&f) {
    QMetaObject::invokeMethod(
        worker, [w = worker, f = std::forward<F>(f)] { f(*w); }, Qt::QueuedConnection);
  }
};

CommandClient::CommandClient(const QString &journalFile, QObject *parent)
    : QObject(parent), d(std::make_unique<Impl>()) {
  qRegisterMetaType<CommandStatusValue>();
  qRegisterMetaType<CommandFailure>();
  qRegisterMetaType<ConnectionTarget>();
  qRegisterMetaType<QList<CommandStatusValue>>();
  qRegisterMetaType<QList<AuditValue>>();
  d->worker = new CommandWorker(journalFile); // owned by the thread: deleteLater on finished
  d->worker->moveToThread(&d->thread);
  connect(&d->thread, &QThread::finished, d->worker, &QObject::deleteLater);
  connect(d->worker, &CommandWorker::loaded, this, [this](const QList<CommandStatusValue> &rows) {
    // Commands submitted before the journal was read are already in the cache and newer.
    QList<CommandStatusValue> merged = d->recent;
    for (const auto &row : rows)
      if (std::none_of(merged.begin(), merged.end(),
                       [&](const auto &m) { return m.idempotencyKey == row.idempotencyKey; }))
        merged.push_back(row);
    d->recent = merged;
    d->ready = true;
    emit journalReady();
  });
  connect(d->worker, &CommandWorker::updated, this, [this](const CommandStatusValue &status) {
    d->remember(status);
    emit commandUpdated(status);
  });
  connect(d->worker, &CommandWorker::journalError, this, &CommandClient::journalError);
  connect(d->worker, &CommandWorker::resendFinished, this, &CommandClient::resendFinished);
  connect(d->worker, &CommandWorker::auditReceived, this, &CommandClient::auditReceived);
  connect(d->worker, &CommandWorker::auditFailed, this, &CommandClient::auditFailed);
  d->thread.setObjectName(QStringLiteral("pxp-commands"));
  d->thread.start();
  const qint64 startMs = QDateTime::currentMSecsSinceEpoch();
  d->post([startMs](CommandWorker &w) { w.start(startMs); });
}

CommandClient::~CommandClient() {
  // A call in flight ends as CANCELLED: its key stays pending and is re-sent next time.
  d->worker->cancelAll();
  d->thread.quit();
  d->thread.wait();
}

void CommandClient::setBackoff(const BackoffPolicy &policy) {
  d->post([policy](CommandWorker &w) { w.setBackoff(policy); });
}

void CommandClient::setAutoResend(bool on) {
  d->post([on](CommandWorker &w) { w.setAutoResend(on); });
}

void CommandClient::setTarget(const ConnectionTarget &target) {
  d->post([target](CommandWorker &w) { w.setTarget(target); });
}

QString CommandClient::newIdempotencyKey() {
  std::array<quint32, 4> words{};
  QRandomGenerator::system()->fillRange(words.data(), words.size());
  QString key;
  for (quint32 word : words)
    key += QStringLiteral("%1").arg(word, 8, 16, QLatin1Char('0'));
  return key;
}

QString CommandClient::submit(const CommandRequestValue &request) {
  return submit(request, newIdempotencyKey());
}

QString CommandClient::submit(const CommandRequestValue &request, const QString &idempotencyKey) {
  CommandStatusValue status;
  status.idempotencyKey = idempotencyKey;
  status.request = request;
  status.submittedAtMs = QDateTime::currentMSecsSinceEpoch();
  if (!d->find(idempotencyKey))
    d->remember(status);
  // Queued, so the caller holds the key before the first update arrives.
  QMetaObject::invokeMethod(
      this, [this, status] { emit commandUpdated(status); }, Qt::QueuedConnection);
  d->post([status](CommandWorker &w) { w.submit(status); });
  return idempotencyKey;
}

void CommandClient::resendPending() {
  d->post([](CommandWorker &w) { w.resendPending(); });
}

QList<CommandStatusValue> CommandClient::recent() const {
  return d->recent;
}

bool CommandClient::isJournalReady() const {
  return d->ready;
}

void CommandClient::fetchAudit(int limit, const QString &kind) {
  d->post([limit, kind](CommandWorker &w) { w.fetchAudit(limit, kind); });
}

} // namespace pxp::client
