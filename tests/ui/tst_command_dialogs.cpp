// Manual control from the console, end to end: a real pxpd engine serving gRPC on 127.0.0.1
// (simulated world, manual clock), the console's main window offscreen with its CommandClient,
// and a second, independent watching console (WorldWatcher). Every command is given with
// offscreen clicks and keys in its dialog, changes the daemon's state as the second console
// sees it, is audited with actor and reason, and shows as succeeded in the Commands list.
// Also: the reason is required, dangerous commands want the target's name typed, a viewer's
// buttons are disabled naming the role needed, a refused command shows the daemon's reason,
// and the embedded default (ConsoleSession's in-process engine) receives commands too.

#include "ConsoleSession.h"
#include "ModelTesters.h"
#include "WorldWatcher.h"
#include "commands/CommandDialog.h"
#include "commands/CommandLauncher.h"
#include "commands/CommandListModel.h"
#include "commands/CommandsPanel.h"
#include "commands/DeploymentActions.h"
#include "commands/FlagActions.h"
#include "commands/KillSwitchControls.h"
#include "commands/ManualControl.h"
#include "commands/OverridesPanel.h"
#include "debug/DebugDashboard.h"
#include "oncall/OnCallDashboard.h"

#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/client/CommandClient.h"
#include "pxp/models/DecisionTableModel.h"
#include "pxp/models/DeploymentTableModel.h"
#include "pxp/models/FlagTableModel.h"
#include "pxp/models/LiveFeed.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/ui/MainWindow.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using pxp::client::CommandState;
using pxp::ui::CommandDialog;
using pxp::ui::CommandListModel;

namespace {

constexpr std::int64_t kStart = 1'764'000'000'000;
constexpr int kSeenWithinMs = 5000;
const QString kCanary = QStringLiteral("payments-v2.3.1");

enum Token { Viewer = 0, Responder = 1, Commander = 2, Admin = 3 }; // generateDemoTokens' order

// One console wired as pxp-console wires it (main.cpp), against a pxpd on 127.0.0.1.
struct Console {
  pxp::models::SessionStatus session;
  pxp::models::LiveState state;
  pxp::client::BackendConnection connection;
  pxp::client::BackendQueries queries;
  pxp::client::CommandClient commands;
  pxp::ui::MainWindow window{&session, &state, &queries};
  QList<QAbstractItemModel *> testedModels;

  Console(const pxp::client::ConnectionTarget &target, const QString &journalFile) : commands(journalFile) {
    pxp::models::connectLiveFeed(connection, session, state);
    connection.setBackoff({100, 400, 2.0, 0.1});
    commands.setBackoff({100, 400, 2.0, 0.1});
    window.setCommandClient(&commands);
    testedModels = testing::testModelsUnder(&window); // CommandListModel among them
    window.resize(1500, 950);
    window.show();
    if (target.isEmbedded() || !target.address.isEmpty())
      connectTo(target);
  }
  ~Console() { connection.stop(); }

  void connectTo(const pxp::client::ConnectionTarget &target) {
    queries.setTarget(target);
    commands.setTarget(target);
    connection.start(target);
  }

  pxp::ui::ManualControl *manual() const { return window.manualControl(); }
  pxp::ui::CommandLauncher *launcher() const { return manual()->launcher(); }
  CommandListModel *commandList() const { return manual()->commandsPanel()->model(); }
  CommandDialog *dialog() const { return launcher()->currentDialog(); }

  // The row of the Commands list for a key; -1 when it is not listed.
  int commandRow(const QString &key) const { return commandList()->rowOf(key); }
  CommandState commandState(const QString &key) const {
    const int row = commandRow(key);
    return row < 0 ? CommandState::Pending : commandList()->at(row).state;
  }
  QString commandCell(const QString &key, int column) const {
    return commandList()->index(commandRow(key), column).data().toString();
  }
};

// Writes a picture of `w` for people to look at (build/screenshots), like tst_main_window.
void screenshot(QWidget *w, const QString &name) {
  const QString dir = QStringLiteral(PXP_SCREENSHOT_DIR);
  QDir().mkpath(dir);
  QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
}

// Selects the row of `table` whose `role` data is `id`, as a click would.
bool selectRow(QTableView *table, int role, const QString &id) {
  auto *model = table->model();
  for (int r = 0; r < model->rowCount(); ++r)
    if (model->index(r, 0).data(role).toString() == id) {
      table->setCurrentIndex(model->index(r, 0));
      return true;
    }
  return false;
}

} // namespace

class TestCommandDialogs : public QObject {
  Q_OBJECT

  pxpd::ManualClock m_clock{kStart};
  pxpd::DaemonConfig m_config;
  std::unique_ptr<pxpd::Daemon> m_daemon;
  QTemporaryDir m_dir;
  int m_consoles = 0;

