"""Indicators 2, 3 and 4 against the pandas implementation their numpy one replaced.

``likelihood.py`` once built every step as a DataFrame (merges, group-bys, sorts, then
``results.frame``); it now works on arrays and builds the results table once, for speed.
The old version is kept below, as plain as it was, as the reference: on any data the two
must give the same table, row for row and type for type.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core import loader, results
from wres_core.codes.ethnicity import BROAD_OF, WRES_OF
from wres_core.dataset import Dataset
from wres_core.indicators import disciplinary, likelihood, recruitment, training
from wres_core.indicators._common import (
    counts,
    dimensions,
    first_seen,
    group_values,
)
from wres_core.indicators.likelihood import (
    CELL,
    CELL_COLUMNS,
    KEY,
    REFERENCE,
    ROW_COLUMNS,
    UNKNOWN,
    Direction,
    _join,
    check_groups,
    covered_years,
    shared_dimensions,
)
from wres_core.sample import generate, to_csv_bytes
from wres_core.schema import BROAD_GROUPS, WRES_GROUPS
from wres_core.stats import katz_ci, ratio, wilson_ci

# --------------------------------------------------------------------------- the reference


def ref_first_seen(df: pd.DataFrame, cols: list[str]) -> np.ndarray:
    """Each row's key numbered in order of first appearance, by a dict of tuples."""
    rank: dict = {}
    return np.array([rank.setdefault(k, len(rank))
                     for k in zip(*(df[c].tolist() for c in cols), strict=True)], dtype=np.int64)


def ref_per_distinct(fn, columns: dict) -> list:
    """``fn(**row)`` for every row, one call per row."""
    names = list(columns)
    return [fn(**dict(zip(names, row, strict=True)))
            for row in zip(*(list(v) for v in columns.values()), strict=True)]


def ref_empty_cells() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("year", "k", "n") else "str")
                         for c in CELL_COLUMNS})


def ref_tidy(cnt: pd.DataFrame) -> pd.DataFrame:
    out = cnt.reset_index(drop=True)
    for col in ("year", "k", "n"):
        out[col] = out[col].astype("int64")
    for col in ("dimension", "level", "group"):
        out[col] = out[col].astype("str")
    out["note"] = pd.Series("", index=out.index, dtype="str")
    return out[CELL_COLUMNS]


def ref_with_reference(count, groups, present):
    if groups == "wres":
        cnt = count("wres", list(WRES_GROUPS))
        return ref_tidy(cnt) if len(cnt) else ref_empty_cells()
    parts = [count("wres", [REFERENCE])]
    own = [g for g in present if g != REFERENCE]
    if own:
        parts.append(count(groups, own))
    parts = [p.assign(_part=i) for i, p in enumerate(parts) if len(p)]
    if not parts:
        return ref_empty_cells()
    cnt = pd.concat(parts, ignore_index=True)
    cnt["_cell"] = ref_first_seen(cnt, CELL)
    cnt["_row"] = np.arange(len(cnt))
    cnt = cnt.sort_values(["_cell", "_part", "_row"])
    return ref_tidy(cnt)


def ref_flag_counts(df, flag, *, groups, dims):
    def count(level, group_list):
        return counts(df, groups=level, dims=dims, flag=flag, group_list=group_list)

    return ref_with_reference(count, groups, group_values(df, groups))


def ref_paired_counts(events, base, *, groups, dims):
    base_years = set(base["year"].astype("int64").unique())

    def count(level, group_list):
        n = counts(base, groups=level, dims=dims, group_list=group_list).assign(k=0)
        k = counts(events, groups=level, dims=dims, group_list=group_list)
        k = k.rename(columns={"n": "k"}).assign(n=0)
        parts = [p for p in (n, k) if len(p)]
        if not parts:
            return n
        both = pd.concat(parts, ignore_index=True)
        both = both[both["year"].astype("int64").isin(base_years)]
        return both.groupby(KEY, sort=False, as_index=False)[["k", "n"]].sum()

    present: list = []
    for df in (base, events):
        present.extend(g for g in group_values(df, groups) if g not in present)
    return ref_with_reference(count, groups, present)


