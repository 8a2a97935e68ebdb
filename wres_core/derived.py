"""Which rows of a results table are computed from other rows, and which of those rest on a
marked row, as column operations over the whole table.

The rules (``source_lists`` lists each derived row's sources, for suppression; caution asks
only whether any of them is marked): a relative likelihood rests on the likelihoods of its
group and of White in the same cell (the two-year ones first for indicator 3's headline), a
survey gap on the two percents, a board difference on the group's board share and workforce
shares, and any other row without counts on every counted row of the two groups in its
cell. A nation's table has 150,000 rows and more, which a loop in Python took over a second
to walk on every query; these sorted integer keys take about a tenth of that.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REFERENCE = "White"
SURVEY_MEASURE = "percent"
SHARE_MEASURES = frozenset({"share", "board_share", "workforce_share"})
TEXT = ("measure", "group", "dimension", "level")


def _is_derived_measure(m: str) -> bool:
    return m.startswith("relative_likelihood") or m in ("gap", "difference")


def _is_count_measure(m: str) -> bool:
    return (m in SHARE_MEASURES or m.endswith("_share") or m.startswith("likelihood")
            or m == SURVEY_MEASURE)


class Keys:
    """The results key of every row as integer codes: each text column's codes among its
    distinct values (blank as ""), and the key of a row, or of a row looked for, as one
    integer. A text not in the table has code -1, and a key holding one is found nowhere."""

    def __init__(self, results: pd.DataFrame) -> None:
        self.codes: dict[str, np.ndarray] = {}
        self.values: dict[str, pd.Index] = {}
        for c in ("year", "indicator", *TEXT):
            col = results[c]
            col = col.astype("string").fillna("") if c in TEXT else col.astype("int64")
            codes, uniques = pd.factorize(col)
            self.codes[c], self.values[c] = codes.astype(np.int64), pd.Index(uniques)
        self.n = len(results)

    def code(self, column: str, text: str) -> int:
        where = self.values[column].get_indexer([text])
        return int(where[0])

    def key(self, **parts: np.ndarray | int) -> np.ndarray:
        """One integer per row of the given columns' codes (in the order given), -1 where
        any code is -1."""
        key = np.zeros(self.n, dtype=np.int64)
        missing = np.zeros(self.n, dtype=bool)
        for c, code in parts.items():
            code = np.broadcast_to(np.asarray(code, dtype=np.int64), (self.n,))
            key = key * (len(self.values[c]) + 1) + code
            missing |= code < 0
        return np.where(missing, -1, key)


def derived_rows(results: pd.DataFrame) -> np.ndarray:
    """Rows without counts of their own, computed from other rows: relative likelihoods,
    gaps, differences, and any row with neither numerator nor denominator whose measure is
    not a count (share, likelihood, percent)."""
    codes, measures = pd.factorize(results["measure"].astype("string").fillna(""))
    derived_measure = np.array([_is_derived_measure(str(m)) for m in measures] + [False])
    count_measure = np.array([_is_count_measure(str(m)) for m in measures] + [False])
    no_counts = (results["numerator"].isna() & results["denominator"].isna()).to_numpy(bool)
    return derived_measure[codes] | (no_counts & ~count_measure[codes])


class _Runs:
    """The counted rows by key: sorted keys, each key's rows in table order."""

    def __init__(self, keys: np.ndarray, rows: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self.keys, self.rows = keys[order], rows[order]

    def first(self, keys: np.ndarray) -> np.ndarray:
        """The first row holding each key, -1 where none does (or the key is -1)."""
        if not len(self.keys):
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where((self.keys[at] == keys) & (keys >= 0), self.rows[at], -1)

    def all(self, key: int) -> list[int]:
        """Every row holding ``key``."""
        lo, hi = np.searchsorted(self.keys, [key, key + 1])
        return self.rows[lo:hi].tolist() if key >= 0 else []


def _sources(results: pd.DataFrame,
             derived: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[int, list[int]]]:
    """The rows derived rows are computed from: for relative likelihoods and gaps (nearly
    all of them) the group's row and White's, as two arrays over the table (-1 where none);
    for board differences and rows of measures no rule names, a list per row."""
    n = len(results)
    own = np.full(n, -1, dtype=np.int64)
    white = np.full(n, -1, dtype=np.int64)
    listed: dict[int, list[int]] = {}
    if not derived.any():
        return own, white, listed
    k = Keys(results)
    c = k.codes
    base_rows = np.flatnonzero(~derived)
    cell = {"year": c["year"], "indicator": c["indicator"]}
    at = {"dimension": c["dimension"], "level": c["level"]}
    full = _Runs(k.key(**cell, measure=c["measure"], group=c["group"], **at)[base_rows],
                 base_rows)
    ref = k.code("group", REFERENCE)
    ref_too = c["group"] != ref

    def pair(measure: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
        """The group's row of ``measure`` in the same cell, and White's (-1 where none, or
        where the group is White)."""
        mine = full.first(k.key(**cell, measure=measure, group=c["group"], **at))
        theirs = full.first(k.key(**cell, measure=measure, group=ref, **at))
        return mine, np.where(ref_too, theirs, -1)

    measures = [str(m) for m in k.values["measure"]]
    kind = np.array([("rl" if m.startswith("relative_likelihood") else
                      m if m in ("gap", "difference") else "other") for m in measures])[
                         c["measure"]]
    if (kind == "rl").any():
        # Each relative likelihood's first base: the two-year likelihood for the headline,
        # the plain one for the one-year figure, the stage's own for a stage; the plain
        # likelihood where the first base has no row.
        def first_base(m: str) -> str:
            suffix = m[len("relative_likelihood"):] if m.startswith("relative_likelihood") else ""
            return {"": "likelihood_2y", "_1y": "likelihood"}.get(suffix, "likelihood" + suffix)

        base_code = np.array([k.code("measure", first_base(m)) for m in measures])
        own1, white1 = pair(base_code[c["measure"]])
        own2, white2 = pair(k.code("measure", "likelihood"))
        found = (own1 >= 0) | (white1 >= 0)
        rl = kind == "rl"
        own = np.where(rl, np.where(found, own1, own2), own)
        white = np.where(rl, np.where(found, white1, white2), white)
    if (kind == "gap").any():
        own_p, white_p = pair(k.code("measure", SURVEY_MEASURE))
        gap = kind == "gap"
        own, white = np.where(gap, own_p, own), np.where(gap, white_p, white)

    rest = np.flatnonzero(derived & ((kind == "difference") | (kind == "other"))).tolist()
    if not rest:
        return own, white, listed
    in_group = _Runs(k.key(**cell, measure=c["measure"], group=c["group"])[base_rows],
                     base_rows)
    in_cell = _Runs(k.key(**cell, group=c["group"], **at)[base_rows], base_rows)
    board, workforce = k.code("measure", "board_share"), k.code("measure", "workforce_share")
    board_row = full.first(k.key(**cell, measure=board, group=c["group"], **at))
    any_board = k.key(**cell, measure=board, group=c["group"])
    any_workforce = k.key(**cell, measure=workforce, group=c["group"])
    own_cell = k.key(**cell, group=c["group"], **at)
    white_cell = k.key(**cell, group=ref, **at)
    for i in rest:
        if kind[i] == "difference":
            found = [int(board_row[i])] if board_row[i] >= 0 else in_group.all(any_board[i])
            listed[i] = [*found, *in_group.all(any_workforce[i])]
        else:
            listed[i] = [*in_cell.all(own_cell[i]),
                         *(in_cell.all(white_cell[i]) if ref_too[i] else [])]
    return own, white, listed


def source_lists(results: pd.DataFrame, derived: np.ndarray) -> dict[int, list[int]]:
    """For each derived row (by position, ascending), the positions of the rows it is
    computed from, sorted (the rules in the module docstring)."""
    own, white, listed = _sources(results, derived)
    own_l, white_l = own.tolist(), white.tolist()
    out: dict[int, list[int]] = {}
    for i in np.flatnonzero(derived).tolist():
        found = listed[i] if i in listed else [x for x in (own_l[i], white_l[i]) if x >= 0]
        out[i] = sorted(set(found))
    return out


def rests_on_marked(results: pd.DataFrame, derived: np.ndarray,
                    marked: np.ndarray) -> np.ndarray:
    """For each row, whether it is derived and some row it is computed from is ``marked``
    (False for every row that is not derived, and for a derived row with no sources)."""
    own, white, listed = _sources(results, derived)
    marked = np.append(marked.astype(bool), False)  # position -1 (no row) is not marked
    out = derived & (marked[own] | marked[white])
    for i, rows in listed.items():
        out[i] = bool(marked[rows].any()) if rows else False
    return out
