"""The rows each derived row is computed from (``wres_core.derived``: ``source_lists`` for
suppression, ``rests_on_marked`` for caution), as column operations, against the row by row
version they replaced (``_source_rows`` below), over the sample's tables at several
drill-downs and group levels, over any small table, and any marking of rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.api import Engine, Query
from wres_core.derived import REFERENCE, SURVEY_MEASURE, derived_rows, rests_on_marked, source_lists
from wres_core.disclosure.model import _Rows
from wres_core.loader import load
from wres_core.results import frame

from conftest import SAMPLE

QUERIES = [Query(suppress=0), Query(by="department", suppress=0),
           Query(by="pay_band", groups="category", suppress=0),
           Query(by="clinical", groups="broad", suppress=0),
           Query(by="site", suppress=10)]


@pytest.fixture(scope="module")
def tables():
    engine = Engine(load([SAMPLE]))
    return [engine.results(q).reset_index(drop=True) for q in QUERIES]


def _source_rows(rows) -> dict[int, list[int]]:
    """For each row without counts, the rows of the table it is computed from: the row by
    row version suppression used before ``source_lists``, kept here as the reference."""
    index: dict[tuple, int] = {}
    by_cell: dict[tuple, list[int]] = defaultdict(list)  # (year, ind, group, dim, level)
    by_group: dict[tuple, list[int]] = defaultdict(list)  # (year, ind, measure, group)
    for i in range(len(rows)):
        if rows.derived[i]:
            continue
        index.setdefault(rows.key(i), i)
        y, ind, m, g, d, lvl = rows.key(i)
        by_cell[(y, ind, g, d, lvl)].append(i)
        by_group[(y, ind, m, g)].append(i)

    out: dict[int, list[int]] = {}
    for i in np.flatnonzero(rows.derived):
        y, ind, m, g, d, lvl = rows.key(i)
        pair = [g] if g == REFERENCE else [g, REFERENCE]

        def find(measure: str, groups: Sequence[str], at: tuple = (y, ind, d, lvl)) -> list[int]:
            keys = ((at[0], at[1], measure, x, at[2], at[3]) for x in groups)
            return [index[k] for k in keys if k in index]

        found: list[int] = []
        if m.startswith("relative_likelihood"):
            suffix = m[len("relative_likelihood"):]
            if suffix == "_1y":
                bases = ["likelihood"]
            elif suffix == "":
                bases = ["likelihood_2y", "likelihood"]
            else:
                bases = ["likelihood" + suffix, "likelihood"]
            for base in bases:
                found = find(base, pair)
                if found:
                    break
        elif m == "gap":
            found = find(SURVEY_MEASURE, pair)
        elif m == "difference":
            found = find("board_share", [g]) or by_group.get((y, ind, "board_share", g), [])
            found = [*found, *by_group.get((y, ind, "workforce_share", g), [])]
        else:
            found = [j for x in pair for j in by_cell.get((y, ind, x, d, lvl), [])]
        out[int(i)] = sorted(set(found))
    return out


def _row_by_row(table, marked):
    rows = _Rows.of(table)
    out = np.zeros(len(table), dtype=bool)
    for i, src in _source_rows(rows).items():
        out[i] = bool(src) and bool(marked[src].any())
    return out


def test_derived_rows_are_those_the_row_model_treats_as_derived(tables):
    for t in tables:
        rows = _Rows.of(t)
        plain = [m.startswith("relative_likelihood") or m in ("gap", "difference")
                 for m in rows.measure]
        assert (derived_rows(t) == np.array(plain)).all()
        measures = set(t.loc[derived_rows(t), "measure"])
        assert {"relative_likelihood", "relative_likelihood_1y", "gap"} <= measures


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(QUERIES) - 1), st.integers(0, 2**32 - 1),
       st.sampled_from([0.01, 0.1, 0.5]))
def test_rests_on_marked_matches_the_row_by_row_sources(tables, which, seed, share):
    t = tables[which]
    marked = np.random.default_rng(seed).random(len(t)) < share
    got = rests_on_marked(t, derived_rows(t), marked)
    assert (got == _row_by_row(t, marked)).all()


def test_caution_marks_the_same_rows_as_before(tables):
    t = tables[1]
    den = t["denominator"].to_numpy(dtype=float, na_value=np.nan)
    small = np.isfinite(den) & (den < 30)
    marked = rests_on_marked(t, derived_rows(t), small)
    assert marked.any() and (marked == _row_by_row(t, small)).all()


MEASURES = ["likelihood", "likelihood_2y", "likelihood_shortlisted", "relative_likelihood",
            "relative_likelihood_1y", "relative_likelihood_shortlisted", "percent", "gap",
            "board_share", "workforce_share", "difference", "share", "median_pay"]


@st.composite
def results_tables(draw):
    """Small tables with every kind of derived row, any of its sources present or not, and
    rows of a measure without counts that no rule names (``median_pay``)."""
    keys = draw(st.lists(st.tuples(
        st.sampled_from([2024, 2025]), st.sampled_from([2, 3, 5, 9]), st.sampled_from(MEASURES),
        st.sampled_from(["White", "BME", "Asian"]), st.sampled_from(["overall", "department"]),
        st.sampled_from(["All", "A", "B"])), min_size=1, max_size=60, unique=True))
    counted = draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys)))
    rows = [dict(zip(["year", "indicator", "measure", "group", "dimension", "level"], k,
                     strict=True)) | ({"numerator": 1, "denominator": 2} if c else {})
            for k, c in zip(keys, counted, strict=True)]
    marked = np.array(draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows))))
    return frame(rows), marked


@settings(max_examples=400, deadline=None)
@given(results_tables())
def test_rests_on_marked_matches_the_row_by_row_sources_in_any_table(case):
    t, marked = case
    no_counts = t["numerator"].isna() & t["denominator"].isna()
    plain = [m.startswith("relative_likelihood") or m in ("gap", "difference")
             or (nc and not (m.endswith("share") or m.startswith("likelihood")
                             or m == "percent"))
             for m, nc in zip(t["measure"], no_counts, strict=True)]
    assert (derived_rows(t) == np.array(plain, dtype=bool)).all()
    got = rests_on_marked(t, derived_rows(t), marked)
    assert (got == _row_by_row(t, marked)).all()


def test_source_lists_match_the_row_by_row_sources(tables):
    for t in tables:
        got = source_lists(t, derived_rows(t))
        assert got == _source_rows(_Rows.of(t))
        assert any(len(v) == 2 for v in got.values())


@settings(max_examples=400, deadline=None)
@given(results_tables())
def test_source_lists_match_the_row_by_row_sources_in_any_table(case):
    t, _ = case
    got = source_lists(t, derived_rows(t))
    want = _source_rows(_Rows.of(t))
    assert list(got.items()) == list(want.items())
