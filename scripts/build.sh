#!/usr/bin/env bash
# Compiles src/, tests/ and bench/ into dist/ (type errors fail the build).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json
