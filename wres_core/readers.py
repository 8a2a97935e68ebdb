"""Bytes to raw tables: CSV (any of the encodings Excel writes), Excel workbooks, Parquet,
folders and ZIP archives. Every cell comes back as text; meaning is given later.

Nothing here raises on bad input: a file that cannot be read becomes a finding.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import python_calamine

from wres_core.codes.text import code_width
from wres_core.findings import Finding
from wres_core.values import offset_codes

EXCEL = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TABULAR = (".csv", ".txt", ".tsv", *EXCEL, ".parquet", ".pq")
ARCHIVES = (".zip",)
# A ZIP that unpacks to more than this is refused rather than filling memory.
MAX_UNPACKED_BYTES = 4 * 1024**3
# Header detection looks at this many rows from the top (ESR BI exports carry title rows).
HEADER_SCAN_ROWS = 25


@dataclass
class RawTable:
    """One table as read: every cell as text (NA for empty), columns as the file names them.

    ``first_row`` is the spreadsheet row number of the first data row, so that
    ``first_row + i`` names data row ``i`` for the user.
    """

    file: str
    sheet: str
    data: pd.DataFrame
    first_row: int
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Source:
    """A file given to the loader: a display name and its bytes."""

    name: str
    content: bytes


def gather(
    inputs: Iterable[str | Path | Source | tuple[str, bytes]],
) -> tuple[list[Source], list[Finding]]:
    """Expand paths (files, folders, ZIPs) and uploaded (name, bytes) pairs into sources."""
    sources: list[Source] = []
    findings: list[Finding] = []
    for item in inputs:
        if isinstance(item, Source):
            sources.extend(_expand(item, findings))
        elif isinstance(item, tuple):
            sources.extend(_expand(Source(str(item[0]), bytes(item[1])), findings))
        else:
            path = Path(item)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if child.name.startswith((".", "~$")):
                        continue
                    if child.suffix.lower() not in TABULAR + ARCHIVES:
                        findings.append(_skipped(str(child.relative_to(path)), str(path)))
                        continue
                    sources.extend(_read_path(child, path, findings))
            elif path.is_file():
                sources.extend(_read_path(path, path.parent, findings))
            else:
                findings.append(Finding(
                    "error", "file_not_found", f"{path} does not exist or is not a file.",
                    file=str(path), hint="Check the path, or pick the file again."))
    return sources, findings


def _read_path(path: Path, root: Path, findings: list[Finding]) -> list[Source]:
    try:
        content = path.read_bytes()
    except OSError as exc:
        findings.append(Finding("error", "unreadable_file", f"{path.name} could not be opened: "
                                f"{exc.strerror or exc}.", file=path.name,
                                hint="Check the file is not open elsewhere and you may read it."))
        return []
    name = str(path.relative_to(root)) if root != path.parent else path.name
    return list(_expand(Source(name, content), findings))


def _expand(src: Source, findings: list[Finding]) -> Iterator[Source]:
    if not src.name.lower().endswith(ARCHIVES):
        yield src
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(src.content))
        members = [m for m in archive.infolist() if not m.is_dir()]
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED_BYTES:
            findings.append(Finding(
                "error", "archive_too_large",
                f"{src.name} would unpack to {total / 1024**3:.1f} GB, more than the "
                f"{MAX_UNPACKED_BYTES / 1024**3:.0f} GB this app accepts.",
                file=src.name, hint="Unzip it and load the files you need."))
            return
        for m in members:
            inner = PurePosixPath(m.filename)
            if inner.name.startswith((".", "~$")) or "__MACOSX" in inner.parts:
                continue
            if inner.suffix.lower() not in TABULAR + ARCHIVES:
                findings.append(_skipped(str(inner), src.name))
                continue
            yield from _expand(Source(f"{src.name}/{inner}", archive.read(m)), findings)
    except (zipfile.BadZipFile, EOFError) as exc:
        findings.append(Finding(
            "error", "unreadable_file", f"{src.name} is damaged or incomplete, so it cannot be "
            f"unzipped ({exc}).", file=src.name,
            hint="Download or copy the ZIP again (it may not have finished), or load the files "
                 "it holds."))
    except (RuntimeError, NotImplementedError, OSError) as exc:
        findings.append(Finding(
            "error", "unreadable_file", f"{src.name} is not a ZIP archive that can be opened "
            f"({exc}).", file=src.name,
            hint="Re-create the ZIP without a password, or load the files themselves."))


def _skipped(name: str, container: str) -> Finding:
    """A file in a folder or ZIP that is not data: a note, or a warning with the fix when it
    is a spreadsheet this app cannot open (the user meant it to be read)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _NOT_READ:
        what, hint = _NOT_READ[suffix]
        return Finding("warning", "skipped_file", f"{name} in {container} was skipped: it is "
                       f"{what}, which this app cannot read.", file=f"{container}/{name}",
                       hint=hint)
    return Finding("info", "skipped_file", f"{name} in {container} was skipped: not a data file.",
                   file=f"{container}/{name}")


