// What the live stream writes on an incident's timeline: only events of its services and
// SLOs, in its window, each with a source key that makes re-delivery harmless, a link back
// to the dashboards, and never a credential.

#include "TimelineTestSupport.h"

#include "pxp/models/timeline/AutomaticEntryMapper.h"

using namespace pxp::models;
using namespace pxp::testing;
using namespace pxp::client;

namespace {

Incident paymentsIncident() {
  Incident i = incident();
  i.id = QStringLiteral("inc-1");
  i.openedAtMs = kT0Ms;
  return i;
}

AlertValue firingAlert(const QString &service = QStringLiteral("payments")) {
  AlertValue a;
  a.id = QStringLiteral("a-1");
  a.sloId = service + QStringLiteral("/checkout-availability");
  a.service = service;
  a.summary = QStringLiteral("Checkout availability burning fast");
  a.page = true;
  a.tier = AlertTier::Page;
  a.firing = true;
  a.firedAtMs = kT0Ms + kMinuteMs;
  a.burnLong = 14.4;
  a.burnShort = 16.1;
  return a;
}

DeploymentValue deployment(const QString &status) {
  DeploymentValue d;
  d.id = QStringLiteral("d-9");
  d.service = QStringLiteral("payments");
  d.version = QStringLiteral("1.4.2");
  d.previousVersion = QStringLiteral("1.4.1");
  d.author = QStringLiteral("ci-bot");
  d.strategy = QStringLiteral("canary");
  d.status = status;
  d.weightPercent = 25;
  d.startedAtMs = kT0Ms + 2 * kMinuteMs;
  d.updatedAtMs = kT0Ms + 9 * kMinuteMs;
  return d;
}

AuditValue command(qint64 seq, const QString &service = QStringLiteral("payments")) {
  AuditValue a;
  a.seq = seq;
  a.timeMs = kT0Ms + 5 * kMinuteMs;
  a.kind = QStringLiteral("command");
  a.actor = QStringLiteral("bob");
  a.command = QStringLiteral("rollback");
  a.target = QStringLiteral("payments 1.4.2");
  a.reason = QStringLiteral("checkout errors after the canary");
  a.result = QStringLiteral("done");
  a.service = service;
  a.idempotencyKey = QStringLiteral("k-1");
  return a;
}

} // namespace

class TestAutomaticEntryMapper : public QObject {
  Q_OBJECT
private slots:
  void alertFiredAndResolved();
  void alertOfAnotherServiceIsIgnored();
  void eventsOutsideTheWindowAreIgnored();
  void theSourceAlertBelongsWhenItFired();
  void incidentFromAlertTakesSeverityFromTier_data();
  void incidentFromAlertTakesSeverityFromTier();
  void policyDecisionMatchesBySlo();
  void deploymentStatuses_data();
  void deploymentStatuses();
  void flagChange();
  void commandFromTheAuditLogNamesActorAndReason();
  void deniedCommandIsRecordedConfigIsNot();
  void credentialsAreRedacted();
  void redeliveredDeltaMapsToTheSameEntries();
};

void TestAutomaticEntryMapper::alertFiredAndResolved() {
  AlertValue alert = firingAlert();
  const QList<TimelineEntry> fired = AutomaticEntryMapper::fromAlert(paymentsIncident(), alert);
  QCOMPARE(fired.size(), 1);
  QCOMPARE(fired.first().kind, EntryKind::Alert);
  QCOMPARE(fired.first().sourceKey, QStringLiteral("alert:a-1:fired"));
  QCOMPARE(fired.first().eventTimeMs, alert.firedAtMs);
  QCOMPARE(fired.first().incidentId, QStringLiteral("inc-1"));
  QCOMPARE(fired.first().link, QStringLiteral("pxp://slo/payments/checkout-availability"));
  QVERIFY(fired.first().automatic);
  QVERIFY2(fired.first().text.contains(QStringLiteral("14.4×")), qPrintable(fired.first().text));

  alert.firing = false;
  alert.resolvedAtMs = kT0Ms + 30 * kMinuteMs;
  const QList<TimelineEntry> both = AutomaticEntryMapper::fromAlert(paymentsIncident(), alert);
  QCOMPARE(both.size(), 2);
  QCOMPARE(both.at(0), fired.first()); // the same fired entry: the store skips it
  QCOMPARE(both.at(1).sourceKey, QStringLiteral("alert:a-1:resolved"));
  QCOMPARE(both.at(1).eventTimeMs, alert.resolvedAtMs);
}

