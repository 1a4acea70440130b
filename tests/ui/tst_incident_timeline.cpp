// The Incidents page offscreen, as an incident commander uses it, against a real pxpd engine
// over real gRPC on loopback and a real SQLite timeline file in a temporary folder: open an
// incident from the page alert in one action, annotate it by typing and pressing Enter, see
// the annotations in order with the automatic entries (the alert, the rollback decision),
// edit with history, delete as a tombstone, export Markdown and JSON, import without
// duplicates, and follow an automatic entry's link back to the on-call view.

#include "ModelTesters.h"
#include "charts/TimeSeriesChart.h"
#include "incidents/AnnotationBar.h"
#include "incidents/EntryEditDialog.h"
#include "incidents/EntryHistoryDialog.h"
#include "incidents/IncidentChartPanel.h"
#include "incidents/TimelinePanel.h"
#include "incidents/TimelinePresentationProxy.h"
#include "oncall/OnCallDashboard.h"

#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/models/AlertTableModel.h"
#include "pxp/models/Format.h"
#include "pxp/models/LiveFeed.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/ServerClock.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/models/SloTableModel.h"
#include "pxp/models/timeline/IncidentListModel.h"
#include "pxp/models/timeline/TimelineFilterProxy.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/models/timeline/TimelineStore.h"
#include "pxp/models/timeline/TimelineWriter.h"
#include "pxp/ui/IncidentsPage.h"
#include "pxp/ui/MainWindow.h"
#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include "CommandPalette.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using pxp::models::EntryKind;
using pxp::models::TimelineEntry;

namespace {

constexpr std::int64_t kStart = 1'764'000'000'000;
const QString kSlo = QStringLiteral("payments/checkout-availability");

pxp::models::TimelineStore::Options clockedBy(const pxp::models::ServerClock *clock) {
  pxp::models::TimelineStore::Options options;
  options.nowMs = [clock] { return clock->nowMs(); };
  return options;
}

// One console wired as pxp-console wires it (app/main.cpp), with its own timeline file.
struct Console {
  pxp::models::SessionStatus session;
  pxp::models::LiveState state;
  pxp::client::BackendConnection connection;
  pxp::client::BackendQueries queries;
  pxp::models::ServerClock clock;
  pxp::models::TimelineWriter writer{clockedBy(&clock)};
  pxp::ui::MainWindow window{&session, &state, &queries};
  QList<QAbstractItemModel *> testedModels;

  Console(const pxp::client::ConnectionTarget &target, const QString &timelineFile) {
    pxp::models::connectLiveFeed(connection, session, state);
    window.attachTimeline(&writer, &clock);
    testedModels = testing::testModelsUnder(&window); // the timeline proxies and the incident filter among them
    writer.open(timelineFile);
    QObject::connect(&connection, &pxp::client::BackendConnection::snapshotReceived, window.incidents(),
                     &pxp::ui::IncidentsPage::recordSnapshot);
    QObject::connect(&connection, &pxp::client::BackendConnection::deltaReceived, window.incidents(),
                     &pxp::ui::IncidentsPage::recordDelta);
    connection.setBackoff({100, 400, 2.0, 0.1});
    window.resize(1500, 950);
    window.show();
    queries.setTarget(target);
    connection.start(target);
  }
  ~Console() { connection.stop(); }

  pxp::ui::IncidentsPage *page() const { return window.incidents(); }
  pxp::ui::TimelinePanel *timeline() const { return page()->timeline(); }
  const pxp::models::TimelineModel *model() const { return timeline()->model(); }

