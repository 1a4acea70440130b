#pragma once
// Clock: the one source of time for the engine, injected so tests drive time by hand.
// Thread affinity: implementations are safe to call from any thread.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace pxpd {

class Clock {
public:
  virtual ~Clock() = default;
  virtual std::int64_t nowMs() const = 0; // epoch milliseconds UTC
};

class SystemClock final : public Clock {
public:
  std::int64_t nowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  static SystemClock &instance() {
    static SystemClock clock;
    return clock;
  }
};

// A clock tests move by hand.
class ManualClock final : public Clock {
public:
  explicit ManualClock(std::int64_t startMs) : m_nowMs(startMs) {}
  std::int64_t nowMs() const override { return m_nowMs.load(); }
  void advanceMs(std::int64_t ms) { m_nowMs += ms; }
  void setMs(std::int64_t ms) { m_nowMs = ms; }

private:
  std::atomic<std::int64_t> m_nowMs;
};

} // namespace pxpd