void TestAutomaticEntryMapper::alertOfAnotherServiceIsIgnored() {
  QVERIFY(AutomaticEntryMapper::fromAlert(paymentsIncident(), firingAlert(QStringLiteral("search"))).isEmpty());
}

void TestAutomaticEntryMapper::eventsOutsideTheWindowAreIgnored() {
  Incident resolved = paymentsIncident();
  resolved.status = IncidentStatus::Resolved;
  resolved.resolvedAtMs = kT0Ms + 60 * kMinuteMs;
  AuditValue early = command(1);
  early.timeMs = kT0Ms - AutomaticEntryMapper::kLeadInMs - 1;
  AuditValue lead = command(2);
  lead.timeMs = kT0Ms - AutomaticEntryMapper::kLeadInMs;
  AuditValue late = command(3);
  late.timeMs = resolved.resolvedAtMs + AutomaticEntryMapper::kTailMs + 1;
  QVERIFY(AutomaticEntryMapper::fromAudit(resolved, early).isEmpty());
  QCOMPARE(AutomaticEntryMapper::fromAudit(resolved, lead).size(), 1);
  QVERIFY(AutomaticEntryMapper::fromAudit(resolved, late).isEmpty());
}

void TestAutomaticEntryMapper::theSourceAlertBelongsWhenItFired() {
  AlertValue alert = firingAlert(QStringLiteral("search"));
  alert.firedAtMs = kT0Ms - 3 * 60 * kMinuteMs; // burning for hours before someone opened it
  Incident i = AutomaticEntryMapper::incidentFromAlert(alert, QStringLiteral("alice"), kT0Ms);
  const QList<TimelineEntry> entries = AutomaticEntryMapper::fromAlert(i, alert);
  QCOMPARE(entries.size(), 1);
  QCOMPARE(entries.first().eventTimeMs, alert.firedAtMs);
}

void TestAutomaticEntryMapper::incidentFromAlertTakesSeverityFromTier_data() {
  QTest::addColumn<AlertTier>("tier");
  QTest::addColumn<int>("severity");
  QTest::newRow("page") << AlertTier::Page << 2;
  QTest::newRow("slow page") << AlertTier::PageSlow << 3;
  QTest::newRow("ticket") << AlertTier::Ticket << 4;
  QTest::newRow("slow ticket") << AlertTier::TicketSlow << 4;
}

void TestAutomaticEntryMapper::incidentFromAlertTakesSeverityFromTier() {
  QFETCH(AlertTier, tier);
  QFETCH(int, severity);
  AlertValue alert = firingAlert();
  alert.tier = tier;
  const Incident i = AutomaticEntryMapper::incidentFromAlert(alert, QStringLiteral("alice"), kT0Ms);
  QCOMPARE(i.severity, severity);
  QCOMPARE(i.title, alert.summary);
  QCOMPARE(i.services, QStringList{QStringLiteral("payments")});
  QCOMPARE(i.sloIds, QStringList{alert.sloId});
  QCOMPARE(i.sourceAlertId, alert.id);
  QCOMPARE(i.openedAtMs, kT0Ms);
  QCOMPARE(i.commander, QStringLiteral("alice"));
}

void TestAutomaticEntryMapper::policyDecisionMatchesBySlo() {
  DecisionValue d;
  d.id = QStringLiteral("dec-1");
  d.policyId = QStringLiteral("auto-rollback");
  d.sloId = QStringLiteral("payments/checkout-availability");
  d.action = QStringLiteral("rollback");
  d.target = QStringLiteral("payments 1.4.2");
  d.outcome = QStringLiteral("executed");
  d.explanation = QStringLiteral("burn 14.4x over 1h and 5m");
  d.timeMs = kT0Ms + 4 * kMinuteMs;
  const QList<TimelineEntry> entries = AutomaticEntryMapper::fromDecision(paymentsIncident(), d);
  QCOMPARE(entries.size(), 1);
  QCOMPARE(entries.first().kind, EntryKind::PolicyDecision);
  QCOMPARE(entries.first().author, QStringLiteral("policy:auto-rollback"));
  QCOMPARE(entries.first().sourceKey, QStringLiteral("decision:dec-1"));
  QCOMPARE(entries.first().link, QStringLiteral("pxp://decision/dec-1"));
  QCOMPARE(entries.first().text,
           QStringLiteral("Policy auto-rollback: rollback payments 1.4.2 → executed; burn 14.4x over 1h and 5m"));

  d.sloId = QStringLiteral("search/latency");
  d.target = QStringLiteral("search");
  QVERIFY(AutomaticEntryMapper::fromDecision(paymentsIncident(), d).isEmpty());
}

