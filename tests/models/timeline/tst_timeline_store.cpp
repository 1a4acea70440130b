// The timeline store as an incident commander uses it: open an incident, annotate, edit and
// delete without losing history, record the live stream once, filter and search.

#include "TimelineTestSupport.h"

#include "pxp/models/timeline/AutomaticEntryMapper.h"

#include <QTemporaryDir>

using namespace pxp::models;
using namespace pxp::testing;

class TestTimelineStore : public QObject {
  Q_OBJECT
private slots:
  void init();
  void cleanup();

  void createIncidentRecordsTheOpening();
  void openFromAlertIsOneAction();
  void updateIncidentRecordsEachChange_data();
  void updateIncidentRecordsEachChange();
  void resolvingSetsResolvedTimeAndReopeningClearsIt();
  void updateWithoutChangeWritesNothing();

  void annotationEventTimeDefaultsToNow();
  void annotationKeepsAnEditedEventTime();
  void addEntryRejectsIncompleteEntries_data();
  void addEntryRejectsIncompleteEntries();
  void addEntryToUnknownIncidentSaysSo();

  void editKeepsHistory();
  void editOfAStaleRevisionIsAConflict();
  void deleteIsATombstoneShownOnRequest();
  void restoreUndoesATombstoneWithHistory();

  void automaticEntriesAreIdempotentBySourceKey();
  void automaticEntriesFromTwoConsolesAreRecordedOnce();
  void automaticEntryNeedsASourceKey();

  void entriesFilterByKindAuthorAndText();
  void searchFindsEntriesAcrossIncidents();
  void changesSinceReturnsOnlyWhatChanged();
  void readOnlyStoreRefusesWrites();

private:
  std::unique_ptr<QTemporaryDir> m_dir;
  TestClock m_clock;
  std::unique_ptr<TimelineStore> m_store;
  QString path() const { return m_dir->filePath(QStringLiteral("timeline.sqlite")); }
  Incident openIncident(const Incident &i = incident()) {
    return PXP_TRY(m_store->createIncident(i, QStringLiteral("alice"))).incident;
  }
};

void TestTimelineStore::init() {
  m_dir = std::make_unique<QTemporaryDir>();
  QVERIFY(m_dir->isValid());
  m_clock.set(kT0Ms);
  m_store = std::make_unique<TimelineStore>(storeOptions(m_clock));
  const OpenReport report = PXP_TRY(m_store->open(path()));
  QCOMPARE(report.fromVersion, 0);
  QCOMPARE(report.toVersion, TimelineStore::kSchemaVersion);
  QVERIFY(report.backups.isEmpty()); // a new file has nothing to keep
}

void TestTimelineStore::cleanup() {
  m_store.reset();
  m_dir.reset();
}

void TestTimelineStore::createIncidentRecordsTheOpening() {
  const IncidentChange change = PXP_TRY(m_store->createIncident(incident(), QStringLiteral("alice")));
  QVERIFY(!change.incident.id.isEmpty());
  QCOMPARE(change.incident.openedAtMs, kT0Ms);
  QCOMPARE(change.entries.size(), 1);
  QCOMPARE(change.entries.first().kind, EntryKind::StatusChange);
  QCOMPARE(change.entries.first().author, QStringLiteral("alice"));
  QVERIFY(change.entries.first().text.contains(QStringLiteral("SEV2")));

  QCOMPARE(PXP_TRY(m_store->incident(change.incident.id)), change.incident);
  QCOMPARE(PXP_TRY(m_store->entries(change.incident.id)), change.entries);
}

