"""The WRES workbook (.xlsx): the return an organisation publishes and uploads, in one click.

Sheets, in order:

- **Cover**: organisation, WRES years, filters, whether publication-safe mode is on and the
  rule in force, the share of staff with unknown ethnicity, the files read, and contents.
- **Indicator 1** to **Indicator 9**, laid out like the national WRES reporting template,
  every year side by side, with that indicator's action notes at the top:

  - 1: headcounts (White, BME, Unknown, total) and percentages by band for non-clinical
    staff, clinical staff (Agenda for Change) and medical and dental staff, then all staff
    by band and the totals;
  - 2 to 4: counts, likelihoods and the relative likelihood with its 95% interval (2 also
    the application-to-shortlisting stage; 3 the single-year and two-year figures);
  - 5 to 8: White, BME and Unknown percentages with their responses, and the gap;
  - 9: board members by role (counts and percentages) against the workforce, and the
    difference in points.

- **Pay gap** (where a workforce file has an hourly pay): the ethnicity pay gap
  (``wres_core.exports.pay_sheet``).
- **Results**: the full results table of the query (every figure the screen can show).
- **Methodology** and **Action notes**.

Every figure is a results-table cell (``engine.results(query)``, the publication-safe table
when the query's threshold is 2 or more), written as a number with a number format (counts
``#,##0``; percents from 0 to 100 as ``0.0"%"``, so the cell holds the table's own number;
likelihoods, which are proportions, as ``0.0%``; ratios ``0.00``; gaps in points). A withheld
figure reads "withheld", as on screen; one that cannot be computed reads "not available".
Figures on a small base are shaded and explained.

Text from users (organisation, department and file names, notes) is always written as text:
a string cell (never a formula) with Excel's quote prefix where it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, so that neither opening, editing nor re-saving the
workbook turns it into a formula (see :func:`put_text`).

>>> from wres_core.api import Engine, Query        # doctest: +SKIP
>>> data = workbook_bytes(Report(Engine.from_inputs(["data/sample"])))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from wres_core import __version__
from wres_core.codes.bands import MEDICAL_ROWS
from wres_core.disclosure.rules import BOARD_INDICATOR, BOARD_SHOWN_TEXT
from wres_core.exports.cells import (
    BOLD,
    BOX,
    FACE,
    FORMATS,
    GROUPS,
    HEAD_FILL,
    HEAD_FONT,
    LABEL_WIDTH,
    LINK,
    MIN_SPAN,
    MUTED,
    NHS_DARK_RED,
    NUMBER_WIDTH,
    OFF_FILL,
    ON_FILL,
    SECTION_FONT,
    TITLE_FONT,
    WRAP,
    Built,
    Col,
    Line,
    _clean,
    _figure_notes,
    _grid,
    _heading,
    _index,
    _legend,
    _missing,
    _notes_block,
    _paragraph,
    _print_setup,
    _put_number,
    _put_status,
    _span_chars,
    _text_height,
    put_text,
)
from wres_core.exports.notes import FIELD_LABELS
from wres_core.exports.report import (
    METHODOLOGY,
    WITHHELD,
    Report,
    number_kind,
)
from wres_core.indicators.workforce import SENIOR_MEDICAL_MANAGER
from wres_core.registry import WRES
from wres_core.registry import indicator as indicator_record
from wres_core.schema import RESULT_COLUMNS

__all__ = ["FORMATS", "Built", "build_workbook", "put_text", "workbook_bytes"]

SHEET_NAMES = {i.number: f"Indicator {i.number}" for i in WRES}


def workbook_bytes(report: Report) -> bytes:
    """The WRES workbook for a report, as .xlsx bytes (nothing is written to disk)."""
    return build_workbook(report).to_bytes()


def build_workbook(report: Report) -> Built:
    """The WRES workbook for a report (see the module docstring for its sheets)."""
    wb = Workbook()
    built = Built(wb)
    wres = report.wres_table()
    cover = wb.active
    cover.title = "Cover"
    for record in WRES:
        ws = wb.create_sheet(SHEET_NAMES[record.number])
        _indicator_sheet(built, ws, report, wres, record.number)
    from wres_core.exports import pay_sheet  # it builds on this module's helpers

    if pay_sheet.has_pay(report):
        pay_sheet.pay_sheet(built, wb.create_sheet(pay_sheet.SHEET), report)
    _results_sheet(wb.create_sheet("Results"), report)
    _methodology_sheet(wb.create_sheet("Methodology"), report)
    _notes_sheet(wb.create_sheet("Action notes"), report)
    _cover_sheet(cover, report, wb)
    props = wb.properties
    props.title = _clean(f"WRES return: {report.org}, {report.years_text()}")
    props.creator = "WRES Explorer"
    props.subject = "Workforce Race Equality Standard"
    props.description = _clean(report.suppression_text())
    for ws in wb.worksheets:
        _print_setup(ws)
    return built


# --- Indicator sheets -------------------------------------------------------------------------
def _share_cols(report: Report, noun: str) -> list[Col]:
    """Counts of each group, the total, then each group's percent (indicators 1 and 9)."""
    measure_key = {"column": "numerator"}
    cols = [Col(f"{report.label(g)} {noun}", {**measure_key, "group": g}) for g in GROUPS]
    cols.append(Col(f"Total {noun}", {"column": "denominator", "group": "*"}))
    cols += [Col(f"{report.label(g)} %", {"column": "value", "group": g}) for g in GROUPS]
    return cols


