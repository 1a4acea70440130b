// The simulated world's scripted scenarios besides the payment canary (tst_engine_scenario has
// that one), each driving the alert tier and the demo policy it is written for, on the demo
// SLOs and policies pxpd and the console's embedded default use. One real pxpd (in-process
// gRPC, ManualClock) is played for 85 simulated minutes; the alerts and the audit log are what
// a user would read afterwards.
//   replication lag (20:00)  profile-db pages; page-db-owner-on-stale-reads pages the team
//   edge spike (40:00)       throttle-edge-on-fast-burn (dry-run) says what it would throttle;
//                            cdn-edge pages
//   rate limiter (60:00)     auth pages; disable-strict-rate-limit switches the flag off and
//                            logins recover
//   cost cut (20 h ago)      search raises a ticket; notify-search-owner-on-slow-burn tells the
//                            owner, once an hour
//   the past 30 days         the planted outages (search 9 days ago, auth 17 days ago) are
//                            page alerts reconstructed from the synthesized history

#include "DaemonFixture.h"

#include <QTest>

#include <algorithm>

using namespace testing;

namespace {

constexpr std::int64_t kMinuteMs = 60'000;

std::int64_t minutes(std::int64_t epochMs) {
  return (epochMs - kStartMs) / kMinuteMs;
}

} // namespace

class TestDemoScenarios : public QObject {
  Q_OBJECT

  std::unique_ptr<DaemonFixture> m_f;
  pxp::v1::Snapshot m_end;
  std::vector<pxp::v1::AuditEntry> m_decisions;
  pxp::v1::Snapshot m_at75; // while the rate limiter pages

  // Alerts of `slo` at `tier` the daemon has raised (firing or resolved), oldest first: those
  // raised live, or those reconstructed from the synthesized past.
  enum class Seen { Live, Reconstructed };
  std::vector<pxp::v1::Alert> alerts(const std::string &slo, pxp::v1::AlertTier tier, Seen seen = Seen::Live) const {
    std::vector<pxp::v1::Alert> out;
    for (const auto &a : m_end.alerts())
      if (a.slo_id() == slo && a.tier() == tier && a.reconstructed() == (seen == Seen::Reconstructed))
        out.push_back(a);
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.fired_at_ms() < b.fired_at_ms(); });
    return out;
  }
  std::vector<pxp::v1::PolicyDecision> decisions(const std::string &policy) const {
    std::vector<pxp::v1::PolicyDecision> out;
    for (const auto &e : m_decisions)
      if (e.decision().policy_id() == policy)
        out.push_back(e.decision());
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.time_ms() < b.time_ms(); });
    return out;
  }
  QString alertsText() const {
    QStringList lines;
    for (const auto &a : m_end.alerts())
      lines << QStringLiteral("%1 %2 fired %3 min resolved %4")
                   .arg(QString::fromStdString(a.slo_id()), QString::fromStdString(pxp::v1::AlertTier_Name(a.tier())))
                   .arg(minutes(a.fired_at_ms()))
                   .arg(a.resolved_at_ms() ? minutes(a.resolved_at_ms()) : -1);
    return lines.join('\n');
  }

