"""One chart of a view (:class:`Chart`) and the words every chart of a view shares
(:class:`Words`: organisation, filters, years, thresholds)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import captions
from dashboard.captions import ChartText

__all__ = ["Chart", "Words"]


@dataclass(frozen=True)
class Chart:
    """One chart of the current view: the indicator it belongs to (0: the overview), its
    words (title, footnote, file name), the figure, and the results rows it draws (the
    figures table under it; None where the chart draws core output that is not results rows,
    with ``table`` holding its own text table). ``key``: a short name, unique within its
    section, that a page uses for its Streamlit key. ``message``: set where every figure
    of the chart is withheld or not available; the page and the pack then say it and show
    the table instead (a chart of nothing but the word "withheld" would say less)."""

    indicator: int
    text: ChartText
    figure: go.Figure
    rows: pd.DataFrame | None
    table: pd.DataFrame | None = None
    key: str = ""
    caption: str = ""
    message: str = ""

    @property
    def filename(self) -> str:
        return self.text.filename


@dataclass(frozen=True)
class Words:
    """What every chart title and footnote of one view says: who (``org``), which staff
    (``filters``: the filters and any drill-down in words), the latest year and the years
    compared, and the thresholds of the rules the footnote states."""

    org: str
    filters: str
    year: int
    years: tuple[int, ...]
    suppress: int
    caution: int = 30
    survey_min: int = 11
    # National reference lines on indicators 2 to 9 (the sidebar's Display switch).
    national: bool = False

    def text(self, indicator: int, what: str, slug: str, *, years: Sequence[int] | None = None,
             measure: str = "", base: str = "", extra: str = "") -> ChartText:
        ys = list(years) if years is not None else [self.year]
        return captions.chart_text(
            what=what, org_label=self.org, when_text=captions.when(indicator, ys),
            filters_text=self.filters,
            source_text=captions.sources(indicator, ys, measure=measure),
            suppress=self.suppress, caution=self.caution, survey_min=self.survey_min,
            survey=5 <= indicator <= 8, base=base, extra=extra, slug=slug, year=self.year)

    @classmethod
    def of_view(cls, view) -> Words:
        """The words of a page's view (``dashboard.state.View``), drill-down included."""
        q = view.query
        filters = view.filters_text + (f"; {view.drill_text}" if view.drill else "")
        return cls(org=view.org_label, filters=filters, year=int(view.year),
                   years=tuple(int(y) for y in view.years), suppress=q.suppress,
                   caution=q.caution, survey_min=q.survey_min,
                   national=bool(getattr(view, "national", False)))

    @classmethod
    def of_report(cls, report) -> Words:
        """The words of an export's view (``wres_core.exports.report.Report``)."""
        q = report.query
        # The pack draws the national lines as the pages do by default.
        return cls(org=report.org, filters=report.filters_text, year=int(report.years[-1]),
                   years=tuple(int(y) for y in report.years), suppress=q.suppress,
                   caution=q.caution, survey_min=q.survey_min,
                   national=bool(getattr(report, "national", True)))
