"""Likelihoods and relative likelihoods: the machinery shared by indicators 2, 3 and 4.

Each of those indicators compares how likely something is (being appointed from
shortlisting, entering the formal disciplinary process, accessing non-mandatory training)
for each ethnic group. The work is in two steps:

1. **Counting** into a *cell table*: one row per ``year, dimension, level, group`` with ``k``
   (people or cases with the outcome) and ``n`` (people at risk), plus a ``note`` that applies
   to the whole cell. :func:`flag_counts` counts a flag within one frame (indicator 2);
   :func:`paired_counts` counts events in one frame over a headcount in another
   (indicators 3 and 4).
2. **Figures** from the cell table: :func:`likelihood_rows` (k / n per group, Wilson interval)
   and :func:`relative_rows` (one group's likelihood over White's, Katz interval), both as
   results-table rows; :func:`assemble` orders them into a results table.

Reference group. At ``groups="wres"`` the groups are White, BME and Unknown and the ratio
is on the BME row. At ``"broad"`` and ``"category"`` every present group gets a likelihood,
plus a reference row ``group = "White"`` counting *all* White people (from ``wres_group``,
so at category level it sits beside "White - British", "White - Irish", ...), and every group
but the reference and Unknown gets a ratio against it: at category level that includes the
White sub-categories, whose experience the guidance asks organisations to explore.

Unknown is shown as a likelihood but enters no ratio.

Direction. Every WRES relative likelihood is arranged so that above 1 is worse for the
compared group: :attr:`Direction.WHITE_OVER` (indicators 2 and 4, where the outcome is
good) or :attr:`Direction.OVER_WHITE` (indicator 3, where it is bad).

A figure that cannot be computed has an empty value and a note in plain words; it is never
0, never infinite and never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from wres_core import results
from wres_core.indicators._common import (
    counts,
    dimensions,
    first_seen,
    group_values,
    per_distinct,
)
from wres_core.schema import GROUP_LEVELS, WRES_GROUPS
from wres_core.stats import katz_ci, ratio, wilson_ci

REFERENCE = "White"
UNKNOWN = "Unknown"
HALDANE_NOTE = "interval uses +0.5 correction (a count is zero)"

CELL = ["year", "dimension", "level"]
KEY = [*CELL, "group"]
CELL_COLUMNS = [*KEY, "k", "n", "note"]
ROW_COLUMNS = ["year", "indicator", "measure", "group", "dimension", "level", "numerator",
               "denominator", "value", "ci_low", "ci_high", "note"]


class Direction(StrEnum):
    """Which likelihood is on top of the ratio (so that above 1 is worse for the compared
    group)."""

    WHITE_OVER = "white_over"  # (White likelihood) / (compared likelihood): indicators 2, 4
    OVER_WHITE = "over_white"  # (compared likelihood) / (White likelihood): indicator 3


@dataclass(frozen=True)
class Wording:
    """Plain-English phrases for the notes of one measure.

    ``no_base`` and ``no_event`` are format strings with ``{who}`` (for example
    "BME applicants", "staff of unknown ethnicity"); ``surplus`` is the note for a cell with
    more events than people, where no interval applies.

    >>> w = Wording("applicants", "no {who} shortlisted", "no {who} appointed")
    >>> w.none_in_base("BME"), w.none_with_event("Unknown")
    ('no BME applicants shortlisted', 'no applicants of unknown ethnicity appointed')
    """

    noun: str
    no_base: str
    no_event: str
    surplus: str = ""

    def who(self, group: str) -> str:
        # "Unknown applicants" reads as if the applicants were unknown, not their ethnicity.
        return f"{self.noun} of unknown ethnicity" if group == UNKNOWN else f"{group} {self.noun}"

    def none_in_base(self, group: str) -> str:
        return self.no_base.format(who=self.who(group))

    def none_with_event(self, group: str) -> str:
        return self.no_event.format(who=self.who(group))


def check_groups(groups: str) -> None:
    """Raise ``ValueError`` unless ``groups`` is one of ``wres``, ``broad``, ``category``."""
    if groups not in GROUP_LEVELS:
        raise ValueError(f"groups must be one of {', '.join(GROUP_LEVELS)}; got {groups!r}")


def shared_dimensions(
    first: pd.DataFrame, second: pd.DataFrame, by: str | Sequence[str] | None
) -> list[str]:
    """The breakdowns both frames can give: a drill-down by a column only one of them has
    (say the workforce has ``department`` and the disciplinary cases do not) is skipped, as
    a department's cases over the whole organisation's headcount would mean nothing.

    >>> a = pd.DataFrame(columns=["year", "department", "pay_band"])
    >>> shared_dimensions(a, pd.DataFrame(columns=["year", "pay_band"]), ["department", "pay_band"])
    ['overall', 'pay_band']
    """
    second_dims = dimensions(second, by)
    return [d for d in dimensions(first, by) if d in second_dims]


def _empty_cells() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("year", "k", "n") else "str")
                         for c in CELL_COLUMNS})


def _tidy(cnt: pd.DataFrame) -> pd.DataFrame:
    """Fixed column types, a clean index and an empty cell note."""
    out = cnt.reset_index(drop=True)
    for col in ("year", "k", "n"):
        out[col] = out[col].astype("int64")
    for col in ("dimension", "level", "group"):
        out[col] = out[col].astype("str")
    out["note"] = pd.Series("", index=out.index, dtype="str")
    return out[CELL_COLUMNS]


def _with_reference(
    count: Callable[[str, list[str]], pd.DataFrame], groups: str, present: list[str]
) -> pd.DataFrame:
    """Cell table for the requested group level, with the all-White reference row.

    ``count(level, group_list)`` returns ``KEY + [k, n]`` for one group level with every
    group of ``group_list`` in every observed cell.
    """
    if groups == "wres":
        # Always White, BME and Unknown: the headline BME row must exist (with a note) even
        # where the data hold no BME person.
        cnt = count("wres", list(WRES_GROUPS))
        return _tidy(cnt) if len(cnt) else _empty_cells()
    # The reference is all White people by definition (wres_group), whatever the level; at
    # broad level it replaces the broad "White" row, which counts the same people.
    parts = [count("wres", [REFERENCE])]
    own = [g for g in present if g != REFERENCE]
    if own:
        parts.append(count(groups, own))
    parts = [p.assign(_part=i) for i, p in enumerate(parts) if len(p)]
    if not parts:
        return _empty_cells()
    cnt = pd.concat(parts, ignore_index=True)
    # Each cell: the reference first, then the level's groups in their own order.
    cnt["_cell"] = first_seen(cnt, CELL)
    cnt["_row"] = np.arange(len(cnt))
    cnt = cnt.sort_values(["_cell", "_part", "_row"])
    return _tidy(cnt)


def flag_counts(
    df: pd.DataFrame, flag: str, *, groups: str, dims: Sequence[str]
) -> pd.DataFrame:
    """Cell table of one frame: ``n`` = people (sum of ``count``), ``k`` = those among them
    whose boolean column ``flag`` is True.

    >>> df = pd.DataFrame({"year": [2024] * 3, "count": [3, 1, 2],
    ...     "wres_group": pd.Categorical(["White", "BME", "BME"], list(WRES_GROUPS)),
    ...     "appointed": [True, False, True]})
    >>> flag_counts(df, "appointed", groups="wres", dims=["overall"])[["group", "k", "n"]]
    ... # doctest: +NORMALIZE_WHITESPACE
         group  k  n
    0    White  3  3
    1      BME  2  3
    2  Unknown  0  0
    """

    def count(level: str, group_list: list[str]) -> pd.DataFrame:
        return counts(df, groups=level, dims=dims, flag=flag, group_list=group_list)

    return _with_reference(count, groups, group_values(df, groups))


def _present(frames: Sequence[pd.DataFrame], groups: str) -> list[str]:
    """Groups present in any of the frames, in the first frame's category order."""
    out: list[str] = []
    for df in frames:
        out.extend(g for g in group_values(df, groups) if g not in out)
    return out


