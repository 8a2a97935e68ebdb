"""What a reader can work out from shown counts: one equation, bounds carried through the
equations, and several equations together (the row space of each connected set)."""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from wres_core.disclosure.model import _Model

if TYPE_CHECKING:
    from scipy import sparse

# --------------------------------------------------------------------------- what is recoverable


def _low_bound(model: _Model) -> np.ndarray:
    # A bound a reader can rely on must be true: a zero withheld as a last resort is 0.
    return np.minimum(model.q_low, model.q_value)


def _single_unknown(model: _Model, withheld: np.ndarray) -> dict[int, tuple[float, int, int]]:
    """Quantities that are the only withheld one in some equation: value and equation."""
    out: dict[int, tuple[float, int, int]] = {}
    for e, (qs, ks) in enumerate(model.eqs):
        unknown = withheld[qs]
        if unknown.sum() == 1:
            j = int(np.flatnonzero(unknown)[0])
            rest = float(ks[~unknown] @ model.q_value[qs[~unknown]])
            out.setdefault(int(qs[j]), (-rest / ks[j], e, 1))
    return out


def _interval_points(
    model: _Model, withheld: np.ndarray, max_passes: int = 500, *, cache: dict | None = None
) -> dict[int, tuple[float, int, int]]:
    """Withheld quantities pinned to one value by the equations and the known bounds
    (a withheld count is at least 1; 0 for a survey numerator), bounds being carried from
    equation to equation until nothing tightens.

    Returns value, the equation that pinned it and the pass it was pinned in (pass 1: by
    one equation from the starting bounds alone, a root cause), in the order found.

    Bounds travel only within a connected set of withheld quantities, so each set is worked
    out on its own terms; ``cache`` keeps the findings of sets that have not changed since
    the last call (suppression adds a few counts at a time, and a nation's table has
    thousands of sets).
    """
    sets = _withheld_sets(model, withheld)
    keys = [_set_key(eqs, qs) for eqs, qs in sets]
    todo = [i for i, key in enumerate(keys) if cache is None or key not in cache]
    if todo:
        eq_ids = np.concatenate([sets[i][0] for i in todo])
        found = _propagate_bounds(model, withheld, eq_ids, max_passes)
        owner = np.full(model.n_q, -1, dtype=np.int64)
        for i in todo:
            owner[sets[i][1]] = i
        per_set: dict[int, list] = {i: [] for i in todo}
        for entry in found:
            per_set[int(owner[entry[0]])].append(entry)
        fresh = {keys[i]: per_set[i] for i in todo}
        if cache is not None:
            cache.update(fresh)
    else:
        fresh = {}
    entries = [e for key in keys for e in (fresh[key] if key in fresh else cache[key])]
    # In the order one pass over the whole table finds them: by pass, then by term.
    entries.sort(key=lambda e: (e[3], e[4]))
    return {q: (value, eq, npass) for q, value, eq, npass, _ in entries}


