"""Disclosure control on a finished results table: caution marks and publication-safe mode.

Both steps run on the results table (``wres_core.results``) and never change a figure that
is shown: caution only adds a flag and a note; suppression only *withholds* (sets to
``<NA>``). The original counts are not kept anywhere in the returned table.

Caution (:func:`apply_caution`)
-------------------------------
- A row with a denominator below the threshold (default 30) gets ``caution`` True and the
  note "small numbers: fewer than 30 (read with care)".
- A row without counts (``relative_likelihood*``, ``gap``, ``difference``) gets ``caution``
  where any row it is computed from has it (see *Sources of a figure* below), with the note
  "small numbers: based on fewer than 30 (read with care)".

Publication-safe mode (:func:`suppress`)
----------------------------------------
*Primary suppression.* A count (numerator or denominator) from 1 to threshold - 1 (default
1 to 9) is withheld. A survey percentage (indicators 5 to 8, measure ``percent``) from
1 to survey_min - 1 responses (default fewer than 11, the Staff Survey's own rule) is
withheld whatever its numerator, and so are both its counts (a shown numerator of 10 would
say that the withheld base is 10, and a shown 0 that the percentage is 0).

*Zero is shown.* A true zero is not withheld (this project's convention): "no BME staff in
Band 9" is itself the kind of finding the WRES exists to show. The consequence, accepted
here, is that a reader can tell "none of the staff in this row are in group X"; and, since
zeros are shown, a withheld count is known to be at least 1 (the checks below use that).

*Figures go with their counts.* A row with a withheld count has its value and interval
withheld too (a shown percentage and a shown denominator give the numerator back). A row
without counts is withheld when any row it is computed from is withheld (a shown ratio and
White's shown likelihood give the other group's likelihood back).

*Secondary suppression.* A withheld count must not be recoverable from shown counts. The
relations a reader can use are collected as linear equations between counts, each kept only
if it holds exactly in the data (a drill-down whose levels do not add up to the whole, say
because some staff have no department, gives no equation):

a. within one row of a breakdown (year, indicator, measure, dimension, level): the groups'
   numerators add up to the shown denominator for shares (``share``, ``board_share``,
   ``workforce_share``); an aggregate group adds up its parts ("White" = the White
   categories, a broad group = its categories; an ``All`` group = every group);
b. across the levels of a dimension, for one group: the levels add up to the ``overall``
   row ("Senior medical manager" and any row noted "of which ..." are left out, being
   part of another level); ``board_role`` Voting + Non-voting = All and Executive +
   Non-executive = All; ``clinical_pay_band`` "Clinical: Band 5" + "Non-clinical: Band 5" =
   ``pay_band`` "Band 5" and the Clinical levels add up to ``clinical`` "Clinical";
c. for the other measures (likelihoods, survey percents): the groups' counts at one level
   add up to a total shown elsewhere at the same year, dimension and level (indicator 1's
   denominator is the headcount behind indicators 3 and 4); and a count shown under two
   names is the same count (indicator 4's headcount of BME staff in Band 5 *is* indicator
   1's numerator; indicator 2's shortlisted applicants are the numerator of its
   application-stage likelihood): two rows' group counts at one level that agree in every
   non-zero group are treated as one count;
d. ``likelihood_2y`` of a year = ``likelihood`` of that year + of the year before (pooled
   counts, indicator 3).

Where an equation has exactly one withheld count, the next smallest non-zero shown count
in it is withheld too (a group before a total), with its figure; and so on to a fixed point.
Two more checks run on the result, and anything they find is fixed the same way:

- *bounds*: a withheld count is at least 1 (zero is shown; 0 for a survey numerator), so
  equations whose withheld counts add up to no more than their minimums give them away
  (Band 8d: White 40 shown, BME and Unknown withheld, 42 in all: both are 1). Bounds are
  carried from equation to equation until nothing tightens;
- *algebra*: a withheld count fixed by several equations together (no single one has it
  alone: two blocks of withheld cells joined by one cell; indicator 1's group x clinical x
  band cells with all their two-way sums; pooled two-year counts linking years) is found
  from the row space of the system, per connected set of withheld counts. It is fixed by
  withholding the shown count that the cheapest joint change of the withheld counts
  (weighted least squares, a count's size as its cost) moves most: the smallest count
  beside it is often absorbed without freeing it, and withholding one after another then
  reaches the organisation's own totals.

Bound findings are fixed at their root (what one equation gives away by itself), algebra
findings one per group of equations, and then everything is looked at again, so that each
extra withheld count frees as much as it can.

Every withheld figure has the same note, whatever the reason, so that the note does not
tell a primary withheld count (under 10) from a secondary one; and the caution flag of a
row whose denominator is withheld is set True with its "small numbers" note dropped, so
that it does not say whether the withheld base is under 30.

*A drill-down read beside its overall table* (``released``): the drill-down keeps every
decision the overall table made on the counts both hold (withheld there, withheld here;
shown there, never chosen here as secondary suppression), and finds the secondary
suppression it needs among its own counts; counts that the shown ones pin (the one unknown
of an equation, zeros adding up to a shown zero) are not chosen either, as withholding them
protects nothing. Where a small count can be protected only by withholding a count the
overall table shows (its shown totals with the number of withheld cells here pin it: seen
with individual ethnic categories), this table is made safe by itself first and withholds
that count too.

Limits. The complement of a count (shortlisted but not appointed, n - k) is not a cell of
the table and is not protected by itself. Beyond a drill-down and its overall table,
protection is within the one table given: two drill-downs of the same filters (by
department and by pay band) each agree with the overall table but are not made safe as a
pair, and differencing two tables (two filters, two year ranges, with and without a year)
is not covered. Bounds are carried equation by equation, which finds the usual cases (several
withheld 1s) but is not a full linear programme. :func:`recoverable_counts` audits a
published table with the same three checks.

Sources of a figure
-------------------
``relative_likelihood`` is computed from the ``likelihood`` rows of its group and of White
(``likelihood_2y`` where the indicator has it: indicator 3's pooled headline);
``relative_likelihood_1y`` from ``likelihood``; ``relative_likelihood_X`` from
``likelihood_X``; ``gap`` from the ``percent`` rows of its group and White; ``difference``
from the group's ``board_share`` at the same role and its ``workforce_share``. Any other
row without counts is taken to depend on every counted row of its group and White at the
same year, indicator, dimension and level.
"""

