#include "pxpd/audit/Entry.h"

namespace pxpd::audit {

std::string_view kindName(Kind kind) {
  switch (kind) {
  case Kind::Decision: return "Decision";
  case Kind::Command: return "Command";
  case Kind::Config: return "Config";
  case Kind::AuthDenied: return "AuthDenied";
  }
  return "Unknown";
}

} // namespace pxpd::audit
