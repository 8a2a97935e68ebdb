"""Hostile and random input: no bytes, sheet or cell makes loading or ``wres check`` raise,
and figures computed end to end (files -> loader -> Engine) keep their invariants.

tests/test_cli.py already throws short random bytes and random CSV cells at ``wres check``;
the indicator modules' tests check order, counts and White/BME swaps on tidy frames. Here:
damaged real files (workbooks, Parquet, ZIPs cut or overwritten), workbooks and Parquet files
with random headers from the alias vocabulary and hostile values, and the invariants through
the loader and the Engine. Deterministic (``derandomize``) so CI never flakes.
"""

from __future__ import annotations

import io
import math
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from wres_core.api import Engine, Query
from wres_core.cli import main
from wres_core.columns import ALIASES
from wres_core.loader import load

from conftest import WORKFORCE_CSV, csv_bytes, xlsx_bytes

FUZZ = settings(derandomize=True, deadline=None, max_examples=40, database=None,
                suppress_health_check=[HealthCheck.too_slow])
CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


def _loads_quietly(name: str, content: bytes) -> None:
    """Loading never raises, and every finding is well formed."""
    data = load([(name, content)])
    for f in data.findings:
        assert f.message and f.level in ("error", "warning", "info")
    for frame in data.frames.values():
        assert frame["count"].ge(0).all()


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf)
    return buf.getvalue()


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("in/workforce_2024.csv", WORKFORCE_CSV)
        z.writestr("in/board.csv", "Year,Ethnicity,Voting,Executive\n2024,A,Y,Y\n")
    return buf.getvalue()


GOOD = {
    "workforce_2024.xlsx": xlsx_bytes({"Workforce": pd.read_csv(io.StringIO(WORKFORCE_CSV),
                                                               dtype=str)}, title_rows=2),
    "workforce_2024.parquet": _parquet_bytes(pd.read_csv(io.StringIO(WORKFORCE_CSV),
                                                         dtype=str)),
    "bundle.zip": _zip_bytes(),
    "workforce_2024.csv": csv_bytes(WORKFORCE_CSV),
    "old_format_workforce_2024.xls": (CORPUS / "old_format_workforce_2024.xls").read_bytes(),
    "old_format_workforce_2024.ods": (CORPUS / "old_format_workforce_2024.ods").read_bytes(),
}


@st.composite
def damaged(draw):
    """A good file cut short, or with some of its bytes overwritten, under its own name or
    another format's."""
    name = draw(st.sampled_from(sorted(GOOD)))
    content = bytearray(GOOD[name])
    if draw(st.booleans()):
        content = content[: draw(st.integers(0, len(content)))]
    for _ in range(draw(st.integers(0, 6))):
        if content:
            at = draw(st.integers(0, len(content) - 1))
            content[at:at + 4] = draw(st.binary(min_size=1, max_size=4))
    suffix = draw(st.sampled_from(["", ".csv", ".xlsx", ".parquet", ".zip", ".xls"]))
    return name + suffix, bytes(content)


@FUZZ
@given(damaged())
def test_damaged_files_never_raise(item):
    _loads_quietly(*item)


@FUZZ
@given(st.binary(max_size=2000),
       st.sampled_from(["w.csv", "w.xlsx", "w.parquet", "w.zip", "w.xls", "w.ods", "w.tsv"]),
       st.sampled_from([b"", b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                        b"\xff\xfe", b"\xef\xbb\xbf", b"%PDF", b"<html>"]))
def test_bytes_behind_any_magic_number_never_raise(content, name, magic):
    # Random bytes after each format's signature reach past the first check of every reader.
    _loads_quietly(name, magic + content)


# --- random tables ------------------------------------------------------------------------

