// Policy files: each condition kind as written in YAML decides as it says (data-driven, on the
// policy engine directly); invalid files are refused with file:line and a fix; dry-run records
// "would" without acting; the data-freshness condition fires on silence and only on silence.

#include "DaemonFixture.h"
#include "SloYaml.h"
#include "engine/PolicyEngine.h"
#include "policy/PolicyLoader.h"

#include <QTest>

#include <cmath>

using namespace testing;

namespace {

constexpr std::int64_t kNowMs = kStartMs;

std::string policyFile(const std::string &condition, const std::string &extra = {},
                       const std::string &mode = "enforce") {
  return "policies:\n  - id: p\n    mode: " + mode + "\n    condition: " + condition + "\n    action: notify\n" + extra;
}

// One SLO's state, built by hand.
struct Situation {
  pxp::v1::SloDefinition slo;
  pxp::v1::SloStatus status;
  pxp::v1::Deployment canary;
  bool hasCanary = false;

  Situation() {
    slo.set_id("payments/checkout-availability");
    slo.set_name("Checkout availability");
    slo.set_service("payments");
    status.set_firing_tier(pxp::v1::ALERT_TIER_NONE);
    status.set_budget_remaining_ratio(0.8);
    status.set_last_data_ms(kNowMs - 5'000);
    for (int w = pxp::v1::WINDOW_5M; w <= pxp::v1::WINDOW_PERIOD; ++w) {
      auto *ws = status.add_windows();
      ws->set_window(static_cast<pxp::v1::Window>(w));
      ws->set_burn_rate(0.5);
    }
  }
  pxpd::PolicyFacts facts() const {
    pxpd::PolicyFacts f;
    f.slo = &slo;
    f.status = &status;
    f.canary = hasCanary ? &canary : nullptr;
    return f;
  }
};

using Tweak = std::function<void(Situation &)>;

} // namespace

Q_DECLARE_METATYPE(Tweak)

class TestPolicyFiles : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  // Starts a daemon on the demo world's SLOs with this policy text; returns the start error.
  std::string startError(const std::string &policyText, const QString &name = "policy.yaml") {
    const auto file = writeFile(m_dir, name, policyText);
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.policyFiles = {file}; });
    return f.startError;
  }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void conditionDecides_data() {
    QTest::addColumn<QString>("condition");
    QTest::addColumn<Tweak>("tweak");
    QTest::addColumn<bool>("fires");
    QTest::addColumn<QString>("text");
    const Tweak none = [](Situation &) {};
    const Tweak paging = [](Situation &s) { s.status.set_firing_tier(pxp::v1::ALERT_TIER_PAGE); };
    const Tweak burning = [](Situation &s) { s.status.mutable_windows(2)->set_burn_rate(7); }; // 1h
    const Tweak lowBudget = [](Situation &s) { s.status.set_budget_remaining_ratio(0.05); };
    const Tweak badCanary = [](Situation &s) {
      s.hasCanary = true;
      s.canary.set_id("payments-v2");
      s.canary.set_service("payments");
      s.canary.set_version("v2");
      s.canary.mutable_analysis()->set_canary_success_ratio(0.9);
      s.canary.mutable_analysis()->set_baseline_success_ratio(0.999);
      s.canary.mutable_analysis()->set_failed_checks(3);
    };
    const Tweak silent = [](Situation &s) { s.status.set_last_data_ms(kNowMs - 600'000); };
    QTest::newRow("tier quiet") << "{tier_firing: page}" << none << false << "firing_tier >= PAGE";
    QTest::newRow("tier pages") << "{tier_firing: page}" << paging << true << "firing_tier >= PAGE";
    QTest::newRow("tier needs canary") << "{tier_firing: page-slow, require_active_canary: true}" << paging << false
                                       << "firing_tier >= PAGE_SLOW and an active canary";
    QTest::newRow("burn calm") << "{burn_rate_over: {window: 1h, threshold: 6}}" << none << false << "burn_rate_1h > 6";
    QTest::newRow("burn hot") << "{burn_rate_over: {window: 1h, threshold: 6}}" << burning << true
                              << "burn_rate_1h > 6";
    QTest::newRow("budget fine") << "{budget_below: 0.1}" << none << false << "budget_remaining_ratio < 0.1";
    QTest::newRow("budget low") << "{budget_below: 0.1}" << lowBudget << true << "budget_remaining_ratio < 0.1";
    QTest::newRow("no canary") << "{canary_worse: {by: 0.005, checks: 3}}" << none << false
                               << "canary.success < baseline - 0.005 for 3 checks";
    QTest::newRow("canary worse") << "{canary_worse: {by: 0.005, checks: 3}}" << badCanary << true
                                  << "canary.success < baseline - 0.005 for 3 checks";
    QTest::newRow("canary worse, few checks") << "{canary_worse: {by: 0.005, checks: 4}}" << badCanary << false
                                              << "canary.success < baseline - 0.005 for 4 checks";
    QTest::newRow("data fresh") << "{data_stale_seconds: 300}" << none << false << "seconds_since_last_data > 300";
    QTest::newRow("data stale") << "{data_stale_seconds: 300}" << silent << true << "seconds_since_last_data > 300";
  }

  void conditionDecides() {
    QFETCH(QString, condition);
    QFETCH(Tweak, tweak);
    QFETCH(bool, fires);
    QFETCH(QString, text);
    for (const char *mode : {"enforce", "dry-run"}) {
      auto rules = pxpd::PolicyLoader::loadText(policyFile(condition.toStdString(), {}, mode), "inline.yaml");
      QVERIFY2(rules, rules ? "" : rules.error().c_str());
      QCOMPARE(QString::fromStdString(rules.value().front().policy.condition()), text);
      pxpd::PolicyEngine engine;
      engine.setRules(rules.value());
      Situation s;
      tweak(s);
      std::vector<pxp::v1::PolicyDecision> decisions;
      std::vector<pxpd::PolicyAction> actions;
      pxp::v1::KillSwitchState kill;
      engine.evaluate(kNowMs, {s.facts()}, kill, decisions, actions);
      const bool dryRun = std::string(mode) == "dry-run";
      QCOMPARE(actions.size(), std::size_t(fires && !dryRun ? 1 : 0));
      QCOMPARE(decisions.size(), std::size_t(fires && dryRun ? 1 : 0));
      if (fires && dryRun) {
        QCOMPARE(decisions[0].outcome(), pxp::v1::DECISION_OUTCOME_DRY_RUN);
        QVERIFY2(QString::fromStdString(decisions[0].explanation()).startsWith("would notify"),
                 decisions[0].explanation().c_str());
      }
    }
  }

  void invalidFileIsRefusedWithFileAndLine_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("unknown key") << QString::fromStdString(policyFile("{budget_below: 0.1}", "    cooldown: 600\n"))
                                 << 6 << "unknown key 'cooldown'";
    QTest::newRow("bad mode") << QString::fromStdString(policyFile("{budget_below: 0.1}", {}, "enforced")) << 3
                              << "not a mode";
    QTest::newRow("two conditions") << QString::fromStdString(policyFile("{budget_below: 0.1, tier_firing: page}")) << 4
                                    << "exactly one of";
    QTest::newRow("bad window") << QString::fromStdString(policyFile("{burn_rate_over: {window: 2d, threshold: 6}}"))
                                << 4 << "'2d' is not one of";
    QTest::newRow("relative exec") << QString::fromStdString(policyFile(
                                          "{budget_below: 0.1}", "    actuator: {type: exec, command: [rollback]}\n"))
                                   << 6 << "not an absolute path";
    QTest::newRow("unknown placeholder") << QString::fromStdString(policyFile(
                                                "{budget_below: 0.1}",
                                                "    actuator: {type: exec, command: [/bin/true, \"{svc}\"]}\n"))
                                         << 6 << "{svc}, which is not a placeholder";
    QTest::newRow("token over plain http")
        << QString::fromStdString(policyFile("{budget_below: 0.1}",
                                             "    actuator: {type: webhook, url: \"http://hooks.invalid/x\", "
                                             "bearer_token_file: /etc/hostname}\n"))
        << 6 << "is plain http:// to hooks.invalid";
    QTest::newRow("webhook CA file missing")
        << QString::fromStdString(policyFile("{budget_below: 0.1}",
                                             "    actuator: {type: webhook, url: \"https://hooks.invalid/x\", "
                                             "ca_file: /nonexistent/ca.pem}\n"))
        << 6 << "TLS file /nonexistent/ca.pem does not exist";
    QTest::newRow("duplicate id") << QString::fromStdString(policyFile("{budget_below: 0.1}") +
                                                            "  - id: p\n    mode: enforce\n    condition: "
                                                            "{budget_below: 0.2}\n    action: page\n")
                                  << 6 << "defined twice";
    QTest::newRow("unknown scope SLO") << QString::fromStdString(policyFile("{budget_below: 0.1}",
                                                                            "    scope: {slos: [payments/checkout]}\n"))
                                       << 2 << "'payments/checkout', which is not a loaded SLO";
    QTest::newRow("bad yaml") << "policies:\n  - id: p\n    mode: enforce\n  condition: [\n" << 4 << "fix the YAML";
    QTest::newRow("no action") << "policies:\n  - id: p\n    mode: enforce\n    condition: {budget_below: 0.1}\n"
                               << 2 << "action is missing";
  }

  void invalidFileIsRefusedWithFileAndLine() {
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, phrase);
    const QString path = m_dir.filePath("invalid.yaml");
    const QString error = QString::fromStdString(startError(text.toStdString(), "invalid.yaml"));
    QVERIFY2(error.startsWith(path + ":" + QString::number(line) + ":"), qPrintable(error));
    QVERIFY2(error.contains(phrase), qPrintable(error));
  }

  void dryRunRecordsWhatItWouldDoAndDoesNothing() {
    const auto file =
        writeFile(m_dir, "dry.yaml",
                  "policies:\n  - id: dry-rollback\n    mode: dry-run\n    scope: {services: [payments]}\n"
                  "    condition: {tier_firing: page, require_active_canary: true}\n"
                  "    action: rollback\n");
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.policyFiles = {file}; });
    QVERIFY2(f.started(), f.startError.c_str());
    WatchStream watch(f);
    f.advance(6 * 60'000); // the payment canary pages within a few minutes
    const auto d = watch.waitFor([](const auto &e) { return e.decision().policy_id() == "dry-rollback"; });
    QVERIFY(d);
    QCOMPARE(d->decision().outcome(), pxp::v1::DECISION_OUTCOME_DRY_RUN);
    QVERIFY2(
        QString::fromStdString(d->decision().explanation()).startsWith("would roll back payments v2.3.1 (dry-run)"),
        d->decision().explanation().c_str());
    const auto after = f.snapshot();
    for (const auto &dep : after.deployments())
      if (dep.id() == "payments-v2.3.1")
        QCOMPARE(dep.status(), pxp::v1::DEPLOY_STATUS_PROGRESSING);
  }

  void reloadReplacesPoliciesAndClearsOverridesOfRemovedOnes() {
    auto policy = [](const std::string &id, const std::string &mode) {
      return "  - id: " + id + "\n    mode: " + mode + "\n    condition: {budget_below: 0.01}\n    action: page\n";
    };
    const auto file = writeFile(m_dir, "reload-policies.yaml",
                                "policies:\n" + policy("going", "enforce") + policy("staying", "enforce"));
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.policyFiles = {file}; });
    QVERIFY2(f.started(), f.startError.c_str());
    pxp::v1::SetOverrideRequest pause;
    *pause.mutable_meta() = DaemonFixture::meta("pause-going-1", "maintenance");
    pause.set_policy_id("going");
    pause.set_kind(pxp::v1::OVERRIDE_KIND_PAUSE);
    pause.set_duration_seconds(3600);
    pxp::v1::CommandResult paused;
    auto ctx = f.context("responder");
    QVERIFY(f.stub->SetOverride(ctx.get(), pause, &paused).ok());
    QVERIFY2(paused.ok(), paused.message().c_str());
    WatchStream watch(f);

    writeFile(m_dir, "reload-policies.yaml", "policies:\n" + policy("staying", "dry-run") + policy("new", "enforce"));
    const auto result = f.reloadConfig("admin", "reload-pol-01");
    QVERIFY2(result.ok(), result.message().c_str());
    QVERIFY2(QString::fromStdString(result.message())
                 .contains("policies: 1 added (new), 1 removed (going), 1 changed (staying)"),
             result.message().c_str());
    QVERIFY(watch.waitFor([](const auto &e) { return e.override_cleared_id() == "ovr-pause-going-1"; }));
    QVERIFY(watch.waitFor([](const auto &e) { return e.policy().id() == "going" && e.policy().removed(); }));
    const auto staying = watch.waitFor([](const auto &e) { return e.policy().id() == "staying"; });
    QVERIFY(staying);
    QCOMPARE(staying->policy().mode(), pxp::v1::POLICY_MODE_DRY_RUN);
    const auto s = f.snapshot();
    QCOMPARE(s.policies_size(), 2);
    QCOMPARE(s.overrides_size(), 0);
  }

  void dataFreshnessFiresOnSilenceOnly() {
    const auto slos =
        writeFile(m_dir, "fresh.yaml",
                  sloYaml("payments", "checkout-availability") + sloYaml("billing", "invoices", 0.995, "prometheus"));
    const auto policies = writeFile(m_dir, "fresh-policy.yaml",
                                    "policies:\n  - id: stale-data\n    mode: enforce\n    condition: "
                                    "{data_stale_seconds: 120}\n    action: notify\n    cooldown_seconds: 3600\n");
    DaemonFixture f([&](pxpd::DaemonConfig &c) {
      c.sloFiles = {slos};
      c.policyFiles = {policies};
    });
    QVERIFY2(f.started(), f.startError.c_str());
    WatchStream watch(f);
    f.advance(5 * kTickMs);
    const auto d = watch.waitFor([](const auto &e) { return e.decision().policy_id() == "stale-data"; });
    QVERIFY(d);
    QCOMPARE(d->decision().slo_id(), std::string("billing/invoices")); // never measured: stale
    QCOMPARE(d->decision().outcome(), pxp::v1::DECISION_OUTCOME_EXECUTED);
    QVERIFY2(QString::fromStdString(d->decision().explanation()).contains("has never had data"),
             d->decision().explanation().c_str());
    for (const auto &e : watch.seen())
      QVERIFY2(e.decision().slo_id() != "payments/checkout-availability", "fresh data never trips the rule");
  }
};

QTEST_GUILESS_MAIN(TestPolicyFiles)
#include "tst_policy_files.moc"
