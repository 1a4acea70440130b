// The debug page's PromQL panel against a real Prometheus (the Debian package) started on
// loopback with 30 days of backfilled counters (tests/support): a range query draws one line
// per series named by its labels, an instant query fills a table with the values in the data,
// and Prometheus's own error text shows inline. Skips only when prometheus/promtool are missing.

#include "PrometheusTestServer.h"
#include "RealParts.h"
#include "SloOutageData.h"
#include "charts/TimeSeriesChart.h"
#include "debug/DebugDashboard.h"
#include "debug/PromQlPanel.h"

#include "pxp/client/BackendQueries.h"
#include "pxp/models/LiveState.h"

#include <QAbstractItemModel>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using pxp::ui::PromQlPanel;
using testing::PrometheusTestServer;

class TestPromQlPanel : public QObject {
  Q_OBJECT

  std::unique_ptr<testing::SloOutageData> m_data;
  PrometheusTestServer m_prometheus;
  pxp::models::LiveState m_state;
  pxp::client::BackendQueries m_queries;
  std::unique_ptr<pxp::ui::DebugDashboard> m_page;

  PromQlPanel *panel() const { return m_page->promQlPanel(); }

  // Types the query, picks the mode, clicks Run and waits for the answer on screen.
  bool runQuery(const QString &promql, const QString &mode) {
    panel()->queryEdit()->setText(promql);
    panel()->modeBox()->setCurrentIndex(panel()->modeBox()->findData(mode));
    QSignalSpy shown(panel(), &PromQlPanel::resultShown);
    QTest::mouseClick(panel()->runButton(), Qt::LeftButton);
    return shown.wait(30'000);
  }

  QStringList legend() const {
    QStringList names;
    for (auto *s : panel()->chart()->chart()->series())
      if (auto *line = qobject_cast<QLineSeries *>(s); line && !line->points().isEmpty())
        names << line->name();
    return names;
  }

private slots:
  void initTestCase() {
    m_data = std::make_unique<testing::SloOutageData>(QDateTime::currentSecsSinceEpoch());
    QString error;
    QVERIFY2(m_prometheus.start(m_data->openMetrics(), error), qPrintable(error));
    m_page = std::make_unique<pxp::ui::DebugDashboard>(&m_state, &m_queries);
  }

  void withoutAPrometheusUrlThePanelSaysHowToSetOne() {
    QVERIFY(panel());
    QVERIFY(!panel()->runButton()->isEnabled());
    QVERIFY(panel()->summaryLabel()->text().contains(QStringLiteral("--prometheus")));
    // No empty chart takes the debug view's room before a query has answered.
    QVERIFY(!panel()->chart()->isVisibleTo(panel()));
    m_page->setPrometheusUrl(m_prometheus.url());
    QVERIFY(panel()->runButton()->isEnabled());
    QCOMPARE(panel()->prometheusUrl(), m_prometheus.url());
  }

  void rangeQueryDrawsOneLinePerSeries() {
    panel()->rangeBox()->setCurrentIndex(panel()->rangeBox()->findData(3600));
    panel()->stepBox()->setCurrentIndex(panel()->stepBox()->findData(60));
    QVERIFY(runQuery(QStringLiteral(R"(sum by (code) (increase(http_requests_total{job="checkout"}[5m])))"),
                     QStringLiteral("range")));
    QVERIFY2(panel()->errorLabel()->isHidden(), qPrintable(panel()->errorLabel()->text()));
    panel()->chart()->refresh();
    const QStringList names = legend();
    QCOMPARE(names.size(), 2);
    QVERIFY2(names.contains(QStringLiteral(R"({code="200"})")), qPrintable(names.join(u' ')));
    QVERIFY2(names.contains(QStringLiteral(R"({code="500"})")), qPrintable(names.join(u' ')));
    QVERIFY(panel()->chart()->rawPointCount(0) > 10); // an hour at 1m steps, up to the data's end
    QVERIFY(panel()->summaryLabel()->text().startsWith(QStringLiteral("2 series")));
    QVERIFY(panel()->chart()->isVisibleTo(panel()));
    // For people reviewing the change: what the panel looks like with this answer.
    QDir().mkpath(QStringLiteral(PXP_SCREENSHOT_DIR));
    m_page->resize(1400, 1000);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    panel()->chart()->refresh();
    QVERIFY(panel()->grab().save(QStringLiteral(PXP_SCREENSHOT_DIR "/promql-panel.png")));
    m_page->hide();
  }

  void instantQueryShowsTheValuesInTheData() {
    // last_over_time: the data may end a few minutes before "now" on a loaded machine.
    QVERIFY(runQuery(QStringLiteral(R"(last_over_time(http_requests_total{job="checkout",code="500"}[1h]))"),
                     QStringLiteral("instant")));
    QVERIFY2(panel()->errorLabel()->isHidden(), qPrintable(panel()->errorLabel()->text()));
    const QAbstractItemModel *table = panel()->table()->model();
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(table->index(0, 0).data().toString().contains(QStringLiteral(R"(code="500")")));
    double bad = 0;
    for (const auto b : m_data->bad)
      bad += static_cast<double>(b);
    QCOMPARE(table->index(0, 1).data(Qt::UserRole).toDouble(), bad); // the counter's last value
    QVERIFY(panel()->table()->isVisibleTo(panel()));                 // the table, not the chart
  }

  void syntaxErrorShowsPrometheusTextInline() {
    QVERIFY(runQuery(QStringLiteral("sum(rate(http_requests_total[5m])"), QStringLiteral("range")));
    QVERIFY(!panel()->errorLabel()->isHidden());
    const QString text = panel()->errorLabel()->text();
    QVERIFY2(text.contains(QStringLiteral("bad_data")) && text.contains(QStringLiteral("parse error")),
             qPrintable(text));
  }

  void unreachablePrometheusIsSaid() {
    m_page->setPrometheusUrl(QStringLiteral("http://127.0.0.1:%1").arg(PrometheusTestServer::freePort()));
    QVERIFY(runQuery(QStringLiteral("up"), QStringLiteral("instant")));
    QVERIFY2(panel()->errorLabel()->text().contains(QStringLiteral("cannot reach Prometheus")),
             qPrintable(panel()->errorLabel()->text()));
    m_page->setPrometheusUrl(m_prometheus.url());
  }

  void cleanupTestCase() { m_page.reset(); }
};

PXP_QTEST_MAIN_REQUIRING(TestPromQlPanel, testing::PrometheusTestServer::missing())
#include "tst_promql_panel.moc"
