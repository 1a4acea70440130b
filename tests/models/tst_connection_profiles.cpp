// Connection profiles in QSettings: saved and found by name, bad input refused with a reason,
// tokens read from their file and never written into the settings.

#include "pxp/models/ConnectionProfiles.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using pxp::models::ConnectionProfile;
using pxp::models::ConnectionProfiles;

class TestConnectionProfiles : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  std::unique_ptr<QSettings> settings() {
    return std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
  }

private slots:
  void embeddedIsAlwaysFirst() {
    auto s = settings();
    ConnectionProfiles profiles(s.get());
    QCOMPARE(profiles.all().first().name, QStringLiteral("embedded"));
    QVERIFY(profiles.all().first().embedded);
    QCOMPARE(profiles.lastUsed(), QStringLiteral("embedded"));
  }

  void savesFindsAndRemovesAProfile() {
    auto s = settings();
    ConnectionProfiles profiles(s.get());
    ConnectionProfile p;
    p.name = QStringLiteral("prod-eu");
    p.address = QStringLiteral("pxpd.eu.example:7300");
    p.tls = true;
    p.caFile = QStringLiteral("/etc/pxp/ca.pem");
    p.tokenSource = ConnectionProfile::TokenSource::File;
    p.tokenFile = m_dir.filePath(QStringLiteral("token"));
    p.prometheusUrl = QStringLiteral("http://prom:9090");
    QCOMPARE(profiles.save(p), QString());
    // A fresh reader of the same file sees it.
    auto s2 = settings();
    ConnectionProfiles again(s2.get());
    const auto found = again.find(QStringLiteral("prod-eu"));
    QVERIFY(found);
    QCOMPARE(found->address, p.address);
    QVERIFY(found->tls);
    QCOMPARE(found->tokenSource, ConnectionProfile::TokenSource::File);
    QCOMPARE(found->prometheusUrl, p.prometheusUrl);
    again.remove(QStringLiteral("prod-eu"));
    QVERIFY(!again.find(QStringLiteral("prod-eu")));
  }

  void badProfilesAreRefusedWithAReason_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no name") << ""
                             << "h:1"
                             << "needs a name";
    QTest::newRow("embedded") << "embedded"
                              << "h:1"
                              << "built-in";
    QTest::newRow("no port") << "x"
                             << "pxpd.example.com"
                             << "HOST:PORT";
  }
  void badProfilesAreRefusedWithAReason() {
    QFETCH(QString, name);
    QFETCH(QString, address);
    QFETCH(QString, expected);
    auto s = settings();
    ConnectionProfiles profiles(s.get());
    ConnectionProfile p;
    p.name = name;
    p.address = address;
    QVERIFY(profiles.save(p).contains(expected));
  }

  void tokenComesFromItsFileAndNeverLandsInSettings() {
    const QString tokenFile = m_dir.filePath(QStringLiteral("responder.token"));
    QFile f(tokenFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("s3cr3t-token-value-123\n");
    f.close();
    auto s = settings();
    ConnectionProfiles profiles(s.get());
    ConnectionProfile p;
    p.name = QStringLiteral("staging");
    p.address = QStringLiteral("127.0.0.1:7300");
    p.tokenSource = ConnectionProfile::TokenSource::File;
    p.tokenFile = tokenFile;
    QCOMPARE(profiles.save(p), QString());
    QString token, error;
    QVERIFY(ConnectionProfiles::resolveToken(*profiles.find(QStringLiteral("staging")), token, error));
    QCOMPARE(token, QStringLiteral("s3cr3t-token-value-123"));
    s->sync();
    QFile ini(m_dir.filePath(QStringLiteral("console.ini")));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("s3cr3t"));
  }

  void unreadableTokenFileSaysWhichFile() {
    ConnectionProfile p;
    p.name = QStringLiteral("x");
    p.tokenSource = ConnectionProfile::TokenSource::File;
    p.tokenFile = m_dir.filePath(QStringLiteral("missing.token"));
    QString token, error;
    QVERIFY(!ConnectionProfiles::resolveToken(p, token, error));
    QVERIFY2(error.contains(QStringLiteral("missing.token")), qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TestConnectionProfiles)
#include "tst_connection_profiles.moc"