def ref_note_cells(cnt, mask, text):
    return cnt.assign(note=results.add_note(cnt["note"], mask, text))


def ref_likelihood_rows(cnt, *, indicator, measure, wording):
    k = cnt["k"].to_numpy(dtype=float)
    n = cnt["n"].to_numpy(dtype=float)
    ok = n > 0
    value = np.divide(k, n, out=np.full(len(k), np.nan), where=ok)
    low, high = wilson_ci(k, n)
    notes = ref_per_distinct(
        lambda cell_note, g, empty, surplus: _join(
            cell_note, wording.none_in_base(g) if empty else "",
            wording.surplus if surplus else ""),
        {"cell_note": cnt["note"], "g": cnt["group"], "empty": n == 0,
         "surplus": (n > 0) & (k > n)})
    return pd.DataFrame({
        "year": cnt["year"].to_numpy(), "indicator": indicator, "measure": measure,
        "group": cnt["group"].to_numpy(), "dimension": cnt["dimension"].to_numpy(),
        "level": cnt["level"].to_numpy(), "numerator": k, "denominator": n, "value": value,
        "ci_low": np.where(ok, low, np.nan), "ci_high": np.where(ok, high, np.nan),
        "note": notes,
    })


def ref_relative_rows(cnt, *, indicator, measure, groups, direction, wording):
    if groups == "wres":
        compared = ["BME"]
    else:
        compared = [g for g in dict.fromkeys(cnt["group"]) if g not in (REFERENCE, UNKNOWN)]
    ref = cnt.loc[cnt["group"] == REFERENCE, [*CELL, "k", "n"]]
    ref = ref.rename(columns={"k": "k_ref", "n": "n_ref"})
    rows = cnt[cnt["group"].isin(compared)].merge(ref, on=CELL, how="left", validate="m:1")
    if rows.empty:
        return pd.DataFrame(columns=ROW_COLUMNS)
    kg, ng = rows["k"].to_numpy(float), rows["n"].to_numpy(float)
    kr = rows["k_ref"].fillna(0).to_numpy(float)
    nr = rows["n_ref"].fillna(0).to_numpy(float)
    if direction is Direction.WHITE_OVER:
        a, n1, c, n2 = kr, nr, kg, ng
    else:
        a, n1, c, n2 = kg, ng, kr, nr
    value = np.asarray(ratio(a, n1, c, n2), dtype=float)
    low, high, corrected = katz_ci(a, n1, c, n2)
    ok = np.isfinite(value)
    low = np.where(ok, np.minimum(low, value), np.nan)
    high = np.where(ok, np.maximum(high, value), np.nan)

    def note(cell_note, g, no_g, no_ref, no_below, surplus, haldane):
        below = g if direction is Direction.WHITE_OVER else REFERENCE
        missing = [wording.none_in_base(x) for x, empty in ((g, no_g), (REFERENCE, no_ref))
                   if empty]
        why = ""
        if missing:
            why = _join(*missing)
        elif no_below:
            why = f"{wording.none_with_event(below)}, so the relative likelihood cannot be computed"
        if surplus:
            why = wording.surplus
        return _join(cell_note, why, likelihood.HALDANE_NOTE if haldane else "")

    notes = ref_per_distinct(note, {
        "cell_note": rows["note"], "g": rows["group"], "no_g": ng == 0, "no_ref": nr == 0,
        "no_below": c == 0, "surplus": ok & ~np.isfinite(low), "haldane": ok & corrected})
    return pd.DataFrame({
        "year": rows["year"].to_numpy(), "indicator": indicator, "measure": measure,
        "group": rows["group"].to_numpy(), "dimension": rows["dimension"].to_numpy(),
        "level": rows["level"].to_numpy(), "numerator": np.nan, "denominator": np.nan,
        "value": value, "ci_low": low, "ci_high": high, "note": notes,
    })


