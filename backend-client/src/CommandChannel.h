#pragma once
// CommandChannel: the command worker's stub for one ConnectionTarget. Built on demand, dropped
// after a transport failure so the next attempt dials afresh (an in-process channel dies with
// its server), and cancellable when the client goes away.
// Thread affinity: the CommandClient worker thread; cancelAll() from any thread.

#include "pxp/client/ConnectionTarget.h"

#include "pxp/v1/control_plane.grpc.pb.h"

#include <QString>

#include <functional>
#include <memory>
#include <mutex>

namespace pxp::client {

class CommandChannel {
public:
  CommandChannel();
  ~CommandChannel();

  void setTarget(const ConnectionTarget &target);
  bool hasTarget() const { return m_hasTarget; }
  // The journal's name for the daemon a command is meant for: "profile@address" (no secrets).
  QString targetKey() const { return m_hasTarget ? keyOf(m_target) : QString(); }
  static QString keyOf(const ConnectionTarget &target);

  // Runs one call with a fresh context (deadline `deadlineMs`, bearer token). A missing channel
  // is reported as UNAVAILABLE with makeChannel's words; a transport failure drops the stub.
  using Call = std::function<grpc::Status(pxp::v1::ControlPlane::Stub &, grpc::ClientContext &)>;
  grpc::Status call(int deadlineMs, const Call &call);

  // Cancels the call in flight and refuses new ones (the client is being destroyed).
  void cancelAll();

  static bool isTransportFailure(const grpc::Status &status);

private:
  ConnectionTarget m_target;
  bool m_hasTarget = false;
  std::unique_ptr<pxp::v1::ControlPlane::Stub> m_stub;

  std::mutex m_mutex;
  grpc::ClientContext *m_inFlight = nullptr; // guarded by m_mutex
  bool m_cancelled = false;                  // guarded by m_mutex
};

} // namespace pxp::client
