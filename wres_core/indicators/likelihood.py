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
   blocks of results-table rows; :func:`assemble` orders them into a results table.

The cell table (:class:`Cells`) and the row blocks are numpy arrays, not DataFrames, and
cells are matched by integer codes rather than merged: a trust's table has a few hundred
cells, so the time went in pandas' cost per call (a merge, a sort, a new frame at every
step), not in the data, and the dashboard recomputes these on every filter change. The one
DataFrame is the results table, built once at the end.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
import pandas as pd

from wres_core import results
from wres_core.indicators._common import (
    ALL,
    OVERALL,
    column_codes,
    dimensions,
    first_seen,
    per_distinct,
    sorted_codes,
    summed,
)
from wres_core.schema import GROUP_COLUMN, GROUP_LEVELS, RESULT_COLUMNS, WRES_GROUPS
from wres_core.stats import katz_ci, ratio, wilson_ci

REFERENCE = "White"
UNKNOWN = "Unknown"
HALDANE_NOTE = "interval uses +0.5 correction (a count is zero)"

CELL = ["year", "dimension", "level"]
KEY = [*CELL, "group"]
CELL_COLUMNS = [*KEY, "k", "n", "note"]
ROW_COLUMNS = ["year", "indicator", "measure", "group", "dimension", "level", "numerator",
               "denominator", "value", "ci_low", "ci_high", "note"]

# Results-table rows: each column of ROW_COLUMNS as an array, all of one length.
Block = dict[str, np.ndarray]


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


@dataclass(frozen=True, eq=False)
class Cells:
    """A cell table: per row a ``year`` (int64), ``dimension``, ``level`` and ``group``
    (``str`` in object arrays), ``k`` and ``n`` (int64) and a ``note`` on the whole cell.

    >>> cells = Cells.from_frame(pd.DataFrame({"year": [2024], "dimension": "overall",
    ...     "level": "All", "group": "BME", "k": [1], "n": [4], "note": ""}))
    >>> len(cells), cells.frame()[["group", "k", "n"]].values.tolist()
    (1, [['BME', 1, 4]])
    """

    year: np.ndarray
    dimension: np.ndarray
    level: np.ndarray
    group: np.ndarray
    k: np.ndarray
    n: np.ndarray
    note: np.ndarray

    @classmethod
    def empty(cls) -> Cells:
        number, text = np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
        return cls(number, text, text, text, number, number, text)

    @classmethod
    def concat(cls, parts: Sequence[Cells]) -> Cells:
        return cls(**{c: np.concatenate([getattr(p, c) for p in parts]) for c in CELL_COLUMNS})

    @classmethod
    def from_frame(cls, df: pd.DataFrame) -> Cells:
        return cls(**{c: df[c].to_numpy(dtype=np.int64 if c in ("year", "k", "n") else object)
                      for c in CELL_COLUMNS})

    def __len__(self) -> int:
        return len(self.year)

    def take(self, rows: np.ndarray) -> Cells:
        return Cells(**{c: getattr(self, c)[rows] for c in CELL_COLUMNS})

    def frame(self) -> pd.DataFrame:
        """The table as a DataFrame, to read."""
        return pd.DataFrame({c: getattr(self, c) for c in CELL_COLUMNS})


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


def one_of(values: np.ndarray, wanted: Sequence[object]) -> np.ndarray:
    """Whether each value is in ``wanted``, asked once per distinct value."""
    codes, uniques = pd.factorize(values)
    wanted = set(wanted)
    return np.array([u in wanted for u in uniques], dtype=bool)[codes]


