#pragma once
// Daemon: pxpd's gRPC server (ControlPlane, health, reflection) around the engine.
// The console embeds it too (no listening port, an in-process channel).
// Thread affinity: start()/stop() from one owner thread; gRPC calls run on gRPC's threads.

#include "pxpd/DaemonConfig.h"
#include "pxpd/Result.h"
#include "pxpd/TokenRegistry.h"

#include <cstdint>
#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace pxpd {

class Clock;

class Daemon {
public:
  // `clock` drives the engine (tests pass a ManualClock); null = the system clock.
  explicit Daemon(DaemonConfig config, const Clock *clock = nullptr);
  ~Daemon();
  Daemon(const Daemon &) = delete;
  Daemon &operator=(const Daemon &) = delete;

  // Loads the SLO and policy definitions (an invalid file fails the start with file:line),
  // binds the listen address (unless `inProcessOnly`) and starts serving; `runTicker` = false
  // leaves evaluation to tickNow() (hermetic tests with a ManualClock).
  Result<Ok> start(bool inProcessOnly = false, bool runTicker = true);
  // Reloads SLO and policy files (re-reading the config file's lists), as SIGHUP does. On an
  // error nothing changes and the error (file:line) is returned; either way it is audited
  // as AUDIT_KIND_CONFIG by `actor`. Returns a one-line summary of what changed.
  Result<std::string> reload(const std::string &actor);
  // One engine evaluation now (tests).
  void tickNow();
  // The newest event revision (tests of Watch resume).
  std::int64_t headRevision() const;
  // Graceful stop: open calls get up to `graceMs` to finish, Watch streams are ended.
  void stop(int graceMs = 500);
  // Blocks until stop() is called from another thread or a signal handler thread.
  void wait();

  // The port actually bound (useful with port 0); 0 when in-process only.
  int boundPort() const;
  // A channel to this server that never touches the network.
  std::shared_ptr<grpc::Channel> inProcessChannel();

  const TokenRegistry &tokens() const;
  const DaemonConfig &config() const;

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

} // namespace pxpd
