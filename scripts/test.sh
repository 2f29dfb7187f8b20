#!/usr/bin/env bash
# Runs every test: set-up if needed, the TypeScript build, the toolkit/display/plot unit tests (node:test), then the
# kernel tests through real Jupyter clients and the JupyterLab browser test (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Kernels started by the tests keep their cell history here, not in the user's ~/.local/share/whetstone.
WHETSTONE_HISTORY_FILE="$(mktemp -d)/history.jsonl"
export WHETSTONE_HISTORY_FILE

echo "== node:test (toolkit, display, plot, executor) =="
node --test --test-reporter=spec dist/tests/ 2>&1 | tail -n 40

echo "== pytest (kernel through jupyter_client, jupyter_kernel_test, nbclient, papermill, JupyterLab) =="
.venv/bin/python -m pytest tests/kernel -q -p no:cacheprovider
