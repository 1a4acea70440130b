// Sharing an incident: a colleague's JSON export imports into another database as the same
// timeline (history and tombstones included) and never twice; the Markdown export is a
// postmortem draft with the timeline in UTC and the SLO budget burned.

#include "TimelineTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace pxp::models;
using namespace pxp::testing;

class TestTimelineExchange : public QObject {
  Q_OBJECT
private slots:
  void init();
  void cleanup();

  void jsonRoundTripIntoAFreshDatabaseIsEqual();
  void importingTwiceAddsNothing();
  void importTakesTheColleaguesLaterEdits();
  void importSkipsAnAutomaticEntryRecordedHereUnderAnotherId();
  void malformedImportChangesNothing_data();
  void malformedImportChangesNothing();
  void markdownIsAPostmortemDraftInUtc();

private:
  std::unique_ptr<QTemporaryDir> m_dir;
  TestClock m_clock;
  std::unique_ptr<TimelineStore> m_mine;   // my console's file
  std::unique_ptr<TimelineStore> m_theirs; // a colleague's file
  Incident m_incident;
  TimelineEntry m_edited, m_deleted, m_alert;

  std::unique_ptr<TimelineStore> openStore(const QString &name) {
    auto store = std::make_unique<TimelineStore>(storeOptions(m_clock));
    PXP_TRY(store->open(m_dir->filePath(name)));
    return store;
  }
};

void TestTimelineExchange::init() {
  m_dir = std::make_unique<QTemporaryDir>();
  QVERIFY(m_dir->isValid());
  m_clock.set(kT0Ms);
  m_theirs = openStore(QStringLiteral("theirs.sqlite"));
  m_mine = openStore(QStringLiteral("mine.sqlite"));

  // The colleague's incident: annotations, an edit, a tombstone, the live stream, a resolve.
  Incident i = incident();
  i.roles.insert(QStringLiteral("communications"), QStringLiteral("carol"));
  m_incident = PXP_TRY(m_theirs->createIncident(i, QStringLiteral("alice"))).incident;
  m_alert =
      PXP_TRY(m_theirs->addAutomatic(automatic(m_incident.id, QStringLiteral("alert:a1:fired"), kT0Ms - 2 * kMinuteMs)))
          .added.first();
  m_clock.advance(kMinuteMs);
  const TimelineEntry hypothesis =
      PXP_TRY(m_theirs->addEntry(note(m_incident.id, QStringLiteral("Bad deploy | maybe"), 0, EntryKind::Hypothesis)));
  m_clock.advance(kMinuteMs);
  PXP_TRY(m_theirs->addEntry(note(m_incident.id, QStringLiteral("Roll back checkout"), 0, EntryKind::Decision)));
  PXP_TRY(m_theirs->addEntry(note(m_incident.id, QStringLiteral("Add a canary check for EU"), 0, EntryKind::Action)));
  PXP_TRY(m_theirs->addEntry(
      note(m_incident.id, QStringLiteral("12% of EU checkouts failed"), 0, EntryKind::CustomerImpact)));
  const TimelineEntry typo = PXP_TRY(m_theirs->addEntry(note(m_incident.id, QStringLiteral("typo entry"))));
  m_clock.advance(kMinuteMs);
  TimelineEntry edit = hypothesis;
  edit.text = QStringLiteral("Bad deploy of checkout 1.4.2");
  m_edited = PXP_TRY(m_theirs->editEntry(edit, QStringLiteral("bob")));
  m_deleted = PXP_TRY(m_theirs->deleteEntry(typo.id, QStringLiteral("alice")));
  m_clock.advance(60 * kMinuteMs);
  i = m_incident;
  i.status = IncidentStatus::Resolved;
  m_incident = PXP_TRY(m_theirs->updateIncident(i, QStringLiteral("alice"))).incident;
}

void TestTimelineExchange::cleanup() {
  m_mine.reset();
  m_theirs.reset();
  m_dir.reset();
}

void TestTimelineExchange::jsonRoundTripIntoAFreshDatabaseIsEqual() {
  const QByteArray json = PXP_TRY(m_theirs->exportJson(m_incident.id));
  const ImportCounts counts = PXP_TRY(m_mine->importJson(json));
  QVERIFY(counts.incidentAdded);
  QCOMPARE(counts.incidentId, m_incident.id);
  EntryFilter everything;
  everything.includeDeleted = true;
  const QList<TimelineEntry> theirs = PXP_TRY(m_theirs->entries(m_incident.id, everything));
  QCOMPARE(counts.entriesAdded, theirs.size());
  QCOMPARE(counts.revisionsAdded, 2); // the edit and the delete

  QCOMPARE(PXP_TRY(m_mine->incident(m_incident.id)), m_incident);
  QCOMPARE(PXP_TRY(m_mine->entries(m_incident.id, everything)), theirs);
  QCOMPARE(PXP_TRY(m_mine->history(m_edited.id)), PXP_TRY(m_theirs->history(m_edited.id)));
  QCOMPARE(PXP_TRY(m_mine->history(m_deleted.id)), PXP_TRY(m_theirs->history(m_deleted.id)));
  QVERIFY(PXP_TRY(m_mine->entry(m_deleted.id)).deleted);
  // And it exports the same again (apart from the export time).
  m_clock.set(kT0Ms); // exportedAtMs
  QCOMPARE(PXP_TRY(m_mine->exportJson(m_incident.id)), PXP_TRY(m_theirs->exportJson(m_incident.id)));
}

