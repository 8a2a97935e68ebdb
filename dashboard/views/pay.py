"""The pay gap's charts (beside the nine indicators), shared by the Pay gap page, the
evidence pack and the chart ZIP: the trend of the BME gap, the gap within each pay band, the
pay quarters, each ethnic group this year and over the years, and a breakdown by staff
group, department or site. Each builder takes results tables (pay rows,
``wres_core.indicators.pay``) and returns a :class:`~dashboard.views.Chart`, so the three
draw the same charts. No streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard import captions
from dashboard import pay as paytext
from dashboard.charts.groups import groups_by_year
from dashboard.pay import MEASURE_NAMES, pay_rows
from dashboard.views.chart import Chart, Words
from dashboard.views.controls import PAY_DIMENSIONS
from dashboard.views.groups import GROUP_WORDS, subject
from wres_core.indicators.pay import INDICATOR, WHITE, WHITE_BRITISH

__all__ = ["TOP_N", "PayView", "bands", "breakdown", "breakdown_count", "group_trends",
           "groups", "quarters", "trend"]

TOP_N = 15  # a breakdown shows the widest median gaps first, this many unless "show all"
GAPS = ["mean_gap", "median_gap"]


@dataclass(frozen=True)
class PayView:
    """The words of one view (``Words``) and the pay gap's own settings: who the gaps
    compare with (all White staff, or White British), the group labels and intervals."""

    words: Words
    reference: str = WHITE
    label: Callable[[str], str] = str
    intervals: bool = True

    @property
    def bme(self) -> str:
        return self.label("BME")

    @property
    def year(self) -> int:
        return self.words.year

    @property
    def years(self) -> list[int]:
        return [y for y in self.words.years if y <= self.words.year]

    @property
    def ref_words(self) -> str:
        return paytext.reference_words(self.reference)

    def text(self, what: str, slug: str, *, years: Sequence[int] | None = None,
             base_rows: pd.DataFrame | None = None) -> captions.ChartText:
        ys = list(years) if years is not None else [self.year]
        if self.reference == WHITE_BRITISH:
            what += " (against White British staff)"
        w = self.words
        return captions.chart_text(
            what=what, org_label=w.org, when_text=paytext.when(ys), filters_text=w.filters,
            source_text=paytext.source(ys), suppress=w.suppress, caution=w.caution,
            base=captions.base_text(base_rows) if base_rows is not None else "",
            extra=paytext.extra(self.reference), slug=f"pay-gap-{slug}", year=self.year)


def _message(rows: pd.DataFrame, what: str) -> str:
    """What to say instead of a chart whose figures are all withheld or not available."""
    if rows.empty or (~(rows["suppressed"].fillna(False).astype(bool)
                        | rows["value"].isna())).any():
        return ""
    return (f"Every {what} here is withheld or not available: publication-safe mode "
            "withholds figures built from small counts. The table lists them.")


def trend(v: PayView, table: pd.DataFrame) -> Chart | None:
    """The BME gap (mean and median) over the years compared; None with one year."""
    years = v.years
    if len(years) < 2:
        return None
    rows = pay_rows(table, year=years, dimension="overall", group="BME", measure=GAPS)
    t = v.text(f"Pay gap of {v.bme} staff, {years[0]} to {years[-1]}", "trend", years=years)
    fig = paytext.gap_trend(rows, t, intervals=v.intervals, label=v.label)
    return Chart(INDICATOR, t, fig, rows, key="trend")


def bands(v: PayView, band_table: pd.DataFrame) -> Chart:
    """The BME gap within each pay band (``band_table``: results by pay band)."""
    rows = pay_rows(band_table, year=v.year, dimension="pay_band", group="BME", measure=GAPS)
    t = v.text(f"Pay gap of {v.bme} staff within each pay band", "by-band")
    fig = paytext.gap_dots(rows, t, drill="pay_band", intervals=v.intervals, label=v.label)
    return Chart(INDICATOR, t, fig, rows, key="band",
                 caption="A gap within a band is about pay points (time in the band, "
                         "starting point); the overall gap is mostly about who is in which "
                         "band. Click a band to drill into it.")


def quarters(v: PayView, table: pd.DataFrame) -> Chart:
    """Each group's share of each pay quarter."""
    rows = pay_rows(table, year=v.year, dimension="pay_quartile", measure="quartile_share")
    t = v.text("Staff in each pay quarter by ethnicity (everyone with an hourly pay ranked "
               "and split into four equal quarters)", "quarters", base_rows=rows)
    fig = paytext.quartile_bars(rows, t, label=v.label)
    return Chart(INDICATOR, t, fig, rows, key="quarters",
                 caption="Quarters as the Gender Pay Gap Regulations make them: left-over "
                         "people go to Lower, Upper middle, then Lower middle; people on the "
                         "same rate across a boundary are shared in their groups' "
                         "proportions.")


