#include "prometheus/PrometheusRules.h"

#include "prometheus/PromQlWindow.h"
#include "pxpd/PrometheusRulesCommand.h"
#include "pxpd/slo/AlertPolicy.h"
#include "pxpd/slo/OpenSloLoader.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <ostream>

#include <yaml-cpp/yaml.h>

namespace pxpd::prom {
namespace {

constexpr std::array<slo::Window, slo::kWindowCount - 1> kRatioWindows{
    slo::Window::M5, slo::Window::M30, slo::Window::H1, slo::Window::H2,
    slo::Window::H6, slo::Window::D1,  slo::Window::D3};

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string sanitized(const std::string &text) {
  std::string out;
  for (const unsigned char c : text)
    out += std::isalnum(c) ? static_cast<char>(c) : '_';
  return out;
}

struct Slo {
  const slo::SloSpec &spec;
  std::string slothId, selector; // selector: {sloth_id="..",sloth_service="..",sloth_slo=".."}

  explicit Slo(const slo::SloSpec &s) : spec(s), slothId(s.service + "-" + s.name) {
    selector = "{sloth_id=\"" + slothId + "\", sloth_service=\"" + s.service + "\", sloth_slo=\"" + s.name + "\"}";
  }
  std::string periodName() const { return promDuration(spec.periodSeconds); }
  // Errors over all events in the window, as a ratio of counts. Each side is summed: a counter
  // selector keeps its labels (code="500", job=...) and would match nothing on the other side
  // of the division (Prometheus divides label-matched series), so the rule would record nothing.
  std::string errorRatio(std::int64_t windowSeconds) const {
    const std::string total = "sum(" + eventsInWindow(spec.totalQuery, windowSeconds) + ")";
    if (!spec.badQuery.empty())
      return "sum(" + eventsInWindow(spec.badQuery, windowSeconds) + ")\n/\n" + total;
    return "1 - (\n  sum(" + eventsInWindow(spec.goodQuery, windowSeconds) + ")\n  /\n  " + total + "\n)";
  }
  void labels(YAML::Emitter &out, const std::string &window = {}) const {
    out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "sloth_id" << YAML::Value << slothId;
    out << YAML::Key << "sloth_service" << YAML::Value << spec.service;
    out << YAML::Key << "sloth_slo" << YAML::Value << spec.name;
    if (!window.empty())
      out << YAML::Key << "sloth_window" << YAML::Value << window;
    out << YAML::EndMap;
  }
};

void record(YAML::Emitter &out, const std::string &name, const std::string &expr) {
  out << YAML::BeginMap << YAML::Key << "record" << YAML::Value << name;
  out << YAML::Key << "expr" << YAML::Value << YAML::Literal << expr;
}

void sliRecordings(YAML::Emitter &out, const Slo &s) {
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "sloth-slo-sli-recordings-" + s.slothId;
  out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
  for (const slo::Window w : kRatioWindows) {
    const std::string name = std::string(slo::windowName(w));
    record(out, "slo:sli_error:ratio_rate" + name, s.errorRatio(slo::windowSeconds(w, s.spec.periodSeconds)));
    s.labels(out, name);
    out << YAML::EndMap;
  }
  // The period's ratio from the period's counts, like the windows above and like pxpd's own
  // budget. (The mean of the 5m ratios is not a ratio of counts: it weighs a quiet night like a
  // busy day, and until 30 days of 5m recordings exist it is the mean of a few recent ones.)
  const std::string period = s.periodName();
  record(out, "slo:sli_error:ratio_rate" + period, s.errorRatio(s.spec.periodSeconds));
  s.labels(out, period);
  out << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
}

void metaRecordings(YAML::Emitter &out, const Slo &s) {
  const std::string on = " / on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio" + s.selector;
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "sloth-slo-meta-recordings-" + s.slothId;
  out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
  const std::array<std::pair<std::string, std::string>, 6> rules{{
      {"slo:objective:ratio", "vector(" + number(s.spec.objective) + ")"},
      {"slo:error_budget:ratio", "vector(1 - " + number(s.spec.objective) + ")"},
      {"slo:time_period:days", "vector(" + number(static_cast<double>(s.spec.periodSeconds) / 86400) + ")"},
      {"slo:current_burn_rate:ratio", "slo:sli_error:ratio_rate5m" + s.selector + on},
      {"slo:period_burn_rate:ratio", "slo:sli_error:ratio_rate" + s.periodName() + s.selector + on},
      {"slo:period_error_budget_remaining:ratio", "1 - slo:period_burn_rate:ratio" + s.selector},
  }};
  for (const auto &[name, expr] : rules) {
    record(out, name, expr);
    s.labels(out);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
}

std::string condition(const Slo &s, const slo::AlertPolicy::Rule &rule) {
  const std::string budget = number(1.0 - s.spec.objective);
  auto over = [&](slo::Window w) {
    return "max(slo:sli_error:ratio_rate" + std::string(slo::windowName(w)) + s.selector + " > (" +
           number(rule.burnThreshold) + " * " + budget + ")) without (sloth_window)";
  };
  return "(\n  " + over(rule.shortWindow) + "\n  and\n  " + over(rule.longWindow) + "\n)";
}

void alert(YAML::Emitter &out, const Slo &s, const char *severity, const slo::AlertPolicy::Rule &fast,
           const slo::AlertPolicy::Rule &slow) {
  out << YAML::BeginMap << YAML::Key << "alert" << YAML::Value << sanitized(s.spec.id) + "_" + severity;
  out << YAML::Key << "expr" << YAML::Value << YAML::Literal << condition(s, fast) + "\nor\n" + condition(s, slow);
  out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "severity" << YAML::Value << severity;
  out << YAML::Key << "sloth_severity" << YAML::Value << severity;
  out << YAML::Key << "sloth_id" << YAML::Value << s.slothId;
  out << YAML::Key << "sloth_service" << YAML::Value << s.spec.service;
  out << YAML::Key << "sloth_slo" << YAML::Value << s.spec.name;
  out << YAML::EndMap;
  out << YAML::Key << "annotations" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "title" << YAML::Value
      << std::string("(") + severity + ") " + s.spec.id + " is burning its error budget too fast";
  out << YAML::Key << "summary" << YAML::Value
      << s.spec.id + " burns the error budget of its " + number(s.spec.objective * 100) + "% objective over " +
             s.periodName() + " at " + number(fast.burnThreshold) + "x or more (" +
             std::string(slo::windowName(fast.longWindow)) + " and " + std::string(slo::windowName(fast.shortWindow)) +
             ") or " + number(slow.burnThreshold) + "x or more (" + std::string(slo::windowName(slow.longWindow)) +
             " and " + std::string(slo::windowName(slow.shortWindow)) + ")";
  if (!s.spec.runbookUrl.empty())
    out << YAML::Key << "runbook_url" << YAML::Value << s.spec.runbookUrl;
  out << YAML::EndMap << YAML::EndMap;
}

void alerts(YAML::Emitter &out, const Slo &s) {
  const auto policy = slo::AlertPolicy::forPeriod(s.spec.periodSeconds);
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "sloth-slo-alerts-" + s.slothId;
  out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
  alert(out, s, "page", policy.rule(slo::Tier::Page), policy.rule(slo::Tier::PageSlow));
  alert(out, s, "ticket", policy.rule(slo::Tier::Ticket), policy.rule(slo::Tier::TicketSlow));
  out << YAML::EndSeq << YAML::EndMap;
}

} // namespace

Result<std::string> prometheusRules(const std::vector<slo::SloSpec> &slos, const std::string &sourceName) {
  YAML::Emitter out;
  out << YAML::Comment("Prometheus rules generated by `pxpd rules " + sourceName +
                       "` (Sloth-style: SLI error ratios per window, SLO meta, multiwindow multi-burn-rate alerts). "
                       "Install with rule_files: in prometheus.yml; check with promtool check rules.");
  out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
  int count = 0;
  for (const auto &spec : slos) {
    if (spec.source != slo::SourceKind::Prometheus || spec.totalQuery.empty())
      continue;
    const Slo s(spec);
    sliRecordings(out, s);
    metaRecordings(out, s);
    alerts(out, s);
    ++count;
  }
  out << YAML::EndSeq << YAML::EndMap;
  if (count == 0)
    return Error{sourceName + ": no SLO with a Prometheus ratioMetric (good or bad over total) found: rules are "
                              "made for SLOs whose metricSource has type: Prometheus"};
  if (!out.good())
    return Error{"cannot write the rules: " + out.GetLastError()};
  return std::string(out.c_str()) + "\n";
}

} // namespace pxpd::prom

namespace pxpd {

int printPrometheusRules(const std::vector<std::string> &sloFiles, std::ostream &out, std::ostream &err) {
  if (sloFiles.empty()) {
    err << "pxpd rules: name the SLO file(s): pxpd rules SLO_FILE [SLO_FILE...]\n";
    return 2;
  }
  auto loaded = slo::loadOpenSloFiles(sloFiles);
  if (const auto *e = std::get_if<slo::LoadError>(&loaded)) {
    err << "pxpd rules: " << e->describe() << "\n";
    return 1;
  }
  std::string names;
  for (const auto &f : sloFiles)
    names += (names.empty() ? "" : " ") + f;
  auto rules = prom::prometheusRules(std::get<slo::SloSet>(loaded).slos, names);
  if (!rules) {
    err << "pxpd rules: " << rules.error() << "\n";
    return 1;
  }
  out << rules.value();
  return 0;
}

} // namespace pxpd