  pxp::client::ConnectionTarget target(Token token) const {
    pxp::client::ConnectionTarget t;
    t.profileName = QStringLiteral("test");
    t.address = QStringLiteral("127.0.0.1:%1").arg(m_daemon->boundPort());
    t.token = QString::fromStdString(m_config.tokens.at(static_cast<std::size_t>(token)).secret);
    return t;
  }
  QString newJournal() { return m_dir.filePath(QStringLiteral("journal-%1.sqlite").arg(++m_consoles)); }

  QString tokenFile(Token token) {
    const QString path = m_dir.filePath(QStringLiteral("token-%1").arg(int(token)));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
      f.write(target(token).token.toUtf8() + "\n");
    return path;
  }

  // The second console: its own connection, watching as a viewer.
  void startWatcher(pxp::testing::WorldWatcher &watcher) {
    watcher.start(target(Viewer).address, tokenFile(Viewer));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.hasSnapshot, 10000);
  }

  static void waitForRole(Console &c, pxp::client::Role role) {
    QTRY_VERIFY_WITH_TIMEOUT(c.session.identity().role == role, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(c.state.hasSnapshot(), 10000);
  }

  // Types the reason and clicks OK; returns the idempotency key the command went out with.
  static QString confirm(Console &c, CommandDialog *dialog, const QString &reason) {
    QSignalSpy submitted(c.launcher(), &pxp::ui::CommandLauncher::submitted);
    QTest::keyClicks(dialog->reasonEdit(), reason);
    if (!dialog->okButton()->isEnabled())
      return {};
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    return submitted.size() == 1 ? submitted.at(0).at(0).toString() : QString();
  }

  // What every successful command must show: succeeded in the Commands list with its audit
  // entry, and the same entry (actor, reason) streamed to the second console.
  static void verifyAudited(Console &c, pxp::testing::WorldWatcher &watcher, const QString &key, const QString &actor,
                            const QString &reason) {
    QVERIFY(!key.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(c.commandState(key), CommandState::Succeeded, kSeenWithinMs);
    QVERIFY(c.commandCell(key, CommandListModel::StateColumn).contains(QStringLiteral("succeeded")));
    const auto &status = c.commandList()->at(c.commandRow(key));
    QVERIFY(status.auditSeq > 0);
    QCOMPARE(status.audit.actor, actor);
    QCOMPARE(status.audit.reason, reason);
    QCOMPARE(c.commandCell(key, CommandListModel::AuditColumn),
             QStringLiteral("#%1 by %2: \"%3\"").arg(status.auditSeq).arg(actor, reason));
    QVERIFY(c.manual()->commandsDock()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(watcher.auditFor(key).has_value(), kSeenWithinMs);
    QCOMPARE(watcher.auditFor(key)->actor, actor);
    QCOMPARE(watcher.auditFor(key)->reason, reason);
    QCOMPARE(watcher.auditFor(key)->seq, status.auditSeq);
  }

  // A daemon on 127.0.0.1:`port` (0 = any free port), its simulated world 40 s in.
  bool startDaemon(int port) {
    m_config.listen = "127.0.0.1:" + std::to_string(port);
    m_daemon = std::make_unique<pxpd::Daemon>(m_config, &m_clock);
    if (!m_daemon->start(/*inProcessOnly=*/false, /*runTicker=*/false))
      return false;
    // The payments canary starts 30 simulated seconds in; the page (and the automated
    // rollback) needs minutes more, and the clock only moves here.
    for (int i = 0; i < 4; ++i) {
      m_clock.advanceMs(10'000);
      m_daemon->tickNow();
    }
    return true;
  }

private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_config.simulate = true;
    m_config.tokens = pxpd::TokenRegistry::generateDemoTokens();
  }

  void init() {
    m_clock.setMs(kStart);
    QVERIFY(startDaemon(0));
  }

  void cleanup() {
    if (m_daemon)
      m_daemon->stop(0);
    m_daemon.reset();
  }

  void rollBackThePaymentsCanaryFromTheDeploymentsTable() {
    pxp::testing::WorldWatcher watcher;
    startWatcher(watcher);
    Console c(target(Responder), newJournal());
    QVERIFY2(c.testedModels.contains(c.commandList()), "the command list runs under QAbstractItemModelTester");
    waitForRole(c, pxp::client::Role::Responder);
    QTRY_VERIFY_WITH_TIMEOUT(c.state.deployment(kCanary).has_value(), 5000);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    auto *actions = c.manual()->deploymentActions();
    QVERIFY(
        selectRow(c.window.onCall()->deploymentTable(), pxp::models::DeploymentTableModel::DeploymentIdRole, kCanary));
    QCOMPARE(actions->target(), kCanary);
    QVERIFY(actions->targetLabel()->text().contains(QStringLiteral("payments v2.3.1")));
    QVERIFY(actions->rollbackButton()->isEnabled());

    // An open incident on payments: the command belongs to it, and the dialog says so.
    c.manual()->launcher()->setIncidentLookup([](const QString &service) {
      return service == QLatin1String("payments")
                 ? pxp::ui::CommandLauncher::IncidentRef{QStringLiteral("inc-7"), QStringLiteral("Checkout failing")}
                 : pxp::ui::CommandLauncher::IncidentRef{};
    });
    QTest::mouseClick(actions->rollbackButton(), Qt::LeftButton);
    CommandDialog *dialog = c.dialog();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(
        dialog->sentenceLabel()->text(),
        QStringLiteral("Roll back payments from v2.3.1 (canary at 50 % weight) to v2.3.0. Part of the open incident "
                       "\"Checkout failing\"."));
    QCOMPARE(dialog->request().incidentId, QStringLiteral("inc-7"));
    QVERIFY(!dialog->isDangerous()); // one deployment, one service
    // The reason is required: blank or spaces leave OK disabled.
    QVERIFY(!dialog->okButton()->isEnabled());
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("   "));
    QVERIFY(!dialog->okButton()->isEnabled());
    QVERIFY(dialog->okButton()->isDefault()); // not dangerous: Enter confirms
    dialog->reasonEdit()->clear();

    const QString reason = QStringLiteral("checkout availability pages: null payment token on the canary");
    const QString key = confirm(c, dialog, reason);
    QVERIFY(!key.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(watcher.deployments[kCanary].status, QStringLiteral("rolled back"), kSeenWithinMs);
    QCOMPARE(watcher.deployments[kCanary].weightPercent, 0);
    verifyAudited(c, watcher, key, QStringLiteral("demo-responder"), reason);
    QCOMPARE(c.commandList()->at(c.commandRow(key)).request.deploymentId, kCanary);
    // This console's own view follows too: no canary left to abort or promote.
    QTRY_COMPARE_WITH_TIMEOUT(c.state.deployment(kCanary)->status, QStringLiteral("rolled back"), kSeenWithinMs);
    QVERIFY(!actions->abortButton()->isEnabled());
    QCOMPARE(c.commandList()->at(c.commandRow(key)).request.incidentId, QStringLiteral("inc-7"));
    // Rolled back: Roll back is not offered again, and says why.
    QTRY_VERIFY_WITH_TIMEOUT(!actions->rollbackButton()->isEnabled(), kSeenWithinMs);
    QVERIFY2(actions->rollbackButton()->toolTip().contains(QStringLiteral("payments-v2.3.1 is already rolled back")),
             qPrintable(actions->rollbackButton()->toolTip()));
  }

  void theSelectedSlosServiceIsTheDefaultTarget() {
    Console c(target(Responder), newJournal());
    waitForRole(c, pxp::client::Role::Responder);
    QTRY_VERIFY_WITH_TIMEOUT(c.state.deployment(kCanary).has_value(), 5000);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    c.window.onCall()->selectSlo(QStringLiteral("payments/checkout-availability"));
    auto *actions = c.manual()->deploymentActions();
    QTRY_COMPARE(actions->target(), kCanary);
    QTest::mouseClick(actions->promoteStepButton(), Qt::LeftButton);
    QVERIFY(c.dialog());
    QCOMPARE(c.dialog()->sentenceLabel()->text(),
             QStringLiteral("Promote the payments canary v2.3.1 from 50 % to 75 % weight."));
    QTest::keyClick(c.dialog(), Qt::Key_Escape); // keyboard: Esc cancels, nothing is sent
    QTRY_VERIFY(!c.dialog());
    QCOMPARE(c.commandList()->rowCount(), 0);
  }

  void pauseAPolicyWithAnExpiryThenResumeIt() {
    pxp::testing::WorldWatcher watcher;
    startWatcher(watcher);
    Console c(target(Responder), newJournal());
    waitForRole(c, pxp::client::Role::Responder);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    auto *open = c.window.onCall()->findChild<QPushButton *>(QStringLiteral("overridesButton"));
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    QVERIFY(c.manual()->overridesDock()->isVisible());
    auto *panel = c.manual()->overridesPanel();
    const QString policy = QStringLiteral("rollback-paging-canary");
    QTRY_VERIFY(panel->select(policy));

    QTest::mouseClick(panel->pauseButton(), Qt::LeftButton);
    CommandDialog *dialog = c.dialog();
    QVERIFY(dialog && dialog->durationChoice());
    QCOMPARE(dialog->durationChoice()->count(), 4); // 15 min, 1 h, 4 h, custom
    QVERIFY(
        dialog->sentenceLabel()->text().startsWith(QStringLiteral("Pause policy rollback-paging-canary (rollback")));
    QVERIFY(dialog->sentenceLabel()->text().contains(QStringLiteral(" for 1 h: ")));
    QTest::keyClick(dialog->durationChoice(), Qt::Key_Down); // 1 h -> 4 h, from the keyboard
    QVERIFY(dialog->sentenceLabel()->text().contains(QStringLiteral(" for 4 h: ")));
    const QString reason = QStringLiteral("rollback loop on payments while we debug the canary");
    const QString key = confirm(c, dialog, reason);
    verifyAudited(c, watcher, key, QStringLiteral("demo-responder"), reason);

    // The second console has it, for 4 h; this console lists it with who, why and a countdown.
    QTRY_COMPARE_WITH_TIMEOUT(watcher.overrides.size(), 1, kSeenWithinMs);
    const auto set = watcher.overrides.first();
    QCOMPARE(set.policyId, policy);
    QCOMPARE(set.expiresAtMs - set.createdAtMs, 4 * 3600 * 1000LL);
    QTRY_VERIFY_WITH_TIMEOUT(panel->select(set.id), kSeenWithinMs);
    auto *row = panel->tree()->currentItem();
    QCOMPARE(row->text(pxp::ui::OverridesPanel::ByColumn), QStringLiteral("demo-responder"));
    QCOMPARE(row->text(pxp::ui::OverridesPanel::ReasonColumn), reason);
    QVERIFY2(row->text(pxp::ui::OverridesPanel::ExpiresInColumn).startsWith(QStringLiteral("3 h 59 m")) ||
                 row->text(pxp::ui::OverridesPanel::ExpiresInColumn) == QStringLiteral("4 h"),
             qPrintable(row->text(pxp::ui::OverridesPanel::ExpiresInColumn)));
    // The countdown runs on the daemon's clock.
    m_clock.advanceMs(3600 * 1000);
    m_daemon->tickNow();
    const auto expiresIn = [&] {
      return panel->select(set.id) ? panel->tree()->currentItem()->text(pxp::ui::OverridesPanel::ExpiresInColumn)
                                   : QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(expiresIn().startsWith(QStringLiteral("2 h 59 m")) || expiresIn() == QStringLiteral("3 h"),
                             5000);

    QVERIFY(panel->resumeButton()->isEnabled());
    QTest::mouseClick(panel->resumeButton(), Qt::LeftButton);
    QVERIFY(c.dialog());
    QVERIFY2(c.dialog()->sentenceLabel()->text().startsWith(
                 QStringLiteral("Resume policy rollback-paging-canary now: clear the pause demo-responder set")),
             qPrintable(c.dialog()->sentenceLabel()->text()));
    const QString resumeReason = QStringLiteral("canary rolled back, automation may act again");
    const QString resumeKey = confirm(c, c.dialog(), resumeReason);
    verifyAudited(c, watcher, resumeKey, QStringLiteral("demo-responder"), resumeReason);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.overrides.isEmpty(), kSeenWithinMs);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->select(set.id), kSeenWithinMs);
  }

  void engageAndReleaseTheKillSwitchByTypingItsName() {
    pxp::testing::WorldWatcher watcher;
    startWatcher(watcher);
    Console c(target(Commander), newJournal());
    waitForRole(c, pxp::client::Role::Commander);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    auto *button = c.manual()->killSwitchControls()->button();
    QVERIFY(button->isEnabled());

    QTest::mouseClick(button, Qt::LeftButton);
    CommandDialog *dialog = c.dialog();
    QVERIFY(dialog && dialog->isDangerous());
    QCOMPARE(dialog->sentenceLabel()->text(),
             QStringLiteral("Engage the automation kill switch for all services: no policy takes any action there "
                            "until it is released."));
    QVERIFY(dialog->cancelButton()->isDefault()); // Enter never confirms a dangerous command
    const QString reason = QStringLiteral("automation fights the manual rollback");
    QTest::keyClicks(dialog->reasonEdit(), reason);
    QVERIFY(!dialog->okButton()->isEnabled()); // the name is not typed yet
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("all service"));
    QVERIFY(!dialog->okButton()->isEnabled());
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("S"));
    QVERIFY(!dialog->okButton()->isEnabled()); // exactly, case included
    QTest::keyClick(dialog->confirmEdit(), Qt::Key_Backspace);
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("s"));
    QVERIFY(dialog->okButton()->isEnabled());
    QTest::keyClick(dialog->confirmEdit(), Qt::Key_Return); // the default button: Cancel
    QTRY_VERIFY(!c.dialog());
    QCOMPARE(c.commandList()->rowCount(), 0);

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(c.dialog());
    QTest::keyClicks(c.dialog()->confirmEdit(), QStringLiteral("all services"));
    screenshot(c.dialog(), QStringLiteral("command-dialog-kill-switch.png"));
    const QString key = confirm(c, c.dialog(), reason);
    verifyAudited(c, watcher, key, QStringLiteral("demo-commander"), reason);
    QVERIFY(watcher.killSwitch.engaged);
    QCOMPARE(watcher.killSwitch.actor, QStringLiteral("demo-commander"));
    auto *banner = c.window.onCall()->findChild<QLabel *>(QStringLiteral("killSwitchBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->text().startsWith(QStringLiteral("KILL SWITCH ENGAGED")), kSeenWithinMs);
    QTRY_VERIFY(QString(button->text()).remove(QLatin1Char('&')).startsWith(QStringLiteral("Release kill switch")));
    screenshot(&c.window, QStringLiteral("oncall-commands.png"));

    QTest::mouseClick(button, Qt::LeftButton);
    dialog = c.dialog();
    QVERIFY(dialog && dialog->isDangerous());
    QCOMPARE(dialog->sentenceLabel()->text(),
             QStringLiteral("Release the kill switch that demo-commander engaged for all services (\"%1\"): "
                            "automation acts again.")
                 .arg(reason));
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("all services"));
    const QString releaseReason = QStringLiteral("rollback done, automation back on");
    const QString releaseKey = confirm(c, dialog, releaseReason);
    verifyAudited(c, watcher, releaseKey, QStringLiteral("demo-commander"), releaseReason);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.killSwitch.engaged, kSeenWithinMs);
    QTRY_VERIFY(QString(button->text()).remove(QLatin1Char('&')).startsWith(QStringLiteral("Engage kill switch")));
  }

  // The scenario's payments canary pages a few simulated minutes in and the
  // rollback-paging-canary policy would roll it back; with the kill switch engaged from the
  // GUI it must not, while the alert still fires; released, automation acts again.
  void theKillSwitchFromTheGuiStopsTheScenariosRollback() {
    pxp::testing::WorldWatcher watcher;
    startWatcher(watcher);
    Console c(target(Commander), newJournal());
    waitForRole(c, pxp::client::Role::Commander);
    auto *button = c.manual()->killSwitchControls()->button();
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(c.dialog());
    QTest::keyClicks(c.dialog()->confirmEdit(), QStringLiteral("all services"));
    const QString key = confirm(c, c.dialog(), QStringLiteral("hold automation while we look"));
    verifyAudited(c, watcher, key, QStringLiteral("demo-commander"), QStringLiteral("hold automation while we look"));

    const QString canary = QStringLiteral("payments-v2.3.1");
    auto suppressedByKillSwitch = [&c] {
      const auto *decisions = c.state.decisions();
      for (int r = 0; r < decisions->rowCount(); ++r)
        if (decisions->at(r).policyId == QLatin1String("rollback-paging-canary") &&
            decisions->at(r).outcome.contains(QLatin1String("kill switch")))
          return true;
      return false;
    };
    for (int tick = 0; tick < 30 && !suppressedByKillSwitch(); ++tick) {
      m_clock.advanceMs(10'000);
      m_daemon->tickNow();
      QTest::qWait(50); // the console drains the tick's events on its 40 ms timer
    }
    QTRY_VERIFY2_WITH_TIMEOUT(suppressedByKillSwitch(),
                              "the canary never paged, or the kill switch did not hold the policy", kSeenWithinMs);
    QCOMPARE(watcher.deployments.value(canary).status, QStringLiteral("progressing"));

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(c.dialog());
    QTest::keyClicks(c.dialog()->confirmEdit(), QStringLiteral("all services"));
    const QString release = confirm(c, c.dialog(), QStringLiteral("automation back on"));
    QTRY_COMPARE_WITH_TIMEOUT(c.commandState(release), CommandState::Succeeded, kSeenWithinMs);
    for (int tick = 0; tick < 3 && watcher.deployments.value(canary).status != QLatin1String("rolled back"); ++tick) {
      m_clock.advanceMs(10'000);
      m_daemon->tickNow();
      QTest::qWait(50);
    }
    QTRY_COMPARE_WITH_TIMEOUT(watcher.deployments.value(canary).status, QStringLiteral("rolled back"), kSeenWithinMs);
  }

  void turnAFlagOffAndAKillSwitchFlagOffInOneClick() {
    pxp::testing::WorldWatcher watcher;
    startWatcher(watcher);
    Console c(target(Responder), newJournal());
    waitForRole(c, pxp::client::Role::Responder);
    c.window.showPage(pxp::ui::MainWindow::Page::Debug);
    auto *flags = c.manual()->flagActions();
    auto *table = c.window.debug()->flagTable();
    const QString flag = QStringLiteral("checkout.new-payment-form");
    QTRY_VERIFY(selectRow(table, pxp::models::FlagTableModel::FlagKeyRole, flag));
    QVERIFY(flags->offButton()->isEnabled());
    QVERIFY(!flags->killButton()->isVisible()); // a release flag, not a kill switch

    QTest::mouseClick(flags->offButton(), Qt::LeftButton);
    QVERIFY(c.dialog());
    QCOMPARE(c.dialog()->sentenceLabel()->text(),
             QStringLiteral("Turn flag checkout.new-payment-form off (now on for 50 % of payments traffic)."));
    const QString reason = QStringLiteral("the new payment form sends null tokens");
    const QString key = confirm(c, c.dialog(), reason);
    verifyAudited(c, watcher, key, QStringLiteral("demo-responder"), reason);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.flags[flag].enabled, kSeenWithinMs);
    QCOMPARE(watcher.flags[flag].updatedBy, QStringLiteral("demo-responder"));

    // A kill-switch flag: one click, a reason, Enter.
    const QString kill = QStringLiteral("search.semantic-ranking");
    QVERIFY(selectRow(table, pxp::models::FlagTableModel::FlagKeyRole, kill));
    QVERIFY(flags->killButton()->isVisible() && flags->killButton()->isEnabled());
    QSignalSpy submitted(c.launcher(), &pxp::ui::CommandLauncher::submitted);
    QTest::mouseClick(flags->killButton(), Qt::LeftButton);
    QVERIFY(c.dialog());
    QTest::keyClicks(c.dialog()->reasonEdit(), QStringLiteral("ranking errors"));
    QTest::keyClick(c.dialog()->reasonEdit(), Qt::Key_Return);
    QCOMPARE(submitted.size(), 1);
    verifyAudited(c, watcher, submitted.at(0).at(0).toString(), QStringLiteral("demo-responder"),
                  QStringLiteral("ranking errors"));
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.flags[kill].enabled, kSeenWithinMs);
  }

  void buttonsNameTheRoleNeededAndFollowTheRole() {
    Console c(target(Viewer), newJournal());
    waitForRole(c, pxp::client::Role::Viewer);
    QTRY_VERIFY_WITH_TIMEOUT(c.state.deployment(kCanary).has_value(), 5000);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    auto *deploy = c.manual()->deploymentActions();
    QVERIFY(
        selectRow(c.window.onCall()->deploymentTable(), pxp::models::DeploymentTableModel::DeploymentIdRole, kCanary));
    auto *killSwitch = c.manual()->killSwitchControls()->button();
    auto *overrides = c.manual()->overridesPanel();
    QVERIFY(overrides->select(QStringLiteral("rollback-paging-canary")));
    const QList<QPair<QPushButton *, QString>> viewerSees{
        {deploy->rollbackButton(), QStringLiteral("Needs the responder role; you are viewer")},
        {deploy->abortButton(), QStringLiteral("Needs the responder role; you are viewer")},
        {deploy->promoteStepButton(), QStringLiteral("Needs the responder role; you are viewer")},
        {deploy->promoteFullButton(), QStringLiteral("Needs the commander role; you are viewer")},
        {killSwitch, QStringLiteral("Needs the commander role; you are viewer")},
        {overrides->pauseButton(), QStringLiteral("Needs the responder role; you are viewer")},
        {overrides->forceButton(), QStringLiteral("Needs the responder role; you are viewer")},
        {c.manual()->flagActions()->offButton(), QStringLiteral("Needs the responder role; you are viewer")},
    };
    for (const auto &[button, tip] : viewerSees) {
      QVERIFY2(!button->isEnabled(), qPrintable(button->objectName()));
      QCOMPARE(button->toolTip(), tip);
    }
    // The palette offers the commands but says who may run them; running one is refused.
    const auto entries = c.manual()->paletteEntries();
    const auto rollback = std::find_if(entries.begin(), entries.end(), [](const auto &e) {
      return e.title == QStringLiteral("Roll back payments v2.3.1");
    });
    QVERIFY(rollback != entries.end());
    QCOMPARE(rollback->detail, QStringLiteral("Needs the responder role; you are viewer"));
    rollback->run();
    QVERIFY(!c.dialog());
    QVERIFY(
        c.window.statusBar()->currentMessage().contains(QStringLiteral("Needs the responder role; you are viewer")));

    // The same console with a responder's token: the role changes, the buttons follow.
    c.connectTo(target(Responder));
    waitForRole(c, pxp::client::Role::Responder);
    QVERIFY(deploy->rollbackButton()->isEnabled());
    QCOMPARE(deploy->rollbackButton()->toolTip(), QStringLiteral("Send all traffic back to the previous version"));
    QVERIFY(deploy->promoteStepButton()->isEnabled());
    QVERIFY(!deploy->promoteFullButton()->isEnabled());
    QCOMPARE(deploy->promoteFullButton()->toolTip(), QStringLiteral("Needs the commander role; you are responder"));
    QCOMPARE(killSwitch->toolTip(), QStringLiteral("Needs the commander role; you are responder"));
    QVERIFY(overrides->pauseButton()->isEnabled());

    // Full promote, as a commander, is dangerous: the service's name must be typed.
    c.connectTo(target(Commander));
    waitForRole(c, pxp::client::Role::Commander);
    QVERIFY(deploy->promoteFullButton()->isEnabled());
    QTest::mouseClick(deploy->promoteFullButton(), Qt::LeftButton);
    QVERIFY(c.dialog() && c.dialog()->isDangerous());
    QCOMPARE(c.dialog()->sentenceLabel()->text(),
             QStringLiteral("Promote the payments canary v2.3.1 from 50 % straight to 100 % of traffic, replacing "
                            "v2.3.0."));
    QTest::keyClicks(c.dialog()->reasonEdit(), QStringLiteral("canary looks fine"));
    QVERIFY(!c.dialog()->okButton()->isEnabled());
    QTest::keyClicks(c.dialog()->confirmEdit(), QStringLiteral("payments"));
    QVERIFY(c.dialog()->okButton()->isEnabled());
    c.dialog()->reject();
  }

  void aRefusedCommandShowsTheDaemonsReason() {
    Console c(target(Responder), newJournal());
    waitForRole(c, pxp::client::Role::Responder);
    QTRY_VERIFY_WITH_TIMEOUT(c.state.deployment(kCanary).has_value(), 5000);
    c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
    QVERIFY(
        selectRow(c.window.onCall()->deploymentTable(), pxp::models::DeploymentTableModel::DeploymentIdRole, kCanary));
    QTest::mouseClick(c.manual()->deploymentActions()->abortButton(), Qt::LeftButton);
    CommandDialog *dialog = c.dialog();
    QVERIFY(dialog);

    // Meanwhile another console rolls the canary back.
    pxp::client::CommandClient other(m_dir.filePath(QStringLiteral("other.sqlite")));
    other.setTarget(target(Commander));
    QSignalSpy otherDone(&other, &pxp::client::CommandClient::commandUpdated);
    pxp::client::CommandRequestValue rollback;
    rollback.kind = pxp::client::CommandKind::Rollback;
    rollback.deploymentId = kCanary;
    rollback.reason = QStringLiteral("second console");
    other.submit(rollback);
    QTRY_VERIFY_WITH_TIMEOUT(!otherDone.isEmpty() &&
                                 otherDone.last().at(0).value<pxp::client::CommandStatusValue>().state ==
                                     CommandState::Succeeded,
                             kSeenWithinMs);

    const QString key = confirm(c, dialog, QStringLiteral("canary pages"));
    QTRY_COMPARE_WITH_TIMEOUT(c.commandState(key), CommandState::Failed, kSeenWithinMs);
    const QString shown = c.commandCell(key, CommandListModel::ResultColumn);
    QVERIFY2(shown.contains(QStringLiteral("payments-v2.3.1 is rolled back, nothing to abort")), qPrintable(shown));
    QVERIFY(c.commandCell(key, CommandListModel::StateColumn).contains(QStringLiteral("failed")));
    QVERIFY(c.manual()->commandsDock()->isVisible());
    QVERIFY2(c.window.statusBar()->currentMessage().contains(QStringLiteral("nothing to abort")),
             qPrintable(c.window.statusBar()->currentMessage()));
  }

  void thePaletteOpensACommandDialog() {
    Console c(target(Responder), newJournal());
    waitForRole(c, pxp::client::Role::Responder);
    QTRY_VERIFY_WITH_TIMEOUT(c.state.deployment(kCanary).has_value(), 5000);
    QTest::keyClick(&c.window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(c.window.palette()->isVisible());
    QTest::keyClicks(c.window.palette()->input(), QStringLiteral("roll back payments"));
    QTest::keyClick(c.window.palette()->input(), Qt::Key_Return);
    QTRY_VERIFY(c.dialog());
    QVERIFY(c.dialog()->sentenceLabel()->text().startsWith(QStringLiteral("Roll back payments from v2.3.1")));
    c.dialog()->reject();
  }

  void aCommandSentWhileTheDaemonIsDownStaysPendingThenSucceeds() {
    Console c(target(Responder), newJournal());
    waitForRole(c, pxp::client::Role::Responder);
    const int port = m_daemon->boundPort();
    m_daemon->stop(0);
    m_daemon.reset();
    c.window.showPage(pxp::ui::MainWindow::Page::Debug);
    const QString flag = QStringLiteral("cdn.image-recompression");
    QVERIFY(selectRow(c.window.debug()->flagTable(), pxp::models::FlagTableModel::FlagKeyRole, flag));
    QTest::mouseClick(c.manual()->flagActions()->offButton(), Qt::LeftButton);
    QVERIFY(c.dialog());
    const QString key = confirm(c, c.dialog(), QStringLiteral("edge CPU at 95 %"));
    // Not answered: pending, said so in the list and the status bar, and re-sent later.
    QTRY_VERIFY_WITH_TIMEOUT(c.commandList()->rowOf(key) >= 0 && c.commandList()->at(c.commandRow(key)).attempts >= 1,
                             kSeenWithinMs);
    QCOMPARE(c.commandState(key), CommandState::Pending);
    QVERIFY(c.commandCell(key, CommandListModel::StateColumn).contains(QStringLiteral("pending")));
    QVERIFY2(c.commandCell(key, CommandListModel::ResultColumn).startsWith(QStringLiteral("not answered yet")),
             qPrintable(c.commandCell(key, CommandListModel::ResultColumn)));
    QCOMPARE(c.manual()->statusButton()->text(), QStringLiteral("Commands: 1 pending"));

    QVERIFY(startDaemon(port));
    QTRY_COMPARE_WITH_TIMEOUT(c.commandState(key), CommandState::Succeeded, 15000);
    QCOMPARE(c.commandList()->at(c.commandRow(key)).audit.reason, QStringLiteral("edge CPU at 95 %"));
    QCOMPARE(c.manual()->statusButton()->text(), QStringLiteral("Commands"));
  }

  void commandsOfAnEarlierRunAreListedFromTheJournal() {
    const QString journal = newJournal();
    QString key;
    {
      Console first(target(Responder), journal);
      waitForRole(first, pxp::client::Role::Responder);
      first.window.showPage(pxp::ui::MainWindow::Page::Debug);
      QVERIFY(selectRow(first.window.debug()->flagTable(), pxp::models::FlagTableModel::FlagKeyRole,
                        QStringLiteral("signup.one-page-experiment")));
      QTest::mouseClick(first.manual()->flagActions()->offButton(), Qt::LeftButton);
      QVERIFY(first.dialog());
      key = confirm(first, first.dialog(), QStringLiteral("conversion drop"));
      QTRY_COMPARE_WITH_TIMEOUT(first.commandState(key), CommandState::Succeeded, kSeenWithinMs);
    }
    Console second(target(Responder), journal);
    QTRY_VERIFY_WITH_TIMEOUT(second.commandRow(key) >= 0, 5000);
    QCOMPARE(second.commandState(key), CommandState::Succeeded);
    QVERIFY(second.commandList()->index(second.commandRow(key), 0).data(CommandListModel::FromJournalRole).toBool());
    QVERIFY(second.commandCell(key, CommandListModel::TimeColumn).endsWith(QStringLiteral("(journal)")));
    QVERIFY(second.commandCell(key, CommandListModel::AuditColumn).contains(QStringLiteral("demo-responder")));
  }

  // pxpd restarted with new demo tokens: the console, refused, reads its token file again and
  // is back without a restart of its own; Connection > Reconnect does the same on demand.
  void aRestartedDaemonWithNewTokensIsReachedAgain() {
    Console c(pxp::client::ConnectionTarget{}, newJournal());
    pxp::app::ConsoleSession link(&c.connection, &c.queries);
    link.setCommandClient(&c.commands);
    pxp::models::ConnectionProfile remote;
    remote.name = QStringLiteral("local pxpd");
    remote.address = target(Commander).address;
    remote.tokenSource = pxp::models::ConnectionProfile::TokenSource::File;
    remote.tokenFile = tokenFile(Commander);
    QCOMPARE(link.open(remote), QString());
    waitForRole(c, pxp::client::Role::Commander);

    const int port = m_daemon->boundPort();
    m_daemon->stop(0);
    const auto oldTokens = m_config.tokens;
    m_config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    QVERIFY(startDaemon(port));
    QTRY_COMPARE_WITH_TIMEOUT(c.connection.state(), pxp::client::ConnectionState::Failed, 10000);
    QVERIFY2(c.session.staleText().startsWith(
                 QStringLiteral("pxpd at 127.0.0.1:%1 refused this console (unknown token").arg(port)),
             qPrintable(c.session.staleText()));
    tokenFile(Commander); // the new token, as pxpd --demo-tokens writes it
    QTRY_COMPARE_WITH_TIMEOUT(c.connection.state(), pxp::client::ConnectionState::Connected, 10000);
    QCOMPARE(c.session.identity().role, pxp::client::Role::Commander);

    // Reconnect on demand (the menu's action), after the daemon changed tokens once more.
    m_daemon->stop(0);
    m_config.tokens = oldTokens;
    QVERIFY(startDaemon(port));
    QTRY_COMPARE_WITH_TIMEOUT(c.connection.state(), pxp::client::ConnectionState::Failed, 10000);
    tokenFile(Commander);
    auto *reconnect = c.window.findChild<QAction *>(QStringLiteral("reconnectAction"));
    QVERIFY(reconnect);
    QObject::connect(&c.window, &pxp::ui::MainWindow::reconnectRequested, &link, [&] { link.reconnect(); });
    reconnect->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(c.connection.state(), pxp::client::ConnectionState::Connected, 5000);
    link.close();
  }

  // The embedded default: pxp-console's ConsoleSession starts the engine in-process and points
  // the command client at it; a command from the GUI reaches that engine.
  void embeddedDefaultReceivesCommands() {
    Console c(pxp::client::ConnectionTarget{}, newJournal()); // no target yet: the session sets it
    pxp::app::ConsoleSession link(&c.connection, &c.queries);
    link.setCommandClient(&c.commands);
    pxp::models::ConnectionProfile embedded;
    embedded.name = QStringLiteral("embedded");
    embedded.embedded = true;
    QCOMPARE(link.open(embedded), QString());
    waitForRole(c, pxp::client::Role::Admin);
    c.window.showPage(pxp::ui::MainWindow::Page::Debug);
    const QString flag = QStringLiteral("signup.one-page-experiment");
    QTRY_VERIFY(selectRow(c.window.debug()->flagTable(), pxp::models::FlagTableModel::FlagKeyRole, flag));
    QTest::mouseClick(c.manual()->flagActions()->offButton(), Qt::LeftButton);
    QVERIFY(c.dialog());
    const QString key = confirm(c, c.dialog(), QStringLiteral("conversion drop"));
    QTRY_COMPARE_WITH_TIMEOUT(c.commandState(key), CommandState::Succeeded, kSeenWithinMs);
    QCOMPARE(c.commandList()->at(c.commandRow(key)).audit.actor, QStringLiteral("demo-admin"));
    QTRY_VERIFY_WITH_TIMEOUT(!c.state.flag(flag)->enabled, kSeenWithinMs); // the engine's Watch says so
    link.close();
  }
};

QTEST_MAIN(TestCommandDialogs)
#include "tst_command_dialogs.moc"
