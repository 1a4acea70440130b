#pragma once
// WriterProcess: an audit_writer child process and the seqs it has confirmed on stdout.
// Thread affinity: the test thread.

#include <QElapsedTimer>
#include <QProcess>
#include <QStringList>

#include <vector>

class WriterProcess {
public:
  enum class Gate { None, WaitForGo };

  // `count` 0 = append until killed. With Gate::WaitForGo the writer opens the store, says
  // "ready" and waits for go().
  WriterProcess(const QString &file, const QString &actor, int count, Gate gate = Gate::None) {
    m_process.setProgram(QStringLiteral(AUDIT_WRITER_BINARY));
    QStringList args{file, actor, QString::number(count)};
    if (gate == Gate::WaitForGo)
      args << QStringLiteral("--gate");
    m_process.setArguments(args);
    m_process.start();
  }

  bool started() { return m_process.waitForStarted(10000); }

  bool waitForReady(int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!m_ready && timer.elapsed() < timeoutMs && m_process.state() == QProcess::Running) {
      if (m_process.waitForReadyRead(1000))
        readLines();
    }
    return m_ready;
  }

  // QProcess buffers writes until its event loop runs: flush now, or the writer never hears.
  bool go() { return m_process.write("go\n") == 3 && m_process.waitForBytesWritten(5000); }

  // Reads confirmed seqs until at least `n` arrived; false if `timeoutMs` passed first.
  bool waitForConfirmed(std::size_t n, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (m_seqs.size() < n && timer.elapsed() < timeoutMs) {
      if (m_process.waitForReadyRead(1000))
        readLines();
      else if (m_process.state() != QProcess::Running)
        return false;
    }
    return m_seqs.size() >= n;
  }

  // SIGKILL, then collect what the writer printed before it died: those were confirmed too.
  bool kill() {
    m_process.kill();
    const bool finished = m_process.waitForFinished(10000);
    readLines();
    return finished && m_process.exitStatus() == QProcess::CrashExit;
  }

  bool finishedCleanly(int timeoutMs) {
    const bool finished = m_process.waitForFinished(timeoutMs);
    readLines();
    return finished && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
  }

  const std::vector<qint64> &confirmedSeqs() const { return m_seqs; }
  QByteArray errors() { return m_process.readAllStandardError(); }

private:
  // Only complete lines count: a partial line may be cut by the kill.
  void readLines() {
    m_partial += m_process.readAllStandardOutput();
    qsizetype end = 0;
    while ((end = m_partial.indexOf('\n')) >= 0) {
      const QByteArray line = m_partial.left(end);
      m_partial.remove(0, end + 1);
      if (line == "ready")
        m_ready = true;
      else
        m_seqs.push_back(line.toLongLong());
    }
  }

  QProcess m_process;
  QByteArray m_partial;
  std::vector<qint64> m_seqs;
  bool m_ready = false;
};