from __future__ import annotations

import contextlib
import functools
import math
import threading
import warnings
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wres_core.codes.ethnicity import BROAD_OF, UNKNOWN, WRES_OF
from wres_core.derived import (
    SHARE_MEASURES,
    SURVEY_MEASURE,
    derived_rows,
    rests_on_marked,
    source_lists,
)
from wres_core.results import add_note

if TYPE_CHECKING:  # scipy is imported where a table needs it: it costs start-up time
    from scipy import sparse

__all__ = [
    "CAUTION_THRESHOLD",
    "EVERY_COUNT",
    "PEOPLE",
    "POLICY_TEXT",
    "SUPPRESSION_THRESHOLD",
    "Policy",
    "SURVEY_MIN_RESPONSES",
    "Recovery",
    "apply_caution",
    "caution_note",
    "recoverable_across",
    "recoverable_counts",
    "sources",
    "suppress",
    "withheld_note",
]

CAUTION_THRESHOLD = 30
SUPPRESSION_THRESHOLD = 10
SURVEY_MIN_RESPONSES = 11

OVERALL, ALL = "overall", "All"
SURVEY_INDICATORS = frozenset({5, 6, 7, 8})
# "Of which" rows: counted inside another level of the same dimension.
OF_WHICH_LEVELS = frozenset({"Senior medical manager"})
# Dimensions whose levels split a level of the same dimension, rather than ``overall``.
PARTITIONS: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "board_role": (ALL, (("Voting", "Non-voting"), ("Executive", "Non-executive"))),
}
# Dimensions whose levels "a: b" cross two others: a level of the first and one of the second.
CROSSED: dict[str, tuple[str, str]] = {"clinical_pay_band": ("clinical", "pay_band")}

_CAUTION_PREFIX = "small numbers:"
_HALDANE_TEXT = "interval uses +0.5 correction"
_COUNT_COLUMNS = ("numerator", "denominator")
_KEY = ("year", "indicator", "measure", "group", "dimension", "level")
_FIGURE_COLUMNS = ("value", "ci_low", "ci_high")
_WRES_OF_BROAD = {BROAD_OF[c]: WRES_OF[c] for c in BROAD_OF}
BOARD_INDICATOR, BOARD_MEASURE = 9, "board_share"


@dataclass(frozen=True)
class Policy:
    """Which small counts publication-safe mode withholds for their own sake (primary
    suppression). Every count still takes part in the equations, so a count that is not
    protected can be withheld to protect one that is (secondary suppression).

    ``unknown``: a count of people whose ethnicity is unknown (the Unknown group's counts);
    ``totals``: a count of everyone whatever their ethnicity (a share's denominator, the
    ``All`` group); ``board``: indicator 9's board counts (also never withheld as secondary
    suppression when not protected: a board's membership is published).

    Whatever the policy, a count withheld as secondary suppression is itself made impossible
    to work out (a looser rule, protecting only the small counts, was tried: on the sample
    it withheld more, not less, and took three times as long)."""

    unknown: bool
    totals: bool
    board: bool


# This project's rule (methodology: "Small numbers and disclosure"): what must not be learnt
# is a small group's ethnicity. A count of people whose ethnicity is unknown, or of everyone
# in a band or department, says nothing about anyone's ethnicity, and a board's membership
# and ethnicity are published by the trust itself.
PEOPLE = Policy(unknown=False, totals=False, board=False)
# Every count from 1 to threshold - 1, whatever it counts (the rule before issue 14).
EVERY_COUNT = Policy(unknown=True, totals=True, board=True)

