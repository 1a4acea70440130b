#pragma once
// ControlPlaneService: the pxp.v1.ControlPlane gRPC service of the daemon.
// Thread affinity: methods run on gRPC's sync-server threads, concurrently; state lives in
// the Engine (its own lock).

#include "Authenticator.h"
#include "RateLimiter.h"
#include "config/DefinitionLoader.h"

#include "pxp/v1/control_plane.grpc.pb.h"

#include <atomic>
#include <functional>
#include <string>

namespace pxpd {

class Engine;

class ControlPlaneService final : public pxp::v1::ControlPlane::Service {
public:
  using LoadDefinitions = std::function<Result<Definitions>()>;

  // `loadDefinitions` reads the SLO and policy files again, for ReloadConfig. `clock` is the
  // wall clock the per-actor command limits run on.
  ControlPlaneService(const Authenticator &auth, Engine &engine, const Clock &clock, std::string world,
                      LoadDefinitions loadDefinitions);

  // Per actor: commands past a burst of kCommandBurst run at kCommandsPerSecond, refused
  // (permission denied) ones past kRefusedBurst at kRefusedPerSecond; beyond that the call gets
  // RESOURCE_EXHAUSTED and is neither executed nor audited, so no role can flood the audit log.
  static constexpr double kCommandBurst = 120, kCommandsPerSecond = 20;
  static constexpr double kRefusedBurst = 20, kRefusedPerSecond = 1;

  // Ends every open Watch within one wait interval (used at shutdown).
  void shutdown() { m_shuttingDown = true; }

  grpc::Status Watch(grpc::ServerContext *ctx, const pxp::v1::WatchRequest *req,
                     grpc::ServerWriter<pxp::v1::WatchResponse> *writer) override;
  grpc::Status WhoAmI(grpc::ServerContext *ctx, const pxp::v1::WhoAmIRequest *req,
                      pxp::v1::WhoAmIResponse *resp) override;
  grpc::Status GetSloHistory(grpc::ServerContext *ctx, const pxp::v1::GetSloHistoryRequest *req,
                             pxp::v1::SloHistory *resp) override;
  grpc::Status ListTraces(grpc::ServerContext *ctx, const pxp::v1::ListTracesRequest *req,
                          pxp::v1::ListTracesResponse *resp) override;
  grpc::Status GetTrace(grpc::ServerContext *ctx, const pxp::v1::GetTraceRequest *req, pxp::v1::Trace *resp) override;
  grpc::Status QueryLogs(grpc::ServerContext *ctx, const pxp::v1::QueryLogsRequest *req,
                         pxp::v1::QueryLogsResponse *resp) override;
  grpc::Status GetRedMetrics(grpc::ServerContext *ctx, const pxp::v1::GetRedMetricsRequest *req,
                             pxp::v1::GetRedMetricsResponse *resp) override;
  grpc::Status QueryAudit(grpc::ServerContext *ctx, const pxp::v1::QueryAuditRequest *req,
                          pxp::v1::QueryAuditResponse *resp) override;

  grpc::Status SetOverride(grpc::ServerContext *ctx, const pxp::v1::SetOverrideRequest *req,
                           pxp::v1::CommandResult *resp) override;
  grpc::Status ClearOverride(grpc::ServerContext *ctx, const pxp::v1::ClearOverrideRequest *req,
                             pxp::v1::CommandResult *resp) override;
  grpc::Status SetKillSwitch(grpc::ServerContext *ctx, const pxp::v1::SetKillSwitchRequest *req,
                             pxp::v1::CommandResult *resp) override;
  grpc::Status Rollback(grpc::ServerContext *ctx, const pxp::v1::RollbackRequest *req,
                        pxp::v1::CommandResult *resp) override;
  grpc::Status AbortCanary(grpc::ServerContext *ctx, const pxp::v1::AbortCanaryRequest *req,
                           pxp::v1::CommandResult *resp) override;
  grpc::Status PromoteCanary(grpc::ServerContext *ctx, const pxp::v1::PromoteCanaryRequest *req,
                             pxp::v1::CommandResult *resp) override;
  grpc::Status SetFlag(grpc::ServerContext *ctx, const pxp::v1::SetFlagRequest *req,
                       pxp::v1::CommandResult *resp) override;
  grpc::Status ReloadConfig(grpc::ServerContext *ctx, const pxp::v1::ReloadConfigRequest *req,
                            pxp::v1::CommandResult *resp) override;

private:
  struct Command;
  grpc::Status runCommand(grpc::ServerContext *ctx, Command &&cmd, pxp::v1::CommandResult *resp);

  const Authenticator &m_auth;
  Engine &m_engine;
  std::string m_world;
  LoadDefinitions m_loadDefinitions;
  std::atomic<bool> m_shuttingDown{false};
  RateLimiter m_commandLimit, m_refusedLimit;
};

} // namespace pxpd
