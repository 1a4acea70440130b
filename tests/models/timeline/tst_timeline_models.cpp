// The timeline as the editor shows it: entries in event order, updated in place as they are
// saved here or written by another console, filtered by kind, author and text; the incident
// list; and the writer that keeps the disk off the GUI thread.

#include "TimelineTestSupport.h"

#include "pxp/models/Format.h"
#include "pxp/models/timeline/IncidentListModel.h"
#include "pxp/models/timeline/TimelineFilterProxy.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/models/timeline/TimelineWriter.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace pxp::models;
using namespace pxp::testing;

namespace {

constexpr int kSignalTimeoutMs = 10'000;

TimelineEntry stored(const QString &id, qint64 eventTimeMs, const QString &text, EntryKind kind = EntryKind::Note,
                     const QString &author = QStringLiteral("alice")) {
  TimelineEntry e = note(QStringLiteral("inc-1"), text, eventTimeMs, kind, author);
  e.id = id;
  e.recordedAtMs = eventTimeMs;
  return e;
}

QStringList texts(const QAbstractItemModel &model) {
  QStringList list;
  for (int row = 0; row < model.rowCount(); ++row)
    list.append(model.index(row, TimelineModel::TextColumn).data().toString());
  return list;
}

} // namespace

class TestTimelineModels : public QObject {
  Q_OBJECT
private slots:
  void init();
  void cleanup();

  void savedEntryIsInsertedAtItsSortedRow();
  void editedEventTimeMovesTheRow();
  void sameEntryAgainSignalsNothing();
  void setEntriesDiffsById();
  void anotherIncidentResets();
  void timeColumnIsUtcWithLocalTooltip();
  void rolesHaveNames();
  void refreshPicksUpAnotherConsolesWritesWithoutReset();
  void refreshCatchesUpInBoundedBatches();

  void proxyFilters_data();
  void proxyFilters();
  void proxyFollowsNewEntries();
  void proxyTextIgnoresCaseBeyondAscii();
  void proxyFollowsTypingAndSourceChanges();

  void incidentListIsNewestFirstAndIncremental();
  void incidentListRefreshesFromTheFile();

  void writerSavesOffTheGuiThread();
  void writerReportsFailures();
  void modelLoadsThroughTheWriter();
  void writerFinishesQueuedWritesWhenDestroyed();
  void writerOpenReportsAMovedAsideFile();

private:
  std::unique_ptr<QTemporaryDir> m_dir;
  TestClock m_clock;
  QString path() const { return m_dir->filePath(QStringLiteral("timeline.sqlite")); }
  std::unique_ptr<TimelineModel> m_model;
  QList<TimelineEntry> m_entries; // t0 note, t0+2m decision (bob), t0+4m automatic alert, t0+6m deleted note
};

void TestTimelineModels::init() {
  m_dir = std::make_unique<QTemporaryDir>();
  QVERIFY(m_dir->isValid());
  m_clock.set(kT0Ms);
  m_model = std::make_unique<TimelineModel>();
  attachTesters({m_model.get()});
  TimelineEntry alert = stored(QStringLiteral("e3"), kT0Ms + 4 * kMinuteMs, QStringLiteral("alert fired"),
                               EntryKind::Alert, QStringLiteral("pxp"));
  alert.automatic = true;
  TimelineEntry gone = stored(QStringLiteral("e4"), kT0Ms + 6 * kMinuteMs, QStringLiteral("wrong incident"));
  gone.deleted = true;
  gone.revision = 2;
  m_entries = {stored(QStringLiteral("e1"), kT0Ms, QStringLiteral("first look")),
               stored(QStringLiteral("e2"), kT0Ms + 2 * kMinuteMs, QStringLiteral("roll back"), EntryKind::Decision,
                      QStringLiteral("Bob")),
               alert, gone};
}

void TestTimelineModels::cleanup() {
  m_model.reset();
  m_dir.reset();
}

