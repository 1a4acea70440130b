// Alerts, deployments, flags, policy decisions and the audit ledger: the tables an incident
// commander scans. Live updates are incremental, and the logs stay bounded.

#include "TestWorld.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/AuditTableModel.h"
#include "pxp/models/DecisionTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/FlagTableModel.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace pxp::models;
using namespace pxp::testing;

namespace {

constexpr qint64 kMinuteMs = 60'000;

QStringList alertIds(const AlertTableModel &model) {
  QStringList ids;
  for (int row = 0; row < model.rowCount(); ++row)
    ids.append(model.at(row).id);
  return ids;
}

QList<DecisionValue> decisions(int first, int count, qint64 stepMs = 1000) {
  QList<DecisionValue> batch;
  for (int i = first; i < first + count; ++i)
    batch.append(decision(QStringLiteral("d%1").arg(i), kT0Ms + i * stepMs));
  return batch;
}

} // namespace

class TestEventModels : public QObject {
  Q_OBJECT
private slots:
  void init();
  void cleanup();

  void alertsShowFiringFirst();
  void alertFiringToResolvedMovesRow();
  void alertDurationFollowsTheServerClock();
  void resolvedAlertsAreBounded();
  void alertSnapshotWithSameIdsDoesNotReset();

  void deploymentUpdatesItsRow();
  void deploymentsDropOldestFinishedFirst();

  void flagUpdatesItsRow_data();
  void flagUpdatesItsRow();

  void decisionsShowNewestFirst();
  void decisionsBoundKeepsTheNewest2000();
  void lateDecisionTakesItsRow();
  void lateDecisionOlderThanAFullLogIsDropped();
  void knownDecisionUpdatesInPlace();
  void resetDecisionsReplacesEverything();

  void auditShowsHighestSeqFirstAndStaysBounded();
  void auditResultText_data();
  void auditResultText();

private:
  std::unique_ptr<AlertTableModel> m_alerts;
  std::unique_ptr<DeploymentTableModel> m_deployments;
  std::unique_ptr<FlagTableModel> m_flags;
  std::unique_ptr<DecisionTableModel> m_decisions;
  std::unique_ptr<AuditTableModel> m_audit;
};

void TestEventModels::init() {
  m_alerts = std::make_unique<AlertTableModel>();
  m_deployments = std::make_unique<DeploymentTableModel>();
  m_flags = std::make_unique<FlagTableModel>();
  m_decisions = std::make_unique<DecisionTableModel>();
  m_audit = std::make_unique<AuditTableModel>();
  attachTesters({m_alerts.get(), m_deployments.get(), m_flags.get(), m_decisions.get(), m_audit.get()});
}

void TestEventModels::cleanup() {
  m_alerts.reset();
  m_deployments.reset();
  m_flags.reset();
  m_decisions.reset();
  m_audit.reset();
}

void TestEventModels::alertsShowFiringFirst() {
  m_alerts->setAlerts({alert(QStringLiteral("old-resolved"), false, true, kT0Ms, kT0Ms + kMinuteMs),
                       alert(QStringLiteral("ticket"), true, false, kT0Ms + 5 * kMinuteMs),
                       alert(QStringLiteral("new-resolved"), false, false, kT0Ms, kT0Ms + 9 * kMinuteMs),
                       alert(QStringLiteral("old-page"), true, true, kT0Ms),
                       alert(QStringLiteral("new-page"), true, true, kT0Ms + 2 * kMinuteMs)});

  QCOMPARE(alertIds(*m_alerts), (QStringList{"new-page", "old-page", "ticket", "new-resolved", "old-resolved"}));
  QCOMPARE(m_alerts->firingCount(), 3);
  QCOMPARE(m_alerts->index(0, AlertTableModel::SeverityColumn).data().toString(), QStringLiteral("page"));
  QCOMPARE(m_alerts->index(2, AlertTableModel::SeverityColumn).data().toString(), QStringLiteral("ticket"));
  QCOMPARE(m_alerts->index(4, AlertTableModel::StateColumn).data().toString(), QStringLiteral("resolved"));
}

