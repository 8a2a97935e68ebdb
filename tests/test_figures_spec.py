"""The charts are built as plain dicts (``dashboard.figure.Fig``) and handed to plotly without
validation, for speed. These tests are the validation: every chart the pages draw is a valid
plotly figure that plotly's validating constructor leaves as it is, and ``Fig`` places
shapes, axes, panels and templates exactly as plotly's own API does.
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest
import streamlit as st
from plotly.subplots import make_subplots
from streamlit.testing.v1 import AppTest

from dashboard import state
from dashboard.figure import Fig

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "data" / "sample"
PAGES = ("pages/overview.py", "pages/workforce.py", "pages/likelihood.py", "pages/survey.py",
         "pages/board.py")
# Tabs that draw their chart only when open: (key, the other tabs' labels) per page.
TABS = {"pages/workforce.py": ("wf-band-tab", ("Medical and dental grades",
                                               "Non-clinical and clinical"))}


def _plain(spec: dict) -> dict:
    """A spec as JSON would carry it, without empty objects (plotly.js reads an empty
    object as absent, and plotly drops some of them when it rebuilds a figure)."""
    def drop_empty(x):
        if isinstance(x, dict):
            return {k: drop_empty(v) for k, v in x.items() if v != {}}
        if isinstance(x, list):
            return [drop_empty(v) for v in x]
        return x

    return drop_empty(json.loads(pio.to_json(spec, validate=False)))


def _validated(spec: dict) -> dict:
    """The spec after plotly's validating constructor (raises on an invalid property)."""
    return _plain(go.Figure(spec).to_dict())


# --- Every chart on the pages ----------------------------------------------------------------
@pytest.fixture(scope="module")
def specs() -> list[dict]:
    st.cache_resource.clear()
    out: list[dict] = []
    try:
        for safe in (False, True):
            at = AppTest.from_file(APP, default_timeout=120)
            at.session_state[state.DATA_PATH] = str(SAMPLE)
            at.session_state[state.SAFE] = safe
            at.run()
            for page in PAGES:
                at.switch_page(page).run()
                assert not at.exception, [e.value for e in at.exception]
                out += [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
                key, labels = TABS.get(page, ("", ()))
                for label in labels:
                    seen = {el.proto.spec for el in at.get("plotly_chart")}
                    at.session_state[key] = label
                    at.run()
                    assert not at.exception, [e.value for e in at.exception]
                    opened = [el.proto.spec for el in at.get("plotly_chart")
                              if el.proto.spec not in seen]
                    assert opened, (page, label)
                    out += [json.loads(spec) for spec in opened]
    finally:
        st.cache_resource.clear()
    return out


@pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                    reason="the bundled sample is not generated")
def test_every_chart_is_what_plotly_validation_makes_of_it(specs):
    assert len(specs) > 30
    for spec in specs:
        assert _validated(spec) == _plain(spec), spec["layout"].get("title", {}).get("text")


# --- Fig does what plotly's API does --------------------------------------------------------
def test_a_plain_figure_matches_plotly():
    line = {"color": "#425563", "width": 2, "dash": "dash"}
    ref = go.Figure()
    ref.add_trace(go.Bar(x=[1.0, 2.0], y=["a", "b"], orientation="h", name="BME"))
    ref.add_vline(x=0.5, line=line)
    ref.add_vrect(x0=0.8, x1=1.25, fillcolor="rgba(0, 103, 71, 0.10)", line_width=0,
                  layer="below")
    ref.add_hline(y=1, line=line, layer="below")
    ref.add_hrect(y0=0.5, y1=1.5, line=line, fillcolor="rgba(0,0,0,0)", layer="above")
    ref.update_xaxes(range=[0, 100], title={"text": "x", "font": {"size": 12}})
    ref.update_yaxes(autorange="reversed")
    ref.update_layout(bargap=0.3, xaxis={"ticksuffix": "%"}, template="plotly_white")
    ref.add_annotation(text="Source", x=0, y=0, xref="paper", yref="paper", showarrow=False)

    fig = Fig()
    fig.add_trace({"type": "bar", "x": [1.0, 2.0], "y": ["a", "b"], "orientation": "h",
                   "name": "BME", "error_x": None})
    fig.add_vline(0.5, line=line)
    fig.add_vrect(0.8, 1.25, fillcolor="rgba(0, 103, 71, 0.10)", line={"width": 0},
                  layer="below")
    fig.add_hline(1, line=line, layer="below")
    fig.add_hrect(0.5, 1.5, line=line, fillcolor="rgba(0,0,0,0)", layer="above")
    fig.update_xaxes(range=[0, 100], title={"text": "x", "font": {"size": 12}})
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(bargap=0.3, xaxis={"ticksuffix": "%"})
    fig.add_annotation(text="Source", x=0, y=0, xref="paper", yref="paper", showarrow=False)
    assert _plain(fig.figure().to_dict()) == _plain(ref.to_dict())


