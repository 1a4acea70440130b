// Prometheus as an SLI source, against a real Prometheus (the Debian package) on loopback with
// 30 days of backfilled counters in which an outage and a fast burn are planted
// (tests/support/SloOutageData.h). pxpd reads them back through PromQL; the budget, burn rates
// and alert tier it serves must match the same figures computed from the generated counts.
// Broken queries, an unreachable or silent Prometheus show as error/no-data states with the
// PromQL and Prometheus's text. `pxpd rules` output passes `promtool check rules`.

#include "DaemonFixture.h"
#include "PrometheusTestServer.h"
#include "RealParts.h"
#include "SloOutageData.h"
#include "prometheus/PrometheusApi.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <functional>
#include <memory>

using namespace testing;

namespace {

const std::string kSloId = "checkout/availability";
constexpr double kObjective = 0.999;
const std::string kTotal = R"(sum(increase(http_requests_total{job="checkout"}[{{.window}}])))";
const std::string kBad = R"(http_requests_total{job="checkout",code="500"})"; // counter form: pxpd adds increase()

std::string sloFile(const std::string &url, const std::string &total = kTotal, const std::string &timeout = "5s",
                    const std::string &job = "checkout") {
  const auto onJob = [&](std::string q) {
    for (auto at = q.find("\"checkout\""); at != std::string::npos; at = q.find("\"checkout\"", at + 1))
      q.replace(at, 10, "\"" + job + "\"");
    return q;
  };
  return "apiVersion: openslo/v1\nkind: DataSource\nmetadata:\n  name: prom\nspec:\n  type: Prometheus\n"
         "  connectionDetails:\n    url: " +
         url + "\n    timeout: " + timeout +
         "\n    step: 60s\n"
         "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: availability\nspec:\n  service: checkout\n"
         "  indicator:\n    spec:\n      ratioMetric:\n        counter: true\n"
         "        bad:\n          metricSource:\n            type: Prometheus\n            metricSourceRef: prom\n"
         "            spec:\n              query: '" +
         onJob(kBad) +
         "'\n"
         "        total:\n          metricSource:\n            type: Prometheus\n            metricSourceRef: prom\n"
         "            spec:\n              query: '" +
         onJob(total) +
         "'\n"
         "  timeWindow:\n    - duration: 30d\n      isRolling: true\n  budgetingMethod: Occurrences\n"
         "  objectives:\n    - target: 0.999\n";
}

// A listening socket that never accepts: connects succeed, answers never come.
struct SilentListener {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int port = 0;
  SilentListener() {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 && ::listen(fd, 8) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
      port = ntohs(addr.sin_port);
  }
  ~SilentListener() { ::close(fd); }
};

} // namespace

