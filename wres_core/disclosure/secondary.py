"""Secondary suppression: which shown counts to withhold so that no withheld count can be
worked out, to a fixed point."""

from __future__ import annotations

import math
import warnings
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wres_core.disclosure.model import _Model, _parents, _Rows
from wres_core.disclosure.recovery import _algebraic, _interval_points
from wres_core.disclosure.rules import _COUNT_COLUMNS

if TYPE_CHECKING:
    from scipy import sparse

# withhold that one, so that BME figures (the point of every indicator) stay on show.
FOCUS_GROUP = "BME"


def _is_focus(model: _Model, q: int) -> bool:
    return any(cell % 2 == 0 and model.rows.group[cell // 2] == FOCUS_GROUP
               for cell in model.q_cells[q])


def _pick(model: _Model, withheld: np.ndarray, eq_ids: Iterable[int],
          lone: Sequence[int] = (), *, slack: bool = False) -> int | None:
    """The quantity to withhold next. Under the people policy: the count that hides fewest
    White and BME figures (an Unknown count hides none; each equation it would leave with a
    single withheld count needs one more; each ``lone`` equation it settles is one fewer),
    then the finest (a category or Unknown before a broad group, before White or BME,
    before a headcount). Under ``EVERY_COUNT``: an Unknown count if there is one, else the
    smallest shown non-zero count in the equations that is not a BME count (a part before
    a total, then the first in the table). A BME count only where nothing else will do,
    and a shown zero only as a last resort.

    ``lone``: the equations that now hold one withheld count alone (the count being
    protected): under the people policy, a count that sits in several of them protects it
    in all of them at once, and is worth that many picks (a category beside a small one in
    both the broad group's sum and the band's, rather than Unknown in only the band's,
    which then needs BME's 299 to protect it in the White/BME/Unknown sum).

    ``slack``: for counts the bounds pin (withheld counts adding up to no more than their
    minimums), a count at its own minimum (a 1) adds no room and is taken last: the
    Unknown 1s of Band 8b and Band 9 withheld, a third Unknown 1 leaves all three pinned."""
    best: tuple | None = None
    fixed = model.fixed
    cheap = model.cheap_q
    eq_ids = list(eq_ids)
    besides = eq_ids + [e for e in lone if e not in eq_ids]
    coarse = model.coarseness
    for e in eq_ids:
        qs, ks = model.eqs[e]
        for q, k in zip(qs, ks, strict=True):
            if withheld[q] or fixed[q]:
                continue
            v = model.q_value[q]
            if model.steer:
                # Under the people policy: the count that hides fewest White and BME figures,
                # counting those its other equations will need (each one it would leave
                # with a single withheld count needs one more) less those it settles, then
                # the finest (a category before a broad group before White or BME).
                covers = sum(1 for x in lone if q in model.eq_sets[x])
                cost = (int(not cheap[q]) + _new_singles(model, withheld, int(q), besides)
                        - covers)
                rank = (v == 0, slack and v <= model.q_low[q], cost, coarse[q],
                        _is_focus(model, int(q)), not cheap[q], v, k < 0, int(q))
            else:
                rank = (v == 0, slack and v <= model.q_low[q], _is_focus(model, int(q)), v,
                        k < 0, int(q))
            if best is None or rank < best:
                best = rank
    return None if best is None else best[-1]


def _new_singles(model: _Model, withheld: np.ndarray, q: int, besides: list[int]) -> int:
    """How many equations of ``q`` (other than ``besides``) hold no withheld count now: with
    ``q`` withheld, each would have it alone."""
    return sum(1 for e in model.q_eqs[q]
               if e not in besides and not withheld[model.eqs[e][0]].any())


# Counts withheld for one finding before it is taken to be beyond fixing (pinned by what a
# released table shows, which no withholding here can undo).
MAX_TRIES = 4


def _pick_near(model: _Model, withheld: np.ndarray, q: int) -> int | None:
    """:func:`_pick` over the equations of ``q``; where every count in them is withheld or
    fixed, over the equations of the withheld counts there, and so on outwards: the
    nearest count that can still be withheld (a finding's cause may be a few equations
    away, past counts a released table fixes)."""
    seen_q = {q}
    frontier = [q]
    seen_e: set[int] = set()
    while frontier:
        eqs = [e for x in frontier for e in model.q_eqs[x] if e not in seen_e]
        seen_e.update(eqs)
        pick = _pick(model, withheld, eqs)
        if pick is not None:
            return pick
        frontier = []
        for e in eqs:
            for x in model.eqs[e][0].tolist():
                if withheld[x] and x not in seen_q:
                    seen_q.add(x)
                    frontier.append(x)
    return None


def _sibling_pick(model: _Model, withheld: np.ndarray, q: int) -> int | None:
    """Under the people policy, the first try for a count that several equations pin
    together: the smallest shown count of a group beside it in its row with the same
    parent (a broad group beside a withheld broad group; a category beside a category of
    the same broad group, then of the same White or BME). A broad group's 7 withheld
    with its categories is pinned by BME less the other broad groups; withholding the
    smallest of those (Mixed's 12) frees it, where the cheapest change by least squares
    ran through BME's 83. None where q is not such a group, or no sibling can be withheld;
    a later try, if still needed, goes by least squares."""
    rows = model.rows
    best: tuple | None = None
    for c in model.q_cells[q]:
        if c % 2:
            continue
        i = c // 2
        mine = rows.group[i]
        parents = _parents(mine)
        if not parents:
            continue
        for j in model.rowsets.get(model.row_key(i), ()):
            other = rows.group[j]
            shared = parents & _parents(other)
            if other == mine or not shared or model.coarseness_of(other) != \
                    model.coarseness_of(mine):
                continue
            x = int(model.cell_q[2 * j])
            if x < 0 or withheld[x] or model.fixed[x] or model.q_value[x] == 0:
                continue
            # Same broad group before same White or BME only.
            rank = (len(parents - shared), model.q_value[x], x)
            if best is None or rank < best:
                best = rank
    return None if best is None else best[-1]


def _perturbation_pick(model: _Model, withheld: np.ndarray, q: int) -> int | None:
    """The shown count to withhold so that ``q`` can move.

    A withheld count is safe when the withheld counts can change together, ``q`` among
    them, with every equation still holding. Find the cheapest such change by weighted
    least squares (moving a withheld count costs almost nothing, a shown one its size, a
    zero cannot move) and return the shown count it moves most: that count lies on a way
    for ``q`` to move, and withholding it opens that way (further rounds finish it).

    Used where the equations together pin ``q``. There, the smallest count next to ``q``
    is often absorbed without freeing it (tables with margins in three dimensions, group x
    clinical x band; pooled two-year counts linking years). A minimum-cost (L1) change, as
    secondary-suppression tools solve by linear programming, was tried by reweighted least
    squares: on the bundled sample it withheld no fewer figures, at eight times the cost.
    """
    # Look near q first (most ways to move are short), then further out.
    for depth in (3, 6, None):
        pick, complete = _perturbation_within(model, withheld, q, depth)
        if pick is not None or complete:
            return pick
    return None


def _perturbation_within(
    model: _Model, withheld: np.ndarray, q: int, depth: int | None
) -> tuple[int | None, bool]:
    """:func:`_perturbation_pick` over the quantities up to ``depth`` equations from ``q``
    (all linked ones for None), the rest held still; also whether that was all of them."""
    movable = (withheld | (model.q_value != 0)) & ~model.fixed
    eq_of_q, q_of_eq = model.touches
    seen_q = np.zeros(model.n_q, dtype=bool)
    seen_e = np.zeros(len(model.eqs), dtype=bool)
    seen_q[q] = True
    frontier = seen_q.copy()
    hops = 0
    while frontier.any() and (depth is None or hops < depth):
        hops += 1
        new_e = (eq_of_q @ frontier.astype(float) > 0) & ~seen_e
        seen_e |= new_e
        frontier = (q_of_eq @ new_e.astype(float) > 0) & movable & ~seen_q
        seen_q |= frontier
    complete = not frontier.any()
    # Every equation touching the neighbourhood holds, with the counts beyond it kept still:
    # a change found here is a change of the whole table.
    eq_ids = np.flatnonzero(eq_of_q @ seen_q.astype(float) > 0)
    seen_q[q] = False
    others = np.flatnonzero(seen_q)
    if not len(others):
        return None, complete
    rows = model.matrix[eq_ids]
    a = rows[:, others]
    b = -rows[:, [q]].toarray().ravel()  # q moves by 1
    # Moving an Unknown count costs as little as moving a 1: withholding it hides no White
    # or BME figure. Every other count costs its size. (Weighting coarser counts above their
    # size was tried under the people policy and withheld more shares, not fewer; a way
    # through the categories is found first by ``_sibling_pick`` instead.)
    size = np.where(model.cheap_q[others], 1.0, np.maximum(model.q_value[others], 1.0))
    cost = np.where(withheld[others], 1e-3, size)
    delta = _weighted_least_change(a, b, cost)
    if len(b) and np.abs(a @ delta - b).max() > 1e-6:
        return None, complete  # q cannot move here, however much is withheld
    size = np.where(withheld[others], -1.0, np.abs(delta))
    k = int(np.argmax(size))
    return (int(others[k]) if size[k] > 1e-9 else None), complete


def _weighted_least_change(a: sparse.csr_array, b: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """The d with a @ d = b (where it can hold) that minimises sum(cost * d**2): through the
    normal equations of the weighted problem, slightly regularised since equations repeat
    one another. The normal matrix is as sparse as the equations (each links a few counts),
    so it is factorised sparse: a dense solve of the same system took 20-250 ms for the
    sample's joint table (600-900 equations), the sparse one a few ms."""
    from scipy import sparse
    from scipy.sparse.linalg import spsolve

    m = a.shape[0]
    gram = (a @ sparse.diags_array(1.0 / cost) @ a.T + 1e-9 * sparse.eye_array(m)).tocsc()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a singular system shows up in the caller's check
        # A minimum-degree ordering of the symmetric matrix: 40% faster than the default.
        y = spsolve(gram, b, permc_spec="MMD_AT_PLUS_A")
    return (a.T @ y) / cost


def _withhold(
    model: _Model, withheld: np.ndarray, max_tries: int | None = None
) -> tuple[np.ndarray, bool]:
    """Primary, then secondary suppression to a fixed point: the withheld quantities, and
    whether a non-zero count was left recoverable because only fixed counts could free it.
    ``max_tries``: counts withheld for one finding before it is given up (None: never; a
    table alone always ends, as each round withholds one more count)."""
    limit = math.inf if max_tries is None else max_tries
    queue = deque(range(len(model.eqs)))
    queued = set(queue)
    cache: dict = {}
    bounds_cache: dict = {}
    tries: Counter[int] = Counter()

    def add(q: int) -> None:
        withheld[q] = True
        for e in model.q_eqs[q]:
            if e not in queued:
                queue.append(e)
                queued.add(e)

    while True:
        stuck = False
        # One withheld count alone in an equation: withhold the next smallest beside it.
        while queue:
            e = queue.popleft()
            queued.discard(e)
            qs, _ = model.eqs[e]
            if withheld[qs].sum() == 1:
                alone = int(qs[withheld[qs]][0])
                lone = [x for x in model.q_eqs[alone]
                        if withheld[model.eqs[x][0]].sum() == 1] if model.steer else []
                q = _pick(model, withheld, [e], lone)
                if q is None:
                    q = _pick(model, withheld, model.q_eqs[int(qs[withheld[qs]][0])])
                if q is not None:
                    add(q)
        progress = False
        # Bounds: fix only the root causes (what one equation gives away by itself), one
        # more count per equation, then look again: that often frees the rest (Band 8d's
        # two 1s pin other bands' counts through the column sums; one more count in Band 8d
        # frees them all). The root causes are the earliest round of findings that can be
        # fixed: one that cannot (pinned by fixed counts alone, or still pinned after
        # max_tries counts withheld for it) must not hold up the rest.
        found = _interval_points(model, withheld, cache=bounds_cache)
        for first in sorted({found_in for _, _, found_in in found.values()}):
            used: set[int] = set()
            for q, (_, e, found_in) in found.items():
                if found_in != first or e in used:
                    continue
                if model.fixed[q] or tries[q] >= limit:
                    stuck |= model.q_value[q] != 0
                    continue
                used.add(e)
                tries[q] += 1
                pick = _pick(model, withheld, [e], slack=True)
                if pick is None:
                    pick = _pick_near(model, withheld, q)
                if pick is not None:
                    add(pick)
                    progress = True
                else:
                    stuck |= model.q_value[q] != 0
            if progress:
                break
        if progress:
            continue
        # Algebra: one more count for each finding whose equations no fix of this round
        # has touched (findings far apart, say in two departments, are fixed together;
        # near ones may be freed by the same count), then look again.
        touched: set[int] = set()
        for q in _algebraic(model, withheld, values=False, cache=cache):
            if touched.intersection(model.q_eqs[q]):
                continue
            if model.fixed[q] or tries[q] >= limit:
                stuck |= model.q_value[q] != 0
                continue
            tries[q] += 1
            pick = _sibling_pick(model, withheld, q) if model.steer and tries[q] == 1 else None
            if pick is None:
                pick = _perturbation_pick(model, withheld, q)
            if pick is None:
                pick = _pick_near(model, withheld, q)
            touched.update(model.q_eqs[q])
            if pick is not None:
                touched.update(model.q_eqs[pick])
                add(pick)
                progress = True
            else:
                stuck |= model.q_value[q] != 0
        if not progress:
            return withheld, stuck


def _pinned(model: _Model, fixed: np.ndarray) -> np.ndarray:
    """``fixed`` and every count the fixed ones pin, to a fixed point: the one count of an
    equation that is not fixed (a pooled two-year count whose two years the released table
    shows), and counts of one sign adding up to zero (counts are not negative: a released
    0 disciplinary cases for a group makes each of its departments' counts 0). Withholding
    a pinned count protects nothing, so none is chosen as secondary suppression."""
    t_eq, t_q, t_k = model.terms
    out = fixed.copy()
    if not len(t_eq):
        return out
    n_eq = len(model.eqs)
    while True:
        free = ~out[t_q]
        rest = np.bincount(t_eq, weights=np.where(free, 0.0, t_k * model.q_value[t_q]),
                           minlength=n_eq)
        n_free = np.bincount(t_eq, weights=free, minlength=n_eq)
        pos = np.bincount(t_eq, weights=free & (t_k > 0), minlength=n_eq)
        one_sign = (pos == 0) | (pos == n_free)
        pins = (n_free == 1) | (one_sign & (n_free > 0) & (np.abs(rest) <= 1e-9))
        new = t_q[free & pins[t_eq]]
        if not len(new):
            return out
        out[new] = True


def _released_cells(model: _Model, released: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per quantity of ``model``: whether ``released`` shows it, and whether it withholds
    it (a count it has that is missing there), matching rows on the results key."""
    rel = released.reset_index(drop=True)
    rel_rows = _Rows.of(rel)
    where = {k: i for i, k in enumerate(rel_rows.keys)}
    match = np.array([where.get(k, -1) for k in model.rows.keys], dtype=np.int64)
    present = match >= 0
    safe = np.where(present, match, 0)
    cell_there = np.empty(2 * len(match), dtype=bool)
    for col, name in enumerate(_COUNT_COLUMNS):
        vals = rel[name].to_numpy(dtype=float, na_value=np.nan)
        cell_there[col::2] = present & np.isfinite(vals[safe]) if len(vals) else False
    cell_in = np.repeat(present, 2)
    has_q = (model.cell_q >= 0) & cell_in
    shown = np.zeros(model.n_q, dtype=bool)
    hidden = np.zeros(model.n_q, dtype=bool)
    shown[model.cell_q[has_q & cell_there]] = True
    hidden[model.cell_q[has_q & ~cell_there]] = True
    return shown, hidden
