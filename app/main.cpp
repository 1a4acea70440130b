// pxp-console: the PXP operations console.

#include "ConsoleSession.h"
#include "pxp/client/BackendConnection.h"
#include "pxp/client/BackendQueries.h"
#include "pxp/client/CommandClient.h"
#include "pxp/models/ConnectionProfiles.h"
#include "pxp/models/LiveFeed.h"
#include "pxp/models/LiveState.h"
#include "pxp/models/ServerClock.h"
#include "pxp/models/SessionStatus.h"
#include "pxp/models/timeline/TimelineWriter.h"
#include "pxp/ui/IncidentsPage.h"
#include "pxp/ui/MainWindow.h"
#include "pxp/ui/Theme.h"
#include "pxp_version.h"
#include "ui/ExecutiveExport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

struct Options {
  pxp::models::ConnectionProfile profile; // what to connect to
  QString token;                          // from --token-file, overrides the profile's source
  QString exportExecutive;                // write the executive page to this file and exit
  bool dark = false;
  QString timelineDb; // the incident timeline file (--timeline-db, PXP_TIMELINE_DB, or the default)
};

// Reads the first line of a token file; the token itself is never printed.
bool readToken(const QString &file, QString &token, QString &error) {
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
    error = QStringLiteral("cannot read token file %1: %2").arg(file, f.errorString());
    return false;
  }
  token = QString::fromUtf8(f.readLine()).trimmed();
  if (token.isEmpty()) {
    error = QStringLiteral("token file %1 is empty: put the token on its first line").arg(file);
    return false;
  }
  return true;
}

int parseOptions(QApplication &app, Options &opt) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("PXP operations console. With no backend given it runs the pxpd engine in-process on the "
                     "simulated world."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption connectOpt(QStringLiteral("connect"), QStringLiteral("Remote pxpd address."),
                                      QStringLiteral("HOST:PORT"));
  const QCommandLineOption tokenOpt(QStringLiteral("token-file"),
                                    QStringLiteral("File whose first line is the bearer token."),
                                    QStringLiteral("FILE"));
  const QCommandLineOption tlsOpt(QStringLiteral("tls"), QStringLiteral("Use TLS to the remote pxpd."));
  const QCommandLineOption insecureOpt(
      QStringLiteral("allow-insecure-remote"),
      QStringLiteral("Allow plaintext to a pxpd on another host (the token crosses the network in clear)."));
  const QCommandLineOption caOpt(QStringLiteral("ca-file"), QStringLiteral("PEM CA bundle for --tls."),
                                 QStringLiteral("FILE"));
  const QCommandLineOption scaleOpt(QStringLiteral("time-scale"),
                                    QStringLiteral("Embedded world: simulated seconds per wall second."),
                                    QStringLiteral("X"), QStringLiteral("1"));
  const QCommandLineOption exportOpt(QStringLiteral("export-executive"),
                                     QStringLiteral("Write the executive dashboard to FILE (.pdf or .png) and exit; "
                                                    "no window is shown."),
                                     QStringLiteral("FILE"));
  const QCommandLineOption darkOpt(QStringLiteral("dark"), QStringLiteral("Start with the dark theme."));
  const QCommandLineOption profileOpt(QStringLiteral("profile"),
                                      QStringLiteral("Connect with a saved profile (Connection > Profiles)."),
                                      QStringLiteral("NAME"));
  const QCommandLineOption promOpt(QStringLiteral("prometheus"), QStringLiteral("Prometheus URL for ad-hoc PromQL."),
                                   QStringLiteral("URL"));
  parser.addOptions(
      {connectOpt, tokenOpt, tlsOpt, insecureOpt, caOpt, scaleOpt, exportOpt, darkOpt, profileOpt, promOpt});
  const QCommandLineOption timelineOpt(
      QStringLiteral("timeline-db"),
      QStringLiteral("Incident timeline SQLite file (default: PXP_TIMELINE_DB, else %1).")
          .arg(pxp::models::TimelineStore::defaultPath()),
      QStringLiteral("FILE"));
  parser.addOption(timelineOpt);
  parser.process(app);
  opt.timelineDb = parser.isSet(timelineOpt)                         ? parser.value(timelineOpt)
                   : !qEnvironmentVariableIsEmpty("PXP_TIMELINE_DB") ? qEnvironmentVariable("PXP_TIMELINE_DB")
                                                                     : pxp::models::TimelineStore::defaultPath();
  opt.exportExecutive = parser.value(exportOpt);
  opt.dark = parser.isSet(darkOpt);

  pxp::models::ConnectionProfiles profiles;
  if (parser.isSet(profileOpt)) {
    const auto found = profiles.find(parser.value(profileOpt));
    if (!found) {
      QStringList names;
      for (const auto &p : profiles.all())
        names << p.name;
      QTextStream(stderr) << "pxp-console: no profile '" << parser.value(profileOpt)
                          << "'; saved profiles: " << names.join(QStringLiteral(", ")) << "\n";
      return 2;
    }
    opt.profile = *found;
  } else {
    opt.profile = *profiles.find(QString::fromLatin1(pxp::models::ConnectionProfiles::kEmbedded));
  }
  if (parser.isSet(connectOpt)) {
    opt.profile = {};
    opt.profile.name = QStringLiteral("command line");
    opt.profile.address = parser.value(connectOpt);
    opt.profile.tls = parser.isSet(tlsOpt);
    opt.profile.caFile = parser.value(caOpt);
    opt.profile.allowInsecureRemote = parser.isSet(insecureOpt);
  }
  if (parser.isSet(promOpt))
    opt.profile.prometheusUrl = parser.value(promOpt);
  if (parser.isSet(tokenOpt)) {
    QString error;
    if (!readToken(parser.value(tokenOpt), opt.token, error)) {
      QTextStream(stderr) << "pxp-console: " << error << "\n";
      return 2;
    }
    // The file, not its first line, is the source: a pxpd restarted with new tokens is reached
    // again by reading it afresh (on a refused token, and on Connection > Reconnect).
    opt.profile.tokenSource = pxp::models::ConnectionProfile::TokenSource::File;
    opt.profile.tokenFile = parser.value(tokenOpt);
    opt.token.clear();
  }
  bool ok = false;
  opt.profile.timeScale = parser.value(scaleOpt).toDouble(&ok);
  if (!ok || opt.profile.timeScale <= 0) {
    QTextStream(stderr) << "pxp-console: --time-scale must be a positive number\n";
    return 2;
  }
  return 0;
}

} // namespace