void TestEventModels::alertFiringToResolvedMovesRow() {
  m_alerts->setAlerts({alert(QStringLiteral("a"), true, true, kT0Ms + 2 * kMinuteMs),
                       alert(QStringLiteral("b"), true, true, kT0Ms + kMinuteMs),
                       alert(QStringLiteral("c"), false, true, kT0Ms, kT0Ms + kMinuteMs)});
  QSignalSpy moved(m_alerts.get(), &QAbstractItemModel::rowsMoved);
  QSignalSpy changed(m_alerts.get(), &QAbstractItemModel::dataChanged);
  QSignalSpy reset(m_alerts.get(), &QAbstractItemModel::modelAboutToBeReset);
  QCOMPARE(m_alerts->index(0, AlertTableModel::StateColumn).data().toString(), QStringLiteral("firing"));

  m_alerts->upsertAlerts({alert(QStringLiteral("a"), false, true, kT0Ms + 2 * kMinuteMs, kT0Ms + 12 * kMinuteMs)});

  QCOMPARE(reset.count(), 0);
  QCOMPARE(moved.count(), 1);
  QCOMPARE(alertIds(*m_alerts), (QStringList{"b", "a", "c"})); // resolved most recently: top of the resolved
  QCOMPARE(changed.count(), 1);
  QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
  const QModelIndex state = m_alerts->index(1, AlertTableModel::StateColumn);
  QCOMPARE(state.data().toString(), QStringLiteral("resolved"));
  QCOMPARE(state.data(AlertTableModel::FiringRole).toBool(), false);
  QCOMPARE(m_alerts->index(1, AlertTableModel::DurationColumn).data().toString(), QStringLiteral("10 m"));
  QCOMPARE(m_alerts->firing().size(), 1);

  // And back: it fires again, so it returns to the top.
  m_alerts->upsertAlerts({alert(QStringLiteral("a"), true, true, kT0Ms + 20 * kMinuteMs)});
  QCOMPARE(alertIds(*m_alerts), (QStringList{"a", "b", "c"}));
  QCOMPARE(moved.count(), 2);
}

void TestEventModels::alertDurationFollowsTheServerClock() {
  m_alerts->setAlerts({alert(QStringLiteral("firing"), true, true, kT0Ms),
                       alert(QStringLiteral("resolved"), false, true, kT0Ms, kT0Ms + kMinuteMs)});
  QSignalSpy changed(m_alerts.get(), &QAbstractItemModel::dataChanged);

  m_alerts->setNowMs(kT0Ms + 200 * kMinuteMs);

  QCOMPARE(changed.count(), 1);
  QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), m_alerts->index(0, AlertTableModel::DurationColumn));
  QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), m_alerts->index(0, AlertTableModel::DurationColumn));
  QCOMPARE(m_alerts->index(0, AlertTableModel::DurationColumn).data().toString(), QStringLiteral("3 h 20 m"));
  QCOMPARE(m_alerts->index(1, AlertTableModel::DurationColumn).data().toString(), QStringLiteral("1 m"));
}

void TestEventModels::resolvedAlertsAreBounded() {
  m_alerts->upsertAlerts({alert(QStringLiteral("still-firing"), true, false, kT0Ms)});
  QList<AlertValue> resolved;
  for (int i = 0; i < AlertTableModel::kMaxResolved + 10; ++i)
    resolved.append(alert(QStringLiteral("r%1").arg(i), false, false, kT0Ms, kT0Ms + i * 1000));

  m_alerts->upsertAlerts(resolved);

  QCOMPARE(m_alerts->rowCount(), AlertTableModel::kMaxResolved + 1);
  QCOMPARE(m_alerts->rowOf(QStringLiteral("still-firing")), 0);
  QCOMPARE(m_alerts->rowOf(QStringLiteral("r9")), -1); // the ten oldest resolved left
  QVERIFY(m_alerts->rowOf(QStringLiteral("r10")) >= 0);
}

