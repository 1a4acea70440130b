#include "LockWait.h"

#include <sqlite3.h>

#include <thread>

namespace pxp::models::timeline {
namespace {

constexpr int kMinRetryUs = 50;
constexpr int kRetryJitterUs = 200;

} // namespace

LockWait::LockWait(int timeoutMs) : m_timeoutMs(timeoutMs), m_jitter(std::random_device{}()) {}

void LockWait::install(sqlite3 *db) {
  sqlite3_busy_handler(db, &LockWait::onBusy, this);
}

// SQLite calls this with attempt 0, 1, 2 ... for one lock wait; returning 0 gives up (SQLITE_BUSY).
int LockWait::onBusy(void *self, int attempt) {
  return static_cast<LockWait *>(self)->waitMore(attempt) ? 1 : 0;
}

bool LockWait::waitMore(int attempt) {
  const auto now = std::chrono::steady_clock::now();
  if (attempt == 0)
    m_waitStart = now;
  if (now - m_waitStart >= std::chrono::milliseconds(m_timeoutMs))
    return false;
  const auto pauseUs = kMinRetryUs + static_cast<int>(m_jitter() % kRetryJitterUs);
  std::this_thread::sleep_for(std::chrono::microseconds(pauseUs));
  return true;
}

} // namespace pxp::models::timeline
