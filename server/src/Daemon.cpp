#include "pxpd/Daemon.h"

#include "Authenticator.h"
#include "ControlPlaneService.h"
#include "config/DefinitionLoader.h"
#include "engine/AuditLog.h"
#include "engine/Engine.h"
#include "pxpd/Clock.h"
#include "pxpd/DaemonConfig.h"
#include "pxpd/slo/ConfigFile.h"
#include "traces/OtlpLogsService.h"
#include "traces/OtlpTraceService.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace pxpd {
namespace {

Result<std::string> readFile(const std::filesystem::path &p, const char *what) {
  auto read = readConfigFile(p, std::string("TLS ") + what, 1024 * 1024);
  if (!read.error.empty())
    return Error{p.string() + ": " + read.error + " (check the path under 'tls:' in the config)"};
  return std::move(read.text);
}

Result<std::shared_ptr<grpc::ServerCredentials>> serverCredentials(const TlsConfig &tls) {
  if (!tls.enabled())
    return grpc::InsecureServerCredentials();
  auto cert = readFile(tls.certFile, "cert_file");
  if (!cert)
    return Error{cert.error()};
  auto key = readFile(tls.keyFile, "key_file");
  if (!key)
    return Error{key.error()};
  grpc::SslServerCredentialsOptions opts(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  opts.pem_key_cert_pairs.push_back({key.value(), cert.value()});
  if (!tls.clientCaFile.empty()) {
    auto ca = readFile(tls.clientCaFile, "client_ca_file");
    if (!ca)
      return Error{ca.error()};
    opts.pem_root_certs = ca.value();
    opts.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(opts);
}

} // namespace

bool isLoopbackListen(const std::string &listen) {
  if (listen.rfind("unix:", 0) == 0)
    return true;
  std::string host = listen.substr(0, listen.rfind(':'));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

constexpr auto kTickInterval = std::chrono::milliseconds(1000);

// The console's embedded world and hermetic tests keep the audit in memory; pxpd with a state
// directory keeps it durably in SQLite.
std::unique_ptr<AuditLog> makeAuditLog(const DaemonConfig &config, std::string &error, std::string &warning) {
  if (config.stateDir.empty())
    return std::make_unique<MemoryAuditLog>();
  auto log = SqliteAuditLog::open(config.stateDir, warning);
  if (!log) {
    error = log.error();
    return std::make_unique<MemoryAuditLog>();
  }
  return std::move(log).value();
}

struct Daemon::Impl {
  DaemonConfig config;
  TokenRegistry tokens;
  Authenticator auth;
  std::string auditError, auditWarning;
  std::unique_ptr<AuditLog> audit;
  DefinitionLoader definitions;
  Engine engine;
  ControlPlaneService service;
  OtlpTraceService otlp;    // OTLP/gRPC trace ingest on the same port
  OtlpLogsService otlpLogs; // OTLP/gRPC logs and product events ingest, same port and rules
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  std::mutex stopMutex;
  std::condition_variable tickerCv;
  bool stopped = false; // guarded by stopMutex
  std::thread ticker;

  Impl(DaemonConfig cfg, const Clock &clock)
      : config(std::move(cfg)), tokens(config.tokens), auth(tokens),
        audit(makeAuditLog(config, auditError, auditWarning)), definitions(config), engine(config, clock, *audit),
        service(auth, engine, clock, config.simulate ? "simulated" : "configured",
                [this] { return definitions.load(/*rereadConfigFile=*/true); }),
        otlp(config.otlp, [this](std::vector<pxp::v1::Span> spans) { engine.ingestSpans(std::move(spans)); }),
        otlpLogs(
            config.otlp, [&clock] { return clock.nowMs(); },
            [this](std::vector<pxp::v1::LogRecord> records) { engine.traces().addLogs(std::move(records)); }) {}

  // The engine's heartbeat: one evaluation per wall second until stop().
  void runTicker() {
    std::unique_lock lock(stopMutex);
    while (!tickerCv.wait_for(lock, kTickInterval, [this] { return stopped; })) {
      lock.unlock();
      engine.tick();
      lock.lock();
    }
  }
};

Daemon::Daemon(DaemonConfig config, const Clock *clock)
    : d(std::make_unique<Impl>(std::move(config), clock ? *clock : SystemClock::instance())) {}

Daemon::~Daemon() {
  stop(0);
}

Result<Ok> Daemon::start(bool inProcessOnly, bool runTicker) {
  // Bearer tokens in clear are acceptable only where nothing leaves this machine.
  if (!inProcessOnly && !d->config.tls.enabled() && !isLoopbackListen(d->config.listen)) {
    if (!d->config.allowInsecureRemote)
      return Error{"refusing to serve plaintext on " + shortForm(d->config.listen) +
                   ": tokens would cross the network in clear; configure tls: {cert_file, key_file}, listen on "
                   "127.0.0.1, or set allow_insecure_remote: true on a network you trust"};
    std::fprintf(stderr,
                 "pxpd: WARNING: serving plaintext on %s (allow_insecure_remote: true): bearer tokens and "
                 "commands cross the network in clear\n",
                 shortForm(d->config.listen).c_str());
  }
  if (!d->auditError.empty())
    return Error{"cannot open the audit log: " + d->auditError};
  if (!d->auditWarning.empty())
    std::fprintf(stderr, "pxpd: %s\n", d->auditWarning.c_str());
  auto initial = d->definitions.load();
  if (!initial)
    return Error{initial.error()};
  d->engine.start(std::move(initial).value());
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  if (!inProcessOnly) {
    auto creds = serverCredentials(d->config.tls);
    if (!creds)
      return Error{creds.error()};
    builder.AddListeningPort(d->config.listen, creds.value(), &d->port);
  }
  builder.RegisterService(&d->service);
  builder.RegisterService(&d->otlp);
  builder.RegisterService(&d->otlpLogs);
  // Oversized messages are refused by gRPC with RESOURCE_EXHAUSTED before they reach us.
  builder.SetMaxReceiveMessageSize(4 * 1024 * 1024);
  d->server = builder.BuildAndStart();
  if (!d->server || (!inProcessOnly && d->port == 0))
    return Error{"cannot listen on " + shortForm(d->config.listen) +
                 ": the address is in use or invalid; pick another with --listen HOST:PORT"};
  d->server->GetHealthCheckService()->SetServingStatus(true);
  d->server->GetHealthCheckService()->SetServingStatus("pxp.v1.ControlPlane", true);
  d->server->GetHealthCheckService()->SetServingStatus("opentelemetry.proto.collector.trace.v1.TraceService", true);
  if (runTicker)
    d->ticker = std::thread([this] { d->runTicker(); });
  return Ok{};
}

void Daemon::stop(int graceMs) {
  {
    std::lock_guard lock(d->stopMutex);
    if (d->stopped || !d->server)
      return;
    d->stopped = true;
  }
  d->tickerCv.notify_all();
  if (d->ticker.joinable())
    d->ticker.join();
  d->engine.stopActuators();
  d->service.shutdown();
  d->engine.events().wakeAll();
  d->server->GetHealthCheckService()->SetServingStatus(false);
  d->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(graceMs));
}

void Daemon::tickNow() {
  d->engine.tick();
}

Result<std::string> Daemon::reload(const std::string &actor) {
  return d->engine.reload(d->definitions.load(/*rereadConfigFile=*/true), actor);
}

std::int64_t Daemon::headRevision() const {
  return d->engine.events().head();
}

void Daemon::wait() {
  if (d->server)
    d->server->Wait();
}

int Daemon::boundPort() const {
  return d->port;
}

std::shared_ptr<grpc::Channel> Daemon::inProcessChannel() {
  grpc::ChannelArguments args;
  return d->server->InProcessChannel(args);
}

const TokenRegistry &Daemon::tokens() const {
  return d->tokens;
}
const DaemonConfig &Daemon::config() const {
  return d->config;
}

} // namespace pxpd
