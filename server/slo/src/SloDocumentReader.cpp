#include "SloDocumentReader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <utility>

namespace pxpd::slo {
namespace {

constexpr std::int64_t kDaySeconds = 86400;

// Rolling periods the engine's alert windows and memory figures are designed and tested for.
constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> kPeriods{{
    {"7d", 7 * kDaySeconds},
    {"28d", 28 * kDaySeconds},
    {"30d", 30 * kDaySeconds},
    {"1w", 7 * kDaySeconds},
    {"4w", 28 * kDaySeconds},
}};

constexpr std::string_view kAnnotationPrefix = "pxp.dev/";

// Annotations copied as text; the typed ones (min-events, source, sli-kind,
// latency-threshold-ms) are parsed in readAnnotations().
constexpr std::array<std::pair<std::string_view, std::string SloSpec::*>, 3> kTextAnnotations{{
    {"pxp.dev/product-area", &SloSpec::productArea},
    {"pxp.dev/owner", &SloSpec::owner},
    {"pxp.dev/runbook", &SloSpec::runbookUrl},
}};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Names become part of the SLO id "<service>/<name>" and of URLs and file names in the UI.
bool isValidName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

// A number as the user would write it back: 0.999, not 0.99900000000000011.
std::string formatNumber(double value) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.10g", value);
  return buf.data();
}

int lineAt(const YAML::Node &parent, const char *key) {
  return YamlFieldReader::keyLine(parent, key);
}

} // namespace

std::optional<SloSpec> SloDocumentReader::read(const YAML::Node &doc) {
  m_spec = SloSpec{};
  m_spec.sourceFile = m_fields.file();
  m_spec.sourceLine = YamlFieldReader::lineOf(doc);
  readMetadata(doc);
  const YAML::Node spec = m_fields.map(doc, "spec", "spec", Need::Required,
                                       "add spec: with service, indicator, timeWindow, budgetingMethod and objectives");
  m_fields.onlyKeys(spec, "spec",
                    {"service", "description", "indicator", "indicatorRef", "timeWindow", "budgetingMethod",
                     "objectives", "alertPolicies"});
  // An empty list (as OpenSLO's own examples write it) asks for nothing pxp does not do.
  if (spec.IsMap() && spec["alertPolicies"].IsDefined() && spec["alertPolicies"].size() > 0)
    m_fields.fail(lineAt(spec, "alertPolicies"),
                  "spec.alertPolicies is not supported: pxp alerts with its built-in multiwindow, multi-burn-rate "
                  "policy; remove it");
  m_spec.service = m_fields.string(spec, "service", "spec.service", Need::Required,
                                   "name the service this SLO belongs to (service: payments)");
  if (!m_fields.failed() && !isValidName(m_spec.service))
    m_fields.fail(lineAt(spec, "service"),
                  "spec.service '" + m_spec.service +
                      "' may only use letters, digits, '-', '_' and '.': it is part of the SLO id");
  m_spec.description = m_fields.string(spec, "description", "spec.description", Need::Optional);
  readIndicator(spec);
  readTimeWindow(spec);
  readBudgetingMethod(spec);
  readObjective(spec);
  resolveSourceAndKind();
  m_spec.id = m_spec.service + "/" + m_spec.name;
  if (m_fields.failed())
    return std::nullopt;
  return m_spec;
}

void SloDocumentReader::readMetadata(const YAML::Node &doc) {
  const YAML::Node meta = m_fields.map(doc, "metadata", "metadata", Need::Required, "add metadata: {name: my-slo}");
  m_fields.onlyKeys(meta, "metadata", {"name", "displayName", "annotations"}, {"labels"});
  m_spec.name = m_fields.string(meta, "name", "metadata.name", Need::Required, "add name: my-slo");
  if (!m_fields.failed() && !isValidName(m_spec.name))
    m_fields.fail(lineAt(meta, "name"),
                  "metadata.name '" + m_spec.name +
                      "' may only use letters, digits, '-', '_' and '.': it is part of the SLO id");
  m_spec.displayName = m_fields.string(meta, "displayName", "metadata.displayName", Need::Optional);
  readAnnotations(m_fields.map(meta, "annotations", "metadata.annotations", Need::Optional));
}

