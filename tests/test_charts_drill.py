"""A drilled workforce view keeps the comparison (issue 15): the level's own BME share and
the whole organisation's, each named for what it is, on the band chart and the trend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import captions, charts, state
from wres_core.api import Engine, Query

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")


@pytest.fixture(scope="module")
def drilled() -> list[dict]:
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.session_state[state.DATA_PATH] = str(SAMPLE)
        at.session_state[state.SAFE] = False
        at.session_state[state.DRILL] = ("department", "Cardiology")
        at.run()
        at.switch_page("pages/workforce.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    finally:
        st.cache_resource.clear()


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
    bands = _lines(_chart(drilled, "each Agenda for Change band"))
    assert bands == {f"Cardiology: BME share ({own:.1f}%)": pytest.approx(own),
                     f"organisation-wide BME share ({whole:.1f}%)": pytest.approx(whole)}
    trend = _lines(_chart(drilled, "share of staff in each band, 2024 to 2026"))
    assert trend == {f"Cardiology: BME share, 2026 ({own:.1f}%)": pytest.approx(own),
                     f"organisation-wide BME share, 2026 ({whole:.1f}%)": pytest.approx(whole)}
    assert not any("overall" in name for name in [*bands, *trend])
