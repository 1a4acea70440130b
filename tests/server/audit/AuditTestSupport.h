#pragma once
// What the audit tests share: sample entries, failure text for QVERIFY2, file bytes.

#include "pxpd/Result.h"
#include "pxpd/audit/AuditStore.h"
#include "pxpd/audit/Entry.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <filesystem>
#include <memory>
#include <string>

namespace audittest {

// A fully populated entry; `i` makes it distinct.
inline pxpd::audit::Entry sampleEntry(int i, const std::string &service = "checkout",
                                      pxpd::audit::Kind kind = pxpd::audit::Kind::Command) {
  pxpd::audit::Entry e;
  e.timeMs = 1'700'000'000'000 + i * 1000;
  e.kind = kind;
  e.actor = "alice";
  e.role = 3;
  e.command = "Rollback";
  e.target = "deploy/" + service + "-" + std::to_string(i);
  e.reason = "canary burns budget";
  e.idempotencyKey = "key-" + std::to_string(i);
  e.before = R"({"version":"v41"})";
  e.after = R"({"version":"v40"})";
  e.ok = true;
  e.result = "rolled back";
  e.service = service;
  return e;
}

// {"config":"xxxx..."} of about `bytes` bytes. Here, not in a test .cpp: moc misreads raw
// strings that contain quotes and then silently generates nothing.
inline std::string largeJson(std::size_t bytes, char fill) {
  return R"({"config":")" + std::string(bytes, fill) + R"("})";
}

// The store, or null after logging why it did not open (then QVERIFY(store) fails the test).
inline std::unique_ptr<pxpd::audit::AuditStore> openStore(const std::filesystem::path &file) {
  auto opened = pxpd::audit::AuditStore::open(file);
  if (!opened) {
    qWarning("%s", opened.error().c_str());
    return nullptr;
  }
  return std::move(opened).value();
}

// QVERIFY2 evaluates its message even when the check passes, so never call error() on success.
template <typename T> const char *whyNot(const pxpd::Result<T> &r) {
  return r.ok() ? "" : r.error().c_str();
}

inline QByteArray fileBytes(const QString &path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeBytes(const QString &path, const QByteArray &bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace audittest