void SloDocumentReader::readAnnotations(const YAML::Node &annotations) {
  if (!annotations.IsMap())
    return;
  for (const auto &kv : annotations) {
    const std::string key = kv.first.Scalar();
    if (key.rfind(kAnnotationPrefix, 0) != 0)
      continue; // other tools' annotations are theirs
    const std::string path = "metadata.annotations[" + key + "]";
    const YAML::Node &value = kv.second;
    if (!value.IsScalar()) {
      m_fields.fail(value, path + " must be a single value");
      return;
    }
    const std::string &text = value.Scalar();
    const auto textField = std::find_if(kTextAnnotations.begin(), kTextAnnotations.end(),
                                        [&](const auto &entry) { return entry.first == key; });
    if (textField != kTextAnnotations.end()) {
      m_spec.*(textField->second) = text;
    } else if (key == "pxp.dev/min-events") {
      std::int64_t n = -1;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size() || n < 0)
        m_fields.fail(value, path + " must be a whole number of events (0 or more), got '" + text +
                                 "': windows with fewer events than this cannot alert");
      else
        m_spec.minEventsPerWindow = n;
    } else if (key == "pxp.dev/source") {
      m_annotatedSource = sourceKindFromName(text);
      if (!m_annotatedSource)
        m_fields.fail(value, path + " '" + text + "' is not a source: use simulated, prometheus or spans");
    } else if (key == "pxp.dev/sli-kind") {
      m_annotatedKind = sliKindFromName(text);
      if (!m_annotatedKind)
        m_fields.fail(value,
                      path + " '" + text +
                          "' is not an SLI kind: use availability, latency, freshness, correctness or conversion");
    } else if (key == "pxp.dev/latency-threshold-ms") {
      double ms = 0;
      if (!YAML::convert<double>::decode(value, ms) || !(ms > 0))
        m_fields.fail(value, path + " must be a positive number of milliseconds, got '" + text + "'");
      else
        m_spec.latencyThresholdMs = ms;
    } else {
      m_fields.fail(kv.first, "unknown annotation '" + key +
                                  "': pxp reads pxp.dev/product-area, owner, runbook, min-events, source, "
                                  "sli-kind and latency-threshold-ms (check the spelling)");
    }
  }
}

void SloDocumentReader::readIndicator(const YAML::Node &spec) {
  if (spec.IsMap() && spec["indicatorRef"].IsDefined()) {
    m_fields.fail(lineAt(spec, "indicatorRef"),
                  "spec.indicatorRef is not supported: put the SLI inline under spec.indicator");
    return;
  }
  const YAML::Node indicator = m_fields.map(spec, "indicator", "spec.indicator", Need::Required,
                                            "add indicator: {spec: {ratioMetric: ...}} (the SLI)");
  m_fields.onlyKeys(indicator, "spec.indicator", {"spec"}, {"metadata"});
  const YAML::Node ispec = m_fields.map(indicator, "spec", "spec.indicator.spec", Need::Required,
                                        "add spec: {ratioMetric: ...} or {thresholdMetric: ...}");
  if (!ispec.IsMap())
    return;
  const std::string base = "spec.indicator.spec";
  m_fields.onlyKeys(ispec, base, {"ratioMetric", "thresholdMetric"});
  const YAML::Node ratio = m_fields.map(ispec, "ratioMetric", base + ".ratioMetric", Need::Optional);
  const YAML::Node threshold = m_fields.map(ispec, "thresholdMetric", base + ".thresholdMetric", Need::Optional);
  if (ratio.IsMap() && threshold.IsMap()) {
    m_fields.fail(lineAt(ispec, "thresholdMetric"), base + " has both ratioMetric and thresholdMetric: keep one");
  } else if (ratio.IsMap()) {
    readRatioMetric(ratio, base + ".ratioMetric");
  } else if (threshold.IsMap()) {
    m_thresholdMetric = true;
    m_threshold = readMetricSource(threshold, base + ".thresholdMetric");
    m_spec.thresholdQuery = m_threshold.query;
    m_spec.dataSource = m_threshold.ref;
  } else {
    m_fields.fail(ispec, base + ".ratioMetric is missing: give a ratioMetric (good or bad over total) "
                                "or a thresholdMetric");
  }
}

