"""The ethnicity pay gap, beside the nine indicators (NHS England EDI Improvement Plan, 2023,
high-impact action 3), from the workforce's ``hourly_pay`` at 31 March.

Rows of the results table, ``indicator`` :data:`INDICATOR` (10: not a WRES indicator; the
results table numbers its indicators), for every year, overall and per level of a
drill-down ``by``:

- ``mean_gap``, ``median_gap`` for each group but Unknown and the reference:
  (reference figure - group figure) / reference figure x 100, in percent; positive means the
  group is paid less. The median of an even count is the mean of the two middle values.
  Groups: BME at ``wres`` level; each broad group (Mixed, Asian, Black, Other) at ``broad``;
  each ethnic category at ``category`` (White Irish and Any other White included). The
  reference is all White staff, or White British staff (``reference="White British"``; the
  note says so). ``numerator`` = the reference's people with an hourly pay, ``denominator``
  = the group's (so the caution mark and suppression see the group's own base, and
  suppression the reference's too). 95% interval: ``wres_core.pay_stats``.
- ``quartile_share``, dimension ``pay_quartile``, levels Lower, Lower middle, Upper middle,
  Upper: everyone with an hourly pay (Unknown included) ranked from lowest to highest and
  split into four quarters as the Gender Pay Gap Regulations 2017 (regulation 13) and the
  government's guidance do: each quarter has n // 4 people, and the remainder goes one each
  to Lower, then Upper middle, then Lower middle (1 left over: Lower; 2: Lower and Upper
  middle; 3: Lower, Lower middle and Upper middle). People on the same hourly rate who fall
  across a boundary are shared between the quarters so that each group's proportion of them
  is the same in each (regulation 13(2)), in whole people by largest remainders, shared by
  ethnic category and summed up to the group level (so every level gives the same counts).
  ``numerator`` = the group's people in the quarter, ``denominator`` = the quarter's people,
  ``value`` = percent, Wilson interval; and a row at dimension ``overall``, level All: the
  group's share of everyone with a pay (the four quarters together; publication-safe mode
  reads the quarters as adding up to it). Quarters are organisation-wide only: a drill-down
  gives each level's gaps, not its own quarters, because suppression has no rule yet for a
  level's quarters adding up to that level's count (a withheld quarter count could be had
  by subtraction); see the report of issue 18.

People with no usable pay (blank, zero, text, negative: see ``wres_core.hourly_pay``) are in
none of these figures and in every other indicator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_core import results
from wres_core.dataset import Dataset
from wres_core.indicators._common import (
    ALL,
    OVERALL,
    column_codes,
    dimensions,
    group_values,
    sorted_codes,
)
from wres_core.pay_stats import gap_interval, mean_se, median_ranks
from wres_core.schema import GROUP_COLUMN, GROUP_LEVELS
from wres_core.stats import Z95, wilson_ci

# What the pay gap is and how it is computed, in markdown: the methodology page shows it and
# the workbook's methodology sheet prints it as plain sentences (one text for both).
METHOD_TEXT = """
**Why.** NHS England's *Equality, Diversity and Inclusion Improvement Plan* (June 2023),
high-impact action 3, asks every NHS organisation to analyse and publish its pay gaps: sex,
then ethnicity (from 2024), then disability. This is not one of the nine WRES indicators and
not an official WRES figure.

