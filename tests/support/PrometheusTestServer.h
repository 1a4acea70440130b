#pragma once
// PrometheusTestServer: a real Prometheus (the Debian package's /usr/bin/prometheus) started by
// a test on a free loopback port, with a private storage directory holding data the test made:
// OpenMetrics text turned into TSDB blocks by `promtool tsdb create-blocks-from openmetrics`.
// Shared by the daemon tests (tests/server) and the console's PromQL panel test (tests/ui).
// Thread affinity: the test thread.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

namespace testing {

class PrometheusTestServer {
public:
  PrometheusTestServer() = default;
  PrometheusTestServer(const PrometheusTestServer &) = delete;
  PrometheusTestServer &operator=(const PrometheusTestServer &) = delete;
  ~PrometheusTestServer() { stop(); }

  // Where prometheus and promtool are (on PATH).
  static QString binary(const QString &name) { return QStandardPaths::findExecutable(name); }
  // "" when both are installed; else which one is missing and how to get it (RealParts.h).
  static QString missing() {
    for (const char *name : {"prometheus", "promtool"})
      if (binary(QString::fromLatin1(name)).isEmpty())
        return QStringLiteral("%1 is not on PATH (Debian package 'prometheus'; ./setup.sh installs it)").arg(name);
    return {};
  }

  // Serve HTTPS and/or ask for basic auth: `webConfigYaml` is Prometheus's --web.config.file
  // (tls_server_config, basic_auth_users). Call before start(); Prometheus re-reads the file on
  // every request, so calling it again later swaps certificates without a restart. Files the
  // config names can live in dir().
  bool setWebConfig(const QByteArray &webConfigYaml, bool https) {
    m_https = https;
    m_webConfig = m_dir.filePath(QStringLiteral("web.yml"));
    return writeFile(m_webConfig, webConfigYaml);
  }
  QString dir() const { return m_dir.path(); }

  // Writes `openMetrics` (ending in "# EOF"), backfills it into blocks and starts Prometheus.
  // false with `error` naming the step that failed and its output.
  bool start(const QByteArray &openMetrics, QString &error) {
    if (!m_dir.isValid()) {
      error = QStringLiteral("cannot create a temporary directory");
      return false;
    }
    const QString data = m_dir.filePath(QStringLiteral("data.om"));
    const QString tsdb = m_dir.filePath(QStringLiteral("tsdb"));
    if (!writeFile(data, openMetrics) ||
        !writeFile(m_dir.filePath(QStringLiteral("prometheus.yml")), "global:\n  scrape_interval: 1m\n")) {
      error = QStringLiteral("cannot write into %1").arg(m_dir.path());
      return false;
    }
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    // Day-long blocks: 30 days are ~30 blocks, not ~360, so Prometheus opens them quickly.
    promtool.start(binary(QStringLiteral("promtool")),
                   {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"), QStringLiteral("openmetrics"),
                    QStringLiteral("--max-block-duration=24h"), data, tsdb});
    if (!promtool.waitForFinished(120'000) || promtool.exitCode() != 0) {
      error = QStringLiteral("promtool tsdb create-blocks-from openmetrics failed: %1")
                  .arg(QString::fromUtf8(promtool.readAll()).right(2000));
      return false;
    }
    m_port = freePort();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("--config.file=") + m_dir.filePath(QStringLiteral("prometheus.yml")),
                     QStringLiteral("--storage.tsdb.path=") + tsdb,
                     // Longer than the data, or Prometheus deletes the backfilled blocks at start.
                     QStringLiteral("--storage.tsdb.retention.time=400d"),
                     QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_port)};
    if (!m_webConfig.isEmpty())
      args << QStringLiteral("--web.config.file=") + m_webConfig;
    m_process->start(binary(QStringLiteral("prometheus")), args);
    // Ready when it says so (it logs this line once the TSDB is open and the API serves).
    QByteArray log;
    const QDeadlineTimer deadline(60'000);
    while (!log.contains("Server is ready to receive web requests")) {
      if (deadline.hasExpired() || m_process->state() == QProcess::NotRunning ||
          !m_process->waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
        log += m_process->readAll();
        error = QStringLiteral("prometheus did not become ready on port %1: %2")
                    .arg(m_port)
                    .arg(QString::fromUtf8(log).right(2000));
        stop();
        return false;
      }
      log += m_process->readAll();
    }
    return true;
  }

  // Loads recording and alerting rules: writes them beside the config, adds them to it with a 1 s
  // evaluation interval, and has Prometheus reload (SIGHUP). false with `error` when it cannot.
  bool loadRules(const QByteArray &rulesYaml, QString &error) {
    const QString rules = m_dir.filePath(QStringLiteral("rules.yml"));
    if (!writeFile(rules, rulesYaml) ||
        !writeFile(m_dir.filePath(QStringLiteral("prometheus.yml")),
                   "global:\n  scrape_interval: 1m\n  evaluation_interval: 1s\nrule_files:\n  - " + rules.toUtf8() +
                       "\n")) {
      error = QStringLiteral("cannot write into %1").arg(m_dir.path());
      return false;
    }
    if (!m_process || ::kill(static_cast<pid_t>(m_process->processId()), SIGHUP) != 0) {
      error = QStringLiteral("prometheus is not running");
      return false;
    }
    return true;
  }

  QString url() const { return QStringLiteral("%1://127.0.0.1:%2").arg(m_https ? "https" : "http").arg(m_port); }
  int port() const { return m_port; }

  void stop() {
    if (!m_process)
      return;
    m_process->terminate();
    if (!m_process->waitForFinished(10'000))
      m_process->kill();
    m_process->waitForFinished(5'000);
    m_process.reset();
  }

  // A loopback port nobody listens on right now (bound with port 0, then released).
  static int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
      port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
  }

private:
  static bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
  }

  QTemporaryDir m_dir;
  std::unique_ptr<QProcess> m_process;
  int m_port = 0;
  QString m_webConfig; // "" = plain HTTP, no auth
  bool m_https = false;
};

} // namespace testing
