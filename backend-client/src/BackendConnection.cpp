#include "pxp/client/BackendConnection.h"

#include "ChannelFactory.h"
#include "ProtoConvert.h"

#include "pxp/v1/control_plane.grpc.pb.h"

#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

namespace pxp::client {

// Worker: the blocking gRPC loop. Runs on its own std::thread; talks to the owner only through
// queued invocations guarded by a QPointer, so a callback never reaches a dead receiver.
class BackendConnection::Worker {
public:
  Worker(ConnectionTarget target, BackoffPolicy backoff, BackendConnection *owner)
      : m_target(std::move(target)), m_backoff(backoff), m_owner(owner), m_thread([this] { run(); }) {}

  ~Worker() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
      if (m_call)
        m_call->TryCancel();
    }
    m_cv.notify_all();
    m_thread.join();
  }

private:
  static constexpr int kUnaryDeadlineMs = 5000;

  void post(ConnectionState state, const QString &detail) {
    QPointer<BackendConnection> owner = m_owner;
    QMetaObject::invokeMethod(
        m_owner,
        [owner, state, detail] {
          if (owner)
            owner->onState(state, detail);
        },
        Qt::QueuedConnection);
  }

  void postIdentity(const Identity &identity) {
    QPointer<BackendConnection> owner = m_owner;
    QMetaObject::invokeMethod(
        m_owner,
        [owner, identity] {
          if (owner) {
            owner->m_identity = identity;
            emit owner->identityChanged(identity);
          }
        },
        Qt::QueuedConnection);
  }

  void setAuth(grpc::ClientContext &ctx) const {
    if (!m_target.token.isEmpty())
      ctx.AddMetadata("authorization", "Bearer " + m_target.token.toStdString());
  }

  // Returns false when stopping. Sleeps the backoff delay, interruptibly.
  bool backoffWait(int &delayMs) {
    std::uniform_real_distribution<double> jitter(1.0 - m_backoff.jitterRatio, 1.0 + m_backoff.jitterRatio);
    const auto waitMs = static_cast<int>(delayMs * jitter(m_rng));
    delayMs = std::min(m_backoff.maxMs, static_cast<int>(delayMs * m_backoff.multiplier));
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stopping; });
  }

  bool stopping() {
    std::lock_guard lock(m_mutex);
    return m_stopping;
  }

  grpc::Status whoAmI(pxp::v1::ControlPlane::Stub &stub, Identity &out) {
    grpc::ClientContext ctx;
    setAuth(ctx);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(kUnaryDeadlineMs));
    pxp::v1::WhoAmIResponse resp;
    const auto status = stub.WhoAmI(&ctx, pxp::v1::WhoAmIRequest{}, &resp);
    if (!status.ok())
      return status;
    out.actor = QString::fromStdString(resp.actor());
    out.role = static_cast<Role>(resp.role());
    out.allowedCommands.clear();
    for (const auto &c : resp.allowed_commands())
      out.allowedCommands << QString::fromStdString(c);
    out.serverVersion = QString::fromStdString(resp.server_version());
    out.world = QString::fromStdString(resp.world());
    return status;
  }

  void postSnapshot(WorldSnapshot snapshot, std::int64_t revision) {
    {
      std::lock_guard lock(m_mutex);
      m_pending = WorldDelta{}; // a snapshot supersedes every pending change
      m_hasPending = false;
    }
    QPointer<BackendConnection> owner = m_owner;
    QMetaObject::invokeMethod(
        m_owner,
        [owner, snapshot = std::move(snapshot), revision] {
          if (owner) {
            owner->m_lastRevision = revision;
            emit owner->snapshotReceived(snapshot);
          }
        },
        Qt::QueuedConnection);
  }

  void postDelta(WorldDelta delta) {
    bool schedule = false;
    {
      std::lock_guard lock(m_mutex);
      mergeDelta(m_pending, std::move(delta));
      schedule = !m_hasPending;
      m_hasPending = true;
    }
    if (!schedule)
      return; // the GUI has a drain pending; it will take this too
    QPointer<BackendConnection> owner = m_owner;
    QMetaObject::invokeMethod(
        m_owner,
        [owner] {
          if (owner)
            owner->drain();
        },
        Qt::QueuedConnection);
  }

public:
  // GUI thread: takes what accumulated since the last drain.
  WorldDelta takePending() {
    std::lock_guard lock(m_mutex);
    WorldDelta out = std::move(m_pending);
    m_pending = WorldDelta{};
    m_hasPending = false;
    return out;
  }

