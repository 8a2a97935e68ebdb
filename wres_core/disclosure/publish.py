"""Publication-safe results (:func:`suppress`): primary suppression, the secondary
suppression of ``secondary``, and the table written back with its notes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

from wres_core.disclosure.build import _build_model
from wres_core.disclosure.model import _is_share, _Model, _parents
from wres_core.disclosure.recovery import _one_blas_thread
from wres_core.disclosure.rules import (
    _CAUTION_PREFIX,
    _FIGURE_COLUMNS,
    _HALDANE_TEXT,
    ALL,
    PEOPLE,
    SUPPRESSION_THRESHOLD,
    SURVEY_INDICATORS,
    SURVEY_MIN_RESPONSES,
    Policy,
    _check_threshold,
    withheld_note,
)
from wres_core.disclosure.secondary import MAX_TRIES, _pinned, _released_cells, _withhold
from wres_core.results import add_note


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
    >>> from wres_core.disclosure.rules import EVERY_COUNT
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
