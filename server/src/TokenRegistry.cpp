#include "pxpd/TokenRegistry.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace pxpd {
namespace {

bool constantTimeEquals(const std::string &a, const std::string &b) {
  if (a.size() != b.size())
    return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string randomToken() {
  static constexpr char kAlphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::random_device rd; // /dev/urandom on Linux
  std::string out;
  for (int i = 0; i < 40; ++i)
    out.push_back(kAlphabet[rd() % (sizeof(kAlphabet) - 1)]);
  return out;
}

} // namespace

TokenRegistry::TokenRegistry(std::vector<TokenSpec> tokens) : m_tokens(std::move(tokens)) {}

std::optional<Identity> TokenRegistry::lookup(const std::string &secret) const {
  std::optional<Identity> found;
  for (const auto &t : m_tokens)
    if (constantTimeEquals(t.secret, secret) && !found)
      found = Identity{t.name, t.role};
  return found;
}

std::vector<TokenSpec> TokenRegistry::generateDemoTokens() {
  std::vector<TokenSpec> out;
  for (Role r : {Role::Viewer, Role::Responder, Role::Commander, Role::Admin})
    out.push_back(TokenSpec{"demo-" + std::string(roleName(r)), r, randomToken()});
  return out;
}

Result<Ok> TokenRegistry::writeTokenFiles(const std::filesystem::path &dir, const std::vector<TokenSpec> &tokens) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || ::chmod(dir.c_str(), 0700) != 0)
    return Error{"cannot create token folder " + dir.string() + ": " + (ec ? ec.message() : std::strerror(errno)) +
                 ": check that the state directory is writable (--state-dir)"};
  for (const auto &t : tokens) {
    const auto file = dir / (std::string(roleName(t.role)) + ".token");
    ::unlink(file.c_str());
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
      return Error{"cannot write token file " + file.string() + ": " + std::strerror(errno)};
    const std::string text = t.secret + "\n";
    const auto written = ::write(fd, text.data(), text.size());
    ::close(fd);
    if (written != static_cast<ssize_t>(text.size()))
      return Error{"short write to token file " + file.string()};
  }
  return Ok{};
}

} // namespace pxpd