void TestTimelineExchange::importingTwiceAddsNothing() {
  const QByteArray json = PXP_TRY(m_theirs->exportJson(m_incident.id));
  PXP_TRY(m_mine->importJson(json));
  EntryFilter everything;
  everything.includeDeleted = true;
  const QList<TimelineEntry> once = PXP_TRY(m_mine->entries(m_incident.id, everything));

  const ImportCounts again = PXP_TRY(m_mine->importJson(json));
  QVERIFY(!again.incidentAdded);
  QVERIFY(!again.incidentUpdated);
  QCOMPARE(again.entriesAdded, 0);
  QCOMPARE(again.entriesUpdated, 0);
  QCOMPARE(again.entriesSkipped, once.size());
  QCOMPARE(again.revisionsAdded, 0);
  QCOMPARE(PXP_TRY(m_mine->entries(m_incident.id, everything)), once);
}

void TestTimelineExchange::importTakesTheColleaguesLaterEdits() {
  PXP_TRY(m_mine->importJson(PXP_TRY(m_theirs->exportJson(m_incident.id))));
  // The colleague keeps working: edits an entry, reopens the incident, adds a note.
  m_clock.advance(kMinuteMs);
  TimelineEntry edit = m_edited;
  edit.text = QStringLiteral("Bad deploy of checkout 1.4.2 (confirmed)");
  const TimelineEntry later = PXP_TRY(m_theirs->editEntry(edit, QStringLiteral("bob")));
  Incident reopened = m_incident;
  reopened.status = IncidentStatus::Monitoring;
  PXP_TRY(m_theirs->updateIncident(reopened, QStringLiteral("bob")));

  const ImportCounts counts = PXP_TRY(m_mine->importJson(PXP_TRY(m_theirs->exportJson(m_incident.id))));
  QVERIFY(counts.incidentUpdated);
  QCOMPARE(counts.entriesUpdated, 1);
  QCOMPARE(counts.entriesAdded, 1); // the status change entry
  QCOMPARE(counts.revisionsAdded, 1);
  QCOMPARE(PXP_TRY(m_mine->entry(m_edited.id)).text, later.text);
  QCOMPARE(PXP_TRY(m_mine->incident(m_incident.id)).status, IncidentStatus::Monitoring);

  // My older export does not undo their newer state.
  const ImportCounts backwards = PXP_TRY(m_theirs->importJson(PXP_TRY(m_mine->exportJson(m_incident.id))));
  QCOMPARE(backwards.entriesUpdated, 0);
  QVERIFY(!backwards.incidentUpdated);
}

void TestTimelineExchange::importSkipsAnAutomaticEntryRecordedHereUnderAnotherId() {
  // My console recorded the same alert under an id of its own.
  TimelineStore fresh(storeOptions(m_clock));
  PXP_TRY(fresh.open(m_dir->filePath(QStringLiteral("fresh.sqlite"))));
  PXP_TRY(fresh.createIncident(m_incident, QStringLiteral("alice")));
  TimelineEntry sameAlert = automatic(m_incident.id, m_alert.sourceKey, m_alert.eventTimeMs);
  sameAlert.id = newTimelineId();
  PXP_TRY(fresh.addAutomatic(sameAlert));

  const ImportCounts counts = PXP_TRY(fresh.importJson(PXP_TRY(m_theirs->exportJson(m_incident.id))));
  QVERIFY(counts.entriesSkipped >= 1);
  EntryFilter alerts;
  alerts.kinds = {EntryKind::Alert};
  QCOMPARE(PXP_TRY(fresh.entries(m_incident.id, alerts)).size(), 1);
}

void TestTimelineExchange::malformedImportChangesNothing_data() {
  QTest::addColumn<QString>("mutation");
  QTest::addColumn<QString>("message");
  QTest::newRow("not json") << "not json"
                            << "at byte";
  QTest::newRow("other format") << "format"
                                << "\"format\"";
  QTest::newRow("severity 7") << "severity"
                              << "incident.severity";
  QTest::newRow("unknown kind") << "kind"
                                << "entries[0].kind";
  QTest::newRow("duplicate id") << "duplicate"
                                << "appears twice";
  QTest::newRow("text not a string") << "text"
                                     << "entries[0].text";
  // Found by fuzz_timeline_import: a time past qint64 was converted with undefined behaviour.
  QTest::newRow("a time of 1.764e23 ms") << "huge time"
                                         << "incident.openedAtMs";
}

