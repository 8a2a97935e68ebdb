"""The audit: which withheld counts a reader could work out from a published table, or from
several views read side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_core.disclosure.build import _build_model
from wres_core.disclosure.model import _is_share, _Rows
from wres_core.disclosure.recovery import (
    _algebraic,
    _interval_points,
    _one_blas_thread,
    _single_unknown,
)
from wres_core.disclosure.rules import _COUNT_COLUMNS, _FIGURE_COLUMNS, _KEY

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