@dataclass(frozen=True, eq=False)
class _Grid:
    """Counts of one group level on the way to a cell table: per observed cell (``year``,
    ``dimension`` and ``level``, one entry each) a row of ``k`` and of ``n`` (int64 arrays
    of cells x ``groups``). Cells are matched by their labels once per cell, not once per
    group."""

    year: np.ndarray
    dimension: np.ndarray
    level: np.ndarray
    groups: np.ndarray
    k: np.ndarray
    n: np.ndarray

    @classmethod
    def concat(cls, parts: Sequence[_Grid], group_list: Sequence) -> _Grid:
        if not parts:
            none = np.zeros((0, len(group_list)), dtype=np.int64)
            return cls(np.empty(0, dtype=np.int64), np.empty(0, dtype=object),
                       np.empty(0, dtype=object),
                       np.array([str(g) for g in group_list], dtype=object), none, none)
        return cls(**{c: np.concatenate([getattr(p, c) for p in parts])
                      for c in ("year", "dimension", "level", "k", "n")},
                   groups=parts[0].groups)

    def __len__(self) -> int:
        return len(self.year)

    def take(self, cells: np.ndarray) -> _Grid:
        return _Grid(self.year[cells], self.dimension[cells], self.level[cells], self.groups,
                     self.k[cells], self.n[cells])

    def flat(self) -> Cells:
        """The cell table: cell by cell, each with every group in order."""
        width, size = len(self.groups), self.n.size
        return Cells(
            year=np.repeat(self.year, width),
            dimension=np.repeat(self.dimension, width),
            level=np.repeat(self.level, width),
            group=np.tile(self.groups, len(self)),
            k=self.k.reshape(-1),
            n=self.n.reshape(-1),
            note=np.full(size, "", dtype=object),
        )


