// The four views as a user first sees them, at 1366x768 and 1920x1080, light and dark, against
// a real pxpd engine on loopback with the payments canary paging and an incident open: written
// to build/screenshots/<view>-<width>x<height>-<theme>.png for people to look at, and checked
// for what a picture hides: no column header cut short, no table needing a sideways scroll to
// show its default columns, no control outside the window, the window not grown past its size,
// dark charts in the dark theme, and disabled buttons that look disabled.

#include "charts/TimeSeriesChart.h"
#include "commands/ManualControl.h"
#include "oncall/OnCallDashboard.h"

#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/client/CommandClient.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/LiveFeed.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/ServerClock.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/models/timeline/TimelineWriter.h"
#include "pxp/ui/IncidentsPage.h"
#include "pxp/ui/MainWindow.h"
#include "pxp/ui/Theme.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr std::int64_t kStart = 1'764'000'000'000;

pxp::models::TimelineStore::Options clockedBy(const pxp::models::ServerClock *clock) {
  pxp::models::TimelineStore::Options options;
  options.nowMs = [clock] { return clock->nowMs(); };
  return options;
}

// The whole console as app/main.cpp wires it: live state, queries, commands, incident timeline.
struct Console {
  pxp::models::SessionStatus session;
  pxp::models::LiveState state;
  pxp::client::BackendConnection connection;
  pxp::client::BackendQueries queries;
  pxp::client::CommandClient commands;
  pxp::models::ServerClock clock;
  pxp::models::TimelineWriter writer{clockedBy(&clock)};
  pxp::ui::MainWindow window{&session, &state, &queries};

  Console(const pxp::client::ConnectionTarget &target, const QString &dir) : commands(dir + "/commands.sqlite") {
    pxp::models::connectLiveFeed(connection, session, state);
    window.setCommandClient(&commands);
    window.attachTimeline(&writer, &clock);
    writer.open(dir + "/timeline.sqlite");
    QObject::connect(&connection, &pxp::client::BackendConnection::snapshotReceived, window.incidents(),
                     &pxp::ui::IncidentsPage::recordSnapshot);
    QObject::connect(&connection, &pxp::client::BackendConnection::deltaReceived, window.incidents(),
                     &pxp::ui::IncidentsPage::recordDelta);
    connection.setBackoff({100, 400, 2.0, 0.1});
    queries.setTarget(target);
    commands.setTarget(target);
    connection.start(target);
  }
  ~Console() { connection.stop(); }
};

QString headerProblems(const QTableView *table) {
  QStringList problems;
  const auto *header = table->horizontalHeader();
  const QFontMetrics fm(header->font());
  for (int c = 0; c < header->count(); ++c) {
    if (header->isSectionHidden(c))
      continue;
    const QString text = table->model()->headerData(c, Qt::Horizontal).toString();
    // The text plus the style's margins, and the sort arrow's room where it shows.
    const int margins = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    const int arrow = table->isSortingEnabled() && header->sortIndicatorSection() == c ? fm.height() : 0;
    if (fm.horizontalAdvance(text) + margins + arrow > header->sectionSize(c))
      problems << QStringLiteral("%1: '%2' in %3 px").arg(table->objectName(), text).arg(header->sectionSize(c));
  }
  if (table->horizontalScrollBar()->isVisible())
    problems << QStringLiteral("%1 scrolls sideways").arg(table->objectName());
  return problems.join(QStringLiteral("; "));
}

} // namespace

class TestScreenshots : public QObject {
  Q_OBJECT

  pxpd::ManualClock m_clock{kStart};
  std::unique_ptr<pxpd::Daemon> m_daemon;
  pxpd::DaemonConfig m_config;

  pxp::client::ConnectionTarget target() const {
    pxp::client::ConnectionTarget t;
    t.profileName = QStringLiteral("test");
    t.address = QStringLiteral("127.0.0.1:%1").arg(m_daemon->boundPort());
    t.token = QString::fromStdString(m_config.tokens.back().secret); // admin: every control enabled
    return t;
  }

  void advance(int ticks) {
    for (int i = 0; i < ticks; ++i) {
      m_clock.advanceMs(10'000);
      m_daemon->tickNow();
      QCoreApplication::processEvents();
    }
  }

private slots:
  void initTestCase() {
    m_config.simulate = true;
    m_config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    m_config.listen = "127.0.0.1:0";
    m_daemon = std::make_unique<pxpd::Daemon>(m_config, &m_clock);
    QVERIFY(m_daemon->start(/*inProcessOnly=*/false, /*runTicker=*/false));
  }
  void cleanupTestCase() {
    m_daemon->stop(0);
    pxp::ui::Theme::apply(*qApp, pxp::ui::Theme::Mode::Light);
  }

  void fourViewsFitLightAndDark_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
  }

