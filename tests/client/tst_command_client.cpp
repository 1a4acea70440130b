// CommandClient against a real pxpd engine over gRPC (in-process, or loopback for restarts):
// every command kind changes the daemon and is audited with actor and reason; a viewer is
// refused; a key executes once; pending keys survive an unreachable daemon and a console crash.

#include "ChannelFactory.h"
#include "CommandJournal.h"
#include "CommandTestSupport.h"

#include "pxp/client/BackendConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <functional>

using namespace pxp::client;
using namespace pxp::testing;

namespace {

const char *const kCanary = "payments-v2.3.1";
const char *const kPolicy = "rollback-paging-canary";
const char *const kFlag = "checkout.new-payment-form";

const pxp::v1::Deployment deployment(const pxp::v1::Snapshot &s, const std::string &id) {
  for (const auto &d : s.deployments())
    if (d.id() == id)
      return d;
  return {};
}

const pxp::v1::FeatureFlag flag(const pxp::v1::Snapshot &s, const std::string &key) {
  for (const auto &f : s.flags())
    if (f.key() == key)
      return f;
  return {};
}

bool hasOverride(const pxp::v1::Snapshot &s, pxp::v1::OverrideKind kind) {
  for (const auto &o : s.overrides())
    if (o.policy_id() == kPolicy && o.kind() == kind && o.actor() == "demo-commander")
      return true;
  return false;
}

struct Case {
  const char *name;
  std::function<void(CommandRequestValue &)> fill;
  std::function<bool(const pxp::v1::Snapshot &)> changed; // what a user would notice
};

const std::vector<Case> &cases() {
  static const std::vector<Case> kCases = {
      {"kill switch on",
       [](auto &r) {
         r.kind = CommandKind::SetKillSwitch;
         r.engaged = true;
       },
       [](const auto &s) { return s.kill_switch().engaged() && s.kill_switch().scope_service().empty(); }},
      {"kill switch on for search",
       [](auto &r) {
         r.kind = CommandKind::SetKillSwitch;
         r.engaged = true;
         r.scopeService = "search";
       },
       [](const auto &s) { return s.kill_switch().engaged() && s.kill_switch().scope_service() == "search"; }},
      {"pause a policy for an hour",
       [](auto &r) {
         r.kind = CommandKind::SetOverride;
         r.policyId = kPolicy;
         r.overrideKind = "pause";
         r.durationSeconds = 3600;
       },
       [](const auto &s) { return hasOverride(s, pxp::v1::OVERRIDE_KIND_PAUSE); }},
      {"force a policy once",
       [](auto &r) {
         r.kind = CommandKind::SetOverride;
         r.policyId = kPolicy;
         r.overrideKind = "force";
       },
       [](const auto &s) { return hasOverride(s, pxp::v1::OVERRIDE_KIND_FORCE_ONCE); }},
      {"roll back",
       [](auto &r) {
         r.kind = CommandKind::Rollback;
         r.deploymentId = kCanary;
       },
       [](const auto &s) { return deployment(s, kCanary).status() == pxp::v1::DEPLOY_STATUS_ROLLED_BACK; }},
      {"abort a canary",
       [](auto &r) {
         r.kind = CommandKind::AbortCanary;
         r.deploymentId = kCanary;
       },
       [](const auto &s) { return deployment(s, kCanary).status() == pxp::v1::DEPLOY_STATUS_ABORTED; }},
      {"promote a canary one step",
       [](auto &r) {
         r.kind = CommandKind::PromoteCanary;
         r.deploymentId = kCanary;
       },
       [](const auto &s) { return deployment(s, kCanary).weight_percent() == 75; }},
      {"promote a canary fully",
       [](auto &r) {
         r.kind = CommandKind::PromoteCanary;
         r.deploymentId = kCanary;
         r.full = true;
       },
       [](const auto &s) { return deployment(s, kCanary).status() == pxp::v1::DEPLOY_STATUS_SUCCEEDED; }},
      {"flag off at 10 %",
       [](auto &r) {
         r.kind = CommandKind::SetFlag;
         r.flagKey = kFlag;
         r.enabled = false;
         r.rolloutPercent = 10;
       },
       [](const auto &s) { return !flag(s, kFlag).enabled() && flag(s, kFlag).rollout_percent() == 10; }},
  };
  return kCases;
}

} // namespace

