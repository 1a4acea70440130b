#pragma once
// A real pxpd process for end-to-end tests: started on loopback with a state directory of the
// test's choosing, its address read from the "listening on" line (bounded waits, no sleeps),
// and its demo tokens where pxpd writes them.

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

#include <memory>

namespace pxp::testing {

class PxpdProcess {
public:
  // `listen`: "127.0.0.1:0" for any free port, or the port of an earlier run.
  bool start(const QString &stateDir, const QString &listen = QStringLiteral("127.0.0.1:0")) {
    m_stateDir = stateDir;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QStringLiteral(PXPD_BINARY));
    m_process->setArguments({"--listen", listen, "--simulate", "--state-dir", stateDir, "--time-scale", "60"});
    m_process->start();
    if (!m_process->waitForStarted(5000))
      return false;
    const QRegularExpression listening(QStringLiteral("listening on (127\\.0\\.0\\.1:\\d+)"));
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000 && m_process->state() == QProcess::Running) {
      if (!m_process->waitForReadyRead(1000))
        continue;
      out += m_process->readAllStandardOutput();
      if (const auto m = listening.match(QString::fromUtf8(out)); m.hasMatch()) {
        m_address = m.captured(1);
        return true;
      }
    }
    qWarning("pxpd did not start: %s %s", out.constData(), m_process->readAllStandardError().constData());
    return false;
  }

  // SIGTERM, then a bounded wait for the graceful stop.
  bool stop() {
    if (!m_process)
      return true;
    m_process->terminate();
    const bool stopped = m_process->waitForFinished(10000);
    m_process.reset();
    return stopped;
  }

  ~PxpdProcess() {
    if (m_process) {
      m_process->kill();
      m_process->waitForFinished(5000);
    }
  }

  const QString &address() const { return m_address; }
  // pxpd mints fresh demo tokens on every start.
  QString tokenFile(const QString &role) const {
    return m_stateDir + QStringLiteral("/demo-tokens/%1.token").arg(role);
  }

private:
  std::unique_ptr<QProcess> m_process;
  QString m_stateDir;
  QString m_address;
};

} // namespace pxp::testing