# The policy in words, for the methodology page and every export's methodology (one text).
POLICY_TEXT: tuple[str, ...] = (
    "What is protected: a person's ethnicity. Ethnicity is special-category personal data "
    "(UK GDPR Article 9), and a small count of a group in a band, department or category "
    "can point at the people in it. So a count from 1 to the threshold minus one (default "
    "1 to 9) of White, BME, a broad group or an ethnic category is withheld, in every "
    "view, and so is any figure computed from one.",
    "What is not withheld for its own sake, and why: a count of staff whose ethnicity is "
    "unknown (it says no one's ethnicity: not recorded, or not stated); a count of "
    "everyone in a band or department (a headcount says no one's ethnicity); and the "
    "board (indicator 9): board members are named public office holders whose membership "
    "trusts publish, and the WRES asks every trust to report its board's ethnicity, so "
    "indicator 9 is never withheld. Such counts can still be withheld to protect a small "
    "group count beside them (secondary suppression), and an Unknown count is the first "
    "choice, since withholding it hides no White or BME figure.",
    "No figure can be worked out from the others: a withheld count cannot be recovered "
    "from shown totals, sums across bands, categories adding up to broad groups and "
    "those to White/BME/Unknown, or from the bounds a reader knows (a withheld count is "
    "at least 1, since zero is shown). The overall view, a drill-down and the three group "
    "levels of the same filters and years are made safe as one: a count shown in one is "
    "shown in all, and a count withheld in one is withheld in all.",
    "A share of 0% or 100% that the shown zeros already give (no BME or Unknown staff in "
    "a band: White is everyone) is shown even where the band's headcount is withheld; "
    "its interval, which would tell the headcount, is not.",
    "Rounding (to the nearest 5, as some official statistics do) was not used: it changes "
    "every figure a trust checks against its own records, and withholding alone, made "
    "consistent across views, keeps nearly all of the picture. Sources: UK GDPR Article "
    "9; the Government Statistical Service's disclosure control policy for tables from "
    "administrative data (primary and secondary suppression); NHS England's WRES "
    "technical guidance (indicator 9, board membership by ethnicity).",
)


def caution_note(threshold: int = CAUTION_THRESHOLD, *, derived: bool = False) -> str:
    """The note a caution mark adds.

    >>> caution_note(30)
    'small numbers: fewer than 30 (read with care)'
    """
    based = "based on " if derived else ""
    return f"{_CAUTION_PREFIX} {based}fewer than {threshold} (read with care)"


def withheld_note(
    threshold: int = SUPPRESSION_THRESHOLD,
    survey_min: int = SURVEY_MIN_RESPONSES,
    *,
    survey: bool = False,
) -> str:
    """The note on every withheld figure. It is the same whatever the reason (a small count,
    or a figure that would give one away), so that it does not tell one from the other.

    >>> withheld_note(10)
    'withheld: fewer than 10, or would reveal such a count (publication-safe mode)'
    >>> withheld_note(10, 11, survey=True)
    'withheld: fewer than 11 responses or 10 people, or would reveal such a count (publication-safe mode)'
    """  # noqa: E501
    what = (
        f"fewer than {survey_min} responses or {threshold} people"
        if survey
        else f"fewer than {threshold}"
    )
    return f"withheld: {what}, or would reveal such a count (publication-safe mode)"


# --------------------------------------------------------------------------- row structure


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


def sources(results: pd.DataFrame) -> dict[int, list[int]]:
    """Rows without counts mapped to the positions of the rows they are computed from.

    Positions are 0-based row positions in ``results``. See the module docstring.

    >>> from wres_core.results import frame
    >>> t = frame([
    ...     {"year": 2024, "indicator": 2, "measure": "likelihood", "group": "White",
    ...      "dimension": "overall", "level": "All", "numerator": 40, "denominator": 80},
    ...     {"year": 2024, "indicator": 2, "measure": "likelihood", "group": "BME",
    ...      "dimension": "overall", "level": "All", "numerator": 20, "denominator": 80},
    ...     {"year": 2024, "indicator": 2, "measure": "relative_likelihood", "group": "BME",
    ...      "dimension": "overall", "level": "All", "value": 2.0}])
    >>> sources(t)
    {2: [0, 1]}
    """
    table = results.reset_index(drop=True)
    return source_lists(table, derived_rows(table))


# --------------------------------------------------------------------------- caution


