#pragma once
// ControlPlaneService: the pxp.v1.ControlPlane gRPC service of the daemon.
// Thread affinity: methods run on gRPC's sync-server threads, concurrently.

#include "Authenticator.h"

#include "pxp/v1/control_plane.grpc.pb.h"

#include <string>

namespace pxpd {

class ControlPlaneService final : public pxp::v1::ControlPlane::Service {
public:
  ControlPlaneService(const Authenticator &auth, std::string world);

  grpc::Status WhoAmI(grpc::ServerContext *ctx, const pxp::v1::WhoAmIRequest *req,
                      pxp::v1::WhoAmIResponse *resp) override;

private:
  const Authenticator &m_auth;
  std::string m_world;
};

} // namespace pxpd
