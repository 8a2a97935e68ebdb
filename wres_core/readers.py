"""Bytes to raw tables: CSV (any of the encodings Excel writes), Excel workbooks, Parquet,
folders and ZIP archives. Every cell comes back as text; meaning is given later.

Nothing here raises on bad input: a file that cannot be read becomes a finding.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from wres_core.findings import Finding

TABULAR = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet", ".pq")
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
                    if child.name.startswith((".", "~$")) or child.suffix.lower() not in (
                        TABULAR + ARCHIVES
                    ):
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
                findings.append(Finding("info", "skipped_file",
                                        f"{inner} in {src.name} was skipped: not a data file.",
                                        file=f"{src.name}/{inner}"))
                continue
            yield from _expand(Source(f"{src.name}/{inner}", archive.read(m)), findings)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
        findings.append(Finding(
            "error", "unreadable_file", f"{src.name} is not a ZIP archive that can be opened "
            f"({exc}).", file=src.name,
            hint="Re-create the ZIP without a password, or load the files themselves."))


def read(src: Source) -> list[RawTable] | Finding:
    """Read one source into its tables (one per sheet), or a finding saying why not."""
    suffix = PurePosixPath(src.name).suffix.lower()
    if not src.content.strip():
        return Finding("error", "empty_file", f"{src.name} is empty.", file=src.name,
                       hint="Export the report again; the file has no rows.")
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_excel(src)
        if suffix in (".parquet", ".pq"):
            return [_read_parquet(src)]
        if suffix in (".csv", ".txt", ".tsv"):
            return [_read_csv(src)]
    except Exception as exc:  # a broken file of any shape must become a finding
        return Finding("error", "unreadable_file",
                       f"{src.name} could not be read as {suffix.lstrip('.').upper()}: "
                       f"{_short(exc)}.", file=src.name,
                       hint="Open it in Excel and save it again as .xlsx or CSV (UTF-8).")
    return Finding("error", "unknown_format", f"{src.name} is not a CSV, Excel or Parquet file.",
                   file=src.name, hint="Save it as .csv, .xlsx or .parquet.")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


# --- CSV -------------------------------------------------------------------------------

def decode(content: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM), else cp1252, else latin-1."""
    for enc in ("utf-8-sig", "cp1252"):
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


def _read_csv(src: Source) -> RawTable:
    if b"\x00" in src.content[:4096]:
        raise ValueError("it looks like a binary file, not text")
    text, _ = decode(src.content)
    lines = text[:200_000].splitlines()
    delim = _delimiter("\n".join(lines[:50]))
    # Title rows have fewer fields than the header, so parse the top by hand.
    top = list(csv.reader(lines[:HEADER_SCAN_ROWS], delimiter=delim))
    width = max((len(r) for r in top), default=0)
    head = pd.DataFrame([r + [""] * (width - len(r)) for r in top])
    header_idx = find_header_row(head)
    body_lines = text.splitlines()[header_idx:]
    read = {"sep": delim, "header": None, "dtype": str, "keep_default_na": False,
            "skip_blank_lines": True}
    data = pd.read_csv(io.StringIO(text), skiprows=header_idx, on_bad_lines="skip",
                       engine="c", low_memory=False, **read)
    expected = sum(1 for line in body_lines if line.strip())
    bad: list[list[str]] = []
    if len(data) < expected:
        # Rows with more fields than the header: find them so the user hears about them.
        data = pd.read_csv(io.StringIO(text), skiprows=header_idx, engine="python",
                           on_bad_lines=lambda fields: bad.append(fields) and None, **read)
    table = _finish(src.name, "", data, header_idx)
    if bad:
        table.findings.append(Finding(
            "warning", "rows_with_extra_fields",
            f"{src.name}: {len(bad)} row(s) have more fields than the header and were left out "
            f"(the first begins '{delim.join(bad[0][:3])}').", file=src.name,
            hint="Check for stray separators, or quote text that contains them."))
    return table


# --- Excel -------------------------------------------------------------------------------