void TestTimelineStore::openFromAlertIsOneAction() {
  pxp::client::AlertValue alert;
  alert.id = QStringLiteral("a-17");
  alert.sloId = QStringLiteral("payments/checkout-availability");
  alert.service = QStringLiteral("payments");
  alert.summary = QStringLiteral("Checkout availability burning 14.4x");
  alert.page = true;
  alert.tier = pxp::client::AlertTier::Page;
  alert.firing = true;
  alert.firedAtMs = kT0Ms - 5 * kMinuteMs;

  const IncidentChange change = PXP_TRY(m_store->openFromAlert(alert, QStringLiteral("bob")));
  QCOMPARE(change.incident.title, alert.summary);
  QCOMPARE(change.incident.severity, 2);
  QCOMPARE(change.incident.commander, QStringLiteral("bob"));
  QCOMPARE(change.incident.sourceAlertId, alert.id);
  QCOMPARE(change.incident.services, QStringList{QStringLiteral("payments")});

  const QList<TimelineEntry> entries = PXP_TRY(m_store->entries(change.incident.id));
  QCOMPARE(entries.size(), 2); // the alert fired (earlier), then the opening
  QCOMPARE(entries.at(0).kind, EntryKind::Alert);
  QCOMPARE(entries.at(0).sourceKey, QStringLiteral("alert:a-17:fired"));
  QCOMPARE(entries.at(0).eventTimeMs, alert.firedAtMs);
  QCOMPARE(entries.at(0).link, QStringLiteral("pxp://slo/payments/checkout-availability"));
  QCOMPARE(entries.at(1).kind, EntryKind::StatusChange);
}

void TestTimelineStore::updateIncidentRecordsEachChange_data() {
  QTest::addColumn<QString>("field");
  QTest::addColumn<EntryKind>("kind");
  QTest::addColumn<QString>("text");
  QTest::newRow("status") << "status" << EntryKind::StatusChange << "Status: investigating → identified";
  QTest::newRow("severity") << "severity" << EntryKind::StatusChange << "Severity: SEV2 → SEV1";
  QTest::newRow("commander") << "commander" << EntryKind::RoleChange << "Commander: alice → bob";
  QTest::newRow("role") << "role" << EntryKind::RoleChange << "Role communications: none → carol";
  QTest::newRow("services") << "services" << EntryKind::StatusChange << "Services: payments → payments, checkout";
  QTest::newRow("title") << "title" << EntryKind::StatusChange
                         << "Title: \"Checkout failing in EU\" → \"Checkout down\"";
}

void TestTimelineStore::updateIncidentRecordsEachChange() {
  QFETCH(QString, field);
  QFETCH(EntryKind, kind);
  QFETCH(QString, text);
  Incident changed = openIncident();
  if (field == QLatin1String("status"))
    changed.status = IncidentStatus::Identified;
  else if (field == QLatin1String("severity"))
    changed.severity = 1;
  else if (field == QLatin1String("commander"))
    changed.commander = QStringLiteral("bob");
  else if (field == QLatin1String("role"))
    changed.roles.insert(QStringLiteral("communications"), QStringLiteral("carol"));
  else if (field == QLatin1String("services"))
    changed.services.append(QStringLiteral("checkout"));
  else if (field == QLatin1String("title"))
    changed.title = QStringLiteral("Checkout down");
  m_clock.advance(kMinuteMs);

  const IncidentChange change = PXP_TRY(m_store->updateIncident(changed, QStringLiteral("dave")));
  QCOMPARE(change.entries.size(), 1);
  QCOMPARE(change.entries.first().kind, kind);
  QCOMPARE(change.entries.first().text, text);
  QCOMPARE(change.entries.first().author, QStringLiteral("dave"));
  QCOMPARE(change.entries.first().eventTimeMs, kT0Ms + kMinuteMs);
  QCOMPARE(change.incident.updatedAtMs, kT0Ms + kMinuteMs);
  QCOMPARE(PXP_TRY(m_store->incident(changed.id)), change.incident);
  QCOMPARE(PXP_TRY(m_store->entries(changed.id)).constLast(), change.entries.first());
}

