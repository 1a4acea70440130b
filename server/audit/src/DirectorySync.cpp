#include "DirectorySync.h"

#include <fcntl.h>
#include <unistd.h>

namespace pxpd::audit {

void syncDirectory(const std::filesystem::path &dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return;
  (void)::fsync(fd);
  ::close(fd);
}

} // namespace pxpd::audit
