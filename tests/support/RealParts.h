#pragma once
// RealParts: how a test that needs a part PXP did not write (Prometheus, promtool, Node.js and
// its npm packages) says that the part is missing. Outside CI it exits with CTest's skip code,
// so `ctest` prints "Skipped" with the reason instead of a pass that tested nothing; under
// CI=true it fails, because ./setup.sh installs every such part and CI must not go green
// without them. The check runs in main(), before any test function.
// Thread affinity: main thread, before the application object exists.

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <cstdio>

namespace testing {

// CTest's SKIP_RETURN_CODE for tests registered with pxp_add_qtest(... REAL_PARTS).
constexpr int kSkipExitCode = 77;

// 0 when `missing` is empty (run the tests); otherwise the exit code to return from main()
// after saying why: 77 (skipped) normally, 1 (failed) under CI=true.
inline int exitCodeForMissingPart(const QString &missing) {
  if (missing.isEmpty())
    return 0;
  if (qgetenv("CI") == "true") {
    std::fprintf(stderr, "FAIL: %s\n(CI=true: a missing real part is a failure; ./setup.sh installs it)\n",
                 qPrintable(missing));
    return 1;
  }
  std::fprintf(stderr, "SKIP: %s\n", qPrintable(missing));
  return kSkipExitCode;
}

} // namespace testing

// QTEST_MAIN / QTEST_GUILESS_MAIN for a test that needs real parts: `missingExpr` is a QString,
// empty when everything is there, otherwise what is missing and how to install it.
#define PXP_QTEST_MAIN_REQUIRING(TestObject, missingExpr)                                                              \
  QTEST_MAIN_WRAPPER(TestObject,                                                                                       \
                     if (const int pxpMissingRc = ::testing::exitCodeForMissingPart(missingExpr)) return pxpMissingRc; \
                     QTEST_MAIN_SETUP())
#define PXP_QTEST_GUILESS_MAIN_REQUIRING(TestObject, missingExpr)                                                      \
  QTEST_MAIN_WRAPPER(TestObject,                                                                                       \
                     if (const int pxpMissingRc = ::testing::exitCodeForMissingPart(missingExpr)) return pxpMissingRc; \
                     QTEST_QAPP_SETUP(QCoreApplication))
