#pragma once
// WriterWorker: TimelineWriter's worker: owns the writer's TimelineStore and runs the jobs
// posted to it, one at a time, in order. Private to models/.
// Thread affinity: the writer's worker thread (created on the GUI thread, then moved).

#include "pxp/models/timeline/TimelineStore.h"

#include <QObject>

#include <functional>

namespace pxp::models::timeline {

class WriterWorker : public QObject {
  Q_OBJECT
public:
  explicit WriterWorker(TimelineStore::Options options) : m_store(std::move(options)) {}

  // Callable from any thread: queues `job` to run on the worker thread.
  void post(std::function<void(TimelineStore &)> job);

private:
  TimelineStore m_store;
};

} // namespace pxp::models::timeline
