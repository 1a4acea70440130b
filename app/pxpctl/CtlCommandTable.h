#pragma once
// CtlCommandTable: every pxpctl command: its words, operands, options, help text, what it does
// (a read of the daemon's state, a command sent through CommandClient, or the local journal),
// and how its operands become a CommandRequestValue.
// Thread affinity: none (constant data).

#include "CtlInvocation.h"

#include "pxp/client/CommandClient.h"

#include <QList>
#include <optional>

namespace pxpctl {

enum class CtlAction { Status, SloList, SloShow, OverrideList, Audit, JournalList, JournalResend, Command };

struct CtlCommand {
  QString words;       // "override set"
  QString operands;    // "POLICY (--pause DURATION | --force)"
  QString summary;     // one line
  QStringList options; // command options it accepts (long names)
  int operandCount = 0;
  CtlAction action = CtlAction::Command;
  // For CtlAction::Command: the request, or a usage error in `error`.
  std::optional<pxp::client::CommandRequestValue> (*build)(const CtlInvocation &, QString &error) = nullptr;
};

const QList<CtlCommand> &ctlCommands();
// The command whose words start `words` (longest match); `consumed` = how many words it took.
const CtlCommand *findCommand(const QStringList &words, int &consumed);

QString globalUsage();
QString commandUsage(const CtlCommand &command);

} // namespace pxpctl
