#include "prometheus/PrometheusFetcher.h"

#include "prometheus/PromQlWindow.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <unordered_map>
#include <utility>

namespace pxpd::prom {
namespace {

constexpr std::int64_t kHourSeconds = 3600;
// Prometheus refuses ranges over 11,000 points; after a long pause pxpd catches up this far.
constexpr std::int64_t kMaxPointsPerRange = 10'000;

std::int64_t floorTo(std::int64_t value, std::int64_t step) {
  return (value >= 0 ? value : value - step + 1) / step * step;
}

std::string utcTime(std::int64_t seconds) {
  const std::time_t t = seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

// "" when the answer holds exactly one series of finite values; otherwise why not, and `noData`
// says whether it is an absence (no series) rather than an error.
std::string checkOne(const QueryAnswer &a, const std::string &promql, const char *role, const std::string &range,
                     bool &noData) {
  noData = false;
  if (!a.error.empty())
    return a.error;
  if (a.series.empty()) {
    noData = true;
    // What was asked and for when: the reader knows their metrics better than a guess does.
    return std::string("the ") + role + " query `" + promql + "` returned no series for " + range;
  }
  if (a.series.size() > 1) {
    std::string labels;
    for (std::size_t i = 0; i < a.series.size() && i < 3; ++i)
      labels += (i ? ", " : "") + a.series[i].labels;
    return std::string("the ") + role + " query `" + promql + "` returned " + std::to_string(a.series.size()) +
           " series (" + labels + (a.series.size() > 3 ? ", ..." : "") +
           ") where one was expected: aggregate them, e.g. sum(...)";
  }
  for (const Point &p : a.series.front().points)
    if (!std::isfinite(p.value))
      return std::string("the ") + role + " query `" + promql + "` returned " + (std::isnan(p.value) ? "NaN" : "Inf") +
             " at " + utcTime(p.timeSeconds) + ": an event count must be a finite number";
  return {};
}

} // namespace

PrometheusFetcher::PrometheusFetcher() : m_thread([this](std::stop_token stop) { run(std::move(stop)); }) {}

PrometheusFetcher::~PrometheusFetcher() {
  m_thread.request_stop();
  m_wake.notify_all();
}

void PrometheusFetcher::setJobs(std::vector<Job> jobs) {
  std::lock_guard lock(m_mutex);
  std::map<std::pair<std::string, std::uint64_t>, Progress> next;
  for (auto &job : jobs) {
    auto key = std::make_pair(job.sloId, job.generation);
    auto it = m_progress.find(key);
    Progress p = it != m_progress.end() ? std::move(it->second) : Progress{};
    p.job = std::move(job);
    next.emplace(std::move(key), std::move(p));
  }
  m_progress = std::move(next);
}

void PrometheusFetcher::advance(std::int64_t nowMs) {
  {
    std::lock_guard lock(m_mutex);
    m_nowMs = nowMs;
    m_pending = true;
  }
  m_wake.notify_all();
}

std::vector<PrometheusFetcher::Outcome> PrometheusFetcher::drain() {
  std::lock_guard lock(m_mutex);
  return std::exchange(m_outcomes, {});
}

void PrometheusFetcher::run(std::stop_token stop) {
  std::unique_lock lock(m_mutex);
  while (!stop.stop_requested()) {
    if (!m_wake.wait(lock, stop, [this] { return m_pending; }))
      return;
    m_pending = false;
    const std::int64_t nowMs = m_nowMs;
    std::vector<std::pair<std::string, std::uint64_t>> keys;
    for (const auto &[key, p] : m_progress)
      keys.push_back(key);
    for (const auto &key : keys) {
      auto it = m_progress.find(key);
      if (it == m_progress.end())
        continue; // removed by a reload meanwhile
      Progress p = it->second;
      lock.unlock();
      Outcome o = work(p, nowMs, stop);
      lock.lock();
      if (stop.stop_requested())
        return;
      if (auto now = m_progress.find(key); now != m_progress.end()) {
        now->second.fedUntilSeconds = p.fedUntilSeconds;
        now->second.retryAtMs = p.retryAtMs;
        if (!o.sloId.empty())
          m_outcomes.push_back(std::move(o));
      }
    }
  }
}

PrometheusFetcher::Outcome PrometheusFetcher::work(Progress &p, std::int64_t nowMs, std::stop_token stop) const {
  if (nowMs < p.retryAtMs)
    return {};
  const std::int64_t step = std::max<std::int64_t>(p.job.source.stepSeconds, 1);
  const std::int64_t target = floorTo(nowMs / 1000 - kSettleSeconds, step);
  if (target <= p.fedUntilSeconds)
    return {}; // nothing new on the grid yet
  const PrometheusApi &api = apiFor(p.job.source);
  Outcome o;
  if (p.fedUntilSeconds == 0) {
    // Backfill: the period in hours up to 3 days ago, then the last 3 days at the fine step.
    const std::int64_t hourEdge = floorTo(target - kFineHistorySeconds, kHourSeconds);
    const std::int64_t periodStart = floorTo(target - p.job.spec.periodSeconds, kHourSeconds);
    Outcome hours = fetch(api, p.job, periodStart, hourEdge, kHourSeconds, stop);
    Outcome recent = hours.health == Health::Error ? Outcome{} : fetch(api, p.job, hourEdge, target, step, stop);
    if (hours.health == Health::Error)
      o = std::move(hours);
    else if (recent.health == Health::Error)
      o = std::move(recent);
    else if (hours.health == Health::NoData && recent.health == Health::NoData)
      o = std::move(recent);
    if (o.health == Health::Ok) {
      o.samples = std::move(hours.samples);
      o.samples.insert(o.samples.end(), recent.samples.begin(), recent.samples.end());
    }
  } else {
    const std::int64_t from = std::max(p.fedUntilSeconds, target - kMaxPointsPerRange * step);
    // After an empty or failed step, or an answer with holes, the missed span is read as one
    // increase(): per-step windows cannot see the events across a gap in the scrapes.
    if (!p.reconcile) {
      o = fetch(api, p.job, from, target, step, stop);
      const auto expected = static_cast<std::size_t>((target - from) / step);
      if (o.health == Health::Ok && o.samples.size() < expected)
        p.reconcile = true;
    }
    if (p.reconcile)
      o = fetch(api, p.job, from, target, target - from, stop);
    if (o.health == Health::NoData) {
      // Nothing yet for this span: ask for it again next time, in one piece.
      p.reconcile = true;
      const std::int64_t missingSeconds = target - p.fedUntilSeconds;
      if (missingSeconds < p.job.source.noDataAfter()) {
        o.health = Health::Lagging;
        o.reason = "lagging: Prometheus has nothing after " + utcTime(p.fedUntilSeconds) + " yet (" + o.reason +
                   "); keeping the state of then, \"no data\" after " + prom::promDuration(p.job.source.noDataAfter()) +
                   " without data";
      } else {
        o.reason = "no data since " + utcTime(p.fedUntilSeconds) + ": " + o.reason;
      }
      o.sloId = p.job.sloId;
      o.generation = p.job.generation;
      return o;
    }
  }
  o.sloId = p.job.sloId;
  o.generation = p.job.generation;
  if (o.health == Health::Error) {
    o.samples.clear();
    p.reconcile = p.fedUntilSeconds > 0;        // the span is read in one piece once Prometheus answers
    p.retryAtMs = nowMs + kRetrySeconds * 1000; // the grid stays: the same points are asked again
  } else {
    p.fedUntilSeconds = target; // a backfill with no series is an answer too: nothing to count there
    p.reconcile = false;
    p.retryAtMs = 0;
  }
  return o;
}

const PrometheusApi &PrometheusFetcher::apiFor(const slo::DataSourceSpec &source) const {
  auto &api = m_apis[source.name];
  if (!api || PrometheusApi::endpoint(api->source()) != PrometheusApi::endpoint(source))
    api = std::make_unique<PrometheusApi>(source);
  return *api;
}

PrometheusFetcher::Outcome PrometheusFetcher::fetch(const PrometheusApi &api, const Job &job, std::int64_t fromSeconds,
                                                    std::int64_t toSeconds, std::int64_t stepSeconds,
                                                    std::stop_token stop) {
  Outcome o;
  if (toSeconds <= fromSeconds)
    return o;
  const bool goodForm = !job.spec.goodQuery.empty();
  const std::string numQ = prom::eventsInWindow(goodForm ? job.spec.goodQuery : job.spec.badQuery, stepSeconds);
  const std::string totQ = prom::eventsInWindow(job.spec.totalQuery, stepSeconds);
  const std::int64_t start = fromSeconds + stepSeconds;
  auto ask = [&](const std::string &q) {
    return start == toSeconds ? api.query(q, toSeconds, stop) : api.queryRange(q, start, toSeconds, stepSeconds, stop);
  };
  const std::string range =
      start == toSeconds ? utcTime(toSeconds)
                         : utcTime(start) + " .. " + utcTime(toSeconds) + " every " + prom::promDuration(stepSeconds);
  const QueryAnswer total = ask(totQ);
  bool noData = false;
  if (std::string why = checkOne(total, totQ, "total", range, noData); !why.empty()) {
    o.health = noData ? Health::NoData : Health::Error;
    o.reason = std::move(why);
    return o;
  }
  const QueryAnswer num = ask(numQ);
  if (std::string why = checkOne(num, numQ, goodForm ? "good" : "bad", range, noData); !why.empty()) {
    o.health = noData ? Health::NoData : Health::Error;
    o.reason = std::move(why);
    return o;
  }
  // A step where the numerator has no point but the total has one counted none of its events.
  std::unordered_map<std::int64_t, double> numerator;
  for (const Point &pt : num.series.front().points)
    numerator[pt.timeSeconds] = pt.value;
  for (const Point &pt : total.series.front().points) {
    const auto it = numerator.find(pt.timeSeconds);
    const double n = it == numerator.end() ? 0.0 : it->second;
    const double good = goodForm ? n : pt.value - n;
    o.samples.push_back({pt.timeSeconds * 1000, std::clamp(good, 0.0, std::max(pt.value, 0.0)), pt.value});
  }
  return o;
}

} // namespace pxpd::prom
