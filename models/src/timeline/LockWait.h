#pragma once
// LockWait: the SQLite busy handler of one timeline connection. While another console holds
// the write lock it retries every 50..250 us (jittered) until the timeout (5 s by default),
// instead of SQLite's own back-off to 100 ms sleeps: a console that commits back to back
// releases the lock for microseconds only, and a waiter that sleeps 100 ms between tries can
// starve. Thread affinity: the thread that owns the connection.

#include <chrono>
#include <random>

struct sqlite3;

namespace pxp::models::timeline {

class LockWait {
public:
  explicit LockWait(int timeoutMs);
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

} // namespace pxp::models::timeline
