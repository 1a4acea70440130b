#pragma once
// EventLog: the revisioned events of one daemon run, retained in a bounded ring so a Watch
// can resume without loss; older revisions fall off and a resuming client gets a snapshot.
// Thread affinity: append() from the engine thread, reads from any gRPC thread (mutex inside).

#include "pxp/v1/control_plane.pb.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace pxpd {

class EventLog {
public:
  explicit EventLog(std::size_t capacity = 20000);

  // Random per daemon run: a client resuming with another run's revision gets a snapshot.
  const std::string &streamId() const { return m_streamId; }

  // Stamps the next revision on `event` and retains it; wakes every waiting Watch.
  std::int64_t append(pxp::v1::Event event);
  // An event object to fill and append(): when the ring is full, the oldest one, whose
  // sub-messages a CopyFrom of the same kind reuses (no allocation per SLO status in steady
  // state); otherwise an empty one. Retention is one shorter until the append.
  pxp::v1::Event reuse();
  std::int64_t head() const;

  // Events with revision > `after`, at most `max`. False when `after` is older than what is
  // retained (the caller must send a snapshot instead).
  bool since(std::int64_t after, std::size_t max, std::vector<pxp::v1::Event> &out) const;

  // Waits until head() > after, or the timeout passes. Returns head().
  std::int64_t waitBeyond(std::int64_t after, std::chrono::milliseconds timeout) const;

  // Wakes every waiter (used at shutdown).
  void wakeAll() { m_cv.notify_all(); }

  // Keeps only the newest event per object (slow consumers get latest state, not history).
  static std::vector<pxp::v1::Event> coalesce(std::vector<pxp::v1::Event> events);

private:
  const std::size_t m_capacity;
  const std::string m_streamId;
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_cv;
  std::deque<pxp::v1::Event> m_events; // guarded by m_mutex; revisions contiguous
  std::int64_t m_head = 0;             // guarded by m_mutex
};

} // namespace pxpd
