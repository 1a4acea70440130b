// The console's main window offscreen against a real pxpd engine over real gRPC on loopback:
// the scenario's SLOs show, the page alert appears, drill-down and the palette navigate, the
// stale banner follows the backend, and the three dashboards are written as screenshots.

#include "charts/TimeSeriesChart.h"
#include "debug/DebugDashboard.h"
#include "executive/AreaTile.h"
#include "executive/ExecutiveDashboard.h"
#include "executive/IncidentFinder.h"
#include "oncall/OnCallDashboard.h"

#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/Format.h"
#include "pxp/models/LiveFeed.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/ui/MainWindow.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include "CommandPalette.h"

#include <QBarSet>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScatterSeries>
#include <QScrollArea>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using pxp::client::ConnectionState;

namespace {

constexpr std::int64_t kStart = 1'764'000'000'000;

// One console wired as pxp-console wires it, against a pxpd on 127.0.0.1.
struct Console {
  pxp::models::SessionStatus session;
  pxp::models::LiveState state;
  pxp::client::BackendConnection connection;
  pxp::client::BackendQueries queries;
  pxp::ui::MainWindow window{&session, &state, &queries};

  explicit Console(const pxp::client::ConnectionTarget &target) {
    pxp::models::connectLiveFeed(connection, session, state);
    connection.setBackoff({100, 400, 2.0, 0.1});
    window.resize(1500, 950);
    window.show();
    queries.setTarget(target);
    connection.start(target);
  }
  ~Console() { connection.stop(); }
};

} // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

  pxpd::ManualClock m_clock{kStart};
  pxpd::DaemonConfig m_config;
  std::unique_ptr<pxpd::Daemon> m_daemon;
  int m_port = 0;

  bool startDaemon(int port) {
    m_config.listen = "127.0.0.1:" + std::to_string(port);
    m_daemon = std::make_unique<pxpd::Daemon>(m_config, &m_clock);
    if (!m_daemon->start(/*inProcessOnly=*/false, /*runTicker=*/false))
      return false;
    m_port = m_daemon->boundPort();
    return true;
  }

  pxp::client::ConnectionTarget target(int tokenIndex = 3) const {
    pxp::client::ConnectionTarget t;
    t.profileName = QStringLiteral("test");
    t.address = QStringLiteral("127.0.0.1:%1").arg(m_port);
    t.token = QString::fromStdString(m_config.tokens.at(static_cast<std::size_t>(tokenIndex)).secret);
    return t;
  }

  // Moves simulated time in 10 s ticks, letting the console drain between them.
  void advance(int ticks) {
    for (int i = 0; i < ticks; ++i) {
      m_clock.advanceMs(10'000);
      m_daemon->tickNow();
      QCoreApplication::processEvents();
    }
  }

  static bool hasFiringPage(const pxp::models::AlertTableModel *alerts, const QString &sloId) {
    for (int r = 0; r < alerts->rowCount(); ++r)
      if (alerts->at(r).firing && alerts->at(r).page && alerts->at(r).sloId == sloId)
        return true;
    return false;
  }

  static void screenshot(QWidget *w, const QString &name) {
    const QString dir = QStringLiteral(PXP_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    // Charts lay themselves out from queued scene events: let them run before the grab, or a
    // busy machine photographs the axes half built. (A picture for people, not an assertion.)
    QTest::qWait(200);
    QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
  }

private slots:
  void init() {
    m_config = {};
    m_config.simulate = true;
    m_config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    m_clock.setMs(kStart);
    QVERIFY(startDaemon(0));
  }
  void cleanup() {
    if (m_daemon)
      m_daemon->stop(0);
    m_daemon.reset();
  }

  void showsScenarioSlosAndThePageAlert() {
    Console c(target());
    QTRY_COMPARE_WITH_TIMEOUT(c.state.slos()->rowCount(), 8, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(c.window.connectionLabel()->text().contains("as demo-admin (admin)"), 5000);
    auto *onCallTable = c.window.onCall()->sloTable();
    QCOMPARE(onCallTable->model()->rowCount(), 8);

    // The payment canary regresses 30 s in; the page tier needs the 1h window over 14.4x.
    const QString slo = QStringLiteral("payments/checkout-availability");
    int ticks = 0;
    while (!hasFiringPage(c.state.alerts(), slo) && ticks < 30) {
      advance(1);
      QTest::qWait(50); // let the 40 ms drain deliver the tick's events
      ++ticks;
    }
    QVERIFY2(hasFiringPage(c.state.alerts(), slo), "no page alert for the checkout SLO within 5 simulated minutes");
    QVERIFY(ticks <= 24);
    // The Checkout tile is red because of this page, and says so with this SLO's figures.
    QTest::qWait(100);
    const auto checkoutSlo = c.state.slo(slo);
    QVERIFY(checkoutSlo);
    pxp::ui::AreaTile *tile = nullptr;
    for (auto *t : c.window.executive()->tiles())
      if (t->content().area == QLatin1String("Checkout"))
        tile = t;
    QVERIFY(tile);
    QTRY_COMPARE_WITH_TIMEOUT(tile->content().worstSloId, slo, 3000);
    namespace f = pxp::models::format;
    QVERIFY2(tile->text().startsWith(
                 QStringLiteral("Checkout burning %1 Checkout availability: %2 vs 99.9 % target · budget %3\n"
                                "page: %1 over 1h and %4 over 5m")
                     .arg(f::burnRate(c.state.slo(slo)->windows[2].burnRate), f::percent(c.state.slo(slo)->attainment),
                          f::budgetLeft(c.state.slo(slo)->budgetRemainingRatio),
                          f::burnRate(c.state.slo(slo)->windows[0].burnRate))),
             qPrintable(tile->text()));
    // The on-call alert table shows it, and the decision feed explains the rollback.
    QTRY_VERIFY_WITH_TIMEOUT(c.window.onCall()->alertTable()->model()->rowCount() >= 1, 3000);
    // "Active alerts" lists what fires; the resolved (here the reconstructed outages of the past
    // 30 days) only when asked for.
    auto *alertRows = c.window.onCall()->alertTable()->model();
    QTRY_COMPARE_WITH_TIMEOUT(alertRows->rowCount(), c.state.alerts()->firingCount(), 3000);
    for (int r = 0; r < alertRows->rowCount(); ++r)
      QVERIFY(alertRows->index(r, 0).data(pxp::models::AlertTableModel::FiringRole).toBool());
    auto *showResolved = c.window.onCall()->findChild<QCheckBox *>(QStringLiteral("showResolvedAlerts"));
    QVERIFY(showResolved && !showResolved->isChecked());
    showResolved->click();
    QCOMPARE(alertRows->rowCount(), c.state.alerts()->rowCount());
    QVERIFY(alertRows->rowCount() > c.state.alerts()->firingCount());
    showResolved->click();
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    c.window.onCall()->selectSlo(slo);
    QTRY_VERIFY_WITH_TIMEOUT(c.window.onCall()->burnChart()->shownPointCount(0) > 100, 10000);
    // One burn series, one definition: the chart's newest point is the 1h burn the table and
    // the alert read. Zoomed to the last 30 minutes it still is.
    auto *burn = c.window.onCall()->burnChart();
    QCOMPARE(c.window.onCall()->selectedSlo(), slo);
    QTRY_COMPARE_WITH_TIMEOUT(burn->lastPoint(0).y(), c.state.slo(slo)->windows[2].burnRate, 10000);
    c.window.onCall()->burnSpan()->setCurrentIndex(0);
    QCOMPARE(burn->title(), QStringLiteral("1h burn rate (× budget pace), last 30 min"));
    QCOMPARE(c.window.onCall()->chartSpanMs(), 30 * 60'000LL);
    QTRY_COMPARE_WITH_TIMEOUT(burn->lastPoint(0).y(), c.state.slo(slo)->windows[2].burnRate, 10000);
    QVERIFY(burn->lastPoint(0).x() - 30 * 60'000.0 <= c.state.serverTimeMs());
    c.window.onCall()->burnSpan()->setCurrentIndex(2);
    screenshot(&c.window, QStringLiteral("oncall.png"));
  }

  void drillDownFromTileToOnCallToDebug() {
    Console c(target());
    QTRY_VERIFY_WITH_TIMEOUT(c.window.executive()->tiles().size() >= 5, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(c.window.executive()->isComplete(), 20000);
    screenshot(&c.window, QStringLiteral("executive.png"));
    pxp::ui::AreaTile *checkout = nullptr;
    for (auto *t : c.window.executive()->tiles())
      if (t->content().area == QLatin1String("Checkout"))
        checkout = t;
    QVERIFY(checkout);
    QTest::mouseDClick(checkout, Qt::LeftButton);
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::OnCall);
    QVERIFY(c.window.onCall()->selectedSlo().startsWith("payments/"));

    auto *debugButton = c.window.onCall()->findChild<QPushButton *>(QStringLiteral("debugButton"));
    QVERIFY(debugButton);
    QTest::mouseClick(debugButton, Qt::LeftButton);
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::Debug);
    auto *filter = c.window.debug()->findChild<QComboBox *>(QStringLiteral("serviceFilter"));
    QVERIFY(filter);
    QCOMPARE(filter->currentText(), QStringLiteral("payments"));
    advance(3);
    QTest::qWait(100);
    screenshot(&c.window, QStringLiteral("debug.png"));
  }

  // Executive charts: one unit per axis, round ticks, a colour per service, budget up to 100 %.
  void executiveChartsReadCleanly() {
    Console c(target());
    QTRY_VERIFY_WITH_TIMEOUT(c.window.executive()->isComplete(), 20000);
    const auto isRound = [](const QValueAxis *axis) {
      const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
      const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
      const double mantissa = step / magnitude;
      return std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 2.5) < 1e-9 ||
             std::abs(mantissa - 5) < 1e-9 || std::abs(mantissa - 10) < 1e-9;
    };
    auto *cost = c.window.executive()->findChild<QChartView *>(QStringLiteral("costChart"))->chart();
    QVERIFY(cost->series().size() >= 7);
    QSet<QRgb> colours;
    for (auto *s : cost->series())
      colours.insert(static_cast<QScatterSeries *>(s)->color().rgb());
    QCOMPARE(colours.size(), cost->series().size()); // no two services share a colour
    for (auto *axis : cost->axes())
      QVERIFY2(isRound(static_cast<QValueAxis *>(axis)), qPrintable(axis->titleText()));
    auto *velocity = c.window.executive()->findChild<QChartView *>(QStringLiteral("velocityChart"))->chart();
    const auto values = velocity->axes(Qt::Horizontal);
    QCOMPARE(values.size(), 1); // budget (%) only; the deployment count is in each service's name
    auto *budget = static_cast<QValueAxis *>(values.front());
    QVERIFY(isRound(budget) && budget->max() <= 100);
    QStringList names;
    QSet<QRgb> barColours;
    for (auto *set : static_cast<QHorizontalBarSeries *>(velocity->series().front())->barSets()) {
      names.push_back(set->label());
      barColours.insert(set->color().rgb());
    }
    QVERIFY2(names.contains(QStringLiteral("auth · 1 deploy")), qPrintable(names.join(", ")));
    QCOMPARE(barColours.size(), names.size());
  }

  void topIncidentOpensItsSloOnCall() {
    Console c(target());
    QTRY_VERIFY_WITH_TIMEOUT(c.window.executive()->isComplete(), 20000);
    auto *incidents = c.window.executive()->findChild<QTableWidget *>(QStringLiteral("incidentTable"));
    QVERIFY(incidents);
    // The world's 30 days hold two outages (search 9 days ago, auth 17 days ago): their page
    // alerts are reconstructed from the stored history when pxpd starts.
    QTRY_VERIFY_WITH_TIMEOUT(incidents->rowCount() >= 2, 5000);
    const QString sloId = incidents->item(0, 0)->data(Qt::UserRole).toString();
    QVERIFY(!sloId.isEmpty());
    const pxp::client::AlertValue *source = nullptr;
    for (int r = 0; r < c.state.alerts()->rowCount(); ++r)
      if (c.state.alerts()->at(r).sloId == sloId && c.state.alerts()->at(r).page)
        source = &c.state.alerts()->at(r);
    QVERIFY(source && source->reconstructed);
    QCOMPARE(incidents->item(0, 1)->text(),
             QStringLiteral("≈ ") + pxp::models::format::dayTimeLocal(source->firedAtMs));
    QCOMPARE(incidents->item(0, 3)->text(), pxp::models::format::burnRate(source->peakBurn1h));
    // Its start is the alert's: it does not move as the clock does.
    const QString started = incidents->item(0, 1)->text();
    advance(30);
    QTest::qWait(100);
    QCOMPARE(incidents->item(0, 1)->text(), started);
    const QRect cell = incidents->visualItemRect(incidents->item(0, 0));
    QTest::mouseClick(incidents->viewport(), Qt::LeftButton, {}, cell.center()); // the first click of the two
    QTest::mouseDClick(incidents->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::OnCall);
    QCOMPARE(c.window.onCall()->selectedSlo(), sloId);
  }

  void incidentsComeFromPageAlerts() {
    using pxp::client::AlertValue;
    constexpr qint64 kNow = 1'764'000'000'000, kMin = 60'000, kDay = 86'400'000;
    auto alert = [](QString slo, bool page, qint64 fired, qint64 resolved, double peak, double spent) {
      AlertValue a;
      a.id = slo + QString::number(fired);
      a.sloId = std::move(slo);
      a.page = page;
      a.firing = resolved == 0;
      a.firedAtMs = fired;
      a.resolvedAtMs = resolved;
      a.peakBurn1h = peak;
      a.budgetSpentRatio = spent;
      return a;
    };
    const QList<AlertValue> alerts = {
        // A page that went on as a slow page (a tier change): one incident, 25 minutes, peak of both.
        alert("payments/checkout", true, kNow - 60 * kMin, kNow - 50 * kMin, 15.4, 0.004),
        alert("payments/checkout", true, kNow - 50 * kMin, kNow - 35 * kMin, 7.0, 0.001),
        alert("auth/login", true, kNow - 5 * kMin, 0, 30.0, 0.002),               // still firing
        alert("search/latency", false, kNow - 3 * kDay, kNow - 2 * kDay, 5, 0.3), // a ticket: not an incident
        alert("edge/latency", true, kNow - 40 * kDay, kNow - 39 * kDay, 20, 0.5), // older than 30 days
    };
    const auto found = pxp::ui::findIncidents(alerts, kNow - 30 * kDay);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[0].sloId, QStringLiteral("payments/checkout")); // most budget spent first
    QCOMPARE(found[0].startMs, kNow - 60 * kMin);
    QCOMPARE(found[0].endMs, kNow - 35 * kMin);
    QCOMPARE(found[0].peakBurn, 15.4);
    QCOMPARE(found[0].budgetSpentRatio, 0.005);
    QCOMPARE(found[1].sloId, QStringLiteral("auth/login"));
    QVERIFY(found[1].ongoing());
  }

  void paletteFindsAnSloByName() {
    Console c(target());
    QTRY_COMPARE_WITH_TIMEOUT(c.state.slos()->rowCount(), 8, 10000);
    QTest::keyClick(&c.window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(c.window.palette()->isVisible());
    QTest::keyClicks(c.window.palette()->input(), QStringLiteral("signup completion"));
    QTest::keyClick(c.window.palette()->input(), Qt::Key_Return);
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::OnCall);
    QCOMPARE(c.window.onCall()->selectedSlo(), QStringLiteral("signup/conversion"));
  }

  void staleBannerFollowsTheBackend() {
    Console c(target());
    c.window.resize(1366, 768);
    QTRY_COMPARE_WITH_TIMEOUT(c.state.slos()->rowCount(), 8, 10000);
    QVERIFY(!c.window.staleBanner()->isVisible());
    const int port = m_port;
    m_daemon->stop(0);
    m_daemon.reset();
    QTRY_VERIFY_WITH_TIMEOUT(c.window.staleBanner()->isVisible(), 10000);
    // In words, with the time of the state on screen; the transport's text only as a tooltip.
    const QString banner = c.window.staleBanner()->text();
    const QString at = QDateTime::fromMSecsSinceEpoch(c.session.lastUpdateMs()).toString(QStringLiteral("HH:mm:ss"));
    QVERIFY2(banner.startsWith(
                 QStringLiteral("pxpd at 127.0.0.1:%1 is not answering; showing the state of %2 (").arg(port).arg(at)),
             qPrintable(banner));
    QVERIFY2(!banner.contains(QStringLiteral("failed to connect")) && !banner.contains(QStringLiteral("UNAVAILABLE")),
             qPrintable(banner));
    QCOMPARE(c.state.slos()->rowCount(), 8); // the last known state stays on screen
    // The banner wraps: the window keeps its size, inside the screen, and so does every control.
    QCoreApplication::processEvents();
    QCOMPARE(c.window.width(), 1366);
    QVERIFY(c.window.staleBanner()->width() <= c.window.width());
    screenshot(&c.window, QStringLiteral("stale-1366x768.png"));
    QVERIFY(startDaemon(port));
    QTRY_VERIFY_WITH_TIMEOUT(!c.window.staleBanner()->isVisible(), 15000);
    QCOMPARE(c.connection.state(), ConnectionState::Connected);
    QCOMPARE(c.window.width(), 1366);
  }

  void wrongTokenIsShownAsFailed() {
    auto t = target();
    t.token = QStringLiteral("wrong-token-wrong-token");
    Console c(t);
    QTRY_VERIFY_WITH_TIMEOUT(c.connection.state() == ConnectionState::Failed, 10000);
    QVERIFY2(c.window.connectionLabel()->text().contains("unknown token"),
             qPrintable(c.window.connectionLabel()->text()));
  }

  void simulatedWorldIsSaidOnScreenAndOnExports() {
    Console c(target());
    QTRY_COMPARE_WITH_TIMEOUT(c.state.slos()->rowCount(), 8, 10000);
    auto *world = c.window.findChild<QLabel *>(QStringLiteral("worldLabel"));
    QVERIFY(world);
    QTRY_VERIFY_WITH_TIMEOUT(world->isVisible(), 5000);
    QCOMPARE(world->text(), QStringLiteral("Simulated world"));
    // Every export is headed by the title, the "as of" time and the world.
    const QString heading = c.window.executive()->exportHeading();
    QCOMPARE(heading, QStringLiteral("PXP executive summary, as of %1 · simulated world: every figure is made up for "
                                     "practice, not measured")
                          .arg(pxp::models::format::dateTimeLocal(c.state.serverTimeMs())));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("exec.png"));
    QCOMPARE(c.window.exportExecutiveTo(png), QString());
    const QImage image(png);
    auto *content = c.window.executive()->findChild<QScrollArea *>()->widget();
    QVERIFY2(image.height() > content->height(), "the heading band above the dashboard");

    // A daemon serving configured (real) sources: no such label.
    cleanup();
    m_config.simulate = false;
    QVERIFY(startDaemon(0));
    Console real(target());
    QTRY_VERIFY_WITH_TIMEOUT(real.connection.state() == ConnectionState::Connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(real.state.world(), QStringLiteral("configured"), 5000);
    QVERIFY(!real.window.findChild<QLabel *>(QStringLiteral("worldLabel"))->isVisible());
    QVERIFY(!real.window.executive()->exportHeading().contains(QStringLiteral("simulated")));
    // No cost source for a configured world: nothing plotted, and the panel says why.
    auto *costEmpty = real.window.executive()->findChild<QLabel *>(QStringLiteral("costEmpty"));
    QVERIFY(costEmpty);
    QTRY_VERIFY_WITH_TIMEOUT(costEmpty->isVisibleTo(real.window.executive()), 5000);
    QVERIFY(costEmpty->text().startsWith(QStringLiteral("No cost figures")));
    QVERIFY(real.window.executive()->findChild<QChartView *>(QStringLiteral("costChart"))->chart()->series().isEmpty());
  }

  // --help and --version work on a machine without a display (they aborted in QApplication).
  void helpAndVersionNeedNoDisplay() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    for (const char *arg : {"--help", "--version"}) {
      QProcess p;
      p.setProcessEnvironment(env);
      p.start(QStringLiteral(PXP_CONSOLE_BINARY), {QString::fromLatin1(arg)});
      QVERIFY(p.waitForFinished(30000));
      const QByteArray out = p.readAllStandardOutput();
      QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
               (out + p.readAllStandardError()).constData());
      QVERIFY2(out.contains(qstrcmp(arg, "--help") == 0 ? "--connect" : "pxp-console"), out.constData());
    }
  }

  void exportExecutiveWritesAPdfWithoutAWindow() {
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("exec.pdf"));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(PXP_CONSOLE_BINARY), {QStringLiteral("--export-executive"), pdf});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAll().constData());
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.size() > 10000);
    QVERIFY(f.read(5) == "%PDF-");
  }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
