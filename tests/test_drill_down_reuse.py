"""An overall table cut from a cached drill-down (issue 6) is exactly the computed one.

A page that shows a drill-down asks for it first; the Engine then cuts the overall table of
the same query from it instead of computing it again (``Engine._cached_drill_down``). These
tests compare the cut with the table a fresh Engine computes, for every drill-down the
command line offers, every group level, with and without filters, on several organisations,
on survey files of both shapes and on random datasets.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core import api, loader
from wres_core.api import Engine, Query
from wres_core.sample import generate, to_csv_bytes
from wres_core.schema import DIMENSIONS, GROUP_LEVELS

WHERE = ((), (("clinical", ("Non-clinical",)),), (("pay_band", ("Band 5", "Band 6")),))


def _load(files: dict[str, pd.DataFrame]):
    return loader.load([(name, to_csv_bytes(f)) for name, f in files.items()])


@pytest.fixture(scope="module")
def data():
    """Three organisations, three years, every kind of file."""
    return _load(generate(seed=5, n_staff=600, orgs=3))


@pytest.fixture(scope="module")
def computed(data):
    """The overall tables, each computed from the data (one Engine, so each once)."""
    return Engine(data)


def _assert_cut_is_computed(data, computed: Engine, query: Query) -> None:
    engine = Engine(data)
    engine.unsuppressed(query)
    cut = engine._cached_drill_down(replace(query, by=None, suppress=0))
    assert cut is not None
    want = computed.unsuppressed(replace(query, by=None))
    pd.testing.assert_frame_equal(cut, want, check_exact=True, obj=repr(query))


@pytest.mark.parametrize("where", WHERE, ids=["all", "non-clinical", "bands"])
@pytest.mark.parametrize("by", DIMENSIONS)
def test_the_overall_table_cut_from_a_drill_down_is_the_computed_one(data, computed, by,
                                                                     where):
    # Each drill-down at one group level, the levels taken in turn (the random datasets
    # below mix them freely): every (drill-down, level) pair over the three filters.
    groups = GROUP_LEVELS[(DIMENSIONS.index(by) + WHERE.index(where)) % len(GROUP_LEVELS)]
    _assert_cut_is_computed(data, computed, Query(by=by, groups=groups, where=where))


@pytest.mark.parametrize("by", ["org", "department"])
def test_published_survey_percentages_are_cut_alike(by):
    """Survey summaries (published percentages) break down by organisation only."""
    files = generate(seed=8, n_staff=600, orgs=2, years=(2025, 2026))
    rows = []
    for org in ("Trust A", "Trust B"):
        for indicator, percent in ((5, 27.5), (6, 22.0), (7, 55.1), (8, 8.3)):
            for group, shift in (("White", 0.0), ("BME", 3.5)):
                rows.append({"org": org, "year": 2024, "indicator": indicator, "group": group,
                             "percent": percent + shift, "responses": 140 if group == "White"
                             else 60})
    files = {n: f for n, f in files.items() if not n.startswith("staff_survey")}
    files["survey_summary.csv"] = pd.DataFrame(rows).astype(str)
    data = _load(files)
    assert data.has("survey_summary")
    _assert_cut_is_computed(data, Engine(data), Query(by=by))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n_staff=st.integers(40, 400), orgs=st.integers(1, 3),
       years=st.integers(1, 3), by=st.sampled_from(DIMENSIONS),
       groups=st.sampled_from(GROUP_LEVELS), where=st.sampled_from(WHERE))
def test_any_dataset_cuts_to_its_computed_overall_table(seed, n_staff, orgs, years, by,
                                                         groups, where):
    data = _load(generate(seed=seed, n_staff=n_staff, orgs=orgs,
                          years=tuple(range(2027 - years, 2027))))
    _assert_cut_is_computed(data, Engine(data), Query(by=by, groups=groups, where=where))


def test_the_engine_cuts_rather_than_computes_and_publishes_the_same(data, computed,
                                                                     monkeypatch):
    query = Query(by="department", where=WHERE[1])
    engine = Engine(data)
    engine.results(query)  # the drill-down first, as the pages ask

    def no_computing(*_args, **_kw):
        raise AssertionError("the overall table was computed again")

    monkeypatch.setattr(api, "filter_data", no_computing)
    base = replace(query, by=None)
    pd.testing.assert_frame_equal(engine.unsuppressed(base), computed.unsuppressed(base))
    pd.testing.assert_frame_equal(engine.results(base), computed.results(base))