def _levels(table: pd.DataFrame, dimension: str, keep=lambda lv: True) -> list[str]:
    rows = table[table["dimension"] == dimension]
    return [lv for lv in dict.fromkeys(rows["level"].astype(str)) if keep(lv)]


def _indicator_sheet(built: Built, ws: Worksheet, report: Report, wres: pd.DataFrame,
                     indicator: int) -> None:
    years = list(report.years)
    rows = wres[wres["indicator"] == indicator]
    block = 7 if indicator in (1, 9) else 1
    width = 1 + block * max(1, len(years))
    ws.column_dimensions["A"].width = LABEL_WIDTH
    for c in range(2, max(MIN_SPAN, width) + 1):
        ws.column_dimensions[get_column_letter(c)].width = NUMBER_WIDTH
    record = indicator_record(indicator)
    row = _heading(ws, report, f"Indicator {indicator}: {record.short_title}", width)
    span = max(MIN_SPAN, width)
    what = put_text(ws.cell(row - 1, 1), record.title)
    what.font = MUTED
    what.alignment = WRAP
    ws.merge_cells(start_row=row - 1, start_column=1, end_row=row - 1, end_column=span)
    ws.row_dimensions[row - 1].height = _text_height(what.value, _span_chars(ws, 1, span))
    row = _notes_block(ws, row, report, indicator, width)
    if rows.empty:
        why = (f"No figures: load {record.needs}." if not report.has(indicator) else
               f"No figures for WRES {report.years_text()} with these filters "
               f"({report.filters_text}).")
        put_text(ws.cell(row, 1), why).font = MUTED
        return
    row = _legend(ws, row, report, width)
    if indicator == BOARD_INDICATOR and report.safe:
        # Why the board's small counts are printed in publication-safe mode: the board
        # page's own words (one text; the Methodology sheet has the whole policy).
        row = _paragraph(ws, row, BOARD_SHOWN_TEXT, width)
    index = _index(rows)
    notes: dict[tuple[str, str], list[int]] = {}
    grid = dict(built=built, ws=ws, indicator=indicator, years=years, index=index,
                notes=notes)
    if indicator == 1:
        row = _indicator_1(report, rows, row, grid)
    elif indicator in (2, 3, 4):
        row = _likelihoods(report, rows, row, grid, indicator)
    elif indicator in (5, 6, 7, 8):
        row = _survey(report, rows, row, grid)
    else:
        row = _indicator_9(report, rows, row, grid)
    _figure_notes(ws, row, notes, width)
    ws.freeze_panes = ws.cell(row=1, column=2)


