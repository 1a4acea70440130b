// LiveState as the Watch stream drives it: a snapshot, deltas, a reconnect. What the
// dashboards would notice: rows appear, one row changes, nothing flickers on a reconnect.

#include "TestWorld.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/AuditTableModel.h"
#include "pxp/models/DecisionTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/FlagTableModel.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/ProductAreaSummaryModel.h"
#include "pxp/models/SloTableModel.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace pxp::models;
using namespace pxp::testing;

namespace {

WorldSnapshot demoSnapshot() {
  WorldSnapshot s;
  s.world = QStringLiteral("simulated");
  s.timeScale = 60;
  s.serverTimeMs = kT0Ms + 10 * 60'000;
  s.slos = {slo(QStringLiteral("payments/checkout-availability"), QStringLiteral("Checkout")),
            slo(QStringLiteral("search/query-latency"), QStringLiteral("Search"), SloState::Critical, 0.98, -0.2,
                AlertTier::Page)};
  s.alerts = {alert(QStringLiteral("search#PAGE#1"), true, true, kT0Ms, 0, QStringLiteral("search")),
              alert(QStringLiteral("payments#TICKET#1"), false, false, kT0Ms - 3'600'000, kT0Ms - 60'000)};
  s.deployments = {deployment(QStringLiteral("search-v1.9.0"), QStringLiteral("progressing"), kT0Ms, 25)};
  s.flags = {flag(QStringLiteral("search.v2"), true, 50)};
  PolicyValue policy;
  policy.id = QStringLiteral("rollback-on-page");
  policy.action = QStringLiteral("rollback");
  s.policies = {policy};
  for (int i = 0; i < 100; ++i)
    s.decisions.append(decision(QStringLiteral("d%1").arg(i), kT0Ms + i));
  for (int seq = 1; seq <= 100; ++seq)
    s.audit.append(auditRecord(seq, kT0Ms + seq));
  return s;
}

// Counts resets of every model LiveState owns.
struct ResetCounter {
  explicit ResetCounter(const LiveState &state) {
    for (QAbstractItemModel *model :
         std::initializer_list<QAbstractItemModel *>{state.slos(), state.alerts(), state.deployments(), state.flags(),
                                                     state.decisions(), state.audit(), state.productAreas()})
      spies.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::modelAboutToBeReset));
  }
  int total() const {
    int n = 0;
    for (const auto &spy : spies)
      n += int(spy->count());
    return n;
  }
  std::vector<std::unique_ptr<QSignalSpy>> spies;
};

} // namespace

class TestLiveState : public QObject {
  Q_OBJECT
private slots:
  void init();
  void cleanup();

  void snapshotFillsEveryModel();
  void statusOnlyDeltaChangesOneSloRow();
  void deltaInsertsNewObjects();
  void killSwitchSignalsOnlyOnChange();
  void overridesAreSetAndCleared();
  void lookupsFindCurrentState();
  void alertDurationsFollowTheDaemonClock();
  void reconnectWithSameIdsDoesNotReset();
  void reconnectWithOtherIdsResetsOnlyThatModel();
  void newWorldResetsHistory();

private:
  std::unique_ptr<LiveState> m_state;
};

void TestLiveState::init() {
  m_state = std::make_unique<LiveState>();
  attachTesters({m_state->slos(), m_state->alerts(), m_state->deployments(), m_state->flags(), m_state->decisions(),
                 m_state->audit(), m_state->productAreas()});
}

void TestLiveState::cleanup() {
  m_state.reset();
}

void TestLiveState::snapshotFillsEveryModel() {
  QSignalSpy changed(m_state.get(), &LiveState::changed);

  m_state->applySnapshot(demoSnapshot());

  QCOMPARE(changed.count(), 1);
  QVERIFY(m_state->hasSnapshot());
  QCOMPARE(m_state->world(), QStringLiteral("simulated"));
  QCOMPARE(m_state->timeScale(), 60.0);
  QCOMPARE(m_state->slos()->rowCount(), 2);
  QCOMPARE(m_state->alerts()->rowCount(), 2);
  QCOMPARE(m_state->deployments()->rowCount(), 1);
  QCOMPARE(m_state->flags()->rowCount(), 1);
  QCOMPARE(m_state->decisions()->rowCount(), 100);
  QCOMPARE(m_state->audit()->rowCount(), 100);
  QCOMPARE(m_state->productAreas()->rowCount(), 2);
  QCOMPARE(m_state->policies().size(), 1);
  QCOMPARE(m_state->lastRevision(), 0);
}

