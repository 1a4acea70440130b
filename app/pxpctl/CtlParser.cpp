#include "CtlParser.h"

#include "pxp_version.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <array>

namespace pxpctl {
namespace {

ParsedLine usageError(const QString &message) {
  ParsedLine p;
  p.exitNow = kExitUsage;
  p.text = QStringLiteral("pxpctl: ") + message + QLatin1Char('\n');
  return p;
}

ParsedLine printAndExit(const QString &text) {
  ParsedLine p;
  p.exitNow = kExitOk;
  p.text = text;
  return p;
}

struct Options {
  QCommandLineOption help{{"h", "help"}, "help"};
  QCommandLineOption version{"version", "version"};
  QCommandLineOption connect{"connect", "", "HOST:PORT"};
  QCommandLineOption tokenFile{"token-file", "", "FILE"};
  QCommandLineOption tls{"tls", ""};
  QCommandLineOption insecure{"allow-insecure-remote", ""};
  QCommandLineOption caFile{"ca-file", "", "FILE"};
  QCommandLineOption output{{"o", "output"}, "", "FORMAT"};
  QCommandLineOption journal{"journal", "", "FILE"};
  QCommandLineOption reason{"reason", "", "TEXT"};
  QCommandLineOption key{"idempotency-key", "", "KEY"};
  QCommandLineOption incident{"incident", "", "ID"};
  QCommandLineOption pause{"pause", "", "DURATION"};
  QCommandLineOption force{"force", ""};
  QCommandLineOption service{"service", "", "SERVICE"};
  QCommandLineOption full{"full", ""};
  QCommandLineOption rollout{"rollout", "", "N"};
  QCommandLineOption limit{"limit", "", "N"};
  QCommandLineOption kind{"kind", "", "KIND"};

