#pragma once
// CommandRpc: one command over pxp.v1.ControlPlane. Builds the request for its kind with the
// idempotency key, calls the stub, and reads the answer (or the transport's failure) as the
// command's next state.
// Thread affinity: any thread (the CommandClient worker calls it).

#include "CommandChannel.h"

#include "pxp/client/CommandClient.h"

namespace pxp::client {

struct CommandAnswer {
  CommandState state = CommandState::Pending;
  CommandFailure failure = CommandFailure::None;
  QString message;
  AuditValue audit;
  bool replayed = false;
};

CommandAnswer sendCommand(CommandChannel &channel, const QString &idempotencyKey, const CommandRequestValue &request);

// How a finished call reads: a transport failure leaves the command pending; every answer
// from the daemon (ok or not, PERMISSION_DENIED, INVALID_ARGUMENT ...) is definitive.
CommandAnswer readAnswer(const grpc::Status &status, const pxp::v1::CommandResult &result);

// Failure class of a non-OK status (also for queries).
CommandFailure failureOf(const grpc::Status &status);

} // namespace pxp::client
