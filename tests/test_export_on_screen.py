"""The evidence pack and the chart ZIP draw each page as the user left it (issue 15: "the
ZIP carries every chart of the page as shown").

An AppTest drives the app as a user would: sets the sidebar (broad groups, national lines
off), opens the likelihood page on indicator 3 broken down by pay band, the workforce page's
medical grades tab, the pay gap page at each ethnic category with the department breakdown,
then goes to the export page and makes the chart images. Every chart those pages drew must
be in the ZIP, under the same title, with the same points (the results rows each stands
for) and the same traces. The figures are caught as they go to the renderer (kaleido's PNGs
hold no figure to read back); test_exports.py and test_export_page.py draw real PNGs.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from test_app_pages import (
    LIKELIHOOD,
    SAMPLE,
    WORKFORCE,
    assert_clean,
    chart_title,
    open_page,
    specs,
)
from test_app_pages import points as page_points

from dashboard import images, state
from dashboard.views.controls import Controls

PAY = "pages/pay_gap.py"
EXPORT = "pages/export.py"
IMAGES = "wres_export_images"
PNG = b"\x89PNG\r\n\x1a\n"

pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")


def _traces(spec: dict) -> list[tuple]:
    return [(t.get("type"), t.get("name"), len(t.get("x") or []))
            for t in spec["data"]]


def _goto(at, page: str):
    at.switch_page(page)
    at.run()
    assert_clean(at)
    return at


@pytest.fixture
def drawn(monkeypatch):
    """The figures sent to the renderer, in order (each rendered as a tiny stand-in PNG)."""
    figures: list = []

    def png_many(figs, *, width=images.WIDTH, scale=images.SCALE):
        figures.extend(figs)
        return [PNG] * len(figs), ""

    monkeypatch.setattr(images, "available", lambda: (True, ""))
    monkeypatch.setattr(images, "png_many", png_many)
    return figures


def test_the_zip_carries_each_page_as_left(drawn):
    at = open_page(SAMPLE, LIKELIHOOD, safe=True,
                   session={state.GROUPS: "broad", state.NATIONAL: False})
    at.segmented_control(key="lk-indicator").set_value(3).run()
    at.segmented_control(key="lk3-dim").set_value("pay_band").run()
    assert_clean(at)
    shown = {chart_title(s): s for s in specs(at)}
    assert any("by pay band" in t for t in shown), list(shown)

    _goto(at, WORKFORCE)
    at.session_state["wf-band-tab"] = "Medical and dental grades"
    at.run()
    assert_clean(at)
    medical = [s for s in specs(at) if "medical and dental" in chart_title(s)]
    assert len(medical) == 1
    shown.update({chart_title(s): s for s in specs(at)})

    _goto(at, PAY)
    at.segmented_control(key="pg-level-broad").set_value("category").run()
    at.selectbox(key="pg-dimension").set_value("department").run()
    assert_clean(at)
    pay = {chart_title(s): s for s in specs(at)}
    assert any(t.startswith("Median gap: each ethnic category") for t in pay), list(pay)
    assert any("by department" in t for t in pay), list(pay)
    shown.update(pay)

    _goto(at, EXPORT)
    said = " ".join(m.value for m in at.markdown)
    assert "indicator 3 by pay band" in said
    assert "each ethnic category this year and over the years, by department" in said
    assert "national reference lines off" in said
    at.button(key="export-make-png").click().run()
    assert_clean(at)
    _, data = at.session_state[IMAGES]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        readme = z.read("README.txt").decode()
        pngs = [n for n in z.namelist() if n.endswith(".png")]
    assert len(pngs) == len(drawn)
    assert "indicator 3 by pay band" in readme
    # Each file's title in the README is the title of the figure drawn into it.
    zipped = {}
    for name, fig in zip(pngs, drawn, strict=True):
        title = chart_title(json.loads(fig.to_json()))
        assert f"{name}: {title}" in readme
        zipped[title] = (name, json.loads(fig.to_json()))
    # Every chart the pages showed is in the ZIP: same title, points and traces.
    for title, spec in shown.items():
        assert title in zipped, (title, sorted(zipped))
        name, fig = zipped[title]
        assert page_points(fig) == page_points(spec), title
        assert _traces(fig) == _traces(spec), title
    assert any("indicator-3-by-pay-band" in n for n in pngs)
    assert not any("indicator-3-by-department" in n for n in pngs)
    assert any("pay-gap-by-department" in n for n in pngs)
    assert any("pay-gap-category-median-gap-trend" in n for n in pngs)


def _zip_figures(at, drawn) -> dict[str, dict]:
    """Make the chart images on the export page; the figures drawn, by title."""
    at = _goto(at, EXPORT)
    at.button(key="export-make-png").click().run()
    assert_clean(at)
    assert IMAGES in at.session_state
    return {chart_title(json.loads(f.to_json())): json.loads(f.to_json()) for f in drawn}


def test_a_drilled_view_keeps_the_organisation_wide_line_in_the_zip(drawn):
    """Drilled into a department, the workforce page draws the organisation-wide BME share
    beside the department's own; so does the ZIP (same traces, same points)."""
    at = open_page(SAMPLE, WORKFORCE, session={state.DRILL: ("department", "Cardiology")})
    shown = {chart_title(s): s for s in specs(at)}
    assert shown and all("Department: Cardiology" in t for t in shown), list(shown)
    zipped = _zip_figures(at, drawn)
    for title, spec in shown.items():
        assert title in zipped, (title, sorted(zipped))
        assert page_points(zipped[title]) == page_points(spec), title
        assert _traces(zipped[title]) == _traces(spec), title


