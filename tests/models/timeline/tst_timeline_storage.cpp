// The timeline file under stress: every earlier schema version migrates with a backup, a
// damaged file is moved aside (never overwritten), a writer killed mid-loop loses no
// committed annotation, and two consoles writing at once lose nothing.

#include "TimelineTestSupport.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <array>
#include <thread>

using namespace pxp::models;
using namespace pxp::testing;

namespace {

// The DDL of each published schema version, pinned here on purpose: files in the field were
// made by exactly this, whatever the store's code says today.
const char *const kSchemaV1 = R"sql(
CREATE TABLE incidents (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
  status TEXT NOT NULL,
  commander TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '[]',
  opened_at_ms INTEGER NOT NULL,
  resolved_at_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE entries (
  id TEXT PRIMARY KEY NOT NULL,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  kind TEXT NOT NULL,
  event_time_ms INTEGER NOT NULL,
  recorded_at_ms INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX entries_by_incident_time ON entries(incident_id, event_time_ms);
PRAGMA user_version = 1;
)sql";

const char *const kSchemaV2 = R"sql(
ALTER TABLE incidents ADD COLUMN slo_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN roles TEXT NOT NULL DEFAULT '{}';
ALTER TABLE incidents ADD COLUMN source_alert_id TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN updated_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE incidents SET updated_at_ms = opened_at_ms;
ALTER TABLE entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE entries ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
CREATE TABLE entry_revisions (
  entry_id TEXT NOT NULL REFERENCES entries(id),
  revision INTEGER NOT NULL,
  who TEXT NOT NULL,
  when_ms INTEGER NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  PRIMARY KEY (entry_id, revision)
) WITHOUT ROWID;
PRAGMA user_version = 2;
)sql";

constexpr qint64 kOpenedMs = kT0Ms - 86'400'000; // the old incident: a day earlier

// A file as console version `version` left it: one incident, two entries (one edited in v2).
void writeOldFile(const QString &path, int version) {
  RawDb db(path);
  QVERIFY(db.exec(QString::fromUtf8(kSchemaV1)));
  QVERIFY(db.exec(QStringLiteral("INSERT INTO incidents (id, title, severity, status, commander, services, "
                                 "opened_at_ms) VALUES ('inc-1', 'Old incident', 2, 'identified', 'alice', "
                                 "'[\"payments\"]', %1)")
                      .arg(kOpenedMs)));
  QVERIFY(db.exec(QStringLiteral("INSERT INTO entries VALUES ('e-1', 'inc-1', 'note', %1, %1, 'alice', "
                                 "'First look at the dashboards')")
                      .arg(kOpenedMs + 1000)));
  QVERIFY(db.exec(QStringLiteral("INSERT INTO entries VALUES ('e-2', 'inc-1', 'decision', %1, %1, 'bob', "
                                 "'Roll back checkout')")
                      .arg(kOpenedMs + 2000)));
  if (version >= 2) {
    QVERIFY(db.exec(QString::fromUtf8(kSchemaV2)));
    QVERIFY(db.exec(QStringLiteral("UPDATE entries SET revision = 2, text = 'Roll back checkout now' WHERE id = 'e-2'; "
                                   "INSERT INTO entry_revisions VALUES ('e-2', 2, 'carol', %1, "
                                   "'{\"kind\":\"decision\",\"eventTimeMs\":%2,\"text\":\"Roll back "
                                   "checkout\",\"link\":\"\",\"deleted\":false}', "
                                   "'{\"kind\":\"decision\",\"eventTimeMs\":%2,\"text\":\"Roll back checkout "
                                   "now\",\"link\":\"\",\"deleted\":false}')")
                        .arg(kOpenedMs + 5000)
                        .arg(kOpenedMs + 2000)));
  }
}

QByteArray garbage(qsizetype size) {
  QByteArray bytes(size, Qt::Uninitialized);
  QRandomGenerator random(42); // seeded: the same bytes every run
  for (char &byte : bytes)
    byte = char(random.bounded(256));
  return bytes;
}

QByteArray readAll(const QString &path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  QCOMPARE(file.write(bytes), bytes.size());
}

QSet<QString> entryIds(const QList<TimelineEntry> &entries) {
  QSet<QString> ids;
  for (const TimelineEntry &entry : entries)
    ids.insert(entry.id);
  return ids;
}

} // namespace

class TestTimelineStorage : public QObject {
  Q_OBJECT
private slots:
  void init();
  void cleanup();

