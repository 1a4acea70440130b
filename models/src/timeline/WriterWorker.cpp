#include "WriterWorker.h"

namespace pxp::models::timeline {

void WriterWorker::post(std::function<void(TimelineStore &)> job) {
  QMetaObject::invokeMethod(
      this, [this, job = std::move(job)] { job(m_store); }, Qt::QueuedConnection);
}

} // namespace pxp::models::timeline
