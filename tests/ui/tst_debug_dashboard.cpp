// The debug dashboard offscreen against a real in-process engine over gRPC, on a hand-driven
// clock: the payment canary's failing checkouts show as a waterfall with the root cause, the
// trace's logs, RED rows for payments, and a drill-down to one service.

#include "debug/DebugDashboard.h"
#include "debug/SpanDetailsTable.h"
#include "debug/TraceWaterfall.h"

#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/debug/LogTableModel.h"
#include "pxp/models/debug/RedTableModel.h"
#include "pxp/models/debug/TraceListModel.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include <algorithm>

using pxp::client::SpanValue;
using pxp::client::TraceValue;
using pxp::models::LogTableModel;
using pxp::models::RedTableModel;
using pxp::models::TraceListModel;
using pxp::ui::DebugDashboard;
using pxp::ui::TraceWaterfall;

namespace {

constexpr std::int64_t kStartMs = 1'764'000'000'000; // a fixed epoch ms: hermetic
constexpr std::int64_t kTickMs = 10'000;
constexpr int kWaitMs = 10'000;

// The engine on a manual clock, ticked by hand: the canary starts 30 s in and fails ~90 %
// of its checkouts with "payment token is null" until the policy rolls it back.
struct Engine {
  pxpd::ManualClock clock{kStartMs};
  std::unique_ptr<pxpd::Daemon> daemon;

  Engine() {
    pxpd::DaemonConfig config;
    config.simulate = true;
    config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    daemon = std::make_unique<pxpd::Daemon>(config, &clock);
    if (!daemon->start(/*inProcessOnly=*/true, /*runTicker=*/false))
      qFatal("engine did not start");
  }
  ~Engine() { daemon->stop(0); }

  void advance(std::int64_t ms) {
    for (std::int64_t t = 0; t < ms; t += kTickMs) {
      clock.advanceMs(kTickMs);
      daemon->tickNow();
    }
  }

  pxp::client::ConnectionTarget target() {
    pxp::client::ConnectionTarget t;
    t.token = QString::fromStdString(daemon->tokens().tokens().at(0).secret); // viewer
    t.inProcessChannel = [d = daemon.get()] { return d->inProcessChannel(); };
    return t;
  }
};

bool hasService(const TraceValue &trace, const QString &service) {
  return std::any_of(trace.spans.begin(), trace.spans.end(), [&](const SpanValue &s) { return s.service == service; });
}

} // namespace

class TestDebugDashboard : public QObject {
  Q_OBJECT

  Engine m_engine;
  pxp::models::LiveState m_state;
  pxp::client::BackendConnection m_connection;
  pxp::client::BackendQueries m_queries;
  std::unique_ptr<DebugDashboard> m_dashboard;

  QString newestFailingTrace() const {
    const TraceListModel *traces = m_dashboard->traces();
    const int row = traces->newestRow(/*failingOnly=*/true);
    return row < 0 ? QString() : traces->at(row).traceId;
  }
  bool listsAPaymentsFailure() const {
    const TraceListModel *traces = m_dashboard->traces();
    for (int row = 0; row < traces->rowCount(); ++row)
      if (traces->at(row).hasError && hasService(traces->at(row), QStringLiteral("payments")))
        return true;
    return false;
  }

  QTableView *table(const char *name) { return m_dashboard->findChild<QTableView *>(QLatin1String(name)); }

  QStringList column(const char *tableName, int role) {
    QStringList values;
    const QAbstractItemModel *model = table(tableName)->model();
    for (int row = 0; row < model->rowCount(); ++row)
      values << model->index(row, 0).data(role).toString();
    return values;
  }

private slots:
  void initTestCase() {
    m_engine.advance(150'000); // the canary has been failing checkouts for two minutes
    connect(&m_connection, &pxp::client::BackendConnection::snapshotReceived, &m_state,
            &pxp::models::LiveState::applySnapshot);
    connect(&m_connection, &pxp::client::BackendConnection::deltaReceived, &m_state,
            &pxp::models::LiveState::applyDelta);
    m_connection.start(m_engine.target());
    m_queries.setTarget(m_engine.target());
    m_dashboard = std::make_unique<DebugDashboard>(&m_state, &m_queries);
    m_dashboard->resize(1400, 900);
    m_dashboard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dashboard.get()));
    // Opened, the page selects the newest failing trace by itself.
    QTRY_VERIFY_WITH_TIMEOUT(listsAPaymentsFailure(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->selectedTraceId().isEmpty(), kWaitMs);
    QCOMPARE(m_dashboard->selectedTraceId(), newestFailingTrace());
  }

