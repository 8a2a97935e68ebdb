"""The loader's fast paths on person ids (numbered once for every kind, duplicates found by
sorting integer keys, the link by binary search) against plain pandas, at small scale, with
ids written as ESR numbers and as pseudonymised text: the same people must give the same
frames, findings and figures whichever way their ids are written."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wres_core.api import Engine, Query
from wres_core.loader import PERSON_KEY, load

ETHNICITY = ["A White - British", "N Black or Black British - African",
             "H Asian or Asian British - Indian", "Z Not Stated"]
ORGS = ["RX1", "RX2"]
YEARS = [2024, 2025]
PEOPLE = 12  # few people, so that repeats and matches are common

person = st.one_of(st.none(), st.integers(1, PEOPLE))
workforce_rows = st.lists(st.tuples(st.sampled_from(ORGS), st.sampled_from(YEARS), person,
                                    st.sampled_from(ETHNICITY),
                                    st.sampled_from(["Band 5", "Band 6"]),
                                    st.sampled_from(["Cardiology", "Radiology"])),
                          min_size=1, max_size=40)
# Events of people in the workforce and of others (leavers, wrong ids), in years with and
# without a snapshot.
event_rows = st.lists(st.tuples(st.sampled_from([*ORGS, "RX9"]),
                                st.sampled_from([*YEARS, 2026]),
                                st.one_of(person, st.integers(PEOPLE + 1, PEOPLE + 3)),
                                st.sampled_from([*ETHNICITY, ""])),
                      max_size=25)


def _id(number: int | None, style: str) -> str:
    if number is None:
        return ""
    return str(10_000_000 + number) if style == "numeric" else f"P{10_000_000 + number:x}"


def _files(wf, training, cases, style: str) -> list[tuple[str, bytes]]:
    out = []
    for year in YEARS:
        rows = [r for r in wf if r[1] == year]
        lines = ["Organisation Code,Employee Number,Ethnic Origin,Pay Band,Staff Group,Department"]
        lines += [f"{o},{_id(p, style)},{e},{b},Estates and Ancillary,{d}"
                  for o, _, p, e, b, d in rows]
        out.append((f"workforce_{year}.csv", "\n".join(lines).encode()))
    for name, rows, extra in (("training", training, ""), ("disciplinary", cases, ",Case Type")):
        lines = [f"Organisation Code,Year,Employee Number,Ethnic Origin{extra}"]
        lines += [f"{o},{y},{_id(p, style)},{e}{',Disciplinary' if extra else ''}"
                  for o, y, p, e in rows]
        out.append((f"{name}.csv", "\n".join(lines).encode()))
    return out


def _as_numbers(ids: pd.Series) -> pd.Series:
    """Text ids (``P`` and the number in hex) read back as the numeric ids' text."""
    return ids.map(lambda v: v if pd.isna(v) else str(int(v[1:], 16)), na_action="ignore")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workforce_rows, event_rows, event_rows)
def test_text_and_numeric_ids_give_the_same_data_and_figures(wf, training, cases):
    numeric = load(_files(wf, training, cases, "numeric"))
    text = load(_files(wf, training, cases, "text"))
    for kind, frame in numeric.frames.items():
        other = text.frames[kind].copy()
        if "person_id" in other.columns:
            other["person_id"] = _as_numbers(other["person_id"]).astype(frame["person_id"].dtype)
        pd.testing.assert_frame_equal(frame.drop(columns="source_file"),
                                      other.drop(columns="source_file"), check_categorical=False)
    assert ([(f.code, f.row) for f in numeric.findings]
            == [(f.code, f.row) for f in text.findings])
    query = Query(suppress=0, by="department")
    pd.testing.assert_frame_equal(Engine(numeric).unsuppressed(query),
                                  Engine(text).unsuppressed(query))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workforce_rows, event_rows, event_rows, st.sampled_from(["numeric", "text"]))
def test_one_a_snapshot_and_link_as_plain_pandas(wf, training, cases, style):
    data = load(_files(wf, training, cases, style))
    # The workforce: each person once per organisation and year, the first row kept.
    rows = pd.DataFrame([(o, y, _id(n, style) or None, d) for o, y, n, _, _, d in wf],
                        columns=["org", "year", "person_id", "department"], dtype=object)
    rows = pd.concat([rows[rows["year"] == y] for y in YEARS], ignore_index=True)
    has_id = rows["person_id"].notna()
    kept = rows[~(rows.duplicated(PERSON_KEY) & has_id)]
    got = data.frames["workforce"]
    assert got["person_id"].astype(object).where(got["person_id"].notna(), None).tolist() \
        == kept["person_id"].tolist()
    assert got["department"].astype(str).tolist() == kept["department"].tolist()
    dup_rows = int((rows.duplicated(PERSON_KEY) & has_id).sum())
    assert any(f.code == "duplicate_person" for f in data.findings) == (dup_rows > 0)
    # Training: matched where the person has a record in that org and year; the record's
    # department taken; each person once a year.
    events = pd.DataFrame([(o, y, _id(n, style) or None) for o, y, n, _ in training],
                          columns=["org", "year", "person_id"], dtype=object)
    events = events[~(events.duplicated(PERSON_KEY) & events["person_id"].notna())]
    lookup = kept[kept["person_id"].notna()][[*PERSON_KEY, "department"]].astype(
        {"org": str, "year": int})
    plain = events.astype({"org": str, "year": int}).merge(lookup, on=PERSON_KEY, how="left",
                                                           indicator=True)
    if "training" in data.frames and len(plain):
        tr = data.frames["training"]
        assert tr["matched"].tolist() == (plain["_merge"] == "both").tolist()
        assert tr["department"].astype(object).where(tr["department"].notna(), None).tolist() \
            == plain["department"].astype(object).where(plain["department"].notna(),
                                                        None).tolist()
