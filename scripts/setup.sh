#!/usr/bin/env bash
# Installs the Debian 12 packages newsdex builds and tests with (only the missing
# ones; idempotent), then configures and builds into build/.
# Usage: scripts/setup.sh            (root, or a user with sudo)
# Env:   NEWSDEX_BUILD_DIR (default build), NEWSDEX_BUILD_TYPE (default Release),
#        NEWSDEX_SKIP_BUILD=1 to install packages only, NEWSDEX_BUILD_TARGETS="a b" to
#        build only those targets, NEWSDEX_CMAKE_ARGS for more cmake options.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
  g++ cmake make pkg-config   # toolchain (g++ 12, CMake 3.25 on Debian 12)
  libxapian-dev               # the search engine library (1.4.22)
  xapian-tools                # xapian-check / xapian-delve, used by tests
  libicu-dev                  # normalisation, word/sentence boundaries, transliteration
  libcli11-dev                # command-line parsing
  libzstd-dev zstd            # stored-text compression, .zst input; zstd CLI for tests
  doctest-dev                 # unit-test framework
  nlohmann-json3-dev          # JSON Lines input and --json output
  libxml2-dev                 # HTML parsing (indexer/readers/)
  libarchive-dev zlib1g-dev   # tar/zip/bzip2/xz archives, gzip streams (indexer/readers/)
  libbrotli-dev               # HTTP Content-Encoding: br in WARC records (indexer/readers/)
  libcsv-dev                  # CSV/TSV dumps (indexer/readers/csv_reader.*)
  bzip2 xz-utils zip brotli   # archivers whose CLIs make the archive and WARC test fixtures
  python3                     # evaluation/bench scripts; man pages (scripts/make_man.py)
  clang-14 libfuzzer-14-dev   # fuzz targets (scripts/fuzz.sh): libFuzzer with ASan + UBSan
  clang-format-14             # the house style: scripts/check_format.sh, scripts/format.sh
  clang-tidy-14               # static checks of .clang-tidy: scripts/tidy.sh
  man-db bsdextrautils        # install test: man renders the pages (col plain-texts them)
  dpkg-dev                    # cpack -G DEB: dpkg-shlibdeps finds the package dependencies
  bash-completion zsh fish    # install test: the shell completions, run in each shell
  tmux less                   # terminal tests (tests/e2e/terminal_test.cpp): a real tty, the pager
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO=(sudo); else
      echo "setup: missing packages ${missing[*]} and not root (no sudo); install them with apt-get" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${SUDO[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}"; then
    "${SUDO[@]}" apt-get update -q
    "${SUDO[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}"
  fi
fi

[ "${NEWSDEX_SKIP_BUILD:-0}" = 1 ] && exit 0
BUILD_DIR=${NEWSDEX_BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${NEWSDEX_BUILD_TYPE:-Release}" ${NEWSDEX_CMAKE_ARGS:-} >/dev/null
# NEWSDEX_BUILD_TARGETS: build only these targets (space-separated), not all.
targets=()
for t in ${NEWSDEX_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$BUILD_DIR" -j"$(nproc)" "${targets[@]}"
