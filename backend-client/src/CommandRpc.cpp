#include "CommandRpc.h"

#include "ProtoConvert.h"

#include <grpcpp/grpcpp.h>

#include <array>

namespace pxp::client {
namespace {

using Stub = pxp::v1::ControlPlane::Stub;
using Meta = pxp::v1::CommandMeta;
using Result = pxp::v1::CommandResult;
using Sender = grpc::Status (*)(Stub &, grpc::ClientContext &, const Meta &, const CommandRequestValue &, Result *);

std::string s(const QString &q) {
  return q.toStdString();
}

grpc::Status setOverride(Stub &stub, grpc::ClientContext &ctx, const Meta &meta, const CommandRequestValue &r,
                         Result *out) {
  pxp::v1::SetOverrideRequest req;
  *req.mutable_meta() = meta;
  req.set_policy_id(s(r.policyId));
  req.set_kind(r.overrideKind == QLatin1String("pause")   ? pxp::v1::OVERRIDE_KIND_PAUSE
               : r.overrideKind == QLatin1String("force") ? pxp::v1::OVERRIDE_KIND_FORCE_ONCE
                                                          : pxp::v1::OVERRIDE_KIND_UNSPECIFIED);
  req.set_duration_seconds(r.durationSeconds);
  return stub.SetOverride(&ctx, req, out);
}

grpc::Status clearOverride(Stub &stub, grpc::ClientContext &ctx, const Meta &meta, const CommandRequestValue &r,
                           Result *out) {
  pxp::v1::ClearOverrideRequest req;
  *req.mutable_meta() = meta;
  req.set_override_id(s(r.overrideId));
  return stub.ClearOverride(&ctx, req, out);
}

grpc::Status setKillSwitch(Stub &stub, grpc::ClientContext &ctx, const Meta &meta, const CommandRequestValue &r,
                           Result *out) {
  pxp::v1::SetKillSwitchRequest req;
  *req.mutable_meta() = meta;
  req.set_engaged(r.engaged);
  req.set_scope_service(s(r.scopeService));
  return stub.SetKillSwitch(&ctx, req, out);
}

grpc::Status rollback(Stub &stub, grpc::ClientContext &ctx, const Meta &meta, const CommandRequestValue &r,
                      Result *out) {
  pxp::v1::RollbackRequest req;
  *req.mutable_meta() = meta;
  req.set_deployment_id(s(r.deploymentId));
  return stub.Rollback(&ctx, req, out);
}

grpc::Status abortCanary(Stub &stub, grpc::ClientContext &ctx, const Meta &meta, const CommandRequestValue &r,
                         Result *out) {
  pxp::v1::AbortCanaryRequest req;
  *req.mutable_meta() = meta;
  req.set_deployment_id(s(r.deploymentId));
  return stub.AbortCanary(&ctx, req, out);
}

grpc::Status promoteCanary(Stub &stub, grpc::ClientContext &ctx, const Meta &meta, const CommandRequestValue &r,
                           Result *out) {
  pxp::v1::PromoteCanaryRequest req;
  *req.mutable_meta() = meta;
  req.set_deployment_id(s(r.deploymentId));
  req.set_full(r.full);
  return stub.PromoteCanary(&ctx, req, out);
}

grpc::Status setFlag(Stub &stub, grpc::ClientContext &ctx, const Meta &meta, const CommandRequestValue &r,
                     Result *out) {
  pxp::v1::SetFlagRequest req;
  *req.mutable_meta() = meta;
  req.set_key(s(r.flagKey));
  req.set_enabled(r.enabled);
  req.set_rollout_percent(r.rolloutPercent);
  return stub.SetFlag(&ctx, req, out);
}

struct KindEntry {
  CommandKind kind;
  Sender send;
};

constexpr std::array<KindEntry, 7> kSenders = {{
    {CommandKind::SetOverride, setOverride},
    {CommandKind::ClearOverride, clearOverride},
    {CommandKind::SetKillSwitch, setKillSwitch},
    {CommandKind::Rollback, rollback},
    {CommandKind::AbortCanary, abortCanary},
    {CommandKind::PromoteCanary, promoteCanary},
    {CommandKind::SetFlag, setFlag},
}};

// The daemon's answer while a first attempt with this key is still executing: not final.
bool stillInProgress(const Result &result) {
  return !result.ok() && result.audit().seq() == 0 && result.message().find("still in progress") != std::string::npos;
}

} // namespace

CommandFailure failureOf(const grpc::Status &status) {
  if (status.ok())
    return CommandFailure::None;
  if (CommandChannel::isTransportFailure(status))
    return CommandFailure::Unreachable;
  switch (status.error_code()) {
  case grpc::StatusCode::UNAUTHENTICATED: return CommandFailure::Unauthenticated;
  case grpc::StatusCode::PERMISSION_DENIED: return CommandFailure::PermissionDenied;
  default: return CommandFailure::Refused;
  }
}

CommandAnswer readAnswer(const grpc::Status &status, const Result &result) {
  CommandAnswer a;
  if (!status.ok()) {
    a.failure = failureOf(status);
    a.state = a.failure == CommandFailure::Unreachable ? CommandState::Pending : CommandState::Failed;
    a.message = QString::fromStdString(status.error_message());
    return a;
  }
  a.message = QString::fromStdString(result.message());
  if (result.has_audit())
    a.audit = toValue(result.audit());
  a.replayed = result.replayed();
  if (stillInProgress(result))
    return a; // pending: the re-send after a backoff gets the first attempt's result
  a.state = result.ok() ? CommandState::Succeeded : CommandState::Failed;
  a.failure = result.ok() ? CommandFailure::None : CommandFailure::Refused;
  return a;
}

CommandAnswer sendCommand(CommandChannel &channel, const QString &idempotencyKey, const CommandRequestValue &request) {
  Meta meta;
  meta.set_reason(s(request.reason));
  meta.set_idempotency_key(s(idempotencyKey));
  meta.set_incident_id(s(request.incidentId));
  Sender send = nullptr;
  for (const auto &entry : kSenders)
    if (entry.kind == request.kind)
      send = entry.send;
  Result result;
  const auto status = channel.call(CommandClient::kDeadlineMs, [&](Stub &stub, grpc::ClientContext &ctx) {
    return send ? send(stub, ctx, meta, request, &result)
                : grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "unknown command kind");
  });
  return readAnswer(status, result);
}

} // namespace pxp::client
