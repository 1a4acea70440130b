#pragma once
// What the SQLite benchmarks (bench/audit, bench/timeline) measure against, in one place so
// both compare with the same reference: the cheapest durable write (one row, one transaction,
// prepared statements, WAL + synchronous=FULL), and the latency helpers they report with.
// Thread affinity: one thread per object.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace pxp::bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The q-quantile (0..1) of `samples`, nearest rank.
inline double quantile(std::vector<double> samples, double q) {
  if (samples.empty())
    return 0;
  const auto k = static_cast<std::size_t>(std::llround(q * static_cast<double>(samples.size() - 1)));
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k), samples.end());
  return samples[k];
}

class BareSqlite {
public:
  explicit BareSqlite(const std::string &file) {
    sqlite3_open(file.c_str(), &m_db);
    sqlite3_exec(m_db,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                 "CREATE TABLE t (id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, payload TEXT NOT NULL)",
                 nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(m_db, "BEGIN", -1, &m_begin, nullptr);
    sqlite3_prepare_v2(m_db, "INSERT INTO t (time_ms, payload) VALUES (?1, ?2)", -1, &m_insert, nullptr);
    sqlite3_prepare_v2(m_db, "COMMIT", -1, &m_commit, nullptr);
  }
  ~BareSqlite() {
    for (auto *s : {m_begin, m_insert, m_commit})
      sqlite3_finalize(s);
    sqlite3_close(m_db);
  }
  BareSqlite(const BareSqlite &) = delete;
  BareSqlite &operator=(const BareSqlite &) = delete;

  bool insert(std::int64_t timeMs, const std::string &payload) {
    sqlite3_bind_int64(m_insert, 1, timeMs);
    sqlite3_bind_text(m_insert, 2, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
    return step(m_begin) && step(m_insert) && step(m_commit);
  }

private:
  static bool step(sqlite3_stmt *s) {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE;
  }
  sqlite3 *m_db = nullptr;
  sqlite3_stmt *m_begin = nullptr;
  sqlite3_stmt *m_insert = nullptr;
  sqlite3_stmt *m_commit = nullptr;
};

} // namespace pxp::bench
