#pragma once
// ChildProcess: runs a program directly (posix_spawn, no shell) with stdin/stdout on
// /dev/null, collects the tail of its stderr, and kills its whole process group when it
// outlives a timeout or the caller stops. The child gets default signal handling and an empty
// signal mask, whatever pxpd blocks for its own signal thread.
// Thread affinity: any thread; run() blocks the caller until the child is gone.

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>
#include <vector>

namespace pxpd {

class ChildProcess {
public:
  struct Result {
    bool started = false; // false: spawnError says why (no such file, not executable ...)
    std::string spawnError;
    int exitCode = -1;      // when it exited by itself
    int signal = 0;         // when a signal ended it
    bool timedOut = false;  // we killed it at the timeout
    bool stopped = false;   // we killed it because the caller stopped (shutdown)
    std::string stderrTail; // the last ~2 KiB it wrote to stderr
    std::int64_t elapsedMs = 0;
  };

  static Result run(const std::vector<std::string> &argv, std::chrono::milliseconds timeout, std::stop_token stop);
};

} // namespace pxpd
