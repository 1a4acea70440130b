#include "CommandChannel.h"

#include "ChannelFactory.h"

#include "pxp/v1/control_plane.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <chrono>

namespace pxp::client {

CommandChannel::CommandChannel() = default;
CommandChannel::~CommandChannel() = default;

void CommandChannel::setTarget(const ConnectionTarget &target) {
  m_target = target;
  m_hasTarget = true;
  m_stub.reset();
}

QString CommandChannel::keyOf(const ConnectionTarget &target) {
  return target.profileName + QLatin1Char('@') + (target.isEmbedded() ? QStringLiteral("embedded") : target.address);
}

bool CommandChannel::isTransportFailure(const grpc::Status &status) {
  switch (status.error_code()) {
  case grpc::StatusCode::UNAVAILABLE:
  case grpc::StatusCode::DEADLINE_EXCEEDED:
  case grpc::StatusCode::CANCELLED: return true;
  default: return false;
  }
}

grpc::Status CommandChannel::call(int deadlineMs, const Call &call) {
  if (!m_hasTarget)
    return {grpc::StatusCode::UNAVAILABLE, "no pxpd connection is set up"};
  if (!m_stub) {
    auto channel = makeChannel(m_target);
    if (!channel.channel)
      return {grpc::StatusCode::UNAVAILABLE, channel.error.toStdString()};
    m_stub = pxp::v1::ControlPlane::NewStub(channel.channel);
  }
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadlineMs));
  if (!m_target.token.isEmpty())
    ctx.AddMetadata("authorization", "Bearer " + m_target.token.toStdString());
  {
    std::lock_guard lock(m_mutex);
    if (m_cancelled)
      return {grpc::StatusCode::CANCELLED, "the console is closing"};
    m_inFlight = &ctx;
  }
  const grpc::Status status = call(*m_stub, ctx);
  {
    std::lock_guard lock(m_mutex);
    m_inFlight = nullptr;
  }
  if (isTransportFailure(status))
    m_stub.reset(); // the next attempt dials afresh instead of waiting out the channel's backoff
  return status;
}

void CommandChannel::cancelAll() {
  std::lock_guard lock(m_mutex);
  m_cancelled = true;
  if (m_inFlight)
    m_inFlight->TryCancel();
}

} // namespace pxp::client
