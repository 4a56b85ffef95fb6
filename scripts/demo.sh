#!/usr/bin/env bash
# README command (1): installs what is missing, builds, indexes sample_corpus/
# into the default database and runs the example search.
#   scripts/demo.sh ["QUERY"]     (default query: Kerry Lavrov Munich)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
./build/newsdex-index sample_corpus/
./build/newsdex-search "${1:-Kerry Lavrov Munich}"
