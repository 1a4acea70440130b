#include "EventLog.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>

namespace pxpd {
namespace {

std::string randomStreamId() {
  std::random_device rd;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
  return buf;
}

} // namespace

EventLog::EventLog(std::size_t capacity) : m_capacity(capacity), m_streamId(randomStreamId()) {}

std::int64_t EventLog::append(pxp::v1::Event event) {
  std::int64_t rev = 0;
  {
    std::lock_guard lock(m_mutex);
    rev = ++m_head;
    event.set_revision(rev);
    m_events.push_back(std::move(event));
    while (m_events.size() > m_capacity)
      m_events.pop_front();
  }
  m_cv.notify_all();
  return rev;
}

pxp::v1::Event EventLog::reuse() {
  std::lock_guard lock(m_mutex);
  if (m_events.size() < m_capacity)
    return {};
  pxp::v1::Event oldest = std::move(m_events.front());
  m_events.pop_front();
  return oldest;
}

std::int64_t EventLog::head() const {
  std::lock_guard lock(m_mutex);
  return m_head;
}

bool EventLog::since(std::int64_t after, std::size_t max, std::vector<pxp::v1::Event> &out) const {
  std::lock_guard lock(m_mutex);
  if (after > m_head)
    return false; // a revision from the future: another run's, or a confused client
  if (after == m_head)
    return true;
  const std::int64_t oldest = m_events.empty() ? m_head + 1 : m_events.front().revision();
  if (after + 1 < oldest)
    return false;
  auto it = m_events.begin() + (after + 1 - oldest);
  for (; it != m_events.end() && out.size() < max; ++it)
    out.push_back(*it);
  return true;
}

std::int64_t EventLog::waitBeyond(std::int64_t after, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_mutex);
  m_cv.wait_for(lock, timeout, [&] { return m_head > after; });
  return m_head;
}

std::vector<pxp::v1::Event> EventLog::coalesce(std::vector<pxp::v1::Event> events) {
  auto key = [](const pxp::v1::Event &e) -> std::string {
    using K = pxp::v1::Event::KindCase;
    switch (e.kind_case()) {
    case K::kSloStatus: return "s:" + e.slo_status().slo_id();
    case K::kAlert: return "a:" + e.alert().id();
    case K::kDeployment: return "d:" + e.deployment().id();
    case K::kFlag: return "f:" + e.flag().key();
    case K::kPolicy: return "p:" + e.policy().id();
    case K::kKillSwitch: return "k:";
    case K::kSloDefinition: return "sd:" + e.slo_definition().id();
    default: return "r:" + std::to_string(e.revision()); // decisions, audit, overrides: never merged
    }
  };
  std::unordered_map<std::string, std::size_t> newest;
  for (std::size_t i = 0; i < events.size(); ++i)
    newest[key(events[i])] = i;
  std::vector<pxp::v1::Event> out;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (newest[key(events[i])] == i)
      out.push_back(std::move(events[i]));
  return out;
}

} // namespace pxpd
