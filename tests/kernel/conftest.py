"""Installs the Whetstone kernel spec into a scratch Jupyter path before any kernel test runs.

The kernel is tested only through real Jupyter clients (jupyter_client, jupyter_kernel_test, nbclient,
papermill), started from its installed kernel.json exactly as JupyterLab would start it.
"""
import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_jupyter_dir = tempfile.mkdtemp(prefix="whetstone-jupyter-")
subprocess.run(
    ["node", str(ROOT / "dist" / "src" / "cli" / "main.js"), "install", "--prefix", _jupyter_dir],
    check=True,
    stdout=subprocess.DEVNULL,
)
os.environ["JUPYTER_PATH"] = str(Path(_jupyter_dir) / "share" / "jupyter")
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
KERNEL_NAME = "whetstone"
