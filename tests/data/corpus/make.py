"""Writes the corpus files that cannot be plain text (workbooks, archives, a PDF).

    .venv/bin/python tests/data/corpus/make.py

The files are committed, so the tests never run this. The old ``.xls`` and ``.ods`` copies
need LibreOffice (``soffice``), and the password-protected workbook needs msoffcrypto-tool
(``pip install --target /tmp/msoff msoffcrypto-tool``, then ``PYTHONPATH=/tmp/msoff``);
without them those files are left as they are.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = ["Year", "Employee Number", "Ethnic Origin", "Pay Band", "Staff Group"]
PEOPLE = [
    [2024, 1001, "A White - British", "Band 5", "Nursing and Midwifery Registered"],
    [2024, 1002, "N Black or Black British - African", "Band 6",
     "Nursing and Midwifery Registered"],
    [2024, 1003, "H Asian or Asian British - Indian", "Band 3", "Administrative and Clerical"],
]


def _save(wb: openpyxl.Workbook, name: str) -> Path:
    # Fixed properties, so that running this again changes no committed byte needlessly.
    wb.properties.creator = "WRES Explorer corpus"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 4, 1)
    path = HERE / name
    wb.save(path)
    return path


def esr_export() -> Path:
    """ESR BI layout: report titles above the header, a Grand Total row under the data."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Staff in Post"
    for title in ("ESR Business Intelligence", "Staff in Post - Headcount", "Run: 01/04/2024"):
        ws.append([title])
    ws.append([])
    ws.append(HEADER)
    for row in PEOPLE:
        ws.append(row)
    ws.append(["Grand Total", 3])
    return _save(wb, "esr_staff_in_post_2024.xlsx")


def merged_headers() -> Path:
    """A merged group heading above the header, and a header merged over two columns."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Workforce"
    ws.append(["Staff", None, "Assignment", None, None, None])
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:F1")
    ws.append([*HEADER[:3], None, *HEADER[3:]])
    ws.merge_cells("C2:D2")
    for row in PEOPLE:
        ws.append([*row[:3], row[2][2:], *row[3:]])
    return _save(wb, "merged_header_cells.xlsx")


def hidden_sheets() -> Path:
    """The data on a visible sheet; a lookup table and last year's data on hidden ones."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Workforce"
    ws.append(HEADER)
    ws.append(PEOPLE[0])
    lookup = wb.create_sheet("Lookups")
    lookup.append(["code", "label"])
    lookup.append(["A", "White - British"])
    lookup.sheet_state = "hidden"
    old = wb.create_sheet("Workforce 2023")
    old.append(HEADER)
    old.append([2023, *PEOPLE[1][1:]])
    old.sheet_state = "veryHidden"
    return _save(wb, "hidden_sheets_workforce.xlsx")


def serial_dates() -> Path:
    """Dates as Excel serial numbers (a number cell, and text), and as a real date."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Disciplinary"
    ws.append(["Employee Number", "Ethnic Origin", "Date Opened"])
    ws.append([1, "A", 45387])  # 5 April 2024: financial year 2024/25
    ws.append([2, "N", dt.date(2024, 3, 31)])
    ws.append([3, "H", "45200"])  # 1 October 2023, stored as text
    return _save(wb, "serial_dates_disciplinary.xlsx")


def numbers_as_text() -> Path:
    """Every number stored as text, some with spaces and thousands separators."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Workforce"
    ws.append(["Year", "Ethnic Origin", "Pay Band", "Staff Group", "Headcount", "FTE"])
    ws.append(["2024", "A", "5", "Estates and Ancillary", "12", "0.80"])
    ws.append([" 2024 ", "N", "Band 5", "Estates and Ancillary", "1,200", "1"])
    ws.append(["2024.0", "H", "8A", "Estates and Ancillary", "003", "1.0"])
    return _save(wb, "numbers_as_text_workforce.xlsx")


def empty_sheets() -> Path:
    """One sheet of data beside a blank default sheet and a blank sheet named like a kind."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Workforce"
    ws.append(HEADER)
    for row in PEOPLE:
        ws.append(row)
    wb.create_sheet("Sheet2")
    wb.create_sheet("Recruitment")
    return _save(wb, "empty_sheets.xlsx")


def archives() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as inner:
        inner.writestr("board_2024.csv",
                       "Year,Ethnicity,Voting,Executive\n2024,A,Y,Y\n2024,N,Y,N\n")
    with zipfile.ZipFile(HERE / "nested_folders.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("WRES 2024/ESR/workforce_2024.csv",
                   "Employee Number,Ethnic Origin,Pay Band,Staff Group\n"
                   "1,A,Band 5,Estates and Ancillary\n2,N,Band 5,Estates and Ancillary\n")
        z.writestr("WRES 2024/Board/board.zip", buf.getvalue())
        z.writestr("__MACOSX/WRES 2024/ESR/._workforce_2024.csv", b"\x00\x05\x16\x07junk")
        z.writestr("WRES 2024/.DS_Store", b"\x00\x00\x00\x01Bud1")
        z.writestr("WRES 2024/~$workforce_2024.xlsx", b"owner file")
        z.writestr("WRES 2024/Thumbs.db", b"\xd0\xcf\x11\xe0")
    whole = (HERE / "nested_folders.zip").read_bytes()
    (HERE / "truncated.zip").write_bytes(whole[: len(whole) // 2])


def mistakes() -> None:
    """Files of other kinds given by mistake."""
    (HERE / "report_renamed_workforce_2024.xlsx").write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n")
    with zipfile.ZipFile(HERE / "workforce_2024.numbers", "w") as z:
        z.writestr("Index/Document.iwa", b"\x00\x01")
        z.writestr("Metadata/Properties.plist", "<plist/>")
    text = ("Year\tEthnic Origin\tPay Band\tStaff Group\r\n"
            "2024\tA\tBand 5\tEstates and Ancillary\r\n2024\tN\tBand 5\tEstates and Ancillary\r\n")
    (HERE / "unicode_text_workforce_2024.txt").write_bytes(text.encode("utf-16"))


def converted(source: Path) -> None:
    """The old .xls and the OpenDocument .ods of a workbook, by LibreOffice."""
    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: .xls and .ods left as they are")
        return
    with tempfile.TemporaryDirectory() as home:
        for fmt in ("xls", "ods"):
            subprocess.run([soffice, f"-env:UserInstallation=file://{home}", "--headless",
                            "--convert-to", fmt, "--outdir", str(HERE), str(source)],
                           check=True, capture_output=True, timeout=120)
    for fmt in ("xls", "ods"):
        (HERE / f"{source.stem}.{fmt}").rename(HERE / f"old_format_workforce_2024.{fmt}")


def encrypted(source: Path) -> None:
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print("msoffcrypto-tool not found: the password-protected workbook left as it is")
        return
    out = io.BytesIO()
    with source.open("rb") as f:
        OOXMLFile(f).encrypt("secret", out)
    (HERE / "password_protected_workforce_2024.xlsx").write_bytes(out.getvalue())


def main() -> None:
    esr_export()
    merged_headers()
    hidden_sheets()
    serial_dates()
    numbers_as_text()
    empty_sheets()
    archives()
    mistakes()
    with tempfile.TemporaryDirectory() as tmp:
        wb = openpyxl.Workbook()
        wb.active.title = "Workforce"
        wb.active.append(HEADER)
        for row in PEOPLE:
            wb.active.append(row)
        source = Path(tmp) / "plain.xlsx"
        wb.save(source)
        converted(source)
        encrypted(source)


if __name__ == "__main__":
    main()