def ref_assemble(parts):
    parts = [p.assign(_measure=i) for i, p in enumerate(parts) if len(p)]
    if not parts:
        return results.empty()
    rows = pd.concat(parts, ignore_index=True)
    rows["_cell"] = ref_first_seen(rows, ["dimension", "level"])
    rows["_row"] = np.arange(len(rows))
    rows = rows.sort_values(["year", "_cell", "_measure", "_row"])
    return results.frame(rows.drop(columns=["_measure", "_cell", "_row"]))


def ref_headcount_cells(events, base, *, groups, by, no_events_note):
    dims = shared_dimensions(base, events, by)
    cnt = ref_paired_counts(events, base, groups=groups, dims=dims)
    event_years = set(events["year"].astype("int64").unique())
    for year in sorted(set(cnt["year"].unique()) - event_years):
        cnt = ref_note_cells(cnt, cnt["year"] == year, no_events_note.format(year=year))
    return cnt


def ref_pool_two_years(cnt, covered):
    prev = cnt[[*KEY, "k", "n"]].assign(year=cnt["year"] + 1)
    prev = prev.rename(columns={"k": "k_prev", "n": "n_prev"})
    out = cnt.merge(prev, on=KEY, how="left", validate="1:1")
    pooled = (out["year"] - 1).isin(covered)
    for col in ("k", "n"):
        extra = out[f"{col}_prev"].fillna(0).astype("int64")
        out[col] = out[col] + extra.where(pooled, 0)
    out = out.drop(columns=["k_prev", "n_prev"])
    for year in sorted(set(out.loc[~pooled, "year"])):
        out = ref_note_cells(out, out["year"] == year,
                             disciplinary.SINGLE_YEAR_NOTE.format(year=year - 1))
    return out


def ref_prepare(df):
    shortlisted = (df["shortlisted"].fillna(True).astype(bool) if "shortlisted" in df.columns
                   else pd.Series(True, index=df.index))
    out = df.assign(shortlisted=shortlisted, appointed=df["appointed"].fillna(False).astype(bool))
    if "internal" in out.columns:
        flag = out["internal"].astype("boolean")
        levels = list(recruitment.INTERNAL_LEVELS.values())
        codes = np.where(flag.isna().to_numpy(), -1,
                         np.where(flag.fillna(False).to_numpy(dtype=bool), 0, 1))
        out["internal"] = pd.Categorical.from_codes(codes, categories=levels)
    return out


def ref_indicator_2(data, *, groups="wres", by=None):
    check_groups(groups)
    raw = data.get("recruitment")
    if raw is None or raw.empty:
        return results.empty()
    df = ref_prepare(raw)
    dims = dimensions(df, by)
    wording = {"groups": groups, "direction": Direction.WHITE_OVER}
    short = ref_flag_counts(df[df["shortlisted"]], "appointed", groups=groups, dims=dims)
    parts = [
        ref_likelihood_rows(short, indicator=2, measure="likelihood",
                            wording=recruitment.APPOINTED),
        ref_relative_rows(short, indicator=2, measure="relative_likelihood",
                          wording=recruitment.APPOINTED, **wording),
    ]
    stage_years = df.loc[~df["shortlisted"], "year"].unique()
    if len(stage_years):
        applied = ref_flag_counts(df[df["year"].isin(stage_years)], "shortlisted",
                                  groups=groups, dims=dims)
        parts += [
            ref_likelihood_rows(applied, indicator=2, measure="likelihood_shortlisted",
                                wording=recruitment.SHORTLISTED),
            ref_relative_rows(applied, indicator=2, measure="relative_likelihood_shortlisted",
                              wording=recruitment.SHORTLISTED, **wording),
        ]
    return ref_assemble(parts)


