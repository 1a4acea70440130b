#include "CommandAuditQuery.h"

#include "ProtoConvert.h"

#include "pxp/client/CommandClient.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <deque>

namespace pxp::client {
namespace {

constexpr int kPageSize = 1000; // the daemon's maximum
constexpr int kMaxPages = 200;  // 200,000 entries: beyond that the caller should narrow the query

pxp::v1::AuditKind kindOf(const QString &kind) {
  if (kind == QLatin1String("command"))
    return pxp::v1::AUDIT_KIND_COMMAND;
  if (kind == QLatin1String("decision"))
    return pxp::v1::AUDIT_KIND_DECISION;
  if (kind == QLatin1String("config"))
    return pxp::v1::AUDIT_KIND_CONFIG;
  if (kind == QLatin1String("auth denied"))
    return pxp::v1::AUDIT_KIND_AUTH_DENIED;
  return pxp::v1::AUDIT_KIND_UNSPECIFIED;
}

} // namespace

AuditQueryResult queryNewestAudit(CommandChannel &channel, int limit, const QString &kind) {
  const auto keep = static_cast<std::size_t>(std::clamp(limit, 1, kPageSize));
  std::deque<pxp::v1::AuditEntry> tail;
  pxp::v1::QueryAuditRequest req;
  req.set_kind(kindOf(kind));
  req.set_limit(kPageSize);
  AuditQueryResult out;
  for (int page = 0; page < kMaxPages; ++page) {
    pxp::v1::QueryAuditResponse resp;
    out.status =
        channel.call(CommandClient::kDeadlineMs, [&](pxp::v1::ControlPlane::Stub &stub, grpc::ClientContext &ctx) {
          return stub.QueryAudit(&ctx, req, &resp);
        });
    if (!out.status.ok())
      return out;
    const int count = resp.entries_size();
    const std::int64_t lastSeq = count > 0 ? resp.entries(count - 1).seq() : 0;
    for (auto &e : *resp.mutable_entries()) {
      tail.push_back(std::move(e));
      if (tail.size() > keep)
        tail.pop_front();
    }
    if (count < kPageSize)
      break;
    req.set_after_seq(lastSeq);
  }
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) // newest first
    out.entries.push_back(toValue(*it));
  return out;
}

} // namespace pxp::client
