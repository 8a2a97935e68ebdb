"""Indicators 5 to 8: NHS Staff Survey percentages by ethnic group, and the BME-White gap."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wres_core import results
from wres_core.dataset import Dataset
from wres_core.indicators._common import (
    ALL,
    OVERALL,
    counts,
    dimensions,
    first_seen,
    group_values,
    per_distinct,
    sorted_codes,
)
from wres_core.schema import BROAD_GROUPS, GROUP_COLUMN, GROUP_LEVELS, WRES_GROUPS
from wres_core.stats import newcombe_ci, wilson_ci

INDICATORS = (5, 6, 7, 8)

# The items feeding each indicator (data contract §4). Indicator 6 pools two items.
INDICATOR_ITEMS: dict[int, tuple[str, ...]] = {
    5: ("harassment_public",),
    6: ("harassment_manager", "harassment_colleague"),
    7: ("equal_opportunities",),
    8: ("discrimination_staff",),
}

PERCENT = "percent"
GAP = "gap"
WHITE = "White"
BME = "BME"
UNKNOWN = "Unknown"

SUMMARY_NOTE = "from published summary"

_HIT = "_hit"  # working column: the respondent counts towards the numerator

# Per indicator: who is in its base, and who counts towards its numerator (row masks).
Flags = dict[int, tuple[np.ndarray, np.ndarray]]


def source_note(survey_year: int) -> str:
    """The note every survey row carries: which survey the figure came from.

    >>> source_note(2023)
    'NHS Staff Survey 2023'
    """
    return f"NHS Staff Survey {int(survey_year)}"


def _check_groups(groups: str) -> None:
    if groups not in GROUP_LEVELS:
        raise ValueError(f"groups must be one of {', '.join(GROUP_LEVELS)}; got {groups!r}")


def _compared(group_list: Sequence[str], groups: str) -> list[str]:
    """Groups that get a gap row against White: BME at ``wres`` level; at ``broad`` and
    ``category`` level every group but the White reference and Unknown (Unknown enters no
    comparison). White sub-categories are compared too: the guidance asks that the
    experience of White Irish and Any other White staff be explored."""
    if groups == "wres":
        return [BME]
    return [g for g in group_list if g not in (WHITE, UNKNOWN)]


# --------------------------------------------------------------------------- respondents


def _base_and_hits(df: pd.DataFrame, indicator: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Who is in the indicator's base, and who counts towards its numerator.

    One item (5, 7, 8): base = answered (item not NA), hit = item True.
    Indicator 6: base = answered manager or colleague (or both), hit = True on either; so a
    respondent with one blank and one "Never" is in the base and not a hit. None where the
    frame lacks an item.
    """
    items = INDICATOR_ITEMS[indicator]
    if any(item not in df.columns for item in items):
        return None
    base = np.zeros(len(df), dtype=bool)
    hit = np.zeros(len(df), dtype=bool)
    for item in items:
        s = df[item].astype("boolean")
        base |= s.notna().to_numpy()
        hit |= s.fillna(False).to_numpy(dtype=bool)
    return base, hit & base


def _survey_years(df: pd.DataFrame) -> dict[int, int]:
    """WRES year -> survey year (survey year + 1 = WRES year where the frame does not say)."""
    if "survey_year" in df.columns:
        first = ~df["year"].duplicated().to_numpy()
        years, survey = df["year"].to_numpy()[first], df["survey_year"].to_numpy()[first]
        return {int(y): int(s) for y, s in zip(years, survey, strict=True)}
    return {int(y): int(y) - 1 for y in df["year"].unique()}


def _covered(df: pd.DataFrame, flags: Flags) -> set[tuple[int, int]]:
    """The (year, indicator) pairs with anyone in the indicator's base: the years coded
    once, then a count per indicator (a nation's survey has millions of rows)."""
    codes, years = sorted_codes(df["year"].to_numpy(dtype="int64"))
    return {(int(years[c]), indicator) for indicator, (base, _) in flags.items()
            for c in np.flatnonzero(np.bincount(codes[base], minlength=len(years)))}


# counts() keys on year, breakdown level and group only; the indicator (5 to 8) rides in
# the year's last digit, so the four indicators are counted in one pass, not four.
_FOLD = 10