def _indicator_1(report: Report, rows: pd.DataFrame, row: int, grid: dict) -> int:
    cols = _share_cols(report, "staff")

    def lines(dimension: str, levels: Iterable[str], strip: str = "") -> list[Line]:
        out = []
        for lv in levels:
            name = lv[len(strip):] if strip and lv.startswith(strip) else lv
            if name == SENIOR_MEDICAL_MANAGER:  # an "of which" row, inside Consultant
                name = "   of which senior medical managers"
            out.append(Line(name, {"measure": "share", "dimension": dimension, "level": lv}))
        return out

    medical = set(MEDICAL_ROWS) | {SENIOR_MEDICAL_MANAGER}
    split = _levels(rows, "clinical_pay_band")
    nonclin = [lv for lv in split if lv.startswith("Non-clinical: ")]
    clin = [lv for lv in split if lv.startswith("Clinical: ")
            and lv.split(": ", 1)[1] not in medical]
    med = _levels(rows, "pay_band", lambda lv: lv in medical)
    bands = _levels(rows, "pay_band")
    if nonclin:
        row = _grid(row=row, title="Non-clinical staff by band", cols=cols,
                    lines=lines("clinical_pay_band", nonclin, "Non-clinical: "), **grid)
    if clin:
        row = _grid(row=row, title="Clinical staff by band (Agenda for Change)", cols=cols,
                    lines=lines("clinical_pay_band", clin, "Clinical: "), **grid)
    if med:
        row = _grid(row=row, title="Medical and dental staff", cols=cols,
                    lines=lines("pay_band", med), **grid)
    if not (nonclin or clin):
        put_text(grid["ws"].cell(row, 1), "The workforce data has no staff group or clinical "
                 "flag, so non-clinical and clinical staff cannot be shown apart; all staff "
                 "by band follow.").font = MUTED
        row += 2
    if bands:
        row = _grid(row=row, title="All staff by band", cols=cols,
                    lines=lines("pay_band", bands), **grid)
    totals = [Line(lv, {"measure": "share", "dimension": "clinical", "level": lv})
              for lv in _levels(rows, "clinical")]
    totals.append(Line("Overall workforce", {"measure": "share", "dimension": "overall",
                                             "level": "All"}, bold=True))
    return _grid(row=row, title="Totals", cols=cols, lines=totals, **grid)


# (measure for counts, noun for the denominator, noun for the numerator, likelihood label)
_LIKELIHOOD_PARTS = {
    2: [(indicator_record(2).short_title, "likelihood", "relative_likelihood",
         "Shortlisted applicants", "Appointed from shortlisting",
         "Likelihood of appointment from shortlisting",
         "Relative likelihood of White applicants being appointed from shortlisting "
         "compared with {bme} applicants"),
        ("Application to shortlisting", "likelihood_shortlisted",
         "relative_likelihood_shortlisted", "Applications", "Shortlisted",
         "Likelihood of being shortlisted",
         "Relative likelihood of White applicants being shortlisted compared with {bme} "
         "applicants")],
    3: [("Two-year figure (the headline)", "likelihood_2y", "relative_likelihood",
         "Staff in the workforce (31 March, this year and last, pooled)",
         "Staff entering the formal disciplinary process (two financial years)",
         "Likelihood of entering the formal disciplinary process (two-year)",
         "Relative likelihood of {bme} staff entering the formal disciplinary process "
         "compared with White staff (two-year, headline)"),
        ("Single year", "likelihood", "relative_likelihood_1y",
         "Staff in the workforce (31 March)",
         "Staff entering the formal disciplinary process",
         "Likelihood of entering the formal disciplinary process",
         "Relative likelihood of {bme} staff entering the formal disciplinary process "
         "compared with White staff (single year)")],
    4: [(indicator_record(4).short_title, "likelihood", "relative_likelihood",
         "Staff in the workforce (31 March)",
         "Staff accessing non-mandatory training or CPD",
         "Likelihood of accessing non-mandatory training or CPD",
         "Relative likelihood of White staff accessing non-mandatory training and CPD "
         "compared with {bme} staff")],
}


def _likelihoods(report: Report, rows: pd.DataFrame, row: int, grid: dict,
                 indicator: int) -> int:
    year_col = [Col("", {})]
    for title, lk, rl, den_noun, num_noun, lk_label, rl_label in _LIKELIHOOD_PARTS[indicator]:
        if not ((rows["measure"] == lk) | (rows["measure"] == rl)).any():
            continue
        base = {"dimension": "overall", "level": "All"}
        lines: list[Line] = []
        for column, noun in (("denominator", den_noun), ("numerator", num_noun),
                             ("value", lk_label)):
            lines.append(Line(noun, None, bold=True))
            lines += [Line(report.label(g), {"measure": lk, "group": g, "column": column,
                                             **base}, sub=True) for g in GROUPS]
        rl_text = rl_label.format(bme=report.label("BME"))
        lines.append(Line(rl_text, {"measure": rl, "group": "BME", "column": "value", **base},
                          bold=True))
        lines.append(Line("95% interval: lower", {"measure": rl, "group": "BME",
                                                  "column": "ci_low", **base}))
        lines.append(Line("95% interval: upper", {"measure": rl, "group": "BME",
                                                  "column": "ci_high", **base}))
        row = _grid(row=row, title=title, cols=year_col, lines=lines, **grid)
    return row


