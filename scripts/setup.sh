#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: npm packages, the Python test peers (a virtual environment with
# jupyter_client, jupyter_kernel_test, nbclient, papermill, jupyterlab), Debian's Chromium for figure export and the
# browser test, and the build. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if ! command -v chromium >/dev/null 2>&1 && [ -z "${WHETSTONE_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no chromium found; PNG/SVG export and the browser test need it (apt-get install chromium)" >&2
  fi
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import jupyter_kernel_test, nbclient, papermill, jupyterlab, numpy' 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/requirements.txt
fi
# JupyterLab runs Node scripts from inside .venv; without this file our "type": "module" would make them ESM.
[ -f .venv/package.json ] || echo '{"type": "commonjs"}' > .venv/package.json

npx tsc -p tsconfig.json