void TestEventModels::alertSnapshotWithSameIdsDoesNotReset() {
  const QList<AlertValue> first = {alert(QStringLiteral("a"), true, true, kT0Ms),
                                   alert(QStringLiteral("b"), true, false, kT0Ms)};
  m_alerts->setAlerts(first);
  QSignalSpy reset(m_alerts.get(), &QAbstractItemModel::modelAboutToBeReset);
  QSignalSpy changed(m_alerts.get(), &QAbstractItemModel::dataChanged);

  m_alerts->setAlerts({first[1], first[0]});
  QCOMPARE(reset.count(), 0);
  QCOMPARE(changed.count(), 0);

  m_alerts->setAlerts({first[0]});
  QCOMPARE(reset.count(), 1);
}

void TestEventModels::deploymentUpdatesItsRow() {
  m_deployments->setDeployments({deployment(QStringLiteral("payments-v2.3.1"), QStringLiteral("progressing"), kT0Ms, 5),
                                 deployment(QStringLiteral("search-v1.9.0"), QStringLiteral("succeeded"), kT0Ms, 100)});
  QSignalSpy changed(m_deployments.get(), &QAbstractItemModel::dataChanged);
  DeploymentValue step = deployment(QStringLiteral("payments-v2.3.1"), QStringLiteral("progressing"), kT0Ms, 25);
  step.hasAnalysis = true;
  step.analysis.canarySuccess = 0.992;
  step.analysis.baselineSuccess = 0.998;
  step.analysis.failedChecks = 2;

  m_deployments->upsertDeployments({step});

  QCOMPARE(changed.count(), 1);
  QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
  auto cell = [this](int column) { return m_deployments->index(0, column).data().toString(); };
  QCOMPARE(cell(DeploymentTableModel::WeightColumn), QStringLiteral("25 %"));
  QCOMPARE(cell(DeploymentTableModel::CanaryColumn), QStringLiteral("99.20 % canary, 99.80 % baseline"));
  QCOMPARE(cell(DeploymentTableModel::FailedChecksColumn), QStringLiteral("2"));
  QCOMPARE(cell(DeploymentTableModel::VersionColumn), QStringLiteral("v2.3.1"));
  QCOMPARE(m_deployments->active().size(), 1);
  QCOMPARE(m_deployments->active(QStringLiteral("search")).size(), 0);
  QCOMPARE(m_deployments->index(1, DeploymentTableModel::CanaryColumn).data().toString(), QString());
}

void TestEventModels::deploymentsDropOldestFinishedFirst() {
  QList<DeploymentValue> many;
  many.append(deployment(QStringLiteral("payments-v0"), QStringLiteral("paused"), kT0Ms - 1)); // oldest, active
  for (int i = 0; i < DeploymentTableModel::kMaxRows; ++i)
    many.append(deployment(QStringLiteral("svc-v%1").arg(i), QStringLiteral("succeeded"), kT0Ms + i));

  m_deployments->upsertDeployments(many);

  QCOMPARE(m_deployments->rowCount(), DeploymentTableModel::kMaxRows);
  QVERIFY(m_deployments->find(QStringLiteral("payments-v0")));
  QVERIFY(!m_deployments->find(QStringLiteral("svc-v0")));
  QVERIFY(m_deployments->find(QStringLiteral("svc-v1")));
}

void TestEventModels::flagUpdatesItsRow_data() {
  QTest::addColumn<bool>("enabled");
  QTest::addColumn<int>("rollout");
  QTest::addColumn<QString>("enabledText");
  QTest::addColumn<QString>("rolloutText");
  QTest::newRow("on at half") << true << 50 << "on"
                              << "50 %";
  QTest::newRow("off") << false << 0 << "off"
                       << "0 %";
}

