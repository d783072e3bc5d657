#!/bin/sh
# install-deps.sh: bring every Debian package rasoat needs to build, test and benchmark.
# The README and .ci/run both call this one script; add a dependency here and nowhere else.
set -eu

PACKAGES="
  gcc pkg-config meson ninja-build
  liblua5.4-dev
  libcjson-dev
  libsodium-dev
  libssl-dev
  libxlsxwriter-dev
  libcsv-dev
  libmicrohttpd-dev
  chromium
  check
  python3 python3-openpyxl python3-jsonschema
  parallel
  clang
"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
    echo "install-deps: installing:$missing" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The fuzz targets (tests/fuzz, docs/fuzzing.md) need libFuzzer's runtime, which Debian ships
# apart from clang, in the package of clang's own major version (libclang-rt-14-dev on 12).
rt="libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"
if ! dpkg-query -W -f='${Status}' "$rt" 2>/dev/null | grep -q "install ok installed"; then
    echo "install-deps: installing: $rt" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$rt"
fi