def paired_counts(
    events: pd.DataFrame, base: pd.DataFrame, *, groups: str, dims: Sequence[str]
) -> pd.DataFrame:
    """Cell table of events in one frame over people in another: ``k`` = sum of ``count`` in
    ``events`` (cases, people trained), ``n`` = sum of ``count`` in ``base`` (headcount), at
    the same year, breakdown level and group.

    Only years the headcount has are kept (no headcount, no likelihood). Within those, a
    level or group with events but no headcount is kept (``n`` = 0: its likelihood is then
    visibly missing, and the cases are not silently lost); one with headcount but no events
    has ``k`` = 0.

    >>> wg = pd.Categorical(["White", "BME", "BME"], list(WRES_GROUPS))
    >>> staff = pd.DataFrame({"year": [2024] * 3, "count": [40, 10, 10], "wres_group": wg})
    >>> cases = pd.DataFrame({"year": [2024, 2024], "count": [2, 3], "wres_group": wg[:2]})
    >>> paired_counts(cases, staff, groups="wres", dims=["overall"])[["group", "k", "n"]]
    ... # doctest: +NORMALIZE_WHITESPACE
         group  k   n
    0    White  2  40
    1      BME  3  20
    2  Unknown  0   0
    """
    base_years = set(base["year"].astype("int64").unique())

    def count(level: str, group_list: list[str]) -> pd.DataFrame:
        n = counts(base, groups=level, dims=dims, group_list=group_list).assign(k=0)
        k = counts(events, groups=level, dims=dims, group_list=group_list)
        k = k.rename(columns={"n": "k"}).assign(n=0)
        parts = [p for p in (n, k) if len(p)]
        if not parts:
            return n
        both = pd.concat(parts, ignore_index=True)
        both = both[both["year"].astype("int64").isin(base_years)]
        # Outer join that keeps the headcount's order of cells and groups first.
        return both.groupby(KEY, sort=False, as_index=False)[["k", "n"]].sum()

    return _with_reference(count, groups, _present([base, events], groups))


