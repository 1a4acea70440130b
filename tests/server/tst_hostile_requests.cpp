// Requests an attacker (or a broken client) sends, against a real pxpd over gRPC: sizes are
// checked before permission, so the lowest role cannot fill the audit log or the Watch
// snapshot; unknown enum values are refused instead of being read as some other command;
// a reason of escapes and newlines is no reason; a kill switch names a service that exists;
// an emptied policy file does not remove every policy on reload.

#include "DaemonFixture.h"
#include "SloYaml.h"
#include "prometheus/PrometheusApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace testing;

namespace {

const std::string kCanary = "payments-v2.3.1";

} // namespace

class TestHostileRequests : public QObject {
  Q_OBJECT

  static grpc::Status rollback(DaemonFixture &f, const std::string &role, const std::string &deploymentId,
                               const std::string &reason, const std::string &key) {
    pxp::v1::RollbackRequest req;
    *req.mutable_meta() = DaemonFixture::meta(key, reason);
    req.set_deployment_id(deploymentId);
    pxp::v1::CommandResult result;
    auto ctx = f.context(role);
    return f.stub->Rollback(ctx.get(), req, &result);
  }

private slots:
  void aViewerCannotFillTheAuditLogOrTheSnapshot() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    const auto deniedBefore = f.audit(pxp::v1::AUDIT_KIND_AUTH_DENIED).size();

