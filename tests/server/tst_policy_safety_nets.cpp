// Every safety net of the policy engine, each in a test that fails without it: a real pxpd
// (in-process gRPC channel, ManualClock moved tick by tick), a policy file written by the test,
// and the audit log read back over gRPC as the record of what automation did and why.
//   cooldown        a second trigger inside the cooldown is suppressed and says so
//   hourly cap      the attempt past max_actions_per_hour waits for the hour to roll
//   low traffic     too few events to judge: hold back
//   no data         an SLO without data never drives an action, however bad the canary looks
//   force once      acts once, then the policy is back to its own condition
//   override expiry a pause that lapses while the condition holds lets the policy act
//   in flight       while its action still runs, a policy does not start another
// The kill switch and dry-run have theirs in tst_engine_scenario and tst_policy_files.

#include "DaemonFixture.h"
#include "SloYaml.h"

#include <QTest>

#include <algorithm>

using namespace testing;

namespace {

constexpr auto kExecuted = pxp::v1::DECISION_OUTCOME_EXECUTED;

// A calm simulated SLO with the 30 days of synthesized history every demo SLO gets, so some of
// its budget is spent: `budget_below: 1` holds for it on every tick.
const char *const kLedgerSlo = "ledger/writes";

std::string policy(const std::string &id, const std::string &condition, int cooldownSeconds, int maxPerHour,
                   const std::string &action = "notify", const std::string &scope = "services: [ledger]") {
  return "policies:\n  - id: " + id + "\n    mode: enforce\n    scope: {" + scope + "}\n    condition: " + condition +
         "\n    action: " + action + "\n    cooldown_seconds: " + std::to_string(cooldownSeconds) +
         "\n    max_actions_per_hour: " + std::to_string(maxPerHour) + "\n";
}

// The decisions one policy recorded, oldest first, from the audit log.
std::vector<pxp::v1::PolicyDecision> decisionsOf(DaemonFixture &f, const std::string &policyId) {
  auto entries = f.audit(pxp::v1::AUDIT_KIND_DECISION);
  std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.seq() < b.seq(); });
  std::vector<pxp::v1::PolicyDecision> out;
  for (const auto &e : entries)
    if (e.decision().policy_id() == policyId)
      out.push_back(e.decision());
  return out;
}

int countOutcome(const std::vector<pxp::v1::PolicyDecision> &ds, pxp::v1::DecisionOutcome outcome) {
  return static_cast<int>(std::count_if(ds.begin(), ds.end(), [&](const auto &d) { return d.outcome() == outcome; }));
}

const pxp::v1::PolicyDecision *lastWithOutcome(const std::vector<pxp::v1::PolicyDecision> &ds,
                                               pxp::v1::DecisionOutcome outcome) {
  for (auto it = ds.rbegin(); it != ds.rend(); ++it)
    if (it->outcome() == outcome)
      return &*it;
  return nullptr;
}

QString explain(const std::vector<pxp::v1::PolicyDecision> &ds);

// "" when the last decision of `ds` with `outcome` says `phrase`; otherwise what was found.
QString heldSaying(const std::vector<pxp::v1::PolicyDecision> &ds, pxp::v1::DecisionOutcome outcome,
                   const QString &phrase) {
  const auto *held = lastWithOutcome(ds, outcome);
  if (!held)
    return QStringLiteral("no %1 decision among:\n%2")
        .arg(QString::fromStdString(pxp::v1::DecisionOutcome_Name(outcome)), explain(ds));
  const QString text = QString::fromStdString(held->explanation());
  return text.contains(phrase) ? QString() : QStringLiteral("'%1' does not say '%2'").arg(text, phrase);
}

QString explain(const std::vector<pxp::v1::PolicyDecision> &ds) {
  QStringList lines;
  for (const auto &d : ds)
    lines << QStringLiteral("%1 %2: %3")
                 .arg(d.time_ms())
                 .arg(QString::fromStdString(pxp::v1::DecisionOutcome_Name(d.outcome())),
                      QString::fromStdString(d.explanation()));
  return lines.join('\n');
}

} // namespace

