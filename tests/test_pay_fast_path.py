"""The pay gap's fast path (people tallied in runs of one pay, never one by one) gives the
figures of a plain person-by-person reference, kept here (as tests/test_fast_paths.py does
for the indicators): means, medians and their intervals, and the quarters with ties across
a boundary shared out, for rows that each count one or several people."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.dataset import Dataset
from wres_core.indicators.pay import QUARTERS, pay_gaps, quarter_sizes, quartile_counts
from wres_core.pay_stats import gap_interval, median_ranks
from wres_core.schema import BROAD_GROUPS, WRES_GROUPS
from wres_core.stats import Z95

CATEGORIES = ("White - British", "White - Irish", "Asian or Asian British - Indian",
              "Black or Black British - African", "Unknown")
BROAD = ("White", "White", "Asian", "Black", "Unknown")
WRES = {"White": "White", "Asian": "BME", "Black": "BME", "Unknown": "Unknown"}
PAYS = (9.5, 11.25, 12.0, 14.75, 20.0, 31.5)

# (year, category, pay, band, people on the row)
people = st.lists(st.tuples(st.sampled_from([2024, 2025]), st.integers(0, 4),
                            st.sampled_from(PAYS), st.integers(0, 1), st.integers(1, 3)),
                  min_size=1, max_size=40)


def _frame(rows) -> Dataset:
    return Dataset(frames={"workforce": pd.DataFrame({
        "year": np.array([r[0] for r in rows], dtype=np.int64),
        "org": "",
        "count": np.array([r[4] for r in rows], dtype=np.int64),
        "ethnic_category": pd.Categorical([CATEGORIES[r[1]] for r in rows],
                                          categories=CATEGORIES),
        "broad_group": pd.Categorical([BROAD[r[1]] for r in rows], categories=BROAD_GROUPS),
        "wres_group": pd.Categorical([WRES[BROAD[r[1]]] for r in rows], categories=WRES_GROUPS),
        "pay_band": pd.Categorical([f"Band {5 + r[3]}" for r in rows]),
        "hourly_pay": np.array([r[2] for r in rows], dtype=float),
    })})


def _persons(rows):
    """One (year, category, pay, band) per person."""
    return [(y, c, p, b) for y, c, p, b, n in rows for _ in range(n)]


def _group_of(c: int, groups: str) -> str:
    return {"wres": WRES[BROAD[c]], "broad": BROAD[c], "category": CATEGORIES[c]}[groups]


# --- The plain reference ----------------------------------------------------------------------

def _plain_figures(pays: list[float]) -> dict[str, float]:
    """Mean, median and their standard errors of one group's pays, person by person."""
    x = sorted(pays)
    n = len(x)
    out = {"n": n, "mean": statistics.fmean(x) if n else math.nan,
           "median": statistics.median(x) if n else math.nan}
    out["mean_se"] = statistics.stdev(x) / math.sqrt(n) if n >= 2 else math.nan
    c, upper = (int(v[0]) for v in median_ranks(np.array([n])))
    out["median_se"] = (x[upper - 1] - x[c - 1]) / (2 * Z95) if n >= 2 else math.nan
    return out


def _plain_gaps(rows, groups: str) -> dict[tuple, tuple]:
    persons = _persons(rows)
    out = {}
    for year in sorted({p[0] for p in persons}):
        for dim, level_of in (("overall", lambda b: "All"),
                              ("pay_band", lambda b: f"Band {5 + b}")):
            for level in sorted({level_of(p[3]) for p in persons if p[0] == year}):
                mine = [p for p in persons if p[0] == year and level_of(p[3]) == level]
                ref = _plain_figures([p[2] for p in mine if WRES[BROAD[p[1]]] == "White"])
                names = {_group_of(p[1], groups) for p in persons}  # groups loaded
                for g in names - {"White", "Unknown"}:
                    grp = _plain_figures([p[2] for p in mine if _group_of(p[1], groups) == g])
                    for measure, fig in (("mean_gap", "mean"), ("median_gap", "median")):
                        gap, low, high = gap_interval(
                            np.array([grp[fig]]), np.array([ref[fig]]),
                            np.array([grp[f"{fig}_se"]]), np.array([ref[f"{fig}_se"]]))
                        out[(year, measure, g, dim, level)] = (
                            ref["n"], grp["n"], float(gap[0]), float(low[0]), float(high[0]))
    return out