  void fourViewsFitLightAndDark() {
    QFETCH(bool, dark);
    using pxp::ui::Theme;
    Theme::apply(*qApp, dark ? Theme::Mode::Dark : Theme::Mode::Light);
    QTemporaryDir dir;
    Console c(target(), dir.path());
    c.window.resize(1366, 768);
    c.window.show();
    QTRY_COMPARE_WITH_TIMEOUT(c.state.slos()->rowCount(), 8, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(c.writer.isOpen(), 10000);
    // The canary pages; an incident is opened from its alert, as an on-call engineer would.
    for (int i = 0; i < 30 && c.state.alerts()->firing().isEmpty(); ++i)
      advance(1);
    advance(2);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    auto *alerts = c.window.onCall()->alertTable();
    QTRY_VERIFY_WITH_TIMEOUT(alerts->model()->rowCount() > 0, 5000);
    alerts->setCurrentIndex(alerts->model()->index(0, 0));
    alerts->findChild<QAction *>(QStringLiteral("openIncidentFromAlert"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!c.window.incidents()->currentIncidentId().isEmpty(), 5000);

    const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");
    const struct {
      pxp::ui::MainWindow::Page page;
      const char *name;
    } views[] = {{pxp::ui::MainWindow::Page::Executive, "executive"},
                 {pxp::ui::MainWindow::Page::OnCall, "oncall"},
                 {pxp::ui::MainWindow::Page::Debug, "debug"},
                 {pxp::ui::MainWindow::Page::Incidents, "incidents"}};
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
      c.window.resize(size);
      for (const auto &v : views) {
        c.window.showPage(v.page);
        QTest::qWait(300); // charts lay themselves out from queued scene events
        const QString name =
            QStringLiteral("%1-%2x%3-%4").arg(QLatin1String(v.name)).arg(size.width()).arg(size.height()).arg(theme);
        QDir().mkpath(QStringLiteral(PXP_SCREENSHOT_DIR));
        QVERIFY(c.window.grab().save(QStringLiteral(PXP_SCREENSHOT_DIR "/") + name + QStringLiteral(".png")));
        QStringList tooWide; // on failure: which widgets ask for more than the window has
        for (auto *w : c.window.findChildren<QWidget *>())
          if (w->isVisible() && w->minimumSizeHint().width() > size.width() - 40)
            tooWide << QStringLiteral("%1 %2 wants %3 px")
                           .arg(QLatin1String(w->metaObject()->className()), w->objectName())
                           .arg(w->minimumSizeHint().width());
        QVERIFY2(c.window.size() == size, qPrintable(name + ": " + tooWide.join(QStringLiteral("; "))));
        // Every visible control inside the window.
        const QRect inside = c.window.rect();
        for (auto *b : c.window.findChildren<QPushButton *>())
          if (b->isVisible()) {
            const QRect r(b->mapTo(&c.window, QPoint(0, 0)), b->size());
            QVERIFY2(inside.contains(r), qPrintable(name + ": " + b->objectName() + " " + b->text()));
          }
        // Tables show their columns' titles whole, without a sideways scroll.
        for (auto *t : c.window.findChildren<QTableView *>())
          if (t->isVisible() && !t->objectName().isEmpty() && t->model() && t->model()->rowCount() > 0) {
            const QString problems = headerProblems(t);
            QVERIFY2(problems.isEmpty(), qPrintable(name + ": " + problems));
          }
        // The dark theme's charts are dark cards.
        if (dark)
          for (auto *chart : c.window.findChildren<QChartView *>())
            if (chart->isVisible())
              QVERIFY2(chart->chart()->backgroundBrush().color().lightness() < 100, qPrintable(name));
      }
    }
    // The Commands dock open (after a command) takes its room from the tables, not the burn chart.
    c.window.resize(1366, 768);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    c.window.manualControl()->showCommands();
    QTest::qWait(300);
    QVERIFY(c.window.manualControl()->commandsDock()->isVisible());
    QCOMPARE(c.window.size(), QSize(1366, 768));
    QVERIFY2(c.window.onCall()->burnChart()->height() >= 200,
             qPrintable(QString::number(c.window.onCall()->burnChart()->height())));
    QVERIFY(c.window.grab().save(QStringLiteral(PXP_SCREENSHOT_DIR "/oncall-with-commands-1366x768-") + theme +
                                 QStringLiteral(".png")));

    // A disabled button looks disabled.
    const QPalette palette = qApp->palette();
    QVERIFY(std::abs(palette.color(QPalette::Disabled, QPalette::ButtonText).lightness() -
                     palette.color(QPalette::Active, QPalette::ButtonText).lightness()) >= 60);
  }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
