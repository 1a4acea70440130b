#pragma once
// Daemon: pxpd's gRPC server (ControlPlane, health, reflection) around the engine.
// The console embeds it too (no listening port, an in-process channel).
// Thread affinity: start()/stop() from one owner thread; gRPC calls run on gRPC's threads.

#include "pxpd/DaemonConfig.h"
#include "pxpd/Result.h"
#include "pxpd/TokenRegistry.h"

#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace pxpd {

class Daemon {
public:
  explicit Daemon(DaemonConfig config);
  ~Daemon();
  Daemon(const Daemon &) = delete;
  Daemon &operator=(const Daemon &) = delete;

  // Binds the listen address (unless `inProcessOnly`) and starts serving.
  Result<Ok> start(bool inProcessOnly = false);
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
