#pragma once
// Support for the interop tests: a real pxpd started with the test's arguments (address read
// from its "listening on" line, bounded waits), and node scripts run to completion with their
// output captured. Node and the npm packages come from ../../setup.sh; when either is missing
// nodeUnavailable() says why, and the tests skip (or fail under CI=true) with that text.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <memory>

namespace pxp::interop {

// "" when node and `package` (e.g. "@grpc/grpc-js") are installed; else what to do about it.
inline QString nodeUnavailable(const QStringList &packages) {
  const QString node = QStringLiteral(PXP_NODE_EXECUTABLE);
  if (node.isEmpty() || !QFileInfo(node).isExecutable())
    return QStringLiteral("node was not found when CMake configured the build: install Node.js (./setup.sh build "
                          "does) and re-run cmake");
  for (const auto &p : packages)
    if (!QFileInfo::exists(QStringLiteral(PXP_INTEROP_DIR "/node_modules/") + p + QStringLiteral("/package.json")))
      return QStringLiteral("npm package %1 is not installed in %2/node_modules: run ./setup.sh build, or npm ci "
                            "in that folder")
          .arg(p, QStringLiteral(PXP_INTEROP_DIR));
  return {};
}

struct NodeRun {
  int exitCode = -1;
  QByteArray out, err;
  QJsonObject json; // the last stdout line, parsed
};

// Runs `node script args...` in the interop folder (so it finds node_modules), at most 90 s.
inline NodeRun runNode(const QString &script, const QStringList &args) {
  NodeRun run;
  QProcess p;
  p.setWorkingDirectory(QStringLiteral(PXP_INTEROP_DIR));
  p.setProgram(QStringLiteral(PXP_NODE_EXECUTABLE));
  p.setArguments(QStringList{QStringLiteral(PXP_INTEROP_DIR "/") + script} + args);
  p.start();
  if (!p.waitForStarted(10000) || !p.waitForFinished(90000)) {
    p.kill();
    p.waitForFinished(5000);
    run.err = "node did not finish within 90 s: " + p.readAllStandardError();
    return run;
  }
  run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  run.out = p.readAllStandardOutput();
  run.err = p.readAllStandardError();
  const auto lines = run.out.trimmed().split('\n');
  run.json = QJsonDocument::fromJson(lines.last()).object();
  return run;
}

// A pxpd process on 127.0.0.1:0 with the given extra arguments (--config, --simulate ...).
class Pxpd {
public:
  bool start(const QString &stateDir, const QStringList &args) {
    m_stateDir = stateDir;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QStringLiteral(PXPD_BINARY));
    m_process->setArguments(QStringList{"--listen", "127.0.0.1:0", "--state-dir", stateDir} + args);
    m_process->start();
    if (!m_process->waitForStarted(5000)) {
      m_out = "cannot start " PXPD_BINARY ": " + m_process->errorString().toUtf8();
      return false;
    }
    const QRegularExpression listening(QStringLiteral("listening on (127\\.0\\.0\\.1:\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000 && m_process->state() == QProcess::Running) {
      m_process->waitForReadyRead(500);
      m_out += m_process->readAllStandardOutput();
      if (const auto m = listening.match(QString::fromUtf8(m_out)); m.hasMatch()) {
        m_address = m.captured(1);
        return true;
      }
    }
    m_out += m_process->readAllStandardError();
    return false;
  }
  ~Pxpd() {
    if (m_process) {
      m_process->terminate();
      if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
      }
    }
  }
  const QString &address() const { return m_address; }
  const QByteArray &output() const { return m_out; }
  QString tokenFile(const QString &role) const {
    return m_stateDir + QStringLiteral("/demo-tokens/%1.token").arg(role);
  }
  std::string token(const QString &role) const {
    QFile f(tokenFile(role));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toStdString() : std::string();
  }

private:
  std::unique_ptr<QProcess> m_process;
  QString m_stateDir, m_address;
  QByteArray m_out;
};

} // namespace pxp::interop
