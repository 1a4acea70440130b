#include "pxpd/slo/ConfigFile.h"

#include <fstream>
#include <sstream>

namespace pxpd {
namespace {

namespace fs = std::filesystem;

std::string kindOf(fs::file_type t) {
  switch (t) {
  case fs::file_type::directory: return "a directory";
  case fs::file_type::fifo: return "a named pipe (FIFO)";
  case fs::file_type::character: return "a character device";
  case fs::file_type::block: return "a block device";
  case fs::file_type::socket: return "a socket";
  default: return "not a regular file";
  }
}

// True when every line is blank or a comment.
bool blank(const std::string &text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos && line[first] != '#')
      return false;
  }
  return true;
}

} // namespace

ConfigFileText readConfigFile(const fs::path &path, const std::string &what, std::uintmax_t maxBytes, bool allowBlank) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec); // follows links: what they point at counts
  if (ec || !fs::exists(st))
    return {{}, "cannot read the " + what + ": it does not exist (check the path)"};
  if (!fs::is_regular_file(st))
    return {{}, "the " + what + " is " + kindOf(st.type()) + ", not a regular file: name a file"};
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > maxBytes)
    return {{},
            "the " + what + " is larger than " + std::to_string(maxBytes / (1024 * 1024)) +
                " MiB: split it, or check that it is the right file"};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return {{}, "cannot read the " + what + ": check that pxpd may read it"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return {{}, "cannot read the " + what + ": check the disk and the file's permissions"};
  ConfigFileText out{std::move(text).str(), {}};
  if (!allowBlank && blank(out.text))
    out.error = "the " + what + " is empty: an emptied file is refused rather than read as nothing";
  return out;
}

} // namespace pxpd
