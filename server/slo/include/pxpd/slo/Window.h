#pragma once
// Window: the fixed set of rolling windows the engine evaluates (5m ... 3d, and the SLO period).
// Thread affinity: none (constants and pure functions).

#include <array>
#include <cstdint>
#include <string_view>

namespace pxpd::slo {

// The long and short windows of the SRE Workbook's multiwindow, multi-burn-rate alerts
// (chapter 5, "Alerting on SLOs", table 5-8), plus the whole SLO period, which gives
// attainment and the error budget.
enum class Window { M5, M30, H1, H2, H6, D1, D3, Period };
constexpr int kWindowCount = 8;

constexpr std::array<Window, kWindowCount> kAllWindows{Window::M5, Window::M30, Window::H1, Window::H2,
                                                       Window::H6, Window::D1,  Window::D3, Window::Period};

constexpr int windowIndex(Window w) {
  return static_cast<int>(w);
}

// Length of a window in seconds; Window::Period is the SLO's own period.
constexpr std::int64_t windowSeconds(Window w, std::int64_t periodSeconds) {
  switch (w) {
  case Window::M5: return 300;
  case Window::M30: return 1800;
  case Window::H1: return 3600;
  case Window::H2: return 7200;
  case Window::H6: return 21600;
  case Window::D1: return 86400;
  case Window::D3: return 259200;
  case Window::Period: return periodSeconds;
  }
  return periodSeconds;
}

// "5m", "30m", "1h", "2h", "6h", "1d", "3d", "period": the names used in the API and the UI.
constexpr std::string_view windowName(Window w) {
  switch (w) {
  case Window::M5: return "5m";
  case Window::M30: return "30m";
  case Window::H1: return "1h";
  case Window::H2: return "2h";
  case Window::H6: return "6h";
  case Window::D1: return "1d";
  case Window::D3: return "3d";
  case Window::Period: return "period";
  }
  return "period";
}

} // namespace pxpd::slo