def read(src: Source) -> list[RawTable] | Finding:
    """Read one source into its tables (one per sheet), or a finding saying why not.

    The bytes decide how a file is read, not its name: systems save CSV as ``.xls``, and
    users rename a PDF to ``.xlsx``; either way the user hears what the file really is."""
    suffix = PurePosixPath(src.name).suffix.lower()
    if not src.content.strip():
        return Finding("error", "empty_file", f"{src.name} is empty.", file=src.name,
                       hint="Export the report again; the file has no rows.")
    actual = sniff(src.content)
    if actual in _NOT_READ_CONTENT:
        what, hint = _NOT_READ_CONTENT[actual]
        code = "unreadable_file" if actual in ("encrypted", "binary") else "unknown_format"
        return Finding("error", code, f"{src.name} {what}", file=src.name, hint=hint)
    expected = _FORMAT_OF.get(suffix)
    if expected is None and suffix in _NOT_READ:
        what, hint = _NOT_READ[suffix]
        return Finding("error", "unknown_format", f"{src.name} is {what}, which this app cannot "
                       "read.", file=src.name, hint=hint)
    try:
        if actual == "excel" or (actual == "ole" and expected == "excel"):
            tables = _read_excel(src)
        elif actual == "parquet":
            tables = [_read_parquet(src)]
        elif actual == "text" and expected == "text":
            tables = [_read_csv(src)]
        elif actual == "text" and expected is not None:
            tables = [_read_csv(src)]
            if not _looks_like_table(tables[0]):
                return Finding("error", "unreadable_file", f"{src.name} is named {suffix} but "
                               "holds plain text that is not a table.", file=src.name,
                               hint="Open it in Excel and save it again as .xlsx or CSV.")
        else:
            return Finding("error", "unknown_format",
                           f"{src.name} is not a CSV, Excel or Parquet file.", file=src.name,
                           hint="Save it as .csv, .xlsx or .parquet.")
    except Exception as exc:  # a broken file of any shape must become a finding
        return Finding("error", "unreadable_file",
                       f"{src.name} could not be read as {suffix.lstrip('.').upper() or 'data'}: "
                       f"{_short(exc)}.", file=src.name,
                       hint="Open it in Excel and save it again as .xlsx or CSV (UTF-8).")
    kind = {"excel": "an Excel workbook", "ole": "an Excel workbook", "parquet": "a Parquet file",
            "text": "a text (CSV) file"}[actual]
    if expected is not None and _FORMAT_OF.get(suffix) != actual and not (
            actual == "ole" and expected == "excel"):
        for table in tables:
            table.findings.append(Finding(
                "info", "format_from_content", f"{src.name} is named {suffix} but holds {kind}; "
                "it was read as what it holds.", file=src.name, sheet=table.sheet,
                hint="Rename it so that its name ends as its contents do."))
    return tables


