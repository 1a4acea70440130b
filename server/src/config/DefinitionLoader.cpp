#include "config/DefinitionLoader.h"

#include "DemoWorldDefinitions.h"
#include "policy/PolicyLoader.h"
#include "prometheus/PrometheusApi.h"
#include "pxpd/slo/OpenSloLoader.h"
#include "traces/SpanSli.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace pxpd {
namespace {

Result<std::vector<slo::SloSpec>> slosOf(slo::LoadResult loaded) {
  if (const auto *e = std::get_if<slo::LoadError>(&loaded))
    return Error{e->describe()};
  return std::get<slo::SloSet>(std::move(loaded)).slos;
}

// A prometheus SLO names its DataSource (metricSourceRef); with exactly one DataSource loaded
// the name may be left out. A name that no file defines is a typo: the load is refused.
Result<Ok> resolveDataSources(std::vector<slo::SloSpec> &slos, const std::vector<slo::DataSourceSpec> &sources) {
  for (auto &s : slos) {
    if (s.source != slo::SourceKind::Prometheus)
      continue;
    const std::string at = s.sourceFile + ":" + std::to_string(s.sourceLine) + ": SLO '" + s.id + "' ";
    if (s.dataSource.empty()) {
      if (sources.size() == 1)
        s.dataSource = sources.front().name;
      continue; // none or several: loaded, shown as "source not configured" (Engine::unmeasuredReason)
    }
    const bool known =
        std::any_of(sources.begin(), sources.end(), [&](const auto &d) { return d.name == s.dataSource; });
    if (!known)
      return Error{at + "names DataSource '" + s.dataSource +
                   "', which no loaded file defines: add a kind: DataSource document with that name "
                   "(type: Prometheus, connectionDetails: {url: http://prometheus:9090}) or fix metricSourceRef"};
  }
  return Ok{};
}

// A DataSource that no query could reach safely (a token over plain http:// to another host, a
// missing TLS file) is refused at load with its file and line.
// insecureSkipVerify loads, with a warning on stderr at every load.
Result<Ok> checkDataSources(const std::vector<slo::DataSourceSpec> &sources) {
  for (const auto &d : sources) {
    const auto endpoint = prom::PrometheusApi::endpoint(d);
    const std::string at = d.sourceFile + ":" + std::to_string(d.sourceLine) + ": ";
    if (auto ok = http::Client::check(endpoint); !ok)
      return Error{at + ok.error()};
    if (const std::string warning = http::Client::insecureWarning(endpoint); !warning.empty())
      std::fprintf(stderr, "pxpd: warning: %s%s\n", at.c_str(), warning.c_str());
  }
  return Ok{};
}

std::string where(const PolicyRule &r) {
  return (r.sourceFile.empty() ? std::string("built-in policies") : r.sourceFile) + ":" + std::to_string(r.sourceLine);
}

// A policy scoped to an SLO or service that is not loaded would never act: most likely a
// typo in a safety net, so the whole load is refused.
Result<Ok> checkScopes(const Definitions &d) {
  std::set<std::string> ids, services;
  for (const auto &s : d.slos) {
    ids.insert(s.id);
    services.insert(s.service);
  }
  for (const auto &r : d.policies) {
    for (const auto &id : r.policy.scope_slos())
      if (!ids.count(id))
        return Error{where(r) + ": policy '" + r.policy.id() + "' scope.slos names '" + id +
                     "', which is not a loaded SLO: check the id (<service>/<name>) or add its SLO file"};
    for (const auto &svc : r.policy.scope_services())
      if (!services.count(svc))
        return Error{where(r) + ": policy '" + r.policy.id() + "' scope.services names '" + svc +
                     "', which no loaded SLO belongs to: check the spelling or add its SLO file"};
  }
  return Ok{};
}

std::string joined(const std::vector<std::filesystem::path> &files) {
  std::string out;
  for (const auto &f : files)
    out += (out.empty() ? "" : ", ") + f.string();
  return out;
}

} // namespace

Result<Definitions> DefinitionLoader::demoWorld() {
  Definitions d;
  d.origin = "built-in demo world";
  auto slos = slosOf(slo::loadOpenSloText(demo::kSlosYaml, std::string(demo::kSlosName)));
  if (!slos)
    return Error{slos.error()};
  d.slos = std::move(slos).value();
  auto policies = PolicyLoader::loadText(demo::kPoliciesYaml, std::string(demo::kPoliciesName));
  if (!policies)
    return Error{policies.error()};
  d.policies = std::move(policies).value();
  for (auto &p : d.policies)
    p.sourceFile.clear(); // built in: reported as such, never as a path on this host
  return d;
}

Result<Definitions> DefinitionLoader::load(bool rereadConfigFile) {
  std::lock_guard lock(m_mutex);
  DaemonConfig cfg = m_config;
  if (rereadConfigFile && !cfg.sourceFile.empty()) {
    auto fresh = loadDaemonConfig(cfg.sourceFile);
    if (!fresh)
      return Error{fresh.error()};
    cfg.sloFiles = fresh.value().sloFiles;
    cfg.policyFiles = fresh.value().policyFiles;
  }
  Definitions d;
  const bool demo = cfg.simulate && cfg.sloFiles.empty();
  if (demo) {
    auto world = demoWorld();
    if (!world)
      return Error{world.error()};
    d = std::move(world).value();
    if (!cfg.policyFiles.empty())
      d.policies.clear();
  } else if (!cfg.sloFiles.empty()) {
    std::vector<std::string> paths;
    for (const auto &f : cfg.sloFiles)
      paths.push_back(f.string());
    auto loaded = slo::loadOpenSloFiles(paths);
    if (const auto *e = std::get_if<slo::LoadError>(&loaded))
      return Error{e->describe()};
    auto &set = std::get<slo::SloSet>(loaded);
    d.slos = std::move(set.slos);
    d.dataSources = std::move(set.dataSources);
    if (auto ok = resolveDataSources(d.slos, d.dataSources); !ok)
      return Error{ok.error()};
    if (auto ok = checkDataSources(d.dataSources); !ok)
      return Error{ok.error()};
    d.origin = "slo_files: " + joined(cfg.sloFiles);
  }
  if (!cfg.policyFiles.empty()) {
    auto policies = PolicyLoader::loadFiles(cfg.policyFiles);
    if (!policies)
      return Error{policies.error()};
    d.policies = std::move(policies).value();
    d.origin += (d.origin.empty() ? "" : "; ") + std::string("policy_files: ") + joined(cfg.policyFiles);
  }
  if (d.origin.empty())
    d.origin = "no SLO or policy files configured";
  if (auto ok = checkScopes(d); !ok)
    return Error{ok.error()};
  for (const auto &spec : d.slos) // a span SLO with an unreadable selector would never count
    if (spec.source == slo::SourceKind::Spans)
      if (auto sli = SpanSli::compile(spec); !sli)
        return Error{sli.error()};
  m_config = std::move(cfg);
  return d;
}

} // namespace pxpd
