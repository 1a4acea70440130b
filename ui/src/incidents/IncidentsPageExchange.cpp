// IncidentsPage: export (Markdown postmortem draft, JSON) and import of incidents, through
// file dialogs or paths. The writer builds and parses off the GUI thread; only the file's
// bytes are read or written here.

#include "pxp/ui/IncidentsPage.h"

#include "IncidentChartPanel.h"

#include "pxp/models/LiveState.h"
#include "pxp/models/timeline/TimelineWriter.h"

#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QSaveFile>

namespace pxp::ui {
namespace {

// "SEV2 checkout is failing" -> "sev2-checkout-is-failing": a file name people recognise.
QString suggestedName(const std::optional<models::Incident> &incident, const QString &extension) {
  QString base = incident ? models::severityName(incident->severity) + QLatin1Char(' ') + incident->title
                          : QStringLiteral("incident");
  base = base.toLower();
  QString name;
  for (const QChar c : base)
    name += c.isLetterOrNumber() ? c : QLatin1Char('-');
  while (name.contains(QStringLiteral("--")))
    name.replace(QStringLiteral("--"), QStringLiteral("-"));
  return name.left(60) + extension;
}

} // namespace

void IncidentsPage::exportMarkdownTo(const QString &path) {
  if (!m_writer || m_incidentId.isEmpty())
    return;
  // The budget each SLO lost during the incident, from the histories the chart fetched.
  const QString note = m_state->world() == QLatin1String("simulated")
                           ? tr("simulated world (pxpd --simulate): every figure here is made up for practice, "
                                "not measured on real systems")
                           : QString();
  m_exports.insert(m_writer->exportMarkdown(m_incidentId, m_chart->budgetConsumed(), note), path);
}

void IncidentsPage::exportJsonTo(const QString &path) {
  if (!m_writer || m_incidentId.isEmpty())
    return;
  m_exports.insert(m_writer->exportJson(m_incidentId), path);
}

void IncidentsPage::importJsonFrom(const QString &path) {
  if (!m_writer)
    return;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    showError({models::TimelineError::Code::Io,
               tr("Cannot read %1: %2. Check the path and its permissions.").arg(path, file.errorString()), path});
    emit importFinished({});
    return;
  }
  m_imports.insert(m_writer->importJson(file.readAll()), path);
}

void IncidentsPage::writeExport(const QString &path, const QByteArray &bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    const QString error =
        tr("Cannot write %1: %2. Choose another folder or free some space.").arg(path, file.errorString());
    showError({models::TimelineError::Code::Io, error, path});
    emit exportFinished(path, error);
    return;
  }
  showNotice(tr("Exported to %1").arg(path));
  emit exportFinished(path, {});
}

void IncidentsPage::importDone(const models::ImportCounts &counts) {
  errorLabel()->hide();
  const QString incident = counts.incidentAdded     ? tr("incident added")
                           : counts.incidentUpdated ? tr("incident updated")
                                                    : tr("incident already up to date");
  showNotice(tr("Imported: %1; %2 entries added, %3 updated, %4 skipped as already here.")
                 .arg(incident)
                 .arg(counts.entriesAdded)
                 .arg(counts.entriesUpdated)
                 .arg(counts.entriesSkipped));
  selectIncident(counts.incidentId);
  emit importFinished(counts);
}

void IncidentsPage::exportMarkdown() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export postmortem draft"),
                                   suggestedName(currentIncident(), QStringLiteral(".md")), tr("Markdown (*.md)"));
  if (!path.isEmpty())
    exportMarkdownTo(path);
}

void IncidentsPage::exportJson() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export incident as JSON"),
                                   suggestedName(currentIncident(), QStringLiteral(".json")), tr("JSON (*.json)"));
  if (!path.isEmpty())
    exportJsonTo(path);
}

void IncidentsPage::importJson() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import an incident"), {}, tr("JSON (*.json)"));
  if (!path.isEmpty())
    importJsonFrom(path);
}

} // namespace pxp::ui