def _stacked(df: pd.DataFrame, flags: Flags, needed: list[str]) -> pd.DataFrame:
    """Each indicator's base rows, one after the other, with the indicator folded into
    ``year`` and the hit flag in ``_HIT``. Only the columns counting reads: a nation's
    survey has millions of rows and a column per item."""
    rows = [np.flatnonzero(base) for base, _ in flags.values()]
    stacked = df[needed].take(np.concatenate(rows))
    indicator = np.repeat(list(flags), [len(r) for r in rows])
    return stacked.assign(**{
        "year": stacked["year"].to_numpy(dtype="int64") * _FOLD + indicator,
        _HIT: np.concatenate([hit[base] for base, hit in flags.values()]),
    })


def _shown(group_list: list[str]) -> list[str]:
    """The groups in the order shown: the White reference first."""
    return list(dict.fromkeys([WHITE, *group_list]))


def _respondent_counts(
    stacked: pd.DataFrame, groups: str, dims: list[str], group_list: list[str]
) -> pd.DataFrame:
    """k (hits) and n (base) per indicator, year, dimension, level and group, with the
    all-White reference group first at ``broad`` and ``category`` level; sorted by
    indicator, year, cell and ``_rank`` (the group's place in :func:`_shown`)."""
    cnt = counts(stacked, groups=groups, dims=dims, flag=_HIT, group_list=group_list)
    if groups != "wres":
        ref = counts(stacked, groups="wres", dims=dims, flag=_HIT, group_list=[WHITE])
        cnt = pd.concat([ref, cnt], ignore_index=True)
    year, indicator = np.divmod(cnt["year"].to_numpy(dtype="int64"), _FOLD)
    cnt = cnt.assign(year=year, indicator=indicator)
    if "year" in dims:  # a breakdown by year took its levels from the folded year too
        level = cnt["level"].to_numpy(dtype=object, copy=True)
        by_year = cnt["dimension"].to_numpy(dtype=object) == "year"
        level[by_year] = [str(int(v) // _FOLD) for v in level[by_year]]
        cnt["level"] = level
    # With the indicator in the key, each indicator's cells are numbered in the order its
    # own count lists them, reference rows first.
    cnt["_cell"] = first_seen(cnt["indicator"], cnt["dimension"], cnt["level"])
    cnt["_rank"] = pd.Index(_shown(group_list)).get_indexer(cnt["group"])
    return cnt.sort_values(["indicator", "year", "_cell", "_rank"], kind="stable",
                           ignore_index=True)


def _cell_positions(df: pd.DataFrame) -> np.ndarray:
    """Each row's (dimension, level) cell numbered in order of first appearance, so that a
    sort keeps the breakdowns in the order they were counted (overall first, levels in
    their own order) and puts the reference row in front of its cell's groups."""
    return first_seen(df["dimension"], df["level"])


def _percent_rows(cnt: pd.DataFrame, note_for: dict[int, str]) -> dict[str, np.ndarray]:
    """percent = 100 k / n over the responses in the base, Wilson 95% interval in percent;
    a column each, one row per counted row."""
    k = cnt["k"].to_numpy(dtype=float)
    n = cnt["n"].to_numpy(dtype=float)
    low, high = wilson_ci(k, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(n > 0, 100.0 * k / n, np.nan)
    notes = per_distinct(lambda year, empty: note_for[year] + ("; no responses" if empty else ""),
                         {"year": cnt["year"].to_numpy(), "empty": n == 0})
    return {"numerator": k, "denominator": n, "value": value,
            "ci_low": 100.0 * low, "ci_high": 100.0 * high, "note": notes}


def _gap_rows(
    cnt: pd.DataFrame, group_list: list[str], compared: list[str], note_for: dict[int, str]
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """gap = percent(group) - percent(White), in percentage points, with Newcombe's hybrid
    score interval (method 10) times 100: the counted rows that get one, and a column
    each. Numerator and denominator stay empty: the counts are on the percent rows."""
    # White sorts first in its cell, so each row's reference is its cell's first row, if
    # that row is White (rank 0); a cell without a White row has no gap.
    key = cnt[["indicator", "year", "_cell"]].to_numpy()
    starts = np.ones(len(cnt), dtype=bool)
    starts[1:] = (key[1:] != key[:-1]).any(axis=1)
    first = np.flatnonzero(starts)[np.cumsum(starts) - 1]
    shown = _shown(group_list)
    rank = cnt["_rank"].to_numpy()
    at = np.flatnonzero(np.isin(rank, [shown.index(g) for g in compared]) & (rank[first] == 0))
    k, n = cnt["k"].to_numpy(dtype=float), cnt["n"].to_numpy(dtype=float)
    k1, n1, k2, n2 = k[at], n[at], k[first[at]], n[first[at]]
    low, high = newcombe_ci(k1, n1, k2, n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where((n1 > 0) & (n2 > 0), 100.0 * (k1 / n1 - k2 / n2), np.nan)

    def note(year, group, no_group, no_white):
        missing = ", ".join(f"no {g} responses"
                            for g, empty in ((shown[group], no_group), (WHITE, no_white))
                            if empty)
        return note_for[year] + (f"; {missing}" if missing else "")

    notes = per_distinct(note, {"year": cnt["year"].to_numpy()[at], "group": rank[at],
                                "no_group": n1 == 0, "no_white": n2 == 0})
    return at, {"numerator": np.full(len(at), np.nan), "denominator": np.full(len(at), np.nan),
                "value": value, "ci_low": 100.0 * low, "ci_high": 100.0 * high, "note": notes}


def _rows(cnt: pd.DataFrame, percent: dict[str, np.ndarray], at: np.ndarray,
          gap: dict[str, np.ndarray]) -> pd.DataFrame:
    """One frame for all the percent rows (one per counted row) and the gap rows (the
    counted rows ``at``), built once: each frame costs a fixed overhead."""
    take = np.concatenate([np.arange(len(cnt)), at])
    is_gap = np.repeat([0, 1], [len(cnt), len(at)])
    keys = ["year", "indicator", "group", "dimension", "level", "_cell"]
    return pd.DataFrame({
        **{c: cnt[c].array.take(take) for c in keys},
        "measure": np.array([PERCENT, GAP], dtype=object)[is_gap],
        **{c: np.concatenate([percent[c], gap[c]]) for c in percent},
        "_measure": is_gap,
    })


def _from_respondents(
    df: pd.DataFrame, groups: str, by: str | Sequence[str] | None
) -> tuple[list[pd.DataFrame], set[tuple[int, int]]]:
    """Rows from respondent-level answers, and the (year, indicator) pairs they cover."""
    flags: Flags = {}
    for indicator in INDICATORS:
        pair = _base_and_hits(df, indicator)
        if pair is not None and pair[0].any():
            flags[indicator] = pair
    if not flags:
        return [], set()
    dims = dimensions(df, by)
    if groups == "wres":
        group_list = list(WRES_GROUPS)  # always shown, with "no responses" where empty
    else:
        group_list = [g for g in group_values(df, groups) if g != WHITE]
    note_for = {y: source_note(s) for y, s in _survey_years(df).items()}
    needed = list(dict.fromkeys(["year", "count", GROUP_COLUMN[groups], GROUP_COLUMN["wres"],
                                 *(d for d in dims if d != OVERALL)]))
    cnt = _respondent_counts(_stacked(df, flags, needed), groups, dims, group_list)
    at, gap = _gap_rows(cnt, group_list, _compared(group_list, groups), note_for)
    rows = _rows(cnt, _percent_rows(cnt, note_for), at, gap)
    return [rows], _covered(df, flags)


# --------------------------------------------------------------------------- summary


def _summary_groups(groups: str) -> set[str] | None:
    """Published groups that belong to a group level (None: any label not of another level,
    that is the ethnic categories, plus the White reference and Unknown)."""
    if groups == "wres":
        return set(WRES_GROUPS)
    if groups == "broad":
        return set(BROAD_GROUPS)
    return None


def _from_summary(
    summ: pd.DataFrame,
    groups: str,
    by: str | Sequence[str] | None,
    covered: set[tuple[int, int]],
) -> list[pd.DataFrame]:
    """Rows from published percentages (see :func:`survey_indicators`)."""
    df = summ.assign(
        year=summ["year"].astype("int64"),
        indicator=summ["indicator"].astype("int64"),
        group=summ["group"].astype(str),
    )
    df = df[df["indicator"].isin(INDICATORS)]
    if covered:
        pairs = pd.MultiIndex.from_arrays([df["year"], df["indicator"]])
        df = df[~pairs.isin(sorted(covered))]
    wanted = _summary_groups(groups)
    if wanted is None:
        not_category = (set(WRES_GROUPS) | set(BROAD_GROUPS)) - {WHITE, UNKNOWN}
        df = df[~df["group"].isin(not_category)]
    else:
        df = df[df["group"].isin(wanted)]
    if df.empty:
        return []

    percent = pd.to_numeric(df["percent"], errors="coerce").astype(float)
    responses = pd.to_numeric(df["responses"], errors="coerce").astype(float)
    # Respondents behind a published percentage, rounded half up (the percentage itself is
    # rounded, so this is the count that best reproduces it), and never above the base.
    k = np.clip(np.floor(percent * responses / 100.0 + 0.5), 0, responses)
    df = df.assign(_k=k, _n=responses, _p=percent, _one=1)
    if "survey_year" not in df.columns:
        df = df.assign(survey_year=df["year"] - 1)

    dims = [d for d in dimensions(df, by) if d in (OVERALL, "org")]
    parts = []
    for dim in dims:
        level = pd.Series(ALL, index=df.index) if dim == OVERALL else df[dim].astype(str)
        g = df.assign(dimension=dim, level=level).groupby(
            ["indicator", "year", "dimension", "level", "group"], sort=False, observed=True
        )
        # min_count: a cell with any suppressed (missing) percentage stays missing.
        agg = g.agg(
            k=("_k", lambda s: s.sum(min_count=len(s))),
            n=("_n", lambda s: s.sum(min_count=len(s))),
            p=("_p", lambda s: s.sum(min_count=len(s))),
            rows=("_one", "size"),
            survey_year=("survey_year", "max"),
        ).reset_index()
        parts.append(agg)
    agg = pd.concat(parts, ignore_index=True)
    agg["_cell"] = _cell_positions(agg)

    single = agg["rows"] == 1
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = 100.0 * agg["k"] / agg["n"]
    # One published figure is shown as published; several (organisations) are pooled.
    agg["value"] = agg["p"].where(single, pooled)
    low, high = wilson_ci(agg["k"].to_numpy(dtype=float), agg["n"].to_numpy(dtype=float))
    notes = pd.Series(
        [f"{source_note(s)}; {SUMMARY_NOTE}" for s in agg["survey_year"]],
        index=agg.index,
        dtype="string",
    )
    notes = results.add_note(notes, ~single, "pooled over several published figures")
    notes = results.add_note(notes, agg["p"].isna(), "not published (suppressed)")
    rows = agg.assign(
        measure=PERCENT,
        numerator=agg["k"],
        denominator=agg["n"],
        ci_low=100.0 * low,
        ci_high=100.0 * high,
        note=notes,
        _measure=0,
    )
    gaps = _summary_gaps(rows, groups)
    return [rows, gaps]


def _summary_gaps(rows: pd.DataFrame, groups: str) -> pd.DataFrame:
    """Gap rows where a summary gives both White and a compared group: the published
    percentages subtracted, Newcombe's interval from the counts behind them."""
    key = ["indicator", "year", "dimension", "level"]
    compared = _compared(list(dict.fromkeys(rows["group"])), groups)
    white = rows.loc[rows["group"] == WHITE, [*key, "k", "n", "value"]]
    other = rows.loc[rows["group"].isin(compared)]
    both = other.merge(white, on=key, suffixes=("", "_w"), how="inner")
    if both.empty:
        return pd.DataFrame()
    low, high = newcombe_ci(
        both["k"].to_numpy(dtype=float),
        both["n"].to_numpy(dtype=float),
        both["k_w"].to_numpy(dtype=float),
        both["n_w"].to_numpy(dtype=float),
    )
    value = both["value"].astype(float) - both["value_w"].astype(float)
    notes = results.add_note(
        both["note"].astype("string"), value.isna(), "cannot be computed: a percentage is missing"
    )
    return both.assign(
        measure=GAP,
        numerator=pd.NA,
        denominator=pd.NA,
        value=value,
        ci_low=100.0 * low,
        ci_high=100.0 * high,
        note=notes,
        _measure=1,
    ).drop(columns=["k_w", "n_w", "value_w"])


# --------------------------------------------------------------------------- public


def survey_indicators(
    data: Dataset, *, groups: str = "wres", by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """WRES indicators 5 to 8 from the NHS Staff Survey, as results-table rows.

    Respondent level (``data.frames["survey"]``; one row per respondent, or per ``count``
    identical respondents; ``year`` is the WRES year, the survey year + 1). Per year,
    breakdown and group, weighting every row by ``count``:

    ======  ====================================  =============================================
    ind.    numerator k                           denominator n (responses in the base)
    ======  ====================================  =============================================
    5       harassment_public True                harassment_public answered (not NA)
    6       harassment_manager or                 either item answered: one blank and one
            harassment_colleague True             "Never" is in the base, both blank is not
    7       equal_opportunities True ("Yes")      True or False ("Don't know" is NA: left out)
    8       discrimination_staff True             answered
    ======  ====================================  =============================================

    - ``percent`` = 100 k / n, with Wilson's 95% score interval in percent; ``numerator`` k
      and ``denominator`` n. Where n = 0 the value is empty, noted "no responses".
    - ``gap`` on the compared group's row = percent(group) - percent(White), in percentage
      points, with Newcombe's hybrid score interval (method 10) in percentage points;
      ``numerator`` and ``denominator`` empty (the counts are on the percent rows).

    Groups: at ``wres`` level White, BME and Unknown (always, so the headline rows exist
    even with no responses), and one gap, on group "BME". At ``broad`` and ``category``
    level a reference row ``group = "White"`` (all White respondents) and every group
    present in the survey, with a gap row for each group but White and Unknown. A White
    sub-category is compared with all White respondents, itself included, so its interval
    treats two overlapping samples as independent (as indicators 2 to 4 do).

    Dimensions: ``overall`` (level "All") and each of ``by`` the frame has (``department``,
    ``directorate``, ``staff_group``, ``pay_band``, ...).

    Published summary (``data.frames["survey_summary"]``: ``year``, ``survey_year``,
    ``indicator``, ``group``, ``percent``, ``responses``): a ``percent`` row per published
    group of the requested level (dimension ``overall``; also ``org`` when ``by`` asks for
    it), value = the published percentage, ``denominator`` = responses, ``numerator`` =
    round(percent x responses / 100) (half up), Wilson's interval from those counts; a gap
    row where White and the compared group are both published (the published percentages
    subtracted; Newcombe from the reconstructed counts). Several figures in one cell
    (several organisations) are pooled from the reconstructed counts. A missing (suppressed)
    percentage gives an empty value. These rows are noted "from published summary".
    **Where respondent-level data cover a year and indicator (anyone in that indicator's
    base that year), the summary is ignored for that year and indicator**, whatever its
    groups or organisations.

    Every row's note starts with the survey it came from ("NHS Staff Survey 2023").
    ``caution`` and ``suppressed`` are left False: disclosure control is a later step.

    >>> cat = lambda v: pd.Categorical(v, categories=["White", "BME", "Unknown"])
    >>> survey = pd.DataFrame({"year": [2024] * 4, "survey_year": [2023] * 4,
    ...     "count": [30, 10, 6, 4], "wres_group": cat(["White", "White", "BME", "BME"]),
    ...     "harassment_public": pd.array([False, True, True, False], dtype="boolean")})
    >>> r = survey_indicators(Dataset(frames={"survey": survey}))
    >>> r[["group", "measure", "numerator", "denominator", "value"]].head(2).values.tolist()
    [['White', 'percent', 10.0, 40.0, 25.0], ['BME', 'percent', 6.0, 10.0, 60.0]]
    >>> gap = r[r.measure == "gap"].iloc[0]
    >>> gap.group, float(gap.value), gap.note
    ('BME', 35.0, 'NHS Staff Survey 2023')
    """
    _check_groups(groups)
    parts: list[pd.DataFrame] = []
    covered: set[tuple[int, int]] = set()
    survey = data.get("survey")
    if survey is not None and not survey.empty:
        parts, covered = _from_respondents(survey, groups, by)
    summary = data.get("survey_summary")
    if summary is not None and not summary.empty:
        parts += _from_summary(summary, groups, by, covered)
    parts = [p for p in parts if not p.empty]
    if not parts:
        return results.empty()
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(["indicator", "year", "_cell", "_measure"], kind="stable")
    return results.frame(out)