def ref_indicator_3(data, *, groups="wres", by=None):
    check_groups(groups)
    cases, staff = data.get("disciplinary"), data.get("workforce")
    if cases is None or staff is None or cases.empty or staff.empty:
        return results.empty()
    single = ref_headcount_cells(cases, staff, groups=groups, by=by,
                                 no_events_note=disciplinary.NO_CASES_NOTE)
    pooled = ref_pool_two_years(single, covered_years(cases, staff))
    common = {"indicator": 3, "wording": disciplinary.CASES}
    rel = {"groups": groups, "direction": Direction.OVER_WHITE}
    return ref_assemble([
        ref_likelihood_rows(single, measure="likelihood", **common),
        ref_relative_rows(single, measure="relative_likelihood_1y", **common, **rel),
        ref_likelihood_rows(pooled, measure="likelihood_2y", **common),
        ref_relative_rows(pooled, measure="relative_likelihood", **common, **rel),
    ])


def ref_indicator_4(data, *, groups="wres", by=None):
    check_groups(groups)
    trained, staff = data.get("training"), data.get("workforce")
    if trained is None or staff is None or trained.empty or staff.empty:
        return results.empty()
    cells = ref_headcount_cells(trained, staff, groups=groups, by=by,
                                no_events_note=training.NO_TRAINING_NOTE)
    return ref_assemble([
        ref_likelihood_rows(cells, indicator=4, measure="likelihood", wording=training.TRAINED),
        ref_relative_rows(cells, indicator=4, measure="relative_likelihood", groups=groups,
                          direction=Direction.WHITE_OVER, wording=training.TRAINED),
    ])


# --------------------------------------------------------------------------- random data

# A few categories of each kind, with their broad and WRES groups from the code table.
CATEGORIES = {label: (BROAD_OF[label], WRES_OF[label]) for label in (
    "White - British", "White - Irish", "Mixed - White and Asian",
    "Asian or Asian British - Indian", "Black or Black British - African", "Unknown")}
DEPARTMENTS = ["Theatres", "Cardiology", "Estates"]
BANDS = ["Band 2", "Band 5", "Band 8a"]


@st.composite
def frames(draw, kind: str, years: list[int]) -> pd.DataFrame:
    """A small tidy frame: few years, groups and departments, so that cells are often empty,
    zero or missing; weights from 0; now and then no ethnicity or no department."""
    size = draw(st.integers(0, 25))
    rows = draw(st.lists(st.tuples(
        st.sampled_from(years),
        st.sampled_from([*CATEGORIES, None]),
        st.sampled_from([*DEPARTMENTS, None]),
        st.sampled_from(BANDS),
        st.integers(0, 3),
        st.sampled_from([True, False, None]),
        st.sampled_from([True, False, None]),
        st.booleans(),
    ), min_size=size, max_size=size))
    raw = pd.DataFrame(rows, columns=["year", "cat", "dept", "band", "count", "a", "b", "c"])
    cat, dept, band = ([v if isinstance(v, str) else None for v in raw[c]]
                       for c in ("cat", "dept", "band"))
    df = pd.DataFrame({"year": raw["year"].astype("int64"), "org": "",
                       "count": raw["count"].astype("int64")})
    df["org"] = pd.Categorical(df["org"])
    df["ethnic_category"] = pd.Categorical(cat, categories=list(CATEGORIES))
    df["broad_group"] = pd.Categorical(
        [CATEGORIES[c][0] if c else None for c in cat], categories=list(BROAD_GROUPS))
    df["wres_group"] = pd.Categorical(
        [CATEGORIES[c][1] if c else "Unknown" for c in cat], categories=list(WRES_GROUPS))
    df["department"] = pd.Categorical(dept, categories=DEPARTMENTS)
    df["pay_band"] = pd.Categorical(band, categories=BANDS)
    if kind == "recruitment":
        df["shortlisted"] = pd.array([r[5] for r in rows], dtype="boolean")
        df["appointed"] = pd.array([r[7] for r in rows], dtype=bool)
        df["internal"] = pd.array([r[6] for r in rows], dtype="boolean")
    return df