void TestTimelineModels::savedEntryIsInsertedAtItsSortedRow() {
  m_model->setIncident(QStringLiteral("inc-1"), {m_entries.at(2), m_entries.at(0)}); // any order in
  QCOMPARE(texts(*m_model), (QStringList{"first look", "alert fired"}));
  QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
  QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

  m_model->applyEntries({m_entries.at(1)}); // back-dated between the two
  QCOMPARE(inserted.size(), 1);
  QCOMPARE(inserted.at(0).at(1).toInt(), 1);
  m_model->applyEntries({m_entries.at(3)});
  QCOMPARE(inserted.at(1).at(1).toInt(), 3);
  TimelineEntry foreign = stored(QStringLiteral("x"), kT0Ms, QStringLiteral("other incident"));
  foreign.incidentId = QStringLiteral("inc-2");
  m_model->applyEntries({foreign}); // not this incident's
  QCOMPARE(texts(*m_model), (QStringList{"first look", "roll back", "alert fired", "wrong incident"}));
  QCOMPARE(reset.size(), 0);
  QCOMPARE(m_model->rowOf(QStringLiteral("e3")), 2);
}

void TestTimelineModels::editedEventTimeMovesTheRow() {
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
  QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
  TimelineEntry edited = m_entries.at(0);
  edited.eventTimeMs = kT0Ms + 5 * kMinuteMs; // it happened later than first written
  edited.revision = 2;
  m_model->applyEntries({edited});
  QCOMPARE(moved.size(), 1);
  QCOMPARE(texts(*m_model), (QStringList{"roll back", "alert fired", "first look", "wrong incident"}));
  QCOMPARE(changed.size(), 1);
  QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 2);
  QCOMPARE(m_model->index(2, TimelineModel::EditedColumn).data(TimelineModel::EditedRole).toBool(), true);

  edited.text = QStringLiteral("first look (edited)"); // same time: no move
  edited.revision = 3;
  m_model->applyEntries({edited});
  QCOMPARE(moved.size(), 1);
  QCOMPARE(changed.size(), 2);
}

void TestTimelineModels::sameEntryAgainSignalsNothing() {
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
  QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
  m_model->applyEntries(m_entries);
  QCOMPARE(changed.size(), 0);
  QCOMPARE(inserted.size(), 0);
}

void TestTimelineModels::setEntriesDiffsById() {
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
  QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
  QList<TimelineEntry> next = m_entries;
  next.removeAt(1);
  next[0].text = QStringLiteral("first look, again");
  next.append(stored(QStringLiteral("e5"), kT0Ms + kMinuteMs, QStringLiteral("new")));
  m_model->setEntries(next);
  QCOMPARE(removed.size(), 1);
  QCOMPARE(reset.size(), 0);
  QCOMPARE(texts(*m_model), (QStringList{"first look, again", "new", "alert fired", "wrong incident"}));
}

void TestTimelineModels::anotherIncidentResets() {
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
  m_model->setIncident(QStringLiteral("inc-2"), {});
  QCOMPARE(reset.size(), 1);
  QCOMPARE(m_model->rowCount(), 0);
  QCOMPARE(m_model->incidentId(), QStringLiteral("inc-2"));
}

void TestTimelineModels::timeColumnIsUtcWithLocalTooltip() {
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  const QModelIndex time = m_model->index(1, TimelineModel::TimeColumn);
  QCOMPARE(time.data().toString(), QStringLiteral("2024-11-26 13:02:00"));
  QVERIFY(time.data(Qt::ToolTipRole).toString().startsWith(format::dateTimeLocal(kT0Ms + 2 * kMinuteMs)));
  QCOMPARE(time.data(TimelineModel::EventTimeRole).toLongLong(), kT0Ms + 2 * kMinuteMs);
  QCOMPARE(m_model->index(1, TimelineModel::KindColumn).data().toString(), QStringLiteral("Decision"));
  QCOMPARE(m_model->index(2, TimelineModel::AutomaticColumn).data(TimelineModel::AutomaticRole).toBool(), true);
  QCOMPARE(m_model->index(3, TimelineModel::DeletedColumn).data(TimelineModel::DeletedRole).toBool(), true);
  QCOMPARE(m_model->index(0, 0).data(TimelineModel::EntryRole).value<TimelineEntry>(), m_entries.at(0));
  QCOMPARE(m_model->headerData(TimelineModel::TimeColumn, Qt::Horizontal).toString(), QStringLiteral("Time (UTC)"));
}

void TestTimelineModels::rolesHaveNames() {
  const QHash<int, QByteArray> names = m_model->roleNames();
  for (int role = TimelineModel::EntryIdRole; role <= TimelineModel::SortRole; ++role)
    QVERIFY2(names.contains(role), qPrintable(QString::number(role)));
  QCOMPARE(names.value(TimelineModel::KindNameRole), QByteArray("kindName"));
  IncidentListModel incidents;
  for (int role = IncidentListModel::IncidentIdRole; role <= IncidentListModel::SortRole; ++role)
    QVERIFY(incidents.roleNames().contains(role));
}