  void cleanupTestCase() {
    m_dashboard.reset();
    m_connection.stop();
  }

  // Each test starts from what a user sees on opening the page (initTestCase checks that the
  // page gets there by itself), whatever ran before it: the functions pass alone and in any
  // order. All services, errors only, the daemon's answer for that filter (the checkout
  // failures among it), the newest failing trace selected with its root cause.
  void init() {
    m_dashboard->findChild<QCheckBox *>("errorsOnly")->setChecked(true);
    m_dashboard->focusService(QString());
    QTRY_VERIFY_WITH_TIMEOUT(listsAPaymentsFailure(), kWaitMs);
    m_dashboard->selectTrace(QString());
    m_dashboard->selectTrace(newestFailingTrace());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->selectedTraceId().isEmpty() &&
                                 m_dashboard->waterfall()->trace().traceId == m_dashboard->selectedTraceId(),
                             kWaitMs);
  }

  void showsAFailingCheckoutAsAWaterfall() {
    QVERIFY(m_dashboard->findChild<QCheckBox *>("errorsOnly")->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(table("traceTable")->model()->rowCount() > 0, kWaitMs);
    for (const QString &hasError : column("traceTable", TraceListModel::HasErrorRole))
      QCOMPARE(hasError, QStringLiteral("true"));

    auto *waterfall = m_dashboard->findChild<TraceWaterfall *>("waterfall");
    QTRY_VERIFY_WITH_TIMEOUT(!m_dashboard->selectedTraceId().isEmpty(), kWaitMs);
    QCOMPARE(waterfall->trace().traceId, m_dashboard->selectedTraceId());
    QVERIFY(waterfall->trace().hasError);
    QVERIFY2(waterfall->rowCount() >= 4, qPrintable(QString::number(waterfall->rowCount())));
    QVERIFY(waterfall->sizeHint().height() >= waterfall->rowCount() * waterfall->fontMetrics().height());

    int rootCause = -1;
    for (int row = 0; row < waterfall->rowCount(); ++row)
      if (waterfall->spanAt(row).error && waterfall->spanAt(row).statusMessage.contains("payment token"))
        rootCause = row;
    QVERIFY2(rootCause >= 0, "the failing checkout names the null payment token");
    QVERIFY(waterfall->depthAt(rootCause) > 0);
    // The root cause is selected and described in the attributes panel.
    QCOMPARE(waterfall->selectedSpanId(), waterfall->spanAt(rootCause).spanId);
    const auto *attributes = m_dashboard->findChild<pxp::ui::SpanDetailsTable *>("spanAttributes");
    QVERIFY(attributes->value("status message").contains("payment token"));
    QCOMPARE(attributes->value("service"), QStringLiteral("payments"));
  }

  void clickingASpanShowsItsAttributes() {
    auto *waterfall = m_dashboard->waterfall();
    QSignalSpy selected(waterfall, &TraceWaterfall::spanSelected);
    const int row = waterfall->rowCount() - 1;
    QTest::mouseClick(waterfall, Qt::LeftButton, {}, waterfall->barRect(row).center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toString(), waterfall->spanAt(row).spanId);
    const auto *attributes = m_dashboard->findChild<pxp::ui::SpanDetailsTable *>("spanAttributes");
    QCOMPARE(attributes->value("span id"), waterfall->spanAt(row).spanId);
    QCOMPARE(attributes->value("journey"), QStringLiteral("checkout"));
  }

  // The trace's log lines carry its trace id; the product event the failed checkout reported
  // carries only the request id, and is listed with them as an "event" row.
  void logsAndProductEventsBelongToTheSelectedTrace() {
    const QString traceId = m_dashboard->selectedTraceId();
    QTRY_VERIFY_WITH_TIMEOUT(table("logTable")->model()->rowCount() >= 4, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        column("logTable", LogTableModel::EventNameRole).contains(QStringLiteral("payment.failed")), kWaitMs);
    const QAbstractItemModel *logs = table("logTable")->model();
    QString requestId;
    for (const auto &span : m_dashboard->waterfall()->trace().spans)
      requestId = span.correlationId.isEmpty() ? requestId : span.correlationId;
    QVERIFY(!requestId.isEmpty());
    for (int row = 0; row < logs->rowCount(); ++row) {
      const QModelIndex index = logs->index(row, LogTableModel::KindColumn);
      if (index.data(LogTableModel::IsEventRole).toBool()) {
        QCOMPARE(index.data().toString(), QStringLiteral("event"));
        QCOMPARE(index.data(LogTableModel::CorrelationIdRole).toString(), requestId);
      } else {
        QCOMPARE(index.data().toString(), QStringLiteral("log"));
        QCOMPARE(index.data(LogTableModel::TraceIdRole).toString(), traceId);
      }
    }
    QVERIFY(column("logTable", LogTableModel::IsErrorRole).contains(QStringLiteral("true")));
  }

  void redAndStoreStatsAreShown() {
    QTRY_VERIFY_WITH_TIMEOUT(column("redTable", RedTableModel::ServiceRole).contains(QStringLiteral("payments")),
                             kWaitMs);
    const QString stats = m_dashboard->findChild<QLabel *>("storeStats")->text();
    QVERIFY2(stats.contains(" spans stored, 0 dropped, unlinked "), qPrintable(stats));
    QVERIFY2(stats.contains(" product events, unlinked "), qPrintable(stats));      // the simulated world's
    QTRY_VERIFY_WITH_TIMEOUT(table("flagTable")->model()->rowCount() > 0, kWaitMs); // from the Watch snapshot
  }

  void focusServiceFiltersTraces() {
    m_dashboard->findChild<QCheckBox *>("errorsOnly")->setChecked(false);
    m_dashboard->focusService(QStringLiteral("search"));
    QCOMPARE(m_dashboard->findChild<QComboBox *>("serviceFilter")->currentText(), QStringLiteral("search"));
    QTRY_VERIFY_WITH_TIMEOUT(table("traceTable")->model()->rowCount() > 0, kWaitMs);
    const TraceListModel *traces = m_dashboard->traces();
    for (const QString &id : column("traceTable", TraceListModel::TraceIdRole))
      QVERIFY2(hasService(*traces->find(id), "search"), qPrintable(id));
    QTRY_VERIFY_WITH_TIMEOUT(hasService(m_dashboard->waterfall()->trace(), "search"), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!column("redTable", RedTableModel::ServiceRole).isEmpty(), kWaitMs);
    for (const QString &service : column("redTable", RedTableModel::ServiceRole))
      QCOMPARE(service, QStringLiteral("search"));
  }

  // Answers come back in the order asked, so after a quick filter change the answer to the
  // old filter lands after the page has moved on: it must not replace the list or the trace.
  void anAnswerToAnEarlierFilterIsIgnored() {
    const QString selected = m_dashboard->selectedTraceId();
    const int rows = m_dashboard->traces()->rowCount();
    TraceValue stale;
    stale.traceId = QStringLiteral("00000000000000000000000000000042");
    stale.hasError = true;
    SpanValue span;
    span.service = QStringLiteral("search");
    span.traceId = stale.traceId;
    stale.spans = {span};
    emit m_queries.tracesReceived(QStringLiteral("search"), false, {stale}, {});
    QCOMPARE(m_dashboard->traces()->rowCount(), rows);
    QVERIFY(!m_dashboard->traces()->find(stale.traceId));
    QCOMPARE(m_dashboard->selectedTraceId(), selected);
  }

  void formatsStoreStats() {
    pxp::client::TraceStoreStatsValue stats;
    stats.spansStored = 12340;
    stats.unlinkedRatio = 0.031;
    QCOMPARE(DebugDashboard::storeStatsText(stats),
             QStringLiteral("12,340 spans stored, 0 dropped, unlinked 3.1 % · no product events"));
    stats.eventsReceived = 1200;
    stats.eventsUnlinked = 30;
    QCOMPARE(DebugDashboard::storeStatsText(stats),
             QStringLiteral("12,340 spans stored, 0 dropped, unlinked 3.1 % · 1,200 product events, unlinked 2.5 %"));
    stats.logsDropped = 4500;
    QCOMPARE(DebugDashboard::storeStatsText(stats),
             QStringLiteral("12,340 spans stored, 0 dropped, unlinked 3.1 % · 1,200 product events, unlinked 2.5 % · "
                            "4,500 log records dropped"));
  }
};

QTEST_MAIN(TestDebugDashboard)
#include "tst_debug_dashboard.moc"