def _propagate_bounds(
    model: _Model, withheld: np.ndarray, eq_ids: np.ndarray, max_passes: int
) -> list[tuple[int, float, int, int, int]]:
    """Bounds carried through the equations ``eq_ids`` to a fixed point; the quantities
    they pin, each as (quantity, value, equation, pass, term), the term being the position
    in ``model.terms`` of the term that pinned it."""
    low = np.where(withheld, _low_bound(model), model.q_value)
    high = np.where(withheld, np.inf, model.q_value)
    t_eq, t_q, t_k = model.terms
    chosen = np.zeros(len(model.eqs), dtype=bool)
    chosen[eq_ids] = True
    t_at = np.flatnonzero(chosen[t_eq])
    t_eq, t_q, t_k = t_eq[t_at], t_q[t_at], t_k[t_at]
    pinned: dict[int, tuple[int, float, int, int, int]] = {}
    if not len(t_eq):
        return []
    # Equations numbered densely, and the withheld terms grouped by quantity: each pass
    # then reduces over the terms that can move a bound.
    _, t_e = np.unique(t_eq, return_inverse=True)
    t_e = t_e.reshape(-1)
    n_e = int(t_e.max()) + 1
    unknown = np.flatnonzero(withheld[t_q])
    by_q = unknown[np.argsort(t_q[unknown], kind="stable")]
    moving, starts = np.unique(t_q[by_q], return_index=True)
    for npass in range(1, max_passes + 1):
        # Range [a, b] of each term k*x, and of the sum of the other terms of its equation.
        with np.errstate(invalid="ignore"):
            a = np.where(t_k > 0, t_k * low[t_q], t_k * high[t_q])
            b = np.where(t_k > 0, t_k * high[t_q], t_k * low[t_q])
        a_inf, b_inf = np.isinf(a), np.isinf(b)
        a0, b0 = np.where(a_inf, 0.0, a), np.where(b_inf, 0.0, b)
        sum_a = np.bincount(t_e, weights=a0, minlength=n_e)[t_e] - a0
        sum_b = np.bincount(t_e, weights=b0, minlength=n_e)[t_e] - b0
        inf_a = np.bincount(t_e, weights=a_inf, minlength=n_e)[t_e] - a_inf
        inf_b = np.bincount(t_e, weights=b_inf, minlength=n_e)[t_e] - b_inf
        others_lo = np.where(inf_a > 0, -np.inf, sum_a)
        others_hi = np.where(inf_b > 0, np.inf, sum_b)
        # k x = -(others): x between -others_hi / k and -others_lo / k.
        with np.errstate(invalid="ignore"):
            end1, end2 = -others_hi / t_k, -others_lo / t_k
        new_lo = np.ceil(np.minimum(end1, end2) - 1e-9)
        new_hi = np.floor(np.maximum(end1, end2) + 1e-9)
        was_lo, was_hi = low[moving], high[moving]
        now_lo = np.maximum(was_lo, np.maximum.reduceat(new_lo[by_q], starts))
        now_hi = np.minimum(was_hi, np.minimum.reduceat(new_hi[by_q], starts))
        changed = (now_lo != was_lo) | (now_hi != was_hi)
        if not changed.any():
            break
        low[moving], high[moving] = now_lo, now_hi
        fresh = moving[(now_lo == now_hi) & (was_lo != was_hi)]
        if len(fresh):
            hit = np.zeros(len(t_q), dtype=bool)
            hit[unknown] = np.isin(t_q[unknown], fresh)
            hit &= (new_lo == low[t_q]) | (new_hi == high[t_q])
            for j in np.flatnonzero(hit):
                q = int(t_q[j])
                if q not in pinned:
                    pinned[q] = (q, float(low[q]), int(t_eq[j]), npass, int(t_at[j]))
    return list(pinned.values())


def _in_row_space(a: np.ndarray) -> np.ndarray:
    """For each column j of ``a``, whether the unit vector e_j is in the row space of ``a``:
    the squared norm of row j of an orthonormal basis of that row space is 1 there (and at
    most 1 - 1/k for a column on a cycle of k unknowns otherwise).

    The basis comes from a QR factorisation of ``a``ᵀ with column pivoting, its rank from
    the pivots: for these small-integer matrices the discarded pivots sit near 1e-13 of the
    largest and the kept ones far above the cut-off. (An eigendecomposition of the Gram
    matrix gave the same answers on the sample's joint table and took half as long again.)
    """
    from scipy.linalg import qr

    m, n = a.shape
    if not m or not n:
        return np.zeros(n, dtype=bool)
    q, r, _ = qr(a.T, mode="economic", pivoting=True, check_finite=False)
    pivots = np.abs(np.diag(r))
    rank = int((pivots > max(pivots[0], 1.0) * max(m, n) * np.finfo(float).eps * 100).sum())
    return (q[:, :rank] ** 2).sum(axis=1) > 1 - 1e-6


