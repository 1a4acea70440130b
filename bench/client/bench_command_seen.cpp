// bench_command_seen: how soon a second console sees a manual command's effect. A commander's
// CommandClient flips a feature flag on a pxpd on loopback TCP; an independent viewer's
// BackendConnection (the console's Watch path, with its 40 ms drain) waits for the flag's
// new state. Baseline in the same run: the command's own round trip (submit until the daemon
// confirmed it, journal write included). Target (issue 6): every watching console sees the
// effect within a second. Prints medians, p99 and max over N commands.
// Run: build-*/bench/client/bench_command_seen [commands, default 200]

#include "pxp/client/BackendConnection.h"
#include "pxp/client/CommandClient.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using pxp::client::BackendConnection;
using pxp::client::CommandClient;
using pxp::client::CommandKind;
using pxp::client::CommandRequestValue;
using pxp::client::CommandState;
using pxp::client::CommandStatusValue;

namespace {

double percentile(std::vector<double> v, double p) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const int n = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
  QTemporaryDir dir;
  pxpd::ManualClock clock{1'764'000'000'000};
  pxpd::DaemonConfig config;
  config.simulate = true;
  config.listen = "127.0.0.1:0";
  config.tokens = pxpd::TokenRegistry::generateDemoTokens();
  pxpd::Daemon daemon(config, &clock);
  if (auto started = daemon.start(false, false); !started) {
    std::fprintf(stderr, "bench_command_seen: %s\n", started.error().c_str());
    return 1;
  }
  auto target = [&](const char *name) {
    pxp::client::ConnectionTarget t;
    t.profileName = QStringLiteral("bench");
    t.address = QStringLiteral("127.0.0.1:%1").arg(daemon.boundPort());
    for (const auto &tok : config.tokens)
      if (tok.name == name)
        t.token = QString::fromStdString(tok.secret);
    return t;
  };

  BackendConnection watcher;
  QEventLoop ready;
  QObject::connect(&watcher, &BackendConnection::snapshotReceived, &ready, &QEventLoop::quit);
  watcher.start(target("demo-viewer"));
  QTimer::singleShot(10000, &ready, &QEventLoop::quit);
  ready.exec();

  CommandClient commands(dir.filePath(QStringLiteral("journal.sqlite")));
  commands.setTarget(target("demo-commander"));

  const QString flag = QStringLiteral("search.semantic-ranking");
  std::vector<double> confirmedMs, seenMs;
  QElapsedTimer clockMs;
  bool wantEnabled = false, confirmed = false, seen = false;
  QString key;
  QEventLoop loop;
  QObject::connect(&commands, &CommandClient::commandUpdated, [&](const CommandStatusValue &s) {
    if (s.idempotencyKey == key && s.state != CommandState::Pending && !confirmed) {
      confirmed = true;
      confirmedMs.push_back(static_cast<double>(clockMs.nsecsElapsed()) / 1e6);
      if (seen)
        loop.quit();
    }
  });
  QObject::connect(&watcher, &BackendConnection::deltaReceived, [&](const pxp::client::WorldDelta &d) {
    for (const auto &f : d.flags)
      if (f.key == flag && f.enabled == wantEnabled && !seen && clockMs.isValid()) {
        seen = true;
        seenMs.push_back(static_cast<double>(clockMs.nsecsElapsed()) / 1e6);
        if (confirmed)
          loop.quit();
      }
  });
  for (int i = 0; i < n; ++i) {
    wantEnabled = i % 2 == 1;
    confirmed = seen = false;
    CommandRequestValue r;
    r.kind = CommandKind::SetFlag;
    r.flagKey = flag;
    r.enabled = wantEnabled;
    r.reason = QStringLiteral("bench_command_seen");
    clockMs.start();
    key = commands.submit(r);
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(10000);
    loop.exec();
    if (!confirmed || !seen) {
      std::fprintf(stderr, "bench_command_seen: command %d not %s within 10 s\n", i, confirmed ? "seen" : "confirmed");
      return 1;
    }
  }
  watcher.stop();
  daemon.stop(0);
  std::printf("%d flag commands, commander CommandClient -> pxpd (loopback TCP) -> viewer Watch\n", n);
  std::printf("  confirmed to the sender (baseline): median %.1f ms  p99 %.1f ms  max %.1f ms\n",
              percentile(confirmedMs, 0.5), percentile(confirmedMs, 0.99), percentile(confirmedMs, 1.0));
  std::printf("  seen by a second console:           median %.1f ms  p99 %.1f ms  max %.1f ms  (target < 1000 ms)\n",
              percentile(seenMs, 0.5), percentile(seenMs, 0.99), percentile(seenMs, 1.0));
  std::printf("  ratio seen/confirmed (medians): %.2f\n", percentile(seenMs, 0.5) / percentile(confirmedMs, 0.5));
  return 0;
}
