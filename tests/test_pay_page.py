"""AppTests of the pay gap page on the sample: it runs, every chart is titled and sourced,
every point is its results-table figure, and the White British reference is on every chart."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit as st
from test_app_pages import assert_points_match, chart_title, open_page, points, specs

from dashboard import captions
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


LEVEL_TITLES = {"broad": "each broad ethnic group", "category": "each ethnic category"}


@pytest.mark.parametrize("display", ["wres", "broad", "category"])
def test_each_group_over_the_years_is_the_results_tables_pay_gap_rows(display):
    """Display at each level: the pay gap of each group against White, mean and median, over
    every year compared, one chart each, titled for the level (White and BME: broad groups,
    which the charts above already are not); every row of the results table at that level is
    on the chart, drawn at its figure or said as withheld (publication-safe mode on)."""
    at = open_page(SAMPLE, PAGE, safe=True, session={"wres_groups": display})
    level = "broad" if display == "wres" else display
    engine = Engine.from_inputs([str(SAMPLE)])
    table = engine.results(Query(suppress=10, groups=level))
    for measure, name in (("median_gap", "Median gap"), ("mean_gap", "Mean gap")):
        found = [s for s in specs(at) if chart_title(s).startswith(
            f"{name}: {LEVEL_TITLES[level]} against all White staff, 2024 to 2026")]
        assert len(found) == 1, [chart_title(s) for s in specs(at)]
        spec = found[0]
        assert_points_match(spec, [table])
        rows = table[(table["indicator"] == 10) & (table["measure"] == measure)
                     & (table["dimension"] == "overall")]
        drawn = {(p["group"], p["year"]) for p in points(spec) if p["measure"] == measure}
        assert drawn == {(str(g), int(y)) for g, y in zip(rows["group"], rows["year"],
                                                         strict=True)}
        assert {y for _, y in drawn} == {2024, 2025, 2026}
        # Withheld figures are drawn without a number (said in words), never as one.
        for p in points(spec):
            row = rows[(rows["group"] == p["group"]) & (rows["year"] == p["year"])].iloc[0]
            assert (p["figure"] is None) == (bool(row["suppressed"]) or pd.isna(row["value"]))
        assert spec["layout"]["xaxis"]["ticksuffix"] == "%"


def test_the_pack_draws_the_pay_pages_charts():
    """The evidence pack's pay section is the page's charts (the shared builders): the same
    titles, in the same order, and the same points, with the page's controls."""
    from dashboard.pack_pay import charts as pack_charts
    from dashboard.views.controls import Controls
    from wres_core.exports.report import Report

    session = {"wres_groups": "broad", "pg-level-broad": "category",
               "pg-dimension": "department"}
    at = open_page(SAMPLE, PAGE, safe=True, session=session)
    # The pack's title line says the organisation and the filters as the page does.
    engine = Engine.from_inputs([str(SAMPLE)])
    report = Report(engine=engine, query=Query(suppress=10, groups="broad"),
                    org_label="Northfield Valley NHS Trust (fictional sample)")
    packed = pack_charts(report, Controls(values=session))
    page = specs(at)
    assert [captions.plain(c.text.title) for c in packed] == [chart_title(s) for s in page]
    for chart, spec in zip(packed, page, strict=True):
        assert points(json.loads(chart.figure.to_json())) == points(spec)


def _gap_row(year: int, group: str, measure: str, value: float | None, *,
             suppressed: bool = False) -> dict:
    return {"year": year, "indicator": 10, "measure": measure, "group": group,
            "dimension": "overall", "level": "All", "numerator": None, "denominator": None,
            "value": value, "ci_low": None if value is None else value - 2.0,
            "ci_high": None if value is None else value + 2.0, "note": "",
            "caution": False, "suppressed": suppressed}


def test_group_trend_by_hand_says_a_withheld_year_in_words():
    """Two groups over three years (worked by hand): Black's 2025 median gap is withheld.
    The chart draws 5 figures at their values, the withheld one as a point without a
    figure, and its column says "withheld in 2025"; the latest year has its interval."""
    from dashboard.views import Words
    from dashboard.views import pay as pay_views

    rows = [_gap_row(y, g, "median_gap", v, suppressed=s) for y, g, v, s in (
        (2024, "Asian", -10.0, False), (2025, "Asian", -8.0, False),
        (2026, "Asian", -6.0, False), (2024, "Black", 4.0, False),
        (2025, "Black", None, True), (2026, "Black", 3.5, False))]
    table = pd.DataFrame(rows)
    words = Words(org="Test Trust", filters="All staff", year=2026,
                  years=(2024, 2025, 2026), suppress=10)
    charts = pay_views.group_trends(pay_views.PayView(words), table, "broad")
    assert len(charts) == 1  # no mean gap rows: the median only
    chart = charts[0]
    spec = json.loads(chart.figure.to_json())
    assert chart_title(spec).startswith(
        "Median gap: each broad ethnic group against all White staff, 2024 to 2026")
    got = sorted((p["group"], p["year"], p["figure"]) for p in points(spec))
    assert got == [("Asian", 2024, -10.0), ("Asian", 2025, -8.0), ("Asian", 2026, -6.0),
                   ("Black", 2024, 4.0), ("Black", 2025, None), ("Black", 2026, 3.5)]
    text = json.dumps(spec)
    assert "withheld in 2025" in text
    latest = [t for t in spec["data"] if t.get("name") == "2026"][0]
    assert latest["error_x"]["array"] == [2.0, 2.0]  # the 95% interval, latest year only
    assert not [t for t in spec["data"] if t.get("name") == "2025"][0].get("error_x", {}).get(
        "visible", False)
    assert chart.message == ""
    # One year only: no trend.
    one = Words(org="Test Trust", filters="All staff", year=2026, years=(2026,), suppress=10)
    assert pay_views.group_trends(pay_views.PayView(one), table, "broad") == []