# A connected set of withheld counts with more unknowns and more equations than this (or
# more than DENSE_ENTRIES matrix entries) is checked by sparse projection (a nation's
# department table links thousands; a dense matrix of them would not fit in memory), a
# smaller one densely.
# Measured: the sample's joint table (sets of 400-460 unknowns) took half the time checked
# densely; a 400-person trust's (sets of 1,000-1,500, many small counts) three times as long
# densely as by LSQR. So dense QR up to 600.
DENSE_VARIABLES = 600
# ... and any set with more matrix entries than this.
DENSE_ENTRIES = 4_000_000


def _in_row_space_sparse(a: sparse.csr_array, tries: int = 3) -> np.ndarray:
    """:func:`_in_row_space` for a large sparse ``a``, by projecting random vectors on its
    null space (``r - pinv(a) a r``, with LSQR's minimum-norm solution).

    A column whose unit vector is in the row space has a zero there in every null-space
    vector; any other column is non-zero in almost every random one. Numerical error only
    ever makes a column look fixed (the caller then withholds more), never free: a column is
    free only if some projection is clearly non-zero there *and* that projection is checked
    to be a change the equations allow."""
    from scipy.sparse.linalg import lsqr

    rng = np.random.default_rng(20_15)
    m, n = a.shape
    free = np.zeros(n, dtype=bool)
    scale = max(1.0, float(np.abs(a.data).max(initial=0.0)))
    for _ in range(tries):
        r = rng.standard_normal(n)
        x = lsqr(a, a @ r, atol=1e-14, btol=1e-14, iter_lim=max(10 * n, 1000))[0]
        move = r - x
        if np.abs(a @ move).max(initial=0.0) > 1e-11 * scale * max(1.0, np.abs(move).max()):
            continue  # not converged: this try proves nothing
        free |= np.abs(move) > 1e-4
        if free.all():
            break
    return ~free