void TestAutomaticEntryMapper::deploymentStatuses_data() {
  QTest::addColumn<QString>("status");
  QTest::addColumn<QStringList>("keys");
  QTest::addColumn<EntryKind>("lastKind");
  QTest::newRow("progressing") << "progressing" << QStringList{"deploy:d-9:started"} << EntryKind::Deploy;
  QTest::newRow("rolled back") << "rolled back" << QStringList{"deploy:d-9:started", "deploy:d-9:rolled-back"}
                               << EntryKind::Rollback;
  QTest::newRow("aborted") << "aborted" << QStringList{"deploy:d-9:started", "deploy:d-9:aborted"}
                           << EntryKind::Rollback;
  QTest::newRow("promoted") << "succeeded" << QStringList{"deploy:d-9:started", "deploy:d-9:succeeded"}
                            << EntryKind::Deploy;
  QTest::newRow("paused") << "paused"
                          << QStringList{"deploy:d-9:started",
                                         QStringLiteral("deploy:d-9:paused:%1").arg(kT0Ms + 9 * kMinuteMs)}
                          << EntryKind::Deploy;
}

void TestAutomaticEntryMapper::deploymentStatuses() {
  QFETCH(QString, status);
  QFETCH(QStringList, keys);
  QFETCH(EntryKind, lastKind);
  const QList<TimelineEntry> entries = AutomaticEntryMapper::fromDeployment(paymentsIncident(), deployment(status));
  QStringList got;
  for (const TimelineEntry &entry : entries)
    got.append(entry.sourceKey);
  QCOMPARE(got, keys);
  QCOMPARE(entries.constLast().kind, lastKind);
  QCOMPARE(entries.first().author, QStringLiteral("ci-bot"));
  QCOMPARE(entries.first().link, QStringLiteral("pxp://deploy/d-9"));
  QCOMPARE(entries.first().text, QStringLiteral("Deploy started: payments 1.4.2 (from 1.4.1), canary"));
}

void TestAutomaticEntryMapper::flagChange() {
  FlagValue flag;
  flag.key = QStringLiteral("new-checkout");
  flag.service = QStringLiteral("payments");
  flag.updatedBy = QStringLiteral("carol");
  flag.enabled = false;
  flag.updatedAtMs = kT0Ms + 6 * kMinuteMs;
  const QList<TimelineEntry> entries = AutomaticEntryMapper::fromFlag(paymentsIncident(), flag);
  QCOMPARE(entries.size(), 1);
  QCOMPARE(entries.first().kind, EntryKind::FlagChange);
  QCOMPARE(entries.first().text, QStringLiteral("Flag new-checkout off"));
  QCOMPARE(entries.first().author, QStringLiteral("carol"));
  QCOMPARE(entries.first().sourceKey, QStringLiteral("flag:new-checkout:%1").arg(flag.updatedAtMs));
  QCOMPARE(entries.first().link, QStringLiteral("pxp://flag/new-checkout"));
}

void TestAutomaticEntryMapper::commandFromTheAuditLogNamesActorAndReason() {
  const QList<TimelineEntry> entries = AutomaticEntryMapper::fromAudit(paymentsIncident(), command(42));
  QCOMPARE(entries.size(), 1);
  QCOMPARE(entries.first().kind, EntryKind::Command);
  QCOMPARE(entries.first().author, QStringLiteral("bob"));
  QCOMPARE(entries.first().sourceKey, QStringLiteral("audit:42"));
  QCOMPARE(entries.first().text,
           QStringLiteral("rollback payments 1.4.2: done; reason: checkout errors after the canary"));
  // A global command (the kill switch) concerns every incident.
  AuditValue global = command(43, QString());
  global.command = QStringLiteral("kill-switch engage");
  global.target = QString();
  QCOMPARE(AutomaticEntryMapper::fromAudit(paymentsIncident(), global).size(), 1);
  QVERIFY(AutomaticEntryMapper::fromAudit(paymentsIncident(), command(44, QStringLiteral("search"))).isEmpty());
}

