// A gRPC client of another implementation (@grpc/grpc-js with @grpc/proto-loader, reading the
// repository's proto/pxp/v1/*.proto at run time) against a real pxpd on loopback: WhoAmI
// answers with the token's identity, Watch delivers the snapshot and live events, and SetFlag
// is executed once and audited with the client's reason and idempotency key — the contract is
// usable from outside C++.

#include "InteropSupport.h"
#include "RealParts.h"

#include "pxp/v1/control_plane.grpc.pb.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <grpcpp/grpcpp.h>

using pxp::interop::Pxpd;

class TestGrpcJsClient : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Pxpd m_pxpd;

private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pxpd.start(m_dir.filePath("state"), {"--simulate"}), m_pxpd.output().constData());
  }

  void whoAmIWatchAndSetFlagFromGrpcJs() {
    const QString key = QStringLiteral("grpcjs-interop-%1").arg(QDateTime::currentMSecsSinceEpoch());
    const QString reason = QStringLiteral("interop: grpc-js toggles a flag");
    const auto run = pxp::interop::runNode(
        "grpcjs/client.js", {"--address", m_pxpd.address(), "--token-file", m_pxpd.tokenFile("responder"),
                             "--proto-dir", PXP_SOURCE_DIR "/proto", "--idempotency-key", key, "--reason", reason});
    QVERIFY2(run.exitCode == 0, run.err.constData());

    const auto who = run.json["whoami"].toObject();
    QCOMPARE(who["actor"].toString(), QStringLiteral("demo-responder"));
    QCOMPARE(who["role"].toString(), QStringLiteral("ROLE_RESPONDER"));
    QCOMPARE(who["world"].toString(), QStringLiteral("simulated"));

    const auto watch = run.json["watch"].toObject();
    QVERIFY(!watch["streamId"].toString().isEmpty());
    QVERIFY2(watch["slos"].toInt() > 0, run.out.constData());
    QVERIFY(watch["flags"].toInt() > 0);
    QVERIFY(watch["events"].toInt() >= 1);
    QVERIFY(watch["eventKinds"].toArray().contains(QStringLiteral("slo_status")));

    const auto set = run.json["setFlag"].toObject();
    QVERIFY(set["ok"].toBool());
    QCOMPARE(set["auditCommand"].toString(), QStringLiteral("SetFlag"));
    const std::string flagKey = set["key"].toString().toStdString();
    const bool enabledBefore = set["enabledBefore"].toBool();

    // The command was applied: the audit log holds it once, with the client's words...
    auto api = pxp::v1::ControlPlane::NewStub(
        grpc::CreateChannel(m_pxpd.address().toStdString(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + m_pxpd.token("viewer"));
    pxp::v1::QueryAuditRequest req;
    req.set_kind(pxp::v1::AUDIT_KIND_COMMAND);
    pxp::v1::QueryAuditResponse audit;
    QVERIFY(api->QueryAudit(&ctx, req, &audit).ok());
    int matches = 0;
    for (const auto &e : audit.entries()) {
      if (e.idempotency_key() != key.toStdString())
        continue;
      ++matches;
      QCOMPARE(e.command(), std::string("SetFlag"));
      QCOMPARE(e.actor(), std::string("demo-responder"));
      QCOMPARE(e.reason(), reason.toStdString());
      QVERIFY(e.ok());
      QVERIFY(e.target().find(flagKey) != std::string::npos);
      QCOMPARE(QString::number(e.seq()), set["auditSeq"].toString());
    }
    QCOMPARE(matches, 1);

    // ...and every console watching sees the flag in its new state.
    grpc::ClientContext watchCtx;
    watchCtx.AddMetadata("authorization", "Bearer " + m_pxpd.token("viewer"));
    watchCtx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    auto stream = api->Watch(&watchCtx, pxp::v1::WatchRequest());
    pxp::v1::WatchResponse first;
    QVERIFY(stream->Read(&first));
    watchCtx.TryCancel();
    stream->Finish();
    bool found = false;
    for (const auto &f : first.snapshot().flags())
      if (f.key() == flagKey) {
        found = true;
        QCOMPARE(f.enabled(), !enabledBefore);
        QCOMPARE(f.updated_by(), std::string("demo-responder"));
      }
    QVERIFY(found);
  }
};

PXP_QTEST_GUILESS_MAIN_REQUIRING(TestGrpcJsClient,
                                 pxp::interop::nodeUnavailable({"@grpc/grpc-js", "@grpc/proto-loader"}))
#include "tst_grpcjs_client.moc"
