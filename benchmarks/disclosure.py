"""What publication-safe mode keeps and what it protects, on the sample or a benchmark trust.

    .venv/bin/python -m benchmarks.disclosure                 # the bundled sample
    .venv/bin/python -m benchmarks.disclosure --scale trust   # benchmarks/generate.py trust
    .venv/bin/python -m benchmarks.disclosure --folder PATH   # any data folder

Prints, at default settings (threshold 10, White/BME/Unknown):

- the share of indicator 1's White and BME shares by pay band (overall table) and by
  department (department drill-down) that are shown, each year (issue 14's target: 90%);
- whether indicator 9 is shown every year;
- the counts from 1 to 9 that the overall table, a drill-down by each dimension, and the
  three group levels of both, read together, give back (target: none);
- the server-side seconds of the first page (overall results, all three levels made safe)
  and of the department drill-down.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from wres_core.api import Engine, Query
from wres_core.disclosure import recoverable_across
from wres_core.schema import GROUP_LEVELS

DRILLS = ("pay_band", "clinical", "staff_group", "department")


def shares_shown(engine: Engine) -> pd.DataFrame:
    """Shown / all White and BME shares of indicator 1 by pay band and department, a year."""
    overall, dept = engine.results(Query()), engine.results(Query(by="department"))
    rows = pd.concat([overall[overall["dimension"] == "pay_band"],
                      dept[dept["dimension"] == "department"]])
    rows = rows[(rows["indicator"] == 1) & (rows["measure"] == "share")
                & rows["group"].isin(["White", "BME"])]
    return rows.groupby("year").agg(shown=("value", lambda v: int(v.notna().sum())),
                                    of=("value", "size"))


def recovered(engine: Engine, by: str) -> int:
    """Counts 1 to 9 given back by the overall table and the ``by`` drill-down at every
    group level, read together."""
    views = [(engine.results(q), engine.unsuppressed(q))
             for g in GROUP_LEVELS for q in (Query(groups=g), Query(by=by, groups=g))]
    return sum(1 for r in recoverable_across(views) if 1 <= r.value <= 9)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scale", choices=["sample", "trust"], default="sample")
    p.add_argument("--no-audit", action="store_true", help="skip the (slow) audit")
    p.add_argument("--folder", help="a data folder to read instead of --scale's (say a "
                   "trust generated in another checkout)")
    args = p.parse_args(argv)
    if args.folder:
        folder = args.folder
    elif args.scale == "sample":
        folder = "data/sample"
    else:
        from benchmarks.generate import ensure

        folder = str(ensure("trust"))
    engine = Engine.from_inputs([folder])
    for g in GROUP_LEVELS:  # computing the figures is not what is timed here
        engine.unsuppressed(Query(groups=g))
        engine.unsuppressed(Query(groups=g, by="department"))
    start = time.perf_counter()
    overall = engine.results(Query())
    first = time.perf_counter() - start
    start = time.perf_counter()
    engine.results(Query(by="department"))
    drill = time.perf_counter() - start
    print(f"server seconds: first page {first:.1f}, department drill-down {drill:.1f}")
    table = shares_shown(engine)
    table["percent"] = (100 * table["shown"] / table["of"]).round(1)
    print("White and BME shares by pay band and department shown:")
    print(table.to_string())
    board = overall[overall["indicator"] == 9]
    print(f"indicator 9 rows shown: {int(board['value'].notna().sum())} of {len(board)}")
    if not args.no_audit:
        for by in DRILLS:
            print(f"counts 1-9 given back, overall + by {by}, three levels: "
                  f"{recovered(engine, by)}", flush=True)


if __name__ == "__main__":
    main()