HEADERS = sorted({alias for aliases in ALIASES.values() for alias in aliases}
                 | {"q14a", "q14b", "q14c", "q15", "q16b", "Org L5", "Org L4", ""})
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=15)
CELLS = st.one_of(
    st.none(), st.just(math.nan), st.just(math.inf), _text,
    st.integers(-(2**62), 2**62), st.floats(allow_nan=True, allow_infinity=False),
    st.sampled_from(["=1/0", "=SUM(A1:A9)", "+44 7700", "-", "@user", "#N/A", "Total",
                     "Grand Total", "2023/24", "FY2024", "45382", "Band 8 - Range A", "Z",
                     "A White - British", "Yes", "n", "Consultant", "0", "1e308", "٣"]),
    st.dates(pd.Timestamp("1900-03-01").date(), pd.Timestamp("2100-01-01").date()),
    st.booleans(),
)
SHEET_NAMES = st.sampled_from(["Workforce", "Recruitment", "Board", "Staff Survey 2023",
                               "Training", "Disciplinary", "Survey summary", "Mapping",
                               "Sheet1", "Sheet2"])


@st.composite
def tables(draw):
    width = draw(st.integers(1, 7))
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), max_size=8))
    title_rows = draw(st.integers(0, 3))
    return headers, rows, title_rows


