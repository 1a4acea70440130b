#include "pxpd/Role.h"

#include <array>
#include <utility>

namespace pxpd {
namespace {

struct CommandRole {
  std::string_view command;
  Role role;
};

// Who may do what; mirrors the comments on `service ControlPlane` in control_plane.proto.
constexpr std::array kCommandRoles{
    CommandRole{"SetOverride", Role::Responder},       CommandRole{"ClearOverride", Role::Responder},
    CommandRole{"SetKillSwitch", Role::Commander},     CommandRole{"Rollback", Role::Responder},
    CommandRole{"AbortCanary", Role::Responder},       CommandRole{"PromoteCanary", Role::Responder},
    CommandRole{"PromoteCanaryFull", Role::Commander}, CommandRole{"SetFlag", Role::Responder},
    CommandRole{"ReloadConfig", Role::Admin},
};

constexpr std::array kRoleNames{
    std::pair{Role::Viewer, std::string_view{"viewer"}},
    std::pair{Role::Responder, std::string_view{"responder"}},
    std::pair{Role::Commander, std::string_view{"commander"}},
    std::pair{Role::Admin, std::string_view{"admin"}},
};

} // namespace

std::string_view roleName(Role role) {
  for (const auto &[r, name] : kRoleNames)
    if (r == role)
      return name;
  return "unknown";
}

std::optional<Role> roleFromName(std::string_view name) {
  for (const auto &[r, n] : kRoleNames)
    if (n == name)
      return r;
  return std::nullopt;
}

Role requiredRole(std::string_view command) {
  for (const auto &entry : kCommandRoles)
    if (entry.command == command)
      return entry.role;
  return Role::Admin;
}

std::vector<std::string> allowedCommands(Role role) {
  std::vector<std::string> out;
  for (const auto &entry : kCommandRoles)
    if (static_cast<int>(role) >= static_cast<int>(entry.role))
      out.emplace_back(entry.command);
  return out;
}

} // namespace pxpd
