// pxpd: the PXP control-plane daemon.

#include "pxp_version.h"
#include "pxpd/Daemon.h"
#include "pxpd/DaemonConfig.h"
#include "pxpd/PrometheusRulesCommand.h"
#include "pxpd/TokenRegistry.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr const char *kUsage = R"(Usage: pxpd [options]
The PXP control-plane daemon: SLO and burn-rate engine, policy engine, audit, gRPC API.

Options:
  --listen HOST:PORT   address to serve gRPC on (default 127.0.0.1:7300; port 0 = any free port)
  --config FILE        daemon config (YAML): tokens, TLS, SLO and policy files, state_dir
  --simulate           serve the built-in simulated world
  --time-scale X       simulated seconds per wall second (default 1)
  --state-dir DIR      where the audit database and demo tokens live
                       (default $STATE_DIRECTORY, $XDG_STATE_HOME/pxpd or ~/.local/state/pxpd)
  --help               show this text and exit
  --version            print the version and exit

Commands:
  pxpd rules SLO_FILE...  print Sloth-style Prometheus recording and multiwindow multi-burn-rate
                          alerting rules for the files' Prometheus SLOs (YAML for rule_files:)

Signals: SIGINT/SIGTERM stop gracefully. SIGHUP reloads the SLO and policy files (and the
slo_files/policy_files lists of --config; other settings need a restart); an invalid file is
reported with file:line and the daemon keeps serving what it had.
)";

struct Args {
  std::string configFile, listen, stateDir;
  bool simulate = false;
  double timeScale = 0;
};

bool parseArgs(int argc, char **argv, Args &a, int &exitCode) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&](std::string &out) {
      if (i + 1 >= argc) {
        std::cerr << "pxpd: " << arg << " needs a value; see pxpd --help\n";
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string value;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      exitCode = 0;
      return false;
    } else if (arg == "--version") {
      std::cout << "pxpd " << PXP_VERSION << "\n";
      exitCode = 0;
      return false;
    } else if (arg == "--simulate") {
      a.simulate = true;
    } else if (arg == "--listen") {
      if (!next(a.listen))
        return false;
      if (const std::string why = pxpd::checkListen(a.listen); !why.empty()) {
        std::cerr << "pxpd: --" << why << "\n";
        return false;
      }
    } else if (arg == "--config") {
      if (!next(a.configFile))
        return false;
    } else if (arg == "--state-dir") {
      if (!next(a.stateDir))
        return false;
    } else if (arg == "--time-scale") {
      if (!next(value))
        return false;
      char *end = nullptr;
      a.timeScale = std::strtod(value.c_str(), &end);
      // !(x > 0 && x <= max) also refuses NaN; inf and 1e308 would push the clock past int64.
      if (value.empty() || *end != '\0' || !(a.timeScale > 0 && a.timeScale <= pxpd::kMaxTimeScale)) {
        std::cerr << "pxpd: --time-scale must be a number above 0 and at most 100000, got '" << pxpd::shortForm(value)
                  << "'\n";
        return false;
      }
    } else {
      std::cerr << "pxpd: unknown option '" << pxpd::shortForm(arg) << "'; see pxpd --help\n";
      return false;
    }
  }
  return true;
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 2 && std::string(argv[1]) == "rules")
    return pxpd::printPrometheusRules(std::vector<std::string>(argv + 2, argv + argc), std::cout, std::cerr);
  Args args;
  int exitCode = 2;
  if (!parseArgs(argc, argv, args, exitCode))
    return exitCode;

  pxpd::DaemonConfig config;
  config.stateDir = pxpd::defaultStateDir();
  if (!args.configFile.empty()) {
    auto loaded = pxpd::loadDaemonConfig(args.configFile);
    if (!loaded) {
      std::cerr << "pxpd: " << loaded.error() << "\n";
      return 2;
    }
    config = std::move(loaded).value();
  }
  if (!args.listen.empty())
    config.listen = args.listen;
  if (!args.stateDir.empty())
    config.stateDir = args.stateDir;
  if (args.simulate)
    config.simulate = true;
  if (args.timeScale > 0)
    config.timeScale = args.timeScale;

  if (config.tokens.empty()) {
    // No implicit privileges: without configured tokens we mint demo tokens and say where.
    config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    const auto dir = config.stateDir / "demo-tokens";
    if (auto w = pxpd::TokenRegistry::writeTokenFiles(dir, config.tokens); !w) {
      std::cerr << "pxpd: " << w.error() << "\n";
      return 2;
    }
    std::cout << "pxpd: no tokens configured; demo tokens are in " << dir.string()
              << "/{viewer,responder,commander,admin}.token (readable only by you)" << std::endl;
  }

  // Block the signals we handle in every thread (children get them back, see ChildProcess);
  // one thread waits for them.
  sigset_t handled;
  sigemptyset(&handled);
  sigaddset(&handled, SIGINT);
  sigaddset(&handled, SIGTERM);
  sigaddset(&handled, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &handled, nullptr);

  pxpd::Daemon daemon(config);
  // The waiter runs from before the start: a stop asked for while pxpd starts (30 days of
  // history to read, a slow disk) ends the process at once instead of waiting for the start.
  std::atomic<bool> running{false};
  std::thread signalWaiter([&] {
    for (;;) {
      int sig = 0;
      sigwait(&handled, &sig);
      if (sig != SIGHUP && !running) {
        std::cout << "pxpd: " << strsignal(sig) << " during start-up, exiting" << std::endl;
        std::_Exit(1);
      }
      if (sig != SIGHUP) {
        std::cout << "pxpd: " << strsignal(sig) << ", stopping" << std::endl;
        daemon.stop();
        return;
      }
      if (!running) {
        std::cout << "pxpd: SIGHUP during start-up ignored: the files are being read now" << std::endl;
        continue;
      }
      if (auto reloaded = daemon.reload("signal:SIGHUP"); reloaded)
        std::cout << "pxpd: SIGHUP: reloaded: " << reloaded.value() << std::endl;
      else
        std::cerr << "pxpd: SIGHUP: reload failed: " << reloaded.error() << std::endl;
    }
  });
  if (auto started = daemon.start(); !started) {
    std::cerr << "pxpd: " << started.error() << "\n";
    signalWaiter.detach(); // blocked in sigwait; the process ends here
    return 1;
  }
  running = true;
  const auto host = config.listen.substr(0, config.listen.rfind(':'));
  std::cout << "pxpd " << PXP_VERSION << " listening on " << host << ":" << daemon.boundPort()
            << (config.tls.enabled() ? " (TLS)" : " (plaintext)") << (config.simulate ? ", simulated world" : "")
            << std::endl;
  daemon.wait();
  signalWaiter.join();
  std::cout << "pxpd: stopped" << std::endl;
  return 0;
}
