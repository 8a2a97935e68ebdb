"""The corpus of real-world file shapes (tests/data/corpus/cases.toml): each case gives what
the manifest says, tells the user plainly, and never stops a good file loaded beside it.
Also a 200 MB workforce file, made at test time, loaded in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from wres_core.api import Engine, Query
from wres_core.cli import main
from wres_core.loader import load

from conftest import ROOT, WORKFORCE_CSV, csv_bytes

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
# A good file every bad case is loaded beside; its year is one no case uses.
CONTROL = ("control/workforce_2031.csv", csv_bytes(WORKFORCE_CSV))
CONTROL_YEAR = 2031


def _paths(case: dict) -> list[Path]:
    return [CORPUS / f for f in case["files"]]


def _has(findings, want: dict):
    """The findings matching every key the manifest gives for one expected finding."""
    hits = [f for f in findings if f.code == want["code"] and f.level == want["level"]]
    if "row" in want:
        hits = [f for f in hits if f.row == want["row"]]
    if "column" in want:
        hits = [f for f in hits if f.column == want["column"]]
    if "text" in want:
        hits = [f for f in hits if want["text"] in f.message]
    return hits


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_gives_what_the_manifest_says(case):
    data = load(_paths(case))
    shown = [(f.level, f.code, f.row, f.column, f.message) for f in data.findings]
    for want in case.get("findings", []):
        assert _has(data.findings, want), f"expected {want}, got {shown}"
    if not any(w["level"] == "error" for w in case.get("findings", [])):
        assert not [f for f in data.findings if f.level == "error"], shown
    # Every finding is something a person can act on: it names the file (or is about the
    # data as a whole) and a warning or error says how to fix it.
    for f in data.findings:
        assert f.message.strip()
        if f.level != "info":
            assert f.hint.strip(), f"{f.code} has no hint"
        if f.file:
            assert Path(f.file.split("!")[0].split("/")[0]).name in f.message \
                or f.file.split("/")[0] in f.message, f
    if "kind" not in case:
        assert not data.frames, f"{case['id']} gave {list(data.frames)}"
        return
    frame = data.frames[case["kind"]]
    assert len(frame) == case["rows"]
    if "count" in case:
        assert int(frame["count"].sum()) == case["count"]
    if "years" in case:
        assert sorted(set(frame["year"])) == case["years"]
    if "orgs" in case:
        assert data.orgs == case["orgs"]
    if "wres" in case:
        people = frame.groupby("wres_group", observed=True)["count"].sum()
        assert {str(k): int(v) for k, v in people.items() if v} == case["wres"]
    for column, expected in case.get("values", {}).items():
        got = frame[column].tolist()
        assert [str(v) if isinstance(v, str) else v for v in got] == expected, column


def _indicator_1(data, year: int) -> pd.DataFrame:
    res = Engine(data).results(Query(years=(year,), suppress=0))
    return res[res["indicator"] == 1].reset_index(drop=True)


CONTROL_RESULT = None


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_never_blocks_a_good_file(case):
    global CONTROL_RESULT
    if CONTROL_RESULT is None:
        CONTROL_RESULT = _indicator_1(load([CONTROL]), CONTROL_YEAR)
    data = load([*_paths(case), CONTROL])
    wf = data.frames["workforce"]
    mine = wf[wf["source_file"].astype(str) == CONTROL[0]]
    assert len(mine) == 5
    assert not [f for f in data.findings if f.level == "error" and f.file == CONTROL[0]]
    pd.testing.assert_frame_equal(_indicator_1(data, CONTROL_YEAR), CONTROL_RESULT)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_wres_check_reports_the_case(case, capsys):
    code = main(["check", *map(str, _paths(case))])
    out = capsys.readouterr().out
    has_error = any(w["level"] == "error" for w in case.get("findings", []))
    assert code == (1 if has_error else 0)
    for want in case.get("findings", []):
        assert f"[{want['code']}]" in out


def test_corpus_is_large_enough_and_every_file_has_a_case():
    assert len(CASES) >= 30
    assert len({c["id"] for c in CASES}) == len(CASES)
    used = {p.resolve() for c in CASES for p in _paths(c)}
    for path in CORPUS.rglob("*"):
        if path.is_file() and path.name not in ("cases.toml", "make.py"):
            assert path.resolve() in used or path.parent.resolve() in used, path
    for c in CASES:
        assert c["why"].strip()
        for p in _paths(c):
            assert p.exists(), p


# --- a 200 MB workforce file --------------------------------------------------------------

BIG_MB = 200
# The child process's peak resident memory may not pass this: about 8 times the file, which
# leaves room for the bytes, the table of text and the tidy frame, but not for copies of them.
BIG_PEAK_LIMIT_MB = 1700
BIG_ETHNICITY = ["A White - British", "N Black or Black British - African",
                 "H Asian or Asian British - Indian", "Z Not Stated",
                 "C White - Any other White background", "R Chinese"]
BIG_GROUP = ["White", "BME", "BME", "Unknown", "White", "BME"]


@pytest.fixture(scope="session")
def big_workforce(tmp_path_factory):
    """A 200 MB ESR-style workforce CSV with title rows and a Grand Total row, and the
    number of people in each WRES group it holds."""
    import numpy as np

    rng = np.random.default_rng(2024)
    bands = ["Band 2", "Band 3", "Band 5", "Band 6", "Band 7", "Band 8 - Range A"]
    groups = ["Nursing and Midwifery Registered", "Administrative and Clerical",
              "Allied Health Professionals", "Estates and Ancillary"]
    depts = [f"{900 + i} Department {i} L5" for i in range(40)]
    path = tmp_path_factory.mktemp("big") / "workforce_2024.csv"
    people = np.zeros(len(BIG_ETHNICITY), dtype=np.int64)
    size, n, block = 0, 0, 100_000
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("ESR Business Intelligence\nStaff in Post\n\n")
        f.write("Employee Number,Ethnic Origin,Pay Band,Staff Group,Org L5,Occupation Code,"
                "Assignment Category,Contracted WTE,Gender,Primary Assignment\n")
        while size < BIG_MB * 1024**2:
            e, b = rng.integers(0, 6, block), rng.integers(0, 6, block)
            s, d = rng.integers(0, 4, block), rng.integers(0, 40, block)
            people += np.bincount(e, minlength=len(BIG_ETHNICITY))
            chunk = "".join(
                f"{20000000 + n + i},{BIG_ETHNICITY[e[i]]},{bands[b[i]]},{groups[s[i]]},"
                f"{depts[d[i]]},N2C Staff Nurse,Permanent,1.00,Female,Y\n" for i in range(block))
            f.write(chunk)
            size += len(chunk)
            n += block
        f.write(f"Grand Total,{n},,,,,,,,\n")
    expected = {"White": 0, "BME": 0, "Unknown": 0}
    for group, k in zip(BIG_GROUP, people.tolist(), strict=True):
        expected[group] += k
    return path, n, expected


CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from wres_core.loader import load
data = load([sys.argv[1]])
wf = data.frames["workforce"]
print(json.dumps({
    "rows": len(wf), "seconds": time.perf_counter() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "groups": {str(k): int(v) for k, v in wf.groupby("wres_group", observed=True)["count"]
               .sum().items()},
    "years": sorted(int(y) for y in wf["year"].unique()),
    "codes": sorted({f.code for f in data.findings}),
    "errors": [f.message for f in data.findings if f.level == "error"],
}))
"""


def test_200_mb_workforce_file_loads_in_bounded_memory(big_workforce):
    path, n, expected = big_workforce
    assert path.stat().st_size >= BIG_MB * 1024**2
    # A fresh process, so that its peak memory is the load's alone.
    run = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                         text=True, cwd=ROOT, timeout=300, check=True)
    got = json.loads(run.stdout)
    print(f"200 MB workforce file: {got['rows']:,} rows in {got['seconds']:.1f} s, "
          f"peak {got['peak_mb']:.0f} MB")
    assert got["rows"] == n
    assert got["groups"] == {k: v for k, v in expected.items() if v}
    assert got["years"] == [2024]
    assert not got["errors"]
    assert {"title_rows_skipped", "total_rows_dropped"} <= set(got["codes"])
    assert got["peak_mb"] < BIG_PEAK_LIMIT_MB
