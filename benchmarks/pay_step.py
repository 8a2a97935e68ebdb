"""How long the pay gap step takes at a scale: the workforce snapshots of
``benchmarks.generate`` (with their ``hourly_pay``), loaded through the loader from Parquet,
then ``wres_core.indicators.pay.pay_gaps`` timed overall and with each drill-down, at each
group level.

    python -m benchmarks.pay_step national     # about 4.2 million staff rows over 3 years
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import generate as g
from wres_core.indicators.pay import pay_gaps
from wres_core.loader import load


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", choices=sorted(g.SCALES), nargs="?", default="national")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    scale = g.SCALES[args.scale]
    started = time.perf_counter()
    rng = np.random.default_rng(scale.seed)
    st = g.structure(scale, rng)
    staffs = g.snapshots(scale, rng, st)
    with tempfile.TemporaryDirectory() as tmp:
        for year, staff in zip(g.YEARS, staffs, strict=True):
            g._write(g.workforce(st, staff, year, scale), Path(tmp) / f"workforce_{year}.parquet")
        made = time.perf_counter()
        data = load([tmp])
    loaded = time.perf_counter()
    rows = len(data.frames["workforce"])
    print(f"{args.scale}: {rows:,} workforce rows; generated in {made - started:.1f} s, "
          f"loaded in {loaded - made:.1f} s")
    for groups in ("wres", "broad", "category"):
        for by in (None, "pay_band", "department"):
            best = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                table = pay_gaps(data, groups=groups, by=by)
                best = min(best, time.perf_counter() - t0)
            print(f"  pay_gaps(groups={groups!r}, by={by!r}): {best:.2f} s, "
                  f"{len(table):,} rows")


if __name__ == "__main__":
    main()
