#!/usr/bin/env bash
# Installs the benchmark peers from npm, PyPI and Debian only: tslab 1.0.22 and Deno's kernel binary (npm), ipykernel
# (into .venv), matplotlib and pandas (for the plot bench's python3), PyTorch on the CPU (Debian's python3-torch,
# with a threaded BLAS so the peer is not handicapped).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .bench-peers
[ -f .bench-peers/package.json ] || echo '{"name":"bench-peers","private":true}' > .bench-peers/package.json
(cd .bench-peers && npm install --no-audit --no-fund tslab@1.0.22 @deno/linux-x64-glibc >/dev/null)
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check ipykernel
python3 -m pip install -q --disable-pip-version-check matplotlib pandas numpy || true
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
fi
