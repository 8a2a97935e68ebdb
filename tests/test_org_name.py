"""The organisation's name (issue 15): set in the sidebar or a link, defaulting to the data's
``org`` column or the file's name, and printed in every chart title, the workbook, the
evidence pack and the chart images (which draw the pack's charts)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import captions, pack, state
from wres_core.api import Engine, Query
from wres_core.exports.report import Report
from wres_core.exports.workbook import build_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
APP = str(ROOT / "app.py")
NAME = "Riverside & Vale <NHS> Trust"  # user text: markup must come out as typed


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_inputs([SAMPLE])


@pytest.fixture(scope="module")
def report(engine) -> Report:
    return Report(engine=engine, query=Query(), org_label=NAME)


def test_the_workbook_prints_the_name_on_every_sheet(report):
    wb = build_workbook(report).workbook
    assert wb.properties.title.startswith(f"WRES return: {NAME},")
    cover = {wb["Cover"].cell(r, 1).value: wb["Cover"].cell(r, 2).value
             for r in range(1, 20)}
    assert cover["Organisation"] == NAME
    for ws in wb.worksheets[1:]:
        assert str(ws["A2"].value).startswith(f"{NAME}. WRES "), ws.title


def test_the_pack_and_its_charts_carry_the_name(report):
    text = pack.pack_html(report)
    escaped = "Riverside &amp; Vale &lt;NHS&gt; Trust"
    assert f"<title>WRES evidence pack: {escaped}, WRES" in text
    assert f'<p class="who">{escaped}. WRES' in text
    charts = pack.charts_for(report)
    assert len(charts) > 10
    for chart in charts:  # the chart images (dashboard.images) draw these same charts
        assert NAME in captions.plain(chart.text.title), chart.filename
        assert NAME in captions.plain(chart.figure.layout.title.text)


def test_the_name_is_tidied_and_bounded():
    long = "x" * 300
    assert state.organisation_name(long, [], None, "f") == "x" * state.ORG_NAME_MAX
    assert state.organisation_name(" \t ", ["Trust A"], None, "f") == "Trust A"


# --- In the app ----------------------------------------------------------------------------
def _titles(at: AppTest) -> list[str]:
    return [captions.plain(json.loads(el.proto.spec)["layout"]["title"]["text"])
            for el in at.get("plotly_chart")]


def _open(data: Path, **session) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.DATA_PATH] = str(data)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/workforce.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def named_folder(tmp_path_factory) -> Path:
    """The sample's workforce in a folder of its own name, with no org column: the name
    comes from the folder."""
    folder = tmp_path_factory.mktemp("names") / "Riverside extract"
    folder.mkdir()
    shutil.copy(SAMPLE / "workforce_2026.csv", folder / "workforce_2026.csv")
    return folder


def test_without_a_name_titles_say_whose_file_it_is(named_folder):
    at = _open(named_folder)
    titles = _titles(at)
    assert titles and all("Riverside extract, 31 March 2026" in t for t in titles), titles
    assert not any("Your organisation" in t for t in titles)


def test_the_typed_name_reaches_every_title_and_the_url(named_folder):
    at = _open(named_folder, **{state.ORG_NAME: NAME})
    titles = _titles(at)
    assert titles and all(f"{NAME}, 31 March 2026" in t for t in titles), titles
    assert at.query_params["name"] in (NAME, [NAME])
    # The sidebar's box shows it, and a link with the name opens the same titles.
    assert at.text_input(key=state.ORG_NAME).value == NAME
    again = AppTest.from_file(APP, default_timeout=60)
    again.session_state[state.DATA_PATH] = str(named_folder)
    again.query_params["name"] = "Hillside Trust"
    again.run()
    again.switch_page("pages/workforce.py")
    again.run()
    assert all("Hillside Trust, 31 March 2026" in t for t in _titles(again))