void TestTimelineModels::refreshPicksUpAnotherConsolesWritesWithoutReset() {
  TimelineStore mine(storeOptions(m_clock));
  PXP_TRY(mine.open(path()));
  const Incident i = PXP_TRY(mine.createIncident(incident(), QStringLiteral("alice"))).incident;
  TimelineStore reader(storeOptions(m_clock, TimelineStore::Access::ReadOnly));
  PXP_TRY(reader.open(path()));
  m_model->setReader(&reader);
  QCOMPARE(PXP_TRY(m_model->loadIncident(i.id)), 1);

  TimelineStore otherConsole(storeOptions(m_clock)); // another pxp-console on this machine
  PXP_TRY(otherConsole.open(path()));
  m_clock.advance(kMinuteMs);
  const TimelineEntry theirs =
      PXP_TRY(otherConsole.addEntry(note(i.id, QStringLiteral("from bob"), 0, EntryKind::Note, QStringLiteral("bob"))));
  QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
  QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
  QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
  QCOMPARE(PXP_TRY(m_model->refresh()), 1);
  QCOMPARE(inserted.size(), 1);
  QCOMPARE(m_model->at(1), theirs);

  PXP_TRY(otherConsole.deleteEntry(theirs.id, QStringLiteral("bob")));
  QCOMPARE(PXP_TRY(m_model->refresh()), 1);
  QCOMPARE(changed.size(), 1);
  QVERIFY(m_model->at(1).deleted);
  QCOMPARE(PXP_TRY(m_model->refresh()), 0); // nothing committed since: no query
  QCOMPARE(reset.size(), 0);
}

void TestTimelineModels::refreshCatchesUpInBoundedBatches() {
  TimelineStore mine(storeOptions(m_clock));
  PXP_TRY(mine.open(path()));
  const Incident i = PXP_TRY(mine.createIncident(incident(), QStringLiteral("alice"))).incident;
  TimelineStore reader(storeOptions(m_clock, TimelineStore::Access::ReadOnly));
  PXP_TRY(reader.open(path()));
  m_model->setReader(&reader);
  PXP_TRY(m_model->loadIncident(i.id));
  m_model->setRefreshBatch(10);
  QList<TimelineEntry> burst;
  const int count = 25;
  for (int n = 0; n < count; ++n)
    burst.append(automatic(i.id, QStringLiteral("audit:%1").arg(n), kT0Ms + n, EntryKind::Command));
  PXP_TRY(mine.addAutomatic(burst));

  QCOMPARE(PXP_TRY(m_model->refresh()), 10);                                   // one bounded step now
  QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), count + 1, kSignalTimeoutMs); // the rest next turn
}

void TestTimelineModels::proxyFilters_data() {
  QTest::addColumn<EntryFilter>("filter");
  QTest::addColumn<bool>("showAutomatic");
  QTest::addColumn<QStringList>("expected");
  EntryFilter none;
  QTest::newRow("default hides tombstones") << none << true << QStringList{"first look", "roll back", "alert fired"};
  EntryFilter deleted;
  deleted.includeDeleted = true;
  QTest::newRow("show deleted") << deleted << true
                                << QStringList{"first look", "roll back", "alert fired", "wrong incident"};
  QTest::newRow("hide automatic") << none << false << QStringList{"first look", "roll back"};
  EntryFilter kinds;
  kinds.kinds = {EntryKind::Decision, EntryKind::Alert};
  QTest::newRow("by kind") << kinds << true << QStringList{"roll back", "alert fired"};
  EntryFilter author;
  author.author = QStringLiteral("bob");
  QTest::newRow("by author, any case") << author << true << QStringList{"roll back"};
  EntryFilter text;
  text.text = QStringLiteral("LOOK");
  QTest::newRow("by text, any case") << text << true << QStringList{"first look"};
  EntryFilter all;
  all.kinds = {EntryKind::Note};
  all.text = QStringLiteral("wrong");
  all.includeDeleted = true;
  QTest::newRow("combined") << all << true << QStringList{"wrong incident"};
}

void TestTimelineModels::proxyFilters() {
  QFETCH(EntryFilter, filter);
  QFETCH(bool, showAutomatic);
  QFETCH(QStringList, expected);
  TimelineFilterProxy proxy;
  attachTesters({&proxy});
  proxy.setSourceModel(m_model.get());
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  proxy.setFilter(filter);
  proxy.setShowAutomatic(showAutomatic);
  QCOMPARE(texts(proxy), expected);
  QCOMPARE(proxy.filter().kinds, filter.kinds);
  if (!expected.isEmpty())
    QCOMPARE(proxy.entryAt(0).text, expected.first());
}

