#pragma once
// BusyWait: the SQLite busy handler of one Connection. While another connection holds the
// write lock it retries every 50..250 us (jittered) until the timeout, instead of SQLite's
// default back-off to 100 ms sleeps: a writer that commits back to back releases the lock
// for microseconds only, and a waiter that sleeps 100 ms between tries starves for seconds.
// Thread affinity: the thread that owns the Connection.

#include <chrono>
#include <cstdint>
#include <random>

struct sqlite3;

namespace pxpd::audit {

class BusyWait {
public:
  explicit BusyWait(int timeoutMs);
  void install(sqlite3 *db);
  // Pauses briefly and returns true while the wait that began at `attempt` 0 is within the
  // timeout; false when it is time to give up.
  bool waitMore(int attempt);

private:
  static int onBusy(void *self, int attempt);
  int m_timeoutMs;
  std::chrono::steady_clock::time_point m_waitStart; // a lock deadline, not business time
  std::minstd_rand m_jitter;
};

} // namespace pxpd::audit
