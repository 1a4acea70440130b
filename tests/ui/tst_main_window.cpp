// The console's main window offscreen, against a real in-process engine over gRPC.

#include "pxp/client/BackendConnection.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/ui/MainWindow.h"
#include "pxpd/Daemon.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using pxp::client::ConnectionState;

class TestMainWindow : public QObject {
  Q_OBJECT

  std::unique_ptr<pxpd::Daemon> startEngine() {
    pxpd::DaemonConfig config;
    config.simulate = true;
    config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    auto daemon = std::make_unique<pxpd::Daemon>(config);
    if (!daemon->start(true))
      return nullptr;
    return daemon;
  }

  static pxp::client::ConnectionTarget embeddedTarget(pxpd::Daemon *daemon, int tokenIndex) {
    pxp::client::ConnectionTarget t;
    t.token = QString::fromStdString(daemon->tokens().tokens().at(tokenIndex).secret);
    t.inProcessChannel = [daemon] { return daemon->inProcessChannel(); };
    return t;
  }

private slots:
  void showsThreeDashboardsAndKeyboardSwitches() {
    pxp::models::SessionStatus session;
    pxp::ui::MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.pages()->count(), 3);
    QCOMPARE(window.pages()->tabText(0), QStringLiteral("Executive"));
    QCOMPARE(window.pages()->tabText(1), QStringLiteral("On-call"));
    QCOMPARE(window.pages()->tabText(2), QStringLiteral("Debug"));
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), pxp::ui::MainWindow::Page::Debug);
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), pxp::ui::MainWindow::Page::OnCall);
    QVERIFY(window.connectionLabel()->text().startsWith("Disconnected"));
  }

  void statusBarShowsConnectionAndRole() {
    auto daemon = startEngine();
    QVERIFY(daemon);
    pxp::models::SessionStatus session;
    pxp::client::BackendConnection connection;
    connect(&connection, &pxp::client::BackendConnection::stateChanged, &session,
            &pxp::models::SessionStatus::setConnectionState);
    connect(&connection, &pxp::client::BackendConnection::identityChanged, &session,
            &pxp::models::SessionStatus::setIdentity);
    pxp::ui::MainWindow window(&session);
    window.show();
    connection.start(embeddedTarget(daemon.get(), 0)); // the viewer token
    QTRY_VERIFY_WITH_TIMEOUT(connection.state() == ConnectionState::Connected, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionLabel()->text().contains("as demo-viewer (viewer)"), 5000);
    connection.stop();
  }

  void wrongTokenIsShownAsFailed() {
    auto daemon = startEngine();
    QVERIFY(daemon);
    pxp::models::SessionStatus session;
    pxp::client::BackendConnection connection;
    connect(&connection, &pxp::client::BackendConnection::stateChanged, &session,
            &pxp::models::SessionStatus::setConnectionState);
    pxp::ui::MainWindow window(&session);
    auto target = embeddedTarget(daemon.get(), 0);
    target.token = QStringLiteral("wrong-token-wrong-token");
    connection.start(target);
    QTRY_VERIFY_WITH_TIMEOUT(connection.state() == ConnectionState::Failed, 10000);
    QVERIFY2(window.connectionLabel()->text().contains("unknown token"), qPrintable(window.connectionLabel()->text()));
    connection.stop();
  }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