void TestLiveState::statusOnlyDeltaChangesOneSloRow() {
  m_state->applySnapshot(demoSnapshot());
  QSignalSpy sloChanged(m_state->slos(), &QAbstractItemModel::dataChanged);
  QSignalSpy changed(m_state.get(), &LiveState::changed);
  ResetCounter resets(*m_state);
  WorldDelta delta;
  delta.revision = 42;
  delta.slos = {sloStatus(QStringLiteral("search/query-latency"), SloState::Warning, 0.995, 0.1, AlertTier::Ticket)};

  m_state->applyDelta(delta);

  QCOMPARE(resets.total(), 0);
  QCOMPARE(sloChanged.count(), 1);
  QCOMPARE(sloChanged.at(0).at(0).value<QModelIndex>().row(), 1);
  QCOMPARE(changed.count(), 1);
  QCOMPARE(m_state->lastRevision(), 42);
  const auto search = m_state->slo(QStringLiteral("search/query-latency"));
  QVERIFY(search);
  QCOMPARE(search->state, SloState::Warning);
  QCOMPARE(search->productArea, QStringLiteral("Search"));
  const int area = m_state->productAreas()->rowOf(QStringLiteral("Search"));
  QCOMPARE(m_state->productAreas()->at(area).worstState, SloState::Warning);
}

void TestLiveState::deltaInsertsNewObjects() {
  m_state->applySnapshot(demoSnapshot());
  QSignalSpy sloInserted(m_state->slos(), &QAbstractItemModel::rowsInserted);
  QSignalSpy decisionInserted(m_state->decisions(), &QAbstractItemModel::rowsInserted);
  WorldDelta delta;
  delta.revision = 7;
  delta.slos = {slo(QStringLiteral("cart/add-latency"), QStringLiteral("Checkout"))};
  delta.decisions = {decision(QStringLiteral("d-new"), kT0Ms + 1000)};
  delta.audit = {auditRecord(101, kT0Ms + 1000)};
  delta.flags = {flag(QStringLiteral("cart.v3"), false, 0)};

  m_state->applyDelta(delta);

  QCOMPARE(sloInserted.count(), 1);
  QCOMPARE(m_state->slos()->rowCount(), 3);
  QCOMPARE(decisionInserted.count(), 1);
  QCOMPARE(m_state->decisions()->at(0).id, QStringLiteral("d-new"));
  QCOMPARE(m_state->audit()->at(0).seq, 101);
  QCOMPARE(m_state->flags()->rowCount(), 2);
  QCOMPARE(m_state->productAreas()->at(0).sloCount, 2); // Checkout
}

void TestLiveState::killSwitchSignalsOnlyOnChange() {
  m_state->applySnapshot(demoSnapshot());
  QSignalSpy killSwitch(m_state.get(), &LiveState::killSwitchChanged);
  WorldDelta delta;
  delta.killSwitchChanged = true;
  delta.killSwitch.engaged = true;
  delta.killSwitch.actor = QStringLiteral("ic-alice");
  delta.killSwitch.reason = QStringLiteral("automation fighting the rollback");

  m_state->applyDelta(delta);
  QCOMPARE(killSwitch.count(), 1);
  QVERIFY(m_state->killSwitch().engaged);
  QCOMPARE(m_state->killSwitch().actor, QStringLiteral("ic-alice"));

  m_state->applyDelta(delta); // the same state again
  QCOMPARE(killSwitch.count(), 1);

  WorldDelta unrelated;
  unrelated.revision = 9;
  m_state->applyDelta(unrelated); // killSwitchChanged = false: the value is not touched
  QVERIFY(m_state->killSwitch().engaged);
  QCOMPARE(killSwitch.count(), 1);
}

void TestLiveState::overridesAreSetAndCleared() {
  m_state->applySnapshot(demoSnapshot());
  QSignalSpy overrides(m_state.get(), &LiveState::overridesChanged);
  OverrideValue pause;
  pause.id = QStringLiteral("o1");
  pause.policyId = QStringLiteral("rollback-on-page");
  pause.actor = QStringLiteral("alice");
  pause.expiresAtMs = kT0Ms + 3'600'000;
  WorldDelta set;
  set.overridesSet = {pause};

  m_state->applyDelta(set);
  QCOMPARE(overrides.count(), 1);
  QCOMPARE(m_state->overridesForPolicy(QStringLiteral("rollback-on-page")).size(), 1);

  WorldDelta cleared;
  cleared.overridesCleared = {QStringLiteral("o1")};
  m_state->applyDelta(cleared);
  QCOMPARE(overrides.count(), 2);
  QVERIFY(m_state->overrides().isEmpty());
}

