// Prometheus over HTTPS with basic auth, as production runs it: a real Prometheus (the Debian
// package) serving TLS from a certificate this test makes with openssl, asking for a password
// (--web.config.file). pxpd reads an SLO through it with the CA file and the password file, and
// the figures match the backfilled counters. A wrong CA, an expired certificate, a wrong
// password and a credential over plain http:// to another host each give an error that says
// why, and none of them invents a number.

#include "DaemonFixture.h"
#include "PrometheusTestServer.h"
#include "RealParts.h"

#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <functional>
#include <memory>

using namespace testing;

namespace {

const std::string kSloId = "checkout/availability";
constexpr std::int64_t kMinutes = 180; // three hours of counters
constexpr int kTotalPerMinute = 100, kBadPerMinute = 1;
const char *kUser = "pxp";
const char *kPassword = "pxp-test-password";
// bcrypt of kPassword (cost 4: Prometheus accepts it and checks it quickly).
const char *kPasswordHash = "$2b$04$sg/vnHbLrmg4GxybMQzI7OJKb751LLa8emK.wU5rVbTDAx1H/KpOO";

QString missingParts() {
  if (QString p = PrometheusTestServer::missing(); !p.isEmpty())
    return p;
  if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
    return QStringLiteral("openssl is not on PATH (Debian package 'openssl'; ./setup.sh installs it)");
  return {};
}

struct Access {
  std::string url;
  std::string tls;  // the YAML lines under connectionDetails for tls (may be "")
  std::string auth; // the YAML lines for basicAuth / bearerTokenFile (may be "")
};

std::string sloFile(const Access &a) {
  return "apiVersion: openslo/v1\nkind: DataSource\nmetadata:\n  name: prom\nspec:\n  type: Prometheus\n"
         "  connectionDetails:\n    url: " +
         a.url + "\n    timeout: 5s\n    step: 60s\n" + a.tls + a.auth +
         "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: availability\nspec:\n  service: checkout\n"
         "  indicator:\n    spec:\n      ratioMetric:\n        counter: true\n"
         "        bad:\n          metricSource:\n            type: Prometheus\n            metricSourceRef: prom\n"
         "            spec:\n              query: 'http_requests_total{job=\"checkout\",code=\"500\"}'\n"
         "        total:\n          metricSource:\n            type: Prometheus\n            metricSourceRef: prom\n"
         "            spec:\n              query: 'sum(increase(http_requests_total{job=\"checkout\"}[{{.window}}]))'\n"
         "  timeWindow:\n    - duration: 30d\n      isRolling: true\n  budgetingMethod: Occurrences\n"
         "  objectives:\n    - target: 0.999\n";
}

} // namespace

