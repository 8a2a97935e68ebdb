"""The counts of a results table as quantities, and the exact linear equations between them
that a reader could use (the four families a to d of the package docstring, each built by
its own function in ``equations``)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wres_core.codes.ethnicity import BROAD_OF, UNKNOWN, WRES_OF
from wres_core.derived import SHARE_MEASURES, derived_rows
from wres_core.disclosure.rules import (
    _WRES_OF_BROAD,
    ALL,
    BOARD_INDICATOR,
    BOARD_MEASURE,
    OF_WHICH_LEVELS,
    Policy,
)

if TYPE_CHECKING:  # scipy is imported where a table needs it: it costs start-up time
    from scipy import sparse

# --------------------------------------------------------------------------- row structure

# The groups of the coarsest level (Unknown, in every level, is as fine as a category).
_WRES_LEVEL = frozenset({"White", "BME"})


def _is_share(measure: str) -> bool:
    return measure in SHARE_MEASURES or measure.endswith("_share")


@dataclass(frozen=True)
class _Rows:
    """The key columns as Python lists, and which rows carry counts."""

    year: list[int]
    indicator: list[int]
    measure: list[str]
    group: list[str]
    dimension: list[str]
    level: list[str]
    note: list[str]
    derived: np.ndarray  # rows without counts, computed from other rows

    @classmethod
    def of(cls, df: pd.DataFrame) -> _Rows:
        def strings(col: str) -> list[str]:
            return [str(v) for v in df[col].astype("string").fillna("").tolist()]

        measure = strings("measure")
        return cls(
            year=[int(v) for v in df["year"].tolist()],
            indicator=[int(v) for v in df["indicator"].tolist()],
            measure=measure,
            group=strings("group"),
            dimension=strings("dimension"),
            level=strings("level"),
            note=strings("note"),
            derived=derived_rows(df),
        )

    def __len__(self) -> int:
        return len(self.year)

    def key(self, i: int) -> tuple:
        return self.keys[i]

    @functools.cached_property
    def keys(self) -> list[tuple]:
        """Each row's results key (year, indicator, measure, group, dimension, level)."""
        return list(zip(self.year, self.indicator, self.measure, self.group, self.dimension,
                        self.level, strict=True))


# --------------------------------------------------------------------------- the count model


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _parents(group: str) -> set[str]:
    """The aggregate groups ``group`` belongs to (category -> broad -> WRES), not itself."""
    out: set[str] = set()
    if group in BROAD_OF:
        out = {BROAD_OF[group], WRES_OF[group]}
    elif group in _WRES_OF_BROAD:
        out = {_WRES_OF_BROAD[group]}
    out.discard(group)
    return out


