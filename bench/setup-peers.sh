#!/usr/bin/env bash
# Installs the benchmark peers from npm and PyPI only: tslab 1.0.22, Deno's kernel binary, ipykernel.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .bench-peers
[ -f .bench-peers/package.json ] || echo '{"name":"bench-peers","private":true}' > .bench-peers/package.json
(cd .bench-peers && npm install --no-audit --no-fund tslab@1.0.22 @deno/linux-x64-glibc >/dev/null)
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check ipykernel
