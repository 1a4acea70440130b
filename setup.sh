#!/usr/bin/env bash
# PXP set-up: install what is missing (Debian 12, as root), build with Ninja + ccache, then
#   ./setup.sh run    start the console on its embedded default (simulated world)
#   ./setup.sh test   run the whole CTest suite headless
# Idempotent: packages already present are not reinstalled; the build is incremental.
set -euo pipefail

cd "$(dirname "$0")"
mode="${1:-}"
case "$mode" in
  run|test|build) ;;
  *) echo "usage: $0 run|test|build" >&2; exit 2 ;;
esac

BUILD_DIR="${PXP_BUILD_DIR:-build}"
say() { printf '\n==> %s\n' "$*"; }

# Debian packages the build, the tests and the screenshots need (see ../shared/toolchain.md),
# checked on a debootstrap minbase root by ../shared/tools/fresh-debian-check: with
# --no-install-recommends nothing else arrives, so every package a step uses is named here.
PACKAGES=(
  # build
  build-essential cmake ninja-build ccache pkg-config git ca-certificates
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite libgl-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libsqlite3-dev sqlite3 libyaml-cpp-dev libgtest-dev libbenchmark-dev
  libcurl4-openssl-dev nlohmann-json3-dev
  # GUI tests, screenshots and the headless run command
  xvfb xauth fonts-dejavu-core
  # real parts the integration tests start on loopback
  prometheus openssl
  # packaging test: dpkg-deb, file, and the validators of the unit, desktop entry and metainfo
  dpkg-dev file systemd desktop-file-utils appstream
  # the format check CI runs
  clang-format
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages: all ${#PACKAGES[@]} present"
    return
  fi
  say "Installing missing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: installing packages needs root; run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # prometheus would start its own service on :9090; the tests start theirs on loopback ports.
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl stop prometheus || true
  fi
}

build() {
  # CI=true: a compiler warning in our code fails the build (-Werror); elsewhere it is shown.
  local werror=OFF
  [ "${CI:-}" = true ] && werror=ON
  say "Configuring ($BUILD_DIR, Ninja, ccache, warnings as errors: $werror)"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPXP_WERROR="$werror" \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache >/dev/null
  say "Building with $(nproc) jobs"
  cmake --build "$BUILD_DIR" -j "$(nproc)"
  ccache -s 2>/dev/null | grep -E "Hits|hit rate" | head -2 || true
}

# npm packages of the interop tests (tests/interop/package.json, pinned by its package-lock.json):
# the OpenTelemetry JS SDK and grpc-js, clients PXP did not write. Node.js 20 is preinstalled on
# the dev machines; Debian's nodejs/npm are installed only when node is missing (installing
# Debian's npm next to a non-Debian node conflicts). Installed into tests/interop/node_modules
# (gitignored); a failure leaves those tests skipping with a message, unless
# PXP_REQUIRE_INTEROP=1 (CI) makes it fatal.
install_node_packages() {
  local dir=tests/interop
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && ! command -v node >/dev/null 2>&1; then
      say "Installing Node.js from Debian (nodejs npm) for the interop tests"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
    fi
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup.sh: node/npm not found: the interop tests (label interop) will skip; install nodejs and npm" >&2
    [ "${PXP_REQUIRE_INTEROP:-0}" = 1 ] && exit 1
    return 0
  fi
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    say "npm packages of the interop tests: present"
    return 0
  fi
  say "Installing the interop tests' npm packages (npm ci in $dir)"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "setup.sh: npm ci in $dir failed (offline?): the interop tests will skip" >&2
    [ "${PXP_REQUIRE_INTEROP:-0}" = 1 ] && exit 1
  fi
  return 0
}

# Under CI=true a real part that cannot be installed fails the run; elsewhere its tests skip.
if [ "${CI:-}" = true ]; then export PXP_REQUIRE_INTEROP=1; fi

install_packages
install_node_packages
build

case "$mode" in
  run)
    say "Starting pxp-console on the embedded default (simulated world)"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "No display found: running under Xvfb (xvfb-run); the window is not visible from here."
      exec xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/app/pxp-console" "${@:2}"
    fi
    exec "$BUILD_DIR/app/pxp-console" "${@:2}"
    ;;
  test)
    say "Running the CTest suite headless (QT_QPA_PLATFORM=offscreen)"
    export QT_QPA_PLATFORM=offscreen
    log="$BUILD_DIR/ctest.log"
    set +e
    # --schedule-random: no test may depend on another having run before it.
    ctest --test-dir "$BUILD_DIR" --output-on-failure --schedule-random -j "$(nproc)" "${@:2}" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    # CTest's summary line, last, so a reader (or CI) sees it without scrolling.
    grep -E '^[0-9]+% tests passed' "$log" | tail -n 1
    exit "$rc"
    ;;
esac