void TestAutomaticEntryMapper::deniedCommandIsRecordedConfigIsNot() {
  AuditValue denied = command(50);
  denied.kind = QStringLiteral("auth denied");
  denied.ok = false;
  denied.result = QStringLiteral("role viewer may not roll back");
  const QList<TimelineEntry> entries = AutomaticEntryMapper::fromAudit(paymentsIncident(), denied);
  QCOMPARE(entries.size(), 1);
  QVERIFY(entries.first().text.startsWith(QStringLiteral("Denied: rollback payments 1.4.2 (role viewer")));
  AuditValue config = command(51);
  config.kind = QStringLiteral("config");
  QVERIFY(AutomaticEntryMapper::fromAudit(paymentsIncident(), config).isEmpty());
  AuditValue decision = command(52);
  decision.kind = QStringLiteral("decision"); // arrives as a DecisionValue too
  QVERIFY(AutomaticEntryMapper::fromAudit(paymentsIncident(), decision).isEmpty());
}

void TestAutomaticEntryMapper::credentialsAreRedacted() {
  AuditValue leaky = command(60);
  leaky.reason = QStringLiteral("retried with Authorization: Bearer eyJhbGciOi.abc-def_123 and token=s3cr3t, "
                                "password: hunter2");
  const QString text = AutomaticEntryMapper::fromAudit(paymentsIncident(), leaky).first().text;
  QVERIFY2(!text.contains(QStringLiteral("eyJhbGciOi")), qPrintable(text));
  QVERIFY(!text.contains(QStringLiteral("s3cr3t")));
  QVERIFY(!text.contains(QStringLiteral("hunter2")));
  QVERIFY(text.contains(QStringLiteral("Bearer [redacted]")));
  QVERIFY(text.contains(QStringLiteral("token=[redacted]")));
}

void TestAutomaticEntryMapper::redeliveredDeltaMapsToTheSameEntries() {
  WorldDelta delta;
  delta.alerts = {firingAlert()};
  delta.deployments = {deployment(QStringLiteral("rolled back"))};
  delta.audit = {command(42)};
  const QList<TimelineEntry> first = AutomaticEntryMapper::fromDelta(paymentsIncident(), delta);
  QCOMPARE(first.size(), 4);
  QCOMPARE(AutomaticEntryMapper::fromDelta(paymentsIncident(), delta), first);
  WorldSnapshot snapshot; // after a reconnect the snapshot carries the same objects
  snapshot.alerts = delta.alerts;
  snapshot.deployments = delta.deployments;
  snapshot.audit = delta.audit;
  QCOMPARE(AutomaticEntryMapper::fromSnapshot(paymentsIncident(), snapshot), first);
  // Another console derives the same ids.
  QCOMPARE(first.first().id, AutomaticEntryMapper::entryId(QStringLiteral("inc-1"), QStringLiteral("alert:a-1:fired")));
  // One delta, every open incident: each gets its own entries (ids differ by incident).
  Incident search = incident(QStringLiteral("Search slow"), 3, {QStringLiteral("search")});
  search.id = QStringLiteral("inc-2");
  search.sloIds = {QStringLiteral("search/latency")};
  search.openedAtMs = kT0Ms;
  Incident alsoPayments = paymentsIncident();
  alsoPayments.id = QStringLiteral("inc-3");
  const QList<TimelineEntry> all = AutomaticEntryMapper::fromDelta({paymentsIncident(), search, alsoPayments}, delta);
  QCOMPARE(all.size(), 8);
  QVERIFY(all.at(0).id != all.at(4).id);
}

QTEST_GUILESS_MAIN(TestAutomaticEntryMapper)
#include "tst_automatic_entry_mapper.moc"
