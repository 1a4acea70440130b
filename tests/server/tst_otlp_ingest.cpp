// Hermetic OTLP ingest: the in-process daemon on a ManualClock receives OTLP spans through its
// TraceService, maps them (ids, service.name, status, attributes, correlation ids), and counts
// them as events of span-based SLOs (threshold and ratio selectors); a span selector pxpd
// cannot read fails the load with file:line.

#include "DaemonFixture.h"
#include "traces/OtlpSpanMapping.h"
#include "traces/SpanSelector.h"

#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"

#include <QTest>

namespace otlp = opentelemetry::proto;
using testing::DaemonFixture;
using testing::kStartMs;

namespace {

constexpr char kIngestToken[] = "hermetic-ingest-token-0123456789";

// Two span SLOs of service api: a-fast (threshold, selector given, good when not ERROR and
// <= 100 ms) and gold-ok (ratio over spans with attribute tier=gold, good unless ERROR).
// (Plain strings: Qt 6.4's moc misreads raw string literals.)
std::string spanSlos(const std::string &thresholdSelector) {
  const std::string head = "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ";
  const std::string tail = "  timeWindow: [{duration: 30d, isRolling: true}]\n  budgetingMethod: Occurrences\n";
  return head + "a-fast\n  annotations: {pxp.dev/source: spans}\nspec:\n  service: api\n  indicator:\n    spec:\n" +
         "      thresholdMetric:\n        metricSource: {type: OTLP, spec: {selector: '" + thresholdSelector + "'}}\n" +
         tail + "  objectives: [{target: 0.99, op: lte, value: 100}]\n" + head +
         "gold-ok\n  annotations: {pxp.dev/source: spans}\nspec:\n  service: api\n  indicator:\n    spec:\n" +
         "      ratioMetric:\n" +
         "        good: {metricSource: {type: OTLP, spec: {selector: 'service=api, tier=gold, status!=error'}}}\n" +
         "        total: {metricSource: {type: OTLP, spec: {selector: 'service=api, tier=gold'}}}\n" + tail +
         "  objectives: [{target: 0.99}]\n";
}

struct SpanArgs {
  std::string name;
  std::int64_t endMs, durationMs;
  otlp::trace::v1::Status::StatusCode code = otlp::trace::v1::Status::STATUS_CODE_UNSET;
  std::string tier;
};

otlp::collector::trace::v1::ExportTraceServiceRequest request(const std::string &service,
                                                              const std::vector<SpanArgs> &spans) {
  otlp::collector::trace::v1::ExportTraceServiceRequest req;
  auto *rs = req.add_resource_spans();
  if (!service.empty()) {
    auto *a = rs->mutable_resource()->add_attributes();
    a->set_key("service.name");
    a->mutable_value()->set_string_value(service);
  }
  auto *ss = rs->add_scope_spans();
  int n = 0;
  for (const auto &args : spans) {
    auto *s = ss->add_spans();
    ++n;
    s->set_trace_id(std::string(15, '\x01') + static_cast<char>(n));
    s->set_span_id(std::string(7, '\x02') + static_cast<char>(n));
    s->set_name(args.name);
    s->set_end_time_unix_nano(static_cast<std::uint64_t>(args.endMs) * 1'000'000);
    s->set_start_time_unix_nano(static_cast<std::uint64_t>(args.endMs - args.durationMs) * 1'000'000);
    s->mutable_status()->set_code(args.code);
    if (!args.tier.empty()) {
      auto *a = s->add_attributes();
      a->set_key("tier");
      a->mutable_value()->set_string_value(args.tier);
    }
  }
  return req;
}

} // namespace

