#pragma once
// DaemonFixture: a hermetic pxpd for tests — in-process gRPC channel, a ManualClock moved by
// hand, ticks only when the test says — plus WatchStream, which waits (bounded, no sleeps)
// for the events a test expects.
// Thread affinity: the test thread.

#include "pxp/v1/control_plane.grpc.pb.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include <grpcpp/grpcpp.h>

#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace testing {

constexpr std::int64_t kStartMs = 1'764'000'000'000; // a fixed epoch ms: hermetic
constexpr std::int64_t kTickMs = 10'000;

inline std::string writeFile(const QTemporaryDir &dir, const QString &name, const std::string &text) {
  const QString path = dir.filePath(name);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
    qFatal("cannot write %s", qPrintable(path));
  f.write(text.data(), static_cast<qint64>(text.size()));
  return path.toStdString();
}

struct DaemonFixture {
  pxpd::ManualClock clock{kStartMs};
  pxpd::DaemonConfig config;
  std::unique_ptr<pxpd::Daemon> daemon;
  std::unique_ptr<pxp::v1::ControlPlane::Stub> stub;
  std::map<std::string, std::string> tokens; // role -> token
  std::string startError;

  // `startMs`: the engine's start time (tests of real backends start at the data's time).
  explicit DaemonFixture(std::function<void(pxpd::DaemonConfig &)> configure = {}, std::int64_t startMs = kStartMs) {
    clock.setMs(startMs);
    config.simulate = true;
    config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    for (const auto &t : config.tokens)
      tokens[t.name.substr(5)] = t.secret; // "demo-viewer" -> "viewer"
    if (configure)
      configure(config);
    daemon = std::make_unique<pxpd::Daemon>(config, &clock);
    if (auto started = daemon->start(/*inProcessOnly=*/true, /*runTicker=*/false); !started) {
      startError = started.error();
      return;
    }
    stub = pxp::v1::ControlPlane::NewStub(daemon->inProcessChannel());
  }
  ~DaemonFixture() { daemon->stop(0); }
  bool started() const { return startError.empty(); }

  void advance(std::int64_t ms) {
    for (std::int64_t t = 0; t < ms; t += kTickMs) {
      clock.advanceMs(kTickMs);
      daemon->tickNow();
    }
  }

  // Deadlines stretch under a sanitizer (tests/sanitize.sh sets PXP_TEST_DEADLINE_SCALE): a
  // ThreadSanitizer build runs 5-15x slower, and a deadline is not what those runs check.
  static int deadlineScale() {
    const int scale = qEnvironmentVariableIntValue("PXP_TEST_DEADLINE_SCALE");
    return scale > 1 ? scale : 1;
  }

  std::unique_ptr<grpc::ClientContext> context(const std::string &role, int seconds = 10) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds * deadlineScale()));
    ctx->AddMetadata("authorization", "Bearer " + tokens[role]);
    return ctx;
  }

  pxp::v1::Snapshot snapshot() {
    auto ctx = context("viewer");
    auto reader = stub->Watch(ctx.get(), {});
    pxp::v1::WatchResponse resp;
    if (!reader->Read(&resp))
      qFatal("Watch gave no snapshot");
    ctx->TryCancel();
    reader->Finish();
    return resp.snapshot();
  }

  static pxp::v1::CommandMeta meta(const std::string &key, const std::string &reason = "test") {
    pxp::v1::CommandMeta m;
    m.set_idempotency_key(key);
    m.set_reason(reason);
    return m;
  }

  pxp::v1::CommandResult reloadConfig(const std::string &role, const std::string &key, grpc::Status *status = nullptr) {
    pxp::v1::ReloadConfigRequest req;
    *req.mutable_meta() = meta(key, "picked up edited SLO files");
    pxp::v1::CommandResult result;
    auto ctx = context(role);
    const auto s = stub->ReloadConfig(ctx.get(), req, &result);
    if (status)
      *status = s;
    return result;
  }

  std::vector<pxp::v1::AuditEntry> audit(pxp::v1::AuditKind kind) {
    pxp::v1::QueryAuditRequest q;
    q.set_kind(kind);
    q.set_limit(1000);
    pxp::v1::QueryAuditResponse resp;
    auto ctx = context("viewer");
    stub->QueryAudit(ctx.get(), q, &resp);
    return {resp.entries().begin(), resp.entries().end()};
  }

  static const pxp::v1::SloStatus *status(const pxp::v1::Snapshot &s, const std::string &id) {
    for (const auto &st : s.statuses())
      if (st.slo_id() == id)
        return &st;
    return nullptr;
  }
  static const pxp::v1::SloDefinition *definition(const pxp::v1::Snapshot &s, const std::string &id) {
    for (const auto &d : s.slos())
      if (d.id() == id)
        return &d;
    return nullptr;
  }
};

// A Watch held open by a test: the snapshot first, then events on demand.
class WatchStream {
public:
  explicit WatchStream(DaemonFixture &f, int seconds = 30) : m_ctx(f.context("viewer", seconds)) {
    m_reader = f.stub->Watch(m_ctx.get(), {});
    pxp::v1::WatchResponse resp;
    if (m_reader->Read(&resp))
      m_snapshot = resp.snapshot();
  }
  ~WatchStream() {
    m_ctx->TryCancel();
    m_reader->Finish();
  }
  const pxp::v1::Snapshot &snapshot() const { return m_snapshot; }

  // The first event since the snapshot that `match` accepts, reading more until one arrives or
  // the stream's deadline passes (nullopt). Every event read is kept in seen().
  std::optional<pxp::v1::Event> waitFor(const std::function<bool(const pxp::v1::Event &)> &match) {
    std::size_t next = 0;
    for (;;) {
      for (; next < m_seen.size(); ++next)
        if (match(m_seen[next]))
          return m_seen[next];
      pxp::v1::WatchResponse resp;
      if (!m_reader->Read(&resp))
        return std::nullopt;
      for (const auto &e : resp.events())
        m_seen.push_back(e);
    }
  }
  const std::vector<pxp::v1::Event> &seen() const { return m_seen; }

private:
  std::unique_ptr<grpc::ClientContext> m_ctx;
  std::unique_ptr<grpc::ClientReader<pxp::v1::WatchResponse>> m_reader;
  pxp::v1::Snapshot m_snapshot;
  std::vector<pxp::v1::Event> m_seen;
};

} // namespace testing