def _survey(report: Report, rows: pd.DataFrame, row: int, grid: dict) -> int:
    base = {"dimension": "overall", "level": "All"}
    present = [g for g in GROUPS if ((rows["group"] == g) & (rows["measure"] == "percent"))
               .any()]
    lines: list[Line] = []
    for g in present:
        lines.append(Line(f"{report.label(g)}: percent of respondents",
                          {"measure": "percent", "group": g, "column": "value", **base},
                          bold=True))
        lines.append(Line("95% interval: lower", {"measure": "percent", "group": g,
                                                  "column": "ci_low", **base}))
        lines.append(Line("95% interval: upper", {"measure": "percent", "group": g,
                                                  "column": "ci_high", **base}))
        lines.append(Line("Responses", {"measure": "percent", "group": g,
                                        "column": "denominator", **base}))
    if (rows["measure"] == "gap").any():
        bme = report.label("BME")
        lines.append(Line(f"Gap: {bme} minus White (percentage points)",
                          {"measure": "gap", "group": "BME", "column": "value", **base},
                          bold=True))
        lines.append(Line("95% interval: lower", {"measure": "gap", "group": "BME",
                                                  "column": "ci_low", **base}))
        lines.append(Line("95% interval: upper", {"measure": "gap", "group": "BME",
                                                  "column": "ci_high", **base}))
    years = grid["years"]
    title = "NHS Staff Survey " + ", ".join(str(y - 1) for y in years) + \
        " (reported as WRES " + ", ".join(str(y) for y in years) + ")"
    return _grid(row=row, title=title, cols=[Col("", {})], lines=lines, **grid)


_ROLES = {"All": "All board members", "Voting": "Voting members",
          "Non-voting": "Non-voting members", "Executive": "Executive members",
          "Non-executive": "Non-executive members"}


def _indicator_9(report: Report, rows: pd.DataFrame, row: int, grid: dict) -> int:
    roles = _levels(rows, "board_role")
    lines = [Line(_ROLES.get(r, r), {"measure": "board_share", "dimension": "board_role",
                                     "level": r}, bold=r == "All") for r in roles]
    lines.append(Line("Overall workforce", {"measure": "workforce_share",
                                            "dimension": "overall", "level": "All"},
                      bold=True))
    row = _grid(row=row, title="Board members by role, against the overall workforce",
                cols=_share_cols(report, "people"), lines=lines, **grid)
    cols = [Col(report.label(g), {"column": "value", "group": g}) for g in GROUPS]
    diff = [Line(_ROLES.get(r, r) + " minus workforce",
                 {"measure": "difference", "dimension": "board_role", "level": r},
                 bold=r == "Voting") for r in roles]
    return _grid(row=row, title="Difference: board share minus workforce share "
                                "(percentage points; the headline is voting members)",
                 cols=cols, lines=diff, **grid)


# --- The other sheets -------------------------------------------------------------------------
RESULT_HEADERS = {
    "year": "Year", "indicator": "Indicator", "measure": "Measure", "group": "Group",
    "dimension": "Dimension", "level": "Level", "numerator": "Numerator",
    "denominator": "Denominator", "value": "Value", "ci_low": "95% CI low",
    "ci_high": "95% CI high", "note": "Note", "caution": "Caution", "suppressed": "Withheld",
}
RESULTS_FIRST_ROW = 6  # the header row of the Results sheet


