"""Indicators 5 to 8's charts, for the survey page and the evidence pack: the four at a
glance, one indicator over the years, and one indicator by department (worst gap first).

Every builder reads the White / BME results table of the view and returns ``Chart``
objects; the page adds only its controls.
"""

from __future__ import annotations

import pandas as pd

from dashboard import captions, charts
from dashboard.views.chart import Chart, Words
from wres_core.registry import SURVEY

__all__ = ["INDICATORS", "SHORT", "TOP_N", "departments", "overview", "trend"]

TOP_N = 15
INDICATORS = (5, 6, 7, 8)
SHORT = {i.number: i.axis_label for i in SURVEY}


def _text(words: Words, indicator: int | None, what: str, slug: str, *, years=None,
          extra: str = "") -> captions.ChartText:
    return words.text(indicator or 5, what,
                      f"indicator-{indicator}-{slug}" if indicator else slug, years=years,
                      extra=extra)


def _whole(whole: pd.DataFrame | None, **where) -> pd.DataFrame | None:
    """The whole organisation's overall White and BME percentages (None when not drilled)."""
    if whole is None:
        return None
    return charts.select(whole, dimension="overall", measure="percent",
                         group=["White", "BME"], **where)


def overview(wres: pd.DataFrame, words: Words, *, label=str, intervals: bool = True,
             whole: pd.DataFrame | None = None, own: str = "") -> Chart | None:
    """White and BME percentages of the four indicators in the latest year, with the gap.
    Drilled into a level (``own``), the whole organisation's (``whole``: its White / BME
    table) beside them."""
    now = charts.select(wres, indicator=list(INDICATORS), year=words.year, dimension="overall")
    pct = charts.select(now, measure="percent", group=["White", "BME"])
    if pct.empty:
        return None
    bme = label("BME")
    gaps = charts.select(now, measure="gap", group="BME")
    names = {str(i): SHORT[i] + (" (higher is better)" if i == 7 else " (lower is better)")
             for i in INDICATORS}  # wrapped onto two lines by the chart
    t = _text(words, None, f"White and {bme} staff reporting each experience, with the gap "
                           f"({bme} minus White, points)", "indicators-5-8",
              extra="5, 6 and 8: lower is better. 7: higher is better.")
    fig = charts.percent_dumbbell(pct, t, by="indicator", order=[str(i) for i in INDICATORS],
                                  names=names, label=label, intervals=intervals, gap_rows=gaps,
                                  whole=_whole(whole, indicator=list(INDICATORS),
                                               year=words.year), own_name=own)
    return Chart(0, t, fig, pd.concat([pct, gaps]), key="overview")


def trend(wres: pd.DataFrame, indicator: int, words: Words, *, label=str,
          intervals: bool = True, whole: pd.DataFrame | None = None, own: str = ""
          ) -> Chart | None:
    """White and BME percentages of one indicator in each year compared (None with one);
    drilled into a level (``own``), the whole organisation's lines beside them."""
    years = [y for y in words.years if y <= words.year]
    if len(years) < 2:
        return None
    ind = charts.select(wres, indicator=indicator)
    rows = charts.select(ind, year=years, measure="percent", dimension="overall",
                         group=["White", "BME"])
    if rows.empty:
        return None
    t = _text(words, indicator, f"{captions.INDICATOR_NAMES[indicator]}: White and "
                                f"{label('BME')} staff, {years[0]} to {years[-1]}", "trend",
              years=years, extra=captions.better_sentence(indicator))
    fig = charts.percent_trend(rows, t, label=label, intervals=intervals,
                               y_title="percent of respondents", national=words.national,
                               whole=_whole(whole, indicator=indicator, year=years),
                               own_name=own)
    gaps = charts.select(ind, year=years, measure="gap", dimension="overall", group="BME")
    return Chart(indicator, t, fig, pd.concat([rows, gaps]), key=f"trend-{indicator}")


def department_count(dept_table: pd.DataFrame, indicator: int, year: int) -> int:
    dp = charts.select(dept_table, indicator=indicator, year=year, dimension="department")
    return int(dp["level"].nunique())


def departments(dept_table: pd.DataFrame, indicator: int, words: Words, *, label=str,
                intervals: bool = True, show_all: bool = False) -> Chart | None:
    """White and BME percentages of each department with the gap, worst gap first: the
    largest BME-minus-White gap where lower is better (5, 6, 8), the most negative where
    higher is better (7); withheld gaps last. At most ``TOP_N`` unless ``show_all``."""
    dp = charts.select(dept_table, indicator=indicator, year=words.year,
                       dimension="department")
    pct = charts.select(dp, measure="percent", group=["White", "BME"])
    gaps = charts.select(dp, measure="gap", group="BME")
    if pct.empty:
        return None
    ranked = gaps.assign(_v=gaps["value"].astype("Float64"))
    ranked = ranked.sort_values("_v", ascending=indicator == 7, na_position="last",
                                kind="stable")
    order = list(dict.fromkeys(list(ranked["level"]) + list(pct["level"])))
    n = len(order)
    show_all = show_all or n <= TOP_N
    extra = captions.better_sentence(indicator) + " Sorted by the gap, worst first."
    if not show_all:
        extra += f" Showing {TOP_N} of {n} departments."
    t = _text(words, indicator, f"{captions.INDICATOR_NAMES[indicator]}: White and "
                                f"{label('BME')} staff by department, with the gap",
              "by-department", extra=extra)
    fig = charts.percent_dumbbell(pct, t, order=order, label=label, intervals=intervals,
                                  drill="department", top=None if show_all else TOP_N,
                                  gap_rows=gaps)
    return Chart(indicator, t, fig, pd.concat([pct, gaps]), key=f"dept-{indicator}",
                 caption="Click a department to drill into it.")
