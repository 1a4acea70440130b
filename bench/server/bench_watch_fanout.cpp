// bench_watch_fanout: events per second pxpd's Watch delivers to 10 concurrent watchers over
// loopback TCP, next to a raw gRPC server-streaming baseline in the same run that writes the
// same events, pre-batched 256 per message, with no event log, revisions or auth behind it.
// The pxpd side is the real path: Engine EventLog (append, revision, wake) -> ControlPlaneService
// Watch (bearer token check, since(), batching) -> gRPC. Its producer keeps every watcher within
// 2,000 events of the head, the steady state below the coalescing threshold, so every event
// is delivered. Prints per-round figures, medians of 5 rounds and the ratio.
// Run: build-*/bench/server/bench_watch_fanout [events-per-watcher, default 100000]

#include "Authenticator.h"
#include "ControlPlaneService.h"
#include "engine/AuditLog.h"
#include "engine/Engine.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

namespace {

constexpr int kWatchers = 10;
constexpr int kRounds = 5;
constexpr int kBatch = 256;             // pxpd's kMaxEventsPerMessage
constexpr std::int64_t kMaxLag = 2'000; // below ControlPlaneService's coalescing threshold
using Clock = std::chrono::steady_clock;

// A realistic event: one SLO's status, eight windows.
pxp::v1::Event statusEvent(int i) {
  pxp::v1::Event e;
  auto *s = e.mutable_slo_status();
  s->set_slo_id("svc-" + std::to_string(i % 100) + "/slo-" + std::to_string(i % 10'000));
  s->set_evaluated_at_ms(1'764'000'000'000 + i);
  for (int w = 1; w <= 8; ++w) {
    auto *win = s->add_windows();
    win->set_window(static_cast<pxp::v1::Window>(w));
    win->set_window_seconds(300 * w);
    win->set_good_events(99'000 + i);
    win->set_total_events(100'000 + i);
    win->set_sli_ratio(0.99);
    win->set_burn_rate(1.2);
  }
  s->set_attainment_ratio(0.999);
  s->set_budget_remaining_ratio(0.7);
  s->set_firing_tier(pxp::v1::ALERT_TIER_NONE);
  s->set_state(pxp::v1::SLO_STATE_OK);
  s->set_last_data_ms(1'764'000'000'000 + i);
  return e;
}

// The baseline: Watch writes prepared messages as fast as the client takes them.
class RawStream final : public pxp::v1::ControlPlane::Service {
public:
  explicit RawStream(int events) {
    for (int i = 0; i < events; i += kBatch) {
      pxp::v1::WatchResponse r;
      for (int j = i; j < std::min(events, i + kBatch); ++j) {
        auto e = statusEvent(j);
        e.set_revision(j + 1);
        *r.add_events() = std::move(e);
      }
      r.set_revision(std::min(events, i + kBatch));
      m_batches.push_back(std::move(r));
    }
  }
  grpc::Status Watch(grpc::ServerContext *, const pxp::v1::WatchRequest *,
                     grpc::ServerWriter<pxp::v1::WatchResponse> *writer) override {
    for (const auto &b : m_batches)
      if (!writer->Write(b))
        break;
    return grpc::Status::OK;
  }

private:
  std::vector<pxp::v1::WatchResponse> m_batches;
};

std::shared_ptr<grpc::Channel> ownChannel(int port) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1); // one TCP connection per watcher
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials(), args);
}

// Runs `kWatchers` clients until each has `events` events; returns aggregate events/s.
// `produce` (may be empty) runs on the calling thread once every watcher is subscribed.
double runWatchers(int port, const std::string &token, int events,
                   const std::function<void(std::vector<std::atomic<std::int64_t>> &)> &produce) {
  std::vector<std::atomic<std::int64_t>> received(kWatchers);
  std::barrier subscribed(kWatchers + 1);
  std::vector<Clock::time_point> done(kWatchers);
  Clock::time_point start;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWatchers; ++w)
    threads.emplace_back([&, w] {
      auto stub = pxp::v1::ControlPlane::NewStub(ownChannel(port));
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", "Bearer " + token);
      auto reader = stub->Watch(&ctx, {});
      pxp::v1::WatchResponse resp;
      if (produce && !reader->Read(&resp)) // pxpd: the snapshot first
        std::abort();
      subscribed.arrive_and_wait();
      std::int64_t n = 0;
      while (n < events && reader->Read(&resp)) {
        n += resp.events_size();
        received[static_cast<std::size_t>(w)].store(n, std::memory_order_relaxed);
      }
      done[static_cast<std::size_t>(w)] = Clock::now();
      ctx.TryCancel();
      reader->Finish();
    });
  subscribed.arrive_and_wait();
  start = Clock::now();
  if (produce)
    produce(received);
  for (auto &t : threads)
    t.join();
  const auto last = *std::max_element(done.begin(), done.end());
  return kWatchers * static_cast<double>(events) / std::chrono::duration<double>(last - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
  const int events = argc > 1 ? std::atoi(argv[1]) : 100'000;
  // pxpd: a real Engine (no SLOs: the bench is the producer) behind the real service.
  pxpd::DaemonConfig config;
  config.tokens = pxpd::TokenRegistry::generateDemoTokens();
  const std::string token = config.tokens.front().secret;
  pxpd::TokenRegistry tokens(config.tokens);
  pxpd::Authenticator auth(tokens);
  pxpd::MemoryAuditLog audit;
  pxpd::Engine engine(config, pxpd::SystemClock::instance(), audit);
  engine.start(pxpd::Definitions{});
  pxpd::ControlPlaneService service(auth, engine, pxpd::SystemClock::instance(), "bench",
                                    [] { return pxpd::Result<pxpd::Definitions>(pxpd::Error{"bench"}); });
  RawStream raw(events);
  int pxpdPort = 0, rawPort = 0;
  grpc::ServerBuilder pb, rb;
  pb.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &pxpdPort);
  pb.RegisterService(&service);
  rb.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &rawPort);
  rb.RegisterService(&raw);
  auto pxpdServer = pb.BuildAndStart();
  auto rawServer = rb.BuildAndStart();
  std::vector<pxp::v1::Event> prepared;
  for (int i = 0; i < 10'000; ++i)
    prepared.push_back(statusEvent(i));

  std::printf("Watch fan-out: %d watchers x %d events each, loopback TCP, %u hardware threads\n", kWatchers, events,
              std::thread::hardware_concurrency());
  std::vector<double> pxpdRates, rawRates;
  for (int round = 0; round < kRounds; ++round) {
    const double r = runWatchers(rawPort, token, events, {});
    const double p = runWatchers(pxpdPort, token, events, [&](std::vector<std::atomic<std::int64_t>> &received) {
      for (int i = 0; i < events; ++i) {
        for (;;) { // flow control: stay within kMaxLag of the slowest watcher
          std::int64_t slowest = INT64_MAX;
          for (auto &n : received)
            slowest = std::min(slowest, n.load(std::memory_order_relaxed));
          if (i - slowest < kMaxLag)
            break;
          std::this_thread::yield();
        }
        engine.events().append(prepared[static_cast<std::size_t>(i) % prepared.size()]);
      }
    });
    rawRates.push_back(r);
    pxpdRates.push_back(p);
    std::printf("round %d: raw gRPC %10.0f events/s   pxpd Watch %10.0f events/s   (%.2fx)\n", round + 1, r, p, p / r);
  }
  const double pm = median(pxpdRates), rm = median(rawRates);
  std::printf("median:  raw gRPC %10.0f events/s   pxpd Watch %10.0f events/s   ratio pxpd/raw %.2f\n", rm, pm,
              pm / rm);
  std::printf("         per watcher: raw %.0f, pxpd %.0f events/s\n", rm / kWatchers, pm / kWatchers);
  service.shutdown();
  engine.events().wakeAll();
  pxpdServer->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  rawServer->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  return 0;
}
