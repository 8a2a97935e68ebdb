"""Indicators 5 to 8 counted in one pass give the very tables the plain per-indicator
computation gives (kept here as the reference): same rows, order, types and notes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core import results
from wres_core.codes.ethnicity import BROAD_OF, WRES_OF
from wres_core.dataset import Dataset
from wres_core.indicators import survey
from wres_core.indicators._common import OVERALL, counts, dimensions, group_values
from wres_core.schema import BROAD_GROUPS, GROUP_COLUMN, SURVEY_ITEMS, WRES_GROUPS
from wres_core.stats import newcombe_ci, wilson_ci

WHITE = survey.WHITE

# --------------------------------------------------------------------------- reference
# The computation as it stood before the one-pass version: one count, sort, percent and
# merge per indicator. Slow (pandas overhead per indicator), plain to read.


def plain_counts(sub, groups, dims, group_list):
    cnt = counts(sub, groups=groups, dims=dims, flag=survey._HIT, group_list=group_list)
    if groups != "wres":
        ref = counts(sub, groups="wres", dims=dims, flag=survey._HIT, group_list=[WHITE])
        cnt = pd.concat([ref, cnt], ignore_index=True)
    cnt["_cell"] = survey._cell_positions(cnt)
    rank = {g: i for i, g in enumerate([WHITE, *group_list])}
    cnt["_group"] = cnt["group"].map(rank)
    return cnt.sort_values(["year", "_cell", "_group"], kind="stable").drop(columns="_group")


def plain_percent_rows(cnt, indicator, notes):
    k = cnt["k"].to_numpy(dtype=float)
    n = cnt["n"].to_numpy(dtype=float)
    low, high = wilson_ci(k, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(n > 0, 100.0 * k / n, np.nan)
    note = results.add_note(notes, pd.Series(n == 0, index=cnt.index), "no responses")
    return cnt.assign(indicator=indicator, measure=survey.PERCENT, numerator=cnt["k"],
                      denominator=cnt["n"], value=value, ci_low=100.0 * low,
                      ci_high=100.0 * high, note=note, _measure=0)


def plain_gap_rows(cnt, indicator, compared, note_for):
    key = ["year", "dimension", "level"]
    white = cnt.loc[cnt["group"] == WHITE, [*key, "k", "n"]]
    other = cnt.loc[cnt["group"].isin(compared)]
    if other.empty or white.empty:
        return pd.DataFrame()
    both = other.merge(white, on=key, suffixes=("", "_w"), how="inner")
    k1, n1 = both["k"].to_numpy(dtype=float), both["n"].to_numpy(dtype=float)
    k2, n2 = both["k_w"].to_numpy(dtype=float), both["n_w"].to_numpy(dtype=float)
    low, high = newcombe_ci(k1, n1, k2, n2)
    ok = (n1 > 0) & (n2 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(ok, 100.0 * (k1 / n1 - k2 / n2), np.nan)
    missing = [
        ", ".join(f"no {g} responses" for g, empty in ((grp, a == 0), (WHITE, b == 0)) if empty)
        for grp, a, b in zip(both["group"], n1, n2, strict=True)
    ]
    notes = pd.Series([note_for[int(y)] + (f"; {m}" if m else "")
                       for y, m in zip(both["year"], missing, strict=True)],
                      index=both.index, dtype="string")
    return both.assign(indicator=indicator, measure=survey.GAP, numerator=pd.NA,
                       denominator=pd.NA, value=value, ci_low=100.0 * low,
                       ci_high=100.0 * high, note=notes, _measure=1,
                       ).drop(columns=["k_w", "n_w"])


def plain_from_respondents(df, groups, by):
    dims = dimensions(df, by)
    if groups == "wres":
        group_list = list(WRES_GROUPS)
    else:
        group_list = [g for g in group_values(df, groups) if g != WHITE]
    compared = survey._compared(group_list, groups)
    note_for = {y: survey.source_note(s) for y, s in survey._survey_years(df).items()}
    needed = list(dict.fromkeys(["year", "count", GROUP_COLUMN[groups], GROUP_COLUMN["wres"],
                                 *(d for d in dims if d != OVERALL)]))
    parts, covered = [], set()
    for indicator in survey.INDICATORS:
        flags = survey._base_and_hits(df, indicator)
        if flags is None:
            continue
        base, hit = flags
        if not base.any():
            continue
        sub = df.loc[base, needed].assign(**{survey._HIT: hit[base]})
        cnt = plain_counts(sub, groups, dims, group_list)
        notes = pd.Series([note_for[int(y)] for y in cnt["year"]], index=cnt.index,
                          dtype="string")
        parts.append(plain_percent_rows(cnt, indicator, notes))
        parts.append(plain_gap_rows(cnt, indicator, compared, note_for))
        covered.update((int(y), indicator) for y in sub["year"].unique())
    return parts, covered


# --------------------------------------------------------------------------- data

# A few categories of each kind, with their broad and WRES groups from the code table.
CATEGORIES = {label: (BROAD_OF[label], WRES_OF[label]) for label in (
    "White - British", "White - Irish", "Mixed - White and Asian",
    "Asian or Asian British - Indian", "Black or Black British - African", "Unknown")}
ANSWER = st.sampled_from([True, False, None])


@st.composite
def survey_frames(draw) -> pd.DataFrame:
    """Respondents over one to three years, some with no group or department, items
    sometimes absent or all blank, departments as categories or as plain text."""
    n = draw(st.integers(1, 25))
    cats = draw(st.lists(st.sampled_from([*CATEGORIES, None]), min_size=n, max_size=n))
    wres = [CATEGORIES[c][1] if c else None for c in cats]
    if draw(st.booleans()):
        # WRES groups that disagree with the category or are missing, so that a cell can
        # lack its White reference row.
        wres = draw(st.lists(st.sampled_from([None, "White", "BME"]), min_size=n, max_size=n))
    years = draw(st.lists(st.sampled_from([2022, 2023, 2024]), min_size=n, max_size=n))
    depts = draw(st.lists(st.sampled_from(["Cardiology", "Estates", "Wards", None]),
                          min_size=n, max_size=n))
    df = pd.DataFrame({
        "year": np.array(years, dtype="int64"),
        "count": np.array(draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)),
                          dtype="int64"),
        "ethnic_category": pd.Categorical(cats, categories=list(CATEGORIES)),
        "broad_group": pd.Categorical([CATEGORIES[c][0] if c else None for c in cats],
                                      categories=list(BROAD_GROUPS)),
        "wres_group": pd.Categorical(wres, categories=list(WRES_GROUPS)),
        "department": (pd.Categorical(depts) if draw(st.booleans())
                       else pd.Series(depts, dtype=object)),
    })
    if draw(st.booleans()):
        df["survey_year"] = df["year"] - 1
    for item in SURVEY_ITEMS:
        if draw(st.integers(0, 5)) == 0:
            continue  # the item is absent
        answers = draw(st.lists(ANSWER, min_size=n, max_size=n))
        df[item] = pd.array(answers, dtype="boolean")
    return df


def summary_frame(years: list[int]) -> pd.DataFrame:
    rows = [(y, i, g, p, r) for y in years for i in survey.INDICATORS
            for g, p, r in (("White", 20.5, 300), ("BME", 31.0, 90), ("Unknown", None, 4))]
    return pd.DataFrame({
        "year": [r[0] for r in rows], "survey_year": [r[0] - 1 for r in rows],
        "indicator": [r[1] for r in rows], "group": [r[2] for r in rows],
        "percent": [r[3] for r in rows], "responses": [r[4] for r in rows],
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    survey_frames(),
    st.sampled_from(["wres", "broad", "category"]),
    st.sampled_from([None, "department", ["department", "staff_group"], ["year", "department"]]),
    st.booleans(),
)
def test_one_pass_equals_per_indicator_reference(df, groups, by, with_summary):
    frames = {"survey": df}
    if with_summary:
        frames["survey_summary"] = summary_frame([2023, 2024, 2025])
    data = Dataset(frames=frames)
    got = survey.survey_indicators(data, groups=groups, by=by)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(survey, "_from_respondents", plain_from_respondents)
        want = survey.survey_indicators(data, groups=groups, by=by)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
