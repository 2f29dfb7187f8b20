"""Peer for bench/plot.bench.ts: matplotlib (Agg) for figure export and pandas for table display, on the same data
shapes as the Whetstone side. Prints one JSON object {case: milliseconds, "peer": {case: name}} on stdout.
Figures: a 3-series x 1000-point line chart and a 100k-point scatter, 720x420 CSS px (7.2x4.2 in at 100 dpi) and
PNG at 2x (200 dpi) like Whetstone's default scale 2. Table: a 10,000-row, 3-column frame shown as HTML + text with
50 rows, like a notebook repr."""
import io
import json
import statistics
import sys
import time

REPS = {"line": 5, "scatter_png": 3, "scatter_svg": 2, "table": 20}


def ms(f, reps):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    out, names = {}, {}
    t0 = time.perf_counter()
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        plt = None
    import math
    xs = list(range(1000))
    ys = [[math.sin(x / 50 + j) + 0.001 * x for x in xs] for j in range(3)]

    if plt is not None:
        def line(fmt):
            fig, ax = plt.subplots(figsize=(7.2, 4.2), dpi=100)
            for j in range(3):
                ax.plot(xs, ys[j], label=f"run {j}")
            ax.set_title("line chart")
            ax.set_xlabel("step")
            ax.legend()
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=200 if fmt == "png" else 100)
            plt.close(fig)
            return buf

        line("png")
        out["cold: first line PNG"] = (time.perf_counter() - t0) * 1000
        out["line PNG"] = ms(lambda: line("png"), REPS["line"])
        out["line SVG"] = ms(lambda: line("svg"), REPS["line"])

        import numpy as np
        rng = np.random.default_rng(3)
        px, py = rng.normal(size=100_000), rng.normal(size=100_000)

        def scatter(fmt):
            fig, ax = plt.subplots(figsize=(7.2, 4.2), dpi=100)
            ax.scatter(px, py, s=3, alpha=0.4, linewidths=0)
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=200 if fmt == "png" else 100)
            plt.close(fig)
            return buf

        out["100k scatter PNG"] = ms(lambda: scatter("png"), REPS["scatter_png"])
        out["100k scatter SVG"] = ms(lambda: scatter("svg"), REPS["scatter_svg"])
        for k in ["cold: first line PNG", "line PNG", "line SVG", "100k scatter PNG", "100k scatter SVG"]:
            names[k] = "matplotlib " + matplotlib.__version__

    rows = [{"step": i, "reward": i / 3, "tag": "odd" if i % 2 else "even"} for i in range(10_000)]
    try:
        import pandas as pd
        pd.set_option("display.max_rows", 50)
        df = pd.DataFrame(rows)
        out["10k-row table display"] = ms(lambda: (df._repr_html_(), repr(df)), REPS["table"])
        names["10k-row table display"] = "pandas " + pd.__version__ + " (_repr_html_ + repr)"
    except ImportError:
        import html

        def table():
            head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
            body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r.values()) + "</tr>" for r in rows[:50])
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

        out["10k-row table display"] = ms(table, REPS["table"])
        names["10k-row table display"] = "python stdlib html"
    out["peer"] = names
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