private:
  // Runs Watch until the stream ends. Returns the final status.
  grpc::Status watch(pxp::v1::ControlPlane::Stub &stub) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    setAuth(*ctx);
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping)
        return grpc::Status::CANCELLED;
      m_call = ctx.get();
    }
    pxp::v1::WatchRequest req;
    req.set_resume_after_revision(m_revision);
    req.set_stream_id(m_streamId);
    auto reader = stub.Watch(ctx.get(), req);
    pxp::v1::WatchResponse resp;
    while (reader->Read(&resp)) {
      if (resp.has_snapshot()) {
        postSnapshot(toSnapshot(resp.snapshot()), resp.revision());
      } else if (resp.events_size() > 0) {
        WorldDelta delta;
        appendEvents(resp, delta);
        postDelta(std::move(delta));
      }
      m_revision = resp.revision();
      m_streamId = resp.stream_id();
    }
    auto status = reader->Finish();
    std::lock_guard lock(m_mutex);
    m_call = nullptr;
    return status;
  }

  void run() {
    int delayMs = m_backoff.initialMs;
    bool everConnected = false;
    std::unique_ptr<pxp::v1::ControlPlane::Stub> stub;
    while (!stopping()) {
      // A TCP channel reconnects by itself; an in-process one dies with its server, so an
      // embedded target gets a fresh channel on every attempt.
      if (!stub || m_target.isEmbedded()) {
        auto channel = makeChannel(m_target);
        if (!channel.channel) {
          post(ConnectionState::Failed, channel.error);
          return;
        }
        stub = pxp::v1::ControlPlane::NewStub(channel.channel);
      }
      post(everConnected ? ConnectionState::Reconnecting : ConnectionState::Connecting, m_target.describe());
      Identity identity;
      auto status = whoAmI(*stub, identity);
      if (status.ok()) {
        everConnected = true;
        delayMs = m_backoff.initialMs;
        postIdentity(identity);
        post(ConnectionState::Connected, m_target.describe());
        status = watch(*stub);
        if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
          // An older daemon without Watch: stay connected, nothing will stream.
          std::unique_lock lock(m_mutex);
          m_cv.wait(lock, [this] { return m_stopping; });
          break;
        }
      }
      if (stopping())
        break;
      const bool authFailure = status.error_code() == grpc::StatusCode::UNAUTHENTICATED ||
                               status.error_code() == grpc::StatusCode::PERMISSION_DENIED;
      post(authFailure ? ConnectionState::Failed : ConnectionState::Reconnecting,
           m_target.describe() + QStringLiteral(": ") + QString::fromStdString(status.error_message()));
      if (authFailure)
        delayMs = m_backoff.maxMs; // a wrong token does not fix itself quickly
      if (!backoffWait(delayMs))
        break;
    }
    post(ConnectionState::Disconnected, QStringLiteral("stopped"));
  }

  const ConnectionTarget m_target;
  const BackoffPolicy m_backoff;
  BackendConnection *const m_owner;
  std::mt19937 m_rng{std::random_device{}()};
  std::int64_t m_revision = 0; // worker-thread only
  std::string m_streamId;      // worker-thread only: the daemon run m_revision belongs to

  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stopping = false;               // guarded by m_mutex
  WorldDelta m_pending;                  // guarded by m_mutex: changes the GUI has not drained
  bool m_hasPending = false;             // guarded by m_mutex
  grpc::ClientContext *m_call = nullptr; // guarded by m_mutex: the open Watch, for TryCancel
  std::thread m_thread;                  // last: starts after the members above exist
};

BackendConnection::BackendConnection(QObject *parent) : QObject(parent) {
  qRegisterMetaType<Identity>();
  qRegisterMetaType<ConnectionState>();
  qRegisterMetaType<WorldSnapshot>();
  qRegisterMetaType<WorldDelta>();
}

void BackendConnection::drain() {
  if (m_drainScheduled || !m_worker)
    return;
  m_drainScheduled = true;
  // One pending single-shot timer: whatever arrives meanwhile joins this batch.
  QTimer::singleShot(kDrainIntervalMs, this, [this] {
    m_drainScheduled = false;
    if (!m_worker)
      return;
    WorldDelta delta = m_worker->takePending();
    if (delta.revision == 0)
      return;
    m_lastRevision = delta.revision;
    emit deltaReceived(delta);
  });
}

BackendConnection::~BackendConnection() {
  m_worker.reset();
}

void BackendConnection::setBackoff(const BackoffPolicy &policy) {
  m_backoff = policy;
}

void BackendConnection::start(const ConnectionTarget &target) {
  m_worker.reset();
  m_target = target;
  emit targetChanged(target.describe());
  m_worker = std::make_unique<Worker>(target, m_backoff, this);
}

void BackendConnection::stop() {
  m_worker.reset();
  onState(ConnectionState::Disconnected, QStringLiteral("stopped"));
}

void BackendConnection::onState(ConnectionState state, const QString &detail) {
  if (!m_worker && state != ConnectionState::Disconnected)
    return; // a late report from a worker that was stopped
  m_state = state;
  emit stateChanged(state, detail);
}

} // namespace pxp::client
