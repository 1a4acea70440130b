#include "ControlPlaneService.h"

#include "pxpd/Clock.h"
#include "pxp_version.h"

namespace pxpd {

ControlPlaneService::ControlPlaneService(const Authenticator &auth, std::string world)
    : m_auth(auth), m_world(std::move(world)) {}

grpc::Status ControlPlaneService::WhoAmI(grpc::ServerContext *ctx, const pxp::v1::WhoAmIRequest *,
                                         pxp::v1::WhoAmIResponse *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  resp->set_actor(who.actor);
  resp->set_role(static_cast<pxp::v1::Role>(static_cast<int>(who.role)));
  for (const auto &c : allowedCommands(who.role))
    resp->add_allowed_commands(c);
  resp->set_server_version(PXP_VERSION);
  resp->set_server_time_ms(SystemClock::instance().nowMs());
  resp->set_world(m_world);
  return grpc::Status::OK;
}

} // namespace pxpd