void TestTimelineStore::resolvingSetsResolvedTimeAndReopeningClearsIt() {
  Incident i = openIncident();
  m_clock.advance(80 * kMinuteMs);
  i.status = IncidentStatus::Resolved;
  i = PXP_TRY(m_store->updateIncident(i, QStringLiteral("alice"))).incident;
  QCOMPARE(i.resolvedAtMs, kT0Ms + 80 * kMinuteMs);
  QCOMPARE(i.openedAtMs, kT0Ms);

  i.status = IncidentStatus::Monitoring;
  i = PXP_TRY(m_store->updateIncident(i, QStringLiteral("alice"))).incident;
  QCOMPARE(i.resolvedAtMs, 0);
}

void TestTimelineStore::updateWithoutChangeWritesNothing() {
  const Incident i = openIncident();
  const qint64 version = PXP_TRY(m_store->entries(i.id)).size();
  m_clock.advance(kMinuteMs);
  const IncidentChange change = PXP_TRY(m_store->updateIncident(i, QStringLiteral("alice")));
  QVERIFY(change.entries.isEmpty());
  QCOMPARE(change.incident.updatedAtMs, kT0Ms); // untouched
  QCOMPARE(PXP_TRY(m_store->entries(i.id)).size(), version);
}

void TestTimelineStore::annotationEventTimeDefaultsToNow() {
  const Incident i = openIncident();
  m_clock.advance(3 * kMinuteMs);
  const TimelineEntry saved = PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("Error rate up in eu-west"))));
  QVERIFY(!saved.id.isEmpty());
  QCOMPARE(saved.eventTimeMs, kT0Ms + 3 * kMinuteMs);
  QCOMPARE(saved.recordedAtMs, kT0Ms + 3 * kMinuteMs);
  QCOMPARE(saved.revision, 1);
  QVERIFY(!saved.edited());
  QCOMPARE(PXP_TRY(m_store->entry(saved.id)), saved);
}

void TestTimelineStore::annotationKeepsAnEditedEventTime() {
  const Incident i = openIncident();
  m_clock.advance(10 * kMinuteMs);
  // Written down late: it happened two minutes in.
  const TimelineEntry saved = PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("Customers report failed payments"),
                                                             kT0Ms + 2 * kMinuteMs, EntryKind::CustomerImpact)));
  QCOMPARE(saved.eventTimeMs, kT0Ms + 2 * kMinuteMs);
  QCOMPARE(saved.recordedAtMs, kT0Ms + 10 * kMinuteMs);
  const QList<TimelineEntry> entries = PXP_TRY(m_store->entries(i.id));
  QCOMPARE(entries.size(), 2);
  QCOMPARE(entries.at(1).id, saved.id); // after the opening at T0, by event time
}

void TestTimelineStore::addEntryRejectsIncompleteEntries_data() {
  QTest::addColumn<QString>("author");
  QTest::addColumn<QString>("text");
  QTest::newRow("no author") << ""
                             << "text";
  QTest::newRow("blank text") << "alice"
                              << "   ";
}

void TestTimelineStore::addEntryRejectsIncompleteEntries() {
  QFETCH(QString, author);
  QFETCH(QString, text);
  const Incident i = openIncident();
  const auto result = m_store->addEntry(note(i.id, text, 0, EntryKind::Note, author));
  QVERIFY(!result);
  QCOMPARE(result.error().code, TimelineError::Code::InvalidInput);
  QCOMPARE(PXP_TRY(m_store->entries(i.id)).size(), 1);
}

void TestTimelineStore::addEntryToUnknownIncidentSaysSo() {
  const auto result = m_store->addEntry(note(QStringLiteral("no-such-incident"), QStringLiteral("hello")));
  QVERIFY(!result);
  QCOMPARE(result.error().code, TimelineError::Code::NotFound);
  QVERIFY2(result.error().message.contains(path()), qPrintable(result.error().message));
  QVERIFY(result.error().message.contains(QStringLiteral("no-such-incident")));
}

