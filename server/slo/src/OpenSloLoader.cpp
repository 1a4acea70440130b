#include "pxpd/slo/OpenSloLoader.h"

#include "pxpd/slo/ConfigFile.h"
#include "pxpd/slo/YamlDuplicateKeys.h"

#include "SloDocumentReader.h"
#include "YamlFieldReader.h"
#include "YamlPreflight.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

namespace pxpd::slo {
namespace {

constexpr std::string_view kApiVersion = "openslo/v1";
// SLO files are hand-written; anything this large is a mistake (or hostile), not a catalog.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{16} * 1024 * 1024;

// First definition of each name, so a duplicate can say where the original is.
using FirstSeen = std::map<std::string, std::pair<std::string, int>>;

std::string where(const std::pair<std::string, int> &at, const std::string &currentFile) {
  return at.first == currentFile ? "line " + std::to_string(at.second) : at.first + ":" + std::to_string(at.second);
}

// Records name -> place, or fails with a message naming both places.
bool claim(FirstSeen &seen, const std::string &what, const std::string &name, const std::string &file, int line,
           const std::string &fix, YamlFieldReader &fields) {
  const auto [it, inserted] = seen.try_emplace(name, file, line);
  if (!inserted)
    fields.fail(line, what + " '" + name + "' is defined twice (first at " + where(it->second, file) + "): " + fix);
  return inserted;
}

struct Names {
  FirstSeen slos, services, dataSources;
};

std::optional<ServiceSpec> readService(const YAML::Node &doc, YamlFieldReader &fields) {
  ServiceSpec s;
  const YAML::Node meta = fields.map(doc, "metadata", "metadata", Need::Required, "add metadata: {name: my-service}");
  fields.onlyKeys(meta, "metadata", {"name", "displayName"}, {"labels", "annotations"});
  s.name = fields.string(meta, "name", "metadata.name", Need::Required, "add name: my-service");
  s.displayName = fields.string(meta, "displayName", "metadata.displayName", Need::Optional);
  const YAML::Node spec = fields.map(doc, "spec", "spec", Need::Optional);
  fields.onlyKeys(spec, "spec", {"description"});
  s.description = fields.string(spec, "description", "spec.description", Need::Optional);
  s.sourceFile = fields.file();
  s.sourceLine = YamlFieldReader::lineOf(doc);
  return fields.failed() ? std::nullopt : std::optional(s);
}

// "30s", "2m" or a bare number of seconds, within [minSeconds, maxSeconds]; stored as seconds * scale.
void readDuration(const YAML::Node &details, const char *key, std::int64_t minSeconds, std::int64_t maxSeconds,
                  std::int64_t &out, std::int64_t scale, YamlFieldReader &fields) {
  const std::string path = std::string("spec.connectionDetails.") + key;
  const std::string text = fields.string(details, key, path, Need::Optional);
  if (fields.failed() || text.empty())
    return;
  std::int64_t n = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  std::int64_t unit = 0;
  const std::string_view rest(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (rest.empty() || rest == "s")
    unit = 1;
  else if (rest == "m")
    unit = 60;
  const std::int64_t seconds = n * unit;
  if (ec != std::errc() || unit == 0 || seconds < minSeconds || seconds > maxSeconds)
    fields.fail(details[key], path + " '" + text + "' must be a duration such as 30s or 2m, between " +
                                  std::to_string(minSeconds) + "s and " + std::to_string(maxSeconds) + "s");
  else
    out = seconds * scale;
}

// connectionDetails.basicAuth, .headers and .tls: how to reach a Prometheus that is not open.
void readAccess(const YAML::Node &details, DataSourceSpec &d, YamlFieldReader &fields) {
  const std::string at = "spec.connectionDetails.";
  if (const YAML::Node basic = fields.map(details, "basicAuth", at + "basicAuth", Need::Optional); basic.IsMap()) {
    fields.onlyKeys(basic, at + "basicAuth", {"username", "passwordFile"});
    d.basicAuthUsername = fields.string(basic, "username", at + "basicAuth.username", Need::Required,
                                        "add username: the user Prometheus's web config names");
    d.basicAuthPasswordFile = fields.string(basic, "passwordFile", at + "basicAuth.passwordFile", Need::Required,
                                            "add passwordFile: a file holding the password (never the password)");
  }
  if (const YAML::Node headers = fields.map(details, "headers", at + "headers", Need::Optional); headers.IsMap()) {
    for (const auto &kv : headers) {
      const std::string name = kv.first.Scalar();
      const std::string value = fields.string(headers, name.c_str(), at + "headers." + name, Need::Required);
      d.headers.emplace_back(name, value);
    }
  }
  if (const YAML::Node tls = fields.map(details, "tls", at + "tls", Need::Optional); tls.IsMap()) {
    fields.onlyKeys(tls, at + "tls", {"caFile", "certFile", "keyFile", "insecureSkipVerify"});
    d.caFile = fields.string(tls, "caFile", at + "tls.caFile", Need::Optional);
    d.certFile = fields.string(tls, "certFile", at + "tls.certFile", Need::Optional);
    d.keyFile = fields.string(tls, "keyFile", at + "tls.keyFile", Need::Optional);
    d.insecureSkipVerify =
        fields.boolean(tls, "insecureSkipVerify", at + "tls.insecureSkipVerify", Need::Optional).value_or(false);
  }
}

std::optional<DataSourceSpec> readDataSource(const YAML::Node &doc, YamlFieldReader &fields) {
  DataSourceSpec d;
  const YAML::Node meta = fields.map(doc, "metadata", "metadata", Need::Required, "add metadata: {name: prometheus}");
  fields.onlyKeys(meta, "metadata", {"name", "displayName"}, {"labels", "annotations"});
  d.name = fields.string(meta, "name", "metadata.name", Need::Required, "add name: prometheus");
  d.displayName = fields.string(meta, "displayName", "metadata.displayName", Need::Optional);
  const YAML::Node spec =
      fields.map(doc, "spec", "spec", Need::Required, "add spec: {type: Prometheus, connectionDetails: {url: ...}}");
  fields.onlyKeys(spec, "spec", {"type", "connectionDetails"}, {"description"});
  d.type = fields.string(spec, "type", "spec.type", Need::Required, "add type: Prometheus");
  if (!fields.failed() && d.type != "Prometheus")
    fields.fail(spec["type"], "spec.type '" + d.type +
                                  "' is not supported: pxp queries Prometheus-compatible stores (Prometheus, Mimir, "
                                  "Thanos); write type: Prometheus");
  const YAML::Node details = fields.map(spec, "connectionDetails", "spec.connectionDetails", Need::Required,
                                        "add connectionDetails: {url: http://prometheus:9090}");
  fields.onlyKeys(
      details, "spec.connectionDetails",
      {"url", "bearerTokenFile", "basicAuth", "headers", "tls", "timeout", "step", "scrapeInterval", "noDataAfter"});
  d.url =
      fields.string(details, "url", "spec.connectionDetails.url", Need::Required, "add url: http://prometheus:9090");
  if (!fields.failed() && d.url.rfind("http://", 0) != 0 && d.url.rfind("https://", 0) != 0)
    fields.fail(details["url"], "spec.connectionDetails.url '" + d.url + "' must start with http:// or https://");
  d.bearerTokenFile =
      fields.string(details, "bearerTokenFile", "spec.connectionDetails.bearerTokenFile", Need::Optional);
  readAccess(details, d, fields);
  readDuration(details, "timeout", 1, 120, d.timeoutMs, 1000, fields);
  readDuration(details, "step", 15, 300, d.stepSeconds, 1, fields);
  readDuration(details, "scrapeInterval", 1, 300, d.scrapeIntervalSeconds, 1, fields);
  readDuration(details, "noDataAfter", 60, 86400, d.noDataAfterSeconds, 1, fields);
  if (!fields.failed() && d.scrapeIntervalSeconds > 0 && d.stepSeconds < 2 * d.scrapeIntervalSeconds)
    fields.fail(details["step"].IsDefined() ? details["step"] : details,
                "spec.connectionDetails.step " + std::to_string(d.stepSeconds) +
                    "s is shorter than twice the scrape interval (" + std::to_string(d.scrapeIntervalSeconds) +
                    "s): increase() needs two samples in every step, so steps would count nothing; use step: " +
                    std::to_string(2 * d.scrapeIntervalSeconds) + "s or more (dividing one hour)");
  if (!fields.failed() && 3600 % d.stepSeconds != 0)
    fields.fail(details["step"],
                "spec.connectionDetails.step must divide one hour (15s, 20s, 30s, 60s, 120s, 300s ...): "
                "pxpd lines its increments up with hourly history buckets");
  d.sourceFile = fields.file();
  d.sourceLine = YamlFieldReader::lineOf(doc);
  return fields.failed() ? std::nullopt : std::optional(d);
}

// One document: checks apiVersion and kind, reads it into `out`, claims its name.
void readDocument(const YAML::Node &doc, YamlFieldReader &fields, SloSet &out, Names &names) {
  if (!doc.IsMap()) {
    fields.fail(doc, "each document must be a mapping starting with apiVersion: openslo/v1 and a kind");
    return;
  }
  const std::string api =
      fields.string(doc, "apiVersion", "apiVersion", Need::Required, "start each document with apiVersion: openslo/v1");
  if (!fields.failed() && api != kApiVersion)
    fields.fail(doc["apiVersion"], "apiVersion '" + api + "' is not supported: pxp reads openslo/v1");
  const std::string kind = fields.string(doc, "kind", "kind", Need::Required, "add kind: SLO (or Service, DataSource)");
  if (fields.failed())
    return;
  fields.onlyKeys(doc, "", {"apiVersion", "kind", "metadata", "spec"});
  if (fields.failed())
    return;
  const int line = YamlFieldReader::lineOf(doc);
  if (kind == "SLO") {
    SloDocumentReader reader(fields);
    if (auto slo = reader.read(doc);
        slo && claim(names.slos, "SLO id", slo->id, fields.file(), line,
                     "give one of them another metadata.name (the id is <spec.service>/<metadata.name>)", fields))
      out.slos.push_back(std::move(*slo));
  } else if (kind == "Service") {
    if (auto s = readService(doc, fields);
        s && claim(names.services, "Service", s->name, fields.file(), line, "remove or rename one of them", fields))
      out.services.push_back(std::move(*s));
  } else if (kind == "DataSource") {
    if (auto d = readDataSource(doc, fields); d && claim(names.dataSources, "DataSource", d->name, fields.file(), line,
                                                         "remove or rename one of them", fields))
      out.dataSources.push_back(std::move(*d));
  } else if (kind == "SLI") {
    fields.fail(doc["kind"], "kind SLI is not supported on its own: put the indicator inline under the SLO's "
                             "spec.indicator");
  } else if (kind == "AlertPolicy" || kind == "AlertCondition" || kind == "AlertNotificationTarget") {
    fields.fail(doc["kind"], "kind " + kind +
                                 " is not supported: pxp alerts with its built-in multiwindow, "
                                 "multi-burn-rate policy; remove this document");
  } else {
    fields.fail(doc["kind"], "unknown kind '" + kind + "': use SLO, Service or DataSource");
  }
}

// Appends the file's documents to `out`; on error `out` is half-filled and must be dropped.
std::optional<LoadError> loadInto(std::string_view text, const std::string &file, SloSet &out, Names &names) {
  YamlFieldReader fields(file);
  const std::string yamlHint = ": fix the YAML at or just before that line (indentation, a missing ':' or an "
                               "unclosed bracket or quote)";
  try {
    if (const std::optional<int> line = findEndlessDocument(text))
      return LoadError{file, *line, "a document starts with a stray character (such as ',')" + yamlHint};
    const std::vector<YAML::Node> docs = YAML::LoadAll(std::string(text));
    for (const YAML::Node &doc : docs) {
      if (doc.IsNull())
        continue; // "---" at the end, or a document of comments only
      if (const auto dup = findDuplicateKey(doc))
        return LoadError{file, dup->line,
                         "'" + dup->key + "' is given twice in the same mapping (first at line " +
                             std::to_string(dup->firstLine) + "): keep one"};
      readDocument(doc, fields, out, names);
      if (fields.failed())
        return fields.error();
    }
  } catch (const YAML::DeepRecursion &e) {
    return LoadError{file, e.mark.line + 1,
                     "the YAML nests deeper than " + std::to_string(e.depth()) +
                         " levels: SLO files need a handful; look for unbalanced brackets"};
  } catch (const YAML::Exception &e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    return LoadError{file, line, e.msg + yamlHint};
  } catch (const std::exception &e) {
    return LoadError{file, 0, std::string("cannot read: ") + e.what()};
  }
  return std::nullopt;
}

std::variant<std::string, LoadError> readFile(const std::string &path) {
  auto file = readConfigFile(path, "SLO file", kMaxFileBytes);
  if (!file.error.empty())
    return LoadError{path, 0, file.error};
  return std::move(file.text);
}

} // namespace

std::string LoadError::describe() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

LoadResult loadOpenSloText(std::string_view text, const std::string &nameForErrors) {
  SloSet set;
  Names names;
  if (auto error = loadInto(text, nameForErrors, set, names))
    return std::move(*error);
  return set;
}

LoadResult loadOpenSloFile(const std::string &path) {
  return loadOpenSloFiles({path});
}

LoadResult loadOpenSloFiles(const std::vector<std::string> &paths) {
  SloSet set;
  Names names;
  for (const std::string &path : paths) {
    auto text = readFile(path);
    if (auto *error = std::get_if<LoadError>(&text))
      return std::move(*error);
    if (auto loadError = loadInto(std::get<std::string>(text), path, set, names))
      return std::move(*loadError);
  }
  return set;
}

} // namespace pxpd::slo
