#include "BusyWait.h"

#include <sqlite3.h>

#include <thread>

namespace pxpd::audit {
namespace {

constexpr int kMinRetryUs = 50;
constexpr int kRetryJitterUs = 200;

} // namespace

BusyWait::BusyWait(int timeoutMs) : m_timeoutMs(timeoutMs), m_jitter(std::random_device{}()) {}

void BusyWait::install(sqlite3 *db) {
  sqlite3_busy_handler(db, &BusyWait::onBusy, this);
}

// SQLite calls this with attempt 0, 1, 2 ... for one lock wait; returning 0 gives up (SQLITE_BUSY).
int BusyWait::onBusy(void *self, int attempt) {
  return static_cast<BusyWait *>(self)->waitMore(attempt) ? 1 : 0;
}

bool BusyWait::waitMore(int attempt) {
  const auto now = std::chrono::steady_clock::now();
  if (attempt == 0)
    m_waitStart = now;
  if (now - m_waitStart >= std::chrono::milliseconds(m_timeoutMs))
    return false;
  const auto pauseUs = kMinRetryUs + static_cast<int>(m_jitter() % kRetryJitterUs);
  std::this_thread::sleep_for(std::chrono::microseconds(pauseUs));
  return true;
}

} // namespace pxpd::audit
