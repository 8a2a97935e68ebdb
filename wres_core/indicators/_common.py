"""Counting shared by the indicators: people per year, breakdown level and ethnic group."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from wres_core.schema import GROUP_COLUMN
from wres_core.values import offset_codes

OVERALL = "overall"
ALL = "All"


def first_seen(*columns: pd.Series | np.ndarray) -> np.ndarray:
    """For each row, the rank of its key (its values in ``columns``, equal-length arrays or
    Series) in order of first appearance; a missing value is a value like any other.

    Flags and whole numbers spanning few values (years, ranks) are numbered by offset,
    anything else hashed once; the rows' combined number is hashed once more at the end.
    The one way the indicators number their cells and distinct rows.

    >>> first_seen(pd.Series(["x", "y", "x", "z"]), np.array([1, 1, 1, 2]))
    array([0, 1, 0, 2])
    """
    key = np.zeros(len(columns[0]), dtype=np.int64)
    size = 1  # key < size
    for col in columns:
        codes, distinct = _codes(col)
        if size * distinct >= 2**62:  # renumbered only where the product could overflow
            key, seen = pd.factorize(key)
            size = len(seen)
        key = key * distinct + codes
        size *= distinct
    return pd.factorize(key)[0].astype(np.int64)


def _codes(col: pd.Series | np.ndarray) -> tuple[np.ndarray, int]:
    """Codes of one key column from 0, and how many there can be (at least one)."""
    values = col.to_numpy() if isinstance(col, pd.Series) and col.dtype.kind in "biu" else col
    if isinstance(values, np.ndarray) and values.dtype == bool:  # no need to hash two values
        return values.astype(np.int64), 2
    few = offset_codes(values) if isinstance(values, np.ndarray) else None
    if few is not None:
        return few[0], len(few[1])
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes.astype(np.int64), max(len(uniques), 1)


def per_distinct(fn: Callable[..., object], columns: Mapping[str, pd.Series | np.ndarray]
                 ) -> np.ndarray:
    """``[fn(**row) for row in rows]`` over the rows of ``columns`` (equal-length arrays or
    Series), as an object array, with ``fn`` called once per distinct row: the notes of a
    nation's table have a handful of distinct wordings over hundreds of thousands of rows."""
    arrays = {c: v.to_numpy() if isinstance(v, pd.Series) else np.asarray(v)
              for c, v in columns.items()}
    if not len(next(iter(arrays.values()))):
        return np.empty(0, dtype=object)
    rank = first_seen(*arrays.values())
    first = np.unique(rank, return_index=True)[1]  # the first row of rank 0, 1, 2, ...
    done = np.empty(len(first), dtype=object)
    done[:] = [fn(**{c: v[i] for c, v in arrays.items()}) for i in first]
    return done[rank]


def dimensions(
    df: pd.DataFrame, by: str | Sequence[str] | None, base: Sequence[str] = ()
) -> list[str]:
    """The breakdowns to compute: "overall", then ``base``, then ``by`` where the frame has
    them (a drill-down on a column the data lacks is left out, not an error)."""
    wanted = [OVERALL, *base]
    if isinstance(by, str):
        wanted.append(by)
    elif by:
        wanted.extend(by)
    out: list[str] = []
    for dim in wanted:
        if dim not in out and (dim == OVERALL or dim in df.columns):
            out.append(dim)
    return out


def group_values(df: pd.DataFrame, groups: str) -> list[str]:
    """Groups present anywhere in the frame, in the column's category order."""
    col = df[GROUP_COLUMN[groups]]
    present = set(col.dropna().unique())
    order = (
        list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else sorted(present)
    )
    return [g for g in order if g in present]