  int rowOfText(const QString &text) const {
    const auto &entries = model()->entries();
    for (int r = 0; r < entries.size(); ++r)
      if (entries.at(r).text == text)
        return r;
    return -1;
  }
  bool hasKind(EntryKind kind) const {
    for (const auto &e : model()->entries())
      if (e.kind == kind)
        return true;
    return false;
  }
  // Makes `entryId` the current row of the timeline table (with the current filters).
  bool select(const QString &entryId) const { return timeline()->selectEntry(entryId); }
};

QString entriesText(const QList<TimelineEntry> &entries) {
  QStringList lines;
  for (const auto &e : entries)
    lines << QStringLiteral("%1 %2 %3")
                 .arg(pxp::models::TimelineModel::utcText(e.eventTimeMs), pxp::models::kindName(e.kind), e.text);
  return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestIncidentTimeline : public QObject {
  Q_OBJECT

  pxpd::ManualClock m_clock{kStart};
  pxpd::DaemonConfig m_config;
  std::unique_ptr<pxpd::Daemon> m_daemon;
  int m_port = 0;
  std::unique_ptr<QTemporaryDir> m_dir;

  pxp::client::ConnectionTarget target() const {
    pxp::client::ConnectionTarget t;
    t.profileName = QStringLiteral("test");
    t.address = QStringLiteral("127.0.0.1:%1").arg(m_port);
    t.token = QString::fromStdString(m_config.tokens.at(3).secret); // demo-admin
    return t;
  }

  // Moves simulated time in 10 s ticks, letting the console drain each tick's delta.
  void advance(int ticks) {
    for (int i = 0; i < ticks; ++i) {
      m_clock.advanceMs(10'000);
      m_daemon->tickNow();
      QTest::qWait(50); // the connection's 40 ms drain
    }
  }

  const pxp::client::AlertValue *firingPage(const pxp::models::AlertTableModel *alerts) const {
    for (int r = 0; r < alerts->rowCount(); ++r)
      if (alerts->at(r).firing && alerts->at(r).page && alerts->at(r).sloId == kSlo)
        return &alerts->at(r);
    return nullptr;
  }

  // Connects, runs the payment canary until its page fires, and opens an incident from the
  // alert with the on-call table's one action. Returns the incident id.
  QString openIncidentFromPage(Console &c) {
    [&] {
      QTRY_COMPARE_WITH_TIMEOUT(c.state.slos()->rowCount(), 8, 10000);
      QTRY_VERIFY_WITH_TIMEOUT(c.writer.isOpen(), 10000);
      for (int ticks = 0; !firingPage(c.state.alerts()) && ticks < 30; ++ticks)
        advance(1);
      QVERIFY2(firingPage(c.state.alerts()), "no page alert for the checkout SLO within 5 simulated minutes");
      c.window.showPage(pxp::ui::MainWindow::Page::OnCall);
      auto *alertTable = c.window.onCall()->alertTable();
      const QString alertId = firingPage(c.state.alerts())->id;
      for (int r = 0; r < alertTable->model()->rowCount(); ++r)
        if (alertTable->model()->index(r, 0).data(pxp::models::AlertTableModel::AlertIdRole).toString() == alertId)
          alertTable->setCurrentIndex(alertTable->model()->index(r, 0));
      auto *action = alertTable->findChild<QAction *>(QStringLiteral("openIncidentFromAlert"));
      QVERIFY(action);
      action->trigger(); // what the context menu's item and Ctrl+I do
      QTRY_VERIFY_WITH_TIMEOUT(!c.page()->currentIncidentId().isEmpty(), 5000);
    }();
    return QTest::currentTestFailed() ? QString() : c.page()->currentIncidentId();
  }

private slots:
  void init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_config = {};
    m_config.simulate = true;
    m_config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    m_clock.setMs(kStart);
    m_config.listen = "127.0.0.1:0";
    m_daemon = std::make_unique<pxpd::Daemon>(m_config, &m_clock);
    QVERIFY(m_daemon->start(/*inProcessOnly=*/false, /*runTicker=*/false));
    m_port = m_daemon->boundPort();
  }
  void cleanup() {
    if (m_daemon)
      m_daemon->stop(0);
    m_daemon.reset();
    m_dir.reset();
  }

  void annotationsLineUpWithTheAutomaticEntries() {
    Console c(target(), m_dir->filePath(QStringLiteral("timeline.sqlite")));
    // Both proxies of the incidents page run under QAbstractItemModelTester through this story.
    QVERIFY(c.testedModels.contains(c.window.findChild<pxp::ui::TimelinePresentationProxy *>()));
    QVERIFY(c.testedModels.contains(c.window.findChild<QAbstractItemModel *>(QStringLiteral("incidentFilter"))));
    const QString incidentId = openIncidentFromPage(c);
    QVERIFY(!incidentId.isEmpty());
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::Incidents);
    const auto incident = c.page()->currentIncident();
    QVERIFY(incident);
    QCOMPARE(incident->sloIds, QStringList{kSlo});
    QCOMPARE(incident->severity, 2); // a page
    QCOMPARE(incident->commander, QStringLiteral("demo-admin"));
    // The alert that fired and the rollback the policy decided in the same evaluation are on
    // the timeline without anyone typing them.
    QTRY_VERIFY_WITH_TIMEOUT(c.hasKind(EntryKind::Alert), 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(c.hasKind(EntryKind::PolicyDecision), qPrintable(entriesText(c.model()->entries())),
                              5000);

    // Three annotations, typed and entered as things happen.
    auto *bar = c.timeline()->annotationBar();
    const QStringList typed = {QStringLiteral("Checkout errors up since the canary went to 10%"),
                               QStringLiteral("Hypothesis: the new payment client times out"),
                               QStringLiteral("Rollback confirmed, error rate back to baseline")};
    for (const auto &text : typed) {
      bar->input()->setFocus();
      QTest::keyClicks(bar->input(), text);
      QTest::keyClick(bar->input(), Qt::Key_Return);
      QVERIFY(bar->input()->text().isEmpty()); // ready for the next one at once
      QTRY_VERIFY_WITH_TIMEOUT(c.rowOfText(text) >= 0, 5000);
      advance(1); // the next happens ten simulated seconds later
    }
    QTRY_COMPARE_WITH_TIMEOUT(bar->saveIndicator()->text(), QStringLiteral("saved"), 5000);
    QCOMPARE(c.writer.pendingCount(), 0);

    // In time order: the alert, then the decision, then the three annotations in typing order.
    const int alertRow = [&] {
      for (int r = 0; r < c.model()->rowCount(); ++r)
        if (c.model()->at(r).kind == EntryKind::Alert)
          return r;
      return -1;
    }();
    QVERIFY(alertRow >= 0);
    QVERIFY(alertRow < c.rowOfText(typed[0]));
    QVERIFY(c.rowOfText(typed[0]) < c.rowOfText(typed[1]));
    QVERIFY(c.rowOfText(typed[1]) < c.rowOfText(typed[2]));
    for (const auto &text : typed) {
      const auto &e = c.model()->at(c.rowOfText(text));
      QCOMPARE(e.author, QStringLiteral("demo-admin"));
      QCOMPARE(e.kind, EntryKind::Note);
      QVERIFY2(qAbs(e.eventTimeMs - m_clock.nowMs()) < 5 * 60 * 1000, "annotations are stamped with the daemon's time");
    }
    // The chart of the incident window shows the SLO with the entries as markers.
    auto *chart = c.page()->chart();
    QCOMPARE(chart->selectedSlo(), kSlo);
    QTRY_VERIFY_WITH_TIMEOUT(chart->markerCount() >= 5, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(chart->budgetConsumed().contains(kSlo), 10000);
    // The spend counts from the alert that preceded the incident, over the 30-day budget.
    const qint64 alertAt = c.model()->at(alertRow).eventTimeMs;
    QCOMPARE(chart->impactStartMs(), std::min(alertAt, c.page()->currentIncident()->openedAtMs));
    QVERIFY2(chart->budgetLabel()->text().endsWith(
                 QStringLiteral("%1 of the 30-day budget")
                     .arg(pxp::models::format::percent(chart->budgetConsumed().value(kSlo),
                                                       chart->budgetConsumed().value(kSlo) < 0.01 ? 2 : 1))),
             qPrintable(chart->budgetLabel()->text()));

    chart->chart()->refresh(); // now, not on its coalescing timer
    QDir().mkpath(QStringLiteral(PXP_SCREENSHOT_DIR));
    QVERIFY(c.window.grab().save(QStringLiteral(PXP_SCREENSHOT_DIR "/incidents.png")));

    // The file (what a restart reads) holds what the timeline shows.
    pxp::models::TimelineStore reread;
    QVERIFY(reread.open(m_dir->filePath(QStringLiteral("timeline.sqlite"))));
    pxp::models::EntryFilter all;
    all.includeDeleted = true;
    QTRY_VERIFY_WITH_TIMEOUT(reread.entries(incidentId, all).value() == c.model()->entries(), 5000);
  }

  void aFreshFileIsOpenBeforeItsFirstIncident() {
    Console c(target(), m_dir->filePath(QStringLiteral("timeline.sqlite")));
    auto *title = c.page()->findChild<QLabel *>(QStringLiteral("pageTitle"));
    QVERIFY(title);
    QTRY_COMPARE_WITH_TIMEOUT(
        title->text(), QStringLiteral("No incident selected: pick one, open one from an alert, or start a new one"),
        5000);
    QCOMPARE(c.page()->incidentList()->rowCount(), 0);
  }

  void budgetShareIsOfThePeriodsBudgetFromTheImpactStart() {
    // An hour burning at 14.4x on a 30-day SLO (1,250 events a minute, 18 of them bad; the
    // period allows 0.1 % of 54 million), with 30 quiet minutes before it.
    constexpr qint64 kEnd = 1'764'000'000'000, kMinute = 60'000;
    pxp::client::SloHistoryValue h;
    h.stepSeconds = 60;
    for (qint64 t = kEnd - 90 * kMinute; t < kEnd; t += kMinute) {
      h.badEvents.emplace_back(double(t), t >= kEnd - 60 * kMinute ? 18.0 : 0.0);
      h.budgetEvents.emplace_back(double(t + kMinute), 54000.0);
    }
    using pxp::ui::IncidentChartPanel;
    QCOMPARE(IncidentChartPanel::consumedShare(h, kEnd - 60 * kMinute, kEnd), 0.02); // from the first alert
    QCOMPARE(pxp::models::format::percent(IncidentChartPanel::consumedShare(h, kEnd - 60 * kMinute, kEnd), 1),
             QStringLiteral("2.0 %"));
    QCOMPARE(IncidentChartPanel::consumedShare(h, kEnd - 30 * kMinute, kEnd), 0.01); // opened 30 min late
    QCOMPARE(IncidentChartPanel::consumedShare(h, kEnd - 90 * kMinute, kEnd - 60 * kMinute), 0.0);
    h.budgetEvents.clear(); // nothing counted in the period yet: unknown, not 0 %
    QVERIFY(std::isnan(IncidentChartPanel::consumedShare(h, kEnd - 60 * kMinute, kEnd)));
  }

  void editKeepsHistoryAndDeleteLeavesATombstone() {
    Console c(target(), m_dir->filePath(QStringLiteral("timeline.sqlite")));
    QVERIFY(!openIncidentFromPage(c).isEmpty());
    auto *bar = c.timeline()->annotationBar();
    for (const auto &text : {QStringLiteral("Payments p99 at 4 s"), QStringLiteral("Paging the payments team")}) {
      QTest::keyClicks(bar->input(), text);
      QTest::keyClick(bar->input(), Qt::Key_Return);
      QTRY_VERIFY_WITH_TIMEOUT(c.rowOfText(text) >= 0, 5000);
      advance(1);
    }

    // Edit: the text changes, the history says who changed what from what.
    const QString firstId = c.model()->at(c.rowOfText(QStringLiteral("Payments p99 at 4 s"))).id;
    QVERIFY(c.select(firstId));
    c.timeline()->findChild<QPushButton *>(QStringLiteral("editEntry"))->click();
    auto *edit = c.timeline()->findChild<pxp::ui::EntryEditDialog *>();
    QVERIFY(edit);
    edit->textEdit()->setPlainText(QStringLiteral("Payments p99 at 4.2 s (corrected)"));
    edit->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    QTRY_COMPARE_WITH_TIMEOUT(c.model()->at(c.model()->rowOf(firstId)).text,
                              QStringLiteral("Payments p99 at 4.2 s (corrected)"), 5000);
    QCOMPARE(c.model()->at(c.model()->rowOf(firstId)).revision, 2);
    QVERIFY(c.select(firstId));
    c.timeline()->findChild<QPushButton *>(QStringLiteral("entryHistory"))->click();
    pxp::ui::EntryHistoryDialog *history = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((history = c.timeline()->findChild<pxp::ui::EntryHistoryDialog *>()), 5000);
    QCOMPARE(history->table()->rowCount(), 1);
    QCOMPARE(history->table()->item(0, 1)->text(), QStringLiteral("demo-admin"));
    QCOMPARE(history->table()->item(0, 2)->text(), QStringLiteral("text"));
    QCOMPARE(history->table()->item(0, 3)->text(), QStringLiteral("Payments p99 at 4 s"));
    QCOMPARE(history->table()->item(0, 4)->text(), QStringLiteral("Payments p99 at 4.2 s (corrected)"));
    history->close();

    // Delete: gone from the view, back as a struck-through tombstone when asked for.
    const QString secondId = c.model()->at(c.rowOfText(QStringLiteral("Paging the payments team"))).id;
    const int shownBefore = c.timeline()->filter()->rowCount();
    QVERIFY(c.select(secondId));
    c.timeline()->findChild<QPushButton *>(QStringLiteral("deleteEntry"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(c.timeline()->filter()->rowCount(), shownBefore - 1, 5000);
    QVERIFY(!c.select(secondId));
    c.timeline()->showDeleted()->click();
    QCOMPARE(c.timeline()->filter()->rowCount(), shownBefore);
    QVERIFY(c.select(secondId));
    const QModelIndex text =
        c.timeline()->table()->currentIndex().siblingAtColumn(pxp::models::TimelineModel::TextColumn);
    QVERIFY(text.data(Qt::FontRole).value<QFont>().strikeOut());
    QVERIFY(text.data().toString().startsWith(QStringLiteral("[deleted]")));
    auto *restore = c.timeline()->findChild<QPushButton *>(QStringLiteral("restoreEntry"));
    QVERIFY(restore->isEnabled());
    restore->click();
    QTRY_VERIFY_WITH_TIMEOUT(!c.model()->at(c.model()->rowOf(secondId)).deleted, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(c.timeline()->annotationBar()->saveIndicator()->text(), QStringLiteral("saved"), 5000);

    // A status change is a timeline entry too.
    const auto statusEntries = [&] {
      int n = 0;
      for (const auto &e : c.model()->entries())
        n += e.kind == EntryKind::StatusChange ? 1 : 0;
      return n;
    };
    const int before = statusEntries();
    auto *status = c.page()->statusSelector();
    status->setCurrentIndex(status->findData(int(pxp::models::IncidentStatus::Identified)));
    emit status->activated(status->currentIndex()); // what picking it in the list does
    QTRY_COMPARE_WITH_TIMEOUT(c.page()->currentIncident()->status, pxp::models::IncidentStatus::Identified, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(statusEntries(), before + 1, 5000);
  }

  void exportsMarkdownAndJsonAndImportsWithoutDuplicates() {
    Console c(target(), m_dir->filePath(QStringLiteral("timeline.sqlite")));
    const QString incidentId = openIncidentFromPage(c);
    QVERIFY(!incidentId.isEmpty());
    auto *bar = c.timeline()->annotationBar();
    QTest::keyClicks(bar->input(), QStringLiteral("Decision: keep the canary rolled back"));
    QTest::keyClick(bar->input(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(c.rowOfText(QStringLiteral("Decision: keep the canary rolled back")) >= 0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(c.hasKind(EntryKind::PolicyDecision), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(c.page()->chart()->budgetConsumed().contains(kSlo), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(c.writer.pendingCount(), 0, 5000);

    QSignalSpy exported(c.page(), &pxp::ui::IncidentsPage::exportFinished);
    const QString md = m_dir->filePath(QStringLiteral("postmortem.md"));
    c.page()->exportMarkdownTo(md);
    QVERIFY(exported.wait(5000));
    QCOMPARE(exported.takeFirst().at(1).toString(), QString());
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(mdFile.readAll());
    QVERIFY(markdown.contains(QStringLiteral("## Timeline (UTC)")));
    QVERIFY2(
        markdown.contains(QStringLiteral("> **Data:** simulated world (pxpd --simulate): every figure here is made "
                                         "up for practice, not measured on real systems")),
        "the draft says its figures are simulated");
    for (const auto &e : c.model()->entries()) // every entry, at its time in UTC
      QVERIFY2(markdown.contains(pxp::models::TimelineModel::utcText(e.eventTimeMs)), qPrintable(e.text));
    QVERIFY(markdown.contains(QStringLiteral("Decision: keep the canary rolled back")));
    QVERIFY2(markdown.contains(QStringLiteral("- %1: ").arg(kSlo)) &&
                 markdown.contains(QStringLiteral("of the error budget")),
             "the SLO budget consumed during the incident");

    const QString json = m_dir->filePath(QStringLiteral("incident.json"));
    c.page()->exportJsonTo(json);
    QVERIFY(exported.wait(5000));
    QCOMPARE(exported.takeFirst().at(1).toString(), QString());

    // A colleague imports it into a fresh file: the same entries; a second import adds none.
    const auto original = c.model()->entries();
    Console colleague(target(), m_dir->filePath(QStringLiteral("colleague.sqlite")));
    QTRY_VERIFY_WITH_TIMEOUT(colleague.writer.isOpen(), 10000);
    QSignalSpy imported(colleague.page(), &pxp::ui::IncidentsPage::importFinished);
    colleague.page()->importJsonFrom(json);
    QVERIFY(imported.wait(5000));
    auto counts = imported.takeFirst().at(0).value<pxp::models::ImportCounts>();
    QCOMPARE(counts.incidentId, incidentId);
    QVERIFY(counts.incidentAdded);
    QCOMPARE(counts.entriesAdded, int(original.size()));
    QTRY_COMPARE_WITH_TIMEOUT(colleague.page()->currentIncidentId(), incidentId, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(colleague.model()->rowCount(), int(original.size()), 5000);
    for (int r = 0; r < original.size(); ++r) {
      QCOMPARE(colleague.model()->at(r).id, original.at(r).id);
      QCOMPARE(colleague.model()->at(r).text, original.at(r).text);
      QCOMPARE(colleague.model()->at(r).eventTimeMs, original.at(r).eventTimeMs);
    }
    colleague.page()->importJsonFrom(json);
    QVERIFY(imported.wait(5000));
    counts = imported.takeFirst().at(0).value<pxp::models::ImportCounts>();
    QCOMPARE(counts.entriesAdded, 0);
    QCOMPARE(counts.entriesSkipped, int(original.size()));
    QVERIFY(colleague.page()->noticeLabel()->text().contains(QStringLiteral("0 entries added")));
    pxp::models::TimelineStore check;
    QVERIFY(check.open(m_dir->filePath(QStringLiteral("colleague.sqlite"))));
    pxp::models::EntryFilter all;
    all.includeDeleted = true;
    QCOMPARE(check.entries(incidentId, all).value().size(), original.size());
  }

  void automaticEntryLinksBackToTheOnCallView() {
    Console c(target(), m_dir->filePath(QStringLiteral("timeline.sqlite")));
    QVERIFY(!openIncidentFromPage(c).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(c.hasKind(EntryKind::Alert), 5000);
    c.window.onCall()->selectSlo(QStringLiteral("signup/conversion")); // somewhere else first
    QString alertEntry;
    for (const auto &e : c.model()->entries())
      if (e.kind == EntryKind::Alert)
        alertEntry = e.id;
    QVERIFY(c.select(alertEntry));
    auto *table = c.timeline()->table();
    const QRect cell = table->visualRect(table->currentIndex());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::OnCall);
    QCOMPARE(c.window.onCall()->selectedSlo(), kSlo);
  }

  void paletteFindsTheOpenIncident() {
    Console c(target(), m_dir->filePath(QStringLiteral("timeline.sqlite")));
    const QString incidentId = openIncidentFromPage(c);
    QVERIFY(!incidentId.isEmpty());
    c.window.showPage(pxp::ui::MainWindow::Page::Executive);
    c.page()->selectIncident({});
    QTest::keyClick(&c.window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(c.window.palette()->isVisible());
    QTest::keyClicks(c.window.palette()->input(), QStringLiteral("timeline ") + c.page()->incidentList()->at(0).title);
    QTest::keyClick(c.window.palette()->input(), Qt::Key_Return);
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::Incidents);
    QCOMPARE(c.page()->currentIncidentId(), incidentId);
    QTest::keyClick(&c.window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::OnCall);
    QTest::keyClick(&c.window, Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(c.window.currentPage(), pxp::ui::MainWindow::Page::Incidents);
  }

  void aDamagedFileIsMovedAsideAndTheUserIsTold() {
    const QString path = m_dir->filePath(QStringLiteral("timeline.sqlite"));
    QFile junk(path);
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(8192, 'x')); // not a database
    junk.close();
    Console c(target(), path);
    QTRY_VERIFY_WITH_TIMEOUT(c.writer.isOpen(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!c.page()->noticeLabel()->isHidden(), 5000); // on the Incidents page
    QVERIFY2(c.page()->noticeLabel()->text().contains(QStringLiteral(".corrupt-")),
             qPrintable(c.page()->noticeLabel()->text()));
    // The page still works on the fresh file.
    QVERIFY(!openIncidentFromPage(c).isEmpty());
  }
};

QTEST_MAIN(TestIncidentTimeline)
#include "tst_incident_timeline.moc"
