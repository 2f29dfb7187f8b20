"""nbclient, papermill and `whetstone run` execute the same notebook with the same outputs (issue 2)."""
import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import papermill
import pytest
from nbclient import NotebookClient
from papermill.translators import Translator, papermill_translators

from conftest import KERNEL_NAME, ROOT

FIXTURES = ROOT / "tests" / "fixtures"
WHETSTONE = ["node", str(ROOT / "dist" / "src" / "cli" / "main.js")]


def normalized_outputs(nb):
    """Outputs per code cell, without volatile fields (display ids live in transient, not in the file)."""
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        outs = []
        for out in cell.get("outputs", []):
            out = dict(out)
            if out["output_type"] == "stream":
                out["text"] = "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
            if "data" in out:
                out["data"] = {k: ("".join(v) if isinstance(v, list) else v) for k, v in out["data"].items()}
            out.pop("metadata", None)
            outs.append(out)
        cells.append((cell.get("execution_count"), outs))
    return cells


def run_whetstone(*args, cwd=None):
    return subprocess.run([*WHETSTONE, "run", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_nbclient_and_whetstone_run_agree(tmp_path):
    source = tmp_path / "basic.ipynb"
    shutil.copy(FIXTURES / "basic.ipynb", source)
    nb = nbformat.read(source, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    out = tmp_path / "whetstone.ipynb"
    result = run_whetstone(source, "-o", out)
    assert result.returncode == 0, result.stderr
    ours = json.loads(out.read_text())
    assert normalized_outputs(ours) == normalized_outputs(nb)
    counts = [c for c, _ in normalized_outputs(ours)]
    assert counts == list(range(1, len(counts) + 1))  # real execution counts, unlike tslab's nulls
    redeclared = normalized_outputs(ours)[3][1]
    assert redeclared[0]["data"]["text/plain"] == "10"
    # The input notebook was not touched.
    assert json.loads(source.read_text()) == json.loads((FIXTURES / "basic.ipynb").read_text())


class TypeScriptTranslator(Translator):
    """papermill ships no TypeScript translator; Whetstone cells re-declare parameters with const."""

    @classmethod
    def translate_escaped_str(cls, str_val):
        return json.dumps(str_val)

    @classmethod
    def assign(cls, name, str_val):
        return f"const {name} = {str_val};"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()


def test_papermill_executes_with_parameters(tmp_path):
    papermill_translators.register("typescript", TypeScriptTranslator)
    out = tmp_path / "pm.ipynb"
    papermill.execute_notebook(str(FIXTURES / "basic.ipynb"), str(out), parameters={"n": 2}, kernel_name=KERNEL_NAME,
                               language="typescript", cwd=str(tmp_path), progress_bar=False)
    nb = json.loads(out.read_text())
    assert any("injected-parameters" in c["metadata"].get("tags", []) for c in nb["cells"])
    squares = [c for c in nb["cells"] if "xs" in "".join(c["source"]) and c["cell_type"] == "code"][0]
    texts = "".join("".join(o.get("text", "")) for o in squares["outputs"])
    assert "n = 2" in texts


def test_whetstone_run_injects_parameters(tmp_path):
    out = tmp_path / "p.ipynb"
    # A long --timeout must not keep the process alive after the last cell (regression: the deadline timer did).
    result = run_whetstone(FIXTURES / "basic.ipynb", "-o", out, "--param", "n=3", "--timeout", "900")
    assert result.returncode == 0, result.stderr
    nb = json.loads(out.read_text())
    tags = [c["metadata"].get("tags", []) for c in nb["cells"]]
    assert tags.index(["injected-parameters"]) == tags.index(["parameters"]) + 1
    assert "n = 3" in json.dumps(nb)
    assert "[1/" in result.stderr  # per-cell progress


def test_failing_cell_names_the_cell_and_stops(tmp_path):
    out = tmp_path / "f.ipynb"
    result = run_whetstone(FIXTURES / "failing.ipynb", "-o", out)
    assert result.returncode == 1
    assert "cell 3 failed: Error: cell fails" in result.stderr
    nb = json.loads(out.read_text())
    assert nb["cells"][-1]["execution_count"] is None  # the cell after the failure did not run
    allowed = run_whetstone(FIXTURES / "failing.ipynb", "-o", tmp_path / "g.ipynb", "--allow-errors")
    assert allowed.returncode == 1
    assert "'after failure'" in (tmp_path / "g.ipynb").read_text()


@pytest.mark.parametrize("name, message", [
    ("missing.ipynb", "no such notebook"),
    ("malformed.ipynb", "not valid JSON"),
    ("python.ipynb", "not TypeScript"),
])
def test_bad_notebooks_get_one_clear_line(tmp_path, name, message):
    result = run_whetstone(FIXTURES / name, "-o", tmp_path / "x.ipynb")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and name in lines[0]
    assert not (tmp_path / "x.ipynb").exists()


def test_timeout_interrupts_the_cell(tmp_path):
    nb = json.loads((FIXTURES / "basic.ipynb").read_text())
    nb["cells"].append({"cell_type": "code", "metadata": {}, "source": "while (true) {}", "outputs": [], "execution_count": None})
    source = tmp_path / "slow.ipynb"
    source.write_text(json.dumps(nb))
    result = run_whetstone(source, "-o", tmp_path / "slow.out.ipynb", "--timeout", "2")
    assert result.returncode == 1
    assert "timed out after 2 s" in result.stderr


def test_run_exports_figures_as_png_and_svg(tmp_path):
    figures = tmp_path / "figures"
    result = run_whetstone(ROOT / "notebooks" / "collapse.ipynb", "-o", tmp_path / "c.ipynb", "--figures", figures)
    assert result.returncode == 0, result.stderr
    pngs, svgs = sorted(figures.glob("*.png")), sorted(figures.glob("*.svg"))
    assert len(pngs) == len(svgs) >= 2
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 10_000 for p in pngs)
    assert all("<svg" in s.read_text()[:2000] for s in svgs)


def test_nbconvert_html_is_self_contained(tmp_path):
    out = tmp_path / "collapse.html"
    subprocess.run([str(ROOT / ".venv" / "bin" / "jupyter"), "nbconvert", "--to", "html", "--output", str(out),
                    str(ROOT / "notebooks" / "collapse.ipynb")], check=True, capture_output=True)
    html = out.read_text()
    assert "cdn.plot.ly" not in html and "https://cdn" not in html.split("<body")[1]
    assert "__whetstonePlotlyQueue" in html


def test_imports_resolve_from_the_notebook_directory(tmp_path):
    """Relative .ts files, an ESM-only package and a CommonJS package next to the notebook (issue 2)."""
    (tmp_path / "helper.ts").write_text("export function double(x: number): number { return x * 2 }\n")
    esm = tmp_path / "node_modules" / "esm-only"
    esm.mkdir(parents=True)
    (esm / "package.json").write_text(json.dumps({"name": "esm-only", "type": "module", "types": "./index.d.ts",
                                                  "exports": {".": {"types": "./index.d.ts", "import": "./index.js"}}}))
    (esm / "index.js").write_text("export const kind = 'esm';\nexport default function greet(n) { return `hi ${n}` }\n")
    (esm / "index.d.ts").write_text("export declare const kind: string;\nexport default function greet(n: string): string;\n")
    cjs = tmp_path / "node_modules" / "cjs-pkg"
    cjs.mkdir(parents=True)
    (cjs / "package.json").write_text(json.dumps({"name": "cjs-pkg", "main": "index.js", "types": "index.d.ts"}))
    (cjs / "index.js").write_text("module.exports = { add(a, b) { return a + b }, kind: 'cjs' };\n")
    (cjs / "index.d.ts").write_text("export declare function add(a: number, b: number): number;\nexport declare const kind: string;\n")
    compiled = tmp_path / "node_modules" / "cjs-compiled"  # CommonJS emitted by a compiler from ESM (__esModule)
    compiled.mkdir(parents=True)
    (compiled / "package.json").write_text(json.dumps({"name": "cjs-compiled", "main": "index.js", "types": "index.d.ts"}))
    (compiled / "index.js").write_text('Object.defineProperty(exports, "__esModule", { value: true });\n'
                                       'exports.default = function hello() { return "compiled" };\nexports.named = 7;\n')
    (compiled / "index.d.ts").write_text("export default function hello(): string;\nexport declare const named: number;\n")
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "whetstone", "language": "typescript"}}, "cells": [
        {"id": "a", "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": 'import { double } from "./helper.ts";\nimport greet, { kind } from "esm-only";\nimport * as cjs from "cjs-pkg";\n'
                   'import cjsDefault, { add } from "cjs-pkg";\nimport hello, { named } from "cjs-compiled";\n'
                   '[double(21), greet("ada"), kind, cjs.add(2, 3), cjs.kind, cjsDefault.kind, add(1, 1), hello(), named].join(" ")'},
        {"id": "b", "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": 'import { double as twice } from "./helper";\ntwice(5)'},
    ]}
    source = tmp_path / "imports.ipynb"
    source.write_text(json.dumps(nb))
    result = run_whetstone(source, "-o", tmp_path / "out.ipynb")
    assert result.returncode == 0, result.stderr
    cells = json.loads((tmp_path / "out.ipynb").read_text())["cells"]
    assert cells[0]["outputs"][0]["data"]["text/plain"] == "'42 hi ada esm 5 cjs cjs 2 compiled 7'"
    assert cells[1]["outputs"][0]["data"]["text/plain"] == "10"