class _Rows:
    """The rows of a frame (those where ``keep`` holds) as numpy codes, each column read from
    pandas once however many counts are taken from them (the reference group and the
    level's own groups, at every breakdown)."""

    def __init__(self, df: pd.DataFrame, keep: np.ndarray | None = None) -> None:
        self.df = df
        self.keep = keep
        self._cache: dict[tuple[str, str], object] = {}

    def _kept(self, values: np.ndarray) -> np.ndarray:
        return values if self.keep is None else values[self.keep]

    def _cached(self, key: tuple[str, str], make: Callable[[], object]):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def codes(self, column: str) -> tuple[np.ndarray, list]:
        """Each kept row's code in ``column`` (-1 where missing) and the values the codes
        stand for, in group-by order. The values are the whole frame's: one no kept row has
        is never counted, and the others keep their order."""
        def make():
            codes, names = column_codes(self.df[column])
            return self._kept(codes), names
        return self._cached(("codes", column), make)

    def labels(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """As :meth:`codes`, with the values as text (an object array)."""
        def make():
            codes, names = self.codes(column)
            return codes, np.array([str(v) for v in names], dtype=object)
        return self._cached(("labels", column), make)

    def years(self) -> tuple[np.ndarray, np.ndarray]:
        """Each kept row's year code and every year of the frame, ascending."""
        def make():
            codes, years = sorted_codes(self.df["year"].to_numpy(dtype="int64"))
            return self._kept(codes), years.astype(np.int64)
        return self._cached(("years", ""), make)

    def weight(self) -> np.ndarray:
        return self._cached(("weight", ""),
                            lambda: self._kept(self.df["count"].to_numpy(dtype="int64")))

    def flag(self, column: str) -> np.ndarray:
        return self._cached(("flag", column), lambda: self._kept(
            self.df[column].fillna(False).astype(bool).to_numpy()))

    def present(self, groups: str) -> list:
        """The groups of the level some kept row is in, in the column's order (as
        ``_common.group_values``)."""
        codes, names = self.codes(GROUP_COLUMN[groups])
        seen = np.bincount(codes[codes >= 0], minlength=len(names))
        return [names[i] for i in np.flatnonzero(seen)]

    def count(self, level: str, dims: Sequence[str], group_list: Sequence,
              flag: str | None = None) -> _Grid:
        """``_common.counts`` as a grid: ``n`` = people, ``k`` = those flagged (0 without
        ``flag``), for every group of ``group_list`` in every observed year and level,
        dimension by dimension."""
        gcodes, gnames = self.codes(GROUP_COLUMN[level])
        # Each group of group_list by its position among the column's (-1: nobody in it).
        position = {g: i for i, g in enumerate(gnames)}
        gpos = np.array([position.get(g, -1) for g in group_list], dtype=np.int64)
        ycodes, years = self.years()
        weight = self.weight()
        hit = self.flag(flag) if flag is not None else None
        group_text = np.array([str(g) for g in group_list], dtype=object)
        parts = []
        for dim in dims:
            if dim == OVERALL:
                lcodes, lnames = None, np.array([ALL], object)
            else:
                lcodes, lnames = self.labels(dim)
            part = summed(ycodes, lcodes, gcodes, weight, hit, len(years), len(lnames),
                           len(gnames), gpos)
            if part is None:
                continue
            cells, sums = part
            n = sums[0].astype(np.int64)
            parts.append(_Grid(
                year=years[cells // len(lnames)],
                dimension=np.full(len(cells), dim, dtype=object),
                level=lnames[cells % len(lnames)],
                groups=group_text,
                k=sums[1].astype(np.int64) if hit is not None else np.zeros_like(n),
                n=n,
            ))
        return _Grid.concat(parts, group_list)


def _with_reference(
    count: Callable[[str, list[str]], _Grid], groups: str, present: list[str]
) -> Cells:
    """Cell table for the requested group level, with the all-White reference row.

    ``count(level, group_list)`` returns the grid of one group level.
    """
    if groups == "wres":
        # Always White, BME and Unknown: the headline BME row must exist (with a note) even
        # where the data hold no BME person.
        return count("wres", list(WRES_GROUPS)).flat()
    # The reference is all White people by definition (wres_group), whatever the level; at
    # broad level it replaces the broad "White" row, which counts the same people.
    parts = [count("wres", [REFERENCE])]
    own = [g for g in present if g != REFERENCE]
    if own:
        parts.append(count(groups, own))
    parts = [p for p in parts if len(p)]
    if not parts:
        return Cells.empty()
    # Each cell: the reference first, then the level's groups in their own order (a stable
    # sort keeps the order of the parts and of the rows within each).
    cell = first_seen(*(np.concatenate([getattr(p, c) for p in parts]) for c in CELL))
    cell_of_row = np.repeat(cell, np.concatenate([np.full(len(p), len(p.groups)) for p in parts]))
    return Cells.concat([p.flat() for p in parts]).take(np.argsort(cell_of_row, kind="stable"))


def flag_counts(
    df: pd.DataFrame,
    flag: str,
    *,
    groups: str,
    dims: Sequence[str],
    keep: np.ndarray | None = None,
) -> Cells:
    """Cell table of one frame (its rows where ``keep`` holds, default all): ``n`` = people
    (sum of ``count``), ``k`` = those among them whose boolean column ``flag`` is True.

    >>> df = pd.DataFrame({"year": [2024] * 3, "count": [3, 1, 2],
    ...     "wres_group": pd.Categorical(["White", "BME", "BME"], list(WRES_GROUPS)),
    ...     "appointed": [True, False, True]})
    >>> flag_counts(df, "appointed", groups="wres", dims=["overall"]).frame()[["group", "k", "n"]]
    ... # doctest: +NORMALIZE_WHITESPACE
         group  k  n
    0    White  3  3
    1      BME  2  3
    2  Unknown  0  0
    """
    rows = _Rows(df, keep)

    def count(level: str, group_list: list[str]) -> _Grid:
        return rows.count(level, dims, group_list, flag=flag)

    return _with_reference(count, groups, rows.present(groups))


def _present(frames: Sequence[_Rows], groups: str) -> list[str]:
    """Groups present in any of the frames, in the first frame's category order."""
    out: list[str] = []
    for rows in frames:
        out.extend(g for g in rows.present(groups) if g not in out)
    return out


def _outer_join(base: _Grid, events: _Grid, years: np.ndarray) -> _Grid:
    """The cells of either grid in one of ``years``, the base's first and in its order, then
    the others in the events' order, with ``n`` from the base's ``n`` and ``k`` from the
    events' ``n`` (0 where a grid lacks the cell): a group-by without sorting. Both grids
    are of the same groups."""
    both = [g.take(np.flatnonzero(np.isin(g.year, years))) for g in (base, events)]
    cell = first_seen(*(np.concatenate([getattr(g, c) for g in both]) for c in CELL))
    first = np.unique(cell, return_index=True)[1]
    sums = {}
    for col, grid, at in (("n", both[0], cell[:len(both[0])]),
                          ("k", both[1], cell[len(both[0]):])):
        sums[col] = np.zeros((len(first), len(base.groups)), dtype=np.int64)
        np.add.at(sums[col], at, grid.n)
    joined = _Grid.concat(both, base.groups).take(first)
    return replace(joined, **sums)


def paired_counts(
    events: pd.DataFrame, base: pd.DataFrame, *, groups: str, dims: Sequence[str]
) -> Cells:
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
    >>> paired_counts(cases, staff, groups="wres", dims=["overall"]).frame()[["group", "k", "n"]]
    ... # doctest: +NORMALIZE_WHITESPACE
         group  k   n
    0    White  2  40
    1      BME  3  20
    2  Unknown  0   0
    """
    staff, cases = _Rows(base), _Rows(events)
    base_years = staff.years()[1]

    def count(level: str, group_list: list[str]) -> _Grid:
        return _outer_join(staff.count(level, dims, group_list),
                           cases.count(level, dims, group_list), base_years)

    return _with_reference(count, groups, _present([staff, cases], groups))


def add_note(notes: np.ndarray, mask: np.ndarray, text: str) -> np.ndarray:
    """``results.add_note`` on arrays: ``text`` added where ``mask`` holds, after '; ' where
    there is a note already."""
    return per_distinct(
        lambda note, on: (f"{note}; {text}" if note else text) if on else note,
        {"note": notes, "on": mask})


def note_cells(cnt: Cells, mask: np.ndarray, text: str) -> Cells:
    """The cell table with ``text`` added to the note where ``mask`` holds."""
    return replace(cnt, note=add_note(cnt.note, mask, text))


def year_before(cnt: Cells) -> np.ndarray:
    """For each row, the row of the same dimension, level and group in the year before
    (-1 where there is none). Raises ``pandas.errors.InvalidIndexError`` if a row repeats
    another's year, dimension, level and group.

    >>> cnt = Cells.from_frame(pd.DataFrame({"year": [2023, 2024, 2024], "dimension": "overall",
    ...     "level": "All", "group": ["BME", "BME", "White"], "k": 0, "n": 0, "note": ""}))
    >>> year_before(cnt).tolist()
    [-1, 0, -1]
    """
    if not len(cnt):
        return np.empty(0, dtype=np.int64)
    same = first_seen(cnt.dimension, cnt.level, cnt.group)
    # Years as 1, 2, ... from the first: 0, the year before the first, is nobody's.
    offset = cnt.year - cnt.year.min() + 1
    stride = int(offset.max()) + 1
    return pd.Index(same * stride + offset).get_indexer(same * stride + offset - 1)


def compared_groups(cnt: Cells, groups: str) -> list[str]:
    """The groups that get a relative likelihood against White: BME at ``wres`` level,
    otherwise every group but the reference and Unknown."""
    if groups == "wres":
        return ["BME"]
    return [g for g in pd.unique(cnt.group) if g not in (REFERENCE, UNKNOWN)]


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _block(cnt: Cells, rows: np.ndarray | slice, *, indicator: int, measure: str,
           **figures: np.ndarray) -> Block:
    """Results rows for the cell-table rows ``rows``, with their figures."""
    year = cnt.year[rows]
    return {"year": year, "indicator": np.full(len(year), indicator, dtype=np.int64),
            "measure": np.full(len(year), measure, dtype=object), "group": cnt.group[rows],
            "dimension": cnt.dimension[rows], "level": cnt.level[rows], **figures}


def likelihood_rows(
    cnt: Cells, *, indicator: int, measure: str, wording: Wording
) -> Block:
    """One row per cell-table row: ``value = k / n`` (a proportion from 0 to 1), with the
    Wilson score interval; ``numerator = k``, ``denominator = n``.

    Where ``n`` is 0 the value is empty and the note says who is missing.

    >>> cnt = Cells.from_frame(pd.DataFrame({"year": [2024, 2024], "dimension": "overall",
    ...     "level": "All", "group": ["White", "BME"], "k": [39, 0], "n": [83, 0], "note": ""}))
    >>> w = Wording("applicants", "no {who} shortlisted", "no {who} appointed")
    >>> rows = pd.DataFrame(likelihood_rows(cnt, indicator=2, measure="likelihood", wording=w))
    >>> rows[["group", "value", "note"]].round(4).values.tolist()
    [['White', 0.4699, ''], ['BME', nan, 'no BME applicants shortlisted']]
    """
    k = cnt.k.astype(float)
    n = cnt.n.astype(float)
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
        {"cell_note": cnt.note, "g": cnt.group, "empty": n == 0, "surplus": (n > 0) & (k > n)})
    return _block(cnt, slice(None), indicator=indicator, measure=measure, numerator=k,
                  denominator=n, value=value, ci_low=np.where(ok, low, np.nan),
                  ci_high=np.where(ok, high, np.nan), note=notes)


def relative_rows(
    cnt: Cells,
    *,
    indicator: int,
    measure: str,
    groups: str,
    direction: Direction,
    wording: Wording,
) -> Block:
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

    >>> cnt = Cells.from_frame(pd.DataFrame({"year": 2024, "dimension": "overall",
    ...     "level": "All", "group": ["White", "BME", "Unknown"], "k": [39, 23, 1],
    ...     "n": [83, 157, 4], "note": ""}))
    >>> w = Wording("applicants", "no {who} shortlisted", "no {who} appointed")
    >>> rows = pd.DataFrame(relative_rows(cnt, indicator=2, measure="relative_likelihood",
    ...     groups="wres", direction=Direction.WHITE_OVER, wording=w))
    >>> rows[["group", "value", "ci_low", "ci_high"]].round(2).values.tolist()
    [['BME', 3.21, 2.06, 4.99]]
    """
    rows = np.flatnonzero(one_of(cnt.group, compared_groups(cnt, groups)))
    if not len(rows):
        return {c: np.empty(0) for c in ROW_COLUMNS}
    # Each compared row's reference row: the White row of its cell (-1 where it has none).
    cell = first_seen(cnt.year, cnt.dimension, cnt.level)
    is_ref = cnt.group == REFERENCE
    if np.bincount(cell[is_ref]).max(initial=0) > 1:
        raise ValueError("a cell of the cell table has more than one reference row")
    ref_of_cell = np.full(cell.max() + 1, -1, dtype=np.int64)
    ref_of_cell[cell[is_ref]] = np.flatnonzero(is_ref)
    ref = ref_of_cell[cell[rows]]
    kg, ng = cnt.k[rows].astype(float), cnt.n[rows].astype(float)
    kr = np.where(ref >= 0, cnt.k[ref], 0).astype(float)
    nr = np.where(ref >= 0, cnt.n[ref], 0).astype(float)
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
        "cell_note": cnt.note[rows], "g": cnt.group[rows], "no_g": ng == 0, "no_ref": nr == 0,
        "no_below": c == 0, "surplus": ok & ~np.isfinite(low), "haldane": ok & corrected})
    nothing = np.full(len(rows), np.nan)
    return _block(cnt, rows, indicator=indicator, measure=measure, numerator=nothing,
                  denominator=nothing, value=value, ci_low=low, ci_high=high, note=notes)


