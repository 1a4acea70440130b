#pragma once
// forEachVanishedRun: finds the maximal runs of rows that are gone, bottom up, so a model can
// remove each run with one beginRemoveRows/endRemoveRows pair and earlier rows keep their
// numbers while it does. Private to models/. Thread affinity: that of the calling model.

namespace pxp::models::detail {

// `gone(row)` says whether a row goes; `removeRun(first, last)` removes rows first..last.
template <typename Gone, typename RemoveRun> void forEachVanishedRun(int rowCount, Gone gone, RemoveRun removeRun) {
  int row = rowCount - 1;
  while (row >= 0) {
    if (!gone(row)) {
      --row;
      continue;
    }
    int first = row;
    while (first > 0 && gone(first - 1))
      --first;
    removeRun(first, row);
    row = first - 1;
  }
}

} // namespace pxp::models::detail