void TestTimelineStore::editKeepsHistory() {
  const Incident i = openIncident();
  const TimelineEntry original =
      PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("DB latency is the cause"), 0, EntryKind::Hypothesis)));
  m_clock.advance(kMinuteMs);
  TimelineEntry edited = original;
  edited.text = QStringLiteral("DB latency is NOT the cause");
  edited.kind = EntryKind::Note;
  const TimelineEntry saved = PXP_TRY(m_store->editEntry(edited, QStringLiteral("bob")));
  QCOMPARE(saved.revision, 2);
  QVERIFY(saved.edited());
  QCOMPARE(saved.text, edited.text);
  QCOMPARE(saved.author, original.author); // the author stays; the editor is in the history

  const QList<EntryRevision> history = PXP_TRY(m_store->history(original.id));
  QCOMPARE(history.size(), 1);
  QCOMPARE(history.first().who, QStringLiteral("bob"));
  QCOMPARE(history.first().whenMs, kT0Ms + kMinuteMs);
  QCOMPARE(history.first().revision, 2);
  QCOMPARE(history.first().before.text, original.text);
  QCOMPARE(history.first().before.kind, EntryKind::Hypothesis);
  QCOMPARE(history.first().after.text, edited.text);
  QCOMPARE(history.first().changedFields(), (QStringList{QStringLiteral("kind"), QStringLiteral("text")}));
}

void TestTimelineStore::editOfAStaleRevisionIsAConflict() {
  const Incident i = openIncident();
  const TimelineEntry original = PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("first"))));
  TimelineEntry mine = original;
  TimelineEntry theirs = original;
  theirs.text = QStringLiteral("theirs");
  PXP_TRY(m_store->editEntry(theirs, QStringLiteral("bob")));

  mine.text = QStringLiteral("mine"); // still based on revision 1
  const auto result = m_store->editEntry(mine, QStringLiteral("alice"));
  QVERIFY(!result);
  QCOMPARE(result.error().code, TimelineError::Code::Conflict);
  QVERIFY2(result.error().message.contains(QStringLiteral("bob")), qPrintable(result.error().message));
  QCOMPARE(PXP_TRY(m_store->entry(original.id)).text, QStringLiteral("theirs"));
}

void TestTimelineStore::deleteIsATombstoneShownOnRequest() {
  const Incident i = openIncident();
  m_clock.advance(kMinuteMs);
  const TimelineEntry wrong = PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("wrong incident, sorry"))));
  m_clock.advance(kMinuteMs);
  const TimelineEntry tombstone = PXP_TRY(m_store->deleteEntry(wrong.id, QStringLiteral("alice")));
  QVERIFY(tombstone.deleted);
  QCOMPARE(tombstone.revision, 2);
  QCOMPARE(tombstone.text, wrong.text); // kept, not blanked

  QCOMPARE(PXP_TRY(m_store->entries(i.id)).size(), 1); // only the opening
  EntryFilter withDeleted;
  withDeleted.includeDeleted = true;
  const QList<TimelineEntry> all = PXP_TRY(m_store->entries(i.id, withDeleted));
  QCOMPARE(all.size(), 2);
  QCOMPARE(all.at(1), tombstone);
  const QList<EntryRevision> history = PXP_TRY(m_store->history(wrong.id));
  QCOMPARE(history.size(), 1);
  QCOMPARE(history.first().changedFields(), QStringList{QStringLiteral("deleted")});
  QCOMPARE(history.first().whenMs, kT0Ms + 2 * kMinuteMs);
}

void TestTimelineStore::restoreUndoesATombstoneWithHistory() {
  const Incident i = openIncident();
  const TimelineEntry entry = PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("keep me"))));
  PXP_TRY(m_store->deleteEntry(entry.id, QStringLiteral("alice")));
  const TimelineEntry restored = PXP_TRY(m_store->restoreEntry(entry.id, QStringLiteral("bob")));
  QVERIFY(!restored.deleted);
  QCOMPARE(restored.revision, 3);
  QCOMPARE(PXP_TRY(m_store->history(entry.id)).size(), 2);
  QCOMPARE(PXP_TRY(m_store->entries(i.id)).size(), 2);
}

