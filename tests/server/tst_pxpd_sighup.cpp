// SIGHUP reloads a real pxpd process: an added SLO appears for Watch clients, an invalid file
// is reported on stderr with file:line while the daemon keeps serving the last good set, and
// SIGTERM still stops it cleanly afterwards.

#include "SloYaml.h"
#include "pxp/v1/control_plane.grpc.pb.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <csignal>

using testing::sloYaml;

class TestPxpdSighup : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QProcess m_pxpd;
  QByteArray m_stdout, m_stderr;
  QString m_address, m_viewerToken;

  void write(const QString &name, const std::string &text) {
    QFile f(m_dir.filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.data(), static_cast<qint64>(text.size()));
  }

  // Waits (bounded) until the process wrote `pattern` to stdout or stderr; returns the match.
  QRegularExpressionMatch waitForOutput(const QRegularExpression &pattern, int timeoutMs = 10000) {
    QElapsedTimer timer;
    timer.start();
    for (;;) {
      m_stdout += m_pxpd.readAllStandardOutput();
      m_stderr += m_pxpd.readAllStandardError();
      auto m = pattern.match(QString::fromUtf8(m_stdout + m_stderr));
      if (m.hasMatch() || timer.elapsed() > timeoutMs)
        return m;
      m_pxpd.waitForReadyRead(200);
    }
  }

  std::vector<std::string> sloIds() {
    auto stub = pxp::v1::ControlPlane::NewStub(
        grpc::CreateChannel(m_address.toStdString(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    ctx.AddMetadata("authorization", "Bearer " + m_viewerToken.toStdString());
    auto reader = stub->Watch(&ctx, {});
    pxp::v1::WatchResponse resp;
    std::vector<std::string> ids;
    if (reader->Read(&resp))
      for (const auto &s : resp.snapshot().slos())
        ids.push_back(s.id());
    ctx.TryCancel();
    reader->Finish();
    return ids;
  }

private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    write("slos.yaml", sloYaml("payments", "checkout-availability"));
    write("pxpd.yaml", "listen: 127.0.0.1:0\nsimulate: true\nslo_files: [slos.yaml]\nstate_dir: state\n");
    m_pxpd.setProgram(QStringLiteral(PXPD_BINARY));
    m_pxpd.setArguments({"--config", m_dir.filePath("pxpd.yaml")});
    m_pxpd.start();
    QVERIFY(m_pxpd.waitForStarted(5000));
    const auto m = waitForOutput(QRegularExpression("listening on (127\\.0\\.0\\.1:\\d+)"));
    QVERIFY2(m.hasMatch(), m_stderr.constData());
    m_address = m.captured(1);
    QFile token(m_dir.filePath("state/demo-tokens/viewer.token"));
    QVERIFY(token.open(QIODevice::ReadOnly));
    m_viewerToken = QString::fromUtf8(token.readAll()).trimmed();
    QCOMPARE(sloIds(), std::vector<std::string>{"payments/checkout-availability"});
  }

  void sighupPicksUpAnAddedSlo() {
    write("slos.yaml", sloYaml("payments", "checkout-availability") + sloYaml("ledger", "posting", 0.99));
    QCOMPARE(::kill(static_cast<pid_t>(m_pxpd.processId()), SIGHUP), 0);
    const auto m = waitForOutput(QRegularExpression("SIGHUP: reloaded: SLOs: 1 added \\(ledger/posting\\)"));
    QVERIFY2(m.hasMatch(), (m_stdout + m_stderr).constData());
    QCOMPARE(sloIds(), (std::vector<std::string>{"payments/checkout-availability", "ledger/posting"}));
  }

  void sighupWithAnInvalidFileKeepsTheLastGoodSet() {
    std::string broken = sloYaml("search", "query-latency");
    broken.replace(broken.find("budgetingMethod: Occurrences"), 28, "budgetingMethod: Timeslices");
    write("slos.yaml", sloYaml("payments", "checkout-availability") + broken);
    QCOMPARE(::kill(static_cast<pid_t>(m_pxpd.processId()), SIGHUP), 0);
    const QString file = QRegularExpression::escape(m_dir.filePath("slos.yaml"));
    const auto m = waitForOutput(QRegularExpression("SIGHUP: reload failed: " + file + ":(\\d+): .*Timeslices"));
    QVERIFY2(m.hasMatch(), (m_stdout + m_stderr).constData());
    QVERIFY(m.captured(1).toInt() > 1);
    QVERIFY2(m_stderr.contains("still serving the previous 2 SLOs"), m_stderr.constData());
    QCOMPARE(sloIds(), (std::vector<std::string>{"payments/checkout-availability", "ledger/posting"}));
  }

  void sigtermStillStops() {
    m_pxpd.terminate();
    QVERIFY(m_pxpd.waitForFinished(10000));
    QCOMPARE(m_pxpd.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_pxpd.exitCode(), 0);
  }
};

QTEST_GUILESS_MAIN(TestPxpdSighup)
#include "tst_pxpd_sighup.moc"