def groups(v: PayView, group_table: pd.DataFrame, level: str) -> Chart:
    """Each group of ``level`` (broad or category) against the reference, this year: mean
    and median side by side (``group_table``: results at that level)."""
    rows = pay_rows(group_table, year=v.year, dimension="overall", measure=GAPS)
    t = v.text(f"Pay gap of {subject(level)} against {v.ref_words}", f"by-{level}")
    fig = paytext.gap_dots(rows, t, by="group", intervals=v.intervals, label=v.label)
    return Chart(INDICATOR, t, fig, rows, key=f"groups-{level}",
                 message=_message(rows, "gap by " + GROUP_WORDS[level]),
                 caption="Small groups have wide intervals; withheld ones are under the "
                         "publication-safe threshold.")


def group_trends(v: PayView, group_table: pd.DataFrame, level: str) -> list[Chart]:
    """Each group of ``level`` against the reference over the years compared, one chart
    for the median gap and one for the mean (a row per group, a dot per year, the latest
    with its 95% interval, withheld years said in words). Empty with one year."""
    years = v.years
    if len(years) < 2:
        return []
    out = []
    for measure in ("median_gap", "mean_gap"):
        rows = pay_rows(group_table, year=years, dimension="overall", measure=measure)
        if rows.empty:
            continue
        name = MEASURE_NAMES[measure]
        t = v.text(f"{name}: {subject(level)} against {v.ref_words}, {years[0]} to "
                   f"{years[-1]}", f"{level}-{measure.replace('_', '-')}-trend", years=years)
        fig = groups_by_year(rows, t, scale="gap", label=v.label, intervals=v.intervals,
                             axis_title=f"{name.lower()}, % of the reference's pay (right "
                                        "of 0 = group paid less)")
        out.append(Chart(INDICATOR, t, fig, rows, key=f"groups-trend-{level}-{measure}",
                         message=_message(rows, "gap by " + GROUP_WORDS[level]),
                         caption="Each row is a group; the dots are the years (the latest "
                                 "filled, with its 95% interval)."))
    return out


def _median_order(rows: pd.DataFrame) -> list[str]:
    median = rows[rows["measure"] == "median_gap"].assign(
        _v=lambda d: d["value"].astype("Float64"))
    return list(median.sort_values("_v", ascending=False, na_position="last",
                                   kind="stable")["level"])


def breakdown_count(dim_table: pd.DataFrame, dim: str, year: int) -> int:
    """How many levels of ``dim`` the breakdown has this year."""
    rows = pay_rows(dim_table, year=year, dimension=dim, group="BME", measure="median_gap")
    return int(rows["level"].nunique())


def breakdown(v: PayView, dim_table: pd.DataFrame, dim: str, *, show_all: bool = False
              ) -> Chart:
    """The BME gap by ``dim`` (staff group, department, site...), widest median gap first;
    the ``TOP_N`` widest unless ``show_all``."""
    rows = pay_rows(dim_table, year=v.year, dimension=dim, group="BME", measure=GAPS)
    order = _median_order(rows)
    n = len(order)
    cut = n > TOP_N and not show_all
    if cut:
        order = order[:TOP_N]
        rows = rows[rows["level"].isin(order)]
    t = v.text(f"Pay gap of {v.bme} staff by {PAY_DIMENSIONS.get(dim, dim).lower()}"
               + (f" (the {TOP_N} widest median gaps of {n})" if cut else ""), f"by-{dim}")
    fig = paytext.gap_dots(rows, t, drill=dim, intervals=v.intervals, label=v.label,
                           order=order)
    return Chart(INDICATOR, t, fig, rows, key=f"dim-{dim}",
                 caption="Sorted by the median gap, widest first. Click a level to drill "
                         "into it.")