private slots:
  void initTestCase() {
    m_f = std::make_unique<DaemonFixture>(); // the demo world: its SLOs and policies
    QVERIFY2(m_f->started(), m_f->startError.c_str());
    m_f->advance(75 * kMinuteMs);
    m_at75 = m_f->snapshot();
    m_f->advance(10 * kMinuteMs);
    m_end = m_f->snapshot();
    m_decisions = m_f->audit(pxp::v1::AUDIT_KIND_DECISION);
    qInfo("alerts in 85 simulated minutes:\n%s", qPrintable(alertsText()));
  }

  void replicationLagPagesAndTheDatabaseTeamIsPaged() {
    const auto pages = alerts("profile-db/read-freshness", pxp::v1::ALERT_TIER_PAGE);
    QVERIFY2(!pages.empty(), qPrintable(alertsText()));
    const auto firedMin = minutes(pages.front().fired_at_ms());
    QVERIFY2(firedMin >= 20 && firedMin < 44, qPrintable(alertsText())); // during the lag
    QVERIFY2(pages.front().resolved_at_ms() > 0, "the page resolves once the replicas catch up");
    const auto ds = decisions("page-db-owner-on-stale-reads");
    QVERIFY(!ds.empty());
    QCOMPARE(ds.front().outcome(), pxp::v1::DECISION_OUTCOME_EXECUTED);
    QCOMPARE(ds.front().action(), pxp::v1::ACTION_KIND_PAGE);
    QVERIFY(ds.front().time_ms() >= pages.front().fired_at_ms());
    QVERIFY2(QString::fromStdString(ds.front().explanation()).startsWith("page profile-db: "),
             ds.front().explanation().c_str());
  }

  void edgeSpikeIsThrottledInDryRunAndPages() {
    const auto ds = decisions("throttle-edge-on-fast-burn");
    QVERIFY(!ds.empty());
    QCOMPARE(ds.front().outcome(), pxp::v1::DECISION_OUTCOME_DRY_RUN);
    QVERIFY2(minutes(ds.front().time_ms()) >= 40 && minutes(ds.front().time_ms()) <= 42,
             "the 5m burn crosses 14.4x within a minute or two of the spike");
    QVERIFY2(QString::fromStdString(ds.front().explanation()).startsWith("would throttle cdn-edge (dry-run): "),
             ds.front().explanation().c_str());
    for (const auto &d : ds)
      QVERIFY2(d.outcome() != pxp::v1::DECISION_OUTCOME_EXECUTED, "a dry-run policy never acts");
    const auto pages = alerts("cdn-edge/edge-latency", pxp::v1::ALERT_TIER_PAGE);
    QVERIFY2(!pages.empty(), qPrintable(alertsText()));
    const auto firedMin = minutes(pages.front().fired_at_ms());
    QVERIFY2(firedMin >= 40 && firedMin < 52, qPrintable(alertsText()));
  }

  void strictRateLimitPagesAndThePolicySwitchesItOff() {
    const auto pages = alerts("auth/login-availability", pxp::v1::ALERT_TIER_PAGE);
    QVERIFY2(!pages.empty(), qPrintable(alertsText()));
    const auto firedMin = minutes(pages.front().fired_at_ms());
    QVERIFY2(firedMin >= 60 && firedMin < 80, qPrintable(alertsText()));
    const auto ds = decisions("disable-strict-rate-limit");
    QVERIFY(!ds.empty());
    QCOMPARE(ds.front().outcome(), pxp::v1::DECISION_OUTCOME_EXECUTED);
    QCOMPARE(ds.front().target(), std::string("auth.strict-rate-limit"));
    const auto flag = std::find_if(m_end.flags().begin(), m_end.flags().end(),
                                   [](const auto &fl) { return fl.key() == "auth.strict-rate-limit"; });
    QVERIFY(flag != m_end.flags().end());
    QVERIFY2(!flag->enabled(), "the policy switched the flag off");
    // Logins recover: the page resolves within the 10 minutes after.
    QVERIFY2(pages.back().resolved_at_ms() > 0, qPrintable(alertsText()));
    const auto *st = DaemonFixture::status(m_end, "auth/login-availability");
    QVERIFY(st && st->firing_tier() < pxp::v1::ALERT_TIER_PAGE);
  }

  void costCutRaisesATicketAndTheOwnerIsToldHourly() {
    // 5x since 20 h ago: the ticket fired in the replayed past, once the (traffic-weighted) 1d
    // window passed 3x, and still fires (the cut is not undone).
    const auto tickets = alerts("search/query-latency", pxp::v1::ALERT_TIER_TICKET, Seen::Reconstructed);
    QCOMPARE(tickets.size(), std::size_t(1));
    const auto firedMin = minutes(tickets.front().fired_at_ms());
    QVERIFY2(firedMin > -20 * 60 && firedMin < 0, qPrintable(alertsText()));
    QCOMPARE(tickets.front().resolved_at_ms(), 0);
    QVERIFY(alerts("search/query-latency", pxp::v1::ALERT_TIER_PAGE).empty());
    const auto ds = decisions("notify-search-owner-on-slow-burn");
    int executed = 0;
    for (const auto &d : ds)
      executed += d.outcome() == pxp::v1::DECISION_OUTCOME_EXECUTED;
    QCOMPARE(executed, 2); // at the start and an hour later (cooldown 3600 s)
    // In words a reader uses, not enum names.
    QVERIFY2(QString::fromStdString(ds.front().explanation())
                 .startsWith("notify search: Search under 200 ms fires a "
                             "ticket (1h burn 5."),
             ds.front().explanation().c_str());
  }

  void pastOutagesAreReconstructedAsPages() {
    // Planted in SimulatedWorld::historyBadRatio: 40 min at 35 % slow searches (35x on 99 %)
    // 9 days before the start, 15 min at 5 % failed logins (100x on 99.95 %) 17 days before.
    struct Planted {
      const char *slo;
      std::int64_t startMin, lengthMin;
    };
    for (const Planted p :
         {Planted{"search/query-latency", -9 * 1440, 40}, Planted{"auth/login-availability", -17 * 1440, 15}}) {
      const auto pages = alerts(p.slo, pxp::v1::ALERT_TIER_PAGE, Seen::Reconstructed);
      QVERIFY2(pages.size() == 1, qPrintable(alertsText()));
      const auto &a = pages.front();
      // It fires during the outage and resolves once the 5m window is clean after it.
      QVERIFY2(minutes(a.fired_at_ms()) > p.startMin && minutes(a.fired_at_ms()) < p.startMin + p.lengthMin,
               qPrintable(alertsText()));
      QVERIFY2(minutes(a.resolved_at_ms()) >= p.startMin + p.lengthMin &&
                   minutes(a.resolved_at_ms()) <= p.startMin + p.lengthMin + 7,
               qPrintable(alertsText()));
      QVERIFY(a.peak_burn_rate_1h() >= 14.4);
      QVERIFY(a.budget_spent_ratio() > 0);
    }
  }

  void auditReadsInWordsNotEnumNames() {
    // What pxpctl audit and the console's audit table print: the policy's action and outcome
    // as words.
    QVERIFY(!m_decisions.empty());
    bool sawCooldown = false;
    for (const auto &a : m_decisions) {
      for (const std::string &text : {a.command(), a.result(), a.reason()})
        QVERIFY2(text.find("ACTION_KIND_") == std::string::npos &&
                     text.find("DECISION_OUTCOME_") == std::string::npos &&
                     text.find("ALERT_TIER_") == std::string::npos,
                 text.c_str());
      if (a.actor() == "policy:notify-search-owner-on-slow-burn") {
        QCOMPARE(a.command(), std::string("notify"));
        sawCooldown = sawCooldown || a.result() == "suppressed: cooldown";
      }
    }
    QVERIFY(sawCooldown);
    // Alert ids are read too (timelines link to them): "<slo>#page#3".
    for (const auto &alert : m_end.alerts())
      QVERIFY2(alert.id().find("ALERT_TIER_") == std::string::npos && alert.id().find('#') != std::string::npos,
               alert.id().c_str());
  }

  void quietServicesStayQuiet() {
    // notifications has no scenario: no alert of any tier in 85 minutes.
    for (const auto &a : m_end.alerts())
      QVERIFY2(a.service() != "notifications", qPrintable(alertsText()));
    const auto *st = DaemonFixture::status(m_at75, "profile-db/read-freshness");
    QVERIFY(st && st->firing_tier() < pxp::v1::ALERT_TIER_PAGE); // the lag ended at 44:00
  }
};

QTEST_GUILESS_MAIN(TestDemoScenarios)
#include "tst_demo_scenarios.moc"