void TestEventModels::flagUpdatesItsRow() {
  QFETCH(bool, enabled);
  QFETCH(int, rollout);
  QFETCH(QString, enabledText);
  QFETCH(QString, rolloutText);
  m_flags->setFlags({flag(QStringLiteral("checkout.new-form"), true, 10), flag(QStringLiteral("search.v2"), false, 0)});
  QSignalSpy changed(m_flags.get(), &QAbstractItemModel::dataChanged);
  QSignalSpy inserted(m_flags.get(), &QAbstractItemModel::rowsInserted);

  m_flags->upsertFlags({flag(QStringLiteral("checkout.new-form"), enabled, rollout)});

  QCOMPARE(inserted.count(), 0);
  QCOMPARE(changed.count(), 1);
  QCOMPARE(m_flags->index(0, FlagTableModel::EnabledColumn).data().toString(), enabledText);
  QCOMPARE(m_flags->index(0, FlagTableModel::RolloutColumn).data().toString(), rolloutText);
  QCOMPARE(m_flags->index(0, 0).data(FlagTableModel::EnabledRole).toBool(), enabled);
  QCOMPARE(m_flags->find(QStringLiteral("checkout.new-form"))->rolloutPercent, rollout);
}

void TestEventModels::decisionsShowNewestFirst() {
  m_decisions->appendDecisions(decisions(0, 3));
  QSignalSpy inserted(m_decisions.get(), &QAbstractItemModel::rowsInserted);

  QList<DecisionValue> batch = decisions(3, 4);
  std::reverse(batch.begin(), batch.end()); // arrival order does not matter
  m_decisions->appendDecisions(batch);

  QCOMPARE(inserted.count(), 1); // the usual case: one block on top
  QCOMPARE(inserted.at(0).at(1).toInt(), 0);
  QCOMPARE(inserted.at(0).at(2).toInt(), 3);
  QCOMPARE(m_decisions->rowCount(), 7);
  for (int row = 0; row < 7; ++row)
    QCOMPARE(m_decisions->at(row).id, QStringLiteral("d%1").arg(6 - row));
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d6")), 0);
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d0")), 6);
  QCOMPARE(m_decisions->index(0, DecisionTableModel::OutcomeColumn).data().toString(), QStringLiteral("executed"));
}

void TestEventModels::decisionsBoundKeepsTheNewest2000() {
  QCOMPARE(m_decisions->maxRows(), 2000);
  QSignalSpy reset(m_decisions.get(), &QAbstractItemModel::modelAboutToBeReset);

  for (int first = 0; first < 2500; first += 100)
    m_decisions->appendDecisions(decisions(first, 100));

  QCOMPARE(reset.count(), 0);
  QCOMPARE(m_decisions->rowCount(), 2000);
  QCOMPARE(m_decisions->at(0).id, QStringLiteral("d2499"));
  QCOMPARE(m_decisions->at(1999).id, QStringLiteral("d500"));
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d499")), -1);
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d500")), 1999);
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d1234")), 2499 - 1234);
}

void TestEventModels::lateDecisionTakesItsRow() {
  m_decisions->appendDecisions({decision(QStringLiteral("d0"), kT0Ms), decision(QStringLiteral("d2"), kT0Ms + 2000)});
  QSignalSpy inserted(m_decisions.get(), &QAbstractItemModel::rowsInserted);

  m_decisions->appendDecisions({decision(QStringLiteral("d1"), kT0Ms + 1000)});

  QCOMPARE(inserted.count(), 1);
  QCOMPARE(inserted.at(0).at(1).toInt(), 1);
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d2")), 0);
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d1")), 1);
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d0")), 2);
}

