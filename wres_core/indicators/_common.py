"""Counting shared by the indicators: people per year, breakdown level and ethnic group."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from wres_core.schema import GROUP_COLUMN

OVERALL = "overall"
ALL = "All"


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
    weight = df["count"].astype("int64")
    base = pd.DataFrame({"year": df["year"].astype("int64"), "group": df[gcol], "n": weight})
    if flag is not None:
        base["k"] = weight.where(df[flag].fillna(False).astype(bool), 0)
    value_cols = ["n", "k"] if flag is not None else ["n"]
    parts = []
    for dim in dims:
        level = pd.Series(ALL, index=df.index) if dim == OVERALL else df[dim]
        frame = base.assign(level=level)
        summed = frame.groupby(["year", "level", "group"], observed=True, dropna=True)[
            value_cols
        ].sum()
        if summed.empty:
            continue
        # Complete the grid of groups within each observed (year, level).
        cells = summed.index.droplevel("group").unique()
        full = pd.MultiIndex.from_tuples(
            [(y, lvl, g) for y, lvl in cells for g in glist], names=["year", "level", "group"]
        )
        summed = summed.reindex(full, fill_value=0).reset_index()
        summed.insert(1, "dimension", dim)
        parts.append(summed)
    cols = ["year", "dimension", "level", "group", *value_cols]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["level"] = out["level"].astype(str)
    out["group"] = out["group"].astype(str)
    for c in value_cols:
        out[c] = out[c].astype("int64")
    return out[cols]
