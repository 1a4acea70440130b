// pxpd's outbound HTTP client (libcurl) against a loopback receiver that records what arrived:
// a DataSource's or webhook's extra headers (Mimir / Cortex tenants) and bearer token reach the
// server, gzip is offered, an error status keeps its reason phrase, an answer over the size
// limit is an error that says so, a stop request ends a hung call at once, and mistakes that no
// call can fix (an Authorization header in config, half a client certificate) are refused.

#include "TinyHttpServer.h"
#include "http/HttpClient.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>
#include <thread>

using pxpd::http::Client;
using pxpd::http::Endpoint;
using pxpd::http::Request;

class TestHttpClient : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  std::string file(const char *name, const std::string &text) const {
    const std::string path = m_dir.filePath(QString::fromLatin1(name)).toStdString();
    std::ofstream(path) << text;
    return path;
  }

private slots:
  void headersAndTokenReachTheServer() {
    TinyHttpServer server({200});
    Endpoint e;
    e.url = server.url("/prometheus");
    e.name = "DataSource 'mimir'";
    e.headers = {{"X-Scope-OrgID", "tenant-a"}};
    e.bearerTokenFile = file("token", "s3cret-token\n");
    Client client(e);
    Request r;
    r.method = "POST";
    r.path = "api/v1/query";
    r.contentType = "application/x-www-form-urlencoded";
    r.body = "query=up";
    const auto answer = client.send(r);
    QVERIFY2(answer.ok(), answer.error.c_str());
    QCOMPARE(answer.body, std::string(R"({"ok":true})"));
    const auto got = server.waitForRequests(1, std::chrono::seconds(5));
    QCOMPARE(got.size(), std::size_t{1});
    const QString head = QString::fromStdString(got[0].head);
    QVERIFY2(head.startsWith("POST /prometheus/api/v1/query HTTP/1.1"), qPrintable(head));
    QVERIFY2(head.contains("X-Scope-OrgID: tenant-a"), qPrintable(head));
    QVERIFY2(head.contains("Authorization: Bearer s3cret-token"), qPrintable(head));
    QVERIFY2(head.contains(QRegularExpression("Accept-Encoding: .*gzip")), qPrintable(head));
    QCOMPARE(got[0].body, std::string("query=up"));
  }

  void anErrorStatusKeepsItsReason() {
    TinyHttpServer server({503});
    Endpoint e;
    e.url = server.url();
    e.name = "webhook";
    const auto answer = Client(e).send({});
    QVERIFY(answer.error.empty());
    QCOMPARE(answer.status, 503);
    QCOMPARE(answer.reason, std::string("Server Error"));
    QVERIFY(!answer.ok());
  }

  void anAnswerOverTheLimitIsAnError() {
    TinyHttpServer server({200});
    Endpoint e;
    e.url = server.url();
    e.name = "webhook";
    Request r;
    r.maxBodyBytes = 4; // the receiver sends 11 bytes
    const auto answer = Client(e).send(r);
    QVERIFY2(QString::fromStdString(answer.error).contains("longer than"), answer.error.c_str());
  }

  void aStopEndsAHungCall() {
    // A listener that never answers.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 && ::listen(fd, 4) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0);
    Endpoint e;
    e.url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
    e.name = "webhook";
    e.timeout = std::chrono::seconds(60);
    Client client(e);
    std::stop_source stop;
    QElapsedTimer timer;
    timer.start();
    std::jthread stopper([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      stop.request_stop();
    });
    const auto answer = client.send({}, stop.get_token());
    QVERIFY2(timer.elapsed() < 10'000, "the stop request ended the call");
    QVERIFY2(QString::fromStdString(answer.error).startsWith("stopped"), answer.error.c_str());
    ::close(fd);
  }

  void mistakesNoCallCanFixAreRefused_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("header");
    QTest::addColumn<bool>("halfCertificate");
    QTest::addColumn<QString>("reason");
    QTest::newRow("ftp") << "ftp://127.0.0.1/x" << QString() << false << "is not an http:// or https:// URL";
    QTest::newRow("password in URL") << "https://u:p@example.com/" << QString() << false << "carries user:password@";
    QTest::newRow("Authorization header") << "https://example.com/"
                                          << "Authorization" << false << "bearerTokenFile or basicAuth";
    QTest::newRow("newline in header") << "https://example.com/"
                                       << "X-A\r\nX-B" << false << "not a valid HTTP header";
    QTest::newRow("half a client certificate")
        << "https://example.com/" << QString() << true << "needs both certFile and keyFile";
  }

  void mistakesNoCallCanFixAreRefused() {
    QFETCH(QString, url);
    QFETCH(QString, header);
    QFETCH(bool, halfCertificate);
    QFETCH(QString, reason);
    Endpoint e;
    e.url = url.toStdString();
    e.name = "DataSource 'x'";
    if (!header.isEmpty())
      e.headers = {{header.toStdString(), "v"}};
    if (halfCertificate)
      e.tls.certFile = file("client.pem", "-");
    const auto checked = Client::check(e);
    QVERIFY(!checked);
    QVERIFY2(QString::fromStdString(checked.error()).contains(reason), checked.error().c_str());
    const auto answer = Client(e).send({}); // refused before any connection, with the same words
    QCOMPARE(answer.error, checked.error());
  }

  void loopbackHosts() {
    for (const char *host : {"localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]"})
      QVERIFY2(Client::isLoopbackHost(host), host);
    for (const char *host : {"127.0.0.1.example.com", "10.0.0.1", "example.com", "::2", ""})
      QVERIFY2(!Client::isLoopbackHost(host), host);
  }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
