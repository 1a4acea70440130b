// Actuators end to end: a policy acts through exec (argv template, no shell, exit codes,
// stderr tail, timeout kill) or webhook (JSON POST to a receiver this test runs on
// 127.0.0.1:0, retries with backoff, 5xx and unreachable receivers), and whatever the
// actuator reports is the decision the console sees — a failure is a decision too.

#include "DaemonFixture.h"
#include "TinyHttpServer.h"

#include <QTest>

using namespace testing;

namespace {

// A policy that acts at the first tick: a 30-day history always has spent some budget.
std::string actingPolicy(const std::string &actuator) {
  return "policies:\n  - id: act\n    mode: enforce\n    scope: {slos: [payments/checkout-availability]}\n"
         "    condition: {budget_below: 1}\n    action: rollback\n    cooldown_seconds: 3600\n    actuator: " +
         actuator + "\n";
}

} // namespace

class TestActuators : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_files = 0;

  // Starts the demo world with the acting policy, ticks once, and waits (bounded) for the
  // decision the actuator's answer produced.
  pxp::v1::PolicyDecision decide(const std::string &actuator) {
    const auto file = writeFile(m_dir, QStringLiteral("policy-%1.yaml").arg(++m_files), actingPolicy(actuator));
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.policyFiles = {file}; });
    if (!f.started())
      qFatal("%s", f.startError.c_str());
    WatchStream watch(f);
    f.advance(kTickMs);
    const auto e = watch.waitFor([](const auto &ev) { return ev.decision().policy_id() == "act"; });
    if (!e)
      return {};
    // The audit log holds the same decision.
    const auto audit = f.audit(pxp::v1::AUDIT_KIND_DECISION);
    if (audit.empty() || audit.back().decision().id() != e->decision().id())
      qFatal("decision %s is not in the audit log", e->decision().id().c_str());
    return e->decision();
  }

  static QString text(const pxp::v1::PolicyDecision &d) { return QString::fromStdString(d.explanation()); }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void execSuccess() {
    const auto d = decide("{type: exec, command: [/bin/true, \"{service}\"]}");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_EXECUTED);
    QVERIFY2(text(d).contains("/bin/true exited with code 0"), qPrintable(text(d)));
  }

  void execNonZeroExitFails() {
    const auto d = decide("{type: exec, command: [/bin/false]}");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_FAILED);
    QVERIFY2(QString::fromStdString(d.error()).contains("/bin/false exited with code 1"), d.error().c_str());
    QVERIFY2(text(d).startsWith("failed to roll back payments"), qPrintable(text(d)));
  }

  void execGetsArgumentsWithoutAShellAndReportsStderr() {
    // /bin/sh is the program here, on purpose: it checks what pxpd passed as $0 and $1.
    const auto d = decide(
        R"({type: exec, command: [/bin/sh, -c, 'echo "slo=$0 action=$1" >&2; exit 3', "{slo}", "{action}; rm -rf /"]})");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_FAILED);
    const QString error = QString::fromStdString(d.error());
    QVERIFY2(error.contains("exited with code 3"), qPrintable(error));
    QVERIFY2(error.contains("stderr: slo=payments/checkout-availability action=rollback; rm -rf /"), qPrintable(error));
  }

  void execTimeoutKillsTheCommand() {
    const auto d = decide("{type: exec, command: [/bin/sleep, \"30\"], timeout_seconds: 0.3}");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_FAILED);
    QVERIFY2(QString::fromStdString(d.error()).contains("did not finish within 300 ms and was killed"),
             d.error().c_str());
  }

  void webhookPostsTheDecisionAsJson() {
    TinyHttpServer receiver({200});
    const auto d = decide("{type: webhook, url: \"" + receiver.url() + "\", timeout_seconds: 5}");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_EXECUTED);
    QVERIFY2(text(d).contains("HTTP 200 after 1 attempt(s)"), qPrintable(text(d)));
    const auto requests = receiver.waitForRequests(1, std::chrono::seconds(5));
    QCOMPARE(requests.size(), std::size_t(1));
    const QString head = QString::fromStdString(requests[0].head), body = QString::fromStdString(requests[0].body);
    QVERIFY2(head.startsWith("POST /hook HTTP/1.1"), qPrintable(head));
    QVERIFY(head.contains("Content-Type: application/json"));
    QVERIFY2(body.contains("\"policy_id\":\"act\""), qPrintable(body));
    QVERIFY(body.contains("\"slo_id\":\"payments/checkout-availability\""));
    QVERIFY(body.contains("\"action\":\"rollback\""));
    QVERIFY(body.contains("\"decision_id\":\"" + QString::fromStdString(d.id()) + "\""));
  }

  void webhookRetriesThenSucceeds() {
    TinyHttpServer receiver({503, 200});
    const auto d = decide("{type: webhook, url: \"" + receiver.url() + "\", retries: 2, backoff_ms: 5}");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_EXECUTED);
    QVERIFY2(text(d).contains("after 2 attempt(s)"), qPrintable(text(d)));
  }

  void webhook500FailsAfterRetries() {
    TinyHttpServer receiver({500});
    const auto d = decide("{type: webhook, url: \"" + receiver.url() + "\", retries: 1, backoff_ms: 5}");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_FAILED);
    const QString error = QString::fromStdString(d.error());
    QVERIFY2(error.contains("HTTP 500"), qPrintable(error));
    QVERIFY2(error.contains("receiver is broken"), qPrintable(error));
    QVERIFY2(error.contains("(2 attempt(s))"), qPrintable(error));
    QCOMPARE(receiver.waitForRequests(2, std::chrono::seconds(5)).size(), std::size_t(2));
  }

  void webhookUnreachableFails() {
    const int port = TinyHttpServer::unusedPort();
    const auto d = decide("{type: webhook, url: \"http://127.0.0.1:" + std::to_string(port) +
                          "/hook\", retries: 1, backoff_ms: 5, timeout_seconds: 2}");
    QCOMPARE(d.outcome(), pxp::v1::DECISION_OUTCOME_FAILED);
    QVERIFY2(QString::fromStdString(d.error()).contains("Connection refused"), d.error().c_str());
  }
};

QTEST_GUILESS_MAIN(TestActuators)
#include "tst_actuators.moc"