  void newFileIsWalWithForeignKeys();
  void migratesFromEveryEarlierVersion_data();
  void migratesFromEveryEarlierVersion();
  void twoConsolesOpeningAnOldFileMigrateItOnce();
  void newerSchemaIsRefusedAndLeftAlone();
  void damagedFileIsMovedAside_data();
  void damagedFileIsMovedAside();
  void movingAsideNeverOverwrites();
  void killedWriterLosesNoCommittedAnnotation();
  void concurrentWritersLoseNothing();

private:
  std::unique_ptr<QTemporaryDir> m_dir;
  TestClock m_clock;
  QString path() const { return m_dir->filePath(QStringLiteral("timeline.sqlite")); }
};

void TestTimelineStorage::init() {
  m_dir = std::make_unique<QTemporaryDir>();
  QVERIFY(m_dir->isValid());
  m_clock.set(kT0Ms);
}

void TestTimelineStorage::cleanup() {
  m_dir.reset();
}

void TestTimelineStorage::newFileIsWalWithForeignKeys() {
  {
    TimelineStore store(storeOptions(m_clock));
    PXP_TRY(store.open(m_dir->filePath(QStringLiteral("sub/dir/timeline.sqlite")))); // folders are created
    const auto orphan = store.addEntry(note(QStringLiteral("missing"), QStringLiteral("x")));
    QVERIFY(!orphan);
  }
  RawDb db(m_dir->filePath(QStringLiteral("sub/dir/timeline.sqlite")));
  QCOMPARE(db.text(QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
  QCOMPARE(db.integer(QStringLiteral("PRAGMA user_version")), qint64(TimelineStore::kSchemaVersion));
}

void TestTimelineStorage::migratesFromEveryEarlierVersion_data() {
  QTest::addColumn<int>("version");
  for (int version = 1; version < TimelineStore::kSchemaVersion; ++version)
    QTest::addRow("v%d", version) << version;
  QCOMPARE(TimelineStore::kSchemaVersion, 3); // a new version needs its DDL pinned above, and a row
}

void TestTimelineStorage::migratesFromEveryEarlierVersion() {
  QFETCH(int, version);
  writeOldFile(path(), version);

  TimelineStore store(storeOptions(m_clock));
  const OpenReport report = PXP_TRY(store.open(path()));
  QCOMPARE(report.fromVersion, version);
  QCOMPARE(report.toVersion, TimelineStore::kSchemaVersion);
  QVERIFY(report.movedAsideTo.isEmpty());

  // The backup is the file as it was, under a dated name.
  const QString backup = path() + QStringLiteral(".bak-v%1-20241126-130000").arg(version);
  QCOMPARE(report.backups, QStringList{backup});
  {
    RawDb old(backup);
    QCOMPARE(old.integer(QStringLiteral("PRAGMA user_version")), qint64(version));
    QCOMPARE(old.integer(QStringLiteral("SELECT COUNT(*) FROM entries")), qint64(2));
  }

  const Incident incident = PXP_TRY(store.incident(QStringLiteral("inc-1")));
  QCOMPARE(incident.title, QStringLiteral("Old incident"));
  QCOMPARE(incident.status, IncidentStatus::Identified);
  QCOMPARE(incident.services, QStringList{QStringLiteral("payments")});
  QCOMPARE(incident.updatedAtMs, kOpenedMs); // backfilled by step 2
  const QList<TimelineEntry> entries = PXP_TRY(store.entries(QStringLiteral("inc-1")));
  QCOMPARE(entries.size(), 2);
  QCOMPARE(entries.at(0).text, QStringLiteral("First look at the dashboards"));
  QCOMPARE(entries.at(0).revision, 1);
  QVERIFY(!entries.at(0).automatic);
  QVERIFY(entries.at(0).changeSeq > 0); // backfilled by step 3
  QVERIFY(entries.at(1).changeSeq != entries.at(0).changeSeq);
  QCOMPARE(entries.at(1).kind, EntryKind::Decision);
  if (version >= 2) {
    QCOMPARE(entries.at(1).revision, 2);
    const QList<EntryRevision> history = PXP_TRY(store.history(QStringLiteral("e-2")));
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().who, QStringLiteral("carol"));
    QCOMPARE(history.first().before.text, QStringLiteral("Roll back checkout"));
  }

  // The new schema works on the old data: automatic entries, edits.
  PXP_TRY(store.addAutomatic(automatic(QStringLiteral("inc-1"), QStringLiteral("alert:a:fired"), kOpenedMs)));
  QCOMPARE(PXP_TRY(store.addAutomatic(automatic(QStringLiteral("inc-1"), QStringLiteral("alert:a:fired"), kOpenedMs)))
               .skipped,
           1);
  TimelineEntry edited = entries.at(0);
  edited.text = QStringLiteral("edited after the upgrade");
  QCOMPARE(PXP_TRY(store.editEntry(edited, QStringLiteral("alice"))).revision, 2);
  store.close();

  RawDb db(path());
  QCOMPARE(db.integer(QStringLiteral("PRAGMA user_version")), qint64(TimelineStore::kSchemaVersion));
  QCOMPARE(db.text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));

  // Opening again migrates nothing and copies nothing.
  TimelineStore again(storeOptions(m_clock));
  const OpenReport second = PXP_TRY(again.open(path()));
  QCOMPARE(second.fromVersion, TimelineStore::kSchemaVersion);
  QVERIFY(second.backups.isEmpty());
}