class TestPrometheusTls : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  PrometheusTestServer m_prometheus;
  std::int64_t m_endSeconds = 0;

  QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

  bool openssl(const QStringList &args, QString &error) const {
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60'000) || p.exitCode() != 0) {
      error = "openssl " + args.join(' ') + ": " + QString::fromUtf8(p.readAll());
      return false;
    }
    return true;
  }

  // A CA, a second CA nobody trusts, and a server certificate for 127.0.0.1 signed by the first:
  // valid for two days, and a copy that expired in 2020.
  bool makeCertificates(QString &error) const {
    QFile cnf(path("ca.cnf"));
    QFile index(path("index.txt"));
    QFile serial(path("serial"));
    if (!cnf.open(QIODevice::WriteOnly) || !index.open(QIODevice::WriteOnly) || !serial.open(QIODevice::WriteOnly))
      return false;
    cnf.write("[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
              "default_md = sha256\npolicy = p\ncopy_extensions = copy\nunique_subject = no\n"
              "[p]\ncommonName = supplied\n");
    serial.write("01\n");
    cnf.close();
    serial.close();
    index.close();
    const QString days = QStringLiteral("2");
    return openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days",
                    days, "-subj", "/CN=pxp test CA"},
                   error) &&
           openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem",
                    "-days", days, "-subj", "/CN=someone else's CA"},
                   error) &&
           openssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
                   error) &&
           openssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                    "server.pem", "-days", days, "-copy_extensions", "copy"},
                   error) &&
           openssl({"ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "server.csr",
                    "-out", "expired.pem", "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-notext"},
                   error);
  }

  QByteArray webConfig(const char *certificate) const {
    return "tls_server_config:\n  cert_file: " + path(certificate).toUtf8() +
           "\n  key_file: " + path("server.key").toUtf8() + "\nbasic_auth_users:\n  " + kUser + ": " + kPasswordHash +
           "\n";
  }

  // 100 requests a minute, 1 of them failing, for three hours up to m_endSeconds.
  QByteArray counters() const {
    QByteArray out = "# TYPE http_requests counter\n";
    for (const bool errors : {false, true})
      for (std::int64_t i = 0; i <= kMinutes; ++i)
        out += "http_requests_total{code=\"" + QByteArray(errors ? "500" : "200") + "\",job=\"checkout\"} " +
               QByteArray::number(static_cast<qint64>(i * (errors ? kBadPerMinute : kTotalPerMinute - kBadPerMinute))) +
               " " + QByteArray::number(static_cast<qint64>(m_endSeconds - (kMinutes - i) * 60)) + "\n";
    return out + "# EOF\n";
  }

  std::string writeFile(const char *name, const std::string &text) const {
    QFile f(path(name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
      return {};
    f.write(text.data(), static_cast<qint64>(text.size()));
    return path(name).toStdString();
  }

  std::string tlsLines(const char *caFile, bool insecure = false) const {
    return "    tls:\n      caFile: " + path(caFile).toStdString() + "\n" +
           (insecure ? "      insecureSkipVerify: true\n" : "");
  }
  std::string basicAuthLines(const char *password) const {
    return "    basicAuth:\n      username: " + std::string(kUser) +
           "\n      passwordFile: " + writeFile("password", std::string(password) + "\n") + "\n";
  }

  // pxpd (in process) on the SLO file, its clock 45 s after the data's last sample; ticks until
  // the SLO has left "no data yet". Returns that status.
  pxp::v1::SloStatus settledStatus(const Access &access, std::string &startError) {
    const std::string file = writeFile("slos.yaml", sloFile(access));
    DaemonFixture f(
        [&](pxpd::DaemonConfig &c) {
          c.simulate = false;
          c.sloFiles = {file};
        },
        (m_endSeconds + 45) * 1000);
    startError = f.startError;
    pxp::v1::SloStatus st;
    if (!f.started())
      return st;
    const auto settled = [&] {
      f.daemon->tickNow();
      st = *f.status(f.snapshot(), kSloId);
      return !QString::fromStdString(st.error()).contains("no data yet");
    };
    if (!QTest::qWaitFor(settled, 30'000))
      qWarning("gave up waiting; the SLO says: %s", st.error().c_str());
    return st;
  }

private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_endSeconds = QDateTime::currentSecsSinceEpoch() / 60 * 60 - 600;
    QString error;
    QVERIFY2(makeCertificates(error), qPrintable(error));
    QVERIFY(m_prometheus.setWebConfig(webConfig("server.pem"), /*https=*/true));
    QVERIFY2(m_prometheus.start(counters(), error), qPrintable(error));
  }

  void readsThroughHttpsWithBasicAuth() {
    std::string startError;
    const auto st =
        settledStatus({m_prometheus.url().toStdString(), tlsLines("ca.pem"), basicAuthLines(kPassword)}, startError);
    QVERIFY2(startError.empty(), startError.c_str());
    QVERIFY2(st.error().empty(), st.error().c_str());
    QCOMPARE(st.last_data_ms(), m_endSeconds * 1000);
    // The last hour of the counters: 60 minutes of 100 requests, 1 % failing: 10x the budget's pace.
    const auto hour = std::find_if(st.windows().begin(), st.windows().end(),
                                   [](const auto &w) { return w.window_seconds() == 3600; });
    QVERIFY(hour != st.windows().end());
    QCOMPARE(std::llround(hour->total_events()), 60LL * kTotalPerMinute);
    QVERIFY2(std::abs(hour->burn_rate() - 10.0) < 0.01, qPrintable(QString::number(hour->burn_rate())));
  }

  void refusalsSayWhy_data() {
    QTest::addColumn<QString>("tls");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QStringList>("reasonContains");
    QTest::newRow("CA that did not sign it")
        << QString::fromStdString(tlsLines("other-ca.pem")) << kPassword
        << QStringList{"TLS: the server's certificate is not trusted", "other-ca.pem", "DataSource 'prom'"};
    QTest::newRow("no CA file, system store")
        << QString() << kPassword << QStringList{"not trusted", "set caFile to the CA that signed it"};
    QTest::newRow("wrong password") << QString::fromStdString(tlsLines("ca.pem")) << "not-the-password"
                                    << QStringList{"HTTP 401", "refused the credentials", "basicAuth user pxp"};
  }

  void refusalsSayWhy() {
    QFETCH(QString, tls);
    QFETCH(QString, password);
    QFETCH(QStringList, reasonContains);
    std::string startError;
    const auto st = settledStatus(
        {m_prometheus.url().toStdString(), tls.toStdString(), basicAuthLines(password.toUtf8().constData())},
        startError);
    QVERIFY2(startError.empty(), startError.c_str());
    QCOMPARE(st.state(), pxp::v1::SLO_STATE_ERROR);
    for (const QString &part : reasonContains)
      QVERIFY2(QString::fromStdString(st.error()).contains(part),
               qPrintable(part + " not in: " + QString::fromStdString(st.error())));
    QVERIFY(std::isnan(st.budget_remaining_ratio())); // unknown, never a silent 100 %
    QVERIFY(QString::fromStdString(st.error()).indexOf(kPassword) < 0);
  }

  void anExpiredCertificateIsRefused() {
    // Prometheus reads its web config on every request: the next handshake offers the expired one.
    QVERIFY(m_prometheus.setWebConfig(webConfig("expired.pem"), true));
    std::string startError;
    const auto st =
        settledStatus({m_prometheus.url().toStdString(), tlsLines("ca.pem"), basicAuthLines(kPassword)}, startError);
    QVERIFY(m_prometheus.setWebConfig(webConfig("server.pem"), true));
    QVERIFY2(startError.empty(), startError.c_str());
    QCOMPARE(st.state(), pxp::v1::SLO_STATE_ERROR);
    QVERIFY2(QString::fromStdString(st.error()).contains("certificate has expired"), st.error().c_str());
  }

  void insecureSkipVerifyTrustsAnyCertificate() {
    std::string startError;
    const auto st = settledStatus(
        {m_prometheus.url().toStdString(), tlsLines("other-ca.pem", /*insecure=*/true), basicAuthLines(kPassword)},
        startError);
    QVERIFY2(startError.empty(), startError.c_str());
    QVERIFY2(st.error().empty(), st.error().c_str());
    QCOMPARE(st.last_data_ms(), m_endSeconds * 1000);
  }

  void aCredentialOverPlainHttpToAnotherHostIsRefused() {
    // 192.0.2.0/24 is TEST-NET-1: never reached, the load refuses before any connection.
    std::string startError;
    settledStatus({"http://192.0.2.10:9090", "", basicAuthLines(kPassword)}, startError);
    const QString error = QString::fromStdString(startError);
    QVERIFY2(error.startsWith(path("slos.yaml") + ":1: "), qPrintable(error));
    QVERIFY2(error.contains("'http://192.0.2.10:9090' is plain http:// to 192.0.2.10"), qPrintable(error));
    QVERIFY2(error.contains("Use https://"), qPrintable(error));
    QVERIFY(!error.contains(kPassword));
    // The same credential to a loopback Prometheus over http:// is allowed (nothing crosses a network).
    settledStatus({"http://127.0.0.1:9", "", basicAuthLines(kPassword)}, startError);
    QVERIFY2(startError.empty(), startError.c_str());
  }
};

PXP_QTEST_GUILESS_MAIN_REQUIRING(TestPrometheusTls, missingParts())
#include "tst_prometheus_tls.moc"
