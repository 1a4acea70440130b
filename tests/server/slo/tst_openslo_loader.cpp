// OpenSLO loader: a valid multi-document file, and every rejection with its file, line and fix.

#include "pxpd/slo/OpenSloLoader.h"

#include <QtTest/QTest>

using namespace pxpd::slo;

namespace {

std::string dataFile(const char *name) {
  return std::string(PXP_SLO_TEST_DATA) + "/" + name;
}

const SloSpec *findSlo(const SloSet &set, const std::string &id) {
  for (const SloSpec &s : set.slos) {
    if (s.id == id)
      return &s;
  }
  return nullptr;
}

} // namespace

class TestOpenSloLoader : public QObject {
  Q_OBJECT

private slots:
  void loadsValidMultiDocumentFile();
  void rejects_data();
  void rejects();
  void acceptsOpenSloKeysItLeavesAlone();
  void nothingPartialOnError();
  void duplicateAcrossFilesNamesBothPlaces();
  void missingFileIsAnError();
  void textUsesTheGivenName();
  void emptyTextIsAnEmptySet();
  void deepNestingIsAnError();
};

void TestOpenSloLoader::loadsValidMultiDocumentFile() {
  const std::string path = dataFile("valid.yaml");
  const LoadResult result = loadOpenSloFile(path);
  const auto *error = std::get_if<LoadError>(&result);
  QVERIFY2(!error, error ? error->describe().c_str() : "");
  const auto &set = std::get<SloSet>(result);

  QCOMPARE(set.services.size(), std::size_t(1));
  QCOMPARE(set.services[0].name, std::string("payments"));
  QCOMPARE(set.services[0].displayName, std::string("Payments"));
  QCOMPARE(set.services[0].description, std::string("Card payments and refunds"));
  QCOMPARE(set.dataSources.size(), std::size_t(1));
  QCOMPARE(set.dataSources[0].name, std::string("prometheus-main"));
  QCOMPARE(set.dataSources[0].type, std::string("Prometheus"));
  QCOMPARE(set.dataSources[0].url, std::string("http://prometheus.internal:9090"));
  QCOMPARE(set.slos.size(), std::size_t(3));

  const SloSpec *checkout = findSlo(set, "payments/checkout-availability");
  QVERIFY(checkout);
  QCOMPARE(checkout->name, std::string("checkout-availability"));
  QCOMPARE(checkout->displayName, std::string("Checkout availability"));
  QCOMPARE(checkout->service, std::string("payments"));
  QCOMPARE(checkout->productArea, std::string("checkout"));
  QCOMPARE(checkout->owner, std::string("team-payments"));
  QCOMPARE(checkout->runbookUrl, std::string("https://runbooks.pxp.invalid/payments/checkout"));
  QCOMPARE(checkout->description, std::string("Checkout requests that do not fail with a 5xx"));
  QCOMPARE(checkout->objectiveDisplayName, std::string("99.9% of checkouts succeed"));
  QCOMPARE(checkout->kind, SliKind::Availability);
  QCOMPARE(checkout->source, SourceKind::Prometheus);
  QCOMPARE(checkout->objective, 0.999);
  QCOMPARE(checkout->periodSeconds, qint64(30 * 86400));
  QCOMPARE(checkout->minEventsPerWindow, qint64(50));
  QCOMPARE(checkout->goodQuery, std::string(R"(sum(rate(http_requests_total{route="/checkout",code!~"5.."}[5m])))"));
  QCOMPARE(checkout->totalQuery, std::string(R"(sum(rate(http_requests_total{route="/checkout"}[5m])))"));
  QVERIFY(checkout->badQuery.empty());
  QCOMPARE(checkout->dataSource, std::string("prometheus-main"));
  QVERIFY(checkout->ratioCounter);
  QCOMPARE(checkout->sourceFile, path);
  QCOMPARE(checkout->sourceLine, 21);

  const SloSpec *refunds = findSlo(set, "payments/refund-errors");
  QVERIFY(refunds);
  QCOMPARE(refunds->source, SourceKind::Simulated); // no annotation, no Prometheus type
  QCOMPARE(refunds->badQuery, std::string("refunds_failed_total"));
  QCOMPARE(refunds->periodSeconds, qint64(28 * 86400)); // 4w
  QCOMPARE(refunds->objective, 0.995);                  // targetPercent: 99.5
  QCOMPARE(refunds->sourceLine, 63);

  const SloSpec *search = findSlo(set, "search/search-latency");
  QVERIFY(search);
  QCOMPARE(search->kind, SliKind::Latency);
  QCOMPARE(search->source, SourceKind::Spans);
  QCOMPARE(search->thresholdQuery, std::string(R"(service.name = "search" AND span.kind = server)"));
  QCOMPARE(search->thresholdOp, std::string("lte"));
  QCOMPARE(search->thresholdValue, 0.3);
  QCOMPARE(search->latencyThresholdMs, 300.0);
  QCOMPARE(search->periodSeconds, qint64(7 * 86400));
  QCOMPARE(search->objective, 0.99);
}

