// pxpctl end to end: the real binary against a real pxpd process (loopback, port 0,
// --time-scale 60). Commands change the daemon, are audited with actor and reason and reach a
// second watching console; a viewer is refused; a key executes once; a command sent while
// pxpd is down stays pending in the journal and is resolved exactly once after pxpd returns.

#include "PxpdProcess.h"
#include "WorldWatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace pxp::testing;

namespace {

const QString kReasonRequired = QStringLiteral("pxpctl: --reason is required: say why (it is kept in the audit log)\n");

struct Run {
  int exitCode = -1;
  QString out, err;
  QJsonObject json; // stdout, when it was JSON
};

} // namespace

class TestPxpctl : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  PxpdProcess m_pxpd; // shared by the tests that do not stop or reset it
  int m_states = 0;

  QString newDir() {
    const QString path = m_dir.filePath(QStringLiteral("state-%1").arg(++m_states));
    QDir().mkpath(path);
    return path;
  }
  QString journal() const { return m_dir.filePath(QStringLiteral("journal.sqlite")); }

  static Run pxpctl(const PxpdProcess &pxpd, const QString &role, const QStringList &args, const QString &journalFile) {
    QProcess p;
    QStringList all{"--connect", pxpd.address(), "--journal", journalFile};
    if (!role.isEmpty())
      all << "--token-file" << pxpd.tokenFile(role);
    p.start(QStringLiteral(PXPCTL_BINARY), all + args);
    Run r;
    if (!p.waitForFinished(60000)) {
      p.kill();
      p.waitForFinished();
      return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    return r;
  }
  Run pxpctl(const QString &role, const QStringList &args) { return pxpctl(m_pxpd, role, args, journal()); }

  static int auditCount(const QJsonObject &auditJson, const QString &key) {
    int n = 0;
    for (const auto &e : auditJson.value("entries").toArray())
      n += e.toObject().value("idempotency_key").toString() == key ? 1 : 0;
    return n;
  }

  // Sends one command as commander, checks what pxpctl printed and the audit entry a second
  // console received. Returns the command's JSON.
  static QJsonObject sendAndWatch(const PxpdProcess &pxpd, WorldWatcher &watcher, const QStringList &args,
                                  const QString &journalFile, int seenWithinMs = 5000) {
    const QString reason = QStringLiteral("incident 7: ") + args.join(' ');
    const Run r = pxpctl(pxpd, "commander", args + QStringList{"--reason", reason, "-o", "json"}, journalFile);
    [&] {
      QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
      QCOMPARE(r.json.value("state").toString(), QStringLiteral("succeeded"));
      const auto audit = r.json.value("audit").toObject();
      QCOMPARE(audit.value("actor").toString(), QStringLiteral("demo-commander"));
      QCOMPARE(audit.value("reason").toString(), reason);
      const QString key = r.json.value("idempotency_key").toString();
      QTRY_VERIFY_WITH_TIMEOUT(watcher.auditFor(key).has_value(), seenWithinMs);
      QCOMPARE(watcher.auditFor(key)->actor, QStringLiteral("demo-commander"));
      QCOMPARE(watcher.auditFor(key)->reason, reason);
    }();
    return r.json;
  }

private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(m_pxpd.start(newDir()));
  }

  void statusSaysWhoYouAre() {
    for (const QString role : {"viewer", "commander"}) {
      const Run r = pxpctl(role, {"status", "-o", "json"});
      QVERIFY2(r.exitCode == 0, qPrintable(r.err));
      QCOMPARE(r.json.value("identity").toObject().value("role").toString(), role);
      QCOMPARE(r.json.value("identity").toObject().value("actor").toString(), QStringLiteral("demo-") + role);
      QCOMPARE(r.json.value("connection").toObject().value("state").toString(), QStringLiteral("connected"));
      QCOMPARE(r.json.value("slos").toObject().value("total").toInt(), 8);
      QVERIFY(r.json.value("kill_switch").toObject().contains("engaged"));
      QVERIFY(r.json.value("firing_alerts").isArray());
      QFile token(m_pxpd.tokenFile(role));
      QVERIFY(token.open(QIODevice::ReadOnly));
      const QString secret = QString::fromUtf8(token.readAll()).trimmed();
      QVERIFY2(!r.out.contains(secret) && !r.err.contains(secret), "pxpctl printed the token");
    }
  }

  void sloListShowsEverySlo() {
    const Run r = pxpctl("viewer", {"slo", "list", "-o", "json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const auto slos = r.json.value("slos").toArray();
    QCOMPARE(slos.size(), 8);
    for (const auto &s : slos) {
      QVERIFY(!s.toObject().value("id").toString().isEmpty());
      QVERIFY(!s.toObject().value("state").toString().isEmpty());
      QVERIFY(s.toObject().value("objective_ratio").toDouble() > 0.5);
    }
  }

  void sloShowCarriesEveryWindowTheTierAndTheBudget() {
    // The search SLO raises a ticket (the cost cut): 1d and 2h over 3x.
    const Run r = pxpctl("viewer", {"slo", "show", "search/query-latency", "-o", "json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json.value("id").toString(), QStringLiteral("search/query-latency"));
    QCOMPARE(r.json.value("firing_tier").toString(), QStringLiteral("ticket"));
    QVERIFY(r.json.contains("error") && r.json.contains("budget_total_events"));
    const auto windows = r.json.value("windows").toArray();
    QCOMPARE(windows.size(), 8);
    QStringList names;
    const double objective = r.json.value("objective_ratio").toDouble();
    for (const auto &w : windows) {
      const auto o = w.toObject();
      names << o.value("window").toString();
      // Each window's burn is its own events' burn: (1 - good/total) / (1 - objective).
      const double good = o.value("good_events").toDouble(), total = o.value("total_events").toDouble();
      QVERIFY(total > 0);
      QVERIFY(qAbs(o.value("burn_rate").toDouble() - (1 - good / total) / (1 - objective)) < 1e-9);
    }
    QCOMPARE(names, (QStringList{"5m", "30m", "1h", "2h", "6h", "1d", "3d", "period"}));
    QVERIFY(windows[5].toObject().value("burn_rate").toDouble() >= 3); // 1d
    QVERIFY(windows[3].toObject().value("burn_rate").toDouble() >= 3); // 2h
    // The same figures in slo list, and in words by name.
    const Run list = pxpctl("viewer", {"slo", "list", "-o", "json"});
    for (const auto &s : list.json.value("slos").toArray())
      if (s.toObject().value("id").toString() == QLatin1String("search/query-latency"))
        QCOMPARE(s.toObject().value("windows").toArray(), windows);
    const Run text = pxpctl("viewer", {"slo", "show", "Search under 200 ms"});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains(QStringLiteral("state: warning; firing: ticket")), qPrintable(text.out));
    QVERIFY(text.out.contains(QStringLiteral("\n1d ")) && text.out.contains(QStringLiteral("\n2h ")));
    const Run missing = pxpctl("viewer", {"slo", "show", "no-such-slo"});
    QVERIFY(missing.exitCode != 0);
    QVERIFY2(missing.err.contains(QStringLiteral("no SLO 'no-such-slo'")) &&
                 missing.err.contains(QStringLiteral("search/query-latency")),
             qPrintable(missing.err));
  }

  void aCommandWithoutReasonIsAUsageError() {
    const Run r = pxpctl("responder", {"rollback", "payments-v2.3.1"});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, kReasonRequired);
  }

  void aViewerCannotRollBack() {
    const Run r = pxpctl("viewer", {"rollback", "payments-v2.3.1", "--reason", "canary pages", "-o", "json"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("needs role responder")), qPrintable(r.err));
    QCOMPARE(r.json.value("state").toString(), QStringLiteral("failed"));
    QCOMPARE(r.json.value("failure").toString(), QStringLiteral("permission denied"));
    const Run denied = pxpctl("viewer", {"audit", "--kind", "denied", "-o", "json"});
    QCOMPARE(auditCount(denied.json, r.json.value("idempotency_key").toString()), 1);
  }

  // A reason is someone else's text: escapes in it must not reach the terminal, and a newline
  // in it must not start a line that reads like another audit entry.
  void reasonsWithTerminalEscapesPrintAsText() {
    const QString reason = QStringLiteral("semantic ranking back\x1b]0;owned\x07\n#999 2025-01-01 forged entry");
    const Run r = pxpctl("commander", {"flag", "set", "search.semantic-ranking", "on", "--reason", reason});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const Run audit = pxpctl("viewer", {"audit", "--kind", "command", "--limit", "1000"});
    QCOMPARE(audit.exitCode, 0);
    for (const Run *run : {&r, &audit}) {
      QVERIFY2(!run->out.contains(QChar(0x1b)) && !run->out.contains(QChar(0x07)), qPrintable(run->out));
      QVERIFY2(
          run->out.contains(QStringLiteral("semantic ranking back\\x1b]0;owned\\x07\\n#999 2025-01-01 forged entry")),
          qPrintable(run->out));
    }
    for (const QString &line : audit.out.split(QLatin1Char('\n')))
      QVERIFY2(!line.startsWith(QStringLiteral("#999")), qPrintable(audit.out));
  }

  // The token never leaves this machine in clear unless asked: refused before any connection.
  void aTokenIsNotSentInClearToAnotherHost() {
    QProcess p;
    p.start(QStringLiteral(PXPCTL_BINARY), {"--connect", "192.0.2.10:7300", "--token-file", m_pxpd.tokenFile("viewer"),
                                            "--journal", journal(), "status"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 3);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains("refusing to send the token in clear to 192.0.2.10:7300"), qPrintable(err));
    QVERIFY2(err.contains("--allow-insecure-remote"), qPrintable(err));
  }

  void theSameKeyTwiceExecutesOnce() {
    const QStringList args{"flag",
                           "set",
                           "signup.one-page-experiment",
                           "off",
                           "--reason",
                           "conversion drop",
                           "--idempotency-key",
                           "flag-off-after-timeout-1",
                           "-o",
                           "json"};
    const Run first = pxpctl("responder", args);
    const Run second = pxpctl("responder", args);
    QVERIFY2(first.exitCode == 0 && second.exitCode == 0, qPrintable(first.err + second.err));
    QVERIFY(!first.json.value("replayed").toBool());
    QVERIFY(second.json.value("replayed").toBool());
    QCOMPARE(second.json.value("audit").toObject().value("seq"), first.json.value("audit").toObject().value("seq"));
    const Run audit = pxpctl("viewer", {"audit", "--kind", "command", "--limit", "1000", "-o", "json"});
    QCOMPARE(auditCount(audit.json, QStringLiteral("flag-off-after-timeout-1")), 1);
  }

  void everyCommandChangesTheDaemonAndReachesASecondConsole() {
    PxpdProcess pxpd;
    QVERIFY(pxpd.start(newDir()));
    const QString journalFile = m_dir.filePath(QStringLiteral("story.sqlite"));
    WorldWatcher watcher;
    watcher.start(pxpd.address(), pxpd.tokenFile("viewer"));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.hasSnapshot, 10000);

    // First the kill switch, so automation does not roll the canary back under our feet.
    sendAndWatch(pxpd, watcher, {"killswitch", "on"}, journalFile, /*seenWithinMs=*/1000);
    QVERIFY(watcher.killSwitch.engaged); // the state arrives with its audit entry
    QTRY_VERIFY_WITH_TIMEOUT(watcher.deployments.contains("payments-v2.3.1"), 5000);

    sendAndWatch(pxpd, watcher, {"canary", "promote", "payments-v2.3.1"}, journalFile);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.deployments["payments-v2.3.1"].weightPercent, 75, 1000);

    const auto paused =
        sendAndWatch(pxpd, watcher, {"override", "set", "rollback-paging-canary", "--pause", "4h"}, journalFile);
    const QString overrideId =
        QJsonDocument::fromJson(paused.value("audit").toObject().value("after").toString().toUtf8())
            .object()
            .value("override")
            .toString();
    QTRY_VERIFY_WITH_TIMEOUT(watcher.overrides.contains(overrideId), 1000);
    const Run listed = pxpctl(pxpd, "viewer", {"override", "list", "-o", "json"}, journalFile);
    QCOMPARE(listed.json.value("overrides").toArray().first().toObject().value("id").toString(), overrideId);

    sendAndWatch(pxpd, watcher, {"override", "clear", overrideId}, journalFile);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.overrides.contains(overrideId), 1000);

    sendAndWatch(pxpd, watcher, {"override", "set", "rollback-paging-canary", "--force"}, journalFile);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.overridesSeen.size(), 2, 1000);

    sendAndWatch(pxpd, watcher, {"canary", "abort", "payments-v2.3.1"}, journalFile);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.deployments["payments-v2.3.1"].status, QStringLiteral("aborted"), 1000);

    sendAndWatch(pxpd, watcher, {"rollback", "auth-v5.2.0"}, journalFile);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.deployments["auth-v5.2.0"].status, QStringLiteral("rolled back"), 1000);

    sendAndWatch(pxpd, watcher, {"flag", "set", "checkout.new-payment-form", "off", "--rollout", "10"}, journalFile);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.flags["checkout.new-payment-form"].enabled, 1000);
    QCOMPARE(watcher.flags["checkout.new-payment-form"].rolloutPercent, 10);
    QCOMPARE(watcher.flags["checkout.new-payment-form"].updatedBy, QStringLiteral("demo-commander"));

    sendAndWatch(pxpd, watcher, {"killswitch", "off"}, journalFile);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.killSwitch.engaged, 1000);
    QVERIFY(pxpd.stop());
  }

  void aCommandPendingAcrossAPxpdRestartExecutesOnce() {
    const QString state = newDir();
    const QString journalFile = m_dir.filePath(QStringLiteral("restart.sqlite"));
    PxpdProcess pxpd;
    QVERIFY(pxpd.start(state));
    const QString port = pxpd.address().section(QLatin1Char(':'), 1);
    // One command that pxpd executes, but whose answer the journal "loses" (a crash).
    const Run executed = pxpctl(pxpd, "responder",
                                {"flag", "set", "cdn.image-recompression", "off", "--reason", "edge CPU at 95 %",
                                 "--idempotency-key", "answer-lost-in-crash", "-o", "json"},
                                journalFile);
    QCOMPARE(executed.exitCode, 0);
    QVERIFY(pxpd.stop());

    // Sent while pxpd is down: cannot connect, kept pending.
    const Run down = pxpctl(pxpd, "responder",
                            {"flag", "set", "search.semantic-ranking", "off", "--reason", "ranking errors",
                             "--idempotency-key", "sent-while-down-1", "-o", "json"},
                            journalFile);
    QCOMPARE(down.exitCode, 3);
    QCOMPARE(down.json.value("state").toString(), QStringLiteral("pending"));
    QVERIFY2(down.err.contains(QStringLiteral("journal resend")), qPrintable(down.err));
    markPending(journalFile, QStringLiteral("answer-lost-in-crash"));
    QCOMPARE(pxpctl(pxpd, "", {"journal", "list", "-o", "json"}, journalFile).json.value("pending").toInt(), 2);

    QVERIFY(pxpd.start(state, QStringLiteral("127.0.0.1:") + port)); // same port, same state, new tokens
    const Run resent = pxpctl(pxpd, "responder", {"journal", "resend", "-o", "json"}, journalFile);

    QVERIFY2(resent.exitCode == 0, qPrintable(resent.out + resent.err));
    QCOMPARE(resent.json.value("resolved").toInt(), 2);
    QCOMPARE(resent.json.value("still_pending").toInt(), 0);
    QMap<QString, QJsonObject> byKey;
    for (const auto &c : resent.json.value("commands").toArray())
      byKey[c.toObject().value("idempotency_key").toString()] = c.toObject();
    QCOMPARE(byKey["sent-while-down-1"].value("state").toString(), QStringLiteral("succeeded"));
    QVERIFY(!byKey["sent-while-down-1"].value("replayed").toBool());
    QCOMPARE(byKey["answer-lost-in-crash"].value("state").toString(), QStringLiteral("succeeded"));
    QVERIFY2(byKey["answer-lost-in-crash"].value("replayed").toBool(), "pxpd remembers the key across its restart");
    const Run audit =
        pxpctl(pxpd, "viewer", {"audit", "--kind", "command", "--limit", "1000", "-o", "json"}, journalFile);
    QCOMPARE(auditCount(audit.json, QStringLiteral("sent-while-down-1")), 1);
    QCOMPARE(auditCount(audit.json, QStringLiteral("answer-lost-in-crash")), 1);

    const Run again = pxpctl(pxpd, "responder", {"journal", "resend", "-o", "json"}, journalFile);
    QCOMPARE(again.json.value("resolved").toInt(), 0);
    QCOMPARE(pxpctl(pxpd, "", {"journal", "list", "-o", "json"}, journalFile).json.value("pending").toInt(), 0);
    QVERIFY(pxpd.stop());
  }

  void cleanupTestCase() { QVERIFY(m_pxpd.stop()); }

private:
  // What a console crash between "sent" and "answer recorded" leaves in the journal.
  static void markPending(const QString &journalFile, const QString &key) {
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(journalFile).constData(), &db), SQLITE_OK);
    const QByteArray sql =
        "UPDATE commands SET state = 'pending', finished_ms = 0 WHERE idempotency_key = '" + key.toUtf8() + "'";
    QCOMPARE(sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_changes(db), 1);
    sqlite3_close(db);
  }
};

QTEST_GUILESS_MAIN(TestPxpctl)
#include "tst_pxpctl.moc"
