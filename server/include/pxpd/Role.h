#pragma once
// Roles a bearer token maps to, and which commands each may call.
// Thread affinity: none (pure functions).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pxpd {

enum class Role { Viewer = 1, Responder = 2, Commander = 3, Admin = 4 };

std::string_view roleName(Role role);
std::optional<Role> roleFromName(std::string_view name);

// The least role that may call a command RPC (by its name in control_plane.proto).
// Unknown names need Admin, so a new command is closed until someone opens it.
Role requiredRole(std::string_view command);

// Command RPC names `role` may call, in contract order.
std::vector<std::string> allowedCommands(Role role);

} // namespace pxpd
