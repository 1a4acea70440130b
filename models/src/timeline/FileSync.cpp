#include "FileSync.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>

namespace pxp::models::timeline {
namespace {

void syncPath(const QString &path, int flags) {
  const int fd = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC);
  if (fd < 0)
    return; // best effort: the data itself was written; only its durability is at stake
  (void)::fsync(fd);
  ::close(fd);
}

} // namespace

void syncFile(const QString &file) {
  syncPath(file, O_RDONLY);
}

void syncDirectory(const QString &dir) {
  syncPath(dir, O_RDONLY | O_DIRECTORY);
}

} // namespace pxp::models::timeline
