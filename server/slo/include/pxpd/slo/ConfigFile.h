#pragma once
// readConfigFile: reads a file pxpd was told to load (its config, SLO, policy and token files)
// without trusting what the path points at. Anything but a regular file is refused by name
// before it is opened: a directory, a device such as /dev/zero (reads forever), a FIFO (open
// blocks start-up). So is a file over `maxBytes`, and, unless `allowBlank`, one that holds
// nothing but white space and comments ('#' lines): an emptied file is a mistake to report,
// never "zero definitions".
// Thread affinity: none.

#include <cstdint>
#include <filesystem>
#include <string>

namespace pxpd {

struct ConfigFileText {
  std::string text;  // the contents, when error is empty
  std::string error; // what is wrong and what to do, without the path (callers put it first); or empty
};

ConfigFileText readConfigFile(const std::filesystem::path &path, const std::string &what, std::uintmax_t maxBytes,
                              bool allowBlank = false);

} // namespace pxpd