void TestLiveState::lookupsFindCurrentState() {
  m_state->applySnapshot(demoSnapshot());

  QVERIFY(m_state->slo(QStringLiteral("payments/checkout-availability")));
  QVERIFY(!m_state->slo(QStringLiteral("nope")));
  QCOMPARE(m_state->deployment(QStringLiteral("search-v1.9.0"))->weightPercent, 25);
  QCOMPARE(m_state->flag(QStringLiteral("search.v2"))->rolloutPercent, 50);
  QVERIFY(!m_state->flag(QStringLiteral("nope")));
  QCOMPARE(m_state->policy(QStringLiteral("rollback-on-page"))->action, QStringLiteral("rollback"));
  QCOMPARE(m_state->activeAlerts(QStringLiteral("search")).size(), 1);
  QCOMPARE(m_state->activeAlerts(QStringLiteral("payments")).size(), 0); // resolved
  QCOMPARE(m_state->activeAlerts().size(), 1);
}

void TestLiveState::alertDurationsFollowTheDaemonClock() {
  m_state->applySnapshot(demoSnapshot()); // daemon time T0 + 10 min
  const QModelIndex duration = m_state->alerts()->index(0, AlertTableModel::DurationColumn);
  QCOMPARE(duration.data().toString(), QStringLiteral("10 m"));

  WorldDelta delta;
  delta.serverTimeMs = kT0Ms + 200 * 60'000;
  m_state->applyDelta(delta);

  QCOMPARE(m_state->serverTimeMs(), kT0Ms + 200 * 60'000);
  QCOMPARE(duration.data().toString(), QStringLiteral("3 h 20 m"));
}

void TestLiveState::reconnectWithSameIdsDoesNotReset() {
  m_state->applySnapshot(demoSnapshot());
  WorldDelta delta;
  delta.revision = 5;
  for (int i = 100; i < 150; ++i)
    delta.decisions.append(decision(QStringLiteral("d%1").arg(i), kT0Ms + i));
  m_state->applyDelta(delta);
  QCOMPARE(m_state->decisions()->rowCount(), 150);

  // The daemon's snapshot after a reconnect: the same objects, one SLO moved on, and only
  // the latest 100 decisions.
  WorldSnapshot again = demoSnapshot();
  again.slos[0].state = SloState::Warning;
  again.decisions.clear();
  for (int i = 50; i < 150; ++i)
    again.decisions.append(decision(QStringLiteral("d%1").arg(i), kT0Ms + i));
  ResetCounter resets(*m_state);
  QSignalSpy sloChanged(m_state->slos(), &QAbstractItemModel::dataChanged);
  QSignalSpy alertChanged(m_state->alerts(), &QAbstractItemModel::dataChanged);

  m_state->applySnapshot(again);

  QCOMPARE(resets.total(), 0);
  QCOMPARE(sloChanged.count(), 1);
  QCOMPARE(sloChanged.at(0).at(0).value<QModelIndex>().row(), 0);
  QCOMPARE(alertChanged.count(), 0);
  QCOMPARE(m_state->decisions()->rowCount(), 150); // history kept
  QCOMPARE(m_state->lastRevision(), 5);
}

void TestLiveState::reconnectWithOtherIdsResetsOnlyThatModel() {
  m_state->applySnapshot(demoSnapshot());
  WorldSnapshot again = demoSnapshot();
  again.slos.removeLast();
  QSignalSpy sloReset(m_state->slos(), &QAbstractItemModel::modelReset);
  ResetCounter resets(*m_state);

  m_state->applySnapshot(again);

  QCOMPARE(sloReset.count(), 1);
  QCOMPARE(resets.total(), 1);
  QCOMPARE(m_state->slos()->rowCount(), 1);
  QCOMPARE(m_state->productAreas()->rowCount(), 1);
}

void TestLiveState::newWorldResetsHistory() {
  m_state->applySnapshot(demoSnapshot());
  WorldSnapshot other = demoSnapshot();
  other.world = QStringLiteral("production");
  other.decisions = {decision(QStringLiteral("p1"), kT0Ms)};
  other.audit = {auditRecord(1, kT0Ms)};

  m_state->applySnapshot(other);

  QCOMPARE(m_state->world(), QStringLiteral("production"));
  QCOMPARE(m_state->decisions()->rowCount(), 1);
  QCOMPARE(m_state->audit()->rowCount(), 1);
}

QTEST_GUILESS_MAIN(TestLiveState)
#include "tst_live_state.moc"
