"""The four families of equations a reader can use between the counts of a results table
(the package docstring's a to d), each found by its own function, and the counts that are
one count under two names.

Each function adds ``sum(parts) = total`` equations between *cells* (a row's numerator at
``2 * row``, its denominator at ``2 * row + 1``) to ``Cells.raw``, and links cells that
hold the same count in ``Cells.uf``; ``model._quantities`` then keeps the equations that
hold exactly in the data. The families are built in a fixed order (a, c, b, d): the order
of the equations is the order in which secondary suppression looks at them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from wres_core.disclosure.model import (
    _hierarchy,
    _is_of_which,
    _is_share,
    _RawEquations,
    _Rows,
    _UnionFind,
)
from wres_core.disclosure.rules import ALL, CROSSED, OVERALL, PARTITIONS

# A level's group vectors, per (year, dimension, level): (source, total cell, group cells).
Vectors = dict[tuple, list[tuple[tuple, "int | None", dict[str, int]]]]


@dataclass
class Cells:
    """A table's cells and what is being found about them."""

    rows: _Rows
    value: np.ndarray  # 2 * rows: numerator, denominator of row i at 2i, 2i + 1
    finite: np.ndarray
    uf: _UnionFind  # cells that are one count
    raw: _RawEquations

    @property
    def counted(self) -> np.ndarray:
        return np.flatnonzero(~self.rows.derived)


def cell(i: int, col: int) -> int:
    return 2 * i + col


def build(cells: Cells) -> None:
    """Every family, in order."""
    vectors = row_equations(cells)
    same_counts(cells, vectors)
    level_equations(cells)
    pooled_years(cells)


def row_equations(cells: Cells) -> Vectors:
    """(a) and (c)'s totals: the groups of one row of a breakdown add up to its share's
    denominator, an aggregate group to its parts, ``All`` to every group; a non-share
    measure's groups add up to a share's denominator at the same year, dimension and level.
    Returns each level's group vectors, for :func:`same_counts`."""
    rows, add_sum = cells.rows, cells.raw.add_sum
    rowsets: dict[tuple, list[int]] = defaultdict(list)
    for i in cells.counted:
        rowsets[(rows.year[i], rows.indicator[i], rows.measure[i], rows.dimension[i],
                 rows.level[i])].append(int(i))
    share_totals: dict[tuple, list[int]] = defaultdict(list)  # (year, dim, level) -> den cell
    per_group: list[tuple[tuple, list[int]]] = []  # (key, leaf rows) of non-share measures
    vectors: Vectors = defaultdict(list)
    for key, members in rowsets.items():
        y, ind, m, d, lvl = key
        at: dict[str, int] = {}
        for i in members:
            at.setdefault(rows.group[i], i)
        leaves, children = _hierarchy(at)
        coarser = _coarser_partitions(at)
        if _is_share(m):
            total = _share_total(cells, members)
            add_sum(total, [cell(at[g], 0) for g in leaves])
            for parts in coarser:
                add_sum(total, [cell(at[g], 0) for g in parts])
            if total is not None:
                share_totals[(y, d, lvl)].append(total)
            cols: tuple[int, ...] = (0,)
        else:
            per_group.append((key, [at[g] for g in leaves]))
            total = None
            cols = (0, 1)
        for col in cols:
            if ALL in at:
                add_sum(cell(at[ALL], col), [cell(at[g], col) for g in leaves])
                for parts in coarser:
                    add_sum(cell(at[ALL], col), [cell(at[g], col) for g in parts])
            for agg, ch in children.items():
                add_sum(cell(at[agg], col), [cell(at[g], col) for g in ch])
            if BME in at and len(broad := [g for g in BME_BROAD if g in at]) > 1:
                add_sum(cell(at[BME], col), [cell(at[g], col) for g in broad])
            group_cells = {g: cell(i, col) for g, i in at.items()}
            vectors[(y, d, lvl)].append(((ind, m), total, group_cells))
    for (y, _ind, _m, d, lvl), leaf_rows in per_group:
        for col in (0, 1):
            for total in share_totals.get((y, d, lvl), []):
                add_sum(total, [cell(i, col) for i in leaf_rows])
    return vectors


# The coarser levels' groups, each adding up to everyone (as the leaves do) where all are
# present, and BME's broad groups adding up to BME. These follow from the leaves' sums, so a
# reader learns nothing more from them; they are written out so that secondary suppression
# sees at once a count left alone in them (an Unknown withheld beside shown White, BME and
# headcount; a broad group beside the other broad groups and BME), and picks a count for it
# there, rather than only when the equations are solved together.
WRES_PARTITION = ("White", "BME", "Unknown")
BROAD_PARTITION = ("White", "Mixed", "Asian", "Black", "Other", "Unknown")
BME, BME_BROAD = "BME", ("Mixed", "Asian", "Black", "Other")


