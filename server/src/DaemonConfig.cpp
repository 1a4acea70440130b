#include "pxpd/DaemonConfig.h"

#include "YamlErrors.h"
#include "pxpd/slo/ConfigFile.h"
#include "pxpd/slo/YamlDuplicateKeys.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace pxpd {
namespace {

namespace fs = std::filesystem;

fs::path resolve(const fs::path &base, const std::string &value) {
  fs::path p(value);
  return p.is_absolute() ? p : base / p;
}

Result<std::string> readSecretFile(const fs::path &file, const YAML::Node &at, const fs::path &config) {
  const auto read = readConfigFile(file, "token file", 64 * 1024, /*allowBlank=*/true);
  if (!read.error.empty())
    return Error{yamlWhere(config, at) + ": token_file " + file.string() + ": " + read.error};
  std::istringstream in(read.text);
  std::string secret;
  std::getline(in, secret);
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' '))
    secret.pop_back();
  if (secret.size() < 16)
    return Error{yamlWhere(config, at) + ": token in " + file.string() +
                 " is shorter than 16 characters: use a long random token"};
  return secret;
}

Result<Ok> readTokens(const YAML::Node &list, const fs::path &file, DaemonConfig &cfg) {
  if (!list.IsSequence())
    return Error{yamlWhere(file, list) + ": 'tokens' must be a list of {name, role, token_file}"};
  const fs::path base = file.parent_path();
  for (const auto &item : list) {
    TokenSpec spec;
    if (!item["name"] || !item["role"] || !item["token_file"])
      return Error{yamlWhere(file, item) + ": each token needs name, role and token_file"};
    spec.name = item["name"].as<std::string>();
    const auto roleText = item["role"].as<std::string>();
    const auto role = roleFromName(roleText);
    if (!role)
      return Error{yamlWhere(file, item["role"]) + ": unknown role '" + roleText +
                   "': use viewer, responder, commander or admin"};
    spec.role = *role;
    auto secret = readSecretFile(resolve(base, item["token_file"].as<std::string>()), item["token_file"], file);
    if (!secret)
      return Error{secret.error()};
    spec.secret = std::move(secret).value();
    cfg.tokens.push_back(std::move(spec));
  }
  return Ok{};
}

Result<Ok> readPaths(const YAML::Node &list, const fs::path &file, std::vector<fs::path> &out) {
  if (!list.IsSequence())
    return Error{yamlWhere(file, list) + ": expected a list of file paths"};
  for (const auto &item : list)
    out.push_back(resolve(file.parent_path(), item.as<std::string>()));
  return Ok{};
}

// traces: {max_bytes} and otlp: {token_file, allow_unauthenticated, allow_loopback_unauthenticated}.
Result<Ok> readTraceIngest(const std::string &key, const YAML::Node &v, const fs::path &file, DaemonConfig &cfg) {
  if (!v.IsMap())
    return Error{yamlWhere(file, v) + ": '" + key + "' must be a mapping (see packaging/daemon/pxpd.yaml)"};
  for (const auto &kv : v) {
    const auto sub = kv.first.as<std::string>();
    if (key == "traces" && sub == "max_bytes") {
      cfg.tracesMaxBytes = kv.second.as<std::int64_t>();
      if (cfg.tracesMaxBytes < 64 * 1024)
        return Error{yamlWhere(file, kv.second) + ": traces.max_bytes must be at least 65536 (64 KiB)"};
    } else if (key == "otlp" && sub == "token_file") {
      auto secret = readSecretFile(resolve(file.parent_path(), kv.second.as<std::string>()), kv.second, file);
      if (!secret)
        return Error{secret.error()};
      cfg.otlp.token = std::move(secret).value();
    } else if (key == "otlp" && sub == "allow_unauthenticated") {
      cfg.otlp.allowUnauthenticated = kv.second.as<bool>();
    } else if (key == "otlp" && sub == "allow_loopback_unauthenticated") {
      cfg.otlp.allowLoopbackUnauthenticated = kv.second.as<bool>();
    } else {
      const char *known =
          key == "traces" ? "max_bytes" : "token_file, allow_unauthenticated, allow_loopback_unauthenticated";
      return Error{yamlWhere(file, kv.first) + ": unknown key '" + key + "." + sub + "': known keys are " + known};
    }
  }
  return Ok{};
}

