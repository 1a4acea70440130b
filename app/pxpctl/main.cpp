// pxpctl: the terminal twin of pxp-console: read pxpd's state and send manual commands.
// Thread affinity: the main thread runs the event loop; backend-client's workers do the I/O.

#include "CommandRunner.h"
#include "CtlOutput.h"
#include "CtlParser.h"
#include "SnapshotReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTextStream>

using namespace pxpctl;

namespace {

// The token is the first line of the file; it is never printed.
bool readToken(const QString &file, QString &token, QString &error) {
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
    error = QStringLiteral("cannot read token file %1: %2").arg(file, f.errorString());
    return false;
  }
  token = QString::fromUtf8(f.readLine()).trimmed();
  if (token.isEmpty())
    error = QStringLiteral("token file %1 is empty: put the token on its first line").arg(file);
  return !token.isEmpty();
}

void printSnapshotView(const CtlInvocation &inv, CtlAction action, const pxp::client::Identity &who,
                       const pxp::client::WorldSnapshot &s) {
  QTextStream out(stdout);
  if (action == CtlAction::SloShow) {
    const auto *slo = findSlo(s, inv.operands.value(0));
    if (!slo)
      return; // checked before printing: see main()
    if (inv.json)
      out << QJsonDocument(sloJson(*slo)).toJson(QJsonDocument::Indented);
    else
      out << terminalSafe(sloShowText(*slo));
    return;
  }
  if (!inv.json) {
    out << terminalSafe(action == CtlAction::Status    ? statusText(inv.address, who, s)
                        : action == CtlAction::SloList ? sloListText(s)
                                                       : overrideListText(s));
    return;
  }
  const QJsonObject json = action == CtlAction::Status    ? statusJson(inv.address, who, s)
                           : action == CtlAction::SloList ? sloListJson(s)
                                                          : overrideListJson(s);
  out << QJsonDocument(json).toJson(QJsonDocument::Indented);
}

} // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("pxpctl"));
  QCoreApplication::setOrganizationName(QStringLiteral("PXP"));

  ParsedLine line = parseCommandLine(QCoreApplication::arguments(), qEnvironmentVariable("PXP_TOKEN_FILE"));
  if (line.exitNow) {
    QTextStream(*line.exitNow == kExitOk ? stdout : stderr) << line.text;
    return *line.exitNow;
  }
  CtlInvocation &inv = line.invocation;
  if (inv.journalFile.isEmpty())
    inv.journalFile = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                          .filePath(QStringLiteral("command-journal.sqlite"));

  pxp::client::ConnectionTarget target;
  target.profileName = QStringLiteral("pxpctl");
  target.address = inv.address;
  target.tls = inv.tls;
  target.allowInsecureRemote = inv.allowInsecureRemote;
  target.caFile = inv.caFile;
  const CtlAction action = line.command->action;
  const bool needsDaemon = action != CtlAction::JournalList;
  if (needsDaemon && !inv.tokenFile.isEmpty()) {
    QString error;
    if (!readToken(inv.tokenFile, target.token, error)) {
      QTextStream(stderr) << "pxpctl: " << error << "\n";
      return kExitUnreachable;
    }
  }

  std::optional<pxp::client::CommandRequestValue> request;
  if (action == CtlAction::Command) {
    QString error;
    request = line.command->build(inv, error);
    if (!request) {
      QTextStream(stderr) << "pxpctl: " << error << "\n";
      return kExitUsage;
    }
  }

  int exitCode = kExitOk;
  auto quit = [&exitCode](int code) {
    exitCode = code;
    QCoreApplication::exit(code);
  };
  if (action == CtlAction::Status || action == CtlAction::SloList || action == CtlAction::SloShow ||
      action == CtlAction::OverrideList) {
    auto *reader = new SnapshotReader(&app);
    QObject::connect(reader, &SnapshotReader::ready, &app, [&, action](const auto &who, const auto &snapshot) {
      if (action == CtlAction::SloShow && !findSlo(snapshot, inv.operands.value(0))) {
        QStringList ids;
        for (const auto &slo : snapshot.slos)
          ids << slo.id;
        QTextStream(stderr) << "pxpctl: no SLO '" << terminalSafe(inv.operands.value(0))
                            << "' (or its name is not unique): give one of "
                            << terminalSafe(ids.join(QStringLiteral(", "))) << "\n";
        quit(kExitUsage);
        return;
      }
      printSnapshotView(inv, action, who, snapshot);
      quit(kExitOk);
    });
    QObject::connect(reader, &SnapshotReader::failed, &app, [&](const QString &error, int code) {
      QTextStream(stderr) << "pxpctl: " << error << "\n";
      quit(code);
    });
    reader->start(target);
    app.exec();
    delete reader; // joins the connection's worker before the application goes away
    return exitCode;
  }
  auto runner = std::make_unique<CommandRunner>(inv, target);
  QObject::connect(runner.get(), &CommandRunner::finished, &app, quit, Qt::QueuedConnection);
  switch (action) {
  case CtlAction::Audit: runner->readAudit(); break;
  case CtlAction::JournalList: runner->listJournal(); break;
  case CtlAction::JournalResend: runner->resendJournal(); break;
  default: runner->send(*request); break;
  }
  app.exec();
  return exitCode;
}
