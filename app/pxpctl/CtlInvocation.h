#pragma once
// CtlInvocation: one pxpctl command line, parsed: where to connect, how to print, which
// command with which operands and options. Exit codes scripts can rely on.
// Thread affinity: none (a value type).

#include <QString>
#include <QStringList>

namespace pxpctl {

enum ExitCode {
  kExitOk = 0,          // done
  kExitRefused = 1,     // the daemon refused, or the command failed
  kExitUsage = 2,       // the command line is wrong
  kExitUnreachable = 3, // cannot connect, or the daemon did not accept the token
};

struct CtlInvocation {
  // Connection.
  QString address = QStringLiteral("127.0.0.1:7300");
  QString tokenFile; // --token-file or $PXP_TOKEN_FILE
  bool tls = false;
  bool allowInsecureRemote = false; // plaintext to another host: the token crosses in clear
  QString caFile;
  QString journalFile; // --journal, else under the user's app data folder
  bool json = false;   // -o json

  // The command: its words ("override set") and what follows them.
  QString command;
  QStringList operands;
  QString reason, idempotencyKey, incidentId;
  QString pause; // --pause DURATION
  qint64 pauseSeconds = 0;
  bool force = false; // --force
  QString service;    // --service
  bool full = false;  // --full
  int rolloutPercent = -1;
  int limit = 50;           // audit --limit
  QString auditKind;        // audit --kind
  QStringList optionsGiven; // long names of the command options on the line
  bool help = false;
};

} // namespace pxpctl
