#pragma once
// EntryKindStyle: how a timeline entry kind looks: its colour (the same in the table, the
// kind selector and the chart markers) and a small round icon with the kind's letter.
// Thread affinity: GUI thread (icons are pixmaps).

#include "pxp/models/timeline/TimelineValues.h"

#include <QColor>
#include <QIcon>

namespace pxp::ui::EntryKindStyle {

QColor color(models::EntryKind kind);
QIcon icon(models::EntryKind kind);

} // namespace pxp::ui::EntryKindStyle