    // Past gRPC's 4 MiB message limit nothing reaches pxpd at all.
    auto s = rollback(f, "viewer", kCanary, std::string(4 << 20, 'x'), "viewer-4mib-reason");
    QCOMPARE(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    // Below it, oversized fields are refused as invalid before the role is looked at: nothing
    // is audited.
    const std::string huge(1 << 20, 'x');
    s = rollback(f, "viewer", kCanary, huge, "viewer-huge-reason");
    QCOMPARE(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY2(QString::fromStdString(s.error_message()).contains("reason is longer than 2,000 bytes"),
             s.error_message().c_str());
    s = rollback(f, "viewer", huge, "canary pages", "viewer-huge-target");
    QCOMPARE(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY2(QString::fromStdString(s.error_message()).contains("deployment_id is longer than 256 bytes"),
             s.error_message().c_str());
    QCOMPARE(f.audit(pxp::v1::AUDIT_KIND_AUTH_DENIED).size(), deniedBefore);

    // The largest request a viewer may send is refused for its role and audited, bounded, 20
    // at once; past that the refusals are rate limited and not audited at all.
    const std::string longest(2000, 'r');
    int permissionDenied = 0, rateLimited = 0;
    for (int i = 0; i < 200; ++i) {
      s = rollback(f, "viewer", std::string(256, 'd'), longest, "viewer-denied-" + std::to_string(i));
      permissionDenied += s.error_code() == grpc::StatusCode::PERMISSION_DENIED;
      rateLimited += s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
    }
    QCOMPARE(permissionDenied, 20);
    QCOMPARE(rateLimited, 180);
    QVERIFY2(QString::fromStdString(s.error_message()).contains("demo-viewer has been refused too often: wait 1 s"),
             s.error_message().c_str());
    auto denied = f.audit(pxp::v1::AUDIT_KIND_AUTH_DENIED);
    QCOMPARE(denied.size(), deniedBefore + 20);
    QCOMPARE(denied.back().reason().size(), std::size_t(2000));
    // One refusal a second after that.
    f.clock.advanceMs(5'000);
    for (int i = 0; i < 10; ++i)
      rollback(f, "viewer", kCanary, "canary pages", "viewer-later-" + std::to_string(i));
    denied = f.audit(pxp::v1::AUDIT_KIND_AUTH_DENIED);
    QCOMPARE(denied.size(), deniedBefore + 25);
    // Consoles still connect: the snapshot stays far below gRPC's message limits.
    const auto snapshot = f.snapshot();
    QVERIFY2(snapshot.ByteSizeLong() < 1'000'000, qPrintable(QString::number(snapshot.ByteSizeLong())));
  }

  void anUnknownOverrideKindIsRefusedNotReadAsAnother() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    pxp::v1::SetOverrideRequest req;
    *req.mutable_meta() = DaemonFixture::meta("override-kind-99", "probing");
    req.set_policy_id("rollback-paging-canary");
    req.set_kind(static_cast<pxp::v1::OverrideKind>(99));
    pxp::v1::CommandResult result;
    auto ctx = f.context("commander");
    const auto s = f.stub->SetOverride(ctx.get(), req, &result);
    QCOMPARE(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY2(QString::fromStdString(s.error_message()).contains("kind must be PAUSE or FORCE_ONCE (got 99)"),
             s.error_message().c_str());
    QCOMPARE(f.snapshot().overrides_size(), 0);
    // The policy it would have held still rolls the paging canary back.
    f.advance(4 * 60'000);
    const auto snap = f.snapshot();
    for (const auto &d : snap.deployments())
      if (d.id() == kCanary)
        QCOMPARE(d.status(), pxp::v1::DEPLOY_STATUS_ROLLED_BACK);
  }

  void unknownEnumValuesInQueriesAreRefused() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    pxp::v1::QueryAuditRequest audit;
    audit.set_kind(static_cast<pxp::v1::AuditKind>(42));
    pxp::v1::QueryAuditResponse auditResp;
    auto c1 = f.context("viewer");
    QCOMPARE(f.stub->QueryAudit(c1.get(), audit, &auditResp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    pxp::v1::QueryLogsRequest logs;
    logs.set_min_severity(static_cast<pxp::v1::LogSeverity>(-3));
    pxp::v1::QueryLogsResponse logsResp;
    auto c2 = f.context("viewer");
    QCOMPARE(f.stub->QueryLogs(c2.get(), logs, &logsResp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }

  void aReasonOfEscapesAndNewlinesIsNoReason() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    const auto s = rollback(f, "commander", kCanary, "\x1b\x07\n\r\t \x7f\x1b", "escape-only-reason");
    QCOMPARE(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY2(QString::fromStdString(s.error_message()).startsWith("a reason is required"), s.error_message().c_str());
    const auto key = rollback(f, "commander", kCanary, "canary pages", std::string("key\nwith-newline"));
    QCOMPARE(key.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY(f.audit(pxp::v1::AUDIT_KIND_COMMAND).empty());
  }

  // Audit details are JSON whatever the client chose: an idempotency key with quotes and
  // backslashes (printable, so allowed) ends up in an override id, and every before/after of
  // an override, its clearing and a kill switch still parses (with Qt's parser, not ours).
  void auditDetailsAreJsonWhateverTheKey() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    const std::string key = R"(q"uote\back\"slash{})";
    pxp::v1::SetOverrideRequest pause;
    *pause.mutable_meta() = DaemonFixture::meta(key, "hold it");
    pause.set_policy_id("rollback-paging-canary");
    pause.set_kind(pxp::v1::OVERRIDE_KIND_PAUSE);
    pause.set_duration_seconds(600);
    pxp::v1::CommandResult result;
    auto c1 = f.context("commander");
    QVERIFY(f.stub->SetOverride(c1.get(), pause, &result).ok());
    QVERIFY2(result.ok(), result.message().c_str());
    pxp::v1::ClearOverrideRequest clear;
    *clear.mutable_meta() = DaemonFixture::meta("clear-" + key, "done");
    clear.set_override_id("ovr-" + key);
    auto c2 = f.context("commander");
    QVERIFY(f.stub->ClearOverride(c2.get(), clear, &result).ok());
    QVERIFY2(result.ok(), result.message().c_str());
    pxp::v1::SetKillSwitchRequest freeze;
    *freeze.mutable_meta() = DaemonFixture::meta("freeze-" + key, "freeze");
    freeze.set_engaged(true);
    auto c3 = f.context("commander");
    QVERIFY(f.stub->SetKillSwitch(c3.get(), freeze, &result).ok());
    const auto entries = f.audit(pxp::v1::AUDIT_KIND_COMMAND);
    QCOMPARE(entries.size(), std::size_t{3});
    for (const auto &e : entries) {
      for (const std::string *detail : {&e.before(), &e.after()}) {
        QJsonParseError error{};
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(*detail), &error);
        QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(),
                 qPrintable(QString::fromStdString(e.command() + ": " + *detail)));
      }
    }
    const auto overrideAfter = QJsonDocument::fromJson(QByteArray::fromStdString(entries[0].after())).object();
    QCOMPARE(overrideAfter.value("override").toString().toStdString(), "ovr-" + key);
    const auto frozen = QJsonDocument::fromJson(QByteArray::fromStdString(entries[2].after())).object();
    QCOMPARE(frozen.value("engaged").toBool(), true);
    QCOMPARE(frozen.value("scopes").toArray().size(), 1);
  }

  // Commands by a role that may send them are limited too: a burst of 120, then 20 a second.
  void commandsArePacedPerActor() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    int done = 0, limited = 0;
    grpc::Status last;
    for (int i = 0; i < 130; ++i) {
      pxp::v1::SetFlagRequest req;
      *req.mutable_meta() = DaemonFixture::meta("flag-burst-" + std::to_string(i), "load test of a script");
      req.set_key("search.semantic-ranking");
      req.set_enabled(i % 2 == 0);
      req.set_rollout_percent(-1);
      pxp::v1::CommandResult result;
      auto ctx = f.context("responder");
      last = f.stub->SetFlag(ctx.get(), req, &result);
      done += last.ok() && result.ok();
      limited += last.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
    }
    QCOMPARE(done, 120);
    QCOMPARE(limited, 10);
    QVERIFY2(QString::fromStdString(last.error_message())
                 .startsWith("too many commands from demo-responder (at most 120 at once, then 20 per second)"),
             last.error_message().c_str());
    QCOMPARE(f.audit(pxp::v1::AUDIT_KIND_COMMAND).size(), std::size_t(120));
    // Another actor is not held back by this one.
    pxp::v1::SetKillSwitchRequest kill;
    *kill.mutable_meta() = DaemonFixture::meta("kill-during-burst", "stop automation");
    kill.set_engaged(true);
    pxp::v1::CommandResult result;
    auto ctx = f.context("commander");
    QVERIFY(f.stub->SetKillSwitch(ctx.get(), kill, &result).ok());
    QVERIFY(result.ok());
  }

  // Whatever a Prometheus (or something posing as one) answers, pxpd gets an error state, never
  // an exception on its fetcher thread. The first row was found by fuzz_prometheus_answer.
  void aBrokenPrometheusAnswerIsAnErrorNotACrash_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("data is a number") << QByteArray(R"({"status":"success","data":1})");
    QTest::newRow("result is a string") << QByteArray(
        R"({"status":"success","data":{"resultType":"matrix","result":"x"}})");
    QTest::newRow("values are maps") << QByteArray(
        R"({"status":"success","data":{"resultType":"matrix","result":[{"values":[{"a":1}]}]}})");
    QTest::newRow("metric is a list") << QByteArray(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":[1],"value":[1,"2"]}]}})");
    QTest::newRow("scalar of a map") << QByteArray(
        R"({"status":"success","data":{"resultType":"scalar","result":{}}})");
  }
  void aBrokenPrometheusAnswerIsAnErrorNotACrash() {
    QFETCH(QByteArray, body);
    const auto answer = pxpd::prom::PrometheusApi::parse(body.toStdString(), 200, "up");
    QVERIFY2(!answer.error.empty() || answer.series.empty() || !answer.series.front().points.empty(),
             "either an error, or what could be read");
    if (!answer.error.empty())
      QVERIFY2(QString::fromStdString(answer.error).startsWith("PromQL `up`"), answer.error.c_str());
  }

  void aKillSwitchForAnUnknownServiceIsRefused() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    pxp::v1::SetKillSwitchRequest req;
    *req.mutable_meta() = DaemonFixture::meta("kill-paymnets", "typo in the service");
    req.set_engaged(true);
    req.set_scope_service("paymnets");
    pxp::v1::CommandResult result;
    auto ctx = f.context("commander");
    const auto s = f.stub->SetKillSwitch(ctx.get(), req, &result);
    QCOMPARE(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY2(QString::fromStdString(s.error_message()).contains("no service 'paymnets'"), s.error_message().c_str());
    QVERIFY2(QString::fromStdString(s.error_message()).contains("payments"), s.error_message().c_str());
    QVERIFY(!f.snapshot().kill_switch().engaged());
  }

  // The kill switch is a set of scopes, each engaged and released on its own: releasing one
  // service never releases the others or the global one.
  void killSwitchScopesAreASet() {
    DaemonFixture f;
    QVERIFY2(f.started(), f.startError.c_str());
    int n = 0;
    auto set = [&](bool engaged, const std::string &service, const std::string &role, const std::string &reason) {
      pxp::v1::SetKillSwitchRequest req;
      *req.mutable_meta() = DaemonFixture::meta("kill-switch-" + std::to_string(++n), reason);
      req.set_engaged(engaged);
      req.set_scope_service(service);
      pxp::v1::CommandResult result;
      auto ctx = f.context(role);
      const auto s = f.stub->SetKillSwitch(ctx.get(), req, &result);
      if (!s.ok())
        result.set_message("gRPC: " + s.error_message());
      return result;
    };
    auto scopes = [&] {
      std::vector<std::string> out;
      const auto snapshot = f.snapshot();
      for (const auto &s : snapshot.kill_switch().scopes())
        out.push_back((s.service().empty() ? "*" : s.service()) + " by " + s.actor() + ": " + s.reason());
      return out;
    };
    QVERIFY(set(true, "", "commander", "freeze everything").ok());
    QVERIFY(set(true, "payments", "admin", "payments migration").ok());
    QVERIFY(set(true, "auth", "commander", "auth under attack").ok());
    QCOMPARE(scopes(), (std::vector<std::string>{"* by demo-commander: freeze everything",
                                                 "auth by demo-commander: auth under attack",
                                                 "payments by demo-admin: payments migration"}));
    QVERIFY(set(false, "payments", "commander", "migration done").ok());
    QCOMPARE(scopes(), (std::vector<std::string>{"* by demo-commander: freeze everything",
                                                 "auth by demo-commander: auth under attack"}));
    QVERIFY(f.snapshot().kill_switch().engaged());
    // The global scope still holds the payments canary's rollback.
    f.advance(4 * 60'000);
    const auto held = f.snapshot();
    for (const auto &d : held.deployments())
      if (d.id() == kCanary)
        QCOMPARE(d.status(), pxp::v1::DEPLOY_STATUS_PROGRESSING);
    // Releasing what is not engaged says so and changes nothing.
    const auto notEngaged = set(false, "search", "commander", "tidy up");
    QVERIFY(!notEngaged.ok());
    QVERIFY2(QString::fromStdString(notEngaged.message())
                 .contains("the kill switch is not engaged for search (engaged: every service, auth)"),
             notEngaged.message().c_str());
    QVERIFY(set(false, "", "commander", "thaw").ok());
    QCOMPARE(scopes(), (std::vector<std::string>{"auth by demo-commander: auth under attack"}));
    QVERIFY(set(false, "auth", "commander", "attack over").ok());
    QVERIFY(scopes().empty());
    QVERIFY(!f.snapshot().kill_switch().engaged());
    // With no scope left, the policy rolls the paging canary back.
    f.advance(60'000);
    const auto released = f.snapshot();
    for (const auto &d : released.deployments())
      if (d.id() == kCanary)
        QCOMPARE(d.status(), pxp::v1::DEPLOY_STATUS_ROLLED_BACK);
  }

  void anEmptiedPolicyFileDoesNotRemoveEveryPolicyOnReload() {
    QTemporaryDir dir;
    const auto policies = writeFile(dir, "policies.yaml",
                                    "policies:\n  - id: keep\n    mode: enforce\n    condition: {budget_below: 0.1}\n"
                                    "    action: notify\n");
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.policyFiles = {policies}; });
    QVERIFY2(f.started(), f.startError.c_str());
    writeFile(dir, "policies.yaml", "");
    grpc::Status status;
    const auto result = f.reloadConfig("admin", "reload-emptied-1", &status);
    QVERIFY(status.ok());
    QVERIFY(!result.ok());
    QVERIFY2(QString::fromStdString(result.message()).contains("the policy file is empty"), result.message().c_str());
    QCOMPARE(f.snapshot().policies_size(), 1);
    // Said on purpose, it is allowed.
    writeFile(dir, "policies.yaml", "allow_empty: true\npolicies: []\n");
    const auto allowed = f.reloadConfig("admin", "reload-emptied-2", &status);
    QVERIFY2(allowed.ok(), allowed.message().c_str());
    QCOMPARE(f.snapshot().policies_size(), 0);
  }
};

QTEST_GUILESS_MAIN(TestHostileRequests)
#include "tst_hostile_requests.moc"