def note_cells(cnt: pd.DataFrame, mask: pd.Series, text: str) -> pd.DataFrame:
    """The cell table with ``text`` added to the note where ``mask`` holds."""
    return cnt.assign(note=results.add_note(cnt["note"], mask, text))


def compared_groups(cnt: pd.DataFrame, groups: str) -> list[str]:
    """The groups that get a relative likelihood against White: BME at ``wres`` level,
    otherwise every group but the reference and Unknown."""
    if groups == "wres":
        return ["BME"]
    present = list(dict.fromkeys(cnt["group"]))
    return [g for g in present if g not in (REFERENCE, UNKNOWN)]


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def likelihood_rows(
    cnt: pd.DataFrame, *, indicator: int, measure: str, wording: Wording
) -> pd.DataFrame:
    """One row per cell-table row: ``value = k / n`` (a proportion from 0 to 1), with the
    Wilson score interval; ``numerator = k``, ``denominator = n``.

    Where ``n`` is 0 the value is empty and the note says who is missing.

    >>> cnt = pd.DataFrame({"year": [2024, 2024], "dimension": "overall", "level": "All",
    ...     "group": ["White", "BME"], "k": [39, 0], "n": [83, 0], "note": ""})
    >>> w = Wording("applicants", "no {who} shortlisted", "no {who} appointed")
    >>> rows = likelihood_rows(cnt, indicator=2, measure="likelihood", wording=w)
    >>> rows[["group", "value", "note"]].round(4).values.tolist()
    [['White', 0.4699, ''], ['BME', nan, 'no BME applicants shortlisted']]
    """
    k = cnt["k"].to_numpy(dtype=float)
    n = cnt["n"].to_numpy(dtype=float)
    ok = n > 0
    value = np.divide(k, n, out=np.full(len(k), np.nan), where=ok)
    low, high = wilson_ci(k, n)
    notes = per_distinct(
        lambda cell_note, g, empty, surplus: _join(
            cell_note,
            wording.none_in_base(g) if empty else "",
            # A rate above 1 is a figure (several cases per person) but has no Wilson
            # interval.
            wording.surplus if surplus else "",
        ),
        {"cell_note": cnt["note"], "g": cnt["group"], "empty": n == 0,
         "surplus": (n > 0) & (k > n)})
    return pd.DataFrame({
        "year": cnt["year"].to_numpy(),
        "indicator": indicator,
        "measure": measure,
        "group": cnt["group"].to_numpy(),
        "dimension": cnt["dimension"].to_numpy(),
        "level": cnt["level"].to_numpy(),
        "numerator": k,
        "denominator": n,
        "value": value,
        "ci_low": np.where(ok, low, np.nan),
        "ci_high": np.where(ok, high, np.nan),
        "note": notes,
    })


