#pragma once
// ServerClock: the daemon's clock as this console sees it: the wall clock plus the offset of
// the latest server time received. A time-scaled simulated world (or a test's manual clock)
// runs apart from the wall clock; incident times (opened, annotated "now") follow the daemon
// so they line up with its alerts, decisions and SLO history.
// Thread affinity: any; observe() on the GUI thread, nowMs() from any thread (the timeline
// writer's worker reads it).

#include <QDateTime>
#include <QtGlobal>

#include <atomic>

namespace pxp::models {

class ServerClock {
public:
  // The daemon said it is `serverTimeMs` now (0: unknown, ignored).
  void observe(qint64 serverTimeMs) {
    if (serverTimeMs > 0)
      m_offsetMs.store(serverTimeMs - QDateTime::currentMSecsSinceEpoch());
  }
  qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch() + m_offsetMs.load(); }

private:
  std::atomic<qint64> m_offsetMs{0}; // server minus wall; 0 until the first observation
};

} // namespace pxp::models