# What each name ending promises; the bytes are checked against it.
_FORMAT_OF = {**dict.fromkeys(EXCEL, "excel"), ".parquet": "parquet", ".pq": "parquet",
              ".csv": "text", ".txt": "text", ".tsv": "text"}

_SAVE_AS = "Open it and save or export it as Excel (.xlsx) or CSV (UTF-8), then load that."
# Name endings of files people load by mistake: what they are, and what to do.
_NOT_READ = {
    ".numbers": ("an Apple Numbers spreadsheet",
                 "In Numbers choose File > Export To > Excel (or CSV), then load that file."),
    ".pdf": ("a PDF document", "Export the report from ESR or TRAC as Excel or CSV, not PDF."),
    ".doc": ("a Word document", _SAVE_AS), ".docx": ("a Word document", _SAVE_AS),
    ".htm": ("a web page", _SAVE_AS), ".html": ("a web page", _SAVE_AS),
}
# Contents this app recognises but cannot read, whatever the file is called.
_NOT_READ_CONTENT = {
    "encrypted": ("is protected with a password, so it cannot be read (workbooks are never "
                  "decrypted here).",
                  "Open it in Excel, remove the password (File > Info > Protect Workbook > "
                  "Encrypt with Password, clear the box), save, and load it again."),
    "pdf": ("is a PDF document, not a spreadsheet.", _NOT_READ[".pdf"][1]),
    "html": ("is a web page (HTML), not a spreadsheet, although some systems save reports "
             "this way.", _SAVE_AS),
    "numbers": ("is an Apple Numbers spreadsheet, which this app cannot read.",
                _NOT_READ[".numbers"][1]),
    "word": ("is a Word document, not a spreadsheet.", _SAVE_AS),
    "zip": ("is a ZIP archive, not a spreadsheet.", "Rename it to end in .zip, or unzip it and "
            "load the files inside."),
    "binary": ("is not a spreadsheet or text file this app knows.", _SAVE_AS),
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(content: bytes) -> str:
    """What the bytes are: excel, ole (an old binary workbook), encrypted, parquet, text, pdf,
    html, numbers, word, zip or binary.

    >>> sniff(b"Year,Ethnicity\\n2024,A\\n"), sniff(b"%PDF-1.7"), sniff(b"<html><table>")
    ('text', 'pdf', 'html')
    """
    head = content[:4096]
    if head.startswith(_OLE):
        # An encrypted .xlsx is a compound file holding a stream of this name (MS-OFFCRYPTO).
        return "encrypted" if "EncryptedPackage".encode("utf-16-le") in content else "ole"
    if head.startswith(b"PK"):
        return _sniff_zip(content)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"%PDF"):
        return "pdf"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or (
            start.startswith(b"<") and b"<table" in head.lower()):
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def _sniff_zip(content: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        # A truncated workbook still names its parts near the start.
        return "excel" if b"xl/" in content[:65536] else "zip"
    if any(n.startswith("xl/") for n in names) or "content.xml" in names:
        return "excel"
    if any(n.startswith("Index/") for n in names):
        return "numbers"
    if any(n.startswith("word/") for n in names):
        return "word"
    return "zip"


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


# --- CSV -------------------------------------------------------------------------------

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(content: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-16 with BOM (Excel's "Unicode Text"), UTF-8 (with
    or without BOM), else cp1252, else latin-1."""
    encodings = ("utf-16", "utf-8-sig", "cp1252") if content.startswith(_UTF16_BOMS) \
        else ("utf-8-sig", "cp1252")
    for enc in encodings:
        try:
            return content.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1"), "latin-1"


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        return max(counts, key=counts.get) if any(counts.values()) else ","


# How much of a file is decoded to find its encoding, separator and header row.
TOP_BYTES = 256 * 1024


def _read_csv(src: Source) -> RawTable:
    content = src.content
    if content.startswith(_UTF16_BOMS):
        # Rare and small (Excel's "Unicode Text"): re-encoded once so one parser reads all.
        content = decode(content)[0].encode("utf-8")
    elif b"\x00" in content[:4096]:
        raise ValueError("it looks like a binary file, not text")
    # The top decides the encoding, separator and header; the body is parsed from the bytes
    # (a national extract is never held as Python text, nor split into lines).
    enc = next(e for e in ("utf-8-sig", "cp1252", "latin-1") if _decodes(content, e))
    lines = content[:TOP_BYTES].decode(enc, errors="replace").splitlines()
    delim = _delimiter("\n".join(lines[:50]))
    # Title rows have fewer fields than the header, so parse the top by hand.
    top = list(csv.reader(lines[:HEADER_SCAN_ROWS], delimiter=delim))
    width = max((len(r) for r in top), default=0)
    head = pd.DataFrame([r + [""] * (width - len(r)) for r in top])
    header_idx = find_header_row(head)
    header = list(csv.reader(lines[header_idx:header_idx + 1], delimiter=delim))
    header = header[0] if header else []
    read = {"sep": delim, "header": None, "dtype": str, "keep_default_na": False,
            "na_values": [""], "skip_blank_lines": False, "encoding": enc,
            "encoding_errors": "replace", "skiprows": header_idx + 1,
            "names": range(max(len(header), 1))}
    expected = _record_lines(content, header_idx + 1)
    try:
        data = pd.read_csv(io.BytesIO(content), on_bad_lines="skip", engine="c", **read)
    except pd.errors.EmptyDataError:
        data = pd.DataFrame(columns=read["names"], dtype="str")
    bad: list[list[str]] = []
    if len(data) < expected:
        # Short of rows: rows with more fields than the header (found again, slowly, so that
        # the user hears about them) or quoted line breaks (then nothing is bad).
        del data
        data = pd.read_csv(io.BytesIO(content), engine="python",
                           on_bad_lines=lambda fields: bad.append(fields) and None, **read)
    table = _finish(src.name, "", header, data, header_idx)
    if bad:
        table.findings.append(Finding(
            "warning", "rows_with_extra_fields",
            f"{src.name}: {len(bad)} row(s) have more fields than the header and were left out "
            f"(the first begins '{delim.join(str(f) for f in bad[0][:3])}').", file=src.name,
            hint="Check for stray separators, or quote text that contains them."))
    return table


def _decodes(content: bytes, encoding: str) -> bool:
    """Whether the whole of ``content`` is text in ``encoding``, checked piece by piece."""
    decoder = codecs.getincrementaldecoder(encoding)()
    step = 16 * 1024 * 1024
    try:
        for at in range(0, len(content), step):
            decoder.decode(content[at:at + step], final=at + step >= len(content))
    except UnicodeDecodeError:
        return False
    return True


def _record_lines(content: bytes, skip: int) -> int:
    """Lines after the first ``skip``: the records a parser that keeps blank lines (so that
    row numbers stay those a spreadsheet shows) finds when no text is quoted across lines."""
    lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
    return max(lines - skip, 0)


def _looks_like_table(table: RawTable) -> bool:
    from wres_core.columns import header_score

    return header_score([str(c) for c in table.data.columns]) >= 2


# --- Excel -------------------------------------------------------------------------------

def _read_excel(src: Source) -> list[RawTable]:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(src.content))
    except Exception as exc:
        if src.content.startswith(_OLE) or isinstance(exc, python_calamine.PasswordError):
            raise ValueError("it is an old-style workbook that could not be opened; if it has "
                             "a password, remove it and save it as .xlsx") from exc
        raise
    tables, hidden = [], []
    for meta in book.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        if meta.visible != python_calamine.SheetVisibleEnum.Visible:
            hidden.append(meta.name)
            continue
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        width = max((len(r) for r in rows), default=0)
        raw = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in rows],
                           columns=range(width), dtype=object)
        text = raw.map(_cell_text) if len(raw) else raw
        del raw, rows
        header_idx = find_header_row(text.head(HEADER_SCAN_ROWS).fillna(""))
        header = text.iloc[header_idx].tolist() if len(text) else []
        tables.append(_finish(src.name, str(meta.name), header, text.iloc[header_idx + 1:],
                              header_idx))
    for name in hidden:
        note = Finding("info", "hidden_sheet_skipped",
                       f"{src.name}: the hidden sheet '{name}' was not read.", file=src.name,
                       sheet=name, hint="If it holds data to load, unhide it in Excel "
                       "(right-click a sheet tab > Unhide), save, and load the file again.")
        if tables:
            tables[0].findings.append(note)
        else:
            tables.append(RawTable(src.name, name, pd.DataFrame(), 1, [note]))
    return tables


def _cell_text(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return pd.NA
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        return value.isoformat()[:10] if getattr(value, "hour", 0) == 0 else value.isoformat()
    return str(value)


# --- Parquet -----------------------------------------------------------------------------

# A column whose sampled rows hold fewer distinct values than this share of them is kept
# dictionary-encoded (a ``category`` of text): codes, bands, departments, years, flags.
# Identifiers (person ids, vacancy ids) stay plain text.
FEW_DISTINCT = 0.5
DISTINCT_SAMPLE = 20_000


def _read_parquet(src: Source) -> RawTable:
    """Every column as text, as the other readers give it, but without spelling out each
    row: a column of few distinct values becomes a ``category`` whose categories are the
    text of those values (the readers downstream work on distinct values anyway)."""
    df = pd.read_parquet(io.BytesIO(src.content))
    out = pd.DataFrame({str(col): _parquet_text(df.iloc[:, i])
                        for i, col in enumerate(df.columns)})
    out.columns = [str(c) for c in df.columns]
    out.index = pd.RangeIndex(2, 2 + len(out))
    return RawTable(src.name, "", out, 2)


def _float_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _parquet_text(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.rename_categories([str(c) for c in s.cat.categories])
    if pd.api.types.is_bool_dtype(s):
        return _by_value(s, lambda u: u.map({True: "yes", False: "no"}))
    if pd.api.types.is_float_dtype(s):
        return _by_value(s, lambda u: u.map(_float_text))
    if pd.api.types.is_integer_dtype(s) or isinstance(s.dtype, pd.StringDtype):
        if _few_distinct(s):
            return _by_value(s, lambda u: u.astype("string"))
    return s.astype("string")


def _few_distinct(s: pd.Series) -> bool:
    step = max(1, len(s) // DISTINCT_SAMPLE)
    sample = s.iloc[::step]
    return sample.nunique() <= FEW_DISTINCT * len(sample)


def _by_value(s: pd.Series, text: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``text`` (values to their text) applied to the distinct values only, as a
    ``category``; the same text as applying it row by row."""
    by_offset = offset_codes(s.to_numpy()) if s.dtype.kind in "iu" else None
    codes, uniques = by_offset or pd.factorize(s, use_na_sentinel=True)
    words = pd.Series(text(pd.Series(uniques)).astype("string").array)
    # Two values may share a text (0.0 and -0.0 are both "0"): one category each.
    cats, inverse = np.unique(words.to_numpy(dtype=object), return_inverse=True)
    # One lookup per row, straight into the width of a category's codes; code -1 (a
    # missing value) picks the trailing -1.
    row = np.append(inverse.reshape(-1), -1).astype(code_width(len(cats)))[codes]
    dtype = pd.CategoricalDtype(pd.Index(cats, dtype="string"))
    return pd.Series(pd.Categorical.from_codes(row, dtype=dtype, validate=False), index=s.index)


# --- shared ------------------------------------------------------------------------------

def find_header_row(head: pd.DataFrame) -> int:
    """Index of the row, among the first rows, that names the most known columns."""
    from wres_core.columns import header_score

    best, best_score = 0, 0
    for i, row in enumerate(head.iloc[:HEADER_SCAN_ROWS].to_numpy(dtype=object)):
        cells = [str(v) for v in row if isinstance(v, str) and v.strip()]
        score = header_score(cells)
        if score > best_score:
            best, best_score = i, score
    return best


def _blank_to_na(col: pd.Series) -> pd.Series:
    s = col.astype("string").str.strip()
    return s.mask(s == "")


def _finish(file: str, sheet: str, header_cells: list, body: pd.DataFrame,
            header_idx: int) -> RawTable:
    """Name the columns from the header row, drop empty columns, rows, totals rows and the
    notes below the table. ``body`` (the data rows) is emptied column by column as it is
    read, so that a large file is not held twice."""
    findings: list[Finding] = []
    header = [("" if pd.isna(v) else str(v).strip()) for v in header_cells]
    header += [""] * (body.shape[1] - len(header))
    columns = [body.pop(c) for c in list(body.columns)]
    cleaned: dict[int, pd.Series] = {}
    for i in range(len(columns)):
        col, columns[i] = columns[i], None
        cleaned[i] = _blank_to_na(col).reset_index(drop=True)
        del col
    keep = [i for i in cleaned if header[i] or cleaned[i].notna().any()]
    dropped_cols = len(cleaned) - len(keep)
    names = _unique([header[i] or f"Column {i + 1}" for i in keep])
    first_row = header_idx + 2
    n = len(cleaned[keep[0]]) if keep else 0
    body = pd.DataFrame({name: cleaned.pop(i) for name, i in zip(names, keep, strict=True)},
                        index=pd.RangeIndex(n))
    body.index = pd.RangeIndex(first_row, first_row + n)
    if header_idx > 0:
        findings.append(Finding("info", "title_rows_skipped",
                                f"{_where(file, sheet)}: the header is on row {header_idx + 1}; "
                                f"the {header_idx} row(s) above it were skipped as titles.",
                                file=file, sheet=sheet, row=header_idx + 1))
    if dropped_cols:
        findings.append(Finding("info", "empty_columns_dropped",
                                f"{_where(file, sheet)}: {dropped_cols} empty column(s) without a "
                                f"header were ignored.", file=file, sheet=sheet))
    findings.extend(_duplicate_headers(file, sheet, header, keep, header_idx + 1))
    errors = _formula_errors(body)
    if errors is not None:
        where, n = errors
        findings.append(Finding(
            "warning", "formula_errors",
            f"{_where(file, sheet)}: {n} cell(s) hold Excel formula errors such as "
            f"'{body.at[where]}' (the first in row {where[0]}); they are read as blank.",
            file=file, sheet=sheet, row=int(where[0]), column=str(where[1]),
            hint="Fix the formula (often a VLOOKUP that found nothing) in the spreadsheet, or "
                 "paste the column as values, then load the file again."))
        body = body.mask(body.isin(_EXCEL_ERRORS))
    if body.empty:
        return RawTable(file, sheet, body, first_row, findings)
    empty = body.isna().all(axis=1)
    totals = _totals_rows(body)
    if totals.any():
        rows = [int(r) for r in body.index[totals]]
        findings.append(Finding("info", "total_rows_dropped",
                                f"{_where(file, sheet)}: {len(rows)} 'Total' row(s) were left out "
                                f"so nobody is counted twice.", file=file, sheet=sheet,
                                row=rows[0]))
    body = _drop_rows(body, (empty | totals).to_numpy())
    footer = _footer_rows(body)
    if footer.any():
        rows = [int(r) for r in body.index[footer]]
        findings.append(Finding(
            "info", "notes_below_table_dropped",
            f"{_where(file, sheet)}: {len(rows)} row(s) at the end hold a single note (such as "
            f"'{_first_text(body[footer].iloc[0])}') and were left out as not data.",
            file=file, sheet=sheet, row=rows[0]))
        body = _drop_rows(body, footer.to_numpy())
    return RawTable(file, sheet, body, first_row, findings)


def _drop_rows(body: pd.DataFrame, drop: np.ndarray) -> pd.DataFrame:
    """``body`` without the ``drop`` rows; rows dropped only from the end (a totals row, notes
    below the table) are cut off without copying the rest."""
    if not drop.any():
        return body
    kept = np.flatnonzero(~drop)
    if len(kept) == 0 or kept[-1] == len(kept) - 1:
        return body.iloc[:len(kept)]
    return body[~drop]


# A cell that says its row is a total of the rows above (compared case-folded, without a
# trailing colon).
_TOTAL_WORDS = {"total", "grand total", "totals", "overall total", "sum", "trust total",
                "total headcount", "subtotal", "sub total", "sub-total", "report total"}


def _totals_rows(body: pd.DataFrame) -> pd.Series:
    """Rows whose label says they total the rows above: in one of the first three columns,
    or in the first filled cell of the row (pivot exports indent their totals)."""
    mask = pd.Series(False, index=body.index)
    first = body.iloc[:, 0]
    for col in body.columns[1:]:
        first = first.fillna(body[col]) if first.isna().any() else first
    for s in (*(body[c] for c in body.columns[:3]), first):
        # lower, not casefold: the words are ASCII, and lower runs in Arrow (casefold in Python).
        words = s.astype("string").str.strip().str.lower().str.rstrip(":")
        mask |= words.isin(_TOTAL_WORDS).fillna(False).to_numpy()
    return mask


_EXCEL_ERRORS = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                 "#SPILL!", "#CALC!", "#N/A N/A"]


def _formula_errors(body: pd.DataFrame) -> tuple[tuple[int, str], int] | None:
    """The first cell (row, column) holding an Excel error value, and how many do."""
    first, n = None, 0
    for c in body.columns:
        hit = body[c].isin(_EXCEL_ERRORS).to_numpy()
        if hit.any():
            n += int(hit.sum())
            row = int(body.index[hit.argmax()])
            first = (row, c) if first is None or row < first[0] else first
    return (first, n) if first is not None else None


def _footer_rows(body: pd.DataFrame) -> pd.Series:
    """The run of rows at the very end with one filled cell ("Report run by ...", "Data as at
    31/03/2024") in a table of three or more columns: notes, not people."""
    mask = pd.Series(False, index=body.index)
    if body.shape[1] < 3 or len(body) < 2:
        return mask
    filled = body.notna().sum(axis=1).to_numpy()
    end = len(filled)
    while end > 1 and filled[end - 1] <= 1:
        end -= 1
    # Only a short tail counts; a table of single values is data, not notes.
    if 0 < len(filled) - end <= 10:
        mask.iloc[end:] = True
    return mask


def _first_text(row: pd.Series) -> str:
    text = str(row.dropna().iloc[0]) if row.notna().any() else ""
    return text[:60]


def _duplicate_headers(file: str, sheet: str, header: list[str], keep: list[int],
                       row: int) -> list[Finding]:
    """Two columns with one known header: only the first is used, so say which."""
    from wres_core.columns import canonical, key

    seen: dict[str, int] = {}
    out = []
    for i in keep:
        name = header[i]
        if not name or canonical(name) is None:
            continue
        k = key(name)
        if k in seen:
            out.append(Finding(
                "warning", "duplicate_header",
                f"{_where(file, sheet)}: columns {_letter(seen[k])} and {_letter(i)} are both "
                f"headed '{name}'; the first was used and the other ignored.", file=file,
                sheet=sheet, row=row, column=name,
                hint="Delete or rename the extra column so that one column holds the data."))
        else:
            seen[k] = i
    return out


def _letter(i: int) -> str:
    """A 0-based column position as a spreadsheet names it (0 -> A, 27 -> AB)."""
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n} ({seen[n]})")
        else:
            seen[n] = 1
            out.append(n)
    return out


def _where(file: str, sheet: str) -> str:
    return f"{file}, sheet '{sheet}'" if sheet else file
