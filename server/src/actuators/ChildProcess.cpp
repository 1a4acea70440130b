#include "actuators/ChildProcess.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace pxpd {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kTailBytes = 2048;
constexpr int kPollSliceMs = 50;                            // how often a wait looks at the stop token
constexpr auto kTermGrace = std::chrono::milliseconds(500); // SIGTERM, then SIGKILL

// Owns a file descriptor.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0)
      ::close(fd);
  }
};

void appendTail(std::string &tail, const char *data, std::size_t n) {
  tail.append(data, n);
  if (tail.size() > kTailBytes)
    tail.erase(0, tail.size() - kTailBytes);
}

// Reads what the pipe has now; false at end of file.
bool drain(int fd, std::string &tail) {
  std::array<char, 4096> buf{};
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      appendTail(tail, buf.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0)
      return false;
    return errno == EAGAIN || errno == EINTR;
  }
}

// Waits for `pid` to exit for up to `within`; true when it did (status filled).
bool reap(pid_t pid, int &status, std::chrono::milliseconds within) {
  const auto deadline = Clock::now() + within;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR))
      return true;
    if (Clock::now() >= deadline)
      return false;
    ::poll(nullptr, 0, 10);
  }
}

} // namespace

ChildProcess::Result ChildProcess::run(const std::vector<std::string> &argv, std::chrono::milliseconds timeout,
                                       std::stop_token stop) {
  Result result;
  const auto started = Clock::now();
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
    result.spawnError = std::string("cannot create a pipe: ") + std::strerror(errno);
    return result;
  }
  Fd readEnd{pipeFds[0]}, writeEnd{pipeFds[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, writeEnd.fd, 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3); // no pxpd file (audit db, sockets) leaks in
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0); // its own group: a timeout kills what it started, too
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<char *> args;
  for (const auto &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(writeEnd.fd);
  writeEnd.fd = -1;
  if (rc != 0) {
    result.spawnError = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return result;
  }
  result.started = true;
  ::fcntl(readEnd.fd, F_SETFL, O_NONBLOCK);

  const auto deadline = started + timeout;
  bool pipeOpen = true;
  int status = 0;
  for (;;) {
    if (::waitpid(pid, &status, WNOHANG) == pid)
      break;
    const auto now = Clock::now();
    result.timedOut = now >= deadline;
    result.stopped = stop.stop_requested();
    if (result.timedOut || result.stopped) {
      ::kill(-pid, SIGTERM);
      if (!reap(pid, status, kTermGrace)) {
        ::kill(-pid, SIGKILL);
        reap(pid, status, std::chrono::hours(1));
      }
      break;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    pollfd pfd{readEnd.fd, POLLIN, 0};
    const int sliceMs = static_cast<int>(std::min<std::int64_t>(left + 1, kPollSliceMs));
    if (pipeOpen && ::poll(&pfd, 1, sliceMs) > 0)
      pipeOpen = drain(readEnd.fd, result.stderrTail);
    else if (!pipeOpen)
      ::poll(nullptr, 0, std::min(sliceMs, 10)); // stderr closed: it is exiting, or runs on without it
  }
  drain(readEnd.fd, result.stderrTail);
  if (WIFEXITED(status))
    result.exitCode = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  result.elapsedMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  return result;
}

} // namespace pxpd