def assemble(blocks: Sequence[Block]) -> pd.DataFrame:
    """A results table from row blocks, ordered by year, breakdown (in the order the blocks
    first show it), measure (in block order) and group (in block order).

    Caution and suppression are left False: a later step sets them.
    """
    blocks = [b for b in blocks if len(b["year"])]
    if not blocks:
        return results.empty()
    rows = {c: np.concatenate([b[c] for b in blocks]) for c in ROW_COLUMNS}
    cell = first_seen(rows["dimension"], rows["level"])
    # lexsort is stable: within a year and breakdown level the blocks keep their order (the
    # measures), and each block the order of its rows (the groups).
    order = np.lexsort((cell, rows["year"]))
    return results_table({c: v[order] for c, v in rows.items()})


def results_table(rows: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """The results table ``results.frame`` makes of ``rows`` (each of :data:`ROW_COLUMNS`
    as an array), built straight in its column types: ``frame`` converts and checks every
    column through pandas, which took longer than all the counting here.

    >>> rows = {"year": np.array([2024]), "indicator": np.array([2]),
    ...     "measure": np.array(["likelihood"], object), "group": np.array(["BME"], object),
    ...     "dimension": np.array(["overall"], object), "level": np.array(["All"], object),
    ...     "numerator": np.array([1.0]), "denominator": np.array([0.0]),
    ...     "value": np.array([np.inf]), "ci_low": np.array([np.nan]),
    ...     "ci_high": np.array([0.5]), "note": np.array([""], object)}
    >>> pd.testing.assert_frame_equal(results_table(rows), results.frame(pd.DataFrame(rows)))
    """
    size = len(rows["year"])

    def text(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
        return pd.array(values, dtype="string")

    def figure(values: np.ndarray) -> pd.arrays.FloatingArray:
        values = np.array(values, dtype=float)
        # inf or nan from a division is "cannot be computed", never a figure.
        return pd.arrays.FloatingArray(values, ~np.isfinite(values))

    def unset() -> pd.arrays.BooleanArray:
        return pd.arrays.BooleanArray(np.zeros(size, dtype=bool), np.zeros(size, dtype=bool))

    columns = {
        "year": np.asarray(rows["year"], dtype=np.int64),
        "indicator": np.asarray(rows["indicator"], dtype=np.int64),
        **{c: text(rows[c]) for c in ("measure", "group", "dimension", "level", "note")},
        **{c: figure(rows[c]) for c in ("numerator", "denominator", "value", "ci_low",
                                         "ci_high")},
        "caution": unset(),
        "suppressed": unset(),
    }
    return pd.DataFrame({c: columns[c] for c in RESULT_COLUMNS}, copy=False)


def headcount_cells(
    events: pd.DataFrame,
    base: pd.DataFrame,
    *,
    groups: str,
    by: str | Sequence[str] | None,
    no_events_note: str,
    event_years: set[int] | None = None,
) -> Cells:
    """Cell table of events over the workforce headcount of the same year (indicators 3 and
    4), on the breakdowns both frames have.

    Every year of the headcount is given. A year with no event row at all has zero events
    (likelihood 0 is shown, as the data say), with ``no_events_note`` (a format string with
    ``{year}``) in every cell of it, because zero may also mean that year's file was not
    loaded; unless the year is among ``event_years``, the years the events' files cover
    (a header-only file is a true zero). Default: the years of the event rows.
    """
    dims = shared_dimensions(base, events, by)
    cnt = paired_counts(events, base, groups=groups, dims=dims)
    if event_years is None:
        event_years = set(events["year"].astype("int64").unique().tolist())
    for year in sorted(set(np.unique(cnt.year).tolist()) - event_years):
        cnt = note_cells(cnt, cnt.year == year, no_events_note.format(year=year))
    return cnt


def covered_years(*frames: pd.DataFrame) -> set[int]:
    """Years every one of the frames has a row for."""
    sets = [set(int(y) for y in df["year"].unique()) for df in frames]
    return set.intersection(*sets) if sets else set()
