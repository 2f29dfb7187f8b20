"""Installs the Whetstone kernel spec into a scratch Jupyter path before any kernel test runs.

The kernel is tested only through real Jupyter clients (jupyter_client, jupyter_kernel_test, nbclient,
papermill), started from its installed kernel.json exactly as JupyterLab would start it.
"""
import gc
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
import zmq

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


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config):
    """Tests kill kernels (restart, shutdown now=True) while clients still hold messages for them. With ZeroMQ's
    default infinite linger, the Context.term() that garbage collection runs at pytest's exit then waits forever for
    those undeliverable messages: the run finished every test and never exited. Every context still open is
    destroyed first, dropping such messages."""
    for obj in gc.get_objects():
        if isinstance(obj, zmq.Context) and not obj.closed:
            obj.destroy(linger=0)
