"""The measured work, one task per fresh process (``benchmarks/run.py`` starts them and reads
the child's peak memory from the operating system).

    python -m benchmarks.measure duckdb FOLDER OUT.csv     the SQL figures, written as CSV
    python -m benchmarks.measure dashboard FOLDER          what the dashboard's server does
    python -m benchmarks.measure pay FOLDER                the pay gap step alone

The ``wres indicators`` run needs no task here: run.py calls the command itself.
Each task prints one JSON object (its own timings, in seconds) as its last line.
"""

from __future__ import annotations

import json
import signal
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path


def duckdb_task(folder: str, out: str) -> dict:
    from benchmarks.duckdb_sql import compute

    start = time.perf_counter()
    table = compute(folder)
    table.to_csv(out, index=False)
    return {"seconds": time.perf_counter() - start, "rows": len(table)}


def _page(engine, query) -> None:
    """The server's work for the overview page, in the page's order (pages/overview.py),
    which every filter change reruns: with several organisations and none filtered on, the
    organisation drill-down first (the overall table is cut from it), then the change since
    the first year, the results table and the change on the year before for the cards, and
    the publication-safe organisation ranking."""
    ranks = len(engine.data.orgs) > 1 and not any(c == "org" for c, _ in query.where)
    if ranks:
        engine.unsuppressed(replace(query, by="org"))
    years = engine.data.years
    if len(years) > 2:
        engine.changes(query, since=years[0])
    engine.results(query)
    engine.changes(query)
    if ranks:
        engine.results(replace(query, by="org"))


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


SAFE_DRILL_LIMIT = 300


class _TooLong(Exception):
    pass


def _within(seconds: int, fn) -> float | None:
    """Seconds ``fn`` took, or None when it was stopped after ``seconds``."""
    def stop(signum, frame):
        raise _TooLong

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return _timed(fn)
    except _TooLong:
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def dashboard_task(folder: str, safe_limit: str = str(SAFE_DRILL_LIMIT)) -> dict:
    """Load once (as ``st.cache_resource`` does), draw the first page, then change filters:
    each new filter is a new Query (a cache miss), and going back to it is a cache hit."""
    from wres_core.api import Engine, Query

    out: dict = {}
    start = time.perf_counter()
    engine = Engine.from_inputs([folder])
    out["load"] = time.perf_counter() - start
    first = Query()  # the dashboard's default: publication-safe, White/BME/Unknown
    out["first_page"] = _timed(lambda: _page(engine, first))

    wf = engine.data.frames["workforce"]
    dept = str(wf["department"].value_counts().index[len(wf["department"].cat.categories) // 2])
    filters = [
        (("pay_band", ("Band 5",)),),
        (("clinical", ("Clinical",)),),
        (("department", (dept,)),),
        (("staff_group", ("Nursing and Midwifery Registered",)),),
    ]
    orgs = engine.data.orgs
    if len(orgs) > 1:
        filters.append((("org", (orgs[len(orgs) // 2],)),))
    misses = [_timed(lambda w=w: _page(engine, replace(first, where=w))) for w in filters]
    hits = [_timed(lambda w=w: _page(engine, replace(first, where=w))) for w in filters]
    out["filter_miss_median"] = statistics.median(misses)
    out["filter_miss_max"] = max(misses)
    out["filter_hit_median"] = statistics.median(hits)
    out["filter_hit_max"] = max(hits)
    out["filters"] = [list(map(list, w)) for w in filters]
    out["filter_misses"] = misses
    # The workforce page's department table: a drill-down over every department, computed
    # (unsuppressed), then made publication-safe (secondary suppression over every
    # department, which can take very long: given up after SAFE_DRILL_LIMIT seconds).
    out["drill_department_raw"] = _timed(
        lambda: engine.unsuppressed(replace(first, by="department")))
    out["safe_limit"] = int(safe_limit)
    out["drill_department"] = _within(int(safe_limit),
                                      lambda: engine.results(replace(first, by="department")))
    if len(orgs) > 1:
        out.update(_organisations(engine, first, orgs))
    out["result_rows_first_page"] = len(engine.results(first))
    return out


def _organisations(engine, first, orgs: list[str]) -> dict:
    """Organisation as a drill-down and as a filter, and a check that they agree: the org's
    row of the drill-down gives the same headcounts as the whole table filtered to it."""
    from wres_core.api import Query

    out = {}
    by_org = Query(by="org", suppress=0)
    out["drill_org"] = _timed(lambda: engine.results(by_org))
    table = engine.results(by_org)
    one = orgs[-1]
    out["filter_org"] = _timed(lambda: engine.results(Query(where=(("org", (one,)),),
                                                           suppress=0)))
    mine = engine.results(Query(where=(("org", (one,)),), suppress=0))
    key = ["year", "indicator", "measure", "group"]
    a = table[(table["dimension"] == "org") & (table["level"] == one)].set_index(key)
    b = mine[mine["dimension"] == "overall"].set_index(key)
    common = a.index.intersection(b.index)
    same = (a.loc[common, ["numerator", "denominator"]].fillna(-1)
            == b.loc[common, ["numerator", "denominator"]].fillna(-1)).all().all()
    levels = table.loc[table["dimension"] == "org", "level"].nunique()
    out["org_check"] = {"orgs_in_drill_down": int(levels), "orgs_loaded": len(orgs),
                        "figures_compared": int(len(common)), "filter_equals_drill": bool(same)}
    return out


def pay_task(folder: str, repeat: str = "2") -> dict:
    """What the pay gap (``wres_core.indicators.pay``) adds to ``wres indicators``: its step
    timed alone on the workforce files (the only ones it reads), overall and by department
    (the command's ``--by department`` computes both), best of ``repeat``."""
    from wres_core.indicators.pay import pay_gaps
    from wres_core.loader import load

    data = load(sorted(str(p) for p in Path(folder).glob("workforce_*.parquet")))
    out: dict = {"rows": len(data.frames["workforce"])}
    for name, by in (("pay_overall", None), ("pay_department", "department")):
        out[name] = min(_timed(lambda by=by: pay_gaps(data, by=by)) for _ in range(int(repeat)))
    return out


def main(argv: list[str]) -> None:
    task, *args = argv
    result = {"duckdb": duckdb_task, "dashboard": dashboard_task, "pay": pay_task}[task](*args)
    print(json.dumps(result))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main(sys.argv[1:])
