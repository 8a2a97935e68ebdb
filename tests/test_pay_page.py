"""AppTests of the pay gap page on the sample: it runs, every chart is titled and sourced,
every point is its results-table figure, and the White British reference is on every chart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import plotly.graph_objects as go
import pytest
import streamlit as st
from test_app_pages import assert_points_match, chart_title, open_page, specs

from wres_core.api import Engine, Query

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
PAGE = "pages/pay_gap.py"


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    st.cache_resource.clear()
    st.cache_data.clear()
    monkeypatch.setenv("WRES_RAISE", "1")
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def _footnotes(spec: dict) -> list[str]:
    return [a["text"].replace("<br>", " ") for a in spec["layout"].get("annotations", [])]


def test_the_page_runs_on_the_sample_and_every_chart_is_its_figures():
    at = open_page(SAMPLE, PAGE)
    assert at.title[0].value == "Ethnicity pay gap"
    charts = specs(at)
    assert len(charts) >= 4
    engine = Engine.from_inputs([str(SAMPLE)])
    q = Query(suppress=0)
    tables = [engine.results(replace(q, by=by, groups=g)) for by in (None, "pay_band",
                                                                       "staff_group")
              for g in ("wres", "broad")]
    for spec in charts:
        title = chart_title(spec)
        assert "Northfield Valley" in title, title
        assert any(n.startswith("Source:") and "hourly pay" in n for n in _footnotes(spec))
        assert any("all White staff" in n for n in _footnotes(spec)), title
        assert assert_points_match(spec, tables) > 0, title
        go.Figure(spec)  # plotly's validating constructor: raises on an invalid property
    assert [m.value for m in at.metric][:2]  # the two headline gaps


def test_white_british_reference_is_on_the_face_of_every_chart():
    at = open_page(SAMPLE, PAGE, session={"pg-white-british": True})
    charts = specs(at)
    assert charts
    for spec in charts:
        assert "against White British staff" in chart_title(spec), chart_title(spec)
        assert any("White British staff" in n for n in _footnotes(spec))
    engine = Engine.from_inputs([str(SAMPLE)])
    q = Query(suppress=0, pay_reference="White British")
    tables = [engine.results(replace(q, by=by, groups=g)) for by in (None, "pay_band",
                                                                       "staff_group")
              for g in ("wres", "broad")]
    for spec in charts:
        assert_points_match(spec, tables)


def test_without_an_hourly_pay_the_page_says_so(tmp_path):
    for f in SAMPLE.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name.startswith("workforce_"):
            text = "\n".join(line.rsplit(",", 1)[0] for line in text.splitlines()) + "\n"
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    at = open_page(tmp_path, PAGE)
    assert any("hourly pay" in i.value for i in at.info)
