// audit_writer: a child process for the audit tests. Appends entries to an AuditStore and
// prints each seq on its own line only after append() returned, so every printed seq is a
// promise the store made.
// Usage: audit_writer <audit.db> <actor> <count, 0 = until killed> [--gate]
// With --gate it prints "ready" once the store is open and waits for a line on stdin, so a
// test can release several writers at once.

#include "pxpd/audit/AuditStore.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **argv) {
  const bool gate = argc == 5 && std::string(argv[4]) == "--gate";
  if (argc != 4 && !gate) {
    std::fprintf(stderr, "usage: %s <audit.db> <actor> <count, 0 = until killed> [--gate]\n", argv[0]);
    return 2;
  }
  auto opened = pxpd::audit::AuditStore::open(argv[1]);
  if (!opened) {
    std::fprintf(stderr, "audit_writer: %s\n", opened.error().c_str());
    return 1;
  }
  auto &store = *opened.value();
  if (gate) {
    std::printf("ready\n");
    std::fflush(stdout);
    std::array<char, 16> line{};
    if (!std::fgets(line.data(), static_cast<int>(line.size()), stdin))
      return 1;
  }
  const long count = std::strtol(argv[3], nullptr, 10);
  for (long i = 1; count == 0 || i <= count; ++i) {
    pxpd::audit::Entry e;
    e.timeMs = i;
    e.actor = argv[2];
    e.command = "SetFlag";
    e.target = "flag/new-checkout";
    e.reason = "durability test";
    e.idempotencyKey = std::string(argv[2]) + "-" + std::to_string(i);
    e.service = "checkout";
    const auto appended = store.append(e);
    if (!appended) {
      std::fprintf(stderr, "audit_writer: %s\n", appended.error().c_str());
      return 1;
    }
    std::printf("%lld\n", static_cast<long long>(appended.value().seq));
    std::fflush(stdout);
  }
  return 0;
}
