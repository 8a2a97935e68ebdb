"""The evidence pack's pay gap section (``dashboard.pack``): the headline gaps in a table, the
trend, the gap within each pay band and the pay quarters, as the Pay gap page draws them
(``dashboard.pay``), from the report's publication-safe results table. No streamlit."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from dashboard import captions
from dashboard import pay as paytext
from dashboard.pay import pay_rows
from wres_core.exports.report import Report
from wres_core.indicators.pay import WHITE
from wres_core.registry import PAY

SECTION_ID = "pay-gap"
TITLE = PAY.short_title


def has_pay(report: Report) -> bool:
    return not pay_rows(report.wres_table()).empty


def _text(report: Report, what: str, slug: str, years: list[int]) -> captions.ChartText:
    q = report.query
    return captions.chart_text(
        what=what, org_label=report.org, when_text=paytext.when(years),
        filters_text=report.filters_text, source_text=paytext.source(years),
        suppress=q.suppress, caution=q.caution, extra=paytext.extra(WHITE),
        slug=f"pay-gap-{slug}", year=years[-1])


def charts(report: Report, chart_type: type) -> list:
    """The section's charts as ``chart_type`` (``dashboard.pack.Chart``) objects."""
    if not report.years or not has_pay(report):
        return []
    years = list(report.years)
    year = years[-1]
    wres = report.wres_table()
    bme = report.label("BME")
    out = []
    trend = pay_rows(wres, year=years, dimension="overall", group="BME",
                     measure=["mean_gap", "median_gap"])
    t = _text(report, f"Pay gap of {bme} staff, {years[0]} to {year}"
              if len(years) > 1 else f"Pay gap of {bme} staff", "trend", years)
    out.append(chart_type(0, t, paytext.gap_trend(trend, t, label=report.label), trend))
    band_table = report.engine.results(replace(report.query, groups="wres", by="pay_band"))
    band = pay_rows(band_table, year=year, dimension="pay_band", group="BME",
                    measure=["mean_gap", "median_gap"])
    t = _text(report, f"Pay gap of {bme} staff within each pay band", "by-band", [year])
    out.append(chart_type(0, t, paytext.gap_dots(band, t, label=report.label), band))
    quarters = pay_rows(wres, year=year, dimension="pay_quartile", measure="quartile_share")
    t = _text(report, "Staff in each pay quarter by ethnicity", "quarters", [year])
    out.append(chart_type(0, t, paytext.quartile_bars(quarters, t, label=report.label),
                          quarters))
    return out


def section_html(report: Report, chart_type: type, chart_html: Callable[[object], str],
                 table_html: Callable[..., str]) -> str:
    """The section, or "" where no workforce file has an hourly pay."""
    if not report.years or not has_pay(report):
        return ""
    e = html.escape
    wres = report.wres_table()
    out = [f'<section id="{SECTION_ID}" class="indicator"><h2>{e(TITLE)}</h2>',
           f'<p class="definition">{e(paytext.DEFINITION)} Compared with all White staff. '
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
                          caption=f"{report.label('BME')} staff against all White staff, "
                                  "with 95% intervals"))
    for chart in charts(report, chart_type):
        out.append(chart_html(chart))
    out.append("</section>")
    return "".join(out)
