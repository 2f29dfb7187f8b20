#!/usr/bin/env bash
# Runs every benchmark; each prints Whetstone beside its peer measured in the same run (a ratio, never a threshold).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash bench/setup-peers.sh
for bench in kernel toolkit-select toolkit-sampling toolkit-collapse tensor plot; do
  echo "== ${bench}"
  node "dist/bench/${bench}.bench.js"
done