@pytest.mark.parametrize("panels", [1, 2, 3])
def test_panels_match_make_subplots(panels):
    line = {"color": "#425563", "width": 2}
    titles = [f"<b>P{i}</b>" for i in range(panels)]
    ref = make_subplots(rows=1, cols=panels, shared_yaxes=True, horizontal_spacing=0.08,
                        subplot_titles=titles)
    fig = Fig(panels=panels, titles=titles)
    # The last panel stays empty: plotly leaves its lines and bands out.
    for p in range(1, panels):
        ref.add_trace(go.Bar(x=[1.0], y=["a"], orientation="h"), row=1, col=p)
        fig.add_trace({"type": "bar", "x": [1.0], "y": ["a"], "orientation": "h"}, panel=p)
    for p in range(1, panels + 1):
        ref.add_vline(x=25, line=line, row=1, col=p)
        fig.add_vline(25, line=line, panel=p)
        ref.update_xaxes(range=[0, 100], title={"text": "x"} if p == 1 else None, row=1, col=p)
        fig.update_xaxes(panel=p, range=[0, 100], title={"text": "x"} if p == 1 else None)
    ref.add_hrect(y0=-0.5, y1=0.5, line=line, fillcolor="rgba(0,0,0,0)", row=1, col="all")
    fig.add_hrect(-0.5, 0.5, line=line, fillcolor="rgba(0,0,0,0)", panel="all")
    ref.update_yaxes(autorange="reversed", categoryarray=["a"])
    fig.update_yaxes(autorange="reversed", categoryarray=["a"])
    ref.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name="reference"))
    fig.add_trace({"type": "scatter", "x": [None], "y": [None], "mode": "lines",
                   "name": "reference"})
    ref.update_layout(template="plotly_white")
    assert _plain(fig.figure().to_dict()) == _plain(ref.to_dict())


def test_a_label_axis_is_updated_with_the_others():
    ref = go.Figure()
    ref.update_layout(xaxis9={"domain": [0.8, 1.0], "anchor": "y"})
    ref.update_xaxes(fixedrange=True)
    fig = Fig()
    fig.update_layout(xaxis9={"domain": [0.8, 1.0], "anchor": "y"})
    fig.update_xaxes(fixedrange=True)
    assert fig.layout["xaxis"] == {"fixedrange": True}
    assert _plain(fig.spec())["layout"]["xaxis9"] == _plain(ref.to_dict())["layout"]["xaxis9"]


def test_the_default_template_is_plotlys_default_at_the_time():
    fig = Fig(template=None)
    assert fig.spec()["layout"]["template"] == _plain(go.Figure().to_dict())["layout"][
        "template"]
    # Each figure has its own copy: changing one changes no other.
    fig.spec()["layout"]["template"]["layout"]["font"] = {"size": 99}
    assert Fig().spec()["layout"]["template"]["layout"].get("font") != {"size": 99}


# --- Rows read one by one -------------------------------------------------------------------
@pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                    reason="the bundled sample is not generated")
def test_records_are_what_pandas_gives():
    import doctest

    import dashboard.rows
    from dashboard.rows import records
    from wres_core.api import Engine, Query

    assert doctest.testmod(dashboard.rows).failed == 0
    table = Engine.from_inputs([str(SAMPLE)]).results(Query(suppress=10, by="department"))
    assert table.isna().any().any(), "the test needs withheld (missing) figures"
    want, got = table.to_dict("records"), records(table)
    assert len(got) == len(want)
    for a, b in zip(want, got, strict=True):
        assert list(a) == list(b)
        for key in a:
            assert type(a[key]) is type(b[key]), key
            assert a[key] == b[key] or (a[key] != a[key] and b[key] != b[key]), key
    assert records(None) == []
    assert records(got[:2]) == got[:2]