class TestOtlpIngest : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  std::unique_ptr<DaemonFixture> daemonWith(const std::string &slos) {
    const auto file = testing::writeFile(m_dir, "spans.yaml", slos);
    return std::make_unique<DaemonFixture>([&](pxpd::DaemonConfig &c) {
      c.simulate = false;
      c.sloFiles = {file};
      c.otlp.token = kIngestToken; // an in-process channel has no address to trust
    });
  }

  static grpc::Status exportSpans(DaemonFixture &f, const otlp::collector::trace::v1::ExportTraceServiceRequest &req,
                                  otlp::collector::trace::v1::ExportTraceServiceResponse *resp = nullptr) {
    auto stub = otlp::collector::trace::v1::TraceService::NewStub(f.daemon->inProcessChannel());
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", std::string("Bearer ") + kIngestToken);
    otlp::collector::trace::v1::ExportTraceServiceResponse ignored;
    return stub->Export(&ctx, req, resp ? resp : &ignored);
  }

private slots:
  void thresholdAndRatioSpanSlosCountEvents() {
    auto f = daemonWith(spanSlos("service=api, operation=\"GET /a\""));
    QVERIFY2(f->started(), f->startError.c_str());
    const std::int64_t end = kStartMs - 5000;
    using S = otlp::trace::v1::Status;
    const auto status = exportSpans(*f, request("api", {{"GET /a", end, 100, S::STATUS_CODE_OK, "gold"},
                                                        {"GET /a", end, 101, S::STATUS_CODE_OK, "gold"},
                                                        {"GET /a", end, 50, S::STATUS_CODE_ERROR, "gold"},
                                                        {"GET /b", end, 10, S::STATUS_CODE_UNSET, "silver"}}));
    QVERIFY2(status.ok(), status.error_message().c_str());
    f->advance(testing::kTickMs);
    const auto snap = f->snapshot();
    const auto *fast = DaemonFixture::status(snap, "api/a-fast");
    QVERIFY(fast);
    QCOMPARE(fast->total_events_period(), 3.0); // GET /b is not selected
    QCOMPARE(fast->good_events_period(), 1.0);  // 100 ms OK; 101 ms and ERROR are bad
    QVERIFY(fast->error().empty());
    const auto *gold = DaemonFixture::status(snap, "api/gold-ok");
    QCOMPARE(gold->total_events_period(), 3.0);
    QCOMPARE(gold->good_events_period(), 2.0);

    // A span from a clock a day ahead counts now, and does not age the counted ones out.
    QVERIFY(exportSpans(*f, request("api", {{"GET /a", kStartMs + 86'400'000, 20, S::STATUS_CODE_OK, ""}})).ok());
    f->advance(testing::kTickMs);
    const auto *later = DaemonFixture::status(f->snapshot(), "api/a-fast");
    QCOMPARE(later->total_events_period(), 4.0);
    QCOMPARE(later->good_events_period(), 2.0);
    QVERIFY(later->last_data_ms() <= f->clock.nowMs());
  }

  void requestIdLinksAnOtlpSpanToLogRecords() {
    // The simulated world writes log records carrying request ids; an OTLP span of another
    // trace that carries one of those ids shows them as its logs.
    auto f = std::make_unique<DaemonFixture>([](pxpd::DaemonConfig &c) { c.otlp.token = kIngestToken; });
    QVERIFY2(f->started(), f->startError.c_str());
    f->advance(6 * testing::kTickMs);
    pxp::v1::QueryLogsRequest q;
    q.set_limit(2000);
    pxp::v1::QueryLogsResponse all;
    QVERIFY(f->stub->QueryLogs(f->context("viewer").get(), q, &all).ok());
    std::string requestId;
    for (const auto &r : all.records())
      if (!r.correlation_id().empty()) {
        requestId = r.correlation_id();
        break;
      }
    QVERIFY2(!requestId.empty(), "the simulated world wrote no log with a request id");

    auto req = request("edge", {{"GET /edge", f->clock.nowMs() - 1000, 5, {}, ""}});
    auto *attr = req.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans(0)->add_attributes();
    attr->set_key("request.id");
    attr->mutable_value()->set_string_value(requestId);
    QVERIFY(exportSpans(*f, req).ok());
    q.set_trace_id("01010101010101010101010101010101");
    pxp::v1::QueryLogsResponse linked;
    QVERIFY(f->stub->QueryLogs(f->context("viewer").get(), q, &linked).ok());
    QVERIFY(linked.records_size() > 0);
    for (const auto &r : linked.records())
      QCOMPARE(r.correlation_id(), requestId);
  }

  void unreadableSelectorFailsTheLoadWithFileAndLine() {
    auto f = daemonWith(spanSlos("service=api, status=broken"));
    QVERIFY(!f->started());
    QVERIFY2(f->startError.find("spans.yaml:") != std::string::npos, f->startError.c_str());
    QVERIFY2(f->startError.find("status 'broken' is not a span status") != std::string::npos, f->startError.c_str());
  }

  void selectorGrammar_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("matches"); // the span: checkout "POST /pay", ERROR, tenant=a
    QTest::newRow("service") << "service=checkout" << true << true;
    QTest::newRow("braces and quotes") << "{service=\"checkout\", operation=\"POST /pay\"}" << true << true;
    QTest::newRow("not error") << "service=checkout, status!=error" << true << false;
    QTest::newRow("status case") << "status=ERROR" << true << true;
    QTest::newRow("attribute") << "tenant=a" << true << true;
    QTest::newRow("missing attribute") << "region!=eu" << true << true;
    QTest::newRow("other service") << "service=search" << true << false;
    QTest::newRow("empty") << "" << false << false;
    QTest::newRow("no operator") << "service checkout" << false << false;
    QTest::newRow("open quote") << "operation=\"POST /pay" << false << false;
    QTest::newRow("no comma") << "service=a tenant=b" << false << false;
    QTest::newRow("no value") << "service=" << false << false;
  }
  void selectorGrammar() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(bool, matches);
    pxp::v1::Span span;
    span.set_service("checkout");
    span.set_operation("POST /pay");
    span.set_status(pxp::v1::SPAN_STATUS_ERROR);
    auto *l = span.add_attributes();
    l->set_key("tenant");
    l->set_value("a");
    const auto sel = pxpd::SpanSelector::parse(text.toStdString());
    QCOMPARE(sel.ok(), valid);
    if (sel.ok())
      QCOMPARE(sel.value().matches(span), matches);
    else // the error shows how to write a selector, or names the unclosed quote
      QVERIFY2(sel.error().find("service=checkout") != std::string::npos ||
                   sel.error().find("quote") != std::string::npos,
               sel.error().c_str());
  }

  void mappingRejectsBadIdsAndReadsAttributes() {
    auto req = request("", {{"op", kStartMs, 5, {}, ""}, {"bad parent", kStartMs, 5, {}, ""}});
    auto *spans = req.mutable_resource_spans(0)->mutable_scope_spans(0);
    auto *first = spans->mutable_spans(0);
    auto addAttr = [&](const char *key) {
      auto *a = first->add_attributes();
      a->set_key(key);
      return a->mutable_value();
    };
    addAttr("correlation.id")->set_string_value("corr-7");
    addAttr("retries")->set_int_value(3);
    addAttr("cached")->set_bool_value(true);
    auto *arr = addAttr("tags")->mutable_array_value();
    arr->add_values()->set_string_value("x");
    arr->add_values()->set_int_value(2);
    spans->mutable_spans(1)->set_parent_span_id("short");
    const auto mapped = pxpd::mapOtlpSpans(req);
    QCOMPARE(mapped.rejected, 1);
    QVERIFY(mapped.firstRejection.find("parent_span_id") != std::string::npos);
    QCOMPARE(mapped.spans.size(), std::size_t(1));
    const auto &s = mapped.spans[0];
    QCOMPARE(s.service(), std::string("unknown_service"));
    QCOMPARE(s.trace_id(), std::string("01010101010101010101010101010101"));
    QCOMPARE(s.span_id(), std::string("0202020202020201"));
    QCOMPARE(s.correlation_id(), std::string("corr-7"));
    QCOMPARE(s.duration_us(), std::int64_t(5000));
    QCOMPARE(s.attributes(1).value(), std::string("3"));
    QCOMPARE(s.attributes(2).value(), std::string("true"));
    QCOMPARE(s.attributes(3).value(), std::string("[x,2]"));
  }
};

QTEST_GUILESS_MAIN(TestOtlpIngest)
#include "tst_otlp_ingest.moc"