**Pay.** Ordinary basic pay per hour at 31 March, from the workforce file's `hourly_pay`
(ESR's *Hourly Rate*, *Basic Hourly Rate*). Staff with a blank or zero rate are left out of
the pay figures only (the Data and quality page counts them); a rate that is text or negative
is reported with its rows and also left out.

**Mean and median gap.** For each group against the reference:
(reference figure − group figure) / reference figure × 100, in percent. Positive means the
group is paid less. The median is the middle value, or the mean of the two middle values for
an even count. Groups: BME; each broad group (Mixed, Asian, Black, Other); each ethnic
category (White Irish and any other White background included). Unknown is in no gap. The
reference is all White staff, or White British staff where chosen (every chart then says so).

**Pay quarters.** Everyone with an hourly pay (Unknown included) is ranked from lowest to
highest pay and split into four quarters of equal size (Lower, Lower middle, Upper middle,
Upper), as regulation 13 of the Equality Act 2010 (Gender Pay Gap Information) Regulations
2017 and the government's guidance on making the calculations do it: where the count does
not divide by four, one person left over goes to Lower; two go to Lower and Upper middle;
three to Lower, Lower middle and Upper middle. People on the same hourly rate who fall across
a boundary are shared between the quarters so that each ethnic category's proportion of them
is the same in each quarter (regulation 13(2)), in whole people by largest remainders. Each
group's figure is its percent of the quarter. Quarters are organisation-wide (after the
sidebar's filters); a drill-down shows each level's gaps, not its own quarters.

**Intervals and trends.** 95% intervals on the log of the ratio of the two figures: for the
mean, each mean's standard error from its own standard deviation (Welch's unpooled
variances), combined by the delta method; for the median, each median's distribution-free
standard error from two order statistics (McKean and Schrader, 1984), combined the same way.
Many staff share a few Agenda for Change pay points, so a median can be exact (an interval of
no width). Quarter shares have Wilson intervals. A change on the year before is a z test on
the two years' log ratios; "no clear change" unless p < 0.05. Gaps carry the caution mark
when the group has fewer than the caution threshold; in publication-safe mode no gap is
shown for a group (or reference) under the suppression threshold, and quarter counts are
withheld like every other count.

