// pxpd started with files and values an unlucky operator (or an attacker) hands it: each is
// refused at start with the file or value and what to do, within seconds, never a hang, an
// abort or a silent "zero definitions". A real pxpd process each time.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

struct Outcome {
  bool finished = false;
  int exitCode = -1;
  QString err, out;
};

} // namespace

class TestPxpdBadStart : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

  QString write(const QString &name, const QByteArray &text) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
      qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
  }

  // Runs pxpd to its end (at most 15 s; a hang is a failure, and the process is killed).
  Outcome run(const QStringList &args) {
    QProcess p;
    p.start(QStringLiteral(PXPD_BINARY), QStringList{"--state-dir", m_dir.filePath("state")} + args);
    Outcome o;
    o.finished = p.waitForFinished(15000);
    if (!o.finished) {
      p.kill();
      p.waitForFinished();
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.err = QString::fromUtf8(p.readAllStandardError());
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    return o;
  }

  // Starts pxpd, waits (bounded) for its "listening on" line and stops it. `served` when it
  // listened and stopped cleanly; what it printed in `out` and `err`.
  static Outcome serveOnce(const QStringList &args, bool *served) {
    QProcess p;
    Outcome o;
    *served = false;
    p.start(QStringLiteral(PXPD_BINARY), args);
    if (!p.waitForStarted())
      return o;
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (!out.contains("listening on") && timer.elapsed() < 10000 && p.state() == QProcess::Running)
      if (p.waitForReadyRead(500))
        out += p.readAllStandardOutput();
    p.terminate();
    o.finished = p.waitForFinished(10000);
    o.exitCode = p.exitCode();
    o.out = QString::fromUtf8(out + p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    *served = o.finished && out.contains("listening on") && o.exitCode == 0;
    return o;
  }
  static bool startsAndStops(const QStringList &args) {
    bool served = false;
    serveOnce(args, &served);
    return served;
  }

private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath("a-directory"));
    QCOMPARE(::mkfifo(qPrintable(m_dir.filePath("a-fifo")), 0600), 0);
  }

  void refusedAtStart_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("config"); // pxpd.yaml when not empty (--config is added)
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    const QByteArray sim = "simulate: true\nlisten: 127.0.0.1:0\n";
    const QString dir = m_dir.filePath("a-directory"), fifo = m_dir.filePath("a-fifo");
    QTest::newRow("config is a directory") << QStringList{"--config", dir} << QByteArray() << 2
                                           << dir + ": the config file (--config) is a directory, not a regular file";
    QTest::newRow("SLO file is a directory") << QStringList{} << sim + "slo_files: [" + dir.toUtf8() + "]\n"
                                             << 1 << dir + ": the SLO file is a directory, not a regular file";
    QTest::newRow("policy file is /dev/zero")
        << QStringList{} << sim + "policy_files: [/dev/zero]\n"
        << 1 << QStringLiteral("/dev/zero: the policy file is a character device, not a regular file");
    QTest::newRow("policy file is a FIFO")
        << QStringList{} << sim + "policy_files: [" + fifo.toUtf8() + "]\n"
        << 1 << fifo + ": the policy file is a named pipe (FIFO), not a regular file";
    QTest::newRow("empty policy file") << QStringList{} << sim + "policy_files: [empty.yaml]\n"
                                       << 1 << m_dir.filePath("empty.yaml") + ": the policy file is empty";
    QTest::newRow("policy file with an empty list")
        << QStringList{} << sim + "policy_files: [none.yaml]\n"
        << 1 << QStringLiteral("policies is empty: a file without policies is refused");
    QTest::newRow("empty SLO file") << QStringList{} << sim + "slo_files: [empty.yaml]\n"
                                    << 1 << m_dir.filePath("empty.yaml") + ": the SLO file is empty";
    QTest::newRow("--time-scale nan") << QStringList{"--time-scale", "nan"} << QByteArray() << 2
                                      << QStringLiteral("--time-scale must be a number above 0 and at most 100000");
    QTest::newRow("--time-scale inf") << QStringList{"--time-scale", "inf"} << QByteArray() << 2
                                      << QStringLiteral("--time-scale must be a number above 0 and at most 100000");
    QTest::newRow("--time-scale 1e308") << QStringList{"--time-scale", "1e308"} << QByteArray() << 2
                                        << QStringLiteral("--time-scale must be a number above 0 and at most 100000");
    QTest::newRow("time_scale: .nan") << QStringList{} << QByteArray("time_scale: .nan\n") << 2
                                      << QStringLiteral("pxpd.yaml:1: time_scale must be a number above 0");
    QTest::newRow("plaintext on every interface")
        << QStringList{"--simulate", "--listen", "0.0.0.0:0"} << QByteArray() << 1
        << QStringLiteral("refusing to serve plaintext on 0.0.0.0:0: tokens would cross the network in clear");
    QTest::newRow("a 200 kB listen value")
        << QStringList{} << "listen: " + QByteArray(200'000, '9') + "\n"
        << 2
        << QStringLiteral("listen must be HOST:PORT (port 0-65535, no spaces), got '") + QString(80, '9') +
               "... (200000 bytes)'";
    QTest::newRow("an unclosed quote")
        << QStringList{} << QByteArray("listen: \"127.0.0.1:0\nsimulate: true\n") << 2
        << QStringLiteral("pxpd.yaml:1: listen must be HOST:PORT (port 0-65535, no spaces), got '127.0.0.1:0 "
                          "simulate: true ': an unclosed quote joins the lines after it");
    QTest::newRow("a key twice in the config")
        << QStringList{} << QByteArray("simulate: true\nlisten: 127.0.0.1:0\nsimulate: false\n") << 2
        << QStringLiteral("pxpd.yaml:3: 'simulate' is given twice (first at line 1): keep one");
    QTest::newRow("a key twice in a policy")
        << QStringList{} << sim + "policy_files: [twice-policy.yaml]\n"
        << 1 << m_dir.filePath("twice-policy.yaml") + ":4: 'mode' is given twice in the same mapping (first at line 3)";
    QTest::newRow("a key twice in an SLO")
        << QStringList{} << sim + "slo_files: [twice-slo.yaml]\n"
        << 1 << m_dir.filePath("twice-slo.yaml") + ":6: 'service' is given twice in the same mapping (first at line 5)";
  }
  void refusedAtStart() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, config);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    write("empty.yaml", "# nothing here yet\n\n");
    write("none.yaml", "policies: []\n");
    write("twice-policy.yaml", "policies:\n  - id: a\n    mode: enforce\n    mode: dry-run\n"
                               "    condition: {budget_below: 0.1}\n    action: notify\n");
    write("twice-slo.yaml", "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec:\n  service: one\n"
                            "  service: two\n");
    if (!config.isEmpty())
      args << "--config" << write("pxpd.yaml", config);
    const Outcome o = run(args);
    QVERIFY2(o.finished, "pxpd hung instead of refusing");
    QCOMPARE(o.exitCode, exitCode);
    QVERIFY2(o.err.contains(says), qPrintable(o.err));
    QVERIFY2(o.err.size() < 2000, "errors quote at most a short form of what they were given");
  }

  void aPolicyFileMayBeEmptyOnPurpose() {
    const QString policies = write("on-purpose.yaml", "allow_empty: true\npolicies: []\n");
    const QString config =
        write("pxpd.yaml", "simulate: true\nlisten: 127.0.0.1:0\npolicy_files: [" + policies.toUtf8() + "]\n");
    QVERIFY(startsAndStops({"--state-dir", m_dir.filePath("state"), "--config", config}));
  }

  // Plaintext beyond loopback on purpose: it serves, and says so at start.
  void plaintextOnEveryInterfaceWhenAllowed() {
    bool served = false;
    const Outcome o =
        serveOnce({"--state-dir", m_dir.filePath("state"), "--config",
                   write("pxpd.yaml", "simulate: true\nlisten: 0.0.0.0:0\nallow_insecure_remote: true\n")},
                  &served);
    QVERIFY2(served && o.out.contains("listening on 0.0.0.0:"), qPrintable(o.out + o.err));
    QVERIFY2(o.err.contains("WARNING: serving plaintext on 0.0.0.0:0 (allow_insecure_remote: true)"),
             qPrintable(o.err));
  }

  void anUnwritableAuditLogIsRefusedAtStart() {
    const QString state = m_dir.filePath("readonly-state");
    const QString db = state + "/audit.db";
    QVERIFY(startsAndStops({"--simulate", "--listen", "127.0.0.1:0", "--state-dir", state})); // creates audit.db
    QVERIFY(QFile::exists(db));
    // Root writes through permission bits: as root the file is made immutable instead.
    bool locked = false;
    if (::geteuid() == 0)
      locked = QProcess::execute(QStringLiteral("chattr"), {"+i", db}) == 0;
    else
      locked = ::chmod(qPrintable(db), 0444) == 0 && ::chmod(qPrintable(state), 0555) == 0;
    if (!locked) {
      if (qgetenv("CI") == "true")
        QFAIL("cannot make the audit database read-only here (chattr +i failed)");
      QSKIP("cannot make the audit database read-only here (chattr +i failed)");
    }
    const Outcome o = run({"--simulate", "--listen", "127.0.0.1:0", "--state-dir", state});
    if (::geteuid() == 0)
      QProcess::execute(QStringLiteral("chattr"), {"-i", db});
    else
      ::chmod(qPrintable(state), 0755);
    QVERIFY2(o.finished, "pxpd started with an audit log it cannot write");
    QCOMPARE(o.exitCode, 1);
    QVERIFY2(o.err.contains("audit log " + db + " is not writable"), qPrintable(o.err));
  }
};

QTEST_GUILESS_MAIN(TestPxpdBadStart)
#include "tst_pxpd_bad_start.moc"