def _hierarchy(groups: Iterable[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Leaf groups (those no other present group is part of; not "All") and, for each
    aggregate present, its leaves. (Shared answers: do not change what is returned.)"""
    return _hierarchy_of(tuple(groups))


@functools.lru_cache(maxsize=1024)
def _hierarchy_of(groups: tuple[str, ...]) -> tuple[list[str], dict[str, list[str]]]:
    # Every row of a breakdown has one of a few group lists: worked out once for each.
    present = [g for g in groups if g != ALL]
    parents = {g: _parents(g) for g in present}
    aggregates = {p for g in present for p in parents[g]} & set(present)
    leaves = [g for g in present if g not in aggregates]
    children = {a: [g for g in leaves if a in parents[g]] for a in aggregates}
    return leaves, {a: ch for a, ch in children.items() if ch}


def _is_of_which(level: str, note: str) -> bool:
    return (level in OF_WHICH_LEVELS or level.rsplit(": ", 1)[-1] in OF_WHICH_LEVELS
            or note.startswith("of which"))


@dataclass
class _Model:
    """The counts of a results table as *quantities* (one per distinct count: a share's
    denominator printed on every group's row is one quantity) and the exact linear
    equations between them that a reader could use."""

    rows: _Rows
    cell_value: np.ndarray  # 2 * rows: numerator, denominator of row i at 2i, 2i + 1
    cell_q: np.ndarray  # quantity of each cell, -1 where the count is missing
    q_value: np.ndarray
    q_cells: list[list[int]]
    q_low: np.ndarray  # what a reader knows a withheld quantity is at least (0 or 1)
    eqs: list[tuple[np.ndarray, np.ndarray]]  # (quantities, coefficients): sum c*x = 0
    q_eqs: list[list[int]]
    survey_rows: np.ndarray  # rows of indicators 5 to 8, measure percent
    sources: dict[int, list[int]]
    terms: tuple[np.ndarray, np.ndarray, np.ndarray]  # every equation flat: eq, q, coefficient
    # Quantities never chosen as secondary suppression: those an equation alone pins (a
    # count that cancels out of a sum is 0 whatever is withheld, so withholding it protects
    # nothing) and, in suppress(released=...), those another released table shows.
    fixed: np.ndarray
    # What each quantity counts (over all its cells): any group's people but Unknown's or
    # everyone's (``group``), only the Unknown group's (``unknown``), only a board's
    # (``board``). A quantity is protected by a policy when it counts a group's people or
    # what the policy protects besides.
    kinds: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

    def protected(self, policy: Policy) -> np.ndarray:
        """Quantities a small value of which is withheld for its own sake under ``policy``:
        those with a cell of a kind the policy protects (a count under two names is
        protected if either name is)."""
        group, unknown, total, board = self.kinds
        return (group | (unknown & policy.unknown) | (total & policy.totals)
                | (board & policy.board))

    def public(self, policy: Policy) -> np.ndarray:
        """Board counts a policy publishes: never withheld at all."""
        group, unknown, total, board = self.kinds
        return board & ~self.protected(policy)

    # Secondary suppression steered by the people policy (suppress sets it): Unknown counts
    # first, and the count that leaves fewest equations with one withheld count.
    steer: bool = False

    @functools.cached_property
    def cheap_q(self) -> np.ndarray:
        """Quantities that count only people of unknown ethnicity, when the policy does not
        protect them: the first choice as secondary suppression (withholding one hides no
        White or BME figure)."""
        group, unknown, total, board = self.kinds
        return unknown & ~group & ~total & ~board & self.steer

    @functools.cached_property
    def eq_sets(self) -> list[frozenset[int]]:
        """The quantities of each equation, as sets (for membership tests)."""
        return [frozenset(qs.tolist()) for qs, _ in self.eqs]

    @functools.cached_property
    def rowsets(self) -> dict[tuple, list[int]]:
        """The counted rows of each breakdown row (year, indicator, measure, dimension,
        level): its groups."""
        out: dict[tuple, list[int]] = {}
        for i in np.flatnonzero(~self.rows.derived).tolist():
            out.setdefault(self.row_key(i), []).append(i)
        return out

    def row_key(self, i: int) -> tuple:
        r = self.rows
        return (r.year[i], r.indicator[i], r.measure[i], r.dimension[i], r.level[i])

    @staticmethod
    def coarseness_of(group: str) -> int:
        """A group's coarseness (``coarseness``): 0 a category or Unknown, 1 a broad group,
        2 White or BME, 3 everyone."""
        if group == UNKNOWN:
            return 0
        if group in _WRES_LEVEL:
            return 2
        if group in _WRES_OF_BROAD:
            return 1
        return 3 if group == ALL else 0

    @functools.cached_property
    def coarseness(self) -> np.ndarray:
        """How coarse each quantity's count is, by the finest cell it has: 0 an ethnic
        category or Unknown, 1 a broad group, 2 White or BME, 3 everyone (a total). Secondary
        suppression takes a finer count before a coarser one (a category's 13 before BME's
        299): a coarse count is what most readers look at."""
        level = np.full(2 * len(self.rows), 3, dtype=np.int64)
        for i, g in enumerate(self.rows.group):
            level[2 * i] = self.coarseness_of(g)
            if not _is_share(self.rows.measure[i]):
                level[2 * i + 1] = level[2 * i]
        out = np.full(self.n_q, 3, dtype=np.int64)
        held = self.cell_q >= 0
        np.minimum.at(out, self.cell_q[held], level[held])
        return out

    @property
    def n_q(self) -> int:
        return len(self.q_value)

    @functools.cached_property
    def matrix(self) -> sparse.csr_array:
        """The equations as a sparse matrix (equation x quantity, coefficients)."""
        from scipy import sparse

        t_eq, t_q, t_k = self.terms
        return sparse.csr_array((t_k, (t_eq, t_q)), shape=(len(self.eqs), self.n_q))

    @functools.cached_property
    def touches(self) -> tuple[sparse.csr_array, sparse.csr_array]:
        """Which quantities each equation holds (0/1), and its transpose, both as CSR for
        fast steps from quantities to equations and back."""
        from scipy import sparse

        t_eq, t_q, _ = self.terms
        ones = np.ones(len(t_eq))
        m = sparse.csr_array((ones, (t_eq, t_q)), shape=(len(self.eqs), self.n_q))
        m.sum_duplicates()
        m.data[:] = 1.0
        return m, m.T.tocsr()


def _roots(parent: list[int]) -> np.ndarray:
    """The root of every element of a union-find forest, by pointer jumping (what ``find``
    gives each one, without a Python call per element)."""
    roots = np.asarray(parent, dtype=np.int64)
    while True:
        up = roots[roots]
        if np.array_equal(up, roots):
            return roots
        roots = up


class _RawEquations:
    """Equations between cells as they are found, kept flat (equation, cell, coefficient)
    so that turning them into equations between quantities is a few array operations."""

    def __init__(self) -> None:
        self.eq: list[int] = []
        self.cell: list[int] = []
        self.coef: list[int] = []
        self.n = 0

    def add_sum(self, total: int | None, parts: Sequence[int]) -> None:
        """``sum(parts) = total``, where there is a total and parts."""
        if total is None or not parts:
            return
        self.eq.extend([self.n] * (len(parts) + 1))
        self.cell.extend(parts)
        self.cell.append(total)
        self.coef.extend([1] * len(parts))
        self.coef.append(-1)
        self.n += 1


def _quantities(
    uf: _UnionFind,
    finite: np.ndarray,
    cell_value: np.ndarray,
    raw: _RawEquations,
) -> tuple[np.ndarray, list[list[int]], list[tuple[np.ndarray, np.ndarray]]]:
    """Quantity of each cell (-1 where missing), the cells of each quantity, and the
    equations over quantities that hold exactly in the data (deduplicated, in the order
    first found)."""
    n_cells = len(finite)
    roots = _roots(uf.parent)
    cell_q = np.full(n_cells, -1, dtype=np.int64)
    uniq, inverse = np.unique(roots[finite], return_inverse=True)
    cell_q[finite] = inverse
    held = np.flatnonzero(finite)
    by_q = held[np.argsort(cell_q[held], kind="stable")]
    starts = np.searchsorted(cell_q[by_q], np.arange(len(uniq)))
    ends = np.r_[starts[1:], len(by_q)].tolist() if len(uniq) else []
    cells = by_q.tolist()
    q_cells = [cells[a:b] for a, b in zip(starts.tolist(), ends, strict=True)]
    q_value = cell_value[by_q[starts]] if len(uniq) else np.zeros(0)

    t_eq = np.asarray(raw.eq, dtype=np.int64)
    t_cell = np.asarray(raw.cell, dtype=np.int64)
    t_coef = np.asarray(raw.coef, dtype=np.int64)
    missing = np.bincount(t_eq, weights=~finite[t_cell], minlength=raw.n) > 0
    keep = ~missing[t_eq]
    t_eq, t_q, t_coef = t_eq[keep], cell_q[t_cell[keep]], t_coef[keep]
    # One term per (equation, quantity), coefficients summed: a count printed twice in one
    # equation cancels or doubles.
    n_q = max(len(uniq), 1)
    pair, at = np.unique(t_eq * n_q + t_q, return_inverse=True)
    k = np.bincount(at.reshape(-1), weights=t_coef, minlength=len(pair))
    nonzero = k != 0
    pair, k = pair[nonzero], k[nonzero]
    e, q = pair // n_q, pair % n_q
    # Not additive in these data (a drill-down whose levels miss some staff): no equation.
    residual = np.bincount(e, weights=k * q_value[q], minlength=raw.n)
    exact = np.abs(residual) <= 1e-6
    sel = exact[e]
    e, q, k = e[sel], q[sel], k[sel]
    bounds = (np.flatnonzero(np.diff(e)) + 1).tolist()
    eqs: list[tuple[np.ndarray, np.ndarray]] = []
    seen: set[tuple[bytes, bytes]] = set()
    for a, b in zip([0, *bounds], [*bounds, len(e)], strict=True):
        qs, ks = q[a:b], k[a:b]
        if not len(qs):
            continue
        norm = (qs.tobytes(), (ks if ks[0] > 0 else -ks).tobytes())
        if norm in seen:
            continue
        seen.add(norm)
        eqs.append((qs, ks))
    return cell_q, q_cells, eqs


def _kinds(rows: _Rows, cell_q: np.ndarray, n_q: int) -> tuple[np.ndarray, ...]:
    """What each quantity counts (``_Model.kinds``): whether any of its cells is a count of
    a group's people (not Unknown's), of Unknown's, of everyone, of a board."""
    n = len(rows)
    group = np.array(rows.group, dtype=object)
    unknown = group == UNKNOWN
    everyone = group == ALL
    board = (np.array(rows.indicator, dtype=np.int64) == BOARD_INDICATOR) & (
        np.array(rows.measure, dtype=object) == BOARD_MEASURE)
    share = np.array([_is_share(m) for m in rows.measure], dtype=bool)
    kind = np.empty(2 * n, dtype=np.int64)  # 0 group, 1 unknown, 2 everyone, 3 board
    for col in (0, 1):
        k = np.where(unknown, 1, np.where(everyone, 2, 0))
        if col == 1:
            k = np.where(share, 2, k)  # a share's denominator counts everyone in the row
        kind[col::2] = np.where(board, 3, k)
    held = cell_q >= 0
    out = []
    for k in range(4):
        has = np.zeros(n_q, dtype=bool)
        has[cell_q[held & (kind == k)]] = True
        out.append(has)
    return tuple(out)