def relative_rows(
    cnt: pd.DataFrame,
    *,
    indicator: int,
    measure: str,
    groups: str,
    direction: Direction,
    wording: Wording,
) -> pd.DataFrame:
    """Relative likelihood of each compared group against all White, on that group's row.

    With ``a / n1`` the likelihood on top and ``c / n2`` the one below:

    - :attr:`Direction.WHITE_OVER`: ``(k_White / n_White) / (k_group / n_group)``;
    - :attr:`Direction.OVER_WHITE`: ``(k_group / n_group) / (k_White / n_White)``.

    95% interval by Katz's log method (Haldane-Anscombe +0.5 where a cell of the 2x2 table
    is zero, noted; widened where needed to contain the value, as a corrected interval is
    centred on the corrected ratio and would otherwise exclude a ratio of 0). Numerator and
    denominator are left empty: the counts are on the likelihood rows. The value is empty,
    with a note saying why, where either group has nobody or the likelihood below is 0; a
    likelihood of 0 on top gives a ratio of 0.

    >>> cnt = pd.DataFrame({"year": 2024, "dimension": "overall", "level": "All",
    ...     "group": ["White", "BME", "Unknown"], "k": [39, 23, 1], "n": [83, 157, 4],
    ...     "note": ""})
    >>> w = Wording("applicants", "no {who} shortlisted", "no {who} appointed")
    >>> rows = relative_rows(cnt, indicator=2, measure="relative_likelihood", groups="wres",
    ...                      direction=Direction.WHITE_OVER, wording=w)
    >>> rows[["group", "value", "ci_low", "ci_high"]].round(2).values.tolist()
    [['BME', 3.21, 2.06, 4.99]]
    """
    compared = compared_groups(cnt, groups)
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
    # The corrected interval is centred on the corrected ratio, so with a zero on top it
    # can sit wholly above the shown value of 0 (1.5 to 674, say); widen it to reach the
    # value, so that the interval shown always contains the figure shown.
    # (np.minimum keeps a missing bound missing.)
    low = np.where(ok, np.minimum(low, value), np.nan)
    high = np.where(ok, np.maximum(high, value), np.nan)

    def note(cell_note: str, g: str, no_g: bool, no_ref: bool, no_below: bool,
             surplus: bool, haldane: bool) -> str:
        below = g if direction is Direction.WHITE_OVER else REFERENCE
        missing = [wording.none_in_base(x) for x, empty in ((g, no_g), (REFERENCE, no_ref))
                   if empty]
        why = ""
        if missing:
            why = _join(*missing)
        elif no_below:
            why = f"{wording.none_with_event(below)}, so the relative likelihood cannot be computed"
        if surplus:
            why = wording.surplus  # a > n1: a rate, but no Katz interval
        return _join(cell_note, why, HALDANE_NOTE if haldane else "")

    notes = per_distinct(note, {
        "cell_note": rows["note"], "g": rows["group"], "no_g": ng == 0, "no_ref": nr == 0,
        "no_below": c == 0, "surplus": ok & ~np.isfinite(low), "haldane": ok & corrected})

    return pd.DataFrame({
        "year": rows["year"].to_numpy(),
        "indicator": indicator,
        "measure": measure,
        "group": rows["group"].to_numpy(),
        "dimension": rows["dimension"].to_numpy(),
        "level": rows["level"].to_numpy(),
        "numerator": np.nan,
        "denominator": np.nan,
        "value": value,
        "ci_low": low,
        "ci_high": high,
        "note": notes,
    })


def assemble(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """A results table from row blocks, ordered by year, breakdown (in the order the blocks
    first show it), measure (in block order) and group (in block order).

    Caution and suppression are left False: a later step sets them.
    """
    parts = [p.assign(_measure=i) for i, p in enumerate(parts) if len(p)]
    if not parts:
        return results.empty()
    rows = pd.concat(parts, ignore_index=True)
    rows["_cell"] = first_seen(rows, ["dimension", "level"])
    rows["_row"] = np.arange(len(rows))
    rows = rows.sort_values(["year", "_cell", "_measure", "_row"])
    return results.frame(rows.drop(columns=["_measure", "_cell", "_row"]))


def headcount_cells(
    events: pd.DataFrame,
    base: pd.DataFrame,
    *,
    groups: str,
    by: str | Sequence[str] | None,
    no_events_note: str,
) -> pd.DataFrame:
    """Cell table of events over the workforce headcount of the same year (indicators 3 and
    4), on the breakdowns both frames have.

    Every year of the headcount is given. A year with no event row at all has zero events
    (likelihood 0 is shown, as the data say), with ``no_events_note`` (a format string with
    ``{year}``) in every cell of it, because zero may also mean that year's file was not
    loaded.
    """
    dims = shared_dimensions(base, events, by)
    cnt = paired_counts(events, base, groups=groups, dims=dims)
    event_years = set(events["year"].astype("int64").unique())
    for year in sorted(set(cnt["year"].unique()) - event_years):
        cnt = note_cells(cnt, cnt["year"] == year, no_events_note.format(year=year))
    return cnt


def covered_years(*frames: pd.DataFrame) -> set[int]:
    """Years every one of the frames has a row for."""
    sets = [set(int(y) for y in df["year"].unique()) for df in frames]
    return set.intersection(*sets) if sets else set()