void TestOpenSloLoader::rejects_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<int>("line");
  QTest::addColumn<QString>("message");
  QTest::newRow("unknown apiVersion") << "bad-api-version.yaml" << 2
                                      << "apiVersion 'openslo/v1alpha' is not supported: pxp reads openslo/v1";
  QTest::newRow("target as a percentage")
      << "target-as-percent.yaml" << 24
      << "spec.objectives[0].target must be between 0 and 1 (exclusive), got 99.9: write 0.999 for 99.9%";
  QTest::newRow("missing spec.service") << "missing-service.yaml" << 7 << "spec.service is missing: name the service";
  QTest::newRow("Timeslices budgeting") << "timeslices.yaml" << 22
                                        << "spec.budgetingMethod Timeslices is not supported: pxp budgets by "
                                           "Occurrences";
  QTest::newRow("calendar month duration")
      << "unsupported-duration.yaml" << 20
      << "spec.timeWindow[0].duration '1M' is not supported: use a rolling 7d, 28d or 30d window";
  QTest::newRow("calendar-aligned window")
      << "calendar-window.yaml" << 15 << "spec.timeWindow[0].calendar is not supported";
  QTest::newRow("duplicate SLO id") << "duplicate-id.yaml" << 26
                                    << "SLO id 'payments/checkout' is defined twice (first at line 2)";
  QTest::newRow("malformed YAML: unclosed list") << "malformed.yaml" << 9 << "end of sequence flow not found";
  QTest::newRow("malformed YAML: bad indentation") << "bad-indentation.yaml" << 6 << "illegal map value";
  QTest::newRow("indicatorRef") << "indicator-ref.yaml" << 8 << "spec.indicatorRef is not supported";
  QTest::newRow("two objectives") << "two-objectives.yaml" << 25 << "spec.objectives has 2 entries";
  QTest::newRow("prometheus source without a query")
      << "prometheus-without-query.yaml" << 19
      << "spec.indicator.spec.ratioMetric.total.metricSource.spec.query is missing: a prometheus SLO needs a "
         "PromQL query";
  QTest::newRow("misspelt pxp annotation")
      << "unknown-annotation.yaml" << 7 << "unknown annotation 'pxp.dev/min_events'";
  QTest::newRow("min-events not a number")
      << "bad-min-events.yaml" << 7 << "metadata.annotations[pxp.dev/min-events] must be a whole number";
  QTest::newRow("stand-alone SLI document") << "sli-kind.yaml" << 8 << "kind SLI is not supported on its own";
  QTest::newRow("document is a list") << "not-a-mapping.yaml" << 2 << "each document must be a mapping";
  QTest::newRow("non-Prometheus DataSource") << "datasource-type.yaml" << 7 << "spec.type 'Datadog' is not supported";
  QTest::newRow("good and bad together") << "good-and-bad.yaml" << 12 << "has both good and bad";
  QTest::newRow("misspelt key names the key and the fix")
      << "misspelt-target.yaml" << 24
      << "unknown key 'tagret' in spec.objectives[0]: did you mean 'target'? pxp reads target, targetPercent, "
         "displayName, op, value here";
  QTest::newRow("misspelt key reported before the missing one")
      << "misspelt-service.yaml" << 7 << "unknown key 'servce' in spec: did you mean 'service'?";
  QTest::newRow("unknown connection detail")
      << "unknown-connection-detail.yaml" << 11
      << "unknown key 'bearer_token_file' in spec.connectionDetails: did you mean 'bearerTokenFile'?";
  QTest::newRow("step under two scrape intervals")
      << "step-under-two-scrapes.yaml" << 11
      << "spec.connectionDetails.step 60s is shorter than twice the scrape interval (45s): increase() needs two "
         "samples in every step, so steps would count nothing; use step: 90s or more";
  QTest::newRow("OpenSLO alertPolicies") << "alert-policies.yaml" << 8 << "spec.alertPolicies is not supported";
  QTest::newRow("unknown top-level key")
      << "unknown-top-level.yaml" << 6
      << "unknown key 'status' at the top of the document: pxp reads apiVersion, kind, metadata, spec here "
         "(check the spelling)";
  QTest::newRow("regression yaml-cpp#1040: stray comma must not hang the loader")
      << "stray-comma.yaml" << 8 << "a document starts with a stray character (such as ',')";
}

