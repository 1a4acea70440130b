#pragma once
// A pxpd engine for CommandClient tests: in-process (or on a loopback port), demo tokens,
// a hand-driven clock and no ticker, plus the few daemon reads the tests assert on.

#include "pxp/client/CommandClient.h"
#include "pxp/v1/control_plane.grpc.pb.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include <QSignalSpy>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <map>

namespace pxp::testing {

constexpr std::int64_t kStartMs = 1'764'000'000'000; // a fixed epoch ms: hermetic

struct TestDaemon {
  pxpd::ManualClock clock{kStartMs};
  pxpd::DaemonConfig config;
  std::unique_ptr<pxpd::Daemon> daemon;
  std::map<QString, QString> tokens; // role -> token

  // `listen` empty: in-process only. Otherwise "127.0.0.1:PORT" (0 = any free port).
  explicit TestDaemon(const QString &listen = QString(), std::vector<pxpd::TokenSpec> reuseTokens = {}) {
    config.simulate = true;
    config.tokens = reuseTokens.empty() ? pxpd::TokenRegistry::generateDemoTokens() : std::move(reuseTokens);
    for (const auto &t : config.tokens)
      tokens[QString::fromStdString(t.name.substr(5))] = QString::fromStdString(t.secret); // "demo-viewer"
    if (!listen.isEmpty())
      config.listen = listen.toStdString();
    daemon = std::make_unique<pxpd::Daemon>(config, &clock);
    if (!daemon->start(/*inProcessOnly=*/listen.isEmpty(), /*runTicker=*/false))
      qFatal("engine did not start");
    // The payments canary starts 30 simulated seconds in.
    clock.advanceMs(60'000);
    daemon->tickNow();
  }
  ~TestDaemon() { daemon->stop(0); }

  client::ConnectionTarget target(const QString &role) {
    client::ConnectionTarget t;
    t.profileName = QStringLiteral("test");
    if (daemon->boundPort() > 0) {
      t.address = QStringLiteral("127.0.0.1:%1").arg(daemon->boundPort());
    } else {
      pxpd::Daemon *d = daemon.get();
      t.inProcessChannel = [d] { return d->inProcessChannel(); };
    }
    t.token = tokens[role];
    return t;
  }

  std::unique_ptr<pxp::v1::ControlPlane::Stub> stub() {
    return pxp::v1::ControlPlane::NewStub(daemon->inProcessChannel());
  }

  std::unique_ptr<grpc::ClientContext> context(const QString &role = QStringLiteral("viewer")) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    ctx->AddMetadata("authorization", "Bearer " + tokens[role].toStdString());
    return ctx;
  }

  pxp::v1::Snapshot snapshot() {
    auto ctx = context();
    auto s = stub();
    auto reader = s->Watch(ctx.get(), {});
    pxp::v1::WatchResponse resp;
    if (!reader->Read(&resp))
      qFatal("Watch gave no snapshot");
    ctx->TryCancel();
    reader->Finish();
    return resp.snapshot();
  }

  // Audit entries of every kind that carry `key`.
  std::vector<pxp::v1::AuditEntry> auditFor(const QString &key) {
    pxp::v1::QueryAuditRequest req;
    req.set_limit(1000);
    pxp::v1::QueryAuditResponse resp;
    auto ctx = context();
    if (!stub()->QueryAudit(ctx.get(), req, &resp).ok())
      qFatal("QueryAudit failed");
    std::vector<pxp::v1::AuditEntry> out;
    for (const auto &e : resp.entries())
      if (e.idempotency_key() == key.toStdString())
        out.push_back(e);
    return out;
  }
};

// Records every commandUpdated of a client; waitFor() takes them in order.
class Answers {
public:
  explicit Answers(client::CommandClient &commands) : m_spy(&commands, &client::CommandClient::commandUpdated) {}

  // The next answer to `key`: a final state, or a pending one after an attempt.
  client::CommandStatusValue waitFor(const QString &key, int timeoutMs = 15000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
      for (; m_seen < m_spy.size(); ++m_seen) {
        const auto s = m_spy.at(m_seen).at(0).value<client::CommandStatusValue>();
        if (s.idempotencyKey == key && (s.state != client::CommandState::Pending || s.attempts > 0)) {
          ++m_seen;
          return s;
        }
      }
      m_spy.wait(50);
    }
    qFatal("no answer for %s", qPrintable(key));
  }

private:
  QSignalSpy m_spy;
  qsizetype m_seen = 0;
};

inline client::CommandRequestValue request(client::CommandKind kind, const QString &reason = QStringLiteral("test")) {
  client::CommandRequestValue r;
  r.kind = kind;
  r.reason = reason;
  return r;
}

} // namespace pxp::testing
