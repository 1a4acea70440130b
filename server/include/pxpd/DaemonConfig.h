#pragma once
// DaemonConfig: pxpd's configuration, read from a YAML file and the command line.
// Thread affinity: none (a value type, built once at start or on reload).

#include "pxpd/Result.h"
#include "pxpd/Role.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pxpd {

struct TokenSpec {
  std::string name; // actor name shown in audit entries
  Role role = Role::Viewer;
  std::string secret; // the bearer token itself; never logged
};

struct TlsConfig {
  std::filesystem::path certFile;     // PEM server certificate chain
  std::filesystem::path keyFile;      // PEM private key
  std::filesystem::path clientCaFile; // optional: require client certificates signed by this CA
  bool enabled() const { return !certFile.empty(); }
};

// OTLP/gRPC trace ingest (opentelemetry.proto.collector.trace.v1.TraceService/Export on the
// listen port). OpenTelemetry exporters usually send no bearer token, so: an export carrying
// `authorization: Bearer <token>` must match `token`; one without it is accepted from loopback
// peers (127.0.0.0/8, ::1, unix sockets) unless allowLoopbackUnauthenticated is
// off, and from other peers only with allowUnauthenticated.
struct OtlpIngestConfig {
  std::string token; // the ingest token (otlp.token_file); "" = none; never logged
  bool allowUnauthenticated = false;
  bool allowLoopbackUnauthenticated = true;
};

// The fastest simulated clock: 100,000 simulated seconds per second (more overflows the
// int64 millisecond clock within days).
constexpr double kMaxTimeScale = 100000;

// `value` as it may be echoed in an error: at most 80 characters, then how long it was.
std::string shortForm(const std::string &value);

// "" when `listen` is HOST:PORT (or unix:PATH); otherwise what is wrong with it.
std::string checkListen(const std::string &listen);

// True when HOST:PORT (or unix:PATH) is reachable only from this machine: 127.0.0.0/8, ::1,
// localhost. 0.0.0.0, [::] and every other address are not.
bool isLoopbackListen(const std::string &listen);

struct DaemonConfig {
  std::filesystem::path sourceFile; // the YAML file this came from ("" = defaults)
  std::string listen = "127.0.0.1:7300";
  std::filesystem::path stateDir; // audit database and demo tokens live here
  bool simulate = false;
  double timeScale = 1.0;  // simulated seconds per wall second
  std::uint64_t seed = 42; // seed of the simulated world
  std::vector<TokenSpec> tokens;
  TlsConfig tls;
  std::vector<std::filesystem::path> sloFiles;
  std::vector<std::filesystem::path> policyFiles;
  // Traces (OTLP ingest and the simulated world): memory cap of the trace store; the oldest
  // traces are dropped (and counted) beyond it. Config: traces.max_bytes.
  std::int64_t tracesMaxBytes = 64LL * 1024 * 1024;
  bool allowInsecureRemote = false; // serve plaintext on a non-loopback address (warned at start)
  OtlpIngestConfig otlp;            // config: otlp.{token_file, allow_unauthenticated, allow_loopback_unauthenticated}
};

// Reads a daemon config file. Errors name the file, the line and what to change.
// Relative paths inside the file are resolved against the file's folder.
Result<DaemonConfig> loadDaemonConfig(const std::filesystem::path &file);
// The same for text already read (`file` names it in errors and anchors relative paths).
Result<DaemonConfig> parseDaemonConfig(const std::string &text, const std::filesystem::path &file);

// The default state directory: $STATE_DIRECTORY (systemd), else $XDG_STATE_HOME/pxpd,
// else ~/.local/state/pxpd.
std::filesystem::path defaultStateDir();

} // namespace pxpd