class TestPolicySafetyNets : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_files = 0;

  // A daemon on the simulated world with `slos` (OpenSLO text) and one policy file.
  std::unique_ptr<DaemonFixture> daemon(const std::string &slos, const std::string &policies) {
    const QString n = QString::number(++m_files);
    const auto sloFile = writeFile(m_dir, "slos-" + n + ".yaml", slos);
    const auto policyFile = writeFile(m_dir, "policies-" + n + ".yaml", policies);
    return std::make_unique<DaemonFixture>([&](pxpd::DaemonConfig &c) {
      c.sloFiles = {sloFile};
      c.policyFiles = {policyFile};
    });
  }

  pxp::v1::CommandResult setOverride(DaemonFixture &f, const std::string &policyId, pxp::v1::OverrideKind kind,
                                     std::int64_t seconds, const std::string &key) {
    pxp::v1::SetOverrideRequest req;
    *req.mutable_meta() = DaemonFixture::meta(key, "safety-net test");
    req.set_policy_id(policyId);
    req.set_kind(kind);
    req.set_duration_seconds(seconds);
    pxp::v1::CommandResult result;
    auto ctx = f.context("responder");
    const auto status = f.stub->SetOverride(ctx.get(), req, &result);
    if (!status.ok())
      result.set_message("gRPC: " + status.error_message());
    return result;
  }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void cooldownSuppressesASecondTriggerAndSaysWhy() {
    auto f = daemon(sloYaml("ledger", "writes"), policy("cool", "{budget_below: 1}", 60, 0));
    QVERIFY2(f->started(), f->startError.c_str());
    const auto start = f->snapshot();
    QVERIFY(DaemonFixture::status(start, kLedgerSlo)->budget_remaining_ratio() < 1);

    f->advance(kTickMs); // first trigger: acts
    QCOMPARE(countOutcome(decisionsOf(*f, "cool"), kExecuted), 1);

    f->advance(3 * kTickMs); // 30 s later the condition still holds: held by the cooldown
    auto ds = decisionsOf(*f, "cool");
    QVERIFY2(countOutcome(ds, kExecuted) == 1, qPrintable(explain(ds)));
    const auto *held = lastWithOutcome(ds, pxp::v1::DECISION_OUTCOME_SUPPRESSED_COOLDOWN);
    QVERIFY2(held, qPrintable(explain(ds)));
    QVERIFY2(QString::fromStdString(held->explanation()).startsWith("did not notify ledger: "),
             held->explanation().c_str());
    QVERIFY2(QString::fromStdString(held->explanation()).contains("cooldown 60 s"), held->explanation().c_str());

    f->advance(3 * kTickMs); // 60 s after the first attempt the cooldown is over
    ds = decisionsOf(*f, "cool");
    QVERIFY2(countOutcome(ds, kExecuted) == 2, qPrintable(explain(ds)));
    QCOMPARE(lastWithOutcome(ds, kExecuted)->time_ms() - ds.front().time_ms(), 60'000);
  }

  void hourlyCapHoldsTheAttemptPastTheLimitUntilTheHourRolls() {
    auto f = daemon(sloYaml("ledger", "writes"), policy("capped", "{budget_below: 1}", 0, 3));
    QVERIFY2(f->started(), f->startError.c_str());
    f->advance(6 * kTickMs); // six ticks, the condition holding on each; no cooldown
    auto ds = decisionsOf(*f, "capped");
    QVERIFY2(countOutcome(ds, kExecuted) == 3, qPrintable(explain(ds)));
    const QString capped =
        heldSaying(ds, pxp::v1::DECISION_OUTCOME_SUPPRESSED_RATE_LIMIT, QStringLiteral("3 actions in the last hour"));
    QVERIFY2(capped.isEmpty(), qPrintable(capped));

    f->advance(3'600'000 - 4 * kTickMs); // more than an hour after the first: it may act again, once
    ds = decisionsOf(*f, "capped");
    QVERIFY2(countOutcome(ds, kExecuted) == 4, qPrintable(explain(ds)));
  }

  void lowTrafficHoldsAutomationBack() {
    // Every window of this SLO sees fewer events than its minimum: too little to judge.
    std::string slo = sloYaml("ledger", "writes");
    slo.replace(slo.find("pxp.dev/min-events: \"10\""), 24, "pxp.dev/min-events: \"1000000000\"");
    auto f = daemon(slo, policy("quiet", "{budget_below: 1}", 0, 0));
    QVERIFY2(f->started(), f->startError.c_str());
    f->advance(3 * kTickMs);
    const auto s = f->snapshot();
    const auto *st = DaemonFixture::status(s, kLedgerSlo);
    QVERIFY(st && st->windows_size() > 0 && st->windows(0).low_traffic());
    const auto ds = decisionsOf(*f, "quiet");
    QVERIFY2(countOutcome(ds, kExecuted) == 0, qPrintable(explain(ds)));
    const QString quiet =
        heldSaying(ds, pxp::v1::DECISION_OUTCOME_SUPPRESSED_LOW_TRAFFIC, QStringLiteral("too little traffic"));
    QVERIFY2(quiet.isEmpty(), qPrintable(quiet));
  }

  void noDataNeverDrivesAnActionHoweverBadTheCanaryLooks() {
    // payments' SLO comes from a Prometheus that is not configured: never measured. The
    // simulated world's canary analysis still fails its checks, so the condition holds.
    auto f =
        daemon(sloYaml("payments", "checkout-availability", 0.999, "prometheus"),
               policy("blind", "{canary_worse: {by: 0.005, checks: 1}}", 0, 0, "rollback", "services: [payments]"));
    QVERIFY2(f->started(), f->startError.c_str());
    f->advance(3 * 60'000);
    const auto s = f->snapshot();
    const auto canary = std::find_if(s.deployments().begin(), s.deployments().end(),
                                     [](const auto &d) { return d.id() == "payments-v2.3.1"; });
    QVERIFY(canary != s.deployments().end());
    QVERIFY2(canary->analysis().failed_checks() >= 1, "the canary analysis must fail for the condition to hold");
    // The verdict says what the figures say (10 % vs 99.98 % is failing, never "inconclusive").
    const int failed = canary->analysis().failed_checks();
    QCOMPARE(canary->analysis().verdict(),
             (failed >= 3 ? "fail: " : "failing: ") + std::to_string(failed) + " of 3 checks failed");
    QCOMPARE(canary->status(), pxp::v1::DEPLOY_STATUS_PROGRESSING); // not rolled back
    const auto ds = decisionsOf(*f, "blind");
    QVERIFY2(countOutcome(ds, kExecuted) == 0, qPrintable(explain(ds)));
    const QString blind = heldSaying(ds, pxp::v1::DECISION_OUTCOME_SUPPRESSED_NO_DATA, QStringLiteral("no data"));
    QVERIFY2(blind.isEmpty(), qPrintable(blind));
  }

  void forceOnceActsOnceThenThePolicyFollowsItsConditionAgain() {
    // The condition does not hold (budget far above 1 %): only the override can make it act.
    auto f = daemon(sloYaml("ledger", "writes"), policy("forced", "{budget_below: 0.01}", 0, 0));
    QVERIFY2(f->started(), f->startError.c_str());
    f->advance(2 * kTickMs);
    QVERIFY(decisionsOf(*f, "forced").empty());

    const auto result = setOverride(*f, "forced", pxp::v1::OVERRIDE_KIND_FORCE_ONCE, 0, "force-0001");
    QVERIFY2(result.ok(), result.message().c_str());
    QCOMPARE(f->snapshot().overrides_size(), 1);
    f->advance(kTickMs);
    auto ds = decisionsOf(*f, "forced");
    QCOMPARE(countOutcome(ds, pxp::v1::DECISION_OUTCOME_FORCED), 1);
    QVERIFY2(
        QString::fromStdString(ds.back().explanation()).contains("forced once by demo-responder (safety-net test)"),
        ds.back().explanation().c_str());
    QCOMPARE(f->snapshot().overrides_size(), 0); // used up

    f->advance(6 * kTickMs);
    ds = decisionsOf(*f, "forced");
    QVERIFY2(ds.size() == 1, qPrintable(explain(ds))); // back to normal: nothing more
  }

  void overrideExpiryLetsThePolicyActWhileTheConditionStillHolds() {
    auto f = daemon(sloYaml("ledger", "writes"), policy("held", "{budget_below: 1}", 0, 0));
    QVERIFY2(f->started(), f->startError.c_str());
    const auto result = setOverride(*f, "held", pxp::v1::OVERRIDE_KIND_PAUSE, 60, "pause-0001");
    QVERIFY2(result.ok(), result.message().c_str());
    WatchStream watch(*f);

    f->advance(5 * kTickMs); // paused for the first 50 s
    auto ds = decisionsOf(*f, "held");
    QVERIFY2(countOutcome(ds, kExecuted) == 0, qPrintable(explain(ds)));
    QVERIFY2(lastWithOutcome(ds, pxp::v1::DECISION_OUTCOME_SUPPRESSED_OVERRIDE), qPrintable(explain(ds)));
    QCOMPARE(f->snapshot().overrides_size(), 1);

    f->advance(2 * kTickMs); // 70 s: the pause has lapsed; the budget is still below 100 %
    QVERIFY(watch.waitFor([](const auto &e) { return !e.override_cleared_id().empty(); }));
    QCOMPARE(f->snapshot().overrides_size(), 0);
    ds = decisionsOf(*f, "held");
    QVERIFY2(countOutcome(ds, kExecuted) >= 1, qPrintable(explain(ds)));
    QVERIFY(lastWithOutcome(ds, kExecuted)->time_ms() >= kStartMs + 60'000);
  }

  void aPolicyWaitsForTheActionItHasInFlight() {
    // The command logs each attempt, then takes a second; the condition holds on every tick
    // and there is no cooldown, so only the wait for the answer keeps attempts from piling up.
    const QString attempts = m_dir.filePath(QStringLiteral("attempts.log"));
    const std::string actuator =
        "    actuator: {type: exec, timeout_seconds: 10, command: [/bin/sh, -c, 'echo \"$0\" >> " +
        attempts.toStdString() + "; exec /bin/sleep 1', \"{decision}\"]}\n";
    auto f = daemon(sloYaml("ledger", "writes"), policy("slow", "{budget_below: 1}", 0, 0) + actuator);
    QVERIFY2(f->started(), f->startError.c_str());
    WatchStream watch(*f);
    f->advance(4 * kTickMs); // four ticks while the first attempt's command runs
    const auto first = watch.waitFor([](const auto &e) { return e.decision().policy_id() == "slow"; });
    QVERIFY(first);
    QCOMPARE(first->decision().outcome(), kExecuted);
    QCOMPARE(first->decision().time_ms(), kStartMs + kTickMs);
    QFile log(attempts);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const auto lines = log.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.front().toStdString(), first->decision().id());
  }
};

QTEST_GUILESS_MAIN(TestPolicySafetyNets)
#include "tst_policy_safety_nets.moc"
