"""The model of a results table built in one place: its cells, the four families of
equations (``equations``) and the quantities they make of the cells. Apart from ``model``
(the classes) and ``equations`` (which builds on them), so neither imports the other back.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_core.derived import SURVEY_MEASURE, source_lists
from wres_core.disclosure import equations
from wres_core.disclosure.model import (
    _kinds,
    _Model,
    _quantities,
    _RawEquations,
    _Rows,
    _UnionFind,
)
from wres_core.disclosure.rules import SURVEY_INDICATORS

__all__ = ["_build_model"]


def _build_model(df: pd.DataFrame) -> _Model:
    """The model of ``df``: its cells, the four families of equations (``equations``), and
    the quantities the equations and the same-count links make of the cells."""
    rows = _Rows.of(df)
    n = len(rows)
    cell_value = np.empty(2 * n, dtype=float)
    cell_value[0::2] = df["numerator"].to_numpy(dtype=float, na_value=np.nan)
    cell_value[1::2] = df["denominator"].to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(cell_value)
    survey_rows = np.array(
        [rows.indicator[i] in SURVEY_INDICATORS and rows.measure[i] == SURVEY_MEASURE
         for i in range(n)], dtype=bool)
    uf = _UnionFind(2 * n)
    raw = _RawEquations()
    equations.build(equations.Cells(rows, cell_value, finite, uf, raw))

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