void TestTimelineModels::proxyFollowsNewEntries() {
  TimelineFilterProxy proxy;
  attachTesters({&proxy});
  proxy.setSourceModel(m_model.get());
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  proxy.setKinds({EntryKind::Decision});
  QCOMPARE(proxy.rowCount(), 1);
  m_model->applyEntries(
      {stored(QStringLiteral("e6"), kT0Ms + kMinuteMs, QStringLiteral("page DB team"), EntryKind::Decision)});
  m_model->applyEntries({stored(QStringLiteral("e7"), kT0Ms + kMinuteMs, QStringLiteral("a note"))});
  QCOMPARE(texts(proxy), (QStringList{"page DB team", "roll back"}));
}

void TestTimelineModels::proxyTextIgnoresCaseBeyondAscii() {
  TimelineFilterProxy proxy;
  attachTesters({&proxy});
  proxy.setSourceModel(m_model.get());
  m_model->setIncident(QStringLiteral("inc-1"),
                       {stored(QStringLiteral("u1"), kT0Ms, QStringLiteral("Zahlungsausfälle in Österreich")),
                        stored(QStringLiteral("u2"), kT0Ms + 1, QStringLiteral("ΣΦΑΛΜΑ στο checkout")),
                        stored(QStringLiteral("u3"), kT0Ms + 2, QStringLiteral("unrelated"))});
  proxy.setText(QStringLiteral("ZAHLUNGSAUSFÄLLE IN ö"));
  QCOMPARE(texts(proxy), QStringList{QStringLiteral("Zahlungsausfälle in Österreich")});
  proxy.setText(QStringLiteral("σφάλμα")); // accents differ: not the same word
  QCOMPARE(proxy.rowCount(), 0);
  proxy.setText(QStringLiteral("σφαλμα"));
  QCOMPARE(texts(proxy), QStringList{QStringLiteral("ΣΦΑΛΜΑ στο checkout")});
  proxy.setText(QString());
  QCOMPARE(proxy.rowCount(), 3);
}

void TestTimelineModels::proxyFollowsTypingAndSourceChanges() {
  TimelineFilterProxy proxy;
  attachTesters({&proxy});
  proxy.setSourceModel(m_model.get());
  m_model->setIncident(QStringLiteral("inc-1"), m_entries);
  proxy.setText(QStringLiteral("r"));
  QCOMPARE(texts(proxy), (QStringList{"first look", "roll back", "alert fired"}));
  proxy.setText(QStringLiteral("ro")); // typing narrows: only rows with "r" are read again
  QCOMPARE(texts(proxy), (QStringList{"roll back"}));
  // While narrowed, the source changes: an edit that now matches, a new matching entry.
  TimelineEntry edited = m_entries.at(0);
  edited.text = QStringLiteral("first look: rollout stuck");
  edited.revision = 2;
  m_model->applyEntries({edited, stored(QStringLiteral("e9"), kT0Ms + 3 * kMinuteMs, QStringLiteral("Rollback done"))});
  QCOMPARE(texts(proxy), (QStringList{"first look: rollout stuck", "roll back", "Rollback done"}));
  proxy.setText(QStringLiteral("rol"));
  QCOMPARE(proxy.rowCount(), 3);
  proxy.setText(QStringLiteral("roll b")); // "rollout" and "Rollback" drop out
  QCOMPARE(texts(proxy), (QStringList{"roll back"}));
  proxy.setText(QStringLiteral("r")); // deleting letters widens again
  QCOMPARE(proxy.rowCount(), 4);
  proxy.setText(QStringLiteral("fired")); // not an extension: everything is read again
  QCOMPARE(texts(proxy), (QStringList{"alert fired"}));
}