void TestEventModels::lateDecisionOlderThanAFullLogIsDropped() {
  m_decisions->setMaxRows(3);
  m_decisions->appendDecisions(decisions(10, 3));
  QSignalSpy inserted(m_decisions.get(), &QAbstractItemModel::rowsInserted);

  m_decisions->appendDecisions({decision(QStringLiteral("ancient"), kT0Ms)});

  QCOMPARE(inserted.count(), 0);
  QCOMPARE(m_decisions->rowCount(), 3);
  QCOMPARE(m_decisions->rowOf(QStringLiteral("ancient")), -1);
}

void TestEventModels::knownDecisionUpdatesInPlace() {
  m_decisions->appendDecisions(decisions(0, 3));
  QSignalSpy changed(m_decisions.get(), &QAbstractItemModel::dataChanged);
  QSignalSpy inserted(m_decisions.get(), &QAbstractItemModel::rowsInserted);

  m_decisions->appendDecisions({decision(QStringLiteral("d1"), kT0Ms + 1000, QStringLiteral("failed")),
                                decision(QStringLiteral("d2"), kT0Ms + 2000)}); // unchanged: no signal

  QCOMPARE(inserted.count(), 0);
  QCOMPARE(changed.count(), 1);
  QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
  QCOMPARE(m_decisions->index(1, DecisionTableModel::OutcomeColumn).data().toString(), QStringLiteral("failed"));
}

void TestEventModels::resetDecisionsReplacesEverything() {
  m_decisions->appendDecisions(decisions(0, 5));
  QSignalSpy reset(m_decisions.get(), &QAbstractItemModel::modelReset);

  m_decisions->resetDecisions(decisions(100, 2));

  QCOMPARE(reset.count(), 1);
  QCOMPARE(m_decisions->rowCount(), 2);
  QCOMPARE(m_decisions->at(0).id, QStringLiteral("d101"));
  QCOMPARE(m_decisions->rowOf(QStringLiteral("d0")), -1);
}

void TestEventModels::auditShowsHighestSeqFirstAndStaysBounded() {
  m_audit->setMaxRows(10);
  QList<AuditValue> records;
  for (qint64 seq = 1; seq <= 25; ++seq)
    records.append(auditRecord(seq, kT0Ms + seq));

  m_audit->appendRecords(records.mid(0, 12));
  m_audit->appendRecords(records.mid(12));

  QCOMPARE(m_audit->rowCount(), 10);
  QCOMPARE(m_audit->at(0).seq, 25);
  QCOMPARE(m_audit->at(9).seq, 16);
  QCOMPARE(m_audit->rowOf(15), -1);
  QCOMPARE(m_audit->index(0, AuditTableModel::SeqColumn).data().toString(), QStringLiteral("25"));
  QCOMPARE(m_audit->index(0, 0).data(AuditTableModel::SeqRole).toLongLong(), 25);
}

void TestEventModels::auditResultText_data() {
  QTest::addColumn<bool>("ok");
  QTest::addColumn<QString>("result");
  QTest::addColumn<QString>("expected");
  QTest::newRow("ok, no text") << true << QString() << "ok";
  QTest::newRow("ok with text") << true << "rolled back to v1.0.0"
                                << "rolled back to v1.0.0";
  QTest::newRow("failed") << false << "actuator timeout"
                          << "failed: actuator timeout";
  QTest::newRow("failed, no text") << false << QString() << "failed";
}

void TestEventModels::auditResultText() {
  QFETCH(bool, ok);
  QFETCH(QString, result);
  QFETCH(QString, expected);

  m_audit->appendRecords({auditRecord(1, kT0Ms, ok, result)});

  QCOMPARE(m_audit->index(0, AuditTableModel::ResultColumn).data().toString(), expected);
  QCOMPARE(m_audit->index(0, 0).data(AuditTableModel::OkRole).toBool(), ok);
}

QTEST_GUILESS_MAIN(TestEventModels)
#include "tst_event_models.moc"
