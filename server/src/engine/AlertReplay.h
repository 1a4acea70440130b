#pragma once
// AlertReplay: feeds stored history (the simulated world's past, a Prometheus backfill) into
// SLO counters in time order and evaluates each SLO as the history goes, once a minute of
// history, so the alerts of that past exist as the live ticks would have raised them (marked
// reconstructed): the executive's incidents of the last 30 days are there from the start. Each
// evaluation sees the counter as it was then, so windows are as exact as the history's own
// step. No policy acts on a replay. Only for a runtime's first history, before its live ticks.
// Thread affinity: the engine's, with its lock held.

#include "engine/AlertTracker.h"
#include "engine/SloRuntime.h"

#include <cstdint>
#include <map>

namespace pxpd {

class AlertReplay {
public:
  static constexpr std::int64_t kStepMs = 60'000;
  // History starts at fromMs; its first hour is fed but not judged (the 1h window would reach
  // before it).
  AlertReplay(AlertTracker &alerts, std::int64_t fromMs) : m_alerts(alerts), m_firstMs(fromMs + 3'600'000) {}

  void add(SloRuntime &rt, std::int64_t timeMs, double good, double total) {
    rt.counter().add(timeMs, good, total);
    if (timeMs < m_firstMs || rt.alertsReplayed)
      return;
    auto [it, fresh] = m_lastMs.try_emplace(&rt, timeMs);
    if (!fresh && timeMs - it->second < kStepMs)
      return;
    it->second = timeMs;
    m_alerts.update(rt, rt.evaluate(timeMs), timeMs, /*reconstructed=*/true);
  }

  // The runtimes fed are done: their live ticks take over.
  ~AlertReplay() {
    for (auto &[rt, last] : m_lastMs)
      rt->alertsReplayed = true;
  }

  AlertReplay(const AlertReplay &) = delete;
  AlertReplay &operator=(const AlertReplay &) = delete;

private:
  AlertTracker &m_alerts;
  std::int64_t m_firstMs;
  std::map<SloRuntime *, std::int64_t> m_lastMs;
};

} // namespace pxpd