def _read_excel(src: Source) -> list[RawTable]:
    if src.content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValueError("it is password-protected or an old .xls workbook")
    book = pd.read_excel(io.BytesIO(src.content), sheet_name=None, header=None, dtype=object,
                         engine="calamine")
    tables = []
    for sheet, raw in book.items():
        text = raw.map(_cell_text) if len(raw) else raw
        header_idx = find_header_row(text.head(HEADER_SCAN_ROWS).fillna(""))
        tables.append(_finish(src.name, str(sheet), text.iloc[header_idx:], header_idx))
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
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    words = pd.Series(text(pd.Series(uniques)).astype("string").array)
    # Two values may share a text (0.0 and -0.0 are both "0"): one category each.
    cats, inverse = np.unique(words.to_numpy(dtype=object), return_inverse=True)
    row = np.where(codes >= 0, inverse.reshape(-1)[codes], -1)
    return pd.Series(pd.Categorical.from_codes(row, categories=pd.Index(cats, dtype="string")),
                     index=s.index)


# --- shared ------------------------------------------------------------------------------

def find_header_row(head: pd.DataFrame) -> int:
    """Index of the row, among the first rows, that names the most known columns."""
    from wres_core.columns import header_score

    best, best_score = 0, 0
    for i in range(min(len(head), HEADER_SCAN_ROWS)):
        cells = [str(v) for v in head.iloc[i].tolist() if isinstance(v, str) and v.strip()]
        score = header_score(cells)
        if score > best_score:
            best, best_score = i, score
    return best


def _blank_to_na(col: pd.Series) -> pd.Series:
    s = col.astype("string").str.strip()
    return s.mask(s == "")


def _finish(file: str, sheet: str, data: pd.DataFrame, header_idx: int) -> RawTable:
    """Name the columns from the header row, drop empty columns, rows and totals rows."""
    findings: list[Finding] = []
    if data.empty:
        return RawTable(file, sheet, pd.DataFrame(), header_idx + 2, findings)
    header = [("" if pd.isna(v) else str(v).strip()) for v in data.iloc[0].tolist()]
    body = data.iloc[1:].reset_index(drop=True)
    body = pd.DataFrame({i: _blank_to_na(body.iloc[:, i]) for i in range(body.shape[1])})
    keep = [i for i, name in enumerate(header) if name or body.iloc[:, i].notna().any()]
    dropped_cols = len(header) - len(keep)
    body = body.iloc[:, keep]
    names = _unique([header[i] or f"Column {i + 1}" for i in keep])
    body.columns = names
    if header_idx > 0:
        findings.append(Finding("info", "title_rows_skipped",
                                f"{_where(file, sheet)}: the header is on row {header_idx + 1}; "
                                f"the {header_idx} row(s) above it were skipped as titles.",
                                file=file, sheet=sheet, row=header_idx + 1))
    if dropped_cols:
        findings.append(Finding("info", "empty_columns_dropped",
                                f"{_where(file, sheet)}: {dropped_cols} empty column(s) without a "
                                f"header were ignored.", file=file, sheet=sheet))
    first_row = header_idx + 2
    row_numbers = pd.RangeIndex(first_row, first_row + len(body))
    body.index = row_numbers
    empty = body.isna().all(axis=1)
    totals = _totals_rows(body)
    if totals.any():
        rows = [int(r) for r in body.index[totals]]
        findings.append(Finding("info", "total_rows_dropped",
                                f"{_where(file, sheet)}: {len(rows)} 'Total' row(s) were left out "
                                f"so nobody is counted twice.", file=file, sheet=sheet,
                                row=rows[0]))
    body = body[~(empty | totals)]
    return RawTable(file, sheet, body, first_row, findings)


def _totals_rows(body: pd.DataFrame) -> pd.Series:
    mask = pd.Series(False, index=body.index)
    for col in body.columns[:3]:
        s = body[col].astype("string").str.strip().str.casefold()
        mask |= s.isin(["total", "grand total", "totals", "overall total", "sum"]).fillna(False)
    return mask


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