**How this differs from the gender pay gap regulations.** The regulations cover sex, not
ethnicity, and use *ordinary pay* including allowances and shift premium, for full-pay
relevant employees in the pay period that includes the snapshot date (31 March in the public
sector), with bonus measures besides. This page uses the basic hourly rate in the ESR extract
(no allowances, no bonus), for every member of staff in post with a rate. An ethnicity gap
also has more than two groups and a reference group to choose; and the ethnicity of a small
group can be disclosed by its figures, so the WRES suppression rules apply.
"""

INDICATOR = 10
PAY_COLUMN = "hourly_pay"
MEASURES = ("mean_gap", "median_gap", "quartile_share")
QUARTILE_DIMENSION = "pay_quartile"
QUARTERS = ("Lower", "Lower middle", "Upper middle", "Upper")
# Which quarters take the people left over when the count is not divisible by four, in
# order (government guidance on the Gender Pay Gap Regulations).
REMAINDER_ORDER = (0, 2, 1)
WHITE, WHITE_BRITISH = "White", "White British"
REFERENCES = (WHITE, WHITE_BRITISH)
WHITE_BRITISH_CATEGORY = "White - British"
UNKNOWN = "Unknown"


def reference_note(reference: str) -> str:
    """The note on every gap against White British staff ("" against all White staff)."""
    return "" if reference == WHITE else "against White British staff"


def pay_gaps(data: Dataset, *, groups: str = "wres", by: str | Sequence[str] | None = None,
             reference: str = WHITE) -> pd.DataFrame:
    """Rows of the results table for the pay gap (module docstring); empty where no
    workforce file has an hourly pay."""
    if groups not in GROUP_LEVELS:
        raise ValueError(f"groups must be one of {', '.join(GROUP_LEVELS)}; got {groups!r}")
    if reference not in REFERENCES:
        raise ValueError(f"reference must be one of {', '.join(REFERENCES)}; got {reference!r}")
    df = data.frames.get("workforce")
    if df is None or PAY_COLUMN not in df.columns:
        return results.empty()
    basis = data.memo("pay_basis", lambda: _Basis.of(df))
    if basis is None:
        return results.empty()
    glist = group_values(df, groups)
    gcodes, gnames = column_codes(df[GROUP_COLUMN[groups]])
    # Each row's group as its position in glist (-1 where it has none).
    to_list = np.append(pd.Index(glist).get_indexer(gnames), -1)
    group = to_list[gcodes]
    if reference == WHITE:
        is_ref = _equals(df["wres_group"], WHITE)
    else:
        is_ref = _equals(df["ethnic_category"], WHITE_BRITISH_CATEGORY)
    category, rank, values = basis.category, basis.rank, basis.values
    compared = [i for i, g in enumerate(glist)
                if g != UNKNOWN and not (g == WHITE and reference == WHITE)
                and not (g == WHITE_BRITISH_CATEGORY and reference == WHITE_BRITISH)]
    parts = []
    for dim in dimensions(df, by):
        w, cells, labels = basis.cells(df, dim)
        parts.append(_gap_rows(cells, group, is_ref, rank, values, w, glist, compared, dim,
                               labels, reference))
        if dim == OVERALL:
            # Quarters are organisation-wide only (see the module docstring).
            parts.append(_quartile_rows(cells, group, category, rank, values, w, glist))
    parts = [p for p in parts if len(p)]
    return results.frame(pd.concat(parts, ignore_index=True)) if parts else results.empty()


@dataclass(frozen=True)
class _Basis:
    """What the pay gap reads of the workforce whatever the group level, kept per Dataset
    (a publication-safe table computes every level) in the narrowest integers that hold it,
    widened as read: a nation's workforce has millions of rows. ``rank``: each row's pay
    among the distinct ``values``; ``weight``: people, 0 for a row with no pay."""

    _category: np.ndarray
    _year_code: np.ndarray
    year_values: np.ndarray
    _weight: np.ndarray
    _rank: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, df: pd.DataFrame) -> _Basis | None:
        """None where no row has a pay."""
        pay = df[PAY_COLUMN].to_numpy(dtype=float, na_value=np.nan)
        keep = np.isfinite(pay) & (pay > 0)
        if not keep.any():
            return None
        # Quarters are shared out by ethnic category and summed up to the group level, so
        # that a group's count in a quarter is the same at every group level (ties across a
        # boundary are shared in proportion, and the shares depend on how the groups are
        # cut).
        category, _ = column_codes(df["ethnic_category"])
        year_code, year_values = sorted_codes(df["year"].to_numpy(dtype=np.int64))
        weight = np.where(keep, df["count"].to_numpy(dtype=np.int64), 0)
        rank = np.zeros(len(df), dtype=np.int64)
        rank[keep], values = pay_ranks(pay[keep])
        return cls(_narrow(category), _narrow(year_code), year_values, _narrow(weight),
                   _narrow(rank), values)

    @property
    def category(self) -> np.ndarray:
        return self._category.astype(np.int64)

    @property
    def rank(self) -> np.ndarray:
        return self._rank.astype(np.int64)

    def cells(self, df: pd.DataFrame, dim: str) -> tuple[np.ndarray, _Cells, list[str]]:
        """The weights, cells and level labels of one breakdown."""
        if dim == OVERALL:
            lcodes, lnames = np.zeros(len(df), dtype=np.int64), [ALL]
        else:
            lcodes, lnames = column_codes(df[dim])
        # Rows left out (no pay, no level, no one) weigh 0 rather than being cut out: every
        # step below tallies people by weight, so no array of millions is copied.
        w = np.where((lcodes >= 0) & (self._weight > 0), self._weight.astype(np.int64), 0)
        cells = _Cells.of(self._year_code.astype(np.int64), np.maximum(lcodes, 0), w,
                          len(self.year_values), max(len(lnames), 1), self.year_values)
        return w, cells, [str(v) for v in lnames]


def _narrow(codes: np.ndarray) -> np.ndarray:
    """Whole numbers in the narrowest signed integers that hold them."""
    if not len(codes):
        return codes
    low, high = int(codes.min()), int(codes.max())
    for dtype in (np.int8, np.int16, np.int32):
        info = np.iinfo(dtype)
        if info.min <= low and high <= info.max:
            return codes.astype(dtype)
    return codes


def _equals(col: pd.Series, value: str) -> np.ndarray:
    """Which rows hold ``value``: by category code where the column is categorical (a
    national column of millions of rows is never made into text)."""
    codes, names = column_codes(col)
    hit = np.append(np.asarray([str(v) == value for v in names], dtype=bool), False)
    return hit[codes]  # code -1 (missing) takes the appended False


class _Cells:
    """The cells (year and level) of one breakdown that have anyone with a pay, numbered
    densely in order of year then level, and each row's cell (-1 for a row of no one)."""

    def __init__(self, row_cell: np.ndarray, cell_year: np.ndarray,
                 cell_level: np.ndarray) -> None:
        self.row_cell, self.cell_year, self.cell_level = row_cell, cell_year, cell_level

    @classmethod
    def of(cls, year_code: np.ndarray, level: np.ndarray, weight: np.ndarray, n_years: int,
           n_levels: int, year_values: np.ndarray) -> _Cells:
        # Counted into bins of (year, level) rather than sorted: one pass over the rows.
        key = year_code * n_levels + level
        present = np.flatnonzero(np.bincount(key[weight > 0], minlength=n_years * n_levels))
        number = np.full(n_years * n_levels, -1, dtype=np.int64)
        number[present] = np.arange(len(present))
        return cls(np.where(weight > 0, number[key], -1),
                   np.asarray(year_values, dtype=np.int64)[present // n_levels],
                   present % n_levels)

    @property
    def n_cells(self) -> int:
        return len(self.cell_year)


def _tally(keys: Sequence[np.ndarray], weights: Sequence[np.ndarray], size: int
           ) -> tuple[np.ndarray, np.ndarray]:
    """People per distinct key (integers 0..size-1), over several (keys, weights) arrays
    together: the keys that have anyone, ascending, and their counts. Keys of weight 0 may
    hold anything in range. Counted into bins where there are not many more bins than rows
    (no sort at all); hashed, then only the distinct keys sorted, otherwise."""
    rows = sum(len(k) for k in keys)
    if size <= 2 * rows + (1 << 20):
        n = np.zeros(size, dtype=np.int64)
        for k, w in zip(keys, weights, strict=True):
            n += np.bincount(k, weights=w, minlength=size).astype(np.int64)
        at = np.flatnonzero(n)
        return at, n[at]
    k = np.concatenate([k[w > 0] for k, w in zip(keys, weights, strict=True)])
    w = np.concatenate([w[w > 0] for w in weights])
    codes, uniques = pd.factorize(k)
    n = np.bincount(codes, weights=w, minlength=len(uniques)).astype(np.int64)
    order = np.argsort(uniques, kind="stable")
    return np.asarray(uniques, dtype=np.int64)[order], n[order]


def pay_ranks(pay: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pay's rank among the distinct pays (0 = lowest), and the distinct pays in
    ascending order: hashed, then only the few distinct values sorted. A national extract
    has millions of rows but a few thousand hourly rates (Agenda for Change pay points), so
    every figure below works on runs of one pay (people tallied by unit and pay rank), never
    person by person.

    >>> r, v = pay_ranks(np.array([12.5, 9.0, 12.5, 30.0]))
    >>> r.tolist(), v.tolist()
    ([1, 0, 1, 2], [9.0, 12.5, 30.0])
    """
    codes, uniques = pd.factorize(pay)
    order = np.argsort(uniques, kind="stable")
    rank_of = np.empty(len(order), dtype=np.int64)
    rank_of[order] = np.arange(len(order))
    return rank_of[codes], np.asarray(uniques, dtype=float)[order]


def _unit_stats(unit: np.ndarray, x: np.ndarray, w: np.ndarray,
                n_units: int) -> dict[str, np.ndarray]:
    """Per unit (an integer 0..n_units-1): people, mean, standard deviation, median and the
    median's standard error (``pay_stats``), from runs of one pay: ``w`` people of unit
    ``unit`` on pay ``x``, sorted by unit then pay."""
    n = np.bincount(unit, weights=w, minlength=n_units).astype(np.int64)
    has = n > 0
    # Each unit's first run, and its first person's place among everyone.
    first_run = np.searchsorted(unit, np.arange(n_units))
    person0 = np.concatenate([[0], np.cumsum(n)[:-1]])
    # Summed as offsets from each unit's lowest pay, so that a unit where everyone has the
    # same pay has exactly that mean (and a gap of exactly 0 beside an equal group).
    low = np.zeros(n_units)
    if len(x):
        low = np.where(has, x[np.minimum(first_run, len(x) - 1)], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = low + np.bincount(unit, weights=w * (x - low[unit]), minlength=n_units) / n
        dev = np.bincount(unit, weights=w * (x - mean[unit]) ** 2, minlength=n_units)
        sd = np.sqrt(dev / (n - 1))
    median = np.full(n_units, np.nan)
    median_se = np.full(n_units, np.nan)
    if len(x):
        ends = np.cumsum(w)  # one past the last person of each run

        def at(place: np.ndarray) -> np.ndarray:
            """The pay of the person at each place (0-based among everyone)."""
            place = np.clip(place, 0, ends[-1] - 1)
            return x[np.searchsorted(ends, place, side="right")]

        mid = (at(person0 + (n - 1) // 2) + at(person0 + n // 2)) / 2
        median = np.where(has, mid, np.nan)
        c, upper = median_ranks(n)
        spread = at(person0 + upper - 1) - at(person0 + c - 1)
        median_se = np.where(n >= 2, spread / (2 * Z95), np.nan)
    return {"n": n, "mean": np.where(has, mean, np.nan), "sd": np.where(n >= 2, sd, np.nan),
            "median": median, "median_se": median_se}


def _gap_rows(cells: _Cells, group: np.ndarray, is_ref: np.ndarray, rank: np.ndarray,
              values: np.ndarray, w: np.ndarray, glist: list[str], compared: list[int],
              dim: str, labels: list[str], reference: str) -> pd.DataFrame:
    n_cells, n_groups = cells.n_cells, len(glist)
    if not compared or not n_cells:
        return pd.DataFrame()
    # Units: (cell, group) for every group, then (cell, reference) after them; a person of
    # the reference is in both (White British is also a White category). People are
    # tallied by (unit, pay rank): runs of one pay, in order of unit then pay.
    ref_unit, width = n_groups, len(values)
    cell = np.maximum(cells.row_cell, 0)
    in_group = np.where(group >= 0, w, 0)
    in_ref = np.where(is_ref, w, 0)
    key, runs = _tally(
        [(cell * (n_groups + 1) + np.maximum(group, 0)) * width + rank,
         (cell * (n_groups + 1) + ref_unit) * width + rank],
        [in_group, in_ref], n_cells * (n_groups + 1) * width)
    stats = _unit_stats(key // width, values[key % width], runs, n_cells * (n_groups + 1))

    cell_of = np.repeat(np.arange(n_cells), len(compared))
    gpos = np.tile(np.asarray(compared, dtype=np.int64), n_cells)
    mine, ref = cell_of * (n_groups + 1) + gpos, cell_of * (n_groups + 1) + ref_unit
    n_g, n_r = stats["n"][mine], stats["n"][ref]
    group_names = np.asarray(glist, dtype=object)[gpos]
    ref_word = "White British" if reference == WHITE_BRITISH else "White"
    base_note = reference_note(reference)
    # A few distinct wordings over many rows: built per group, then picked per row.
    def joined(text: str) -> str:
        return "; ".join(t for t in (base_note, text) if t)

    no_group = np.array([joined(f"no {g} staff with an hourly pay") for g in glist],
                        dtype=object)
    notes = np.where(n_r == 0, joined(f"no {ref_word} staff with an hourly pay"),
                     np.where(n_g == 0, no_group[gpos], base_note))
    level = np.asarray(labels, dtype=object)[cells.cell_level[cell_of]]
    year = cells.cell_year[cell_of]
    out = []
    for measure, fig, se in (
        ("mean_gap", "mean", mean_se(stats["sd"], stats["n"])),
        ("median_gap", "median", stats["median_se"]),
    ):
        gap, low, high = gap_interval(stats[fig][mine], stats[fig][ref], se[mine], se[ref])
        out.append(pd.DataFrame({
            "year": year, "indicator": INDICATOR, "measure": measure, "group": group_names,
            "dimension": dim, "level": level, "numerator": n_r, "denominator": n_g,
            "value": gap, "ci_low": low, "ci_high": high, "note": notes,
        }))
    return pd.concat(out, ignore_index=True)


def quarter_sizes(n: np.ndarray) -> np.ndarray:
    """People in each quarter (Lower to Upper) of n people ranked by pay.

    >>> quarter_sizes(np.array([8, 9, 10, 11])).tolist()
    [[2, 2, 2, 2], [3, 2, 2, 2], [3, 2, 3, 2], [3, 3, 3, 2]]
    """
    n = np.asarray(n, dtype=np.int64)
    sizes = np.repeat((n // 4)[:, None], 4, axis=1)
    rest = n % 4
    for k, quarter in enumerate(REMAINDER_ORDER):
        sizes[:, quarter] += rest > k
    return sizes


def quartile_counts(cell: np.ndarray, group: np.ndarray, pay: np.ndarray, n_cells: int,
                    n_groups: int, weight: np.ndarray | None = None) -> np.ndarray:
    """People of each group in each quarter of each cell, as an array (cells, 4, groups);
    ``weight``: people per row (1 each when not given).

    Ranked by pay within each cell; people on the same pay across a quarter boundary are
    shared between the quarters in the proportions of their groups (largest remainders).

    >>> c = quartile_counts(np.zeros(4, int), np.array([0, 1, 0, 1]),
    ...                     np.array([5.0, 5.0, 9.0, 9.0]), 1, 2)
    >>> c[0].tolist()   # two tied pairs, each across a boundary: one of each group per quarter
    [[1, 0], [0, 1], [1, 0], [0, 1]]
    """
    if not len(cell):
        return np.zeros((n_cells, 4, n_groups), dtype=np.int64)
    rank, values = pay_ranks(pay)
    w = np.ones(len(cell), dtype=np.int64) if weight is None else np.asarray(weight, np.int64)
    return _run_quartiles(np.asarray(cell, np.int64), np.asarray(group, np.int64), rank, w,
                          max(len(values), 1), n_cells, n_groups)


def _run_quartiles(cell: np.ndarray, group: np.ndarray, rank: np.ndarray, w: np.ndarray,
                   width: int, n_cells: int, n_groups: int) -> np.ndarray:
    """``quartile_counts`` from each row's cell, group, pay rank (below ``width``) and
    people (rows of 0 may hold any cell and group in range), worked on runs of one pay:
    a run's people all fall in one quarter unless the run straddles a boundary, and only
    the few that do (at most three a cell) are shared out one by one."""
    out = np.zeros((n_cells, 4, n_groups), dtype=np.int64)
    key, count = _tally([(cell * width + rank) * n_groups + group], [w],
                        n_cells * width * n_groups)
    if not len(key):
        return out
    g, pay_key = key % n_groups, key // n_groups  # tallies in order of cell, pay, group
    c = pay_key // width
    new_run = np.ones(len(key), dtype=bool)
    new_run[1:] = pay_key[1:] != pay_key[:-1]
    run = np.cumsum(new_run) - 1
    run_start = np.flatnonzero(new_run)
    size = np.bincount(run, weights=count).astype(np.int64)  # people in each run
    run_cell = c[run_start]
    n = np.bincount(c, weights=count, minlength=n_cells).astype(np.int64)
    # Each run's first and last person's rank within its cell (0 = lowest paid).
    before_cell = np.concatenate([[0], np.cumsum(n)[:-1]])
    first = np.cumsum(size) - size - before_cell[run_cell]
    last = first + size - 1
    ends = np.cumsum(quarter_sizes(n), axis=1)  # one past each quarter's last rank
    q_first = (first[:, None] >= ends[run_cell, :3]).sum(axis=1)
    q_last = (last[:, None] >= ends[run_cell, :3]).sum(axis=1)
    straddles = q_first != q_last
    plain = ~straddles[run]
    flat = (c[plain] * 4 + q_first[run][plain]) * n_groups + g[plain]
    out += np.bincount(flat, weights=count[plain],
                       minlength=n_cells * 4 * n_groups).astype(np.int64).reshape(out.shape)
    starts = np.concatenate([np.zeros((n_cells, 1), dtype=np.int64), ends], axis=1)
    for r in np.flatnonzero(straddles):
        k = run_cell[r]
        lo, hi = run_start[r], run_start[r] + np.count_nonzero(run == r)
        # People of the run in each quarter: the overlap of its ranks with the quarter's.
        seats = np.clip(np.minimum(last[r] + 1, starts[k, 1:])
                        - np.maximum(first[r], starts[k, :4]), 0, None)
        left = np.bincount(g[lo:hi], weights=count[lo:hi], minlength=n_groups).astype(np.int64)
        for q in np.flatnonzero(seats):
            take = _apportion(int(seats[q]), left)
            out[k, q] += take
            left -= take
    return out


def _apportion(seats: int, pool: np.ndarray) -> np.ndarray:
    """``seats`` whole people taken from ``pool`` (people per group) in proportion to it,
    by largest remainders (ties to the earlier group); never more than a group has."""
    total = int(pool.sum())
    if seats >= total:
        return pool.copy()
    share = pool * seats / total
    take = np.floor(share).astype(np.int64)
    short = seats - int(take.sum())
    if short:
        order = np.argsort(-(share - take), kind="stable")
        take[order[:short]] += 1
    return take


def _quartile_rows(cells: _Cells, group: np.ndarray, category: np.ndarray, rank: np.ndarray,
                   values: np.ndarray, w: np.ndarray, glist: list[str]) -> pd.DataFrame:
    n_cells, n_groups = cells.n_cells, len(glist)
    w = np.where((group >= 0) & (category >= 0), w, 0)
    someone = w > 0
    if not n_cells or not someone.any():
        return pd.DataFrame()
    n_cats = int(category[someone].max()) + 1
    by_cat = _run_quartiles(np.maximum(cells.row_cell, 0), np.maximum(category, 0), rank, w,
                            max(len(values), 1), n_cells, n_cats)
    group_of = np.full(n_cats, -1, dtype=np.int64)
    group_of[category[someone]] = group[someone]  # each category lies in one group of the level
    counts = np.zeros((n_cells, 4, n_groups), dtype=np.int64)
    for c in np.flatnonzero(group_of >= 0):
        counts[:, :, group_of[c]] += by_cat[:, :, c]
    sizes = counts.sum(axis=2)
    cell = np.repeat(np.arange(n_cells), 4 * n_groups)
    quarter = np.tile(np.repeat(np.arange(4), n_groups), n_cells)
    gpos = np.tile(np.arange(n_groups), 4 * n_cells)
    k = counts.reshape(-1)
    n = sizes[cell, quarter]
    dimension = QUARTILE_DIMENSION
    level = np.asarray(QUARTERS, dtype=object)[quarter]
    # The four quarters together (level All): each group's share of everyone with a pay.
    # Publication-safe mode reads the quarters as adding up to it (as a breakdown adds up to
    # its overall row), so a withheld quarter count cannot be had from the group's total.
    whole = counts.sum(axis=1)  # (cells, groups)
    cell = np.concatenate([cell, np.repeat(np.arange(n_cells), n_groups)])
    gpos = np.concatenate([gpos, np.tile(np.arange(n_groups), n_cells)])
    k = np.concatenate([k, whole.reshape(-1)])
    n = np.concatenate([n, np.repeat(whole.sum(axis=1), n_groups)])
    level = np.concatenate([np.asarray(level, dtype=object),
                            np.full(n_cells * n_groups, ALL, dtype=object)])
    dimension = np.concatenate([np.full(len(quarter), dimension, dtype=object),
                                np.full(n_cells * n_groups, OVERALL, dtype=object)])
    low, high = wilson_ci(k, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(n > 0, 100.0 * k / n, np.nan)
    return pd.DataFrame({
        "year": cells.cell_year[cell], "indicator": INDICATOR, "measure": "quartile_share",
        "group": np.asarray(glist, dtype=object)[gpos], "dimension": dimension, "level": level,
        "numerator": k, "denominator": n, "value": value,
        "ci_low": 100.0 * np.asarray(low, float), "ci_high": 100.0 * np.asarray(high, float),
        "note": np.where(n > 0, "", "no one in this quarter"),
    })
