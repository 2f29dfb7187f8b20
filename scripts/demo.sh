#!/usr/bin/env bash
# The main job: executes every demo notebook end to end through the kernel, writes their outputs back in place, and
# exports every figure as PNG and SVG into figures/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p figures
for notebook in notebooks/*.ipynb; do
  echo "== ${notebook}"
  node dist/src/cli/main.js run "${notebook}" -o "${notebook}" --figures figures --timeout 600
done
echo "Figures:"; ls figures
