#include "CtlCommandTable.h"

namespace pxpctl {
namespace {

using pxp::client::CommandKind;
using pxp::client::CommandRequestValue;
using Built = std::optional<CommandRequestValue>;

CommandRequestValue base(CommandKind kind, const CtlInvocation &inv) {
  CommandRequestValue r;
  r.kind = kind;
  r.reason = inv.reason;
  r.incidentId = inv.incidentId;
  return r;
}

Built overrideSet(const CtlInvocation &inv, QString &error) {
  if (inv.force == !inv.pause.isEmpty()) {
    error = QStringLiteral("override set needs exactly one of --pause DURATION or --force");
    return std::nullopt;
  }
  auto r = base(CommandKind::SetOverride, inv);
  r.policyId = inv.operands.value(0);
  r.overrideKind = inv.force ? QStringLiteral("force") : QStringLiteral("pause");
  r.durationSeconds = inv.force ? 0 : inv.pauseSeconds;
  return r;
}

Built overrideClear(const CtlInvocation &inv, QString &) {
  auto r = base(CommandKind::ClearOverride, inv);
  r.overrideId = inv.operands.value(0);
  return r;
}

Built killSwitch(const CtlInvocation &inv, bool engaged) {
  auto r = base(CommandKind::SetKillSwitch, inv);
  r.engaged = engaged;
  r.scopeService = inv.service;
  return r;
}
Built killSwitchOn(const CtlInvocation &inv, QString &) {
  return killSwitch(inv, true);
}
Built killSwitchOff(const CtlInvocation &inv, QString &) {
  return killSwitch(inv, false);
}

Built deployment(CommandKind kind, const CtlInvocation &inv) {
  auto r = base(kind, inv);
  r.deploymentId = inv.operands.value(0);
  r.full = inv.full;
  return r;
}
Built rollback(const CtlInvocation &inv, QString &) {
  return deployment(CommandKind::Rollback, inv);
}
Built canaryAbort(const CtlInvocation &inv, QString &) {
  return deployment(CommandKind::AbortCanary, inv);
}
Built canaryPromote(const CtlInvocation &inv, QString &) {
  return deployment(CommandKind::PromoteCanary, inv);
}

Built flagSet(const CtlInvocation &inv, QString &error) {
  const QString state = inv.operands.value(1);
  if (state != QLatin1String("on") && state != QLatin1String("off")) {
    error = QStringLiteral("flag set KEY on|off: say 'on' or 'off', not '%1'").arg(state);
    return std::nullopt;
  }
  auto r = base(CommandKind::SetFlag, inv);
  r.flagKey = inv.operands.value(0);
  r.enabled = state == QLatin1String("on");
  r.rolloutPercent = inv.rolloutPercent;
  return r;
}

const QStringList kCommandOptions = {QStringLiteral("reason"), QStringLiteral("idempotency-key"),
                                     QStringLiteral("incident")};

QStringList commandOptions(QStringList extra) {
  return kCommandOptions + extra;
}

} // namespace

const QList<CtlCommand> &ctlCommands() {
  // One command per entry, read as a table.
  // clang-format off
  static const QList<CtlCommand> kCommands = {
    {"status", "", "who you are, the connection, the kill switch, SLOs by state, firing alerts",
     {}, 0, CtlAction::Status, nullptr},
    {"slo list", "", "every SLO: objective, attainment, budget left, burn per window, firing tier, state",
     {}, 0, CtlAction::SloList, nullptr},
    {"slo show", "SLO", "one SLO (its id or name): every window's burn and events, the tier, the budget, the error",
     {}, 1, CtlAction::SloShow, nullptr},
    {"override list", "", "active policy overrides",
     {}, 0, CtlAction::OverrideList, nullptr},
    {"override set", "POLICY (--pause DURATION | --force)",
     "pause a policy until an expiry (15m, 1h, 4h, 90s ...), or force its action once",
     commandOptions({"pause", "force"}), 1, CtlAction::Command, overrideSet},
    {"override clear", "OVERRIDE_ID", "end an override early (the policy resumes)",
     commandOptions({}), 1, CtlAction::Command, overrideClear},
    {"killswitch on", "[--service S]", "engage the automation kill switch (all services, or one)",
     commandOptions({"service"}), 0, CtlAction::Command, killSwitchOn},
    {"killswitch off", "[--service S]", "release the automation kill switch",
     commandOptions({"service"}), 0, CtlAction::Command, killSwitchOff},
    {"rollback", "DEPLOYMENT", "roll a deployment back to its previous version",
     commandOptions({}), 1, CtlAction::Command, rollback},
    {"canary abort", "DEPLOYMENT", "stop a canary; the stable version keeps all traffic",
     commandOptions({}), 1, CtlAction::Command, canaryAbort},
    {"canary promote", "DEPLOYMENT [--full]", "promote a canary to its next step, or to 100 % with --full",
     commandOptions({"full"}), 1, CtlAction::Command, canaryPromote},
    {"flag set", "KEY on|off [--rollout N]", "turn a feature flag on or off, optionally at a rollout percentage",
     commandOptions({"rollout"}), 2, CtlAction::Command, flagSet},
    {"audit", "[--limit N] [--kind command|decision|config|denied]", "the newest entries of the daemon's audit log",
     {"limit", "kind"}, 0, CtlAction::Audit, nullptr},
    {"journal list", "", "commands in the local journal: pending, succeeded, failed",
     {}, 0, CtlAction::JournalList, nullptr},
    {"journal resend", "", "re-send pending commands with their original keys (after pxpd was unreachable)",
     {}, 0, CtlAction::JournalResend, nullptr},
  };
  // clang-format on
  return kCommands;
}

const CtlCommand *findCommand(const QStringList &words, int &consumed) {
  const CtlCommand *best = nullptr;
  consumed = 0;
  for (const auto &c : ctlCommands()) {
    const QStringList mine = c.words.split(QLatin1Char(' '));
    if (mine.size() > consumed && words.mid(0, mine.size()) == mine) {
      best = &c;
      consumed = static_cast<int>(mine.size());
    }
  }
  return best;
}

QString globalUsage() {
  QString out = QStringLiteral(
      "Usage: pxpctl [--connect HOST:PORT] [--token-file FILE] [--tls [--ca-file FILE]] [-o text|json]\n"
      "              [--journal FILE] COMMAND ...\n\n"
      "The terminal twin of pxp-console: read pxpd's state and send manual commands. Every command needs\n"
      "--reason (kept in the audit log) and carries an idempotency key (--idempotency-key, default random)\n"
      "journaled locally until pxpd confirms, so a retry never executes twice.\n\nCommands:\n");
  for (const auto &c : ctlCommands())
    out += QStringLiteral("  %1 %2\n      %3\n").arg(c.words, c.operands, c.summary);
  out += QStringLiteral(
      "\nOptions:\n"
      "  --connect HOST:PORT     pxpd address (default 127.0.0.1:7300)\n"
      "  --token-file FILE       bearer token file (default $PXP_TOKEN_FILE); the token is never printed\n"
      "  --tls, --ca-file FILE   TLS to pxpd, with this CA bundle (default: system roots)\n"
      "  --allow-insecure-remote  plaintext to a pxpd on another host (refused otherwise: the token\n"
      "                          would cross the network in clear)\n"
      "  -o, --output text|json  json: one JSON object per command, for scripts\n"
      "  --journal FILE          local command journal (default under the user's data folder)\n"
      "  --reason TEXT           why (required for every command)\n"
      "  --idempotency-key K     8..128 characters; the same key executes once (default: random, printed)\n"
      "  --incident ID           the incident the command belongs to\n\n"
      "Exit codes: 0 done, 1 refused or failed, 2 usage error, 3 cannot connect or not authenticated.\n"
      "'pxpctl COMMAND --help' describes one command.\n");
  return out;
}

QString commandUsage(const CtlCommand &c) {
  QString out = QStringLiteral("Usage: pxpctl [global options] %1 %2\n\n%3\n")
                    .arg(c.words, c.operands, c.summary.left(1).toUpper() + c.summary.mid(1) + QLatin1Char('.'));
  if (!c.options.isEmpty())
    out += QStringLiteral("\nOptions: --%1\n").arg(c.options.join(QStringLiteral(", --")));
  if (c.action == CtlAction::Command)
    out += QStringLiteral("\n--reason TEXT is required: say why (it is kept in the audit log).\n");
  if (c.words == QLatin1String("override set"))
    out += QStringLiteral("DURATION: a number with s, m, h or d (90s, 15m, 1h, 4h, 2d); 60 s to 7 days.\n");
  out += QStringLiteral("'pxpctl --help' lists the global options.\n");
  return out;
}

} // namespace pxpctl
