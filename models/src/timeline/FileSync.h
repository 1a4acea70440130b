#pragma once
// fsync helpers for the files the timeline store makes outside SQLite (a migration backup)
// and for the directory entries it renames (a damaged file moved aside), so both survive a
// power loss. Thread affinity: none.

#include <QString>

namespace pxp::models::timeline {

void syncFile(const QString &file);
void syncDirectory(const QString &dir);

} // namespace pxp::models::timeline