void TestOpenSloLoader::rejects() {
  QFETCH(QString, file);
  QFETCH(int, line);
  QFETCH(QString, message);
  const std::string path = dataFile("reject/") + file.toStdString();
  const LoadResult result = loadOpenSloFile(path);
  const auto *error = std::get_if<LoadError>(&result);
  QVERIFY2(error, "the file was accepted");
  QCOMPARE(error->file, path);
  QCOMPARE(error->line, line);
  QVERIFY2(QString::fromStdString(error->message).contains(message), error->message.c_str());
  QVERIFY(error->describe().rfind(path + ":" + std::to_string(line) + ": ", 0) == 0);
}

void TestOpenSloLoader::acceptsOpenSloKeysItLeavesAlone() {
  const LoadResult result = loadOpenSloFile(dataFile("openslo-keys-pxp-leaves-alone.yaml"));
  const auto *error = std::get_if<LoadError>(&result);
  QVERIFY2(!error, error ? error->describe().c_str() : "");
  const auto &set = std::get<SloSet>(result);
  QCOMPARE(set.slos.size(), std::size_t(1));
  QCOMPARE(set.slos[0].objective, 0.999);
  QCOMPARE(set.slos[0].goodQuery, std::string("ok_total"));
}

void TestOpenSloLoader::nothingPartialOnError() {
  // The first SLO is valid, the second is not: the caller must keep its last good set, so the
  // result carries no SLOs at all, and the error points into the second document.
  const LoadResult result = loadOpenSloFile(dataFile("reject/second-document-bad.yaml"));
  QVERIFY(!std::holds_alternative<SloSet>(result));
  const auto &error = std::get<LoadError>(result);
  QCOMPARE(error.line, 48);
  QVERIFY(QString::fromStdString(error.message).contains("got 0: write 0.999 for 99.9%"));
}

void TestOpenSloLoader::duplicateAcrossFilesNamesBothPlaces() {
  const std::string first = dataFile("valid.yaml");
  const std::string second = dataFile("reject/duplicate-across-files.yaml");
  QVERIFY(std::holds_alternative<SloSet>(loadOpenSloFile(second))); // fine on its own
  const LoadResult result = loadOpenSloFiles({first, second});
  const auto *error = std::get_if<LoadError>(&result);
  QVERIFY(error);
  QCOMPARE(error->file, second);
  QCOMPARE(error->line, 2);
  QVERIFY2(QString::fromStdString(error->message)
               .contains(QString::fromStdString("'payments/checkout-availability' is defined twice (first at " + first +
                                                ":21)")),
           error->message.c_str());
}

void TestOpenSloLoader::missingFileIsAnError() {
  const std::string path = dataFile("no-such-file.yaml");
  const LoadResult result = loadOpenSloFile(path);
  const auto *error = std::get_if<LoadError>(&result);
  QVERIFY(error);
  QCOMPARE(error->line, 0);
  QCOMPARE(error->describe(), path + ": cannot read the SLO file: it does not exist (check the path)");
}

void TestOpenSloLoader::textUsesTheGivenName() {
  const LoadResult result = loadOpenSloText("apiVersion: openslo/v1\nkind: Service\nmetadata: {}\n", "inline.yaml");
  const auto *error = std::get_if<LoadError>(&result);
  QVERIFY(error);
  QCOMPARE(error->describe(), std::string("inline.yaml:3: metadata.name is missing: add name: my-service"));
}

void TestOpenSloLoader::emptyTextIsAnEmptySet() {
  const LoadResult result = loadOpenSloText("# nothing yet\n---\n", "empty.yaml");
  QVERIFY(std::holds_alternative<SloSet>(result));
  QVERIFY(std::get<SloSet>(result).slos.empty());
}

void TestOpenSloLoader::deepNestingIsAnError() {
  // yaml-cpp's recursive parser would overflow the stack; its depth guard must become a LoadError.
  const LoadResult result = loadOpenSloText(std::string(100'000, '['), "deep.yaml");
  const auto *error = std::get_if<LoadError>(&result);
  QVERIFY(error);
  QCOMPARE(error->line, 1);
  QVERIFY2(QString::fromStdString(error->message).contains("nests deeper than"), error->message.c_str());
}

QTEST_APPLESS_MAIN(TestOpenSloLoader)
#include "tst_openslo_loader.moc"