def test_controls_read_only_the_pages_keys():
    c = Controls.of({"lk4-dim": "staff_group", "wres_groups": "broad", "pg-dimension": "site",
                     "wf-target-Band 8a-2026": 12.5, "wf-target-Band 8b-2025": 3.0,
                     "lk4-staff_group-all": True})
    assert "wres_groups" not in c.values
    assert c.breakdown(4) == "staff_group" and c.likelihood_all(4)
    assert c.breakdown(2) == "department" and not c.likelihood_all(2)
    assert c.targets(2026) == {"Band 8a": 12.5}
    assert c.pay_dimension(["department", "site"]) == "site"
    assert c.pay_dimension(["department"]) == "department"  # "site" not in this data
    assert c.pay_dimension([]) is None
    # A value no longer offered falls back to the page's default.
    assert Controls(values={"lk3-dim": "internal"}).breakdown(3) == "department"


def test_controls_in_words():
    c = Controls(intervals=False, national=False,
                 values={"lk3-dim": "pay_band", "lk3-pay_band-all": True, "wf-dept-all": True,
                         "sv-7-dept-all": True, "wf-target-Band 8a-2026": 20.0,
                         "pg-white-british": True, "pg-level-wres": "category",
                         "pg-dimension": "site", "pg-site-all": True})
    assert c.describe(display="wres", year=2026, likelihood=(2, 3),
                      pay_present=("department", "site")) == [
        "Indicators 2 to 4 broken down as on their page: indicator 2 by department; "
        "indicator 3 by pay band (all of them).",
        'Indicator 1: every department ("Show all" is on).',
        "Indicator 7: every department.",
        "Model Employer against your targets: Band 8a 20.0%.",
        "Pay gap: against White British staff, each ethnic category this year and over the "
        "years, by site (all of them).",
        "Without 95% intervals; national reference lines off."]
    # The defaults: as each page first opens.
    assert Controls().describe(display="broad", year=2026, pay=False) == [
        "Indicators 2 to 4 broken down as on their page: indicator 2 by department; "
        "indicator 3 by department; indicator 4 by department.",
        "With 95% intervals; national reference lines on."]
