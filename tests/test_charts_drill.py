"""A drilled view keeps the comparison (issue 15): the level's own figure and the whole
organisation's, each named for what it is in the legend, on the workforce page's band chart
and trend, the likelihood page's trend, group bars and breakdown (indicators 2 to 4), and the
survey page's overview and trend (5 to 8); the whole organisation's points equal the
overall results table's figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import captions, charts, state, theme
from dashboard.views.groups import LIKELIHOOD
from wres_core.api import Engine, Query

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")


@pytest.fixture(scope="module")
def drilled_page() -> tuple[list[dict], list[str]]:
    """The workforce page drilled into Cardiology: its chart specs and its captions."""
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.session_state[state.DATA_PATH] = str(SAMPLE)
        at.session_state[state.SAFE] = False
        at.session_state[state.DRILL] = ("department", "Cardiology")
        at.run()
        at.switch_page("pages/workforce.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return ([json.loads(el.proto.spec) for el in at.get("plotly_chart")],
                [c.value for c in at.caption])
    finally:
        st.cache_resource.clear()


@pytest.fixture(scope="module")
def drilled(drilled_page) -> list[dict]:
    return drilled_page[0]


def _bme_share(where=()) -> dict[int, float]:
    table = Engine.from_inputs([str(SAMPLE)]).results(Query(suppress=0, where=where))
    rows = charts.select(table, indicator=1, measure="share", dimension="overall",
                         group="BME")
    return {int(r["year"]): float(r["value"]) for _, r in rows.iterrows()}


def _chart(specs: list[dict], words: str) -> dict:
    found = [s for s in specs if words in captions.plain(s["layout"]["title"]["text"])]
    assert found, [s["layout"]["title"]["text"] for s in specs]
    return found[0]


def _lines(spec: dict) -> dict[str, float]:
    """Legend name -> the value of each reference line the chart draws."""
    return {t["name"]: t["meta"]["reference"] for t in spec["data"]
            if isinstance(t.get("meta"), dict) and t["meta"].get("reference") is not None}


def test_drilled_band_chart_and_trend_keep_the_organisation_wide_line(drilled):
    own = _bme_share((("department", ("Cardiology",)),))[2026]
    whole = _bme_share()[2026]
    assert abs(own - whole) > 1  # the two lines are apart, so the test can tell them apart
    band_chart = _chart(drilled, "each Agenda for Change band")
    # The title names both lines, not "the overall BME share" (there are two).
    assert "against the BME share of Cardiology and of the whole organisation" in \
        captions.plain(band_chart["layout"]["title"]["text"])
    bands = _lines(band_chart)
    assert bands == {f"Cardiology: BME share ({own:.1f}%)": pytest.approx(own),
                     f"whole organisation: BME share ({whole:.1f}%)": pytest.approx(whole)}
    trend = _lines(_chart(drilled, "share of staff in each band, 2024 to 2026"))
    assert trend == {f"Cardiology: BME share, 2026 ({own:.1f}%)": pytest.approx(own),
                     f"whole organisation: BME share, 2026 ({whole:.1f}%)": pytest.approx(whole)}
    assert not any("overall" in name for name in [*bands, *trend])


def test_drilled_workforce_caption_names_both_lines(drilled_page):
    own = _bme_share((("department", ("Cardiology",)),))[2026]
    whole = _bme_share()[2026]
    said = [captions.plain(c).replace("\\", "") for c in drilled_page[1]]
    expected = (f"The dashed line on each chart is the BME share of Cardiology ({own:.1f}%); "
                f"the dotted line is the whole organisation's ({whole:.1f}%).")
    assert any(expected in c for c in said), said
    # No sentence calls the level's share the overall one.
    assert not any("the overall" in c or "overall BME share" in c for c in said), said
    assert any(f"below Cardiology's overall {own:.1f}%" in c for c in said), said


# --- Indicators 2 to 8: the whole organisation beside the level's own --------------------

def _page(path: str, drill: tuple, *, indicator: tuple[str, int] | None = None,
          groups: str = "wres") -> list[dict]:
    """The chart specs of ``path`` drilled into ``drill`` on the sample (no withholding), at
    the group level ``groups``."""
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.session_state[state.DATA_PATH] = str(SAMPLE)
        at.session_state[state.SAFE] = False
        at.session_state[state.DRILL] = drill
        at.session_state[state.GROUPS] = groups
        if indicator:
            at.session_state[indicator[0]] = indicator[1]
        at.run()
        at.switch_page(path).run()
        assert not at.exception, [e.value for e in at.exception]
        return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    finally:
        st.cache_resource.clear()


@pytest.fixture(scope="module")
def whole_table():
    """The whole organisation's White / BME table, as the drilled pages read it."""
    return Engine.from_inputs([str(SAMPLE)]).results(Query(suppress=0))