void TestTimelineModels::incidentListIsNewestFirstAndIncremental() {
  IncidentListModel list;
  attachTesters({&list});
  Incident older = incident(QStringLiteral("older"));
  older.id = QStringLiteral("i1");
  older.openedAtMs = kT0Ms;
  Incident newer = incident(QStringLiteral("newer"), 1);
  newer.id = QStringLiteral("i2");
  newer.openedAtMs = kT0Ms + kMinuteMs;
  list.setIncidents({older, newer});
  QCOMPARE(list.at(0).title, QStringLiteral("newer"));
  QCOMPARE(list.index(0, IncidentListModel::SeverityColumn).data().toString(), QStringLiteral("SEV1"));

  QSignalSpy changed(&list, &QAbstractItemModel::dataChanged);
  QSignalSpy inserted(&list, &QAbstractItemModel::rowsInserted);
  QSignalSpy reset(&list, &QAbstractItemModel::modelReset);
  older.status = IncidentStatus::Resolved;
  list.applyIncident(older);
  QCOMPARE(changed.size(), 1);
  QCOMPARE(list.index(1, IncidentListModel::StatusColumn).data().toString(), QStringLiteral("Resolved"));
  Incident newest = incident(QStringLiteral("newest"));
  newest.id = QStringLiteral("i3");
  newest.openedAtMs = kT0Ms + 2 * kMinuteMs;
  list.applyIncident(newest);
  QCOMPARE(inserted.size(), 1);
  QCOMPARE(inserted.at(0).at(1).toInt(), 0);
  list.setIncidents({newest, older});
  QCOMPARE(list.rowCount(), 2);
  QCOMPARE(reset.size(), 0);
}

void TestTimelineModels::incidentListRefreshesFromTheFile() {
  TimelineStore writer(storeOptions(m_clock));
  PXP_TRY(writer.open(path()));
  PXP_TRY(writer.createIncident(incident(QStringLiteral("first")), QStringLiteral("alice")));
  TimelineStore reader(storeOptions(m_clock, TimelineStore::Access::ReadOnly));
  PXP_TRY(reader.open(path()));
  IncidentListModel list;
  attachTesters({&list});
  list.setReader(&reader);
  QCOMPARE(PXP_TRY(list.refresh()), 1);
  m_clock.advance(kMinuteMs);
  PXP_TRY(writer.createIncident(incident(QStringLiteral("second")), QStringLiteral("bob")));
  PXP_TRY(list.refresh());
  QCOMPARE(list.rowCount(), 2);
  QCOMPARE(list.at(0).title, QStringLiteral("second"));
  QCOMPARE(PXP_TRY(list.refresh()), 0); // nothing new
}

void TestTimelineModels::writerSavesOffTheGuiThread() {
  TimelineWriter writer(storeOptions(m_clock));
  QSignalSpy opened(&writer, &TimelineWriter::opened);
  QSignalSpy incidentSaved(&writer, &TimelineWriter::incidentSaved);
  QSignalSpy saved(&writer, &TimelineWriter::saved);
  QSignalSpy pending(&writer, &TimelineWriter::pendingCountChanged);
  QSignalSpy failed(&writer, &TimelineWriter::failed);
  m_model->attach(&writer);
  writer.open(path());
  QVERIFY(opened.wait(kSignalTimeoutMs));
  QVERIFY(writer.isOpen());

  const quint64 create = writer.createIncident(incident(), QStringLiteral("alice"));
  QVERIFY(incidentSaved.wait(kSignalTimeoutMs));
  QCOMPARE(incidentSaved.at(0).at(0).toULongLong(), create);
  const Incident i = incidentSaved.at(0).at(1).value<IncidentChange>().incident;
  m_model->setIncident(i.id, incidentSaved.at(0).at(1).value<IncidentChange>().entries);
  pending.clear();

  m_clock.advance(kMinuteMs);
  const quint64 add = writer.addEntry(note(i.id, QStringLiteral("Error rate up")));
  QCOMPARE(writer.pendingCount(), 1); // "saving…" at once, before the disk is touched
  QCOMPARE(pending.size(), 1);
  QVERIFY(saved.wait(kSignalTimeoutMs));
  QCOMPARE(saved.at(0).at(0).toULongLong(), add);
  const auto entry = saved.at(0).at(1).value<TimelineEntry>();
  QCOMPARE(entry.text, QStringLiteral("Error rate up"));
  QCOMPARE(entry.eventTimeMs, kT0Ms + kMinuteMs);
  QTRY_COMPARE_WITH_TIMEOUT(writer.pendingCount(), 0, kSignalTimeoutMs); // "saved"
  QCOMPARE(pending.constLast().at(0).toInt(), 0);
  QCOMPARE(m_model->rowCount(), 2); // the attached model shows it
  QCOMPARE(m_model->at(1).id, entry.id);
  QCOMPARE(failed.size(), 0);

  TimelineStore check(storeOptions(m_clock, TimelineStore::Access::ReadOnly));
  PXP_TRY(check.open(path()));
  QCOMPARE(PXP_TRY(check.entry(entry.id)), entry); // durable before `saved`
}

