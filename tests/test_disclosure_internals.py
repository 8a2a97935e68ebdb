"""The array forms of suppression's bookkeeping against plain Python versions of the same
steps: the equations between quantities (``_quantities``), the connected sets of withheld
counts (``_withheld_sets``, ``_component_labels``) and the one-BLAS-thread limit that
suppression takes."""

from __future__ import annotations

import threading
from collections import defaultdict

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from threadpoolctl import threadpool_info

from wres_core.disclosure import recovery
from wres_core.disclosure.model import _quantities, _RawEquations, _UnionFind
from wres_core.disclosure.recovery import _one_blas_thread


def _plain_quantities(uf, finite, cell_value, raw_eqs):
    """The equations as the module first computed them, one Python dict per equation."""
    roots = np.array([uf.find(c) for c in range(len(finite))], dtype=np.int64)
    cell_q = np.full(len(finite), -1, dtype=np.int64)
    _, inverse = np.unique(roots[finite], return_inverse=True)
    cell_q[finite] = inverse
    q_cells = [[] for _ in range(int(inverse.max(initial=-1)) + 1)]
    for c in np.flatnonzero(finite):
        q_cells[cell_q[c]].append(int(c))
    q_value = np.array([cell_value[cs[0]] for cs in q_cells], dtype=float)
    eqs, seen = [], set()
    for terms in raw_eqs:
        if not all(finite[c] for c, _ in terms):
            continue
        coef = defaultdict(int)
        for c, k in terms:
            coef[int(cell_q[c])] += k
        coef = {q: k for q, k in coef.items() if k != 0}
        if not coef:
            continue
        qs = np.array(sorted(coef), dtype=np.int64)
        ks = np.array([coef[q] for q in qs], dtype=float)
        if abs(float(ks @ q_value[qs])) > 1e-6:
            continue
        sign = 1 if ks[0] > 0 else -1
        norm = tuple(zip(qs.tolist(), (sign * ks).tolist(), strict=True))
        if norm not in seen:
            seen.add(norm)
            eqs.append((qs, ks))
    return cell_q, q_cells, eqs


@st.composite
def equations(draw):
    n = draw(st.integers(2, 14))
    values = draw(st.lists(st.one_of(st.integers(0, 6), st.none()), min_size=n, max_size=n))
    cell_value = np.array([np.nan if v is None else float(v) for v in values])
    finite = np.isfinite(cell_value)
    uf = _UnionFind(n)
    for a, b in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                              max_size=4)):
        if finite[a] and finite[b] and cell_value[a] == cell_value[b]:
            uf.union(a, b)
    raw, plain = _RawEquations(), []
    for _ in range(draw(st.integers(0, 8))):
        cells = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=5))
        parts, total = cells[:-1], cells[-1]
        raw.add_sum(total, parts)
        plain.append([(p, 1) for p in parts] + [(total, -1)])
    return uf, finite, cell_value, raw, plain


@settings(max_examples=300, deadline=None)
@given(equations())
def test_quantities_match_the_plain_computation(case):
    uf, finite, cell_value, raw, plain = case
    cell_q, q_cells, eqs = _quantities(uf, finite, cell_value, raw)
    p_cell_q, p_q_cells, p_eqs = _plain_quantities(uf, finite, cell_value, plain)
    assert cell_q.tolist() == p_cell_q.tolist()
    assert q_cells == p_q_cells
    assert [(q.tolist(), k.tolist()) for q, k in eqs] == \
        [(q.tolist(), k.tolist()) for q, k in p_eqs]


def _plain_sets(model, withheld):
    """Connected sets by a union-find over each equation's withheld quantities, in the
    order of their first equation."""
    active = [e for e, (qs, _) in enumerate(model.eqs) if withheld[qs].any()]
    uf = _UnionFind(model.n_q)
    for e in active:
        unknown = model.eqs[e][0][withheld[model.eqs[e][0]]]
        for q in unknown[1:]:
            uf.union(int(unknown[0]), int(q))
    sets: dict[int, list[int]] = defaultdict(list)
    for e in active:
        qs = model.eqs[e][0]
        sets[uf.find(int(qs[withheld[qs]][0]))].append(e)
    return [(eqs, sorted({int(q) for e in eqs for q in model.eqs[e][0] if withheld[q]}))
            for eqs in sets.values()]


class _Equations:
    """Just what ``_withheld_sets`` reads from a model."""

    def __init__(self, eqs, n_q):
        self.eqs, self.n_q = eqs, n_q
        self.terms = (
            np.concatenate([np.full(len(q), e) for e, (q, _) in enumerate(eqs)] or [[]])
            .astype(np.int64),
            np.concatenate([q for q, _ in eqs] or [[]]).astype(np.int64),
            np.concatenate([k for _, k in eqs] or [[]]).astype(float),
        )


@st.composite
def systems(draw):
    n_q = draw(st.integers(1, 25))
    eqs = []
    for _ in range(draw(st.integers(0, 12))):
        qs = sorted(set(draw(st.lists(st.integers(0, n_q - 1), min_size=2, max_size=6))))
        eqs.append((np.array(qs, dtype=np.int64), np.ones(len(qs))))
    withheld = np.array(draw(st.lists(st.booleans(), min_size=n_q, max_size=n_q)))
    return _Equations(eqs, n_q), withheld


@settings(max_examples=300, deadline=None)
@given(systems())
def test_withheld_sets_match_a_plain_union_find(case):
    model, withheld = case
    got = [(e.tolist(), q.tolist()) for e, q in recovery._withheld_sets(model, withheld)]
    assert got == _plain_sets(model, withheld)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                         max_size=3 * n))))
def test_component_labels_split_a_graph_as_scipy_does(case):
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    n, edges = case
    a = np.array([e[0] for e in edges], dtype=np.int64)
    b = np.array([e[1] for e in edges], dtype=np.int64)
    ours = recovery._component_labels(n, a, b)
    _, theirs = connected_components(coo_array((np.ones(len(a)), (a, b)), shape=(n, n)),
                                     directed=False)
    # The same partition: each of our labels is one of scipy's, and the other way round.
    pairs = set(zip(ours.tolist(), theirs.tolist(), strict=True))
    assert len(pairs) == len(set(ours.tolist())) == len(set(theirs.tolist()))


def test_component_labels_join_a_long_chain():
    n = 5_000
    order = np.random.default_rng(7).permutation(n)
    labels = recovery._component_labels(n, order[:-1], order[1:])
    assert set(labels.tolist()) == {0}


def _blas_threads() -> list[int]:
    return [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]


def test_suppression_runs_on_one_blas_thread_and_gives_the_limit_back():
    before = _blas_threads()
    with _one_blas_thread():
        assert set(_blas_threads()) == {1}
        # Another session's suppression starting and finishing meanwhile must not lift the
        # limit from under this one.
        done = threading.Thread(target=_enter_and_leave)
        done.start()
        done.join()
        assert set(_blas_threads()) == {1}
    assert _blas_threads() == before


def _enter_and_leave() -> None:
    with _one_blas_thread():
        pass