def _trace(spec: dict, name: str) -> dict:
    found = [t for t in spec["data"] if t.get("name") == name]
    assert found, [t.get("name") for t in spec["data"]]
    return found[0]


@pytest.mark.parametrize("indicator", [2, 3, 4])
@pytest.mark.parametrize("drill", [("department", "Emergency Department"),
                                   ("pay_band", "Band 5")])
def test_drilled_likelihood_page_keeps_the_whole_organisation(indicator, drill, whole_table):
    specs = _page("pages/likelihood.py", drill, indicator=("lk-indicator", indicator))
    level = drill[1]
    rows = charts.select(whole_table, indicator=indicator, dimension="overall")
    headline = {int(r["year"]): float(r["value"]) for _, r in charts.select(
        rows, measure="relative_likelihood", group="BME").iterrows()}
    own_table = Engine.from_inputs([str(SAMPLE)]).results(
        Query(suppress=0, where=((drill[0], (level,)),)))
    own = charts.select(own_table, indicator=indicator, dimension="overall",
                        measure="relative_likelihood", group="BME")
    own_now = float(own.iloc[-1]["value"])
    year = int(own["year"].max())

    # The trend: the whole organisation's figure of every year, a series of its own, and
    # the level's series named after the level.
    trend = _chart(specs, "Relative likelihood, ")
    org = _trace(trend, "whole organisation")
    assert {int(k): v for k, v in org["meta"]["values"].items()} == pytest.approx(
        {y: v for y, v in headline.items() if y <= year})
    names = [t.get("name") for t in trend["data"] if t.get("showlegend") is not False]
    assert level in names or f"{level}: two-year (headline)" in names, names
    assert trend["layout"]["showlegend"] is True

    # The likelihood of each group: a tick at the whole organisation's likelihood.
    bars = _chart(specs, "by ethnic group")
    ticks = _trace(bars, "whole organisation")
    likely = charts.select(rows, year=year, measure=LIKELIHOOD[indicator])
    expected = {str(r["group"]): float(r["value"]) for _, r in likely.iterrows()}
    assert set(expected) >= {"White", "BME"}
    assert ticks["meta"]["values"] == pytest.approx(expected)
    assert f"{level}: each group's bar" in [t.get("name") for t in bars["data"]]

    # The breakdown: the level's own figure (dashed) and the whole organisation's (dotted).
    dots = _chart(specs, "Relative likelihood by ")
    lines = _lines(dots)
    whole_name = [n for n in lines if n.startswith(f"whole organisation, {year} (")]
    own_name = [n for n in lines if n.startswith(f"{level}, {year} (")]
    assert whole_name and own_name, list(lines)
    assert lines[whole_name[0]] == pytest.approx(headline[year])
    assert lines[own_name[0]] == pytest.approx(own_now)
    assert abs(headline[year] - own_now) > 1e-9  # two figures, told apart


@pytest.mark.parametrize("drill", [("department", "Emergency Department"),
                                   ("staff_group", "Administrative and Clerical")])
def test_drilled_survey_page_keeps_the_whole_organisation(drill, whole_table):
    specs = _page("pages/survey.py", drill)
    level = drill[1]
    pct = charts.select(whole_table, dimension="overall", measure="percent",
                        group=["White", "BME"])
    year = int(pct["year"].max())
    overview = _chart(specs, "reporting each experience")
    for group in ("White", "BME"):
        org = _trace(overview, f"whole organisation: {group}")
        # Open markers in the group's colour (an open symbol takes the marker's colour).
        assert org["marker"]["color"] == theme.group_colour(group)
        now = charts.select(pct, year=year, group=group, indicator=[5, 6, 7, 8])
        assert org["meta"]["values"] == pytest.approx(
            {str(int(r["indicator"])): float(r["value"]) for _, r in now.iterrows()})
        assert f"{level}: {group}" in [t.get("name") for t in overview["data"]]
    trend = _chart(specs, ", 2024 to 2026")  # indicator 6, the page's default
    for group in ("White", "BME"):
        org = _trace(trend, f"whole organisation: {group}")
        assert org["marker"]["color"] == theme.group_colour(group)
        rows = charts.select(pct, indicator=6, group=group)
        assert {int(k): v for k, v in org["meta"]["values"].items()} == pytest.approx(
            {int(r["year"]): float(r["value"]) for _, r in rows.iterrows()})
        assert f"{level}: {group}" in [t.get("name") for t in trend["data"]]


