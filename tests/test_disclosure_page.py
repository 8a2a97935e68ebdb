"""``Engine.page``: one call answers a page's question (issue 16). Its tables are the ones
``Engine.results`` gives for each view, its drill-downs' figures are computed before the
overall table (which is then cut from the first of them, not computed again), and every
view it gives follows one pattern of withheld counts."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from wres_core import api
from wres_core.api import Engine, Query
from wres_core.dataset import Dataset
from wres_core.disclosure import recoverable_across
from wres_core.loader import load
from wres_core.schema import GROUP_LEVELS

from conftest import SAMPLE

KEY = ["year", "indicator", "measure", "group", "dimension", "level"]


@pytest.fixture(scope="module")
def data() -> Dataset:
    # The bundled sample: a generated small trust has far more small counts, and making its
    # tables safe takes seconds each, too long for a test run several times over.
    return load([SAMPLE])


def test_page_gives_the_tables_results_gives(data):
    engine = Engine(data)
    query = Query(groups="broad")
    page = engine.page(replace(query, by="pay_band"), drills=["department", None, "clinical"])
    assert page.query == query and page.drills == ("department", "clinical")
    fresh = Engine(data)
    pd.testing.assert_frame_equal(page.overall, fresh.results(query))
    pd.testing.assert_frame_equal(page.level("wres"), fresh.results(Query(groups="wres")))
    pd.testing.assert_frame_equal(page.drill("department"),
                                  fresh.results(Query(groups="broad", by="department")))
    pd.testing.assert_frame_equal(page.drill("clinical", "category"),
                                  fresh.results(Query(groups="category", by="clinical")))


def test_page_computes_its_drill_downs_first(data, monkeypatch):
    # The overall table is cut from the department drill-down: at the page's group level the
    # indicators run once, for the drill-down, and never for the overall table.
    ran = []

    def spy(kinds, fn):
        def run(d, **kw):
            ran.append((kinds[0], kw["groups"], kw["by"]))
            return fn(d, **kw)
        return kinds, run

    monkeypatch.setattr(api, "INDICATORS", tuple(spy(k, f) for k, f in api.INDICATORS))
    Engine(data).page(Query(), drills=["department"])
    wres = [(kind, by) for kind, groups, by in ran if groups == "wres"]
    assert wres and all(by == "department" for _, by in wres)
    assert ("workforce", "department") in wres


def test_page_views_side_by_side_give_no_small_count_back(data):
    # The overall table at every level and the department drill-down at its level, as the
    # workforce page shows them.
    engine = Engine(data)
    page = engine.page(Query(), drills=["department"])
    views = [(page.level(g), engine.unsuppressed(Query(groups=g))) for g in GROUP_LEVELS]
    views.append((page.drill("department"), engine.unsuppressed(Query(by="department"))))
    assert [r for r in recoverable_across(views) if 1 <= r.value <= 9] == []
    # One pattern: a count both show is shown in both or withheld in both.
    both = page.overall.merge(page.drill("department"), on=KEY)
    assert len(both) > 20
    for col in ("numerator", "denominator"):
        assert (both[f"{col}_x"].isna() == both[f"{col}_y"].isna()).all(), col
