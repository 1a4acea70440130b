#include "actuators/ActuatorPool.h"

namespace pxpd {

bool ActuatorPool::submit(std::shared_ptr<Actuator> actuator, ActionRequest request, Done done) {
  std::lock_guard lock(m_mutex);
  if (m_stopped)
    return false;
  if (m_threads.empty())
    for (std::size_t i = 0; i < m_threadCount; ++i)
      m_threads.emplace_back([this](std::stop_token stop) { work(stop); });
  m_jobs.push_back({std::move(actuator), std::move(request), std::move(done)});
  m_cv.notify_one();
  return true;
}

void ActuatorPool::work(std::stop_token stop) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(m_mutex);
      if (!m_cv.wait(lock, stop, [this] { return !m_jobs.empty(); }))
        return; // stop requested
      job = std::move(m_jobs.front());
      m_jobs.pop_front();
    }
    job.done(job.actuator->run(job.request, stop));
  }
}

void ActuatorPool::stop() {
  std::vector<std::jthread> threads;
  {
    std::lock_guard lock(m_mutex);
    if (m_stopped)
      return;
    m_stopped = true;
    threads.swap(m_threads);
  }
  for (auto &t : threads)
    t.request_stop(); // wakes idle workers (stop-aware wait) and tells running actuators
  threads.clear();    // joins
  std::deque<Job> left;
  {
    std::lock_guard lock(m_mutex);
    left.swap(m_jobs);
  }
  for (auto &job : left)
    job.done({false, "not run: pxpd stopped before it started", {}});
}

} // namespace pxpd