def _plain_apportion(seats: int, pool: list[int]) -> list[int]:
    total = sum(pool)
    if seats >= total:
        return list(pool)
    share = [p * seats / total for p in pool]
    take = [math.floor(s) for s in share]
    for i in sorted(range(len(pool)), key=lambda i: (-(share[i] - take[i]), i))[
            :seats - sum(take)]:
        take[i] += 1
    return take


def _plain_quarters(persons: list[tuple[int, float]], n_cats: int) -> list[list[int]]:
    """People of each category in each quarter: ranked one by one; a run of one pay across
    a boundary shared out by largest remainders, quarter by quarter."""
    ranked = sorted(persons, key=lambda p: p[1])
    ends = np.cumsum(quarter_sizes(np.array([len(ranked)]))[0]).tolist()
    quarter = [sum(i >= e for e in ends[:3]) for i in range(len(ranked))]
    out = [[0] * n_cats for _ in range(4)]
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][1] == ranked[i][1]:
            j += 1
        left = [sum(1 for c, _ in ranked[i:j] if c == k) for k in range(n_cats)]
        for q in range(4):
            seats = sum(1 for r in range(i, j) if quarter[r] == q)
            if seats:
                take = _plain_apportion(seats, left)
                out[q] = [a + b for a, b in zip(out[q], take, strict=True)]
                left = [a - b for a, b in zip(left, take, strict=True)]
        i = j
    return out


# --- The fast path against it -----------------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(people, st.sampled_from(["wres", "broad", "category"]))
def test_gaps_match_the_person_by_person_reference(rows, groups):
    t = pay_gaps(_frame(rows), groups=groups, by="pay_band")
    t = t[t["measure"].isin(["mean_gap", "median_gap"])]
    want = _plain_gaps(rows, groups)
    got = {(r.year, r.measure, r.group, r.dimension, r.level):
           (r.numerator, r.denominator, r.value, r.ci_low, r.ci_high) for r in t.itertuples()}
    assert set(got) == set(want)
    for key, (n_r, n_g, *figs) in want.items():
        g_r, g_g, *g_figs = (math.nan if pd.isna(v) else float(v) for v in got[key])
        assert (g_r, g_g) == (n_r, n_g), key
        np.testing.assert_allclose(g_figs, figs, rtol=1e-9, atol=1e-9, equal_nan=True,
                                   err_msg=str(key))


@settings(max_examples=80, deadline=None)
@given(people, st.sampled_from(["wres", "broad", "category"]))
def test_quarters_match_the_person_by_person_reference(rows, groups):
    t = pay_gaps(_frame(rows), groups=groups)
    t = t[(t["measure"] == "quartile_share") & (t["dimension"] == "pay_quartile")]
    persons = _persons(rows)
    for year in sorted({p[0] for p in persons}):
        by_cat = _plain_quarters([(c, p) for y, c, p, _ in persons if y == year],
                                 len(CATEGORIES))
        for q, name in enumerate(QUARTERS):
            want: dict[str, int] = {}
            for c, k in enumerate(by_cat[q]):
                want[_group_of(c, groups)] = want.get(_group_of(c, groups), 0) + k
            mine = t[(t["year"] == year) & (t["level"] == name)]
            # Rows for the groups loaded; a group not loaded has no one in any quarter.
            assert dict(zip(mine["group"], mine["numerator"], strict=True)) == {
                g: k for g, k in want.items() if g in set(mine["group"]) or k}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), st.sampled_from(PAYS),
                          st.integers(0, 3)), min_size=1, max_size=50))
def test_quartile_counts_of_weighted_rows_match_the_rows_repeated(rows):
    cell, group, pay, weight = (np.array(v) for v in zip(*rows, strict=True))
    got = quartile_counts(cell, group, pay.astype(float), 3, 4, weight)
    for k in range(3):
        persons = [(g, p) for c, g, p, w in rows if c == k for _ in range(w)]
        assert got[k].tolist() == _plain_quarters(persons, 4)
