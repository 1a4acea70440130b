#pragma once
// SloDocumentReader: turns one OpenSLO "kind: SLO" document into an SloSpec, or records an error.
// Thread affinity: none (one per document, used by the loading thread).

#include "YamlFieldReader.h"

#include "pxpd/slo/SloSpec.h"

#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

namespace pxpd::slo {

class SloDocumentReader {
public:
  explicit SloDocumentReader(YamlFieldReader &fields) : m_fields(fields) {}

  // The spec, or nullopt with the error left in the YamlFieldReader.
  std::optional<SloSpec> read(const YAML::Node &doc);

private:
  struct MetricSource {
    std::string type, ref, query;
    int line = 0; // of the metricSource mapping, for "query is missing" errors
    std::string path;
  };

  void readMetadata(const YAML::Node &doc);
  void readAnnotations(const YAML::Node &annotations);
  void readIndicator(const YAML::Node &spec);
  void readRatioMetric(const YAML::Node &ratio, const std::string &path);
  MetricSource readMetricSource(const YAML::Node &parent, const std::string &path);
  void readTimeWindow(const YAML::Node &spec);
  void readBudgetingMethod(const YAML::Node &spec);
  void readObjective(const YAML::Node &spec);
  void resolveSourceAndKind();

  YamlFieldReader &m_fields;
  SloSpec m_spec;
  bool m_thresholdMetric = false;
  std::optional<SourceKind> m_annotatedSource;
  std::optional<SliKind> m_annotatedKind;
  MetricSource m_numerator, m_total, m_threshold; // numerator: good or bad
};

} // namespace pxpd::slo
