#!/usr/bin/env bash
# One command for the GPU verification of issue 6: runs bench/gpu/gpu.bench.ts (webgpu vs wasm, and tensorflow-gpu
# when installed) and prints its table. Uses the built tree when node, node_modules and dist/ are there; otherwise
# the self-contained bench/gpu/bundle.tar.xz made by bench/gpu/pack.sh (for a GPU machine without network or Node).
# Usage (repository root): bash bench/gpu/run.sh
# Env: BENCH_SECONDS, BENCH_BACKENDS (see gpu.bench.ts); BENCH_FROM_BUNDLE=1 uses the tarball even where the tree is built.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "run.sh: nvidia-smi not found"

if [ "${BENCH_FROM_BUNDLE:-0}" != 1 ] && command -v node >/dev/null && [ -d node_modules/@tensorflow/tfjs ] && [ -f dist/bench/gpu/gpu.bench.js ]; then
  node_bin=node; entry=dist/bench/gpu/gpu.bench.js; libdir=""
elif [ -f bench/gpu/bundle.tar.xz ]; then
  command -v xz >/dev/null || { echo "run.sh: xz is needed to unpack bench/gpu/bundle.tar.xz" >&2; exit 1; }
  root="${TMPDIR:-/tmp}/whetstone-gpu-$$"
  mkdir -p "$root" && tar -C "$root" -xJf bench/gpu/bundle.tar.xz
  trap 'rm -rf "$root"' EXIT
  node_bin="$root/whetstone-gpu/node"; entry="$root/whetstone-gpu/gpu-bench.mjs"; libdir="$root/whetstone-gpu"
else
  echo "run.sh: no built tree (node, node_modules, dist/) and no bench/gpu/bundle.tar.xz; run bash bench/gpu/pack.sh where the tree is built" >&2
  exit 1
fi

# Dawn reaches NVIDIA GPUs through Vulkan: it needs the loader (libvulkan.so.1) and the driver's ICD manifest.
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1' && [ -n "$libdir" ] && [ -f "$libdir/libvulkan.so.1" ]; then
  export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
if [ -z "${VK_ICD_FILENAMES:-}" ] && ! ls /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json >/dev/null 2>&1; then
  # Containers often mount the NVIDIA driver libraries without the manifest; write one for libGLX_nvidia.
  if ldconfig -p 2>/dev/null | grep -q 'libGLX_nvidia.so.0'; then
    icd="${TMPDIR:-/tmp}/whetstone_nvidia_icd.json"
    printf '{"file_format_version":"1.0.0","ICD":{"library_path":"libGLX_nvidia.so.0","api_version":"1.3.0"}}\n' > "$icd"
    export VK_ICD_FILENAMES="$icd"
  else
    echo "run.sh: no NVIDIA Vulkan ICD found (libGLX_nvidia.so.0 missing): webgpu will report why it was skipped" >&2
  fi
fi
"$node_bin" "$entry"