void TestTimelineExchange::malformedImportChangesNothing() {
  QFETCH(QString, mutation);
  QFETCH(QString, message);
  QJsonObject root = QJsonDocument::fromJson(PXP_TRY(m_theirs->exportJson(m_incident.id))).object();
  QJsonObject incidentJson = root.value(QStringLiteral("incident")).toObject();
  QJsonArray entries = root.value(QStringLiteral("entries")).toArray();
  QJsonObject first = entries.at(0).toObject();
  QByteArray bytes;
  if (mutation == QLatin1String("format")) {
    root.insert(QStringLiteral("format"), QStringLiteral("something-else"));
  } else if (mutation == QLatin1String("severity")) {
    incidentJson.insert(QStringLiteral("severity"), 7);
  } else if (mutation == QLatin1String("kind")) {
    first.insert(QStringLiteral("kind"), QStringLiteral("gossip"));
  } else if (mutation == QLatin1String("duplicate")) {
    entries.append(first);
  } else if (mutation == QLatin1String("text")) {
    first.insert(QStringLiteral("text"), 42);
  } else if (mutation == QLatin1String("huge time")) {
    incidentJson.insert(QStringLiteral("openedAtMs"), 1.764e23);
  }
  entries.replace(0, first);
  root.insert(QStringLiteral("incident"), incidentJson);
  root.insert(QStringLiteral("entries"), entries);
  bytes = mutation == QLatin1String("not json") ? QByteArray("{\"format\": ") : QJsonDocument(root).toJson();

  const auto result = m_mine->importJson(bytes);
  QVERIFY(!result);
  QCOMPARE(result.error().code, TimelineError::Code::InvalidInput);
  QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
  QVERIFY(result.error().message.contains(QStringLiteral("nothing was imported")));
  QCOMPARE(PXP_TRY(m_mine->incidents()).size(), 0);
}

void TestTimelineExchange::markdownIsAPostmortemDraftInUtc() {
  const QMap<QString, double> budget{{QStringLiteral("payments/checkout-availability"), 0.125}};
  const QString md = PXP_TRY(m_theirs->exportMarkdown(m_incident.id, budget));
  QVERIFY2(md.startsWith(QStringLiteral("# Postmortem draft: Checkout failing in EU")), qPrintable(md));
  QVERIFY(md.contains(QStringLiteral("- **Severity:** SEV2")));
  QVERIFY(md.contains(QStringLiteral("- **Commander:** alice; communications: carol")));
  QVERIFY(md.contains(QStringLiteral("- **Opened:** 2024-11-26 13:00:00 UTC")));
  QVERIFY(md.contains(QStringLiteral("- **Resolved:** 2024-11-26 14:03:00 UTC (after 1 h 3 m)")));
  QVERIFY(md.contains(QStringLiteral("## Summary")));
  QVERIFY(md.contains(QStringLiteral("## Impact\n\n- 12% of EU checkouts failed (alice, 2024-11-26 13:02:00 UTC)")));
  QVERIFY2(md.contains(QStringLiteral("- payments/checkout-availability: 12.50 % of the error budget")),
           qPrintable(md));
  QVERIFY(md.contains(QStringLiteral("## Timeline (UTC)\n\n| Time (UTC) | Kind | Author | Entry |")));
  QVERIFY(md.contains(QStringLiteral("| 2024-11-26 12:58:00 | alert | pxp | alert fired "
                                     "([link](pxp://slo/payments/checkout-availability)) |")));
  // The pipe in the text is escaped; the edited entry says so; the tombstone is left out.
  QVERIFY2(md.contains(QStringLiteral("| 2024-11-26 13:01:00 | hypothesis | alice | Bad deploy of checkout 1.4.2 "
                                      "_(edited)_ |")),
           qPrintable(md));
  QVERIFY(!md.contains(QStringLiteral("typo entry")));
  QVERIFY(md.contains(QStringLiteral("_1 deleted entries are not shown")));
  QVERIFY(
      md.contains(QStringLiteral("## Actions\n\n- [ ] Add a canary check for EU (alice, 2024-11-26 13:02:00 UTC)")));

  const QString noBudget = PXP_TRY(m_theirs->exportMarkdown(m_incident.id, {}));
  QVERIFY(noBudget.contains(QStringLiteral("no SLO data was available")));
}

QTEST_GUILESS_MAIN(TestTimelineExchange)
#include "tst_timeline_exchange.moc"
