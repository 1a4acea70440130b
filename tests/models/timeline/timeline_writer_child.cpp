// timeline_writer_child <db> <incident-id>: appends annotations to an incident as fast as
// it can and prints each entry id on its own line once addEntry() returned, i.e. once the
// commit is durable. tst_timeline_storage kills it with SIGKILL mid-loop.

#include "pxp/models/timeline/TimelineStore.h"

#include <QCoreApplication>

#include <cstdio>

using namespace pxp::models;

int main(int argc, char *argv[]) {
  QCoreApplication app(argc, argv);
  if (argc != 3) {
    std::fprintf(stderr, "usage: timeline_writer_child <db> <incident-id>\n");
    return 2;
  }
  const QString path = QString::fromLocal8Bit(argv[1]);
  const QString incidentId = QString::fromLocal8Bit(argv[2]);
  TimelineStore store;
  if (auto opened = store.open(path); !opened) {
    std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
    return 1;
  }
  for (int n = 0;; ++n) {
    TimelineEntry entry;
    entry.incidentId = incidentId;
    entry.author = QStringLiteral("child");
    entry.text = QStringLiteral("annotation %1").arg(n);
    auto saved = store.addEntry(entry);
    if (!saved) {
      std::fprintf(stderr, "%s\n", qPrintable(saved.error().message));
      return 1;
    }
    std::printf("%s\n", qPrintable(saved.value().id));
    std::fflush(stdout);
  }
}