void TestTimelineModels::writerReportsFailures() {
  TimelineWriter writer(storeOptions(m_clock));
  QSignalSpy opened(&writer, &TimelineWriter::opened);
  QSignalSpy failed(&writer, &TimelineWriter::failed);
  writer.open(path());
  QVERIFY(opened.wait(kSignalTimeoutMs));
  TimelineEntry ghost = note(QStringLiteral("inc-1"), QStringLiteral("x"));
  ghost.id = QStringLiteral("no-such-entry");
  const quint64 request = writer.editEntry(ghost, QStringLiteral("alice"));
  QVERIFY(failed.wait(kSignalTimeoutMs));
  QCOMPARE(failed.at(0).at(0).toULongLong(), request);
  const auto error = failed.at(0).at(1).value<TimelineError>();
  QCOMPARE(error.code, TimelineError::Code::NotFound);
  QVERIFY(error.message.contains(path()));
  QTRY_COMPARE_WITH_TIMEOUT(writer.pendingCount(), 0, kSignalTimeoutMs);
}

void TestTimelineModels::modelLoadsThroughTheWriter() {
  TimelineWriter writer(storeOptions(m_clock));
  QSignalSpy incidentSaved(&writer, &TimelineWriter::incidentSaved);
  QSignalSpy automaticSaved(&writer, &TimelineWriter::automaticSaved);
  writer.open(path());
  writer.createIncident(incident(), QStringLiteral("alice"));
  QVERIFY(incidentSaved.wait(kSignalTimeoutMs));
  const Incident i = incidentSaved.at(0).at(1).value<IncidentChange>().incident;
  QList<TimelineEntry> stream;
  for (int n = 0; n < 50; ++n)
    stream.append(automatic(i.id, QStringLiteral("audit:%1").arg(n), kT0Ms + qint64(n) * 1000, EntryKind::Command));
  writer.addAutomatic(stream);
  QCOMPARE(writer.pendingCount(), 0); // the stream's writes are not the user's "saving…"
  QVERIFY(automaticSaved.wait(kSignalTimeoutMs));

  m_model->attach(&writer);
  QSignalSpy loaded(m_model.get(), &TimelineModel::incidentLoaded);
  QVERIFY(m_model->requestIncident(i.id) != 0);
  QVERIFY(loaded.wait(kSignalTimeoutMs));
  QCOMPARE(m_model->incidentId(), i.id);
  QCOMPARE(m_model->rowCount(), 51);
  QVERIFY(m_model->lastChangeSeq() > 0);

  writer.addAutomatic({automatic(i.id, QStringLiteral("audit:99"), kT0Ms + 99'000, EntryKind::Command)});
  QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 52, kSignalTimeoutMs);
}

void TestTimelineModels::writerFinishesQueuedWritesWhenDestroyed() {
  QString incidentId;
  {
    TimelineStore store(storeOptions(m_clock));
    PXP_TRY(store.open(path()));
    incidentId = PXP_TRY(store.createIncident(incident(), QStringLiteral("alice"))).incident.id;
  }
  {
    TimelineWriter writer(storeOptions(m_clock));
    writer.open(path());
    for (int n = 0; n < 20; ++n)
      writer.addEntry(note(incidentId, QStringLiteral("typed just before quitting %1").arg(n)));
  } // the console quits: nothing the user saved may be dropped
  TimelineStore store(storeOptions(m_clock));
  PXP_TRY(store.open(path()));
  QCOMPARE(PXP_TRY(store.entries(incidentId)).size(), 21);
}

void TestTimelineModels::writerOpenReportsAMovedAsideFile() {
  QFile file(path());
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QByteArray(4096, 'x'));
  file.close();
  QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was moved to")));
  TimelineWriter writer(storeOptions(m_clock));
  QSignalSpy opened(&writer, &TimelineWriter::opened);
  writer.open(path());
  QVERIFY(opened.wait(kSignalTimeoutMs));
  const auto report = opened.at(0).at(1).value<OpenReport>();
  QCOMPARE(report.movedAsideTo, path() + QStringLiteral(".corrupt-20241126-130000"));
  QVERIFY(!report.notice().isEmpty());
}

QTEST_GUILESS_MAIN(TestTimelineModels)
#include "tst_timeline_models.moc"