void TestTimelineStore::automaticEntriesAreIdempotentBySourceKey() {
  const Incident i = openIncident();
  const QList<TimelineEntry> batch = {automatic(i.id, QStringLiteral("alert:a1:fired"), kT0Ms + 1000),
                                      automatic(i.id, QStringLiteral("audit:42"), kT0Ms + 2000, EntryKind::Command)};
  const AutomaticBatch first = PXP_TRY(m_store->addAutomatic(batch));
  QCOMPARE(first.added.size(), 2);
  QCOMPARE(first.skipped, 0);
  QVERIFY(first.added.first().automatic);
  QCOMPARE(first.added.first().author, QStringLiteral("pxp"));

  const AutomaticBatch again = PXP_TRY(m_store->addAutomatic(batch)); // the stream re-delivered it
  QCOMPARE(again.added.size(), 0);
  QCOMPARE(again.skipped, 2);

  TimelineEntry sameEventOtherId = batch.first();
  sameEventOtherId.id = newTimelineId();
  QCOMPARE(PXP_TRY(m_store->addAutomatic(sameEventOtherId)).skipped, 1);
  QCOMPARE(PXP_TRY(m_store->entries(i.id)).size(), 3);
}

void TestTimelineStore::automaticEntriesFromTwoConsolesAreRecordedOnce() {
  const Incident i = openIncident();
  TimelineStore other(storeOptions(m_clock));
  PXP_TRY(other.open(path()));
  const TimelineEntry fired = automatic(i.id, QStringLiteral("alert:a1:fired"), kT0Ms + 1000);
  const AutomaticBatch here = PXP_TRY(m_store->addAutomatic(fired));
  const AutomaticBatch there = PXP_TRY(other.addAutomatic(fired));
  QCOMPARE(here.added.size(), 1);
  QCOMPARE(there.skipped, 1);
  // Derived from incident and source key: the same id in every console.
  QCOMPARE(here.added.first().id, AutomaticEntryMapper::entryId(i.id, fired.sourceKey));
}

void TestTimelineStore::automaticEntryNeedsASourceKey() {
  const Incident i = openIncident();
  TimelineEntry keyless = automatic(i.id, QString(), kT0Ms);
  const auto result = m_store->addAutomatic(keyless);
  QVERIFY(!result);
  QCOMPARE(result.error().code, TimelineError::Code::InvalidInput);
}

void TestTimelineStore::entriesFilterByKindAuthorAndText() {
  const Incident i = openIncident();
  PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("Roll back checkout 1.4.2"), 0, EntryKind::Decision)));
  PXP_TRY(
      m_store->addEntry(note(i.id, QStringLiteral("Page the DB team"), 0, EntryKind::Action, QStringLiteral("Bob"))));
  PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("50% of checkouts fail"), 0, EntryKind::CustomerImpact)));
  PXP_TRY(m_store->addAutomatic(automatic(i.id, QStringLiteral("deploy:d1:rolled-back"), kT0Ms, EntryKind::Rollback,
                                          QStringLiteral("checkout rolled back"))));

  EntryFilter decisions;
  decisions.kinds = {EntryKind::Decision, EntryKind::Rollback};
  QCOMPARE(PXP_TRY(m_store->entries(i.id, decisions)).size(), 2);

  EntryFilter byBob;
  byBob.author = QStringLiteral("bob"); // case-insensitive
  QCOMPARE(PXP_TRY(m_store->entries(i.id, byBob)).size(), 1);

  EntryFilter percent;
  percent.text = QStringLiteral("50%"); // % is literal, not a LIKE wildcard
  const QList<TimelineEntry> found = PXP_TRY(m_store->entries(i.id, percent));
  QCOMPARE(found.size(), 1);
  QCOMPARE(found.first().kind, EntryKind::CustomerImpact);

  EntryFilter rollBack;
  rollBack.text = QStringLiteral("ROLL");
  QCOMPARE(PXP_TRY(m_store->entries(i.id, rollBack)).size(), 2);
}

