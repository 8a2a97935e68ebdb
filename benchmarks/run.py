"""Time WRES Explorer against plain DuckDB SQL at trust and national scale, and print a
markdown table.

    .venv/bin/python -m benchmarks.run                       # both scales, 3 runs each
    .venv/bin/python -m benchmarks.run --scale trust --repeat 5
    .venv/bin/python -m benchmarks.run --scale national --ids text --repeat 1

Each scale runs with person ids as ESR-style numbers and as pseudonymised text (``P1234``;
``--ids hash`` for hash-like ids), each its own data set.

Data are generated on first use into ``benchmarks/data/<scale>`` (git-ignored). Every
measurement runs in a fresh process; its wall time is taken here and its peak memory (peak
resident set size) from the operating system's accounting of that child (``os.wait4``).
Each is repeated and the median reported, since the machine may be shared.

Measured:

- ``wres indicators DIR --by department --suppress 0 --format csv``: loading the Parquet
  files and computing every indicator overall and by department (plus the clinical and pay
  band rows indicator 1 always has), written as CSV;
- the same with publication-safe mode on (the command's default, ``--suppress 10``);
- ``benchmarks/duckdb_sql.py``: the same figures in DuckDB SQL, written as CSV; then the
  two CSVs are compared figure by figure (counts exactly, values to 1e-9);
- the pay gap step (``wres_core.indicators.pay``) alone, on the workforce files: the time it
  adds to the command's run, overall and by department (best of two in one process);
- the dashboard's server: loading, the first page, a filter change (a new Query: a cache
  miss) and going back to it (a cache hit), the department drill-down, and with several
  organisations the organisation drill-down and filter (and a check that they agree).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.generate import DATA, ID_STYLES, SCALES, ensure

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 3600
# Publication-safe mode on a department table of a whole nation can run for a very long
# time (secondary suppression); such runs are stopped after this many seconds.
SAFE_TIMEOUT = 300
SAFE_DRILL = 300  # the same for the dashboard's publication-safe department drill-down
KEY = ["year", "indicator", "measure", "group", "dimension", "level"]


# --- running a child ------------------------------------------------------------------------


def child(cmd: list[str], stdout: Path | None = None, timeout: float = TIMEOUT) -> dict:
    """Run ``cmd`` in a fresh process: wall and CPU seconds, peak RSS (MB), and its report
    (the last line of stdout, when not redirected to a file). A run still going after
    ``timeout`` seconds is stopped and reported as such (``wall`` None)."""
    with tempfile.TemporaryFile() as err, (open(stdout, "wb") if stdout
                                           else tempfile.TemporaryFile()) as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
        text = ""
        if not stdout:
            out.seek(0)
            text = out.read().decode("utf-8", "replace")
    if proc.returncode == -signal.SIGKILL and wall >= timeout:
        return {"wall": None, "cpu": None, "rss_mb": usage.ru_maxrss / 1024, "report": None,
                "timed_out": timeout}
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{message[-3000:]}")
    # ru_maxrss is in KiB on Linux.
    last = text.strip().splitlines()[-1] if text.strip() else ""
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024,
            "report": json.loads(last) if last.startswith("{") else None}


def repeated(cmd: list[str], n: int, stdout: Path | None = None,
             timeout: float = TIMEOUT) -> dict:
    runs = [child(cmd, stdout, timeout) for _ in range(n)]
    if any(r["wall"] is None for r in runs):
        return {"wall": None, "cpu": None, "rss_mb": max(r["rss_mb"] for r in runs),
                "timed_out": timeout, "reports": [r["report"] for r in runs]}
    return {"wall": statistics.median(r["wall"] for r in runs),
            "walls": [r["wall"] for r in runs],
            "cpu": statistics.median(r["cpu"] for r in runs),
            "rss_mb": statistics.median(r["rss_mb"] for r in runs),
            "reports": [r["report"] for r in runs]}


def wres_cmd(folder: Path, *, suppress: int) -> list[str]:
    return [sys.executable, "-m", "wres_core.cli", "indicators", str(folder), "--by",
            "department", "--suppress", str(suppress), "--format", "csv"]


# --- checking the figures -------------------------------------------------------------------


def compare(wres_csv: Path, sql_csv: Path) -> dict:
    """Every figure DuckDB computed, against the same figure from ``wres indicators``."""
    w = pd.read_csv(wres_csv, keep_default_na=False, na_values=[""])
    d = pd.read_csv(sql_csv, keep_default_na=False, na_values=[""])
    for t in (w, d):
        t["level"] = t["level"].astype(str)
        t["group"] = t["group"].astype(str)
    both = d.merge(w, on=KEY, how="left", suffixes=("_sql", "_wres"), indicator=True)
    missing = both["_merge"] == "left_only"

    def differs(col: str, exact: bool) -> pd.Series:
        a, b = both[f"{col}_sql"].astype(float), both[f"{col}_wres"].astype(float)
        same = (a.isna() & b.isna()) | (a == b if exact else
                                        np.isclose(a, b, rtol=1e-9, atol=1e-12))
        return ~same & ~missing

    bad = differs("numerator", True) | differs("denominator", True) | differs("value", False)
    examples = both.loc[bad | missing, [*KEY, "numerator_sql", "numerator_wres",
                                        "denominator_sql", "denominator_wres", "value_sql",
                                        "value_wres"]].head(10)
    return {
        "figures_compared": int(len(both)),
        "missing_in_wres": int(missing.sum()),
        "mismatches": int(bad.sum()),
        "by_measure": both.groupby(["indicator", "measure", "dimension"]).size()
        .rename("n").reset_index().to_dict("records"),
        "examples": examples.to_dict("records"),
        "same": bool(not missing.any() and not bad.any()),
    }


# --- the benchmark --------------------------------------------------------------------------


def machine() -> dict:
    mem = next(line for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": model,
            "memory_gb": round(int(mem.split()[1]) / 1024**2, 1),
            "python": platform.python_version(), "pandas": pd.__version__,
            "system": f"{platform.system()} {platform.release()}"}


def bench_scale(scale: str, repeat: int, safe: bool, ids: str = "numeric",
                template_grades: bool | None = None) -> dict:
    folder = ensure(scale, ids, template_grades=template_grades)
    manifest = json.loads((folder / "manifest.json").read_text())
    out = {"scale": scale, "ids": ids, "rows": manifest["total_rows"],
           "bytes": manifest["bytes"], "load_before": os.getloadavg()}
    # Outputs go beside the data, never into it (the command reads every file there).
    outputs = DATA / "out"
    outputs.mkdir(parents=True, exist_ok=True)
    scale = folder.name  # the variant's name from here on: "national-text"
    wres_csv, sql_csv = outputs / f"{scale}_wres.csv", outputs / f"{scale}_duckdb.csv"
    print(f"[{scale}] wres indicators ...", file=sys.stderr, flush=True)
    out["wres"] = repeated(wres_cmd(folder, suppress=0), repeat, stdout=wres_csv)
    if safe:
        print(f"[{scale}] wres indicators (publication-safe) ...", file=sys.stderr, flush=True)
        out["wres_safe"] = repeated(wres_cmd(folder, suppress=10), 1,
                                    stdout=outputs / f"{scale}_wres_safe.csv",
                                    timeout=SAFE_TIMEOUT)
    print(f"[{scale}] duckdb ...", file=sys.stderr, flush=True)
    out["duckdb"] = repeated([sys.executable, "-m", "benchmarks.measure", "duckdb",
                              str(folder), str(sql_csv)], repeat)
    out["check"] = compare(wres_csv, sql_csv)
    print(f"[{scale}] pay gap step ...", file=sys.stderr, flush=True)
    out["pay"] = repeated([sys.executable, "-m", "benchmarks.measure", "pay", str(folder)],
                          repeat)
    print(f"[{scale}] dashboard ...", file=sys.stderr, flush=True)
    out["dashboard"] = repeated([sys.executable, "-m", "benchmarks.measure", "dashboard",
                                 str(folder), str(SAFE_DRILL)], repeat)
    out["load_after"] = os.getloadavg()
    return out


def _med(reports: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in reports)


def _seconds(s: float | None, limit: float | None = None) -> str:
    if s is None:
        return f"> {limit:,.0f} s (stopped)" if limit else "n/a"
    if s < 0.001:
        return f"{s * 1e6:,.0f} µs"
    return f"{s * 1000:,.0f} ms" if s < 1 else f"{s:,.1f} s"


def table(results: list[dict]) -> str:
    """The markdown table: one row per scale and measurement."""
    lines = ["| scale | measurement | wall (median) | CPU | peak memory | vs DuckDB (wall) "
             "| vs DuckDB (CPU) |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]

    def row(scale, what, run=None, *, seconds=None, limit=None, duck=None, rss=None):
        wall = run["wall"] if run else seconds
        cpu = run.get("cpu") if run else None
        rss = run["rss_mb"] if run else rss
        mem = f"{rss:,.0f} MB" if rss is not None else ""
        ratio = f"{wall / duck['wall']:.2f}x" if duck and wall else ""
        cpu_ratio = f"{cpu / duck['cpu']:.2f}x" if duck and cpu else ""
        lines.append(f"| {scale} | {what} | {_seconds(wall, limit or run and run.get('timed_out'))}"
                     f" | {_seconds(cpu) if cpu else ''} | {mem} | {ratio} | {cpu_ratio} |")

    for r in results:
        ids = f", {r.get('ids', 'numeric')} ids"
        name = f"{r['scale']}{ids} ({r['rows'] / 1e6:.1f} M rows)" if r["rows"] >= 1e6 else \
            f"{r['scale']}{ids} ({r['rows']:,} rows)"
        duck = r["duckdb"]
        row(name, "`wres indicators --by department --suppress 0`: load + every indicator, "
            "overall and by department, as CSV", r["wres"], duck=duck)
        if "wres_safe" in r:
            row(name, "the same, publication-safe (`--suppress 10`, the default; one run)",
                r["wres_safe"], duck=duck)
        row(name, "plain DuckDB SQL over the same Parquet, same figures, as CSV", duck,
            duck=duck)
        c = r["check"]
        lines.append(f"| {name} | figures compared with DuckDB (counts exact, values to "
                     f"1e-9) | {c['figures_compared']:,} | | | "
                     f"{'all identical' if c['same'] else 'DIFFER'} | |")
        if "pay" in r:
            pay = r["pay"]["reports"]
            whole = r["wres"]["wall"]
            for key, what in (("pay_overall", "overall"),
                              ("pay_department", "overall and by department, as the command")):
                seconds = _med(pay, key)
                share = f" ({seconds / whole:.0%} of the command's wall time)" if whole else ""
                row(name, f"the pay gap step alone (`pay_gaps`), {what}{share}", seconds=seconds)
        reps = r["dashboard"]["reports"]
        dash = r["dashboard"]
        row(name, "dashboard server: load (`Engine.from_inputs`); memory: peak of the whole "
            "session below", seconds=_med(reps, "load"), rss=dash["rss_mb"])
        row(name, "dashboard server: first page (overview: results + changes, "
            "publication-safe)", seconds=_med(reps, "first_page"))
        row(name, "dashboard server: load + first page", seconds=_med(reps, "load")
            + _med(reps, "first_page"))
        row(name, "dashboard server: filter change, cache miss (median of the filters)",
            seconds=_med(reps, "filter_miss_median"))
        row(name, "dashboard server: filter change, cache miss (slowest filter)",
            seconds=_med(reps, "filter_miss_max"))
        row(name, "dashboard server: filter change, cache hit (slowest)",
            seconds=_med(reps, "filter_hit_max"))
        row(name, "dashboard server: department drill-down, computed (unsuppressed)",
            seconds=_med(reps, "drill_department_raw"))
        safe = [x["drill_department"] for x in reps]
        row(name, "dashboard server: department drill-down, publication-safe",
            seconds=None if None in safe else statistics.median(safe),
            limit=reps[0].get("safe_limit"))
        if "drill_org" in reps[0]:
            row(name, "dashboard server: organisation drill-down (`by=\"org\"`, 200 levels)",
                seconds=_med(reps, "drill_org"))
            row(name, "dashboard server: organisation filter (`where=((\"org\", (X,)),)`)",
                seconds=_med(reps, "filter_org"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description="Benchmark WRES Explorer against DuckDB.")
    p.add_argument("--scale", choices=sorted(SCALES), action="append",
                   help="trust and/or national (default both)")
    p.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    p.add_argument("--no-safe", action="store_true",
                   help="skip the publication-safe wres run")
    p.add_argument("--ids", choices=ID_STYLES, action="append",
                   help="how person ids are written: numeric and/or text or hash (default "
                        "numeric and text)")
    p.add_argument("--template-grades", action=argparse.BooleanOptionalAction, default=None,
                   help="medical grades as the WRES template's row names (default: for text "
                        "and hash ids, not for numeric ones)")
    args = p.parse_args(argv)
    scales = args.scale or ["trust", "national"]
    started = os.getloadavg()
    results = [bench_scale(s, args.repeat, not args.no_safe, ids, args.template_grades)
               for s in scales for ids in (args.ids or ["numeric", "text"])]
    m = machine()
    report = {"machine": m, "load_start": started, "load_end": os.getloadavg(),
              "results": results}
    DATA.mkdir(exist_ok=True)
    (DATA / "results.json").write_text(json.dumps(report, indent=2, default=str))
    print(table(results))
    print()
    print(f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gb']} GB, {m['system']}, "
          f"Python {m['python']}, pandas {m['pandas']}. Load average (1, 5, 15 min) at start "
          f"{', '.join(f'{x:.1f}' for x in started)}, at end "
          f"{', '.join(f'{x:.1f}' for x in report['load_end'])}. Median of {args.repeat} runs.")
    for r in results:
        c = r["check"]
        if not c["same"]:
            print(f"\n{r['scale']} ({r['ids']} ids): {c['mismatches']} figures differ, "
                  f"{c['missing_in_wres']} "
                  f"missing in wres; first: {c['examples'][:3]}")
        if "org_check" in r["dashboard"]["reports"][0]:
            print(f"\n{r['scale']} organisations: {r['dashboard']['reports'][0]['org_check']}")


if __name__ == "__main__":
    main()