def _results_sheet(ws: Worksheet, report: Report) -> None:
    table = report.table()
    width = len(RESULT_COLUMNS)
    widths = {"year": 7, "indicator": 9, "measure": 30, "group": 22, "dimension": 18,
              "level": 34, "numerator": 11, "denominator": 12, "value": 10, "ci_low": 11,
              "ci_high": 11, "note": 60, "caution": 10, "suppressed": 10}
    for j, col in enumerate(RESULT_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(col, 12)
    _heading(ws, report, "Results table: every figure", width)
    put_text(ws.cell(4, 1), "One row per figure, as the data contract defines it (group codes "
             "as in the table; percents from 0 to 100, likelihoods from 0 to 1, ratios, and "
             f"gaps in points). \"{WITHHELD}\": withheld in publication-safe mode.").font = MUTED
    hr = RESULTS_FIRST_ROW
    for j, col in enumerate(RESULT_COLUMNS, start=1):
        c = put_text(ws.cell(hr, j), RESULT_HEADERS[col])
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
    for i, r in enumerate(table.itertuples(index=False), start=hr + 1):
        rec = r._asdict()
        withheld = bool(rec["suppressed"]) if not _missing(rec["suppressed"]) else False
        for j, col in enumerate(RESULT_COLUMNS, start=1):
            cell = ws.cell(i, j)
            v = rec[col]
            if col in ("year", "indicator"):
                cell.value = int(v)
            elif col in ("numerator", "denominator", "value", "ci_low", "ci_high"):
                if not _missing(v):
                    _put_number(cell, v, number_kind(str(rec["measure"]), col))
                elif withheld:
                    _put_status(cell, WITHHELD)
            elif col in ("caution", "suppressed"):
                cell.value = bool(v) if not _missing(v) else False
            elif not _missing(v) and str(v) != "":
                put_text(cell, v)
    last = hr + max(1, len(table))
    ws.auto_filter.ref = f"A{hr}:{get_column_letter(width)}{last}"
    ws.freeze_panes = ws.cell(row=hr + 1, column=1)
    ws.print_title_rows = f"{hr}:{hr}"


def _methodology_sheet(ws: Worksheet, report: Report) -> None:
    ws.column_dimensions["A"].width = 100
    row = _heading(ws, report, "Methodology", 1, min_span=1)
    for heading, paragraphs in METHODOLOGY:
        put_text(ws.cell(row, 1), heading).font = SECTION_FONT
        row += 1
        for p in paragraphs:
            c = put_text(ws.cell(row, 1), p)
            c.alignment = WRAP
            ws.row_dimensions[row].height = _text_height(p, 100)
            row += 1
        row += 1
    put_text(ws.cell(row, 1), "Caveats for these figures").font = SECTION_FONT
    row += 1
    for p in report.caveats():
        c = put_text(ws.cell(row, 1), p)
        c.alignment = WRAP
        ws.row_dimensions[row].height = _text_height(p, 100)
        row += 1


def _notes_sheet(ws: Worksheet, report: Report) -> None:
    for width, letter in zip((10, 34, 60, 60), "ABCD", strict=True):
        ws.column_dimensions[letter].width = width
    row = _heading(ws, report, "Action notes", 4, min_span=4)
    put_text(ws.cell(row - 1, 1), "What the data shows and the action planned, per indicator, "
             "as written in WRES Explorer.").font = MUTED
    heads = ("Indicator", "", FIELD_LABELS["shows"], FIELD_LABELS["action"])
    for j, h in enumerate(heads, start=1):
        c = put_text(ws.cell(row, j), h)
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
    row += 1
    for record in WRES:
        i = record.number
        note = report.note(i)
        ws.cell(row, 1, i)
        put_text(ws.cell(row, 2), record.short_title)
        for j, text in ((3, note.shows), (4, note.action)):
            c = put_text(ws.cell(row, j), text)
            c.alignment = WRAP
        for j in range(1, 5):
            ws.cell(row, j).border = BOX
            ws.cell(row, j).alignment = WRAP
        ws.cell(row, 1).alignment = Alignment(horizontal="left", vertical="top")
        ws.row_dimensions[row].height = max(_text_height(note.shows, 58),
                                            _text_height(note.action, 58),
                                            _text_height(record.short_title, 32), 18)
        row += 1


def _cover_sheet(ws: Worksheet, report: Report, wb: Workbook) -> None:
    ws.column_dimensions["A"].width = 30
    for letter in "BCDEFG":
        ws.column_dimensions[letter].width = 16
    put_text(ws.cell(1, 1), "Workforce Race Equality Standard (WRES)").font = TITLE_FONT
    put_text(ws.cell(2, 1), "Data return and evidence, produced by WRES Explorer").font = MUTED
    row = 4
    status = ws.cell(row, 1)
    put_text(status, report.suppression_text())
    status.font = Font(name=FACE, bold=True, size=12,
                       color="1E5631" if report.safe else NHS_DARK_RED)
    status.fill = ON_FILL if report.safe else OFF_FILL
    status.alignment = WRAP
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
    ws.row_dimensions[row].height = 36
    row += 2
    facts = [
        ("Organisation", report.org),
        ("WRES years", report.years_text() + " (workforce and board at 31 March; "
         "recruitment, disciplinary and training in the financial year to 31 March; the "
         "NHS Staff Survey of the autumn before)"),
        ("Filters", report.filters_text),
        ("Ethnic groups", report.groups_text()),
        ("Publication-safe mode", ("ON, threshold " + str(report.query.suppress))
         if report.safe else "OFF: NOT FOR PUBLICATION"),
        ("Caution threshold", f"fewer than {report.query.caution} in the base"),
        ("Data", report.source_label or "files listed below"),
        ("Produced", f"{report.produced.isoformat()} by WRES Explorer {__version__}"),
    ]
    for name, value in facts:
        put_text(ws.cell(row, 1), name).font = BOLD
        ws.cell(row, 1).alignment = Alignment(vertical="top")
        c = put_text(ws.cell(row, 2), value)
        c.alignment = WRAP
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
        ws.row_dimensions[row].height = _text_height(value, 6 * 16)
        row += 1
    row += 1
    put_text(ws.cell(row, 1), "Staff with unknown ethnicity").font = SECTION_FONT
    row += 1
    for j, h in enumerate(("WRES year", "Unknown staff", "All staff", "Share"), start=1):
        c = put_text(ws.cell(row, j), h)
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
        c.alignment = Alignment(horizontal="left" if j == 1 else "right")
    row += 1
    shares = report.unknown_shares()
    for y, value, num, den, withheld in shares:
        ws.cell(row, 1, y).alignment = Alignment(horizontal="left")
        for j, (v, kind) in enumerate(((num, "count"), (den, "count"), (value, "percent")),
                                      start=2):
            if not _missing(v):
                _put_number(ws.cell(row, j), v, kind)
            elif withheld:
                _put_status(ws.cell(row, j), WITHHELD)
        row += 1
    if not shares:
        put_text(ws.cell(row, 1), "No workforce snapshot loaded.").font = MUTED
        row += 1
    c = put_text(ws.cell(row, 1), "A high share of unknown ethnicity makes every indicator "
                 "less reliable: the guidance asks organisations to improve recording.")
    c.font = MUTED
    row += 2
    put_text(ws.cell(row, 1), "Files read").font = SECTION_FONT
    row += 1
    heads = ("File", "Sheet", "Kind", "Rows", "WRES years", "Loaded")
    for j, h in enumerate(heads, start=1):
        c = put_text(ws.cell(row, j), h)
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
        c.alignment = Alignment(horizontal="right" if h == "Rows" else "left",
                                indent=1 if h == "WRES years" else 0)
    row += 1
    for s in report.source_rows():
        put_text(ws.cell(row, 1), s["file"])
        if s["sheet"]:
            put_text(ws.cell(row, 2), s["sheet"])
        put_text(ws.cell(row, 3), s["kind"])
        ws.cell(row, 4, s["rows"]).number_format = FORMATS["count"]
        put_text(ws.cell(row, 5), s["years"]).alignment = Alignment(horizontal="left",
                                                                    indent=1)
        put_text(ws.cell(row, 6), s["loaded"])
        row += 1
    row += 1
    put_text(ws.cell(row, 1), "Contents").font = SECTION_FONT
    row += 1
    for sheet in wb.sheetnames[1:]:
        c = put_text(ws.cell(row, 1), sheet)
        c.hyperlink = Hyperlink(ref=c.coordinate, location=f"'{sheet}'!A1", display=sheet)
        c.font = LINK
        c.alignment = Alignment(vertical="top")
        what = ""
        m = re.fullmatch(r"Indicator (\d)", sheet)
        if m:
            what = indicator_record(m.group(1)).title
        elif sheet == "Results":
            what = "Every figure of the results table, with counts, intervals and notes"
        elif sheet == "Methodology":
            what = "Definitions, statistical aids, small-number rules and assumptions"
        elif sheet == "Action notes":
            what = "What the data shows and the action planned, per indicator"
        c2 = put_text(ws.cell(row, 2), what)
        c2.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
        ws.row_dimensions[row].height = _text_height(what, 6 * 16)
        row += 1