class TestPrometheusSli : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::unique_ptr<SloOutageData> m_data;
  std::unique_ptr<SloOutageData> m_gappy;
  PrometheusTestServer m_prometheus;

  // pxpd evaluates 45 s after the last sample: its fetcher waits 30 s for a step to settle, so
  // the newest increment it reads is the data's last minute and every window ends there.
  std::int64_t evaluationMs() const { return (m_data->endSeconds + 45) * 1000; }

  // pxpd serving only the SLOs of `file`, its engine started at `startMs`, ticked by the test.
  static std::unique_ptr<DaemonFixture> startPxpd(const std::string &file, std::int64_t startMs = kStartMs) {
    return std::make_unique<DaemonFixture>(
        [&](pxpd::DaemonConfig &c) {
          c.simulate = false;
          c.sloFiles = {file};
        },
        startMs);
  }

  // Ticks until `done` holds for the SLO's status (bounded); returns the last status either way.
  static pxp::v1::SloStatus statusWhen(DaemonFixture &f, const std::function<bool(const pxp::v1::SloStatus &)> &done,
                                       int timeoutMs = 30'000) {
    pxp::v1::SloStatus st;
    const auto holds = [&] {
      f.daemon->tickNow();
      st = *f.status(f.snapshot(), kSloId);
      return done(st);
    };
    if (!QTest::qWaitFor(holds, timeoutMs))
      qWarning("gave up waiting; the SLO says: %s", st.error().c_str());
    return st;
  }

  // Ticks until the SLO has left "no data yet" (the backfill arrived).
  static pxp::v1::SloStatus settledStatus(DaemonFixture &f) {
    return statusWhen(
        f, [](const auto &st) { return !QString::fromStdString(st.error()).contains("no data yet"); }, 60'000);
  }

  // Tolerances: windows up to 1h end and start on the fetch grid, so they match to rounding;
  // 2h/6h start to the counter's 1-minute buckets (the partial first bucket is left out: one
  // minute of 120 is up to ~1.3 % of a 2h window at peak traffic; measured 0.7 %), 1d/3d to
  // 10 minutes and the period to 1 hour (EventCounter), hence the looser bounds there.
  void verifyWindowsMatchTheData(const pxp::v1::SloStatus &st) const {
    struct Expect {
      std::int64_t seconds;
      double relativeTolerance;
    };
    for (const Expect &e : {Expect{300, 1e-6}, Expect{1800, 1e-6}, Expect{3600, 1e-6}, Expect{7200, 0.02},
                            Expect{21600, 0.01}, Expect{86400, 0.02}, Expect{259200, 0.02}, Expect{2592000, 0.02}}) {
      const auto it = std::find_if(st.windows().begin(), st.windows().end(),
                                   [&](const auto &w) { return w.window_seconds() == e.seconds; });
      QVERIFY2(it != st.windows().end(), qPrintable(QString::number(e.seconds)));
      const double want = m_data->burnRate(e.seconds, kObjective);
      const QString what = QStringLiteral("%1 s window: burn %2 via Prometheus, %3 from the data")
                               .arg(e.seconds)
                               .arg(it->burn_rate(), 0, 'f', 6)
                               .arg(want, 0, 'f', 6);
      qInfo("%s", qPrintable(what));
      QVERIFY2(std::abs(it->burn_rate() - want) <= e.relativeTolerance * want, qPrintable(what));
      QVERIFY2(std::abs(it->total_events() - m_data->window(e.seconds).total) <=
                   e.relativeTolerance * m_data->window(e.seconds).total,
               qPrintable(what));
    }
  }

private slots:
  void initTestCase() {
    m_data = std::make_unique<SloOutageData>(QDateTime::currentSecsSinceEpoch());
    // The same counts under job="gappy", with 20 minutes unscraped ending 70 minutes before the
    // end (before the fast burn): what a Prometheus restart leaves behind.
    m_gappy = std::make_unique<SloOutageData>(m_data->endSeconds + 1);
    m_gappy->withScrapeGap("gappy", 70 * 60, 20);
    QString error;
    QVERIFY2(m_prometheus.start(m_data->openMetrics({m_gappy.get()}), error), qPrintable(error));
  }

  void budgetBurnRatesAndTierMatchTheData() {
    const auto file = writeFile(m_dir, "checkout.yaml", sloFile(m_prometheus.url().toStdString()));
    const auto pxpd = startPxpd(file, evaluationMs());
    DaemonFixture &f = *pxpd;
    QVERIFY2(f.started(), f.startError.c_str());
    QElapsedTimer backfill;
    backfill.start();
    const auto st = settledStatus(f);
    qInfo("30-day backfill through Prometheus (4 query_range calls) shown after %lld ms", backfill.elapsed());
    QVERIFY2(st.error().empty(), st.error().c_str());

    verifyWindowsMatchTheData(st);
    if (QTest::currentTestFailed())
      return;
    // The planted incidents: about a third of the budget left, and the fast burn pages.
    const double budget = m_data->budgetRemaining(2592000, kObjective);
    qInfo("budget remaining %.6f via Prometheus, %.6f from the data", st.budget_remaining_ratio(), budget);
    QVERIFY2(std::abs(st.budget_remaining_ratio() - budget) <= 0.01,
             qPrintable(QStringLiteral("budget %1 vs %2").arg(st.budget_remaining_ratio()).arg(budget)));
    QVERIFY(budget > 0.2 && budget < 0.5);
    QCOMPARE(m_data->burnRate(3600, kObjective) >= 14.4 && m_data->burnRate(300, kObjective) >= 14.4, true);
    QCOMPARE(st.firing_tier(), pxp::v1::ALERT_TIER_PAGE);
    QCOMPARE(st.state(), pxp::v1::SLO_STATE_CRITICAL);
    // Slower tiers hold too but are suppressed: 3d (the outage) and 6h burn above 1x.
    QVERIFY(m_data->burnRate(259200, kObjective) > 1 && m_data->burnRate(21600, kObjective) > 1);
    QCOMPARE(st.last_data_ms(), m_data->endSeconds * 1000);
  }

  // Backfill up to an hour before the end, then the live path reads the last hour step by step:
  // the seam neither loses nor double-counts an increment.
  void liveIncrementsContinueTheBackfill() {
    const auto file = writeFile(m_dir, "live.yaml", sloFile(m_prometheus.url().toStdString()));
    const auto pxpd = startPxpd(file, evaluationMs() - 3'600'000);
    DaemonFixture &f = *pxpd;
    QVERIFY2(f.started(), f.startError.c_str());
    QVERIFY(settledStatus(f).error().empty());
    QCOMPARE(f.status(f.snapshot(), kSloId)->last_data_ms(), (m_data->endSeconds - 3600) * 1000);
    f.clock.advanceMs(3'600'000);
    const auto st = statusWhen(f, [&](const auto &s) { return s.last_data_ms() == m_data->endSeconds * 1000; });
    QVERIFY2(st.last_data_ms() == m_data->endSeconds * 1000, st.error().c_str());
    QVERIFY2(st.error().empty(), st.error().c_str());
    verifyWindowsMatchTheData(st);
    QCOMPARE(st.firing_tier(), pxp::v1::ALERT_TIER_PAGE);
  }

  // Minutes with no samples: first "lagging" (the last state holds: the page neither resolves
  // nor fires again), then, after the DataSource's noDataAfter (five steps), no data, with the
  // query and the range asked, never 100 %.
  void silenceLagsThenShowsNoData() {
    const auto file = writeFile(m_dir, "silence.yaml", sloFile(m_prometheus.url().toStdString()));
    const auto pxpd = startPxpd(file, evaluationMs());
    DaemonFixture &f = *pxpd;
    QVERIFY2(f.started(), f.startError.c_str());
    const auto settled = settledStatus(f);
    QVERIFY(settled.error().empty());
    QCOMPARE(settled.firing_tier(), pxp::v1::ALERT_TIER_PAGE);
    const auto pageAlerts = [&] {
      int firing = 0, all = 0;
      const auto snapshot = f.snapshot(); // alive while its alerts are read
      for (const auto &a : snapshot.alerts())
        if (a.slo_id() == kSloId && a.tier() == pxp::v1::ALERT_TIER_PAGE && !a.reconstructed()) {
          ++all;
          firing += a.state() == pxp::v1::ALERT_STATE_FIRING;
        }
      return std::make_pair(firing, all);
    };
    QCOMPARE(pageAlerts(), std::make_pair(1, 1));
    f.clock.advanceMs(3 * 60'000); // Prometheus has nothing newer than the data's end
    const auto lagging = statusWhen(f, [&](const auto &s) { return s.error().rfind("lagging", 0) == 0; });
    QVERIFY2(lagging.error().rfind("lagging: Prometheus has nothing after ", 0) == 0, lagging.error().c_str());
    QCOMPARE(lagging.state(), settled.state());
    QCOMPARE(lagging.firing_tier(), pxp::v1::ALERT_TIER_PAGE);
    QCOMPARE(lagging.budget_remaining_ratio(), settled.budget_remaining_ratio());
    QCOMPARE(pageAlerts(), std::make_pair(1, 1)); // one outage, one page: not resolved by a late scrape
    f.clock.advanceMs(7 * 60'000);
    const auto st = statusWhen(f, [&](const auto &s) { return s.state() == pxp::v1::SLO_STATE_NO_DATA; });
    QVERIFY2(st.state() == pxp::v1::SLO_STATE_NO_DATA, st.error().c_str());
    QVERIFY2(QString::fromStdString(st.error()).contains("returned no series for "), st.error().c_str());
    QVERIFY(std::isnan(st.budget_remaining_ratio()));
  }

  // Twenty minutes unscraped while traffic went on: once samples are back, the missed span is
  // read as one increase(), so every window counts every event once (2h, 6h and 1d read 3-5 %
  // low for hours when the gap's increments were lost).
  void aScrapeGapIsReconciled() {
    // noDataAfter longer than the gap: it lags throughout, and never says "no data".
    std::string yaml = sloFile(m_prometheus.url().toStdString(), kTotal, "5s", "gappy");
    yaml.replace(yaml.find("    step: 60s\n"), 14, "    step: 60s\n    noDataAfter: 30m\n");
    const auto file = writeFile(m_dir, "gappy.yaml", yaml);
    const std::int64_t evaluation = (m_gappy->endSeconds + 45) * 1000;
    const auto pxpd = startPxpd(file, evaluation - 2 * 3'600'000); // backfilled up to before the gap
    DaemonFixture &f = *pxpd;
    QVERIFY2(f.started(), f.startError.c_str());
    QVERIFY(settledStatus(f).error().empty());
    bool lagged = false;
    std::int64_t lastData = 0;
    for (int minute = 0; minute < 120; ++minute) { // the last two hours, a minute at a time
      f.clock.advanceMs(60'000);
      // Each minute's step answered: new data, or the lag said so.
      const auto st = statusWhen(
          f, [&](const auto &s) { return s.last_data_ms() > lastData || s.error().rfind("lagging", 0) == 0; }, 5'000);
      lastData = st.last_data_ms();
      lagged = lagged || st.error().rfind("lagging", 0) == 0;
      QVERIFY2(st.state() != pxp::v1::SLO_STATE_NO_DATA, st.error().c_str());
    }
    QVERIFY2(lagged, "the gap showed as lagging");
    const auto st = statusWhen(
        f, [&](const auto &s) { return s.last_data_ms() == m_gappy->endSeconds * 1000 && s.error().empty(); });
    QVERIFY2(st.error().empty(), st.error().c_str());
    for (const std::int64_t seconds : {7200, 21600, 86400}) {
      const auto it = std::find_if(st.windows().begin(), st.windows().end(),
                                   [&](const auto &w) { return w.window_seconds() == seconds; });
      QVERIFY(it != st.windows().end());
      const double want = m_gappy->window(seconds).total;
      const QString what = QStringLiteral("%1 s window: %2 events via Prometheus, %3 in the data")
                               .arg(seconds)
                               .arg(it->total_events(), 0, 'f', 0)
                               .arg(want, 0, 'f', 0);
      qInfo("%s", qPrintable(what));
      QVERIFY2(std::abs(it->total_events() - want) <= 0.01 * want, qPrintable(what));
    }
  }

  void brokenSourcesShowTheReason_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("total");
    QTest::addColumn<int>("state");
    QTest::addColumn<QStringList>("reasonContains");
    const QString url = m_prometheus.url();
    const QString sum = QString::fromStdString(kTotal);
    QTest::newRow("syntax error") << url << QStringLiteral(R"(sum(increase(http_requests_total[{{.window}}]))")
                                  << int(pxp::v1::SLO_STATE_ERROR)
                                  << QStringList{QStringLiteral("bad_data"), QStringLiteral("parse error"),
                                                 QStringLiteral("sum(increase(http_requests_total[1h])")};
    QTest::newRow("several series") << url
                                    << QStringLiteral(R"(increase(http_requests_total{job="checkout"}[{{.window}}]))")
                                    << int(pxp::v1::SLO_STATE_ERROR)
                                    << QStringList{QStringLiteral("returned 2 series"), QStringLiteral("code=\"500\""),
                                                   QStringLiteral("sum(")};
    QTest::newRow("NaN") << url << sum + QStringLiteral(" * NaN") << int(pxp::v1::SLO_STATE_ERROR)
                         << QStringList{QStringLiteral("returned NaN")};
    QTest::newRow("no such metric") << url << QStringLiteral("sum(increase(no_such_total[{{.window}}]))")
                                    << int(pxp::v1::SLO_STATE_NO_DATA)
                                    << QStringList{QStringLiteral("returned no series"),
                                                   QStringLiteral("sum(increase(no_such_total[1m]))")};
    QTest::newRow("unreachable") << QStringLiteral("http://127.0.0.1:%1").arg(PrometheusTestServer::freePort()) << sum
                                 << int(pxp::v1::SLO_STATE_ERROR)
                                 << QStringList{QStringLiteral("cannot connect"), QStringLiteral("refused")};
    QTest::newRow("timeout") << QStringLiteral("http://127.0.0.1:%1").arg(m_silent.port) << sum
                             << int(pxp::v1::SLO_STATE_ERROR)
                             << QStringList{QStringLiteral("timed out"), QStringLiteral("DataSource 'prom'")};
  }

  void brokenSourcesShowTheReason() {
    QFETCH(QString, url);
    QFETCH(QString, total);
    QFETCH(int, state);
    QFETCH(QStringList, reasonContains);
    const auto file = writeFile(m_dir, "broken.yaml", sloFile(url.toStdString(), total.toStdString(), "1s"));
    const auto pxpd = startPxpd(file, evaluationMs());
    DaemonFixture &f = *pxpd;
    QVERIFY2(f.started(), f.startError.c_str());
    const auto st = settledStatus(f);
    QCOMPARE(int(st.state()), state);
    for (const QString &part : reasonContains)
      QVERIFY2(QString::fromStdString(st.error()).contains(part),
               qPrintable(part + " not in: " + QString::fromStdString(st.error())));
    QVERIFY(std::isnan(st.budget_remaining_ratio())); // unknown, never a silent 100 %
    QCOMPARE(st.firing_tier(), pxp::v1::ALERT_TIER_NONE);
  }

  // Mistakes in the DataSource or queries stop pxpd at start with file:line and the fix.
  void configMistakesNameTheFileAndLine_data() {
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *from, const char *to, const char *message) {
      QTest::newRow(name) << QString::fromUtf8(from) << QString::fromUtf8(to) << QString::fromUtf8(message);
    };
    row("step too short", "step: 60s", "step: 7s", "step '7s' must be a duration");
    row("step not dividing an hour", "step: 60s", "step: 35s", "step must divide one hour");
    row("timeout not a duration", "timeout: 5s", "timeout: soon", "timeout 'soon'");
    row("gauge without window", "counter: true", "counter: false", "no {{.window}} placeholder");
    row("unknown DataSource", "metricSourceRef: prom\n            spec:\n              query: 'sum(",
        "metricSourceRef: nope\n            spec:\n              query: 'sum(", "names DataSource 'nope'");
  }

  void configMistakesNameTheFileAndLine() {
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, message);
    QString text = QString::fromStdString(sloFile(m_prometheus.url().toStdString()));
    QVERIFY(text.contains(from));
    text.replace(from, to);
    const auto file = writeFile(m_dir, "mistake.yaml", text.toStdString());
    const auto pxpd = startPxpd(file);
    DaemonFixture &f = *pxpd;
    QVERIFY(!f.started());
    const QString error = QString::fromStdString(f.startError);
    QVERIFY2(error.contains(QString::fromStdString(file) + QLatin1Char(':')), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
  }

  void rulesPassPromtoolCheck() {
    const auto file = writeFile(m_dir, "rules-slo.yaml", sloFile(m_prometheus.url().toStdString()));
    QProcess pxpd;
    pxpd.start(QStringLiteral(PXPD_BINARY), {QStringLiteral("rules"), QString::fromStdString(file)});
    QVERIFY(pxpd.waitForFinished(30'000));
    const QByteArray rules = pxpd.readAllStandardOutput();
    QVERIFY2(pxpd.exitCode() == 0, pxpd.readAllStandardError().constData());
    for (const char *part :
         {"slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate3d", "slo:sli_error:ratio_rate30d",
          "slo:period_error_budget_remaining:ratio", "(14.4 * 0.001)", "(6 * 0.001)", "(3 * 0.001)", "(1 * 0.001)",
          "severity: page", "severity: ticket", "increase(http_requests_total{job=\"checkout\",code=\"500\"}[5m])"})
      QVERIFY2(rules.contains(part), part);
    const QString path = m_dir.filePath(QStringLiteral("rules.yml"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(rules);
    out.close();
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(PrometheusTestServer::binary(QStringLiteral("promtool")),
                   {QStringLiteral("check"), QStringLiteral("rules"), path});
    QVERIFY(promtool.waitForFinished(30'000));
    const QByteArray verdict = promtool.readAll();
    QVERIFY2(promtool.exitCode() == 0, verdict.constData());
    QVERIFY2(verdict.contains("SUCCESS: 16 rules found"), verdict.constData()); // 8 SLIs + 6 meta + 2 alerts

    // Loaded into the test's Prometheus, the recordings hold what pxpd serves for the same data:
    // every window's error ratio, the period's too (a ratio of counts).
    QString error;
    QVERIFY2(m_prometheus.loadRules(rules, error), qPrintable(error));
    pxpd::slo::DataSourceSpec source;
    source.name = "prom";
    source.url = m_prometheus.url().toStdString();
    const pxpd::prom::PrometheusApi api(source);
    const auto recorded = [&](const std::string &window) {
      const auto a = api.query("slo:sli_error:ratio_rate" + window + "{sloth_id=\"checkout-availability\"}",
                               QDateTime::currentSecsSinceEpoch(), {});
      return a.error.empty() && a.series.size() == 1 && !a.series.front().points.empty()
                 ? a.series.front().points.back().value
                 : NAN;
    };
    QVERIFY2(QTest::qWaitFor([&] { return std::isfinite(recorded("30d")) && std::isfinite(recorded("5m")); }, 30'000),
             "the rules record nothing");
    // The data ends when the test started: a window ending now holds the data's last
    // (window - the time since), so the long windows are compared, where that shift is small.
    const double sinceEnd = double(QDateTime::currentSecsSinceEpoch() - m_data->endSeconds);
    for (const auto &[window, seconds] :
         {std::pair{std::string("2h"), 7200}, std::pair{std::string("6h"), 21600}, std::pair{std::string("1d"), 86400},
          std::pair{std::string("30d"), 2592000}}) {
      const double want = m_data->burnRate(seconds, kObjective) * (1 - kObjective);
      const double got = recorded(window);
      const QString what = QStringLiteral("%1: error ratio %2 recorded by Prometheus, %3 in the data (%4 s after it)")
                               .arg(QString::fromStdString(window))
                               .arg(got, 0, 'g', 6)
                               .arg(want, 0, 'g', 6)
                               .arg(sinceEnd);
      qInfo("%s", qPrintable(what));
      QVERIFY2(std::abs(got - want) <= 0.03 * want, qPrintable(what));
    }

    // The example shipped for users gives valid rules too.
    QProcess example;
    example.start(
        QStringLiteral(PXPD_BINARY),
        {QStringLiteral("rules"), QStringLiteral(PXP_SOURCE_DIR "/resources/config/slos/prometheus-example.yaml")});
    QVERIFY(example.waitForFinished(30'000));
    QVERIFY2(example.exitCode() == 0, example.readAllStandardError().constData());
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(example.readAllStandardOutput());
    out.close();
    promtool.start(PrometheusTestServer::binary(QStringLiteral("promtool")),
                   {QStringLiteral("check"), QStringLiteral("rules"), path});
    QVERIFY(promtool.waitForFinished(30'000));
    QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());

    // A file with no Prometheus SLO says so instead of printing an empty rules file.
    const auto simulated = writeFile(m_dir, "simulated.yaml", sloYamlWithoutPrometheus());
    QProcess none;
    none.start(QStringLiteral(PXPD_BINARY), {QStringLiteral("rules"), QString::fromStdString(simulated)});
    QVERIFY(none.waitForFinished(30'000));
    QCOMPARE(none.exitCode(), 1);
    QVERIFY(none.readAllStandardError().contains("no SLO with a Prometheus ratioMetric"));
  }

private:
  static std::string sloYamlWithoutPrometheus() {
    std::string text = sloFile("http://127.0.0.1:1");
    text = text.substr(text.find("---"));
    for (std::string::size_type at; (at = text.find("type: Prometheus")) != std::string::npos;)
      text.replace(at, 16, "type: Simulated");
    return text;
  }

  SilentListener m_silent;
};

PXP_QTEST_GUILESS_MAIN_REQUIRING(TestPrometheusSli, testing::PrometheusTestServer::missing())
#include "tst_prometheus_sli.moc"