void SloDocumentReader::readRatioMetric(const YAML::Node &ratio, const std::string &path) {
  m_fields.onlyKeys(ratio, path, {"counter", "good", "bad", "total", "raw"}, {"rawType"});
  if (ratio["raw"].IsDefined()) {
    m_fields.fail(lineAt(ratio, "raw"), path + ".raw is not supported: give good (or bad) and total event counts");
    return;
  }
  const YAML::Node good = m_fields.map(ratio, "good", path + ".good", Need::Optional);
  const YAML::Node bad = m_fields.map(ratio, "bad", path + ".bad", Need::Optional);
  if (good.IsMap() && bad.IsMap()) {
    m_fields.fail(lineAt(ratio, "bad"), path + " has both good and bad: keep one of them as the numerator");
    return;
  }
  if (!good.IsMap() && !bad.IsMap()) {
    m_fields.fail(ratio, path + ".good is missing: add good (or bad) with a metricSource, the numerator");
    return;
  }
  m_numerator = readMetricSource(good.IsMap() ? good : bad, path + (good.IsMap() ? ".good" : ".bad"));
  if (good.IsMap())
    m_spec.goodQuery = m_numerator.query;
  else
    m_spec.badQuery = m_numerator.query;
  const YAML::Node total =
      m_fields.map(ratio, "total", path + ".total", Need::Required, "add total with a metricSource, the denominator");
  m_total = readMetricSource(total, path + ".total");
  m_spec.totalQuery = m_total.query;
  m_spec.ratioCounter = m_fields.boolean(ratio, "counter", path + ".counter", Need::Optional).value_or(true);
  m_spec.dataSource = !m_total.ref.empty() ? m_total.ref : m_numerator.ref;
}

SloDocumentReader::MetricSource SloDocumentReader::readMetricSource(const YAML::Node &parent, const std::string &path) {
  MetricSource m;
  const std::string msPath = path + ".metricSource";
  m_fields.onlyKeys(parent, path, {"metricSource"});
  const YAML::Node ms = m_fields.map(parent, "metricSource", msPath, Need::Required,
                                     "add metricSource: {type: Prometheus, spec: {query: ...}}");
  // metricSource.spec is the source's own (OpenSLO leaves it to each vendor): not checked here.
  m_fields.onlyKeys(ms, msPath, {"type", "metricSourceRef", "spec"});
  m.line = ms.IsMap() ? YamlFieldReader::lineOf(ms) : YamlFieldReader::lineOf(parent);
  m.type = m_fields.string(ms, "type", msPath + ".type", Need::Optional);
  m.ref = m_fields.string(ms, "metricSourceRef", msPath + ".metricSourceRef", Need::Optional);
  const YAML::Node mspec = m_fields.map(ms, "spec", msPath + ".spec", Need::Optional);
  m.query = m_fields.string(mspec, "query", msPath + ".spec.query", Need::Optional);
  if (m.query.empty())
    m.query = m_fields.string(mspec, "selector", msPath + ".spec.selector", Need::Optional);
  m.path = msPath + ".spec.query";
  return m;
}