// --export-executive needs no window or display: pick the offscreen platform before Qt starts.
// Runs that show no window (an export, --help, --version) need no display: without one they
// aborted in QApplication before printing anything.
void useOffscreenWithoutAWindow(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    const bool noWindow = arg.startsWith("--export-executive") || arg == "--help" || arg == "-h" ||
                          arg == "--help-all" || arg == "--version" || arg == "-v";
    if (noWindow && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
      qputenv("QT_QPA_PLATFORM", "offscreen");
  }
}

// PXP_STARTUP_PROBE=1 prints when the first dashboard with live data was painted;
// PXP_STARTUP_PROBE=exit also quits then (bench/startup/measure.sh uses it).
void installStartupProbe(QElapsedTimer *sinceStart, pxp::client::BackendConnection *connection, QWidget *window) {
  const QByteArray probe = qgetenv("PXP_STARTUP_PROBE");
  if (probe.isEmpty())
    return;
  auto fired = std::make_shared<bool>(false);
  QObject::connect(connection, &pxp::client::BackendConnection::snapshotReceived, window, [=] {
    if (*fired)
      return;
    *fired = true;
    // Queued after the models applied the snapshot; repaint() paints synchronously.
    QTimer::singleShot(0, window, [=] {
      window->repaint();
      QTextStream(stdout) << "pxp-console: first dashboard painted " << sinceStart->elapsed() << " ms after start\n";
      if (probe == "exit")
        QCoreApplication::quit();
    });
  });
}

int main(int argc, char **argv) {
  QElapsedTimer sinceStart;
  sinceStart.start();
  useOffscreenWithoutAWindow(argc, argv);
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("pxp-console"));
  QApplication::setOrganizationName(QStringLiteral("PXP"));
  QApplication::setApplicationVersion(QStringLiteral(PXP_VERSION));

  Options opt;
  if (const int rc = parseOptions(app, opt); rc != 0)
    return rc;

  pxp::ui::Theme::apply(app, opt.dark ? pxp::ui::Theme::Mode::Dark : pxp::ui::Theme::Mode::Light);
  pxp::models::SessionStatus session;
  pxp::models::LiveState state;
  pxp::client::BackendConnection connection;
  pxp::client::BackendQueries queries;
  pxp::models::connectLiveFeed(connection, session, state);

  // Manual commands: one client for the app's lifetime, its journal in the app data folder.
  const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(dataDir);
  pxp::client::CommandClient commands(dataDir + QStringLiteral("/commands.sqlite"));
  // Incident timelines: one writer (its own thread) on the local file; times follow the daemon.
  pxp::models::ServerClock serverClock;
  pxp::models::TimelineStore::Options timelineOptions;
  timelineOptions.nowMs = [&serverClock] { return serverClock.nowMs(); };
  pxp::models::TimelineWriter timeline(timelineOptions);
  pxp::ui::MainWindow window(&session, &state, &queries);
  window.attachTimeline(&timeline, &serverClock);
  if (opt.exportExecutive.isEmpty()) // an export run leaves the incident file alone
    timeline.open(opt.timelineDb);
  QObject::connect(&connection, &pxp::client::BackendConnection::snapshotReceived, window.incidents(),
                   &pxp::ui::IncidentsPage::recordSnapshot);
  QObject::connect(&connection, &pxp::client::BackendConnection::deltaReceived, window.incidents(),
                   &pxp::ui::IncidentsPage::recordDelta);
  window.setCommandClient(&commands);
  installStartupProbe(&sinceStart, &connection, &window);
  pxp::app::ConsoleSession link(&connection, &queries);
  link.setCommandClient(&commands);
  if (const QString error = link.open(opt.profile, opt.token); !error.isEmpty()) {
    QTextStream(stderr) << "pxp-console: " << error << "\n";
    return 2;
  }
  window.setPrometheusUrl(opt.profile.prometheusUrl);
  window.setSecurityWarning(link.securityWarning());

  pxp::models::ConnectionProfiles profiles;
  QObject::connect(&window, &pxp::ui::MainWindow::reconnectRequested, &window, [&] {
    if (const QString error = link.reconnect(); !error.isEmpty())
      window.showConnectionError(error);
    window.setSecurityWarning(link.securityWarning());
  });
  QObject::connect(&window, &pxp::ui::MainWindow::profileRequested, &window, [&](const QString &name) {
    const auto profile = profiles.find(name);
    if (!profile)
      return;
    if (const QString error = link.open(*profile); !error.isEmpty()) {
      window.showConnectionError(error);
      return;
    }
    window.setPrometheusUrl(profile->prometheusUrl);
    window.setSecurityWarning(link.securityWarning());
    profiles.setLastUsed(name);
  });

  int rc = 0;
  if (!opt.exportExecutive.isEmpty()) {
    rc = pxp::app::exportExecutive(window, opt.exportExecutive);
  } else {
    window.show();
    rc = QApplication::exec();
  }
  link.close();
  return rc;
}