def _workbook(sheets) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (headers, rows, title_rows) in sheets.items():
        ws = wb.create_sheet(name)
        for _ in range(title_rows):
            ws.append(["Report title"])
        ws.append(headers)
        for row in rows:
            ws.append([None if isinstance(v, float) and math.isinf(v) else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@FUZZ
@given(st.dictionaries(SHEET_NAMES, tables(), min_size=1, max_size=3))
def test_workbooks_of_random_headers_and_cells_never_raise(sheets):
    _loads_quietly("wres_2024.xlsx", _workbook(sheets))


@FUZZ
@given(tables(), st.sampled_from(["workforce_2024", "recruitment", "board", "data_2024"]),
       st.sampled_from([",", ";", "\t"]))
def test_csv_of_random_headers_and_cells_never_raise(table, stem, sep):
    headers, rows, title_rows = table
    lines = ["Report title"] * title_rows + [sep.join(headers)]
    lines += [sep.join("" if v is None else str(v) for v in row) for row in rows]
    _loads_quietly(f"{stem}.csv", "\n".join(lines).encode("utf-8"))


@FUZZ
@given(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6, unique=True), st.data())
def test_parquet_of_random_headers_and_typed_columns_never_raise(headers, data):
    n = data.draw(st.integers(0, 6))
    kinds = {
        "text": st.one_of(st.none(), _text),
        "int": st.integers(-(2**62), 2**62),
        "float": st.floats(allow_nan=True, allow_infinity=True),
        "bool": st.booleans(),
    }
    frame = pd.DataFrame(index=range(n))
    for h in headers:
        kind = data.draw(st.sampled_from(sorted(kinds)))
        frame[h or "blank"] = data.draw(st.lists(kinds[kind], min_size=n, max_size=n))
    _loads_quietly("workforce_2024.parquet", _parquet_bytes(frame))


@settings(derandomize=True, deadline=None, max_examples=15, database=None)
@given(damaged())
def test_wres_check_never_raises_on_damaged_files(item):
    name, content = item
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        assert main(["check", str(path)]) in (0, 1)


# --- invariants through the loader and the Engine -----------------------------------------

ETHNIC = ["A", "B", "C", "D", "H", "J", "K", "M", "N", "P", "R", "S", "Z"]
BANDS = ["Band 2", "Band 5", "Band 6", "Band 8a", "Consultant"]
STAFF_GROUPS = ["Estates and Ancillary", "Nursing and Midwifery Registered",
                "Medical and Dental"]
person = st.tuples(st.sampled_from(ETHNIC), st.sampled_from(BANDS),
                   st.sampled_from(STAFF_GROUPS), st.sampled_from(["Ward 1", "Ward 2"]),
                   st.booleans(), st.booleans(), st.booleans())


def _files(people, years=(2023, 2024)):
    """Workforce, recruitment, training and board files (CSV) for the same people."""
    files = []
    for year in years:
        wf = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Department"]
        wf += [f"{i},{e},{b},{g},{d}" for i, (e, b, g, d, *_) in enumerate(people)]
        files.append((f"workforce_{year}.csv", "\n".join(wf).encode()))
    rec = ["Year,Ethnicity,Shortlisted,Appointed,Department"]
    rec += [f"{y},{e},Y,{'Y' if a else 'N'},{d}" for y in years
            for (e, _, _, d, a, _, _) in people]
    files.append(("recruitment.csv", "\n".join(rec).encode()))
    tr = ["Year,Employee Number,Course"]
    tr += [f"{y},{i},CPD" for y in years for i, p in enumerate(people) if p[5]]
    files.append(("training.csv", "\n".join(tr).encode()))
    board = ["Year,Ethnicity,Voting,Executive"]
    board += [f"{y},{e},{'Y' if v else 'N'},Y" for y in years for (e, *_, v) in people]
    files.append(("board.csv", "\n".join(board).encode()))
    return files


def _results(files, **query) -> pd.DataFrame:
    res = Engine(load(files)).results(Query(suppress=0, **query))
    keys = ["year", "indicator", "measure", "group", "dimension", "level"]
    return res.sort_values(keys).reset_index(drop=True)


# Each example loads several files and computes every indicator: few examples, and no
# shrinking (which could take minutes); a failure shows the example as drawn.
INVARIANTS = settings(derandomize=True, deadline=None, max_examples=12, database=None,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=[HealthCheck.too_slow])


@settings(INVARIANTS, max_examples=6)
@given(st.lists(person, min_size=2, max_size=20), st.randoms(use_true_random=False),
       st.sampled_from(["wres", "broad"]))
def test_row_order_in_the_files_never_changes_a_figure(people, rnd, groups):
    shuffled = list(people)
    rnd.shuffle(shuffled)
    # Person ids follow the rows, so shuffling people keeps each person's own records.
    a = _results(_files(people), groups=groups, by="department")
    b = _results(_files(shuffled), groups=groups, by="department")
    pd.testing.assert_frame_equal(a, b)


@INVARIANTS
@given(st.lists(person, min_size=1, max_size=20))
def test_shares_from_loaded_files_add_to_100(people):
    res = _results(_files(people), by="department")
    shares = res[(res.indicator == 1) & (res.measure == "share")]
    totals = shares.groupby(["year", "dimension", "level"])["value"].sum()
    assert ((totals - 100).abs() < 1e-9).all()
    board = res[(res.indicator == 9) & (res.measure == "board_share")
                & (res.group.isin(["White", "BME", "Unknown"]))]
    sums = board.groupby(["year", "level"])["value"].sum()
    assert ((sums - 100).abs() < 1e-9).all()


@INVARIANTS
@given(st.lists(st.tuples(st.sampled_from(ETHNIC), st.sampled_from(["Band 5", "Band 6"]),
                          st.integers(1, 40)), min_size=1, max_size=12))
def test_a_count_column_gives_the_figures_of_one_row_per_person(groups):
    counted = ["Year,Ethnicity,Pay Band,Staff Group,Headcount"]
    counted += [f"2024,{e},{b},Estates and Ancillary,{n}" for e, b, n in groups]
    rows = ["Year,Ethnicity,Pay Band,Staff Group"]
    rows += [f"2024,{e},{b},Estates and Ancillary" for e, b, n in groups for _ in range(n)]
    pd.testing.assert_frame_equal(
        _results([("workforce.csv", "\n".join(counted).encode())], groups="category"),
        _results([("workforce.csv", "\n".join(rows).encode())], groups="category"))


SURVEY_ITEMS = st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5),
                         st.sampled_from([1, 2, 9]), st.sampled_from([1, 2]))


@INVARIANTS
@given(st.lists(st.tuples(st.booleans(), SURVEY_ITEMS), min_size=2, max_size=30))
def test_swapping_white_and_bme_respondents_negates_every_survey_gap(answers):
    def survey(white_code: str, bme_code: str) -> list[tuple[str, bytes]]:
        lines = ["Ethnicity,q14a,q14b,q14c,q15,q16b"]
        lines += [",".join([white_code if white else bme_code, *map(str, items)])
                  for white, items in answers]
        return [("staff_survey_2023.csv", "\n".join(lines).encode())]

    def gaps(res):
        gap = res[res.measure == "gap"].set_index("indicator")["value"]
        return gap.astype("Float64")

    before = gaps(_results(survey("White - British", "Black or Black British - African")))
    after = gaps(_results(survey("Black or Black British - African", "White - British")))
    assert sorted(before.index) == [5, 6, 7, 8]
    pd.testing.assert_series_equal(after, -before, check_names=False)
