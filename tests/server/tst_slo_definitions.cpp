// SLO definitions from files: the built-in world comes from the shipped demo files, SLO files
// replace it, unmeasurable sources say so instead of showing 100 %, an invalid file is refused
// with file:line, and ReloadConfig (admin only) adds, removes and changes SLOs live while a
// failed reload keeps the last good set.

#include "DaemonFixture.h"
#include "SloYaml.h"

#include <QTest>

#include <cmath>

using namespace testing;

namespace {

const std::string kDemoSlos = PXP_SOURCE_DIR "/resources/config/slos/demo-world.yaml";
const std::string kDemoPolicies = PXP_SOURCE_DIR "/resources/config/policies/demo-world.yaml";

bool isDefinition(const pxp::v1::Event &e, const std::string &id) {
  return e.has_slo_definition() && e.slo_definition().id() == id;
}

} // namespace

class TestSloDefinitions : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void builtInWorldIsTheShippedDemoFiles() {
    DaemonFixture builtIn;
    DaemonFixture fromFiles([](pxpd::DaemonConfig &c) {
      c.sloFiles = {kDemoSlos};
      c.policyFiles = {kDemoPolicies};
    });
    QVERIFY2(builtIn.started(), builtIn.startError.c_str());
    QVERIFY2(fromFiles.started(), fromFiles.startError.c_str());
    const auto a = builtIn.snapshot(), b = fromFiles.snapshot();
    QCOMPARE(a.slos_size(), 8);
    QCOMPARE(a.policies_size(), 7);
    QCOMPARE(b.slos_size(), a.slos_size());
    for (int i = 0; i < a.slos_size(); ++i)
      QCOMPARE(b.slos(i).SerializeAsString(), a.slos(i).SerializeAsString());
    QCOMPARE(b.policies_size(), a.policies_size());
    for (int i = 0; i < a.policies_size(); ++i)
      QCOMPARE(b.policies(i).SerializeAsString(), a.policies(i).SerializeAsString());
    // The load itself is on the record.
    const auto config = builtIn.audit(pxp::v1::AUDIT_KIND_CONFIG);
    QCOMPARE(config.size(), std::size_t(1));
    QCOMPARE(config[0].target(), std::string("built-in demo world"));
  }

  void sloFilesReplaceTheWorldsSlosAndUnmeasuredOnesSaySo() {
    const auto file = writeFile(m_dir, "mixed.yaml",
                                sloYaml("payments", "checkout-availability") + sloYaml("ledger", "posting", 0.99) +
                                    sloYaml("billing", "invoices", 0.995, "prometheus"));
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.sloFiles = {file}; });
    QVERIFY2(f.started(), f.startError.c_str());
    const auto s = f.snapshot();
    QCOMPARE(s.slos_size(), 3);
    QCOMPARE(s.policies_size(), 0); // the demo policies go with the demo SLOs only
    // A known simulated SLO keeps its traffic; an unknown one gets a default profile by service.
    for (const char *id : {"payments/checkout-availability", "ledger/posting"}) {
      const auto *st = f.status(s, id);
      QVERIFY2(st && st->total_events_period() > 1e6, id);
      QCOMPARE(st->state(), pxp::v1::SLO_STATE_OK);
    }
    // A prometheus SLO without a DataSource cannot be queried: said plainly, never a 100 % budget.
    const auto *prom = f.status(s, "billing/invoices");
    QVERIFY(prom);
    QCOMPARE(prom->state(), pxp::v1::SLO_STATE_ERROR);
    QVERIFY2(QString::fromStdString(prom->error()).contains("source not configured"), prom->error().c_str());
    QVERIFY(std::isnan(prom->budget_remaining_ratio()));
    QVERIFY(std::isnan(prom->attainment_ratio()));
    QCOMPARE(prom->total_events_period(), 0.0);
    f.advance(kTickMs);
    QCOMPARE(f.status(f.snapshot(), "billing/invoices")->state(), pxp::v1::SLO_STATE_ERROR);
  }

  void invalidSloFileFailsTheStartWithFileAndLine() {
    std::string text = sloYaml("payments", "checkout-availability");
    text.replace(text.find("duration: 30d"), 13, "duration: 13d");
    const auto file = writeFile(m_dir, "bad-window.yaml", text);
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.sloFiles = {file}; });
    QVERIFY(!f.started());
    QVERIFY2(QString::fromStdString(f.startError).contains(QString::fromStdString(file) + ":"), f.startError.c_str());
    QVERIFY2(QString::fromStdString(f.startError).contains("13d"), f.startError.c_str());
  }

  void reloadAddsRemovesAndChangesSlosLive() {
    const auto file = writeFile(m_dir, "reload.yaml",
                                sloYaml("payments", "checkout-availability") + sloYaml("ledger", "posting", 0.99) +
                                    sloYaml("ledger", "reconcile", 0.99));
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.sloFiles = {file}; });
    QVERIFY2(f.started(), f.startError.c_str());
    f.advance(3 * kTickMs);
    const double keptTotal = f.status(f.snapshot(), "payments/checkout-availability")->total_events_period();
    WatchStream watch(f);

    // Edit: payments unchanged, ledger/posting gets a new objective, reconcile goes, search comes.
    writeFile(m_dir, "reload.yaml",
              sloYaml("payments", "checkout-availability") + sloYaml("ledger", "posting", 0.95) +
                  sloYaml("search", "query-latency", 0.99));
    grpc::Status status;
    const auto result = f.reloadConfig("admin", "reload-0001", &status);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QVERIFY2(result.ok(), result.message().c_str());
    QVERIFY2(QString::fromStdString(result.message()).contains("1 added (search/query-latency)"),
             result.message().c_str());

    QVERIFY(watch.waitFor([](const auto &e) { return isDefinition(e, "search/query-latency"); }));
    const auto changed = watch.waitFor([](const auto &e) { return isDefinition(e, "ledger/posting"); });
    QVERIFY(changed);
    QCOMPARE(changed->slo_definition().objective_ratio(), 0.95);
    QVERIFY(watch.waitFor([](const auto &e) { return e.slo_removed_id() == "ledger/reconcile"; }));
    for (const auto &e : watch.seen())
      QVERIFY2(!isDefinition(e, "payments/checkout-availability"), "an unchanged SLO is not re-announced");

    const auto s = f.snapshot();
    QCOMPARE(s.slos_size(), 3);
    QVERIFY(!f.definition(s, "ledger/reconcile"));
    // Unchanged: same counter (not reset); new: history made up for it, so its budget is real.
    QCOMPARE(f.status(s, "payments/checkout-availability")->total_events_period(), keptTotal);
    QVERIFY(f.status(s, "search/query-latency")->total_events_period() > 1e6);

    const auto config = f.audit(pxp::v1::AUDIT_KIND_CONFIG);
    QCOMPARE(config.size(), std::size_t(2)); // the load at start and this reload
    QCOMPARE(config.back().actor(), std::string("demo-admin"));
    QVERIFY(config.back().ok());
    QVERIFY2(QString::fromStdString(config.back().after()).contains("\"removed_slos\":[\"ledger/reconcile\"]"),
             config.back().after().c_str());
    QVERIFY2(QString::fromStdString(config.back().after()).contains("\"changed_slos\":[\"ledger/posting\"]"),
             config.back().after().c_str());
  }

  void failedReloadChangesNothingAndSaysWhere() {
    const auto file = writeFile(m_dir, "keep.yaml", sloYaml("payments", "checkout-availability"));
    DaemonFixture f([&](pxpd::DaemonConfig &c) { c.sloFiles = {file}; });
    QVERIFY2(f.started(), f.startError.c_str());
    std::string broken = sloYaml("ledger", "posting");
    broken.replace(broken.find("target: "), 8, "targt: ");
    writeFile(m_dir, "keep.yaml", sloYaml("payments", "checkout-availability") + broken);
    const auto result = f.reloadConfig("admin", "reload-bad-01");
    QVERIFY(!result.ok());
    QVERIFY2(QString::fromStdString(result.message()).contains(QString::fromStdString(file) + ":"),
             result.message().c_str());
    QVERIFY2(QString::fromStdString(result.message()).contains("nothing changed"), result.message().c_str());
    f.advance(kTickMs);
    const auto s = f.snapshot();
    QCOMPARE(s.slos_size(), 1);
    QCOMPARE(f.status(s, "payments/checkout-availability")->state(), pxp::v1::SLO_STATE_OK);
    const auto config = f.audit(pxp::v1::AUDIT_KIND_CONFIG);
    QVERIFY(!config.back().ok());
    QVERIFY(QString::fromStdString(config.back().result()).contains(QString::fromStdString(file) + ":"));
  }

  void onlyAnAdminMayReload() {
    DaemonFixture f;
    grpc::Status status;
    f.reloadConfig("responder", "reload-resp-1", &status);
    QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    QVERIFY(QString::fromStdString(status.error_message()).contains("admin"));
    const auto denied = f.audit(pxp::v1::AUDIT_KIND_AUTH_DENIED);
    QCOMPARE(denied.size(), std::size_t(1));
    QCOMPARE(denied[0].command(), std::string("ReloadConfig"));
    const auto ok = f.reloadConfig("admin", "reload-admin-1", &status);
    QVERIFY(status.ok());
    QVERIFY2(ok.ok(), ok.message().c_str());
    QVERIFY2(QString::fromStdString(ok.message()).contains("nothing changed"), ok.message().c_str());
  }
};

QTEST_GUILESS_MAIN(TestSloDefinitions)
#include "tst_slo_definitions.moc"