@st.composite
def datasets(draw) -> Dataset:
    # Mostly years in common, so that figures pool across two years.
    years = draw(st.lists(st.sampled_from([2022, 2023, 2024, 2025]), min_size=1, max_size=3,
                          unique=True))
    fr = {}
    for kind in ("workforce", "recruitment", "disciplinary", "training"):
        own = draw(st.lists(st.sampled_from([*years, 2021]), min_size=1, max_size=3,
                            unique=True)) if draw(st.integers(0, 4)) == 0 else years
        fr[kind] = draw(frames(kind, own))
        if kind in ("disciplinary", "training") and draw(st.booleans()):
            fr[kind] = fr[kind].drop(columns=["department"])  # a drill-down they lack
    return Dataset(frames=fr)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=datasets(), groups=st.sampled_from(["wres", "broad", "category"]),
       by=st.sampled_from([None, "department", "pay_band", "internal",
                           ("department", "pay_band")]))
def test_indicators_2_3_4_match_the_pandas_reference(data, groups, by):
    for new, old in ((recruitment.indicator_2, ref_indicator_2),
                     (disciplinary.indicator_3, ref_indicator_3),
                     (training.indicator_4, ref_indicator_4)):
        pd.testing.assert_frame_equal(new(data, groups=groups, by=by),
                                      old(data, groups=groups, by=by), check_exact=True)


@pytest.mark.parametrize("groups", ["wres", "broad", "category"])
@pytest.mark.parametrize("by", [None, "department", ("department", "pay_band", "internal")])
def test_sample_data_matches_the_pandas_reference(groups, by):
    data = loader.load([(n, to_csv_bytes(f)) for n, f in generate(seed=3, n_staff=300).items()])
    for new, old in ((recruitment.indicator_2, ref_indicator_2),
                     (disciplinary.indicator_3, ref_indicator_3),
                     (training.indicator_4, ref_indicator_4)):
        pd.testing.assert_frame_equal(new(data, groups=groups, by=by),
                                      old(data, groups=groups, by=by), check_exact=True)


# --------------------------------------------------------------------------- the helpers

TEXT = st.sampled_from(["", "a", "b", "a; b", "no BME staff"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.integers(2020, 2026), st.integers(-10**12, 10**12)),
                          TEXT, st.booleans(), st.one_of(TEXT, st.none())), max_size=40))
def test_first_seen_ranks_keys_as_a_dict_of_tuples_does(rows):
    df = pd.DataFrame(rows, columns=["y", "a", "f", "b"])
    if df.empty:
        return
    got = first_seen(df["y"].to_numpy(), df["a"].to_numpy(dtype=object),
                     df["f"].to_numpy(dtype=bool), df["b"].astype("string"))
    np.testing.assert_array_equal(got, ref_first_seen(df, ["y", "a", "f", "b"]))


FIGURE = st.sampled_from([0.0, 0.25, 1.0, 3.2074, np.nan, np.inf, -np.inf])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(2020, 2026), st.integers(2, 4), TEXT, TEXT, TEXT, TEXT,
                          FIGURE, FIGURE, FIGURE, FIGURE, FIGURE, TEXT), min_size=1,
                max_size=30))
def test_results_table_is_results_frame(rows):
    columns = {c: np.array(v, dtype=object if c in ("measure", "group", "dimension", "level",
                                                     "note") else None)
               for c, v in zip(ROW_COLUMNS, zip(*rows, strict=True), strict=True)}
    pd.testing.assert_frame_equal(likelihood.results_table(columns),
                                  results.frame(pd.DataFrame(columns)), check_exact=True)
