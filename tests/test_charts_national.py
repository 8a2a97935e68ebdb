"""National reference lines (issue 15): the published national figure for the chart's WRES
year, from one table (wres_core.national), labelled as national, switched in the sidebar and
kept in the URL. Known values are the methodology's table (NHS England's WRES reports)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import captions, charts, state
from dashboard.charts import national as lines
from wres_core import national

TEXT = captions.ChartText(title="<b>T</b>", footnote="Source: x.", filename="f")


def rows(indicator: int, measure: str, values: dict[tuple[str, int], float],
         dimension: str = "overall", level: str = "All") -> pd.DataFrame:
    return pd.DataFrame([
        {"year": y, "indicator": indicator, "measure": measure, "group": g,
         "dimension": dimension, "level": level, "numerator": 10, "denominator": 100,
         "value": v, "ci_low": v * 0.9, "ci_high": v * 1.1, "note": "", "caution": False,
         "suppressed": False} for (g, y), v in values.items()])


def national_traces(fig) -> list:
    return [t for t in fig.data if (t.meta or {}).get("national")]


def test_one_table_of_published_figures():
    assert national.value(2, "relative_likelihood", "BME", 2023) == 1.59
    assert national.value(3, "relative_likelihood", "BME", 2021) == 1.14
    assert national.value(9, "board_share", "BME", 2024) == 16.5
    assert national.value(9, "workforce_share", "BME", 2024) == 28.6
    assert national.value(6, "percent", "White", 2024) == 20.7
    # A year the reports did not publish has no figure, never a neighbour's.
    assert national.value(2, "relative_likelihood", "BME", 2024) is None
    assert national.value(4, "relative_likelihood", "BME", 2023) is None
    assert national.value(3, "relative_likelihood_1y", "BME", 2023) is None
    texts = {f.name: national.by_year_text(f) for f in national.FIGURES}
    assert texts["BME share of the workforce"] == \
        "2016: 17.7%; 2021: 22.4%; 2022: 24.2%; 2023: 26.4%; 2024: 28.6%"


def test_survey_trend_draws_each_groups_national_point_in_its_year():
    data = rows(6, "percent", {(g, y): v for g, base in (("White", 23.0), ("BME", 30.0))
                               for y, v in zip((2024, 2025, 2026), (base, base + 1, base - 1),
                                               strict=True)})
    fig = charts.percent_trend(data, TEXT, national=True)
    got = {t.name: (t.x, t.y) for t in national_traces(fig)}
    assert got == {"national (White), NHS trusts": ((2024,), (20.7,)),
                   "national (BME), NHS trusts": ((2024,), (24.9,))}
    symbols = {t.marker.symbol for t in national_traces(fig)}
    assert len(symbols) == 2  # told apart by shape, not colour alone
    assert not national_traces(charts.percent_trend(data, TEXT))  # switched off


def test_ratio_trend_national_line_and_its_axis():
    data = rows(2, "relative_likelihood", {("BME", 2022): 1.3, ("BME", 2023): 1.4})
    fig = charts.ratio_trend(data, TEXT, national=True)
    (trace,) = national_traces(fig)
    assert (trace.x, trace.y, trace.name) == ((2022, 2023), (1.54, 1.59),
                                              "national, NHS trusts")
    assert 10 ** fig.layout.yaxis.range[1] > 1.59
    # Indicator 3's single-year series has no national figure: only the headline gets one.
    three = pd.concat([rows(3, "relative_likelihood", {("BME", 2023): 1.2}),
                       rows(3, "relative_likelihood_1y", {("BME", 2023): 1.1})])
    fig = charts.ratio_trend(three, TEXT, national=True, series={
        "relative_likelihood": "two-year", "relative_likelihood_1y": "single year"})
    assert [t.y for t in national_traces(fig)] == [(1.03,)]


def test_years_without_a_published_figure_say_so():
    data = rows(2, "relative_likelihood", {("BME", y): 1.3 for y in (2024, 2025, 2026)})
    fig = charts.ratio_trend(data, TEXT, national=True)
    (trace,) = national_traces(fig)
    assert trace.x == (None,) and trace.name == \
        "national, NHS trusts: none published for 2024 to 2026 (latest 2023: 1.59)"


def test_board_bars_draw_the_national_board_and_workforce_shares_of_the_year():
    data = pd.concat([rows(9, "board_share", {("BME", 2024): 20.0, ("White", 2024): 80.0},
                           dimension="board_role"),
                      rows(9, "workforce_share", {("BME", 2024): 27.0, ("White", 2024): 73.0})])
    fig = charts.share_bars(data, TEXT, national=True)
    lines_at = sorted(s.x0 for s in fig.layout.shapes if s.line.dash == lines.DASH)
    assert lines_at == [16.5, 28.6]
    assert sorted(t.name for t in national_traces(fig)) == [
        "national: BME share of the workforce, 2024 (28.6%)",
        "national: BME share of trust board members, 2024 (16.5%)"]
    later = data.assign(year=2026)
    (note,) = national_traces(charts.share_bars(later, TEXT, national=True))
    assert note.name == "national, NHS trusts: none published for 2026 (latest: 2024)"


def test_department_ratios_get_the_years_national_line():
    data = rows(3, "relative_likelihood", {("BME", 2023): 2.5}, dimension="department",
                level="Cardiology")
    fig = charts.ratio_dots(data, TEXT, national=True)
    assert [s.x0 for s in fig.layout.shapes if s.line.dash == lines.DASH] == [1.03]
    assert [t.name for t in national_traces(fig)] == ["national, NHS trusts, 2023 (1.03)"]


def test_the_switch_is_a_setting_kept_in_the_url():
    assert state.DEFAULTS[state.NATIONAL] is True
    assert state.URL_PARAMS[state.NATIONAL] == "national"
    assert state.NATIONAL in state.WIDGET_KEYS
    # Off is written as national=0 (the default, on, is left out of the URL) and read back.
    assert state._encode(state.NATIONAL, False) == ["0"]
    assert state._decode(state.NATIONAL, ["0"]) is False
    with pytest.raises(ValueError):
        state._decode(state.NATIONAL, ["maybe"])