def _coarser_partitions(at: dict[str, int]) -> list[tuple[str, ...]]:
    """The coarser levels whose groups are all present among ``at``'s."""
    return [p for p in (WRES_PARTITION, BROAD_PARTITION) if all(g in at for g in p)]


def _share_total(cells: Cells, members: list[int]) -> int | None:
    """A share's one denominator, printed on every group's row: its cells made one count."""
    dens = [cell(i, 1) for i in members if cells.finite[cell(i, 1)]]
    for c in dens[1:]:
        if cells.value[c] == cells.value[dens[0]]:
            cells.uf.union(dens[0], c)
    return dens[0] if dens else None


def same_counts(cells: Cells, vectors: Vectors) -> None:
    """(c) The same count under two names: two rows' group counts at one level that agree
    in every non-zero leaf group are one count (indicator 4's headcount of BME staff in
    Band 5 *is* indicator 1's numerator), and so are their totals."""
    value = cells.value
    for vecs in vectors.values():
        buckets: Vectors = defaultdict(list)
        for source, total, group_cells in vecs:
            leaves, _ = _hierarchy(group_cells)
            vals = [value[group_cells[g]] for g in leaves]
            if not leaves or not all(math.isfinite(v) for v in vals):
                continue
            support = tuple(sorted((g, v) for g, v in zip(leaves, vals, strict=True) if v != 0))
            if support:
                buckets[support].append((source, total, group_cells))
        for members in buckets.values():
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    _link(cells, members[a], members[b])


def _link(cells: Cells, one: tuple, other: tuple) -> None:
    (sa, ta, ca), (sb, tb, cb) = one, other
    if sa == sb:
        return  # a measure's numerator and denominator are not one count
    pairs = [(ca[g], cb[g]) for g in ca.keys() & cb.keys()]
    if ta is not None and tb is not None:
        pairs.append((ta, tb))  # two shares of the same people
    for x, z in pairs:
        if cells.value[x] == cells.value[z]:
            cells.uf.union(x, z)


def level_equations(cells: Cells) -> None:
    """(b) Across the levels of a dimension, per group: the levels add up to the overall
    row (of-which levels left out), a partition's splits to its top level, and a crossed
    dimension's levels to the levels of the two it crosses."""
    rows = cells.rows
    lines: dict[tuple, dict[tuple[str, str], int]] = defaultdict(dict)
    for i in cells.counted:
        lines[(rows.year[i], rows.indicator[i], rows.measure[i], rows.group[i])].setdefault(
            (rows.dimension[i], rows.level[i]), int(i))
    for line in lines.values():
        levels: dict[str, list[str]] = defaultdict(list)
        for d, lvl in line:
            if d != OVERALL and not _is_of_which(lvl, rows.note[line[(d, lvl)]]):
                levels[d].append(lvl)
        for d, lvls in levels.items():
            for top_row, parts in _sums_of(line, d, lvls):
                for col in (0, 1):
                    cells.raw.add_sum(None if top_row is None else cell(top_row, col),
                                      [cell(p, col) for p in parts])


def _sums_of(line: dict[tuple[str, str], int], d: str,
             lvls: list[str]) -> list[tuple[int | None, list[int]]]:
    """The (total row, part rows) sums that dimension ``d``'s levels make in one line."""
    out: list[tuple[int | None, list[int]]] = []
    if d in PARTITIONS:
        top, splits = PARTITIONS[d]
        for split in splits:
            parts = [line[(d, x)] for x in split if (d, x) in line]
            out.append((line.get((d, top)), parts))
    else:
        out.append((line.get((OVERALL, ALL)), [line[(d, x)] for x in lvls]))
    if d in CROSSED:
        first, second = CROSSED[d]
        by_first: dict[str, list[int]] = defaultdict(list)
        by_second: dict[str, list[int]] = defaultdict(list)
        for x in lvls:
            if ": " in x:
                a, b = x.split(": ", 1)
                by_first[a].append(line[(d, x)])
                by_second[b].append(line[(d, x)])
        for dim, split in ((first, by_first), (second, by_second)):
            for lvl, parts in split.items():
                out.append((line.get((dim, lvl)), parts))
    return out


def pooled_years(cells: Cells) -> None:
    """(d) ``likelihood_2y`` of a year = ``likelihood`` of that year + of the year before."""
    rows = cells.rows
    index: dict[tuple, int] = {}
    for i in cells.counted:
        index.setdefault(rows.key(i), int(i))
    for i in cells.counted:
        y, ind, m, g, d, lvl = rows.key(i)
        if m.endswith("_2y"):
            this = index.get((y, ind, m[:-3], g, d, lvl))
            before = index.get((y - 1, ind, m[:-3], g, d, lvl))
            if this is not None and before is not None:
                for col in (0, 1):
                    cells.raw.add_sum(cell(int(i), col), [cell(this, col), cell(before, col)])
