"""The workbook's look and its building blocks: cell writers, the heading and legend every
sheet opens with, and the grid of results-table figures every indicator sheet is made of
(the sheets themselves are laid out in :mod:`wres_core.exports.workbook` and
:mod:`wres_core.exports.pay_sheet`).

Text from users (organisation, department and file names, notes) is always written as text:
a string cell (never a formula) with Excel's quote prefix where it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, so that neither opening, editing nor re-saving the
workbook turns it into a formula (see :func:`put_text`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wres_core.exports.notes import FIELD_LABELS
from wres_core.exports.report import (
    NOT_AVAILABLE,
    WITHHELD,
    Report,
    extra_notes,
    number_kind,
)

# --- Look ---------------------------------------------------------------------------------
NHS_BLUE = "005EB8"
NHS_DARK_BLUE = "003087"
NHS_DARK_GREY = "425563"
NHS_PALE_GREY = "E8EDEE"
NHS_DARK_RED = "8A1538"
CAUTION_FILL = PatternFill("solid", fgColor="FFF1CC")
HEAD_FILL = PatternFill("solid", fgColor=NHS_BLUE)
SUB_FILL = PatternFill("solid", fgColor=NHS_PALE_GREY)
OFF_FILL = PatternFill("solid", fgColor="F9E0E6")
ON_FILL = PatternFill("solid", fgColor="E0F0E8")
THIN = Side(style="thin", color="B7C3C8")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Every font names its face: a Font without one prints in the reader's default (often serif).
FACE = "Calibri"
TITLE_FONT = Font(name=FACE, bold=True, size=14, color=NHS_DARK_BLUE)
SECTION_FONT = Font(name=FACE, bold=True, size=12, color=NHS_DARK_BLUE)
HEAD_FONT = Font(name=FACE, bold=True, color="FFFFFF")
BOLD = Font(name=FACE, bold=True)
MUTED = Font(name=FACE, italic=True, color=NHS_DARK_GREY)
LINK = Font(name=FACE, color=NHS_BLUE, underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
RIGHT = Alignment(horizontal="right", vertical="center")
FIGURE = Alignment(vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)

FORMATS = {
    "count": "#,##0",
    "percent": '0.0"%"',  # the results table's percents run from 0 to 100
    "proportion": "0.0%",  # likelihoods run from 0 to 1
    "ratio": "0.00",
    "points": '+0.0" pts";-0.0" pts";0.0" pts"',
}

GROUPS = ("White", "BME", "Unknown")
LABEL_WIDTH = 46
NUMBER_WIDTH = 10.5
MIN_SPAN = 8  # texts above a table span at least this many columns (about 120 characters)

# Characters that make a spreadsheet read a cell as a formula (or DDE call) when typed.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- Writing cells -----------------------------------------------------------------------
def put_text(cell: Cell, text: object) -> Cell:
    """Write ``text`` into ``cell`` as text, whatever it looks like.

    openpyxl reads a string starting with ``=`` as a formula and one like ``#N/A`` as an
    error; here every string is stored as a string cell (``data_type`` "s") with characters
    XML cannot hold removed. Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return also gets Excel's *quote prefix* (the ``'`` a user types to force text, kept as a
    cell style, not as a character in the value): the cell shows exactly what was typed and
    stays text even when a user edits it and presses Enter.

    >>> from openpyxl import Workbook
    >>> c = put_text(Workbook().active["A1"], "=HYPERLINK(\\"x\\")")
    >>> c.data_type, c.value, c.quotePrefix
    ('s', '=HYPERLINK("x")', True)
    """
    s = ILLEGAL_CHARACTERS_RE.sub("", str(text))
    cell.value = s
    cell.data_type = "s"
    if s.startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


def _missing(v: object) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _put_number(cell: Cell, value: object, kind: str) -> Cell:
    cell.value = float(value) if kind != "count" else int(round(float(value)))
    cell.number_format = FORMATS[kind]
    return cell


def _put_status(cell: Cell, text: str) -> Cell:
    put_text(cell, text)
    cell.font = MUTED
    cell.alignment = RIGHT
    return cell


# --- What a build returns ------------------------------------------------------------------
@dataclass
class Built:
    """A built workbook and, for every figure cell of the indicator sheets (and of the pay
    gap sheet, indicator 10), the
    results-table cell it shows: ``cells[(sheet, "C7")] = (year, indicator, measure,
    group, dimension, level, column)``. Tests use the map to check every figure."""

    workbook: Workbook
    cells: dict[tuple[str, str], tuple] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.workbook.save(buf)
        return buf.getvalue()


def _clean(text: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(text))


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "portrait" if ws.title == "Methodology" else "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "&A, page &P of &N"
    ws.oddFooter.center.size = 8


def _heading(ws: Worksheet, report: Report, title: str, width: int,
             min_span: int = MIN_SPAN) -> int:
    """Title, who / when / filters, and the suppression line; returns the next row."""
    put_text(ws.cell(1, 1), title).font = TITLE_FONT
    put_text(ws.cell(2, 1), f"{report.org}. WRES {report.years_text()}. "
                            f"Filters: {report.filters_text}.")
    line = put_text(ws.cell(3, 1), report.suppression_text())
    line.font = Font(name=FACE, bold=True, color="1E5631" if report.safe else NHS_DARK_RED)
    line.fill = ON_FILL if report.safe else OFF_FILL
    span = max(min_span, width)
    for r in (2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=span)
        ws.cell(r, 1).alignment = WRAP
        ws.row_dimensions[r].height = _text_height(ws.cell(r, 1).value,
                                                   _span_chars(ws, 1, span))
    return 5


def _span_chars(ws: Worksheet, first: int, last: int) -> float:
    """The width in characters of columns ``first`` to ``last``."""
    total = 0.0
    for c in range(first, last + 1):
        w = ws.column_dimensions[get_column_letter(c)].width
        total += w if w else 8.43
    return total


def _legend(ws: Worksheet, row: int, report: Report, width: int) -> int:
    text = (f"\"{WITHHELD}\": withheld in publication-safe mode. \"{NOT_AVAILABLE}\": cannot be "
            f"computed (see the notes below the table). Shaded: fewer than "
            f"{report.query.caution} in the base, read with care. Blank: no data for that "
            "year.")
    return _paragraph(ws, row, text, width)


def _paragraph(ws: Worksheet, row: int, text: str, width: int) -> int:
    """``text`` in muted type across the sheet's span, wrapped; the next free row after a
    blank one."""
    c = put_text(ws.cell(row, 1), text)
    c.font = MUTED
    c.alignment = WRAP
    span = max(MIN_SPAN, width)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    ws.row_dimensions[row].height = _text_height(text, _span_chars(ws, 1, span))
    return row + 2


def _notes_block(ws: Worksheet, row: int, report: Report, indicator: int, width: int) -> int:
    note = report.note(indicator)
    for key in ("shows", "action"):
        put_text(ws.cell(row, 1), FIELD_LABELS[key]).font = BOLD
        ws.cell(row, 1).alignment = WRAP
        text = getattr(note, key) or "(none written)"
        c = put_text(ws.cell(row, 2), text)
        c.alignment = WRAP
        if not getattr(note, key):
            c.font = MUTED
        span = max(MIN_SPAN, width)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=span)
        ws.row_dimensions[row].height = _text_height(text, _span_chars(ws, 2, span))
        row += 1
    return row + 1


def _text_height(text: object, width_chars: float) -> float:
    """Row height (points) for wrapped text in a cell ``width_chars`` wide (spreadsheets
    do not grow a row to fit wrapped text written by a program)."""
    per_line = max(10, int(width_chars * 1.05))
    lines = 0
    for para in str(text or "").split("\n"):
        lines += max(1, -(-len(para) // per_line))
    return min(409.0, 15.0 * lines + 2)


# --- The grid every indicator sheet is made of ------------------------------------------
@dataclass(frozen=True)
class Line:
    """One row of a grid: its label and the part of the results-table key it fixes."""

    label: str
    key: dict | None  # None: a heading line with no figures
    bold: bool = False
    sub: bool = False  # read with the heading line above it (a group under its count)


@dataclass(frozen=True)
class Col:
    """One column of a year's block: its header and the part of the key it fixes.
    ``group="*"`` takes the first group of the row that has the figure (a row total)."""

    header: str
    key: dict


def _index(table: pd.DataFrame) -> dict[tuple, pd.Series]:
    """Results rows by (year, measure, group, dimension, level)."""
    out = {}
    for _, r in table.iterrows():
        out[(int(r["year"]), str(r["measure"]), str(r["group"]), str(r["dimension"]),
             str(r["level"]))] = r
    return out


def _grid(built: Built, ws: Worksheet, row: int, *, indicator: int, title: str,
          lines: Sequence[Line], cols: Sequence[Col], years: Sequence[int],
          index: dict[tuple, pd.Series], notes: dict, first_col: int = 2) -> int:
    """Write one table: a title, the year headers (a block of ``cols`` per year), and a row
    per line; every figure cell is recorded in ``built.cells``. Returns the next row."""
    put_text(ws.cell(row, 1), title).font = SECTION_FONT
    row += 1
    block = len(cols)
    # Year header (merged over the year's block when it has several columns).
    put_text(ws.cell(row, 1), "WRES year").font = HEAD_FONT
    ws.cell(row, 1).fill = HEAD_FILL
    for i, y in enumerate(years):
        c0 = first_col + i * block
        cell = ws.cell(row, c0, int(y))
        cell.number_format = "0"
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = CENTRE
        for j in range(1, block):
            ws.cell(row, c0 + j).fill = HEAD_FILL
        if block > 1:
            ws.merge_cells(start_row=row, start_column=c0, end_row=row,
                           end_column=c0 + block - 1)
    row += 1
    if block > 1 or cols[0].header:
        ws.cell(row, 1).fill = SUB_FILL
        for i in range(len(years)):
            for j, col in enumerate(cols):
                c = put_text(ws.cell(row, first_col + i * block + j), col.header)
                c.font = BOLD
                c.fill = SUB_FILL
                c.alignment = CENTRE
                c.border = BOX
        ws.row_dimensions[row].height = 30
        row += 1
    context = ""  # the heading line above, which says what a group line counts
    for line in lines:
        lab = put_text(ws.cell(row, 1), line.label)
        lab.border = BOX
        lab.alignment = Alignment(horizontal="left", wrap_text=True, vertical="center",
                                  indent=0 if line.bold else 1)
        if len(line.label) > LABEL_WIDTH:
            ws.row_dimensions[row].height = _text_height(line.label, LABEL_WIDTH - 4)
        if line.bold:
            lab.font = BOLD
        if line.key is None:
            context = line.label
            row += 1
            continue
        label = f"{context}, {line.label}" if context and line.sub else line.label
        for i, y in enumerate(years):
            for j, col in enumerate(cols):
                cell = ws.cell(row, first_col + i * block + j)
                cell.border = BOX
                cell.alignment = FIGURE
                _figure(built, ws.title, cell, indicator, int(y), {**line.key, **col.key},
                        index, notes, label)
        row += 1
    return row + 1


def _figure(built: Built, sheet: str, cell: Cell, indicator: int, year: int, key: dict,
            index: dict[tuple, pd.Series], notes: dict, label: str) -> None:
    """Write the results-table cell named by ``key`` (measure, group, dimension, level,
    column) for ``year`` into ``cell``."""
    measure, dimension, level, column = (key["measure"], key["dimension"], key["level"],
                                         key["column"])
    groups = GROUPS if key["group"] == "*" else (key["group"],)
    found = [(g, index.get((year, measure, g, dimension, level))) for g in groups]
    found = [(g, r) for g, r in found if r is not None]
    if not found:
        return  # no figure for that year: left blank
    group, r = found[0]
    if key["group"] == "*":  # a row total: the first group that shows it
        shown = [(g, x) for g, x in found if not _missing(x[column])]
        group, r = shown[0] if shown else found[0]
    value = r[column]
    withheld = bool(r["suppressed"]) if not _missing(r["suppressed"]) else False
    if not _missing(value):
        _put_number(cell, value, number_kind(measure, column))
        built.cells[(sheet, cell.coordinate)] = (year, indicator, measure, group, dimension,
                                                 level, column)
        if column == "value" and not _missing(r["caution"]) and bool(r["caution"]):
            cell.fill = CAUTION_FILL
    elif withheld:
        _put_status(cell, WITHHELD)
        built.cells[(sheet, cell.coordinate)] = (year, indicator, measure, group, dimension,
                                                 level, column)
    elif column == "value":
        _put_status(cell, NOT_AVAILABLE)
        built.cells[(sheet, cell.coordinate)] = (year, indicator, measure, group, dimension,
                                                 level, column)
    if column == "value":
        for n in extra_notes(r["note"]):
            years = notes.setdefault((label.strip(), n), [])
            if year not in years:
                years.append(year)


def _figure_notes(ws: Worksheet, row: int, notes: dict[tuple[str, str], list[int]],
                  width: int) -> int:
    """The notes of the figures shown (other than the standard withheld and caution words,
    which the legend explains), each once with the years it applies to."""
    if not notes:
        return row
    put_text(ws.cell(row, 1), "Notes").font = BOLD
    row += 1
    span = max(MIN_SPAN, width)
    for (label, note), years in notes.items():
        c = put_text(ws.cell(row, 1), f"{label}: {note} ({', '.join(map(str, years))})")
        c.font = MUTED
        c.alignment = WRAP
        ws.row_dimensions[row].height = _text_height(c.value, _span_chars(ws, 1, span))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
        row += 1
    return row + 1