def counts(
    df: pd.DataFrame,
    *,
    groups: str,
    dims: Sequence[str],
    flag: str | None = None,
    group_list: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Sum of ``count`` per year, dimension, level and ethnic group.

    Returns columns ``year, dimension, level, group, n`` and, with ``flag`` (a boolean
    column), ``k``: the people among ``n`` for whom the flag is True (NA flags count as
    not True). Every group of ``group_list`` (default: those present) appears in every
    year and level, with zero where it has nobody, so that a share of 0 is a figure and a
    likelihood over nobody is visibly missing rather than absent.

    >>> df = pd.DataFrame({"year": [2024, 2024, 2024], "count": [2, 1, 1],
    ...     "wres_group": pd.Categorical(["White", "BME", "BME"], ["White", "BME", "Unknown"]),
    ...     "hit": [True, False, True]})
    >>> counts(df, groups="wres", dims=["overall"], flag="hit")[["group", "n", "k"]].values.tolist()
    [['White', 2, 2], ['BME', 2, 1]]
    """
    gcol = GROUP_COLUMN[groups]
    glist = list(group_list) if group_list is not None else group_values(df, groups)
    cols = ["year", "dimension", "level", "group", *(["n", "k"] if flag is not None else ["n"])]
    weight = df["count"].to_numpy(dtype="int64")
    hit = df[flag].fillna(False).astype(bool).to_numpy() if flag is not None else None
    ycodes, years = sorted_codes(df["year"].to_numpy(dtype="int64"))
    gcodes, gnames = column_codes(df[gcol])
    # Each group of glist by its position among the column's groups (-1: nobody in it).
    gpos = pd.Index(gnames).get_indexer(glist) if len(gnames) else np.full(len(glist), -1)
    parts = []
    for dim in dims:
        if dim == OVERALL:
            lcodes, lnames = None, [ALL]
        else:
            lcodes, lnames = column_codes(df[dim])
        part = summed(ycodes, lcodes, gcodes, weight, hit, len(years), len(lnames),
                       len(gnames), gpos)
        if part is None:
            continue
        cells, sums = part
        # Labels are taken from the few distinct ones, never built row by row.
        level_text = pd.array([str(v) for v in lnames], dtype=str)
        group_text = pd.array([str(g) for g in glist], dtype=str)
        parts.append(pd.DataFrame({
            "year": np.repeat(years[cells // len(lnames)], len(glist)),
            "dimension": dim,
            "level": level_text.take(np.repeat(cells % len(lnames), len(glist))),
            "group": group_text.take(np.tile(np.arange(len(glist)), len(cells))),
            **{c: s.reshape(-1) for c, s in zip(cols[4:], sums, strict=True)},
        }))
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["level"] = out["level"].astype(str)
    out["group"] = out["group"].astype(str)
    for c in cols[4:]:
        out[c] = out[c].astype("int64")
    return out[cols]


def column_codes(col: pd.Series) -> tuple[np.ndarray, list]:
    """Row codes (-1 where missing) and the values they stand for, in the order a sorted
    group-by lists them: a category's own order, otherwise sorted."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy(dtype=np.int64), list(col.cat.categories)
    codes, uniques = pd.factorize(col, sort=True, use_na_sentinel=True)
    return codes.astype(np.int64), list(uniques)


def sorted_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes of integer values in ascending order of the values, and the values, in one
    pass (a sort of millions of years would cost far more): each value's offset from the
    smallest where they span few values (years), hashed otherwise.

    >>> codes, years = sorted_codes(np.array([2025, 2023, 2025]))
    >>> codes.tolist(), years.tolist()
    ([1, 0, 1], [2023, 2025])
    """
    by_offset = offset_codes(values)
    if by_offset is not None:
        return by_offset
    codes, uniques = pd.factorize(values)
    order = np.argsort(uniques, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], np.asarray(uniques)[order]


# Up to this many slots (or one a row) the sums are taken on the whole grid of slots at once.
GRID_SLOTS = 1_000_000


def summed(
    ycodes: np.ndarray,
    lcodes: np.ndarray | None,
    gcodes: np.ndarray,
    weight: np.ndarray,
    hit: np.ndarray | None,
    n_years: int,
    n_levels: int,
    n_groups: int,
    gpos: np.ndarray,
) -> tuple[np.ndarray, list[np.ndarray]] | None:
    """People (and hits) per observed (year, level) cell and every group of ``gpos``: the
    sums of a sorted group-by on (year, level, group) that skips rows missing a level or a
    group, laid out on the full grid of groups. ``lcodes`` None: one level (overall). Returns
    the cells (year code * n_levels + level code, ascending) and one (cells x groups) array
    per sum; None when no row counts.

    Counted with ``bincount`` over integer slots, one pass over the rows per sum. A nation's
    rows make each temporary array tens of megabytes, and each fresh one costs the kernel
    its pages (the largest part of the time here once), so the slot is built in place and
    rows missing a level or a group go to one spare slot instead of being copied out."""
    n_cells = n_years * n_levels
    if n_cells * n_groups > max(GRID_SLOTS, len(ycodes)):
        return _summed_sparse(ycodes, lcodes, gcodes, weight, hit, n_levels, n_groups, gpos)
    size = n_cells * n_groups
    slot = ycodes * (n_levels * n_groups)
    if lcodes is not None and n_levels > 1:
        slot += lcodes * n_groups
    slot += gcodes
    missing = gcodes < 0
    if lcodes is not None:
        missing |= lcodes < 0
    if missing.any():
        if missing.all():
            return None
        slot[missing] = size  # the spare slot, dropped below
    ones = bool((weight == 1).all())
    rows = np.bincount(slot, minlength=size + 1)[:size]
    grids = [rows if ones else _bincount(slot, weight, False, size + 1)[:size]]
    if hit is not None:
        grids.append(_bincount(slot[hit], weight if ones else weight[hit], ones,
                               size + 1)[:size])
    # A cell is observed where some row is in it (whatever its weight), as a group-by's.
    observed = np.flatnonzero(rows.reshape(n_cells, n_groups).sum(axis=1))
    return observed, [_picked(g.reshape(n_cells, n_groups)[observed], gpos) for g in grids]


def _picked(grid: np.ndarray, gpos: np.ndarray) -> np.ndarray:
    """The columns of ``grid`` for each group of ``gpos`` (0 where it is -1: nobody)."""
    return np.where(gpos >= 0, grid[:, np.maximum(gpos, 0)], 0)


def _summed_sparse(ycodes, lcodes, gcodes, weight, hit, n_levels, n_groups, gpos):
    """``summed`` for a breakdown too fine for the whole grid: the cells numbered densely
    first (by their order), then the sums over observed cells only."""
    if lcodes is None:
        lcodes = np.zeros(len(ycodes), dtype=np.int64)
    ok = (lcodes >= 0) & (gcodes >= 0)
    if not ok.all():
        if not ok.any():
            return None
        ycodes, lcodes, gcodes, weight = ycodes[ok], lcodes[ok], gcodes[ok], weight[ok]
        hit = hit[ok] if hit is not None else None
    observed, cell = np.unique(ycodes * n_levels + lcodes, return_inverse=True)
    slot = cell.reshape(-1) * n_groups + gcodes
    size = len(observed) * n_groups
    ones = bool((weight == 1).all())
    grids = [_bincount(slot, weight, ones, size)]
    if hit is not None:
        grids.append(_bincount(slot[hit], weight[hit], ones, size))
    return observed, [_picked(g.reshape(len(observed), n_groups), gpos) for g in grids]


def _bincount(slot: np.ndarray, weight: np.ndarray, ones: bool, size: int) -> np.ndarray:
    """Sum of ``weight`` per slot. Unweighted bincount counts in integers; weighted adds in
    float64, which is exact for whole numbers far beyond any headcount."""
    if ones:
        return np.bincount(slot, minlength=size)
    return np.rint(np.bincount(slot, weights=weight, minlength=size)).astype(np.int64)
