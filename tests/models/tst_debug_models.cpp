// The debug dashboard's models: the span tree built from parent span ids, and the trace, log
// and RED tables updated in place, all under QAbstractItemModelTester.

#include "TestWorld.h"
#include "pxp/client/QueryValues.h"
#include "pxp/models/debug/LogTableModel.h"
#include "pxp/models/debug/RedTableModel.h"
#include "pxp/models/debug/SpanTreeModel.h"
#include "pxp/models/debug/TraceListModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace pxp::client;
using pxp::models::LogTableModel;
using pxp::models::RedTableModel;
using pxp::models::SpanTreeModel;
using pxp::models::TraceListModel;

namespace {

constexpr qint64 kT0Us = pxp::testing::kT0Ms * 1000;

SpanValue span(const QString &id, const QString &parent, const QString &service, qint64 startOffsetUs,
               qint64 durationUs, bool error = false, const QString &message = QString()) {
  SpanValue s;
  s.traceId = QStringLiteral("t1");
  s.spanId = id;
  s.parentSpanId = parent;
  s.service = service;
  s.operation = service + QStringLiteral(" op");
  s.startUs = kT0Us + startOffsetUs;
  s.durationUs = durationUs;
  s.error = error;
  s.statusMessage = message;
  return s;
}

TraceValue trace(const QString &id, const QList<SpanValue> &spans) {
  TraceValue t;
  t.traceId = id;
  t.spans = spans;
  qint64 end = 0;
  t.startUs = spans.isEmpty() ? 0 : spans.first().startUs;
  for (const SpanValue &s : spans) {
    t.hasError |= s.error;
    end = std::max(end, s.startUs + s.durationUs);
    if (s.parentSpanId.isEmpty()) {
      t.rootService = s.service;
      t.rootOperation = s.operation;
    }
  }
  t.durationUs = end - t.startUs;
  return t;
}

// The checkout journey: edge -> payments -> (auth, profile-db, gateway), the gateway failing.
TraceValue checkout(const QString &id = QStringLiteral("t1")) {
  return trace(id,
               {span("edge", "", "cdn-edge", 0, 300'000, true), span("pay", "edge", "payments", 300, 290'000, true),
                span("auth", "pay", "auth", 600, 20'000), span("db", "pay", "profile-db", 20'800, 4'000),
                span("gw", "pay", "payments", 25'000, 200'000, true, "NullPointerException: payment token is null")});
}

RedValue red(const QString &service, const QString &endpoint, double rps, double errorRatio) {
  RedValue r;
  r.service = service;
  r.endpoint = endpoint;
  r.windowSeconds = 300;
  r.requestsPerSecond = rps;
  r.errorRatio = errorRatio;
  r.p50Ms = 10;
  r.p95Ms = 40;
  r.p99Ms = 90;
  return r;
}

LogValue log(qint64 timeMs, const QString &severity, const QString &traceId) {
  LogValue l;
  l.timeMs = timeMs;
  l.service = QStringLiteral("payments");
  l.severity = severity;
  l.message = severity + QStringLiteral(" message");
  l.traceId = traceId;
  return l;
}

QString spanId(const SpanTreeModel &model, const QModelIndex &index) {
  return model.data(index, SpanTreeModel::SpanIdRole).toString();
}

} // namespace

class TestDebugModels : public QObject {
  Q_OBJECT

private slots:
  void spanTreeFollowsParentSpanIds() {
    SpanTreeModel model;
    pxp::testing::attachTesters({&model});
    model.setTrace(checkout());

    QCOMPARE(model.rowCount(), 1);
    const QModelIndex edge = model.index(0, 0);
    QCOMPARE(spanId(model, edge), QStringLiteral("edge"));
    QCOMPARE(model.rowCount(edge), 1);
    const QModelIndex pay = model.index(0, 0, edge);
    QCOMPARE(spanId(model, pay), QStringLiteral("pay"));
    QCOMPARE(model.parent(pay), edge);
    QCOMPARE(model.rowCount(pay), 3);
    const QModelIndex gateway = model.index(2, 0, pay);
    QCOMPARE(spanId(model, gateway), QStringLiteral("gw"));
    QCOMPARE(model.parent(gateway), pay);
    QCOMPARE(model.data(gateway, SpanTreeModel::DepthRole).toInt(), 2);
    QCOMPARE(model.data(gateway, SpanTreeModel::StartOffsetUsRole).toLongLong(), 25'000);
    QVERIFY(model.data(gateway, SpanTreeModel::ErrorRole).toBool());
    QVERIFY(model.index(2, SpanTreeModel::StatusColumn, pay).data().toString().contains("payment token"));
    QCOMPARE(model.traceDurationUs(), 300'000);

    QStringList order;
    for (const QModelIndex &index : model.depthFirst())
      order << spanId(model, index);
    QCOMPARE(order, QStringList({"edge", "pay", "auth", "db", "gw"}));
  }

  void childrenAreInStartOrderWhateverTheInputOrder() {
    SpanTreeModel model;
    pxp::testing::attachTesters({&model});
    model.setTrace(trace("t1", {span("root", "", "cdn-edge", 0, 100), span("late", "root", "search", 50, 10),
                                span("early", "root", "search", 5, 10)}));
    QCOMPARE(spanId(model, model.index(0, 0, model.index(0, 0))), QStringLiteral("early"));
    QCOMPARE(spanId(model, model.index(1, 0, model.index(0, 0))), QStringLiteral("late"));
  }

  void brokenParentsBecomeRoots_data() {
    QTest::addColumn<QStringList>("links"); // "span:parent", in start order
    QTest::addColumn<int>("roots");
    QTest::addColumn<int>("rows"); // every span still shows exactly once
    QTest::newRow("unknown parent") << QStringList{"a:", "b:gone"} << 2 << 2;
    QTest::newRow("own parent") << QStringList{"a:a"} << 1 << 1;
    QTest::newRow("two-span cycle") << QStringList{"a:b", "b:a"} << 1 << 2;
    QTest::newRow("cycle beside a root") << QStringList{"r:", "a:c", "b:a", "c:b"} << 2 << 4;
    QTest::newRow("duplicate span id") << QStringList{"a:", "a:", "b:a"} << 2 << 3;
    QTest::newRow("no spans") << QStringList{} << 0 << 0;
  }
  void brokenParentsBecomeRoots() {
    QFETCH(QStringList, links);
    QFETCH(int, roots);
    QFETCH(int, rows);
    QList<SpanValue> spans;
    for (const QString &link : links)
      spans << span(link.section(':', 0, 0), link.section(':', 1), "x", spans.size(), 10);
    SpanTreeModel model;
    pxp::testing::attachTesters({&model});
    model.setTrace(trace("t1", spans));
    QCOMPARE(model.rowCount(), roots);
    QCOMPARE(model.depthFirst().size(), rows);
  }

  void sameTraceAgainDoesNotReset() {
    SpanTreeModel model;
    model.setTrace(checkout());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setTrace(checkout());
    QCOMPARE(resets.count(), 0);
    model.setTrace(checkout("t2"));
    QCOMPARE(resets.count(), 1);
  }

  void traceListUpdatesInPlaceByTraceId() {
    TraceListModel model;
    pxp::testing::attachTesters({&model});
    TraceValue a = checkout("a"), b = checkout("b"), c = checkout("c");
    a.hasError = b.hasError = false;
    c.startUs += 5'000'000;
    model.setTraces({c, b, a});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.newestRow(true), model.rowOf("c"));
    QCOMPARE(model.newestRow(), model.rowOf("c"));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    TraceValue d = checkout("d");
    d.startUs += 9'000'000;
    a.durationUs += 1000;
    model.setTraces({d, c, a}); // b vanished, a changed, c the same, d new
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0); // new traces on top
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), model.rowOf("a"));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf("b"), -1);
    QCOMPARE(model.newestRow(true), model.rowOf("d"));
    QCOMPARE(model.index(model.rowOf("d"), TraceListModel::ErrorColumn).data().toString(), QStringLiteral("yes"));
    QCOMPARE(model.index(model.rowOf("a"), 0).data(TraceListModel::TraceIdRole).toString(), QStringLiteral("a"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 0);
  }

  void logsAppendForTheSameTraceAndResetForAnother() {
    LogTableModel model;
    pxp::testing::attachTesters({&model});
    const qint64 t = pxp::testing::kT0Ms;
    model.setLogs({log(t, "INFO", "t1"), log(t + 1, "ERROR", "t1")});
    QVERIFY(model.index(1, 0).data(LogTableModel::IsErrorRole).toBool());
    QVERIFY(!model.index(0, 0).data(LogTableModel::IsErrorRole).toBool());

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setLogs({log(t, "INFO", "t1"), log(t + 1, "ERROR", "t1")});
    QCOMPARE(resets.count() + inserted.count(), 0);
    model.setLogs({log(t, "INFO", "t1"), log(t + 1, "ERROR", "t1"), log(t + 2, "WARN", "t1")});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(resets.count(), 0);
    model.setLogs({log(t, "INFO", "t2")});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.index(0, LogTableModel::TraceIdColumn).data().toString(), QStringLiteral("t2"));
  }

  // A product event (a record with an event name) reads as kind "event" with its name; a plain
  // line as "log". An event that gains its name on a refresh is a changed record, not the same.
  void productEventsShowTheirKindAndName() {
    LogTableModel model;
    pxp::testing::attachTesters({&model});
    const qint64 t = pxp::testing::kT0Ms;
    LogValue event = log(t + 1, "INFO", QString());
    event.eventName = QStringLiteral("checkout.completed");
    event.correlationId = QStringLiteral("req-1");
    model.setLogs({log(t, "WARN", "t1"), event});
    QCOMPARE(model.columnCount(), int(LogTableModel::ColumnCount));
    QCOMPARE(model.headerData(LogTableModel::KindColumn, Qt::Horizontal).toString(), QStringLiteral("Kind"));
    QCOMPARE(model.headerData(LogTableModel::EventColumn, Qt::Horizontal).toString(), QStringLiteral("Event"));
    QCOMPARE(model.index(0, LogTableModel::KindColumn).data().toString(), QStringLiteral("log"));
    QCOMPARE(model.index(0, LogTableModel::EventColumn).data().toString(), QString());
    QVERIFY(!model.index(0, 0).data(LogTableModel::IsEventRole).toBool());
    QCOMPARE(model.index(1, LogTableModel::KindColumn).data().toString(), QStringLiteral("event"));
    QCOMPARE(model.index(1, LogTableModel::EventColumn).data().toString(), QStringLiteral("checkout.completed"));
    QVERIFY(model.index(1, 0).data(LogTableModel::IsEventRole).toBool());
    QCOMPARE(model.index(1, 0).data(LogTableModel::EventNameRole).toString(), QStringLiteral("checkout.completed"));
    QCOMPARE(model.index(1, 0).data(LogTableModel::CorrelationIdRole).toString(), QStringLiteral("req-1"));
    QVERIFY(model.index(1, LogTableModel::KindColumn).data(Qt::ToolTipRole).toString().contains("req-1"));
    QCOMPARE(model.index(1, LogTableModel::MessageColumn).data().toString(), QStringLiteral("INFO message"));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    LogValue renamed = event;
    renamed.eventName = QStringLiteral("payment.failed");
    model.setLogs({log(t, "WARN", "t1"), renamed});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.index(1, LogTableModel::EventColumn).data().toString(), QStringLiteral("payment.failed"));
  }

  void redRowsAreKeyedByServiceAndEndpoint() {
    RedTableModel model;
    pxp::testing::attachTesters({&model});
    model.setEndpoints({red("payments", "POST /api/checkout", 4, 0.45), red("auth", "POST /api/login", 3, 0.001),
                        red("search", "GET /api/search", 6, 0)});
    QCOMPARE(model.rowCount(), 3);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setEndpoints({red("payments", "POST /api/checkout", 4, 0.02), red("search", "GET /api/search", 6, 0),
                        red("payments", "GET /api/search", 1, 0)}); // same endpoint, another service
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.rowOf("payments", "GET /api/search") >= 0);
    QVERIFY(model.rowOf("search", "GET /api/search") >= 0);
    QCOMPARE(
        model.index(model.rowOf("payments", "POST /api/checkout"), RedTableModel::ErrorRatioColumn).data().toString(),
        QStringLiteral("2.00 %"));
  }
};

QTEST_GUILESS_MAIN(TestDebugModels)
#include "tst_debug_models.moc"
