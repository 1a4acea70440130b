#pragma once
// CtlParser: reads pxpctl's command line into a CtlInvocation, or says what is wrong with it
// (usage errors exit 2) or what help to print.
// Thread affinity: none (pure functions).

#include "CtlCommandTable.h"
#include "CtlInvocation.h"

#include <QStringList>
#include <optional>

namespace pxpctl {

struct ParsedLine {
  CtlInvocation invocation;
  const CtlCommand *command = nullptr;
  std::optional<int> exitNow; // set: print `text` (help to stdout, errors to stderr) and exit
  QString text;
};

// `arguments` as QCoreApplication::arguments() (program name first); `tokenFileEnv` is
// $PXP_TOKEN_FILE.
ParsedLine parseCommandLine(const QStringList &arguments, const QString &tokenFileEnv);

// "90s", "15m", "1h", "4h", "2d", "1h30m" -> seconds; nullopt when unreadable.
std::optional<qint64> parseDuration(const QString &text);

} // namespace pxpctl
