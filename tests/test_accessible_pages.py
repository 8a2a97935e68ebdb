"""Accessibility that can be checked without a browser (AppTest and the pack's HTML): the
menu drawn from page links with section headings, the keyboard's drill-down list under a
drillable chart, the figures table named after its chart, and the evidence pack's chart
headings. The browser side (axe-core, the keyboard, 200% zoom) is
tests/test_accessibility_browser.py.
"""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import captions, charts, state
from wres_core.api import Engine, Query
from wres_core.exports.report import Report

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "data" / "sample"

pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    monkeypatch.setenv("WRES_RAISE", "1")
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def open_workforce(**session) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.DATA_PATH] = str(SAMPLE)
    at.session_state[state.SAFE] = False  # quick on the whole sample
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/workforce.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_menu_is_page_links_under_section_headings():
    at = open_workforce()
    links = [e for e in at.sidebar if e.type == "page_link"]
    labels = [link.proto.label for link in links]
    # Every page of app.py, in its order (the first: the default page).
    assert labels[:9] == ["Overview", "Workforce (1)", "Recruitment, discipline, CPD (2-4)",
                          "Staff survey (5-8)", "Board (9)", "Pay gap", "Data and quality",
                          "Methodology", "Export and notes"]
    headings = [e.proto.body for e in at.sidebar if e.type == "html"]
    assert '<h2 class="wres-nav-section">Indicators</h2>' in headings
    assert '<h2 class="wres-nav-section">Data</h2>' in headings


def test_the_drill_down_list_offers_the_chart_levels_and_drills_like_a_click():
    at = open_workforce()
    box = at.selectbox(key="wf-bands-all-drill")
    assert box.label == "Drill into a pay band"
    table = Engine.from_inputs([str(SAMPLE)]).results(Query())
    year = max(table["year"])
    bands = table[(table["indicator"] == 1) & (table["dimension"] == "pay_band")
                  & (table["year"] == year)]
    # The list holds the Agenda for Change bands the chart draws (medical grades have a tab
    # of their own), each once.
    assert len(box.options) == len(set(box.options)) >= 8
    assert set(box.options) <= set(bands["level"])
    assert {"Band 5", "Band 8a"} <= set(box.options)
    assert box.value is None
    box.select("Band 5").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.DRILL] == ("pay_band", "Band 5")
    assert "Band 5" in at.button(key="wf-drill-chip").label


def test_the_figures_table_is_named_after_its_chart_and_the_title_is_a_heading():
    at = open_workforce()
    title = ("BME, White and Unknown share of staff in each Agenda for Change band, against "
             "the overall BME share")
    labels = [e.label for e in at.expander]
    assert any(lb.startswith("Figures behind this chart: " + captions.md_escape(title))
               for lb in labels), labels
    headings = [e.proto.body for e in at.main if e.type == "html"]
    assert f'<h3 class="wres-sr-only">{title}</h3>' in headings


def test_title_words_is_what_the_chart_shows():
    text = captions.chart_text(what="A&E share by band", org_label="Trust <x>",
                               when_text="31 March 2026", source_text="s", suppress=10,
                               slug="s", year=2026)
    assert captions.title_words(text) == "A&E share by band"


def test_drill_levels_of_a_chart_without_drill_is_empty():
    assert charts.drill_levels({"data": [{"customdata": [["", "", "BME"]]}]}) == ("", [])
    assert charts.drill_levels({"data": [{"type": "bar"}]}) == ("", [])


def test_the_pack_gives_each_chart_a_heading_and_names_its_table():
    from dashboard.pack import all_charts, pack_html

    report = Report(Engine.from_inputs([str(SAMPLE)]))
    html = pack_html(report)
    # The indicators' charts, and the pay gap section's (drawn by its own module).
    chart_list = all_charts(report)
    headings = re.findall(r'<h3 class="sr-only">([^<]*)</h3><figure class="chart"', html)
    drawn = [c for c in chart_list if not c.message]
    assert len(headings) == len(drawn) > 10
    for heading in headings:
        assert f"<caption>{heading}" in html
    # A chart whose figures are all withheld is its words and its table, under a heading.
    for chart in chart_list:
        if chart.message:
            title = html_module.escape(captions.plain(chart.text.title), quote=True)
            assert f"<h3>{title}</h3>" in html and f"<caption>{title}" in html