void TestTimelineStorage::twoConsolesOpeningAnOldFileMigrateItOnce() {
  writeOldFile(path(), 1);
  TimelineStore a(storeOptions(m_clock));
  TimelineStore b(storeOptions(m_clock));
  std::optional<TimelineResult<OpenReport>> ra, rb;
  std::thread ta([&] { ra.emplace(a.open(path())); });
  std::thread tb([&] { rb.emplace(b.open(path())); });
  ta.join();
  tb.join();
  QVERIFY2(*ra, *ra ? "" : qPrintable(ra->error().message));
  QVERIFY2(*rb, *rb ? "" : qPrintable(rb->error().message));
  QCOMPARE(PXP_TRY(a.entries(QStringLiteral("inc-1"))).size(), 2);
  QCOMPARE(PXP_TRY(b.entries(QStringLiteral("inc-1"))).size(), 2);
  // One of them copied and migrated the file; the other found it current.
  QCOMPARE(ra->value().backups.size() + rb->value().backups.size(), 1);
  QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("*.bak-*")}).size(), 1);
  QVERIFY(!QFile::exists(path() + QStringLiteral(".migrating")));
  RawDb db(path());
  QCOMPARE(db.integer(QStringLiteral("PRAGMA user_version")), qint64(TimelineStore::kSchemaVersion));
}

void TestTimelineStorage::newerSchemaIsRefusedAndLeftAlone() {
  {
    RawDb db(path());
    QVERIFY(db.exec(QStringLiteral("CREATE TABLE future (x); PRAGMA user_version = 99;")));
  }
  const QByteArray before = readAll(path());
  TimelineStore store(storeOptions(m_clock));
  const auto result = store.open(path());
  QVERIFY(!result);
  QCOMPARE(result.error().code, TimelineError::Code::NewerSchema);
  QVERIFY(result.error().message.contains(path()));
  QVERIFY(!store.isOpen());
  RawDb db(path());
  QCOMPARE(db.integer(QStringLiteral("PRAGMA user_version")), qint64(99));
  QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("*.bak-*"), QStringLiteral("*.corrupt-*")}), QStringList());
}

void TestTimelineStorage::damagedFileIsMovedAside_data() {
  QTest::addColumn<QString>("damage");
  QTest::newRow("garbage bytes") << "garbage";
  QTest::newRow("damaged b-tree page") << "page";
}

void TestTimelineStorage::damagedFileIsMovedAside() {
  QFETCH(QString, damage);
  if (damage == QLatin1String("garbage")) {
    writeFile(path(), garbage(16384));
  } else {
    {
      TimelineStore store(storeOptions(m_clock));
      PXP_TRY(store.open(path()));
      const Incident i = PXP_TRY(store.createIncident(incident(), QStringLiteral("alice"))).incident;
      for (int n = 0; n < 300; ++n)
        PXP_TRY(store.addEntry(note(i.id, QStringLiteral("entry %1 with some text to fill pages").arg(n))));
    } // closing checkpoints the WAL into the file
    QVERIFY(!QFile::exists(path() + QStringLiteral("-wal")));
    QByteArray bytes = readAll(path());
    constexpr qsizetype kPageBytes = 4096; // SQLite's default page size
    QVERIFY(bytes.size() > 8 * kPageBytes);
    bytes.replace(3 * kPageBytes, kPageBytes, garbage(kPageBytes)); // page 4: inside the entries b-tree
    writeFile(path(), bytes);
  }
  const QByteArray original = readAll(path());

  // Logged once, where it is decided; the report carries it to the user.
  QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was moved to .*corrupt-20241126-130000")));
  TimelineStore store(storeOptions(m_clock));
  const OpenReport report = PXP_TRY(store.open(path()));
  const QString aside = path() + QStringLiteral(".corrupt-20241126-130000");
  QCOMPARE(report.movedAsideTo, aside);
  QVERIFY(!report.damage.isEmpty());
  QVERIFY(report.notice().contains(aside)); // the user is told where
  QCOMPARE(readAll(aside), original);       // kept byte for byte
  QCOMPARE(report.fromVersion, 0);          // a fresh database
  QCOMPARE(PXP_TRY(store.incidents()).size(), 0);
  const Incident i = PXP_TRY(store.createIncident(incident(), QStringLiteral("alice"))).incident;
  QCOMPARE(PXP_TRY(store.entries(i.id)).size(), 1);
}