void TestTimelineStore::searchFindsEntriesAcrossIncidents() {
  const Incident a = openIncident(incident(QStringLiteral("Checkout failing")));
  const Incident b = openIncident(incident(QStringLiteral("Login slow")));
  PXP_TRY(m_store->addEntry(note(a.id, QStringLiteral("redis failover started"))));
  m_clock.advance(kMinuteMs);
  PXP_TRY(m_store->addEntry(note(b.id, QStringLiteral("Redis memory full"))));
  PXP_TRY(m_store->addEntry(note(b.id, QStringLiteral("unrelated"))));

  EntryFilter filter;
  filter.text = QStringLiteral("redis");
  const QList<SearchHit> hits = PXP_TRY(m_store->search(filter));
  QCOMPARE(hits.size(), 2);
  QCOMPARE(hits.at(0).incidentTitle, QStringLiteral("Login slow")); // newest first
  QCOMPARE(hits.at(1).incidentTitle, QStringLiteral("Checkout failing"));
  filter.limit = 1;
  QCOMPARE(PXP_TRY(m_store->search(filter)).size(), 1);
}

void TestTimelineStore::changesSinceReturnsOnlyWhatChanged() {
  const Incident i = openIncident();
  const EntryChanges start = PXP_TRY(m_store->load(i.id));
  QCOMPARE(start.entries.size(), 1);

  const TimelineEntry added = PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("one"))));
  const Incident other = openIncident(incident(QStringLiteral("other"))); // another incident's change
  Q_UNUSED(other)
  const EntryChanges changes = PXP_TRY(m_store->changesSince(i.id, start.lastChangeSeq));
  QCOMPARE(changes.entries.size(), 1);
  QCOMPARE(changes.entries.first(), added);
  QVERIFY(!changes.more);

  const TimelineEntry deleted = PXP_TRY(m_store->deleteEntry(added.id, QStringLiteral("alice")));
  const EntryChanges next = PXP_TRY(m_store->changesSince(i.id, changes.lastChangeSeq));
  QCOMPARE(next.entries.size(), 1);
  QCOMPARE(next.entries.first(), deleted);
  QCOMPARE(PXP_TRY(m_store->changesSince(i.id, next.lastChangeSeq)).entries.size(), 0);

  for (int n = 0; n < 5; ++n)
    PXP_TRY(m_store->addEntry(note(i.id, QStringLiteral("n%1").arg(n))));
  const EntryChanges page = PXP_TRY(m_store->changesSince(i.id, next.lastChangeSeq, 3));
  QCOMPARE(page.entries.size(), 3);
  QVERIFY(page.more);
  QCOMPARE(PXP_TRY(m_store->changesSince(i.id, page.lastChangeSeq, 3)).entries.size(), 2);
}

void TestTimelineStore::readOnlyStoreRefusesWrites() {
  const Incident i = openIncident();
  TimelineStore reader(storeOptions(m_clock, TimelineStore::Access::ReadOnly));
  PXP_TRY(reader.open(path()));
  QCOMPARE(PXP_TRY(reader.entries(i.id)).size(), 1);
  const auto result = reader.addEntry(note(i.id, QStringLiteral("nope")));
  QVERIFY(!result);
  QCOMPARE(result.error().code, TimelineError::Code::ReadOnly);

  TimelineStore missing(storeOptions(m_clock, TimelineStore::Access::ReadOnly));
  QVERIFY(!missing.open(m_dir->filePath(QStringLiteral("absent.sqlite"))));
  QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("absent.sqlite")))); // a reader creates nothing
}

QTEST_GUILESS_MAIN(TestTimelineStore)
#include "tst_timeline_store.moc"