Result<Ok> readConfig(const YAML::Node &root, const fs::path &file, DaemonConfig &cfg) {
  if (!root.IsMap())
    return Error{file.string() + ":1: the config must be a YAML mapping (key: value)"};
  if (const auto dup = findDuplicateKey(root))
    return Error{file.string() + ":" + std::to_string(dup->line) + ": '" + dup->key +
                 "' is given twice (first at line " + std::to_string(dup->firstLine) + "): keep one"};
  for (const auto &kv : root) {
    const auto key = kv.first.as<std::string>();
    const YAML::Node &v = kv.second;
    if (key == "listen") {
      cfg.listen = v.as<std::string>();
      if (const std::string why = checkListen(cfg.listen); !why.empty())
        return Error{yamlWhere(file, v) + ": " + why};
    } else if (key == "state_dir") {
      cfg.stateDir = resolve(file.parent_path(), v.as<std::string>());
    } else if (key == "allow_insecure_remote") {
      cfg.allowInsecureRemote = v.as<bool>();
    } else if (key == "simulate") {
      cfg.simulate = v.as<bool>();
    } else if (key == "time_scale") {
      cfg.timeScale = v.as<double>();
      if (!(cfg.timeScale > 0 && cfg.timeScale <= kMaxTimeScale)) // NaN fails too
        return Error{yamlWhere(file, v) + ": time_scale must be a number above 0 and at most 100000"};
    } else if (key == "seed") {
      cfg.seed = v.as<std::uint64_t>();
    } else if (key == "tokens") {
      if (auto r = readTokens(v, file, cfg); !r)
        return r;
    } else if (key == "tls") {
      if (v["cert_file"])
        cfg.tls.certFile = resolve(file.parent_path(), v["cert_file"].as<std::string>());
      if (v["key_file"])
        cfg.tls.keyFile = resolve(file.parent_path(), v["key_file"].as<std::string>());
      if (v["client_ca_file"])
        cfg.tls.clientCaFile = resolve(file.parent_path(), v["client_ca_file"].as<std::string>());
      if (cfg.tls.certFile.empty() != cfg.tls.keyFile.empty())
        return Error{yamlWhere(file, v) + ": tls needs both cert_file and key_file"};
    } else if (key == "slo_files") {
      if (auto r = readPaths(v, file, cfg.sloFiles); !r)
        return r;
    } else if (key == "policy_files") {
      if (auto r = readPaths(v, file, cfg.policyFiles); !r)
        return r;
    } else if (key == "traces" || key == "otlp") {
      if (auto r = readTraceIngest(key, v, file, cfg); !r)
        return r;
    } else {
      return Error{
          yamlWhere(file, kv.first) + ": unknown key '" + key +
          "': known keys are listen, allow_insecure_remote, state_dir, simulate, time_scale, seed, tokens, tls, "
          "slo_files, policy_files, traces, otlp"};
    }
  }
  return Ok{};
}

} // namespace

std::string checkListen(const std::string &listen) {
  const auto colon = listen.rfind(':');
  const std::string port = colon == std::string::npos ? std::string() : listen.substr(colon + 1);
  const bool spaces = std::any_of(listen.begin(), listen.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
  const bool portOk = !port.empty() && port.size() <= 5 &&
                      std::all_of(port.begin(), port.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }) &&
                      std::stoi(port) <= 65535;
  if (listen.rfind("unix:", 0) == 0 && !spaces && listen.size() <= 300)
    return {};
  if (colon == std::string::npos || colon == 0 || spaces || !portOk || listen.size() > 300)
    return "listen must be HOST:PORT (port 0-65535, no spaces), got '" + shortForm(listen) + "'" +
           (spaces ? ": an unclosed quote joins the lines after it" : "");
  return {};
}

std::string shortForm(const std::string &value) {
  constexpr std::size_t kShown = 80;
  if (value.size() <= kShown)
    return value;
  return value.substr(0, kShown) + "... (" + std::to_string(value.size()) + " bytes)";
}

Result<DaemonConfig> loadDaemonConfig(const fs::path &file) {
  const auto read = readConfigFile(file, "config file (--config)", 1024 * 1024);
  if (!read.error.empty())
    return Error{file.string() + ": " + read.error};
  return parseDaemonConfig(read.text, file);
}

Result<DaemonConfig> parseDaemonConfig(const std::string &text, const fs::path &file) {
  DaemonConfig cfg;
  cfg.sourceFile = file;
  cfg.stateDir = defaultStateDir();
  try {
    const YAML::Node root = YAML::Load(text);
    if (auto r = readConfig(root, file, cfg); !r)
      return Error{r.error()};
  } catch (const YAML::Exception &e) {
    return Error{yamlError(file, e)};
  }
  return cfg;
}

fs::path defaultStateDir() {
  if (const char *s = std::getenv("STATE_DIRECTORY"); s && *s)
    return fs::path(s);
  if (const char *x = std::getenv("XDG_STATE_HOME"); x && *x)
    return fs::path(x) / "pxpd";
  if (const char *h = std::getenv("HOME"); h && *h)
    return fs::path(h) / ".local/state/pxpd";
  return fs::temp_directory_path() / "pxpd";
}

} // namespace pxpd