void TestTimelineStorage::movingAsideNeverOverwrites() {
  const QString aside = path() + QStringLiteral(".corrupt-20241126-130000");
  writeFile(aside, "an earlier damaged file");
  writeFile(path(), garbage(4096));
  QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was moved to .*-2 ")));
  TimelineStore store(storeOptions(m_clock));
  const OpenReport report = PXP_TRY(store.open(path()));
  QCOMPARE(report.movedAsideTo, aside + QStringLiteral("-2"));
  QCOMPARE(readAll(aside), QByteArray("an earlier damaged file"));
  QCOMPARE(readAll(aside + QStringLiteral("-2")), garbage(4096));
}

void TestTimelineStorage::killedWriterLosesNoCommittedAnnotation() {
  QString incidentId;
  {
    TimelineStore store(storeOptions(m_clock));
    PXP_TRY(store.open(path()));
    incidentId = PXP_TRY(store.createIncident(incident(), QStringLiteral("alice"))).incident.id;
  }
  QProcess child;
  child.start(QStringLiteral(PXP_TIMELINE_WRITER_CHILD), {path(), incidentId});
  QVERIFY2(child.waitForStarted(10'000), qPrintable(child.errorString()));
  QByteArray output;
  const auto completeIds = [&output] {
    QStringList ids =
        QString::fromUtf8(output.left(output.lastIndexOf('\n') + 1)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return ids;
  };
  while (completeIds().size() < 200) {
    QVERIFY2(child.waitForReadyRead(10'000),
             qPrintable(QStringLiteral("the child wrote %1 ids, then nothing for 10 s: %2")
                            .arg(completeIds().size())
                            .arg(QString::fromUtf8(child.readAllStandardError()))));
    output += child.readAllStandardOutput();
  }
  child.kill(); // SIGKILL: no destructors, no checkpoint, possibly mid-transaction
  QVERIFY(child.waitForFinished(10'000));
  QCOMPARE(child.exitStatus(), QProcess::CrashExit);
  output += child.readAllStandardOutput(); // ids printed before the kill were committed too
  const QStringList reported = completeIds();
  QVERIFY(reported.size() >= 200);

  TimelineStore store(storeOptions(m_clock));
  const OpenReport report = PXP_TRY(store.open(path()));
  QVERIFY(report.movedAsideTo.isEmpty()); // a killed writer does not damage the file
  const QSet<QString> stored = entryIds(PXP_TRY(store.entries(incidentId)));
  for (const QString &id : reported)
    QVERIFY2(stored.contains(id), qPrintable(QStringLiteral("entry %1 was reported committed but is gone").arg(id)));
  store.close();
  RawDb db(path());
  QCOMPARE(db.text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}

void TestTimelineStorage::concurrentWritersLoseNothing() {
  constexpr int kPerWriter = 500;
  QString incidentId;
  TimelineStore first(storeOptions(m_clock));
  TimelineStore second(storeOptions(m_clock));
  PXP_TRY(first.open(path()));
  PXP_TRY(second.open(path()));
  incidentId = PXP_TRY(first.createIncident(incident(), QStringLiteral("alice"))).incident.id;

  std::array<QStringList, 2> errors;
  const auto write = [&](TimelineStore &store, const QString &author, QStringList &failures) {
    for (int n = 0; n < kPerWriter; ++n) {
      auto saved =
          store.addEntry(note(incidentId, QStringLiteral("%1 #%2").arg(author).arg(n), 0, EntryKind::Note, author));
      if (!saved)
        failures.append(saved.error().message);
    }
  };
  std::thread a([&] { write(first, QStringLiteral("console-a"), errors[0]); });
  std::thread b([&] { write(second, QStringLiteral("console-b"), errors[1]); });
  a.join();
  b.join();
  QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0].value(0)));
  QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1].value(0)));

  const QList<TimelineEntry> all = PXP_TRY(second.entries(incidentId));
  QCOMPARE(all.size(), 2 * kPerWriter + 1);
  EntryFilter byA;
  byA.author = QStringLiteral("console-a");
  QCOMPARE(PXP_TRY(first.entries(incidentId, byA)).size(), kPerWriter);
  QSet<qint64> seqs;
  for (const TimelineEntry &entry : all)
    seqs.insert(entry.changeSeq);
  QCOMPARE(seqs.size(), all.size()); // every change has its own place in the change order
  first.close();
  second.close();
  RawDb db(path());
  QCOMPARE(db.text(QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestTimelineStorage)
#include "tst_timeline_storage.moc"
