"""The evidence pack's pay gap section (``dashboard.pack``): the headline gaps in a table and
the Pay gap page's charts, drawn by the page's own builders (``dashboard.views.pay``) with
the page's controls as the user left them, from the report's publication-safe results
tables. No streamlit."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from dashboard import captions
from dashboard import pay as paytext
from dashboard.pay import pay_rows
from dashboard.views import Chart, Words
from dashboard.views import pay as pay_views
from dashboard.views.controls import Controls
from wres_core.api import Query
from wres_core.exports.report import Report
from wres_core.registry import PAY

SECTION_ID = "pay-gap"
TITLE = PAY.short_title


def has_pay(report: Report) -> bool:
    return not pay_rows(report.wres_table()).empty


def _view(report: Report, controls: Controls) -> tuple[pay_views.PayView, Query]:
    """The pay gap's view of a report, with the reference chosen on the page, and its query
    (the report's, at that reference)."""
    words = replace(Words.of_report(report), national=controls.national)
    reference = controls.pay_reference()
    view = pay_views.PayView(words, reference=reference, label=report.label,
                             intervals=controls.intervals)
    return view, replace(report.query, pay_reference=reference)


def charts(report: Report, controls: Controls | None = None) -> list[Chart]:
    """The section's charts, as the Pay gap page draws them with its controls as the user
    left them (``controls``; None: as the page first opens), in the page's order: the gap
    within each pay band, the pay quarters, the trend, each ethnic group this year and over
    the years, and the breakdown chosen under Drill down."""
    if not report.years or not has_pay(report):
        return []
    controls = controls or Controls()
    v, query = _view(report, controls)
    engine = report.engine
    table = report.table(groups="wres", pay_reference=query.pay_reference)
    out = [pay_views.bands(v, engine.results(replace(query, groups="wres", by="pay_band"))),
           pay_views.quarters(v, table), pay_views.trend(v, table)]
    level = controls.pay_level(query.groups)
    group_table = engine.results(replace(query, groups=level))
    out += [pay_views.groups(v, group_table, level),
            *pay_views.group_trends(v, group_table, level)]
    workforce = engine.data.get("workforce")
    dim = controls.pay_dimension(list(workforce.columns) if workforce is not None else [])
    if dim:
        out.append(pay_views.breakdown(v, engine.results(replace(query, groups="wres", by=dim)),
                                       dim, show_all=controls.pay_all(dim)))
    return [c for c in out if c is not None]


def section_html(report: Report, chart_html: Callable[[Chart], str],
                 table_html: Callable[..., str], controls: Controls | None = None) -> str:
    """The section, or "" where no workforce file has an hourly pay."""
    if not report.years or not has_pay(report):
        return ""
    controls = controls or Controls()
    e = html.escape
    reference = controls.pay_reference()
    ref_words = paytext.reference_words(reference)
    wres = report.table(groups="wres", pay_reference=reference)
    out = [f'<section id="{SECTION_ID}" class="indicator"><h2>{e(TITLE)}</h2>',
           f'<p class="definition">{e(paytext.DEFINITION)} Compared with {e(ref_words)}. '
           "Beside the nine WRES indicators: NHS England's EDI Improvement Plan (2023), "
           "high-impact action 3. Not an official WRES figure.</p>"]
    rows = []
    for measure, name in (("median_gap", "Median gap"), ("mean_gap", "Mean gap")):
        cells = [name]
        for y in report.years:
            r = pay_rows(wres, year=y, dimension="overall", group="BME", measure=measure)
            row = r.iloc[0] if len(r) else None
            if row is None:
                cells.append("")
            elif bool(row["suppressed"]):
                cells.append(captions.WITHHELD)
            elif pd.isna(row["value"]):
                cells.append("not available")
            else:
                interval = captions.fmt_interval("share", row["ci_low"], row["ci_high"])
                cells.append(captions.fmt_percent(row["value"])
                             + (f" ({interval})" if interval else ""))
        rows.append(cells)
    table = pd.DataFrame(rows, columns=["Gap", *[str(y) for y in report.years]])
    out.append(table_html(table, cls="headline",
                          caption=f"{report.label('BME')} staff against {ref_words}, "
                                  "with 95% intervals"))
    for chart in charts(report, controls):
        out.append(chart_html(chart))
    out.append("</section>")
    return "".join(out)
