"""The chart defects of issue 15 and the zoom overlap of issue 20, each checked on the figure
spec a builder returns, with values worked by hand (no browser: the PNG and screenshot checks
are in the report). Rows are built here in the results table's shape."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import captions, charts
from dashboard.charts import axes, layout, ratio

TEXT = captions.ChartText(title="<b>T</b><br>Org, 2026", footnote="Source: x.",
                          filename="f")


def row(**kw) -> dict:
    base = {"year": 2026, "indicator": 1, "measure": "share", "group": "BME",
            "dimension": "pay_band", "level": "All", "numerator": None, "denominator": None,
            "value": None, "ci_low": None, "ci_high": None, "note": "", "caution": False,
            "suppressed": False}
    return {**base, **kw}


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


# --- duplicate tick labels ("0%, 1%, 1%, 2%, 2%, 3%") ----------------------------------------
def test_likelihood_axis_ticks_read_apart():
    # Highest interval end 2.5%: axis to 2.875%, step 1% (5 steps of 0.5% would need 0.5%).
    rows = frame([row(indicator=3, measure="likelihood_2y", group=g, dimension="overall",
                      value=v, ci_low=v / 2, ci_high=v * 1.25, numerator=1, denominator=100)
                  for g, v in (("White", 0.01), ("BME", 0.02))])
    x = charts.likelihood_bars(rows, TEXT).to_plotly_json()["layout"]["xaxis"]
    assert x["range"] == [0, pytest.approx(0.02875)]
    assert (x["dtick"], x["tickformat"]) == (0.01, ".0%")
    assert axes.tick_labels(x) == ["0%", "1%", "2%"]


@pytest.mark.parametrize("top", [0.003, 0.012, 0.03, 0.07, 0.3, 0.9, 1.0])
def test_proportion_ticks_never_repeat(top):
    labels = axes.tick_labels(axes.proportion_axis(top))
    assert len(labels) == len(set(labels)) >= 2
    assert labels[0].startswith("0")


def test_small_likelihoods_get_decimals():
    # To 1.2%: step 0.25%, two decimals ("0.25%"), where ".0%" printed 0%, 0%, 1%, 1%, 1%.
    assert axes.tick_labels(axes.proportion_axis(0.012)) == [
        "0.00%", "0.25%", "0.50%", "0.75%", "1.00%"]


# --- trend per band: band order, withheld years, 0% markers, the trust-wide line ------------
def _trend_rows() -> pd.DataFrame:
    rows = []
    for level, values in (("Band 5", (None, 20.0, 22.0)), ("Trainee grade", (0.0, 5.0, 6.0)),
                          ("Band 8c", (None, None, 10.0))):
        for year, v in zip((2024, 2025, 2026), values, strict=True):
            if level == "Band 8c" and year < 2026:
                continue  # a band absent in the drilled department's early years
            rows.append(row(year=year, level=level, value=v, suppressed=v is None,
                            ci_low=v, ci_high=v))
    return frame(rows)


def _overall(value: float, level: str = "All") -> pd.DataFrame:
    return frame([row(year=2026, dimension="overall", level=level, value=value)])


def test_trend_bands_follow_the_code_tables_order():
    fig = charts.share_by_year(_trend_rows(), TEXT,
                               order=["Band 5", "Trainee grade", "Band 8c"])
    assert fig.layout.yaxis.categoryarray == ("Band 5", "Band 8c", "Trainee grade")


def test_withheld_years_are_named_in_a_column_off_the_plot():
    fig = charts.share_by_year(_trend_rows(), TEXT)
    notes = [t for t in fig.data if (t.meta or {}).get("withheld")]
    assert len(notes) == 1 and notes[0].xaxis == "x9"  # the label column's own axis
    assert dict(zip(notes[0].y, notes[0].text, strict=True)) == {"Band 5": "2024 withheld"}
    # Nothing says "withheld" on the plot itself, where the whiskers are.
    assert not [t for t in fig.data if t.xaxis in (None, "x") and t.mode == "text"]
    assert fig.layout.xaxis.domain[1] < fig.layout.xaxis9.domain[0]


def test_a_zero_share_marker_stands_clear_of_the_band_names():
    fig = charts.share_by_year(_trend_rows(), TEXT)
    assert 0.0 in fig.data[1].x  # Trainee grade 2024 is drawn at 0%, unclipped
    assert fig.layout.yaxis.ticklabelstandoff == layout.MARKER_CLEAR_PX == 10
    assert fig.layout.margin.l == layout._left_margin(["Trainee grade"]) + 10


def test_drilled_trend_keeps_the_trust_wide_line():
    fig = charts.share_by_year(_trend_rows(), TEXT, reference=_overall(20.5),
                               reference_name="Cardiology BME share",
                               trust_wide=_overall(31.25))
    lines = {s.x0: s.line.dash for s in fig.layout.shapes if s.type == "line"}
    assert lines == {20.5: "dash", 31.25: "dot"}
    names = [t.name for t in fig.data if (t.meta or {}).get("reference") is not None]
    assert names == ["Cardiology BME share, 2026 (20.5%)",
                     "whole organisation: BME share, 2026 (31.2%)"]
    # Both lines on the axis: to 31.25 x 1.08 = 33.75% (the dots alone reach 22%).
    assert fig.layout.xaxis.range == (0, pytest.approx(33.75))


def test_undrilled_trend_has_one_overall_line():
    fig = charts.share_by_year(_trend_rows(), TEXT, reference=_overall(20.5))
    names = [t.name for t in fig.data if (t.meta or {}).get("reference") is not None]
    assert names == ["overall BME share, 2026 (20.5%)"]


def test_drilled_bars_keep_the_trust_wide_line():
    rows = frame([row(level="Band 5", group=g, value=v) for g, v in
                  (("BME", 20.0), ("White", 75.0), ("Unknown", 5.0))])
    fig = charts.share_bars(rows, TEXT, reference=20.5, reference_label="Cardiology BME share",
                            trust_wide=31.0, trust_wide_label="organisation-wide BME share")
    lines = {s.x0: s.line.dash for s in fig.layout.shapes if s.type == "line"}
    assert lines == {20.5: "dash", 31.0: "dot"}
    assert [t.name for t in fig.data if t.type == "scatter" and t.showlegend] == [
        "Cardiology BME share", "organisation-wide BME share"]


# --- a relative likelihood of 0 on a log axis ------------------------------------------------
def _ratios() -> pd.DataFrame:
    return frame([
        row(indicator=2, measure="relative_likelihood", dimension="department", level="A",
            value=0.0, ci_low=0.0, ci_high=2.5),
        row(indicator=2, measure="relative_likelihood", dimension="department", level="B",
            value=1.5, ci_low=1.1, ci_high=2.0)])


def test_a_zero_ratio_is_drawn_at_the_edge_and_says_zero():
    fig = charts.ratio_dots(_ratios(), TEXT, drill="department")
    x = fig.layout.xaxis
    # Range from log10(0.8 x 0.9) - 0.04: floor 0.72 x 10^-0.04 x 1.03 = 0.72 x 0.91201 x 1.03.
    floor = 10 ** (math.log10(0.72) - 0.04) * 1.03
    assert floor == pytest.approx(0.6763, abs=1e-4)
    dots = fig.data[0]
    assert list(dots.y) == ["B", "A"] and dots.x[1] == pytest.approx(floor)
    assert dots.text[1] == "0 (none)" and dots.marker.symbol[1] == "triangle-left"
    assert dots.customdata[1][4] == 0.0  # the figure itself, for the tables and the tests
    assert dots.error_x.array[1] == pytest.approx(2.5 - floor)  # whisker ends at 2.5
    assert dots.error_x.arrayminus[1] == 0.0
    assert x.tickvals[0] == pytest.approx(floor) and x.ticktext[0] == "0"
    assert "0.00" not in x.ticktext and "0.67" not in x.ticktext  # none beside the "0"
    assert ratio.ZERO_LEGEND in [t.name for t in fig.data if t.showlegend]


def test_a_zero_ratio_in_a_trend_and_a_ranking():
    rows = _ratios().assign(dimension="overall", year=[2025, 2026], level="All")
    fig = charts.ratio_trend(rows, TEXT)
    assert fig.layout.yaxis.ticktext[0] == "0"
    assert fig.data[0].text[0] == "0 (none)" and fig.data[0].marker.symbol[0] == "triangle-down"
    ranked = charts.ranked_dots(_ratios(), TEXT, ratio=True)
    assert ranked.layout.xaxis.ticktext[0] == "0" and "0 (none)" in ranked.data[0].text


def test_no_zero_no_change():
    fig = charts.ratio_dots(_ratios().iloc[[1]], TEXT)
    assert "0" not in fig.layout.xaxis.ticktext
    assert fig.data[0].marker.symbol == "diamond"
    assert ratio.ZERO_LEGEND not in [t.name for t in fig.data]


# --- footnotes legible; legend room at 200% zoom ----------------------------------------------
def test_footnotes_are_13_px_and_fit_a_narrow_chart():
    note = captions.wrap("Source: " + "word " * 80, captions.FOOTNOTE_WIDTH)
    fig = charts.likelihood_bars(pd.DataFrame(), captions.ChartText("<b>T</b>", note, "f"))
    foot = fig.layout.annotations[-1]
    assert foot.font.size == 13
    lines = foot.text.split("<br>")
    assert max(len(line) for line in lines) <= 100 and len(lines) == 5  # 408 chars
    assert fig.layout.margin.b == layout.AXIS_PX + 18 * 5 + 12


def test_legend_rows_are_budgeted_for_a_chart_at_200_percent_zoom():
    names = ["BME", "White", "Unknown", "overall BME share (26.3%)", "withheld"]
    # Entries 60 px + 7.5 px a character (measured in Chromium: 55 px + 6.2 to 9.7 px a
    # character): 82.5 + 97.5 + 112.5 + 247.5 + 120 = 660 px, the widest 247.5 px.
    assert layout._legend_rows(names, 700) == 1
    assert layout._legend_rows(names, 600) == 3  # wrapped: two a row
    # In 680 - 290 - 30 = 360 px of plot (a long label on the left): one a row.
    assert layout._legend_rows(names, 360) == 5
    rows = frame([row(level="Trauma and orthopaedics surgery", group=g, value=v)
                  for g, v in (("BME", 20.0), ("White", 75.0), ("Unknown", 5.0))])
    fig = charts.share_bars(rows, TEXT, reference=20.0, reference_label=names[3])
    left = fig.layout.margin.l  # 18 + 7 x 31 characters = 235 px
    assert left == 235
    plot = layout.MIN_FIGURE_PX - left - 30
    assert layout._legend_rows(names[:4], plot) == 4
    # The height holds the title (12 + 21 x 2 px), four legend rows of 24 px and 10 px to
    # the plot, as drawn 680 px wide; the margin asks for one row, and plotly.js moves the
    # plot's top to the legend's foot as drawn (a legend in container coordinates reserves
    # the margin above it): a wide chart gives the rows it does not need to the plot, not
    # to a blank band under the title (170 px at 1440 px before).
    title = 12 + 21 * 2
    assert fig.layout.margin.t == title + 24 + 10
    assert fig.layout.margin.autoexpand is True
    plot = max(layout.MIN_PLOT_PX, 1 * layout.ROW_PX + 20)
    assert fig.layout.height == title + 24 * 4 + 10 + plot + fig.layout.margin.b
    legend = fig.layout.legend
    assert (legend.xref, legend.yref, legend.yanchor) == ("container", "container", "top")
    # Its transparent border is the 4 px between its foot and the plot (more over panel
    # titles and column headers); the legend starts as much higher, its entries under the
    # title.
    assert legend.borderwidth == 4
    assert legend.y == pytest.approx(1 - (title - 4) / fig.layout.height)


# --- indicator 3's base: two snapshots pooled --------------------------------------------------
def test_pooled_base_is_labelled_pooled_and_sums_the_groups():
    rows = frame([row(indicator=3, measure="likelihood_2y", dimension="overall", group=g,
                      denominator=d) for g, d in (("White", 8451), ("BME", 3452),
                                                  ("Unknown", 278))])
    assert captions.base_text(rows) == \
        "Base: 12,181 staff in the 2025 and 2026 snapshots, pooled."
    single = rows.assign(measure="likelihood", denominator=[4224, 1758, 139])
    assert captions.base_text(single) == "Base: 6,121 staff (2026)."
    first = rows.assign(note="single-year figure: no data for 2025")
    assert captions.base_text(first) == "Base: 12,181 staff (2026)."


def test_share_base_is_the_whole_row():
    rows = frame([row(group=g, dimension="overall", denominator=6121) for g in ("BME", "White")])
    assert captions.base_text(rows) == "Base: 6,121 staff (2026)."


def test_presentation_mode_scales_text_and_room_together():
    rows = _trend_rows()
    fig = charts.share_by_year(rows, TEXT, reference=_overall(20.5))
    big = charts.presented(fig)
    assert big.layout.annotations[-1].font.size == 13 * 1.25 == 16.25  # the footnote
    assert big.layout.height == pytest.approx(fig.layout.height * 1.25, abs=0.01)
    for side in "lrtb":
        assert big.layout.margin[side] == pytest.approx(fig.layout.margin[side] * 1.25,
                                                        abs=0.01)
    assert big.layout.yaxis.ticklabelstandoff == 13  # whole pixels: plotly takes no 12.5
    assert big.layout.legend.y == fig.layout.legend.y  # a fraction: unchanged
    # Data and markers as they were.
    assert [t.x for t in big.data] == [t.x for t in fig.data]
    assert [t.marker.size for t in big.data] == [t.marker.size for t in fig.data]
    assert big.layout.template == fig.layout.template


# --- a drilled ratio trend: the whole organisation beside the level's own ----------------------
def test_drilled_ratio_trend_names_both_series_even_when_the_level_is_withheld():
    own = frame([row(indicator=3, measure="relative_likelihood", dimension="overall",
                     year=y, suppressed=True) for y in (2025, 2026)])
    whole = frame([row(indicator=3, measure="relative_likelihood", dimension="overall",
                       year=y, value=v, ci_low=v / 2, ci_high=v * 2)
                   for y, v in ((2025, 1.5), (2026, 0.0))])
    fig = charts.ratio_trend(own, TEXT, whole=whole, own_name="Cardiology")
    named = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert named[:2] == ["Cardiology (withheld)", "whole organisation"]
    org = next(t for t in fig.data if (t.meta or {}).get("whole"))
    assert org.meta["values"] == {2025: 1.5, 2026: 0.0}
    # Drawn right of the level's own points; the 0 at the axis floor as a ratio of 0 is.
    floor = 10 ** fig.layout.yaxis.range[0] * 1.03
    assert list(org.y) == [1.5, pytest.approx(floor)]
    assert org.x[0] > 2025 and list(org.marker.symbol) == ["circle", "triangle-down"]
    assert ratio.ZERO_LEGEND in named


def test_undrilled_ratio_trend_is_unchanged():
    own = frame([row(indicator=2, measure="relative_likelihood", dimension="overall",
                     year=y, value=1.2, ci_low=1.0, ci_high=1.4) for y in (2025, 2026)])
    fig = charts.ratio_trend(own, TEXT)
    assert not [t for t in fig.data if (t.meta or {}).get("whole")]
    assert list(fig.data[0].x) == [2025, 2026]  # no room kept for a second series