def apply_caution(results: pd.DataFrame, *, threshold: int = CAUTION_THRESHOLD) -> pd.DataFrame:
    """Mark figures built on small numbers.

    ``caution`` becomes True (it is never set back to False) where the denominator is below
    ``threshold``, and on rows without counts where any row they are computed from has
    caution. The note "small numbers: fewer than 30 (read with care)" is added once, and
    not on rows already withheld by :func:`suppress` (their own note says enough).
    ``threshold`` 0 marks nothing. Returns a new table; figures are untouched.

    >>> from wres_core.results import frame
    >>> t = frame([{"year": 2024, "indicator": 1, "measure": "share", "group": "BME",
    ...             "dimension": "overall", "level": "All", "numerator": 5,
    ...             "denominator": 20, "value": 25.0}])
    >>> out = apply_caution(t)
    >>> bool(out.loc[0, "caution"]), out.loc[0, "note"]
    (True, 'small numbers: fewer than 30 (read with care)')
    """
    _check_threshold("threshold", threshold)
    out = results.reset_index(drop=True).copy()
    if out.empty:
        return out
    den = out["denominator"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        small = np.isfinite(den) & (den < threshold)
    caution = out["caution"].fillna(False).to_numpy(dtype=bool) | small
    derived_small = rests_on_marked(out, derived_rows(out), caution)
    caution |= derived_small
    shown = ~out["suppressed"].fillna(False).to_numpy(dtype=bool)
    notes = out["note"].fillna("")
    for mask, text in ((small, caution_note(threshold)),
                       (derived_small & ~small, caution_note(threshold, derived=True))):
        missing = ~notes.str.contains(text, regex=False).to_numpy(dtype=bool)
        notes = add_note(notes, pd.Series(mask & shown & missing, index=out.index), text)
    out["note"] = notes.astype("string")
    out["caution"] = pd.array(caution, dtype="boolean")
    out.index = results.index
    return out


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


def _build_model(df: pd.DataFrame) -> _Model:
    rows = _Rows.of(df)
    n = len(rows)
    cell_value = np.empty(2 * n, dtype=float)
    cell_value[0::2] = df["numerator"].to_numpy(dtype=float, na_value=np.nan)
    cell_value[1::2] = df["denominator"].to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(cell_value)
    counted = ~rows.derived
    survey_rows = np.array(
        [rows.indicator[i] in SURVEY_INDICATORS and rows.measure[i] == SURVEY_MEASURE
         for i in range(n)], dtype=bool)

    uf = _UnionFind(2 * n)
    raw = _RawEquations()
    add_sum = raw.add_sum

    def cell(i: int, col: int) -> int:
        return 2 * i + col

    # (a) and (c): the groups of one row of a breakdown.
    rowsets: dict[tuple, list[int]] = defaultdict(list)
    for i in np.flatnonzero(counted):
        rowsets[(rows.year[i], rows.indicator[i], rows.measure[i], rows.dimension[i],
                 rows.level[i])].append(int(i))
    share_totals: dict[tuple, list[int]] = defaultdict(list)  # (year, dim, level) -> den cell
    per_group: list[tuple[tuple, list[int]]] = []  # (key, leaf rows) of non-share measures
    vectors: dict[tuple, list[tuple[tuple, int, dict[str, int]]]] = defaultdict(list)
    for key, members in rowsets.items():
        y, ind, m, d, lvl = key
        at: dict[str, int] = {}
        for i in members:
            at.setdefault(rows.group[i], i)
        leaves, children = _hierarchy(at)
        if _is_share(m):
            # One denominator, printed on every group's row.
            dens = [cell(i, 1) for i in members if finite[cell(i, 1)]]
            for c in dens[1:]:
                if cell_value[c] == cell_value[dens[0]]:
                    uf.union(dens[0], c)
            total = dens[0] if dens else None
            add_sum(total, [cell(at[g], 0) for g in leaves])
            if total is not None:
                share_totals[(y, d, lvl)].append(total)
            cols = (0,)
        else:
            per_group.append((key, [at[g] for g in leaves]))
            total = None
            cols = (0, 1)
        for col in cols:
            if ALL in at:
                add_sum(cell(at[ALL], col), [cell(at[g], col) for g in leaves])
            for agg, ch in children.items():
                add_sum(cell(at[agg], col), [cell(at[g], col) for g in ch])
            group_cells = {g: cell(i, col) for g, i in at.items()}
            vectors[(y, d, lvl)].append(((ind, m), total, group_cells))
    for (y, _ind, _m, d, lvl), leaf_rows in per_group:
        for col in (0, 1):
            for total in share_totals.get((y, d, lvl), []):
                add_sum(total, [cell(i, col) for i in leaf_rows])

    # (c) The same count under two names: group vectors at one level that agree.
    for vecs in vectors.values():
        buckets: dict[tuple, list[tuple[tuple, int | None, dict[str, int]]]] = defaultdict(list)
        for source, total, cells in vecs:
            leaves, _ = _hierarchy(cells)
            vals = [cell_value[cells[g]] for g in leaves]
            if not leaves or not all(math.isfinite(v) for v in vals):
                continue
            support = tuple(sorted((g, v) for g, v in zip(leaves, vals, strict=True) if v != 0))
            if support:
                buckets[support].append((source, total, cells))
        for members in buckets.values():
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    (sa, ta, ca), (sb, tb, cb) = members[a], members[b]
                    if sa == sb:
                        continue  # a measure's numerator and denominator are not one count
                    pairs = [(ca[g], cb[g]) for g in ca.keys() & cb.keys()]
                    if ta is not None and tb is not None:
                        pairs.append((ta, tb))  # two shares of the same people
                    for x, z in pairs:
                        if cell_value[x] == cell_value[z]:
                            uf.union(x, z)

    # (b) Levels of a dimension, per group; (d) pooled two-year counts.
    lines: dict[tuple, dict[tuple[str, str], int]] = defaultdict(dict)
    index: dict[tuple, int] = {}
    for i in np.flatnonzero(counted):
        lines[(rows.year[i], rows.indicator[i], rows.measure[i], rows.group[i])].setdefault(
            (rows.dimension[i], rows.level[i]), int(i))
        index.setdefault(rows.key(i), int(i))
    for line in lines.values():
        total = line.get((OVERALL, ALL))
        levels: dict[str, list[str]] = defaultdict(list)
        for d, lvl in line:
            if d != OVERALL and not _is_of_which(lvl, rows.note[line[(d, lvl)]]):
                levels[d].append(lvl)
        for d, lvls in levels.items():
            groups_of_parts: list[tuple[int | None, list[int]]] = []
            if d in PARTITIONS:
                top, splits = PARTITIONS[d]
                for split in splits:
                    parts = [line[(d, x)] for x in split if (d, x) in line]
                    groups_of_parts.append((line.get((d, top)), parts))
            else:
                groups_of_parts.append((total, [line[(d, x)] for x in lvls]))
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
                        groups_of_parts.append((line.get((dim, lvl)), parts))
            for top_row, parts in groups_of_parts:
                for col in (0, 1):
                    add_sum(None if top_row is None else cell(top_row, col),
                            [cell(p, col) for p in parts])
    for i in np.flatnonzero(counted):
        y, ind, m, g, d, lvl = rows.key(i)
        if m.endswith("_2y"):
            this = index.get((y, ind, m[:-3], g, d, lvl))
            before = index.get((y - 1, ind, m[:-3], g, d, lvl))
            if this is not None and before is not None:
                for col in (0, 1):
                    add_sum(cell(int(i), col), [cell(this, col), cell(before, col)])

    # Quantities: classes of cells that are one count. An equation that says two counts
    # are equal (a band on one clinical side only: pay_band "Band 9" is "Non-clinical:
    # Band 9") makes them one count too, and the equations are gathered again.
    while True:
        cell_q, q_cells, eqs = _quantities(uf, finite, cell_value, raw)
        q_value = np.array([cell_value[cs[0]] for cs in q_cells], dtype=float)
        equal = [qs for qs, ks in eqs if len(qs) == 2 and ks[0] == -ks[1]]
        if not equal:
            break
        for qs in equal:
            uf.union(q_cells[qs[0]][0], q_cells[qs[1]][0])
    # A survey numerator may be withheld as 0; any other count is at least 1.
    survey_num = np.zeros(len(q_cells), dtype=bool)
    numerators = np.flatnonzero((cell_q[0::2] >= 0) & survey_rows)
    survey_num[cell_q[2 * numerators]] = True
    q_low = np.where(survey_num, 0.0, 1.0)
    q_eqs: list[list[int]] = [[] for _ in range(len(q_cells))]
    for e, (qs, _) in enumerate(eqs):
        for q in qs:
            q_eqs[q].append(e)
    terms = (
        np.concatenate([np.full(len(qs), e, dtype=np.int64) for e, (qs, _) in enumerate(eqs)]
                       or [np.zeros(0, dtype=np.int64)]),
        np.concatenate([qs for qs, _ in eqs] or [np.zeros(0, dtype=np.int64)]),
        np.concatenate([ks for _, ks in eqs] or [np.zeros(0)]),
    )
    fixed = np.zeros(len(q_cells), dtype=bool)
    fixed[[int(qs[0]) for qs, _ in eqs if len(qs) == 1]] = True
    return _Model(rows, cell_value, cell_q, q_value, q_cells, q_low, eqs, q_eqs, survey_rows,
                  source_lists(df, rows.derived), terms, fixed,
                  _kinds(rows, cell_q, len(q_cells)))


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
DENSE_VARIABLES = 1500


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


# --------------------------------------------------------------------------- suppression


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


def _check_threshold(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"{name} must be a whole number, 0 or more; got {value!r}")


# The group the WRES is about: where another cell can protect a small count just as well,
# withhold that one, so that BME figures (the point of every indicator) stay on show.
FOCUS_GROUP = "BME"


def _is_focus(model: _Model, q: int) -> bool:
    return any(cell % 2 == 0 and model.rows.group[cell // 2] == FOCUS_GROUP
               for cell in model.q_cells[q])


def _pick(model: _Model, withheld: np.ndarray, eq_ids: Iterable[int]) -> int | None:
    """The quantity to withhold next: a count of people of unknown ethnicity if there is
    one (it hides no White or BME figure), else the smallest shown non-zero count in the
    equations that is not a BME count (a part before a total, then the first in the table);
    a BME count only where nothing else will do, and a shown zero only as a last resort."""
    best: tuple | None = None
    fixed = model.fixed
    cheap = model.cheap_q
    eq_ids = list(eq_ids)
    for e in eq_ids:
        qs, ks = model.eqs[e]
        for q, k in zip(qs, ks, strict=True):
            if withheld[q] or fixed[q]:
                continue
            v = model.q_value[q]
            if model.steer:
                # Under the people policy: the count that hides fewest White and BME figures,
                # counting those its other equations will need (each one it would leave
                # with a single withheld count needs one more).
                cost = int(not cheap[q]) + _new_singles(model, withheld, int(q), eq_ids)
                rank = (v == 0, cost, _is_focus(model, int(q)), not cheap[q], v, k < 0, int(q))
            else:
                rank = (v == 0, _is_focus(model, int(q)), v, k < 0, int(q))
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
    # or BME figure.
    size = np.where(model.cheap_q[others], 1.0, np.maximum(model.q_value[others], 1.0))
    cost = np.where(withheld[others], 1e-3, size)
    delta = _weighted_least_change(a, b, cost)
    if len(b) and np.abs(a @ delta - b).max() > 1e-6:
        return None, complete  # q cannot move here, however much is withheld
    size = np.where(withheld[others], -1.0, np.abs(delta))
    k = int(np.argmax(size))
    return (int(others[k]) if size[k] > 1e-9 else None), complete


# A connected set with more matrix entries than this is checked by sparse projection.
DENSE_ENTRIES = 4_000_000


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
                q = _pick(model, withheld, [e])
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
                pick = _pick(model, withheld, [e])
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


def _implied_shares(model: _Model, num_out: np.ndarray, den_out: np.ndarray) -> np.ndarray:
    """Share rows whose value the shown counts already give, though a count of the row is
    withheld: 0% where the numerator is a shown 0, and 100% where every other group of the
    row has a shown 0 (BME 0 and Unknown 0 shown: White is everyone, however many). Only
    with the base withheld: a shown base would give the numerator back, and the interval
    (which would tell the base) stays withheld."""
    rows = model.rows
    num = model.cell_value[0::2]
    den = model.cell_value[1::2]
    share = np.array([_is_share(m) for m in rows.measure], dtype=bool) & ~rows.derived
    candidate = share & den_out & np.isfinite(num)
    out = candidate & ~num_out & (num == 0)
    whole = np.flatnonzero(candidate & num_out & (num == den) & (den > 0))
    if len(whole):
        zero_shown = ~num_out & (num == 0)
        rowsets: dict[tuple, list[int]] = defaultdict(list)
        for i in np.flatnonzero(share):
            rowsets[(rows.year[i], rows.indicator[i], rows.measure[i], rows.dimension[i],
                     rows.level[i])].append(int(i))
        for i in whole.tolist():
            members = rowsets[(rows.year[i], rows.indicator[i], rows.measure[i],
                               rows.dimension[i], rows.level[i])]
            mine = rows.group[i]
            out[i] = all(zero_shown[j] for j in members
                         if j != i and rows.group[j] != ALL and rows.group[j] not in
                         _parents(mine) and mine not in _parents(rows.group[j]))
    return out


def _strip(note: str, prefixes: Sequence[str]) -> str:
    if not prefixes:
        return note
    parts = [p for p in note.split("; ") if p and not any(p.startswith(x) for x in prefixes)]
    return "; ".join(parts)


def suppress(
    results: pd.DataFrame,
    *,
    threshold: int = SUPPRESSION_THRESHOLD,
    survey_min: int = SURVEY_MIN_RESPONSES,
    released: pd.DataFrame | None = None,
    policy: Policy = PEOPLE,
) -> pd.DataFrame:
    """Publication-safe results: small counts and everything that would reveal them withheld.

    The rules are in the module docstring. Withheld counts and figures become ``<NA>``,
    ``suppressed`` True, and the note says "withheld: fewer than 10, or would reveal such a
    count (publication-safe mode)". Nothing shown is changed, no row is added or dropped,
    and the withheld values are not kept anywhere in the returned table.

    ``threshold`` 0 or 1 turns publication-safe mode off (the survey rule included) and
    returns the table unchanged. ``survey_min`` 0 or 1 turns off only the survey rule.

    ``released``: a publication-safe table of the same data (same filters, group level,
    years and thresholds) that readers may also see, typically the overall table this one
    drills into. Every count of this table that ``released`` holds keeps its decision there:
    withheld if it is withheld there, and never chosen here as secondary suppression if it
    is shown there; the secondary suppression this table needs is found among its other
    counts. So the two read together show nothing either hides, provided this table holds
    every row of ``released`` (the equations between the two are then all in this one),
    except where this table could not be made safe that way (the module docstring says
    when): it is then made safe by itself first, and ``out.attrs["released_kept"]`` is
    False (True otherwise).

    >>> from wres_core.results import frame
    >>> rows = [{"year": 2024, "indicator": 1, "measure": "share", "group": g,
    ...          "dimension": "overall", "level": "All", "numerator": k, "denominator": 80,
    ...          "value": 100 * k / 80} for g, k in (("White", 60), ("BME", 5), ("Unknown", 15))]
    >>> out = suppress(frame(rows))
    >>> out[["group", "numerator", "value", "suppressed"]].values.tolist()
    [['White', 60.0, 75.0, False], ['BME', <NA>, <NA>, True], ['Unknown', <NA>, <NA>, True]]
    >>> out = suppress(frame(rows), policy=EVERY_COUNT)  # the same: 5 BME is the small count
    >>> out["suppressed"].tolist()
    [False, True, True]
    """  # noqa: E501
    _check_threshold("threshold", threshold)
    _check_threshold("survey_min", survey_min)
    if threshold <= 1:
        return results.copy()
    df = results.reset_index(drop=True)
    if df.empty:
        return df.copy()
    model = _build_model(df)
    n = len(df)

    withheld = np.zeros(model.n_q, dtype=bool)
    with np.errstate(invalid="ignore"):
        withheld |= (model.q_value > 0) & (model.q_value < threshold) & model.protected(policy)
    model.fixed = model.fixed | model.public(policy)
    model.steer = not policy.unknown
    den = model.cell_value[1::2]
    with np.errstate(invalid="ignore"):
        survey_small = model.survey_rows & (den > 0) & (den < survey_min)
    for i in np.flatnonzero(survey_small):
        for c in (2 * i, 2 * i + 1):
            if model.cell_q[c] >= 0:
                withheld[model.cell_q[c]] = True
    own_pins = model.fixed
    kept = True
    if released is not None and len(released):
        shown_there, withheld_there = _released_cells(model, released)
        withheld |= withheld_there
        model.fixed = _pinned(model, own_pins | (shown_there & ~withheld))
    with _one_blas_thread():
        withheld, stuck = _withhold(
            model, withheld, None if model.fixed is own_pins else MAX_TRIES)
        if stuck and model.fixed is not own_pins:
            # Some small count can only be protected by withholding a count the released
            # table shows (its shown totals, with the number of withheld cells here, pin it):
            # this table must be safe by itself first, so those counts are withheld here too.
            model.fixed = own_pins
            withheld, _ = _withhold(model, withheld)
            kept = False

    cell_withheld = np.zeros(2 * n, dtype=bool)
    has_q = model.cell_q >= 0
    cell_withheld[has_q] = withheld[model.cell_q[has_q]]
    num_out, den_out = cell_withheld[0::2], cell_withheld[1::2]
    row_out = num_out | den_out | survey_small
    # A share of 0% or 100% that the shown zeros already say is shown (its interval, which
    # would tell the base, is not).
    value_out = row_out & ~_implied_shares(model, num_out, den_out)
    for i, src in model.sources.items():
        row_out[i] = row_out[i] or bool(src and value_out[src].any())
        value_out[i] = row_out[i]

    out = df.copy()
    for col, mask in (("numerator", num_out), ("denominator", den_out)):
        out[col] = out[col].mask(pd.Series(mask, index=out.index))
    for col in _FIGURE_COLUMNS:
        mask = value_out if col == "value" else row_out
        out[col] = out[col].mask(pd.Series(mask, index=out.index))

    # The caution flag and note must not say whether a withheld base is under 30, nor the
    # interval note whether a withheld count is zero.
    hide_base = den_out | (row_out & model.rows.derived)
    notes = [
        _strip(note, ((_CAUTION_PREFIX,) if hide else ()) + ((_HALDANE_TEXT,) if gone else ()))
        for note, hide, gone in zip(out["note"].fillna("").tolist(), hide_base, row_out,
                                    strict=True)
    ]
    notes = pd.Series(notes, index=out.index, dtype="string")
    survey_note = np.isin(np.array(model.rows.indicator, dtype=np.int64),
                          list(SURVEY_INDICATORS)) & (survey_min > 1)
    for survey in (False, True):
        text = withheld_note(threshold, survey_min, survey=survey)
        mask = row_out & (survey_note == survey) & ~notes.str.contains(
            text, regex=False).to_numpy(dtype=bool)
        notes = add_note(notes, pd.Series(mask, index=out.index), text)
    out["note"] = notes.astype("string")
    out["caution"] = (out["caution"].fillna(False) | pd.Series(hide_base, index=out.index)
                      ).astype("boolean")
    out["suppressed"] = (out["suppressed"].fillna(False) | pd.Series(value_out, index=out.index)
                         ).astype("boolean")
    out.index = results.index
    if released is not None:
        out.attrs["released_kept"] = kept  # a flag only: no count goes in attrs
    return out


# --------------------------------------------------------------------------- the audit


@dataclass(frozen=True)
class Recovery:
    """A withheld count that can be worked out from what is shown."""

    year: int
    indicator: int
    measure: str
    group: str
    dimension: str
    level: str
    column: str  # "numerator" or "denominator"
    value: float  # what it works out to
    method: str  # "shown elsewhere", "figure shown", "derived figure shown", "equation",
    #              "bounds" or "equations together"


def recoverable_counts(published: pd.DataFrame, original: pd.DataFrame) -> list[Recovery]:
    """Audit a publication-safe table: the withheld counts a reader could work out.

    ``original`` is the table before :func:`suppress` (it tells which relations between the
    counts really hold, and which counts were withheld); ``published`` the table after.
    Rows are matched on the results key. A withheld count is reported (once, as its first
    cell) when it is:

    - shown in another cell that holds the same count ("shown elsewhere");
    - on a row whose value is still shown ("figure shown": value x denominator), or behind
      a shown ratio, gap or difference ("derived figure shown");
    - the only withheld count in an exact equation ("equation": a row or column sum);
    - pinned by the bounds a reader knows (at least 1; 0 for a survey numerator) carried
      through the equations ("bounds");
    - fixed by several equations together ("equations together").

    An empty list means none of these recovers anything.
    """
    orig = original.reset_index(drop=True)
    model = _build_model(orig)
    rows = model.rows
    pub = published.reset_index(drop=True)
    pub_rows = _Rows.of(pub)
    where = {pub_rows.key(i): i for i in range(len(pub_rows))}
    match = np.array([where.get(rows.key(i), -1) for i in range(len(rows))], dtype=np.int64)
    present = match >= 0
    safe = np.where(present, match, 0)

    def shown(col: str) -> np.ndarray:
        if pub.empty:
            return np.zeros(len(rows), dtype=bool)
        vals = pub[col].to_numpy(dtype=float, na_value=np.nan)[safe]
        return present & np.isfinite(vals)

    cell_shown = np.empty(2 * len(rows), dtype=bool)
    cell_shown[0::2], cell_shown[1::2] = shown("numerator"), shown("denominator")
    value_shown = shown("value")
    cell_withheld = np.isfinite(model.cell_value) & ~cell_shown

    found: dict[int, Recovery] = {}

    def report(q: int, value: float, method: str) -> None:
        if q in found:
            return
        c = next((c for c in model.q_cells[q] if cell_withheld[c]), model.q_cells[q][0])
        y, ind, m, g, d, lvl = rows.key(c // 2)
        found[q] = Recovery(y, ind, m, g, d, lvl, _COUNT_COLUMNS[c % 2], float(value), method)

    withheld = np.zeros(model.n_q, dtype=bool)
    for q, cs in enumerate(model.q_cells):
        out = [cell_withheld[c] for c in cs]
        if all(out):
            withheld[q] = True
        elif any(out):
            report(q, model.q_value[q], "shown elsewhere")
    num, den = model.cell_value[0::2], model.cell_value[1::2]
    for i in range(len(rows)):
        if not value_shown[i] or rows.derived[i]:
            continue
        out_num, out_den = cell_withheld[2 * i], cell_withheld[2 * i + 1]
        if _is_share(rows.measure[i]) and out_den and (
                (num[i] == 0 and not out_num) or (num[i] == den[i] and out_num)):
            # 0% of a withheld base says nothing of it; 100% says the group is everyone,
            # which is one of the equations (checked below with the rest).
            continue
        for col, out in ((0, out_num), (1, out_den)):
            if out:
                c = 2 * i + col
                report(int(model.cell_q[c]), model.cell_value[c], "figure shown")
    for i, src in model.sources.items():
        if value_shown[i]:
            for j in src:
                for c in (2 * j, 2 * j + 1):
                    if cell_withheld[c]:
                        report(int(model.cell_q[c]), model.cell_value[c], "derived figure shown")
    with _one_blas_thread():
        for method, finder in (("equation", _single_unknown), ("bounds", _interval_points),
                               ("equations together", _algebraic)):
            for q, (value, _, _) in finder(model, withheld).items():
                report(q, value, method)
    return sorted(found.values(), key=lambda r: (r.year, r.indicator, r.measure, r.dimension,
                                                  r.level, r.group, r.column))


def recoverable_across(views: Sequence[tuple[pd.DataFrame, pd.DataFrame]]) -> list[Recovery]:
    """Audit views a reader may put side by side, as one: each view is (published,
    original), say the overall table and a drill-down at each of the three group levels.

    A count two views hold under one results key is one count: shown in one and withheld
    in another, it is reported ("shown elsewhere"). The views' rows are then read as one
    table (each key once, withheld where any view withholds it) and audited with
    :func:`recoverable_counts`, so that sums across levels (categories to broad groups to
    White/BME/Unknown) and across tables are used together.
    """
    key = list(_KEY)
    pub = pd.concat([p for p, _ in views], ignore_index=True)
    orig = pd.concat([o for _, o in views], ignore_index=True)
    found: list[Recovery] = []
    for col in _COUNT_COLUMNS:
        shown = pub[col].notna()
        held = orig[col].notna()
        per_key = pd.DataFrame({"shown": shown & held, "hidden": ~shown & held})
        per_key[key] = pub[key]
        both = per_key.groupby(key, dropna=False)[["shown", "hidden"]].any()
        mixed = both[both["shown"] & both["hidden"]]
        if len(mixed):
            values = orig.assign(_k=1).groupby(key, dropna=False)[col].first()
            for k in mixed.index:
                found.append(Recovery(*k, column=col, value=float(values.loc[k]),
                                      method="shown elsewhere"))
    # One row per key: withheld wherever any view withholds it.
    first = ~orig.duplicated(key)
    one_orig = orig[first].reset_index(drop=True)
    merged = pub[key].copy()
    for col in (*_COUNT_COLUMNS, *_FIGURE_COLUMNS):
        merged[col] = pub[col].isna()
    hidden = merged.groupby(key, dropna=False).any()
    one_pub = pub[first].reset_index(drop=True).copy()
    idx = pd.MultiIndex.from_frame(one_pub[key])
    for col in (*_COUNT_COLUMNS, *_FIGURE_COLUMNS):
        gone = hidden[col].reindex(idx).to_numpy(dtype=bool)
        one_pub[col] = one_pub[col].mask(pd.Series(gone, index=one_pub.index))
    return found + recoverable_counts(one_pub, one_orig)
