#include "MarkdownExporter.h"

#include "pxp/models/Format.h"

#include <QDateTime>
#include <QStringList>

namespace pxp::models::timeline {
namespace {

// Text inside a Markdown table cell: no pipes or line breaks may end the cell early.
QString cell(QString text) {
  text.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('|'), QLatin1String("\\|"));
  text.replace(QLatin1String("\r\n"), QLatin1String("<br>")).replace(QLatin1Char('\n'), QLatin1String("<br>"));
  return text;
}

// Text on one list line.
QString line(QString text) {
  return text.replace(QLatin1Char('\n'), QLatin1Char(' ')).trimmed();
}

QString listOrNone(const QStringList &items) {
  return items.isEmpty() ? QStringLiteral("none recorded") : items.join(QStringLiteral(", "));
}

void header(QString &md, const Incident &incident, qint64 exportedAtMs) {
  md += QStringLiteral("# Postmortem draft: %1\n\n").arg(line(incident.title));
  md += QStringLiteral("- **Severity:** %1\n").arg(severityName(incident.severity));
  md += QStringLiteral("- **Status:** %1\n").arg(statusName(incident.status));
  QString commander = incident.commander.isEmpty() ? QStringLiteral("none") : incident.commander;
  for (auto it = incident.roles.cbegin(); it != incident.roles.cend(); ++it)
    commander += QStringLiteral("; %1: %2").arg(it.key(), it.value());
  md += QStringLiteral("- **Commander:** %1\n").arg(commander);
  md += QStringLiteral("- **Opened:** %1 UTC\n").arg(MarkdownExporter::utc(incident.openedAtMs));
  if (incident.resolvedAtMs > 0)
    md += QStringLiteral("- **Resolved:** %1 UTC (after %2)\n")
              .arg(MarkdownExporter::utc(incident.resolvedAtMs),
                   format::duration(double(incident.resolvedAtMs - incident.openedAtMs) / 1000.0));
  md += QStringLiteral("- **Services:** %1\n").arg(listOrNone(incident.services));
  md += QStringLiteral("- **SLOs:** %1\n").arg(listOrNone(incident.sloIds));
  if (!incident.sourceAlertId.isEmpty())
    md += QStringLiteral("- **Opened from alert:** %1\n").arg(incident.sourceAlertId);
  md += QStringLiteral("- **Incident id:** %1\n").arg(incident.id);
  md += QStringLiteral("- **Exported:** %1 UTC\n\n").arg(MarkdownExporter::utc(exportedAtMs));
}

void bulletsOf(QString &md, const QList<TimelineEntry> &entries, EntryKind kind, const QString &none,
               const QString &bullet = QStringLiteral("- ")) {
  bool any = false;
  for (const TimelineEntry &entry : entries) {
    if (entry.kind != kind)
      continue;
    md += QStringLiteral("%1%2 (%3, %4 UTC)\n")
              .arg(bullet, line(entry.text), entry.author, MarkdownExporter::utc(entry.eventTimeMs));
    any = true;
  }
  if (!any)
    md += none + QLatin1Char('\n');
}

void budget(QString &md, const QMap<QString, double> &budgetConsumedBySlo) {
  md += QStringLiteral("SLO error budget consumed during the incident:\n\n");
  if (budgetConsumedBySlo.isEmpty())
    md += QStringLiteral("- no SLO data was available for the incident window\n");
  for (auto it = budgetConsumedBySlo.cbegin(); it != budgetConsumedBySlo.cend(); ++it)
    md += QStringLiteral("- %1: %2 of the error budget\n").arg(it.key(), format::percent(it.value()));
  md += QLatin1Char('\n');
}

void timeline(QString &md, const QList<TimelineEntry> &entries, int deletedCount) {
  md += QStringLiteral("## Timeline (UTC)\n\n| Time (UTC) | Kind | Author | Entry |\n|---|---|---|---|\n");
  for (const TimelineEntry &entry : entries) {
    QString text = cell(entry.text);
    if (!entry.link.isEmpty())
      text += QStringLiteral(" ([link](%1))").arg(entry.link);
    if (entry.edited())
      text += QStringLiteral(" _(edited)_");
    md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
              .arg(MarkdownExporter::utc(entry.eventTimeMs), kindName(entry.kind), cell(entry.author), text);
  }
  if (deletedCount > 0)
    md += QStringLiteral("\n_%1 deleted entries are not shown; the JSON export keeps them._\n").arg(deletedCount);
  md += QLatin1Char('\n');
}

} // namespace

QString MarkdownExporter::utc(qint64 epochMs) {
  return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString MarkdownExporter::render(const Incident &incident, const QList<TimelineEntry> &entries,
                                 const QMap<QString, double> &budgetConsumedBySlo, int deletedCount,
                                 qint64 exportedAtMs, const QString &dataNote) {
  QString md;
  header(md, incident, exportedAtMs);
  if (!dataNote.isEmpty())
    md += QStringLiteral("> **Data:** %1\n\n").arg(line(dataNote));
  md += QStringLiteral("## Summary\n\n_What happened, why, and how it was fixed: write it here._\n\n");
  md += QStringLiteral("Decisions:\n\n");
  bulletsOf(md, entries, EntryKind::Decision, QStringLiteral("- none recorded"));
  md += QStringLiteral("\nHypotheses:\n\n");
  bulletsOf(md, entries, EntryKind::Hypothesis, QStringLiteral("- none recorded"));
  md += QStringLiteral("\n## Impact\n\n");
  bulletsOf(md, entries, EntryKind::CustomerImpact, QStringLiteral("- no customer impact recorded"));
  md += QLatin1Char('\n');
  budget(md, budgetConsumedBySlo);
  timeline(md, entries, deletedCount);
  md += QStringLiteral("## Actions\n\n");
  bulletsOf(md, entries, EntryKind::Action, QStringLiteral("- none recorded"), QStringLiteral("- [ ] "));
  return md;
}

} // namespace pxp::models::timeline