def _withheld_sets(model: _Model, withheld: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The connected sets of withheld quantities (two are connected when an equation holds
    both), each as its equations (in order) and its withheld quantities (sorted), the sets
    in the order of their first equation."""
    t_eq, t_q, _ = model.terms
    hidden = withheld[t_q]
    e_w, q_w = t_eq[hidden], t_q[hidden]
    if not len(e_w):
        return []
    # Terms run equation by equation: each equation's first withheld quantity is linked to
    # its others, which joins everything the equation holds.
    starts = np.flatnonzero(np.r_[True, e_w[1:] != e_w[:-1]])
    first = np.repeat(q_w[starts], np.diff(np.r_[starts, len(e_w)]))
    label = _component_labels(model.n_q, first, q_w)
    active, active_label = e_w[starts], label[q_w[starts]]
    _, at = np.unique(active_label, return_index=True)
    rank = np.empty(label.max() + 1, dtype=np.int64)
    rank[active_label[np.sort(at)]] = np.arange(len(at))
    eq_rank = rank[active_label]
    eq_order = active[np.argsort(eq_rank, kind="stable")]
    eq_ends = np.cumsum(np.bincount(eq_rank, minlength=len(at)))
    held = np.flatnonzero(np.bincount(q_w, minlength=model.n_q))
    q_rank = rank[label[held]]
    q_order = held[np.argsort(q_rank, kind="stable")]
    q_ends = np.cumsum(np.bincount(q_rank, minlength=len(at)))
    # Slices rather than np.split: a nation's table has thousands of sets.
    e0, q0 = np.r_[0, eq_ends[:-1]].tolist(), np.r_[0, q_ends[:-1]].tolist()
    return [(eq_order[a:b], q_order[c:d]) for a, b, c, d in zip(
        e0, eq_ends.tolist(), q0, q_ends.tolist(), strict=True)]


def _component_labels(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A label per node of an undirected graph on ``n`` nodes with edges ``a[i]``-``b[i]``,
    equal exactly within a connected component: each edge pulls both ends to the lower
    label, then pointer jumping shortens the chains, until no edge joins two labels. (What
    scipy's ``connected_components`` gives up to renaming, without importing scipy.sparse's
    graph and linear-algebra modules, about 0.1 s of a small command's start-up.)"""
    label = np.arange(n, dtype=np.int64)
    if not len(a):
        return label
    while True:
        la, lb = label[a], label[b]
        apart = la != lb
        if not apart.any():
            return label
        low = np.minimum(la[apart], lb[apart])
        # Lowering a node's root, not only the node, merges whole trees at once.
        np.minimum.at(label, la[apart], low)
        np.minimum.at(label, lb[apart], low)
        while True:
            up = label[label]
            if np.array_equal(up, label):
                break
            label = up


def _set_key(eqs: np.ndarray, qs: np.ndarray) -> tuple[bytes, bytes]:
    """A connected set as a dictionary key: its equations and withheld quantities, exactly."""
    return eqs.tobytes(), qs.tobytes()


def _algebraic(
    model: _Model,
    withheld: np.ndarray,
    *,
    values: bool = True,
    cache: dict | None = None,
) -> dict[int, tuple[float, int, int]]:
    """Withheld quantities fixed by the equations taken together: x_j is determined exactly
    when the unit vector e_j lies in the row space of the system restricted to the withheld
    quantities (checked per connected set of withheld quantities).

    Returns value (NaN unless ``values``), -1 (no one equation to blame) and the number of
    the connected set. ``cache`` keeps the verdict of sets that have not changed since the
    last call (suppression adds a few counts at a time).
    """
    out: dict[int, tuple[float, int, int]] = {}
    for number, (eq_ids, variables) in enumerate(_withheld_sets(model, withheld)):
        key = _set_key(eq_ids, variables)
        # The dense check works on the Gram matrix of the shorter side, so its cost follows
        # the fewer of equations and unknowns (a set of 380 unknowns in 294 equations is
        # checked densely in 9 ms, by LSQR in 22 ms), and its memory the product.
        big = (min(len(eq_ids), len(variables)) > DENSE_VARIABLES
               or len(eq_ids) * len(variables) > DENSE_ENTRIES)
        if cache is not None and key in cache:
            fixed_vars = cache[key]
        else:
            a = model.matrix[eq_ids][:, variables]
            fixed = _in_row_space_sparse(a) if big else _in_row_space(a.toarray())
            fixed_vars = variables[fixed].tolist()
            if cache is not None:
                cache[key] = fixed_vars
        if not fixed_vars:
            continue
        solution: dict[int, float] = {}
        if values:
            rows = model.matrix[eq_ids]
            known = np.setdiff1d(np.unique(rows.indices), variables)
            rhs = -(rows[:, known] @ model.q_value[known])
            a = rows[:, variables]
            if big:
                from scipy.sparse.linalg import lsqr

                x = lsqr(a, rhs, atol=1e-14, btol=1e-14, iter_lim=100_000)[0]
            else:
                x = np.linalg.lstsq(a.toarray(), rhs, rcond=None)[0]
            col = {q: j for j, q in enumerate(variables.tolist())}
            solution = {q: float(np.round(x[col[q]], 6)) for q in fixed_vars}
        for q in fixed_vars:
            out[q] = (solution.get(q, math.nan), -1, number)
    return out


# --------------------------------------------------------------------------- BLAS threads


# The linear algebra here is many small solves. OpenBLAS's threads spin for work on every
# one of them, and on a busy machine (a dashboard serving several people, two cores) they
# made suppression of the sample 2 to 8 times slower than one thread. The limit is
# process-wide, so it is taken by the first suppression running and given back by the last.
_blas = threading.Lock()
_blas_users = 0
_blas_limit = None


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    global _blas_users, _blas_limit
    from threadpoolctl import threadpool_limits

    with _blas:
        if _blas_users == 0:
            _blas_limit = threadpool_limits(limits=1, user_api="blas")
        _blas_users += 1
    try:
        yield
    finally:
        with _blas:
            _blas_users -= 1
            if _blas_users == 0 and _blas_limit is not None:
                _blas_limit.restore_original_limits()
                _blas_limit = None