class TestCommandClient : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  int m_journals = 0;
  QString newJournal() { return m_dir.filePath(QStringLiteral("journal-%1.sqlite").arg(++m_journals)); }

  CommandRequestValue rollback(const QString &reason = QStringLiteral("canary pages")) {
    auto r = request(CommandKind::Rollback, reason);
    r.deploymentId = kCanary;
    return r;
  }
  CommandRequestValue flagOff() {
    auto r = request(CommandKind::SetFlag, QStringLiteral("payment form errors"));
    r.flagKey = kFlag;
    return r;
  }

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  // A token must not leave this machine in clear: plaintext is for loopback (and unix
  // sockets) unless the profile allows it.
  void plaintextToAnotherHostIsRefused_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<bool>("remote");
    QTest::newRow("127.0.0.1") << "127.0.0.1:7300" << false << false;
    QTest::newRow("127.3.4.5") << "127.3.4.5:7300" << false << false;
    QTest::newRow("localhost") << "localhost:7300" << false << false;
    QTest::newRow("[::1]") << "[::1]:7300" << false << false;
    QTest::newRow("unix socket") << "unix:/run/pxpd.sock" << false << false;
    QTest::newRow("a LAN address") << "192.0.2.10:7300" << false << true;
    QTest::newRow("a host name") << "pxpd.example.net:7300" << false << true;
    QTest::newRow("IPv6") << "[2001:db8::1]:7300" << false << true;
    QTest::newRow("a remote host over TLS") << "pxpd.example.net:7300" << true << false;
  }
  void plaintextToAnotherHostIsRefused() {
    QFETCH(QString, address);
    QFETCH(bool, tls);
    QFETCH(bool, remote);
    pxp::client::ConnectionTarget target;
    target.address = address;
    target.tls = tls;
    QCOMPARE(target.plaintextToRemote(), remote);
    if (!remote)
      return;
    const auto refused = pxp::client::makeChannel(target); // refused before any connection is made
    QVERIFY(!refused.channel);
    QVERIFY2(refused.error.startsWith(QStringLiteral("refusing to send the token in clear to ") + address),
             qPrintable(refused.error));
  }

  void eachCommandChangesTheDaemonAndIsAudited_data() {
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(cases().size()); ++i)
      QTest::newRow(cases()[std::size_t(i)].name) << i;
  }

  void eachCommandChangesTheDaemonAndIsAudited() {
    QFETCH(int, index);
    const Case &c = cases()[std::size_t(index)];
    TestDaemon pxpd;
    QVERIFY2(!c.changed(pxpd.snapshot()), "the world already looks changed");
    CommandClient commands(newJournal());
    commands.setTarget(pxpd.target("commander"));
    Answers answers(commands);
    auto r = request(CommandKind::SetFlag, QStringLiteral("incident 7: %1").arg(c.name));
    c.fill(r);

    const QString key = commands.submit(r);
    const auto answer = answers.waitFor(key);

    QCOMPARE(answer.state, CommandState::Succeeded);
    QVERIFY2(c.changed(pxpd.snapshot()), qPrintable(answer.message));
    QCOMPARE(answer.audit.actor, QStringLiteral("demo-commander"));
    QCOMPARE(answer.audit.reason, r.reason);
    QCOMPARE(answer.auditSeq, answer.audit.seq);
    const auto audited = pxpd.auditFor(key);
    QCOMPARE(audited.size(), std::size_t(1));
    QCOMPARE(audited[0].actor(), std::string("demo-commander"));
    QCOMPARE(QString::fromStdString(audited[0].reason()), r.reason);
    QCOMPARE(audited[0].seq(), answer.auditSeq);
  }

  void clearingAnOverrideResumesThePolicy() {
    TestDaemon pxpd;
    CommandClient commands(newJournal());
    commands.setTarget(pxpd.target("responder"));
    Answers answers(commands);
    auto pause = request(CommandKind::SetOverride, QStringLiteral("noisy during the migration"));
    pause.policyId = kPolicy;
    pause.overrideKind = QStringLiteral("pause");
    pause.durationSeconds = 4 * 3600;
    const auto set = answers.waitFor(commands.submit(pause));
    QCOMPARE(set.state, CommandState::Succeeded);
    const QString overrideId = QJsonDocument::fromJson(set.audit.after.toUtf8()).object().value("override").toString();
    QVERIFY2(!overrideId.isEmpty(), qPrintable(set.audit.after));

    auto clear = request(CommandKind::ClearOverride, QStringLiteral("migration done"));
    clear.overrideId = overrideId;
    const auto cleared = answers.waitFor(commands.submit(clear));

    QCOMPARE(cleared.state, CommandState::Succeeded);
    const auto s = pxpd.snapshot();
    QCOMPARE(s.overrides_size(), 0);
    for (const auto &p : s.policies())
      QVERIFY(!p.paused());
  }

  void aViewerIsRefusedWithTheRoleItNeeds() {
    TestDaemon pxpd;
    CommandClient commands(newJournal());
    commands.setTarget(pxpd.target("viewer"));
    Answers answers(commands);

    const QString key = commands.submit(rollback());
    const auto answer = answers.waitFor(key);

    QCOMPARE(answer.state, CommandState::Failed);
    QCOMPARE(answer.failure, CommandFailure::PermissionDenied);
    QVERIFY2(answer.message.contains(QStringLiteral("needs role responder")), qPrintable(answer.message));
    QCOMPARE(deployment(pxpd.snapshot(), kCanary).status(), pxp::v1::DEPLOY_STATUS_PROGRESSING);
    const auto audited = pxpd.auditFor(key);
    QCOMPARE(audited.size(), std::size_t(1));
    QCOMPARE(audited[0].kind(), pxp::v1::AUDIT_KIND_AUTH_DENIED);
    QCOMPARE(commands.recent().value(0).state, CommandState::Failed);
  }

  void aCommandWithoutReasonIsRefused() {
    TestDaemon pxpd;
    CommandClient commands(newJournal());
    commands.setTarget(pxpd.target("responder"));
    Answers answers(commands);
    const auto answer = answers.waitFor(commands.submit(rollback(QStringLiteral("  "))));
    QCOMPARE(answer.state, CommandState::Failed);
    QCOMPARE(answer.failure, CommandFailure::Refused);
    QVERIFY2(answer.message.contains(QStringLiteral("reason is required")), qPrintable(answer.message));
  }

  void anUnknownTokenIsUnauthenticated() {
    TestDaemon pxpd;
    CommandClient commands(newJournal());
    auto target = pxpd.target("responder");
    target.token = QStringLiteral("not-a-token-at-all");
    commands.setTarget(target);
    Answers answers(commands);
    const auto answer = answers.waitFor(commands.submit(rollback()));
    QCOMPARE(answer.state, CommandState::Failed);
    QCOMPARE(answer.failure, CommandFailure::Unauthenticated);
  }

  void theSameKeyTwiceExecutesOnce() {
    TestDaemon pxpd;
    CommandClient commands(newJournal());
    commands.setTarget(pxpd.target("responder"));
    Answers answers(commands);
    const QString key = QStringLiteral("retry-after-timeout-0001");

    const auto first = answers.waitFor(commands.submit(flagOff(), key));
    const auto second = answers.waitFor(commands.submit(flagOff(), key));

    QCOMPARE(first.state, CommandState::Succeeded);
    QVERIFY(!first.replayed);
    QCOMPARE(second.state, CommandState::Succeeded);
    QVERIFY(second.replayed);
    QCOMPARE(second.auditSeq, first.auditSeq);
    QCOMPARE(pxpd.auditFor(key).size(), std::size_t(1));
  }

  void theSameKeyForAnotherCommandIsRefused() {
    TestDaemon pxpd;
    CommandClient commands(newJournal());
    commands.setTarget(pxpd.target("responder"));
    Answers answers(commands);
    const QString key = QStringLiteral("one-key-two-commands");
    QCOMPARE(answers.waitFor(commands.submit(flagOff(), key)).state, CommandState::Succeeded);
    auto on = flagOff();
    on.enabled = true;

    const auto answer = answers.waitFor(commands.submit(on, key));

    QCOMPARE(answer.state, CommandState::Failed);
    QVERIFY2(answer.message.contains(QStringLiteral("used for a different command")), qPrintable(answer.message));
    QVERIFY(!flag(pxpd.snapshot(), kFlag).enabled());
    QCOMPARE(pxpd.auditFor(key).size(), std::size_t(1));
    QCOMPARE(commands.recent().size(), 1); // the journal still shows what the key did
    QCOMPARE(commands.recent().value(0).state, CommandState::Succeeded);
    QVERIFY(!commands.recent().value(0).request.enabled);
  }

  void aWatchingConsoleSeesTheCommand() {
    TestDaemon pxpd;
    BackendConnection watcher;
    QSignalSpy snapshots(&watcher, &BackendConnection::snapshotReceived);
    QSignalSpy deltas(&watcher, &BackendConnection::deltaReceived);
    watcher.start(pxpd.target("viewer"));
    QVERIFY(snapshots.wait(10000));
    CommandClient commands(newJournal());
    commands.setTarget(pxpd.target("commander"));
    Answers answers(commands);
    auto engage = request(CommandKind::SetKillSwitch, QStringLiteral("stop automation during the incident"));
    engage.engaged = true;

    const QString key = commands.submit(engage);
    QCOMPARE(answers.waitFor(key).state, CommandState::Succeeded);

    bool seen = false, audited = false;
    for (int waited = 0; !(seen && audited) && waited < 50; ++waited) {
      deltas.wait(100);
      for (const auto &args : deltas) {
        const auto delta = args.at(0).value<WorldDelta>();
        seen |= delta.killSwitchChanged && delta.killSwitch.engaged &&
                delta.killSwitch.actor == QLatin1String("demo-commander");
        for (const auto &a : delta.audit)
          audited |= a.idempotencyKey == key && a.reason == engage.reason;
      }
    }
    QVERIFY2(seen, "the watching console did not see the kill switch engaged");
    QVERIFY2(audited, "the watching console did not see the audit entry");
  }

  void aPendingCommandIsResentByBackoffWhenTheDaemonReturns() {
    QString address;
    std::vector<pxpd::TokenSpec> tokens;
    QString responderToken;
    {
      TestDaemon gone(QStringLiteral("127.0.0.1:0")); // a port nobody listens on once it is gone
      address = QStringLiteral("127.0.0.1:%1").arg(gone.daemon->boundPort());
      tokens = gone.config.tokens;
      responderToken = gone.tokens["responder"];
    }
    CommandClient commands(newJournal());
    commands.setBackoff({100, 400, 2.0, 0.1});
    ConnectionTarget target;
    target.profileName = QStringLiteral("test");
    target.address = address;
    target.token = responderToken;
    commands.setTarget(target);
    Answers answers(commands);

    const QString key = commands.submit(flagOff());
    const auto unanswered = answers.waitFor(key);
    QCOMPARE(unanswered.state, CommandState::Pending);
    QCOMPARE(unanswered.failure, CommandFailure::Unreachable);
    QCOMPARE(answers.waitFor(key).attempts, 2); // the backoff keeps trying

    TestDaemon back(address, tokens);
    CommandStatusValue answer;
    do
      answer = answers.waitFor(key);
    while (answer.state == CommandState::Pending);

    QCOMPARE(answer.state, CommandState::Succeeded);
    QVERIFY(!answer.replayed);
    QCOMPARE(back.auditFor(key).size(), std::size_t(1));
    QVERIFY(!flag(back.snapshot(), kFlag).enabled());
  }

  void aPendingCommandIsResentWhenTheTargetIsSetAgain() {
    QString address;
    std::vector<pxpd::TokenSpec> tokens;
    QString responderToken;
    {
      TestDaemon gone(QStringLiteral("127.0.0.1:0")); // a port nobody listens on once it is gone
      address = QStringLiteral("127.0.0.1:%1").arg(gone.daemon->boundPort());
      tokens = gone.config.tokens;
      responderToken = gone.tokens["responder"];
    }
    CommandClient commands(newJournal());
    commands.setBackoff({60'000, 60'000, 2.0, 0.0}); // no retry by timer within this test
    ConnectionTarget target;
    target.profileName = QStringLiteral("test");
    target.address = address;
    target.token = responderToken;
    commands.setTarget(target);
    Answers answers(commands);
    const QString key = commands.submit(flagOff());
    QCOMPARE(answers.waitFor(key).state, CommandState::Pending);

    TestDaemon back(address, tokens);
    commands.setTarget(target); // the console reconnects

    const auto answer = answers.waitFor(key);
    QCOMPARE(answer.state, CommandState::Succeeded);
    QCOMPARE(answer.attempts, 2);
    QCOMPARE(back.auditFor(key).size(), std::size_t(1));
  }

  void aResentCommandWhoseTokenIsRefusedStaysPending() {
    QString address;
    std::vector<pxpd::TokenSpec> tokens;
    QString responderToken;
    {
      TestDaemon gone(QStringLiteral("127.0.0.1:0"));
      address = QStringLiteral("127.0.0.1:%1").arg(gone.daemon->boundPort());
      tokens = gone.config.tokens;
      responderToken = gone.tokens["responder"];
    }
    CommandClient commands(newJournal());
    commands.setBackoff({60'000, 60'000, 2.0, 0.0});
    ConnectionTarget target;
    target.profileName = QStringLiteral("test");
    target.address = address;
    target.token = responderToken;
    commands.setTarget(target);
    Answers answers(commands);
    const QString key = commands.submit(flagOff());
    QCOMPARE(answers.waitFor(key).state, CommandState::Pending);
    TestDaemon back(address, tokens);

    // The first attempt went unanswered: it may have executed, whatever a wrong token now says.
    auto wrongToken = target;
    wrongToken.token = QStringLiteral("a-token-from-yesterday");
    commands.setTarget(wrongToken);
    const auto refused = answers.waitFor(key);
    QCOMPARE(refused.state, CommandState::Pending);
    QCOMPARE(refused.failure, CommandFailure::Unauthenticated);

    commands.setTarget(target);
    QCOMPARE(answers.waitFor(key).state, CommandState::Succeeded);
    QCOMPARE(back.auditFor(key).size(), std::size_t(1));
  }

  void aConsoleCrashAfterSendingIsAnsweredFromTheFirstExecution() {
    TestDaemon pxpd;
    const QString file = newJournal();
    const QString key = CommandClient::newIdempotencyKey();
    // The console sent the command; the daemon executed it; the console died before it
    // recorded the answer. What is left: a pending row in the journal.
    {
      CommandJournal journal;
      QCOMPARE(journal.open(file, kStartMs), QString());
      CommandStatusValue row;
      row.idempotencyKey = key;
      row.request = flagOff();
      row.target = QStringLiteral("test@embedded");
      row.submittedAtMs = kStartMs;
      row.attempts = 1;
      QCOMPARE(journal.insert(row), QString());
    }
    pxp::v1::SetFlagRequest sent;
    sent.mutable_meta()->set_reason("payment form errors");
    sent.mutable_meta()->set_idempotency_key(key.toStdString());
    sent.set_key(kFlag);
    sent.set_rollout_percent(-1);
    pxp::v1::CommandResult executed;
    auto ctx = pxpd.context("responder");
    QVERIFY(pxpd.stub()->SetFlag(ctx.get(), sent, &executed).ok());
    QVERIFY(executed.ok());

    CommandClient restarted(file);
    Answers answers(restarted);
    restarted.setTarget(pxpd.target("responder"));
    const auto answer = answers.waitFor(key);

    QCOMPARE(answer.state, CommandState::Succeeded);
    QVERIFY2(answer.replayed, "the daemon should answer from the first execution");
    QCOMPARE(answer.auditSeq, executed.audit().seq());
    QCOMPARE(answer.attempts, 2);
    QCOMPARE(pxpd.auditFor(key).size(), std::size_t(1));
  }

  void theJournalOutlivesTheClientAndHoldsNoSecret() {
    TestDaemon pxpd;
    const QString file = newJournal();
    QString key;
    {
      CommandClient commands(file);
      commands.setTarget(pxpd.target("responder"));
      Answers answers(commands);
      key = commands.submit(flagOff());
      QCOMPARE(answers.waitFor(key).state, CommandState::Succeeded);
    }
    CommandClient again(file);
    QSignalSpy ready(&again, &CommandClient::journalReady);
    QVERIFY(again.isJournalReady() || ready.wait(5000));
    const auto row = again.recent().value(0);
    QCOMPARE(row.idempotencyKey, key);
    QCOMPARE(row.state, CommandState::Succeeded);
    QCOMPARE(row.audit.actor, QStringLiteral("demo-responder"));
    QCOMPARE(row.request.flagKey, QString::fromLatin1(kFlag));
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
      QFile f(file + suffix);
      if (f.open(QIODevice::ReadOnly))
        QVERIFY2(!f.readAll().contains(pxpd.tokens["responder"].toUtf8()), "a token reached the journal");
    }
  }

  void aDamagedJournalIsMovedAsideAndCommandsStillWork() {
    TestDaemon pxpd;
    const QString file = newJournal();
    const QByteArray garbage = QByteArray("not a database, a disk full of noise ").repeated(200);
    {
      QFile f(file);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(garbage);
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was damaged .* moved aside")));
    CommandClient commands(file);
    QSignalSpy errors(&commands, &CommandClient::journalError);
    QSignalSpy ready(&commands, &CommandClient::journalReady);
    QVERIFY(ready.wait(5000));
    QCOMPARE(errors.size(), 1);
    const QString error = errors.at(0).at(0).toString();
    QVERIFY2(error.contains(QStringLiteral("moved aside to ") + file + QStringLiteral(".corrupt-")), qPrintable(error));
    const auto aside = QDir(m_dir.path()).entryList({QFileInfo(file).fileName() + QStringLiteral(".corrupt-*")});
    QCOMPARE(aside.size(), 1);
    QFile moved(m_dir.filePath(aside.at(0)));
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QCOMPARE(moved.readAll(), garbage);

    commands.setTarget(pxpd.target("responder"));
    Answers answers(commands);
    QCOMPARE(answers.waitFor(commands.submit(flagOff())).state, CommandState::Succeeded);
  }

  void anUnusableJournalKeepsCommandsWorkingInMemory() {
    TestDaemon pxpd;
    QFile blocker(m_dir.filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("in memory only")));
    CommandClient commands(blocker.fileName() + QStringLiteral("/journal.sqlite"));
    QSignalSpy errors(&commands, &CommandClient::journalError);
    QSignalSpy ready(&commands, &CommandClient::journalReady);
    QVERIFY(ready.wait(5000));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("in memory only")),
             qPrintable(errors.at(0).at(0).toString()));

    commands.setTarget(pxpd.target("responder"));
    Answers answers(commands);
    QCOMPARE(answers.waitFor(commands.submit(flagOff())).state, CommandState::Succeeded);
  }
};

QTEST_GUILESS_MAIN(TestCommandClient)
#include "tst_command_client.moc"
