"""The workbook's "Pay gap" sheet: the ethnicity pay gap (``wres_core.indicators.pay``) of the
report's query, every year: the headline gaps, the gap within each pay band, each broad
group's gaps, and the pay quarters. Every figure is a results-table cell written as a number
(the results table's percents, ``0.0"%"``), "withheld" where publication-safe mode withholds
it; and, like the indicator sheets, the results key of every figure cell is recorded in
``Built.cells`` so that a test can check each one.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wres_core.exports.cells import (
    BOLD,
    CAUTION_FILL,
    HEAD_FILL,
    HEAD_FONT,
    MUTED,
    SECTION_FONT,
    WRAP,
    Built,
    _heading,
    _missing,
    _put_number,
    _put_status,
    put_text,
)
from wres_core.exports.report import NOT_AVAILABLE, WITHHELD, Report
from wres_core.indicators.pay import INDICATOR, QUARTERS

SHEET = "Pay gap"
GAPS = (("median_gap", "Median gap"), ("mean_gap", "Mean gap"))
DEFINITION = ("Pay gap = (White figure - group figure) / White figure x 100, from ordinary "
              "basic hourly pay at 31 March (staff with a blank or zero pay left out); "
              "positive means the group is paid less. Quarters: everyone with an hourly pay "
              "ranked and split into four equal quarters as the Gender Pay Gap Regulations "
              "do. Intervals: 95%, Welch/delta method for the mean, McKean-Schrader order "
              "statistics for the median. Not an official WRES indicator.")


def has_pay(report: Report) -> bool:
    t = report.table(groups="wres")
    return bool((t["indicator"] == INDICATOR).any())


def pay_sheet(built: Built, ws: Worksheet, report: Report) -> None:
    years = list(report.years)
    ws.column_dimensions["A"].width = 34
    width = 1 + 3 * len(years)
    for c in range(2, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 11
    row = _heading(ws, report, "Ethnicity pay gap (beside the WRES indicators)", width)
    put_text(ws.cell(row - 1, 1), DEFINITION).font = MUTED
    ws.cell(row - 1, 1).alignment = WRAP
    ws.merge_cells(start_row=row - 1, start_column=1, end_row=row - 1, end_column=max(8, width))
    ws.row_dimensions[row - 1].height = 62
    wres = report.table(groups="wres")
    band = report.engine.results(replace(report.query, groups="wres", by="pay_band"))
    band = band[band["year"].isin(years)]
    broad = report.table(groups="broad")
    row = _gap_block(built, ws, row + 1, wres, years, "BME staff against White staff",
                     [("BME", "overall", "All", "All staff")])
    levels = [str(lv) for lv in dict.fromkeys(
        band.loc[(band["indicator"] == INDICATOR) & (band["dimension"] == "pay_band")
                 & band["measure"].eq("mean_gap"), "level"])]
    row = _gap_block(built, ws, row, band, years, "BME staff against White staff, within "
                     "each pay band", [("BME", "pay_band", lv, lv) for lv in levels])
    groups = [str(g) for g in dict.fromkeys(broad.loc[
        (broad["indicator"] == INDICATOR) & broad["measure"].eq("mean_gap"), "group"])]
    row = _gap_block(built, ws, row, broad, years, "Each broad group against White staff",
                     [(g, "overall", "All", g) for g in groups])
    _quarters(built, ws, row, wres, years)


def _figure(built: Built, ws: Worksheet, row: int, col: int, rec: pd.Series | None,
            column: str, kind: str) -> None:
    cell = ws.cell(row, col)
    if rec is None:
        return
    built.cells[(ws.title, cell.coordinate)] = (
        int(rec["year"]), INDICATOR, str(rec["measure"]), str(rec["group"]),
        str(rec["dimension"]), str(rec["level"]), column)
    v = rec[column]
    if bool(rec["suppressed"]) and _missing(v):
        _put_status(cell, WITHHELD)
    elif _missing(v):
        if column == "value":
            _put_status(cell, NOT_AVAILABLE)
    else:
        _put_number(cell, v, kind)
        if bool(rec["caution"]) and column == "value":
            cell.fill = CAUTION_FILL


def _lookup(table: pd.DataFrame) -> dict[tuple, pd.Series]:
    rows = table[table["indicator"] == INDICATOR]
    return {(int(r["year"]), str(r["measure"]), str(r["group"]), str(r["dimension"]),
             str(r["level"])): r for _, r in rows.iterrows()}


def _header(ws: Worksheet, row: int, years: list[int], names: tuple[str, ...]) -> int:
    for j, year in enumerate(years):
        for k, name in enumerate(names):
            c = put_text(ws.cell(row, 2 + len(names) * j + k), f"{year} {name}")
            c.font = HEAD_FONT
            c.fill = HEAD_FILL
            c.alignment = WRAP
    put_text(ws.cell(row, 1), "").fill = HEAD_FILL
    ws.row_dimensions[row].height = 30
    return row + 1


def _gap_block(built: Built, ws: Worksheet, row: int, table: pd.DataFrame, years: list[int],
               title: str, lines: list[tuple[str, str, str, str]]) -> int:
    put_text(ws.cell(row, 1), title).font = SECTION_FONT
    row = _header(ws, row + 1, years, ("gap", "95% from", "95% to"))
    found = _lookup(table)
    for measure, name in GAPS:
        put_text(ws.cell(row, 1), name).font = BOLD
        row += 1
        for group, dim, level, text in lines:
            put_text(ws.cell(row, 1), f"  {text}")
            for j, year in enumerate(years):
                rec = found.get((year, measure, group, dim, level))
                for k, column in enumerate(("value", "ci_low", "ci_high")):
                    _figure(built, ws, row, 2 + 3 * j + k, rec, column, "percent")
            row += 1
    put_text(ws.cell(row, 1), "Staff with an hourly pay (group; White)").font = MUTED
    row += 1
    for group, dim, level, text in lines:
        put_text(ws.cell(row, 1), f"  {text}")
        for j, year in enumerate(years):
            rec = found.get((year, "mean_gap", group, dim, level))
            _figure(built, ws, row, 2 + 3 * j, rec, "denominator", "count")
            _figure(built, ws, row, 2 + 3 * j + 1, rec, "numerator", "count")
        row += 1
    return row + 1


def _quarters(built: Built, ws: Worksheet, row: int, table: pd.DataFrame,
              years: list[int]) -> int:
    put_text(ws.cell(row, 1), "Percent of each pay quarter, by group").font = SECTION_FONT
    found = _lookup(table)
    groups = [str(g) for g in dict.fromkeys(table.loc[
        (table["indicator"] == INDICATOR) & table["measure"].eq("quartile_share"), "group"])]
    row = _header(ws, row + 1, years, ("percent", "people", "in quarter"))
    for quarter in QUARTERS:
        put_text(ws.cell(row, 1), quarter).font = BOLD
        row += 1
        for group in groups:
            put_text(ws.cell(row, 1), f"  {group}")
            for j, year in enumerate(years):
                rec = found.get((year, "quartile_share", group, "pay_quartile", quarter))
                _figure(built, ws, row, 2 + 3 * j, rec, "value", "percent")
                _figure(built, ws, row, 2 + 3 * j + 1, rec, "numerator", "count")
                _figure(built, ws, row, 2 + 3 * j + 2, rec, "denominator", "count")
            row += 1
    ws.freeze_panes = ws.cell(row=6, column=2)
    return row + 1
