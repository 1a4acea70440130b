#pragma once
// syncDirectory: fsync a directory, so a file created or renamed in it survives power loss
// (fsync on the file itself does not make its name durable). Best effort: some filesystems
// refuse, and then there is nothing better to do.
// Thread affinity: none.

#include <filesystem>

namespace pxpd::audit {

void syncDirectory(const std::filesystem::path &dir);

} // namespace pxpd::audit