void SloDocumentReader::readTimeWindow(const YAML::Node &spec) {
  const YAML::Node windows = m_fields.sequence(spec, "timeWindow", "spec.timeWindow", Need::Required,
                                               "add timeWindow: [{duration: 30d, isRolling: true}]");
  if (!windows.IsSequence())
    return;
  if (windows.size() != 1) {
    m_fields.fail(windows, "spec.timeWindow must have exactly one entry, got " + std::to_string(windows.size()) +
                               ": write timeWindow: [{duration: 30d, isRolling: true}]");
    return;
  }
  const YAML::Node w = windows[0];
  if (!w.IsMap()) {
    m_fields.fail(w, "spec.timeWindow[0] must be a mapping such as {duration: 30d, isRolling: true}");
    return;
  }
  m_fields.onlyKeys(w, "spec.timeWindow[0]", {"duration", "isRolling", "calendar"});
  if (w["calendar"].IsDefined()) {
    m_fields.fail(lineAt(w, "calendar"),
                  "spec.timeWindow[0].calendar is not supported: pxp budgets over rolling windows; "
                  "write {duration: 30d, isRolling: true}");
    return;
  }
  const std::optional<bool> rolling = m_fields.boolean(w, "isRolling", "spec.timeWindow[0].isRolling", Need::Optional);
  if (rolling && !*rolling) {
    m_fields.fail(lineAt(w, "isRolling"), "spec.timeWindow[0].isRolling is false: pxp budgets over rolling windows "
                                          "only; write isRolling: true");
    return;
  }
  const std::string duration =
      m_fields.string(w, "duration", "spec.timeWindow[0].duration", Need::Required, "add duration: 30d");
  if (m_fields.failed())
    return;
  for (const auto &[text, seconds] : kPeriods) {
    if (duration == text) {
      m_spec.periodSeconds = seconds;
      return;
    }
  }
  m_fields.fail(lineAt(w, "duration"),
                "spec.timeWindow[0].duration '" + duration + "' is not supported: use a rolling 7d, 28d or 30d window");
}

void SloDocumentReader::readBudgetingMethod(const YAML::Node &spec) {
  const std::string method = m_fields.string(spec, "budgetingMethod", "spec.budgetingMethod", Need::Required,
                                             "add budgetingMethod: Occurrences");
  if (m_fields.failed() || method == "Occurrences")
    return;
  if (method == "Timeslices" || method == "RatioTimeslices")
    m_fields.fail(lineAt(spec, "budgetingMethod"),
                  "spec.budgetingMethod " + method +
                      " is not supported: pxp budgets by Occurrences (counts of good and bad events); "
                      "write budgetingMethod: Occurrences");
  else
    m_fields.fail(lineAt(spec, "budgetingMethod"),
                  "spec.budgetingMethod '" + method + "' is unknown: write budgetingMethod: Occurrences");
}

