#pragma once
// DefinitionLoader: produces the SLO and policy definitions pxpd serves, from the files the
// daemon config names, or from the built-in demo world (simulate: true and no files). Used at
// start and on every reload (SIGHUP, ReloadConfig); a failed load changes nothing.
// Thread affinity: any thread; loads are serialized by an internal mutex.

#include "policy/PolicyRule.h"
#include "pxpd/DaemonConfig.h"
#include "pxpd/Result.h"
#include "pxpd/slo/OpenSloLoader.h"
#include "pxpd/slo/SloSpec.h"

#include <mutex>
#include <string>
#include <vector>

namespace pxpd {

struct Definitions {
  std::vector<slo::SloSpec> slos;
  std::vector<PolicyRule> policies;
  // Prometheus DataSources of the SLO files; every prometheus SLO's dataSource names one of them.
  std::vector<slo::DataSourceSpec> dataSources;
  std::string origin; // where they came from, for the audit log ("built-in demo world", file names)
};

class DefinitionLoader {
public:
  explicit DefinitionLoader(DaemonConfig config) : m_config(std::move(config)) {}

  // Rules: slo_files given -> those SLOs (and only policy_files' policies); no slo_files and
  // simulate -> the demo world's SLOs, plus its policies unless policy_files are given;
  // neither -> nothing. With `rereadConfigFile` and a config file, its slo_files and
  // policy_files lists are read again first (other settings need a restart).
  // Errors name file:line and what to do. Policies must scope existing SLOs and services.
  Result<Definitions> load(bool rereadConfigFile = false);

  // Built-in demo world only (tests, benchmarks).
  static Result<Definitions> demoWorld();

private:
  std::mutex m_mutex;
  DaemonConfig m_config; // guarded by m_mutex
};

} // namespace pxpd
