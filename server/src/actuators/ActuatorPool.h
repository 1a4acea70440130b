#pragma once
// ActuatorPool: the threads blocking actuators (exec, webhook) run on, so a slow command or
// receiver never holds the engine lock or delays a tick. Threads start with the first job.
// Thread affinity: submit() from the engine (its lock held); jobs and their `done` callbacks
// run on the pool's threads; stop() from the owner, never from a pool thread.

#include "actuators/Actuator.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pxpd {

class ActuatorPool {
public:
  using Done = std::function<void(ActionOutcome)>;

  explicit ActuatorPool(std::size_t threads = 4) : m_threadCount(threads) {}
  ~ActuatorPool() { stop(); }
  ActuatorPool(const ActuatorPool &) = delete;
  ActuatorPool &operator=(const ActuatorPool &) = delete;

  // Runs `actuator` for `request` on a pool thread, then `done` with what it reported. False
  // (and `done` never called) once stop() began: the caller reports the failure itself, which
  // keeps `done` off the caller's thread, where the engine lock is held.
  bool submit(std::shared_ptr<Actuator> actuator, ActionRequest request, Done done);
  // Asks running actions to give up (they report a failure), reports jobs that never started
  // as failed, and joins the threads. Later submits fail at once.
  void stop();

private:
  struct Job {
    std::shared_ptr<Actuator> actuator;
    ActionRequest request;
    Done done;
  };
  void work(std::stop_token stop);

  const std::size_t m_threadCount;
  std::mutex m_mutex;
  std::condition_variable_any m_cv;
  std::deque<Job> m_jobs;              // guarded by m_mutex
  bool m_stopped = false;              // guarded by m_mutex
  std::vector<std::jthread> m_threads; // started on the first submit, under m_mutex
};

} // namespace pxpd