  QList<QCommandLineOption> commandOptions() const {
    return {reason, key, incident, pause, force, service, full, rollout, limit, kind};
  }
};

// Reads the command's own options; "" = fine, else the usage error.
QString readCommandOptions(const QCommandLineParser &parser, const Options &o, CtlInvocation &inv) {
  for (const auto &opt : o.commandOptions())
    if (parser.isSet(opt))
      inv.optionsGiven << opt.names().constLast();
  inv.reason = parser.value(o.reason).trimmed();
  inv.idempotencyKey = parser.value(o.key);
  inv.incidentId = parser.value(o.incident);
  inv.pause = parser.value(o.pause);
  inv.force = parser.isSet(o.force);
  inv.service = parser.value(o.service);
  inv.full = parser.isSet(o.full);
  if (parser.isSet(o.pause)) {
    const auto seconds = parseDuration(inv.pause);
    if (!seconds)
      return QStringLiteral("--pause %1: give a duration such as 90s, 15m, 1h, 4h or 2d").arg(inv.pause);
    inv.pauseSeconds = *seconds;
  }
  if (parser.isSet(o.rollout)) {
    bool ok = false;
    inv.rolloutPercent = parser.value(o.rollout).toInt(&ok);
    if (!ok || inv.rolloutPercent < 0 || inv.rolloutPercent > 100)
      return QStringLiteral("--rollout must be a whole percentage 0..100, not '%1'").arg(parser.value(o.rollout));
  }
  if (parser.isSet(o.limit)) {
    bool ok = false;
    inv.limit = parser.value(o.limit).toInt(&ok);
    if (!ok || inv.limit < 1 || inv.limit > 1000)
      return QStringLiteral("--limit must be 1..1000, not '%1'").arg(parser.value(o.limit));
  }
  const QString kind = parser.value(o.kind);
  static const QStringList kKinds = {"command", "decision", "config", "denied"};
  if (parser.isSet(o.kind) && !kKinds.contains(kind))
    return QStringLiteral("--kind must be one of %1, not '%2'").arg(kKinds.join(QStringLiteral(", ")), kind);
  inv.auditKind = kind == QLatin1String("denied") ? QStringLiteral("auth denied") : kind;
  if (parser.isSet(o.key) && (inv.idempotencyKey.size() < 8 || inv.idempotencyKey.size() > 128))
    return QStringLiteral("--idempotency-key must be 8..128 characters");
  return {};
}

// Checks the command's operands and options; "" = fine.
QString checkAgainst(const CtlCommand &c, const CtlInvocation &inv) {
  for (const auto &given : inv.optionsGiven)
    if (!c.options.contains(given))
      return QStringLiteral("--%1 does not apply to '%2' (see pxpctl %2 --help)").arg(given, c.words);
  if (inv.operands.size() != c.operandCount)
    return QStringLiteral("usage: pxpctl %1 %2").arg(c.words, c.operands);
  if (c.action == CtlAction::Command && inv.reason.isEmpty())
    return QStringLiteral("--reason is required: say why (it is kept in the audit log)");
  return {};
}

} // namespace

std::optional<qint64> parseDuration(const QString &text) {
  static const QRegularExpression part(QStringLiteral("(\\d+)([smhd])"));
  qint64 seconds = 0;
  qsizetype at = 0;
  for (auto it = part.globalMatch(text); it.hasNext();) {
    const auto m = it.next();
    if (m.capturedStart() != at)
      return std::nullopt;
    static constexpr std::array<qint64, 4> kUnitSeconds = {1, 60, 3600, 86400}; // s m h d
    seconds += m.captured(1).toLongLong() * kUnitSeconds.at(std::size_t(QStringLiteral("smhd").indexOf(m.captured(2))));
    at = m.capturedEnd();
  }
  if (at == 0 || at != text.size())
    return std::nullopt;
  return seconds;
}

ParsedLine parseCommandLine(const QStringList &arguments, const QString &tokenFileEnv) {
  Options o;
  QCommandLineParser parser;
  parser.addOptions({o.help, o.version, o.connect, o.tokenFile, o.tls, o.insecure, o.caFile, o.output, o.journal});
  parser.addOptions(o.commandOptions());
  if (!parser.parse(arguments))
    return usageError(parser.errorText() + QStringLiteral(" ('pxpctl --help' lists the options)"));
  if (parser.isSet(o.version))
    return printAndExit(QStringLiteral("pxpctl %1\n").arg(QStringLiteral(PXP_VERSION)));
  QStringList words = parser.positionalArguments();
  const bool help = parser.isSet(o.help) || words.value(0) == QLatin1String("help");
  if (words.value(0) == QLatin1String("help"))
    words.removeFirst();
  int consumed = 0;
  const CtlCommand *command = findCommand(words, consumed);
  if (help)
    return printAndExit(command ? commandUsage(*command) : globalUsage());
  if (words.isEmpty())
    return usageError(QStringLiteral("say what to do\n\n") + globalUsage());
  if (!command)
    return usageError(QStringLiteral("unknown command '%1' ('pxpctl --help' lists the commands)").arg(words.join(' ')));

  ParsedLine p;
  p.command = command;
  auto &inv = p.invocation;
  inv.command = command->words;
  inv.operands = words.mid(consumed);
  if (parser.isSet(o.connect))
    inv.address = parser.value(o.connect);
  inv.tokenFile = parser.isSet(o.tokenFile) ? parser.value(o.tokenFile) : tokenFileEnv;
  inv.tls = parser.isSet(o.tls);
  inv.allowInsecureRemote = parser.isSet(o.insecure);
  inv.caFile = parser.value(o.caFile);
  inv.journalFile = parser.value(o.journal);
  const QString format = parser.isSet(o.output) ? parser.value(o.output) : QStringLiteral("text");
  if (format != QLatin1String("text") && format != QLatin1String("json"))
    return usageError(QStringLiteral("-o must be text or json, not '%1'").arg(format));
  inv.json = format == QLatin1String("json");
  if (!inv.caFile.isEmpty() && !inv.tls)
    return usageError(QStringLiteral("--ca-file needs --tls"));
  if (QString error = readCommandOptions(parser, o, inv); !error.isEmpty())
    return usageError(error);
  if (QString error = checkAgainst(*command, inv); !error.isEmpty())
    return usageError(error);
  return p;
}

} // namespace pxpctl
