#include "pxpd/slo/SloSpec.h"

#include <array>
#include <utility>

namespace pxpd::slo {
namespace {

constexpr std::array<std::pair<SliKind, std::string_view>, 5> kSliKindNames{{
    {SliKind::Availability, "availability"},
    {SliKind::Latency, "latency"},
    {SliKind::Freshness, "freshness"},
    {SliKind::Correctness, "correctness"},
    {SliKind::Conversion, "conversion"},
}};

constexpr std::array<std::pair<SourceKind, std::string_view>, 3> kSourceKindNames{{
    {SourceKind::Simulated, "simulated"},
    {SourceKind::Prometheus, "prometheus"},
    {SourceKind::Spans, "spans"},
}};

template <typename Kind, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Kind, std::string_view>, N> &table, Kind kind) {
  for (const auto &[k, name] : table) {
    if (k == kind)
      return name;
  }
  return table.front().second;
}

template <typename Kind, std::size_t N>
std::optional<Kind> kindOf(const std::array<std::pair<Kind, std::string_view>, N> &table, std::string_view name) {
  for (const auto &[k, n] : table) {
    if (n == name)
      return k;
  }
  return std::nullopt;
}

} // namespace

std::string_view sliKindName(SliKind kind) {
  return nameOf(kSliKindNames, kind);
}
std::string_view sourceKindName(SourceKind kind) {
  return nameOf(kSourceKindNames, kind);
}
std::optional<SliKind> sliKindFromName(std::string_view name) {
  return kindOf(kSliKindNames, name);
}
std::optional<SourceKind> sourceKindFromName(std::string_view name) {
  return kindOf(kSourceKindNames, name);
}

} // namespace pxpd::slo