def test_drilled_group_charts_mark_the_whole_organisation():
    """Likelihood page, indicator 2, drilled into a department, at broad groups: both group
    charts (latest and trend) mark the whole organisation's latest figure of each group,
    equal to the undrilled broad table's, and the level's own points stay the level's."""
    drill = ("department", "Emergency Department")
    specs = _page("pages/likelihood.py", drill, indicator=("lk-indicator", 2), groups="broad")
    engine = Engine.from_inputs([str(SAMPLE)])
    whole = engine.results(Query(suppress=0, groups="broad"))
    own = engine.results(Query(suppress=0, groups="broad", where=((drill[0], (drill[1],)),)))

    def figures(table, year):
        rows = charts.select(table, indicator=2, dimension="overall", year=year,
                             measure="relative_likelihood")
        rows = rows[~rows["group"].isin(["White", "Unknown"]) & ~rows["suppressed"]
                    & rows["value"].notna()]
        return {str(r["group"]): float(r["value"]) for _, r in rows.iterrows()}

    year = int(charts.select(whole, indicator=2)["year"].max())
    expected, level = figures(whole, year), figures(own, year)
    assert len(expected) >= 3 and expected != level  # several groups, two sets of figures
    found = [s for s in specs if "each broad ethnic group against all White"
             in captions.plain(s["layout"]["title"]["text"])]
    assert len(found) == 2, [s["layout"]["title"]["text"] for s in specs]  # latest, trend
    for spec in found:
        ticks = _trace(spec, f"whole organisation, {year}")
        assert ticks["meta"]["values"] == pytest.approx(expected)
        assert ticks["showlegend"] is True
        # The level's latest dots, named after the level beside the whole organisation's.
        own_dots = _trace(spec, f"{drill[1]}, {year}")  # the dots (the first so named)
        assert [t for t in spec["data"] if t.get("name") == f"{drill[1]}, {year}"
                and t.get("showlegend") is True and t["meta"] == {"own": True}]
        assert {cd[2]: cd[4] for cd in own_dots["customdata"]} == pytest.approx(level)


def test_undrilled_pages_draw_no_whole_organisation_line():
    for path in ("pages/likelihood.py", "pages/survey.py"):
        st.cache_resource.clear()
        try:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
            at.session_state[state.DATA_PATH] = str(SAMPLE)
            at.session_state[state.SAFE] = False
            at.run()
            at.switch_page(path).run()
            assert not at.exception
            specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
        finally:
            st.cache_resource.clear()
        names = [str(t.get("name")) for s in specs for t in s["data"]]
        assert not any("whole organisation" in n for n in names), path


# --- The group chart's whole-organisation ticks, on rows built by hand -------------------

def _ratio_row(group: str, value: float | None, *, suppressed: bool = False) -> dict:
    return {"year": 2026, "indicator": 2, "measure": "relative_likelihood", "group": group,
            "dimension": "overall", "level": "All", "numerator": None, "denominator": None,
            "value": value, "ci_low": None, "ci_high": None, "note": "", "caution": False,
            "suppressed": suppressed}


def test_group_chart_marks_each_groups_whole_organisation_figure():
    import pandas as pd

    from dashboard.charts.groups import groups_by_year
    text = captions.ChartText(title="<b>T</b>", footnote="Source: x.", filename="f")
    level = pd.DataFrame([_ratio_row("Asian", 1.5), _ratio_row("Black", 0.0),
                          _ratio_row("Mixed", 2.0)])
    # Black's whole-organisation ratio 0 sits at the axis floor, like the level's own zero;
    # Mixed's is withheld (no tick); Other is not a row of the level (no tick).
    whole = pd.DataFrame([_ratio_row("Asian", 1.25), _ratio_row("Black", 0.0),
                          _ratio_row("Mixed", 3.0, suppressed=True),
                          _ratio_row("Other", 0.5)])
    fig = groups_by_year(level, text, scale="ratio", whole=whole).to_plotly_json()
    ticks = _trace(fig, "whole organisation, 2026")
    assert ticks["meta"]["values"] == {"Asian": 1.25, "Black": 0.0}
    own = _trace(fig, "2026")
    floor = min(own["x"])
    assert list(ticks["x"]) == [1.25, floor] and floor > 0  # on a log axis, 0 at the floor
    assert [cd[4] for cd in ticks["customdata"]] == [1.25, 0.0]
    assert "whole organisation" not in str(
        groups_by_year(level, text, scale="ratio").to_plotly_json()["data"])
