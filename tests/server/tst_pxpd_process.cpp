// A real pxpd process on 127.0.0.1:0, spoken to over real gRPC: WhoAmI, health, reflection,
// wrong tokens, bad config, graceful stop.

#include "grpc/health/v1/health.grpc.pb.h"
#include "pxp/v1/control_plane.grpc.pb.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <set>

class TestPxpdProcess : public QObject {
  Q_OBJECT

  struct Running {
    std::unique_ptr<QProcess> process;
    QString address;
    QMap<QString, QString> tokens; // role -> token
  };

  QTemporaryDir m_state;

  // Starts pxpd and waits (bounded) for its "listening on" line.
  Running startPxpd(const QStringList &extraArgs = {}) {
    Running r;
    r.process = std::make_unique<QProcess>();
    r.process->setProgram(QStringLiteral(PXPD_BINARY));
    r.process->setArguments(QStringList{"--listen", "127.0.0.1:0", "--simulate", "--state-dir", m_state.path()} +
                            extraArgs);
    r.process->start();
    if (!r.process->waitForStarted(5000))
      return r;
    const QRegularExpression listening(QStringLiteral("listening on (127\\.0\\.0\\.1:\\d+)"));
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
      if (!r.process->waitForReadyRead(1000))
        continue;
      out += r.process->readAllStandardOutput();
      const auto m = listening.match(QString::fromUtf8(out));
      if (m.hasMatch()) {
        r.address = m.captured(1);
        break;
      }
    }
    for (const char *role : {"viewer", "responder", "commander", "admin"}) {
      QFile token(m_state.filePath(QStringLiteral("demo-tokens/%1.token").arg(role)));
      if (token.open(QIODevice::ReadOnly))
        r.tokens[role] = QString::fromUtf8(token.readAll()).trimmed();
    }
    return r;
  }

  static grpc::Status whoAmI(const QString &address, const QString &token, pxp::v1::WhoAmIResponse &resp) {
    auto stub =
        pxp::v1::ControlPlane::NewStub(grpc::CreateChannel(address.toStdString(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    if (!token.isNull())
      ctx.AddMetadata("authorization", "Bearer " + token.toStdString());
    return stub->WhoAmI(&ctx, {}, &resp);
  }

  static void stopGracefully(Running &r) {
    r.process->terminate();
    QVERIFY(r.process->waitForFinished(10000));
    QCOMPARE(r.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(r.process->exitCode(), 0);
  }

private slots:
  void initTestCase() { QVERIFY(m_state.isValid()); }

  void whoAmIReportsRoleOfEachDemoToken() {
    auto r = startPxpd();
    QVERIFY2(!r.address.isEmpty(), "pxpd did not report its address");
    QCOMPARE(r.tokens.size(), 4);
    QVERIFY((QFile::permissions(m_state.filePath("demo-tokens/admin.token")) & QFileDevice::ReadOther) == 0);

    pxp::v1::WhoAmIResponse resp;
    auto status = whoAmI(r.address, r.tokens["viewer"], resp);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(resp.role(), pxp::v1::ROLE_VIEWER);
    QCOMPARE(resp.actor(), std::string("demo-viewer"));
    QCOMPARE(resp.allowed_commands_size(), 0);

    status = whoAmI(r.address, r.tokens["commander"], resp);
    QVERIFY(status.ok());
    QCOMPARE(resp.role(), pxp::v1::ROLE_COMMANDER);
    QVERIFY(std::find(resp.allowed_commands().begin(), resp.allowed_commands().end(), "SetKillSwitch") !=
            resp.allowed_commands().end());
    QVERIFY(std::find(resp.allowed_commands().begin(), resp.allowed_commands().end(), "ReloadConfig") ==
            resp.allowed_commands().end());
    QCOMPARE(resp.world(), std::string("simulated"));
    stopGracefully(r);
  }

  void missingOrWrongTokenIsUnauthenticated() {
    auto r = startPxpd();
    QVERIFY(!r.address.isEmpty());
    pxp::v1::WhoAmIResponse resp;
    auto status = whoAmI(r.address, QString(), resp);
    QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    status = whoAmI(r.address, QStringLiteral("not-a-token-not-a-token"), resp);
    QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    // The daemon's answer never echoes what the caller sent.
    QVERIFY(status.error_message().find("not-a-token") == std::string::npos);
    // A burst of wrong tokens: logged once for the peer, never the token itself.
    for (int i = 0; i < 50; ++i)
      whoAmI(r.address, QStringLiteral("guess-%1-guess-guess").arg(i), resp);
    stopGracefully(r);
    const QString err = QString::fromUtf8(r.process->readAllStandardError());
    QCOMPARE(err.count(QStringLiteral("pxpd: refused an unauthenticated call from ipv4:127.0.0.1: ")), 1);
    QVERIFY2(err.contains(QStringLiteral(": missing 'authorization")), qPrintable(err));
    QVERIFY2(!err.contains(QStringLiteral("guess")) && !err.contains(QStringLiteral("not-a-token")), qPrintable(err));
  }

  void healthCheckServes() {
    auto r = startPxpd();
    QVERIFY(!r.address.isEmpty());
    auto channel = grpc::CreateChannel(r.address.toStdString(), grpc::InsecureChannelCredentials());
    auto health = grpc::health::v1::Health::NewStub(channel);
    for (const char *service : {"", "pxp.v1.ControlPlane"}) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      grpc::health::v1::HealthCheckRequest req;
      req.set_service(service);
      grpc::health::v1::HealthCheckResponse resp;
      const auto status = health->Check(&ctx, req, &resp);
      QVERIFY2(status.ok(), status.error_message().c_str());
      QCOMPARE(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
    }
    stopGracefully(r);
  }

  void killDashNineLosesNoCommittedAuditEntry() {
    auto r = startPxpd();
    QVERIFY(!r.address.isEmpty());
    auto stub = pxp::v1::ControlPlane::NewStub(
        grpc::CreateChannel(r.address.toStdString(), grpc::InsecureChannelCredentials()));
    std::vector<std::int64_t> confirmed;
    for (int i = 0; i < 40; ++i) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      ctx.AddMetadata("authorization", "Bearer " + r.tokens["responder"].toStdString());
      pxp::v1::SetFlagRequest req;
      req.mutable_meta()->set_reason("durability check " + std::to_string(i));
      req.mutable_meta()->set_idempotency_key("durable-" + std::to_string(i) + "-" +
                                              std::to_string(QDateTime::currentMSecsSinceEpoch()));
      req.set_key("cdn.image-recompression");
      req.set_enabled(i % 2 == 0);
      req.set_rollout_percent(-1);
      pxp::v1::CommandResult result;
      QVERIFY(stub->SetFlag(&ctx, req, &result).ok());
      QVERIFY2(result.ok(), result.message().c_str());
      confirmed.push_back(result.audit().seq());
    }
    r.process->kill(); // SIGKILL: no chance to flush anything
    QVERIFY(r.process->waitForFinished(5000));

    auto again = startPxpd();
    QVERIFY(!again.address.isEmpty());
    auto stub2 = pxp::v1::ControlPlane::NewStub(
        grpc::CreateChannel(again.address.toStdString(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    ctx.AddMetadata("authorization", "Bearer " + again.tokens["viewer"].toStdString());
    pxp::v1::QueryAuditRequest q;
    q.set_kind(pxp::v1::AUDIT_KIND_COMMAND);
    q.set_limit(1000);
    pxp::v1::QueryAuditResponse audit;
    QVERIFY(stub2->QueryAudit(&ctx, q, &audit).ok());
    std::set<std::int64_t> present;
    for (const auto &e : audit.entries())
      present.insert(e.seq());
    for (auto seq : confirmed)
      QVERIFY2(present.count(seq), qPrintable(QStringLiteral("audit seq %1 confirmed but lost").arg(seq)));
    stopGracefully(again);
  }

  void badConfigSaysFileAndLine() {
    QTemporaryDir dir;
    const QString path = dir.filePath("pxpd.yaml");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("listen: 127.0.0.1:0\nsimulate: true\nlisten_adress: oops\n");
    f.close();
    QProcess p;
    p.start(QStringLiteral(PXPD_BINARY), {"--config", path});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(path + ":3:"), qPrintable(err));
    QVERIFY2(err.contains("listen_adress"), qPrintable(err));
  }

  void helpAndVersion() {
    QProcess p;
    p.start(QStringLiteral(PXPD_BINARY), {"--version"});
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().startsWith("pxpd "));
    p.start(QStringLiteral(PXPD_BINARY), {"--help"});
    QVERIFY(p.waitForFinished(5000));
    QVERIFY(p.readAllStandardOutput().contains("--listen"));
  }
};

QTEST_GUILESS_MAIN(TestPxpdProcess)
#include "tst_pxpd_process.moc"