void SloDocumentReader::readObjective(const YAML::Node &spec) {
  const YAML::Node objectives =
      m_fields.sequence(spec, "objectives", "spec.objectives", Need::Required, "add objectives: [{target: 0.999}]");
  if (!objectives.IsSequence() || m_fields.failed())
    return;
  if (objectives.size() == 0) {
    m_fields.fail(objectives, "spec.objectives is empty: add one objective, such as - target: 0.999");
    return;
  }
  if (objectives.size() > 1) {
    m_fields.fail(objectives[1], "spec.objectives has " + std::to_string(objectives.size()) +
                                     " entries: pxp reads one objective per SLO; put each other objective in an SLO "
                                     "of its own");
    return;
  }
  const YAML::Node obj = objectives[0];
  const std::string path = "spec.objectives[0]";
  if (!obj.IsMap()) {
    m_fields.fail(obj, path + " must be a mapping such as {target: 0.999}");
    return;
  }
  m_spec.objectiveDisplayName = m_fields.string(obj, "displayName", path + ".displayName", Need::Optional);
  // timeSliceTarget and timeSliceWindow belong to Timeslices budgeting, refused above; OpenSLO
  // allows them next to Occurrences, where they mean nothing.
  m_fields.onlyKeys(obj, path, {"target", "targetPercent", "displayName", "op", "value"},
                    {"timeSliceTarget", "timeSliceWindow"});
  const std::optional<double> target = m_fields.number(obj, "target", path + ".target", Need::Optional);
  const std::optional<double> percent = m_fields.number(obj, "targetPercent", path + ".targetPercent", Need::Optional);
  if (m_fields.failed())
    return;
  if (target && percent) {
    m_fields.fail(lineAt(obj, "targetPercent"), path + " has both target and targetPercent: keep one");
  } else if (target) {
    if (*target > 0 && *target < 1) {
      m_spec.objective = *target;
    } else {
      const std::string text = obj["target"].Scalar();
      const std::string fix = (*target > 1 && *target < 100)
                                  ? "write " + formatNumber(*target / 100) + " for " + text + "%"
                                  : "write 0.999 for 99.9%";
      m_fields.fail(lineAt(obj, "target"),
                    path + ".target must be between 0 and 1 (exclusive), got " + text + ": " + fix);
    }
  } else if (percent) {
    if (*percent > 0 && *percent < 100)
      m_spec.objective = *percent / 100;
    else
      m_fields.fail(lineAt(obj, "targetPercent"), path + ".targetPercent must be between 0 and 100 (exclusive), got " +
                                                      obj["targetPercent"].Scalar() + ": write 99.9 for 99.9%");
  } else {
    m_fields.fail(obj, path + ".target is missing: add target: 0.999 (or targetPercent: 99.9)");
  }
  if (!m_thresholdMetric)
    return;
  m_spec.thresholdOp =
      m_fields.string(obj, "op", path + ".op", Need::Required, "a thresholdMetric needs op: lt, lte, gt or gte");
  const std::string &op = m_spec.thresholdOp;
  if (!m_fields.failed() && op != "lt" && op != "lte" && op != "gt" && op != "gte")
    m_fields.fail(lineAt(obj, "op"), path + ".op '" + op + "' is not an operator: use lt, lte, gt or gte");
  m_spec.thresholdValue = m_fields
                              .number(obj, "value", path + ".value", Need::Required,
                                      "a thresholdMetric needs the value an event is compared with")
                              .value_or(0.0);
}

void SloDocumentReader::resolveSourceAndKind() {
  if (m_fields.failed())
    return;
  const MetricSource &main = m_thresholdMetric ? m_threshold : m_total;
  m_spec.source =
      m_annotatedSource.value_or(lower(main.type) == "prometheus" ? SourceKind::Prometheus : SourceKind::Simulated);
  m_spec.kind = m_annotatedKind.value_or(m_thresholdMetric ? SliKind::Latency : SliKind::Availability);
  if (m_spec.source == SourceKind::Simulated)
    return; // the simulated world makes its own events; queries are optional documentation
  const std::string need = m_spec.source == SourceKind::Prometheus
                               ? ": a prometheus SLO needs a PromQL query here (spec: {query: ...})"
                               : ": a spans SLO needs a span selector here (spec: {selector: ...})";
  for (const MetricSource *m : {&m_numerator, &m_total, &m_threshold}) {
    const bool used = m_thresholdMetric ? m == &m_threshold : m != &m_threshold;
    if (used && m->query.empty()) {
      m_fields.fail(m->line, m->path + " is missing" + need);
      return;
    }
    // pxpd asks Prometheus for the events of one step; a gauge-like query cannot be made into
    // that unless it says where the window goes (Sloth's {{.window}} placeholder).
    if (used && m_spec.source == SourceKind::Prometheus && !m_thresholdMetric && !m_spec.ratioCounter &&
        m->query.find("{{.window}}") == std::string::npos) {
      m_fields.fail(m->line, m->path + " has counter: false but no {{.window}} placeholder: write the events in a "
                                       "window, such as sum(increase(http_requests_total[{{.window}}])), or set "
                                       "counter: true and give the counter's selector");
      return;
    }
  }
}

} // namespace pxpd::slo
