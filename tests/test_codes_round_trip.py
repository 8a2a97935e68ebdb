"""Every label the results table prints reads back to itself as input (issue 13): pay bands
and medical rows, staff groups, the clinical split, and the ethnic groups at all three
levels, in a data file and as a mapping file's canonical value. The labels come from the
code tables themselves, so a row added to a table is tested too."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_core.api import Engine, Query
from wres_core.codes import bands, ethnicity, staff_groups
from wres_core.loader import load


def _band(values: pd.Series, extra=None) -> list:
    return bands.classify(values, extra=extra)[0].astype(object).tolist()


def _group(values: pd.Series, extra=None) -> list:
    return staff_groups.classify(values, extra=extra)[0].astype(object).tolist()


def _clinical(values: pd.Series, extra=None) -> list:
    assert extra is None  # the clinical flag has no mapping: yes/no and the two labels
    return staff_groups.clinical_from(clinical=values).astype(object).tolist()


def _ethnic(level: str):
    def read(values: pd.Series, extra=None) -> list:
        return ethnicity.classify(values, extra=extra)[0][level].astype(object).tolist()
    return read


# (table, its labels, how a column of them is read back, whether a mapping may target them)
TABLES = [
    ("pay band", bands.BAND_ORDER, _band, True),
    ("staff group", staff_groups.STAFF_GROUPS, _group, True),
    ("clinical", staff_groups.CLINICAL_LEVELS, _clinical, False),
    ("ethnic category", ethnicity.CATEGORY_ORDER, _ethnic("ethnic_category"), True),
    ("broad group", ethnicity.BROAD_GROUPS, _ethnic("broad_group"), True),
    ("WRES group", ethnicity.WRES_GROUPS, _ethnic("wres_group"), True),
]
IDS = [t[0] for t in TABLES]

# How a person or a spreadsheet may have retyped a label.
RETYPED = st.sampled_from([str, str.upper, str.lower, str.title, str.swapcase])
PADDING = st.sampled_from(["", " ", "  ", "\t"])


@pytest.mark.parametrize(("name", "labels", "read", "mappable"), TABLES, ids=IDS)
def test_every_label_reads_back_to_itself(name, labels, read, mappable):
    assert read(pd.Series(labels, dtype="string")) == list(labels)


@pytest.mark.parametrize(("name", "labels", "read", "mappable"), TABLES, ids=IDS)
def test_every_label_is_a_mapping_target(name, labels, read, mappable):
    if not mappable:
        pytest.skip("no mapping for this column")
    local = [f"local spelling {i}" for i in range(len(labels))]
    extra = dict(zip(local, labels, strict=True))
    assert read(pd.Series(local, dtype="string"), extra) == list(labels)


@pytest.mark.parametrize(("name", "labels", "read", "mappable"), TABLES, ids=IDS)
@settings(deadline=None, max_examples=60)
@given(data=st.data())
def test_a_retyped_label_still_reads_back(name, labels, read, mappable, data):
    label = data.draw(st.sampled_from(list(labels)))
    retyped = data.draw(PADDING) + data.draw(RETYPED)(label) + data.draw(PADDING)
    assert read(pd.Series([retyped], dtype="string")) == [label]
    if mappable:
        assert read(pd.Series(["x"], dtype="string"), {"x": retyped}) == [label]


def test_senior_medical_manager_row_reads_as_a_consultant():
    assert _band(pd.Series([bands.SENIOR_MEDICAL_MANAGER])) == ["Consultant"]
    assert _band(pd.Series(["x"]), {"x": bands.SENIOR_MEDICAL_MANAGER}) == ["Consultant"]


# --- through the loader: a data file and a mapping file ------------------------------------

def _cycle(labels, n):
    return [labels[i % len(labels)] for i in range(n)]


def test_a_file_of_the_tables_labels_loads_as_itself(write):
    n = max(len(t[1]) for t in TABLES)
    cols = {"Ethnicity": _cycle(ethnicity.CATEGORY_ORDER, n),
            "Pay Band": _cycle(bands.BAND_ORDER, n),
            "Staff Group": _cycle(staff_groups.STAFF_GROUPS, n),
            "Clinical": _cycle(staff_groups.CLINICAL_LEVELS, n)}
    data = load([write("workforce_2024.csv", pd.DataFrame(cols).to_csv(index=False))])
    assert not [f for f in data.findings if f.level == "error" or f.code.startswith("unknown")]
    wf = data.frames["workforce"]
    assert wf["ethnic_category"].astype(str).tolist() == cols["Ethnicity"]
    assert wf["pay_band"].astype(str).tolist() == cols["Pay Band"]
    assert wf["staff_group"].astype(str).tolist() == cols["Staff Group"]
    # A medical row is Clinical whatever the flag says only in the band split; the clinical
    # column keeps the row's own flag.
    assert wf["clinical"].astype(str).tolist() == cols["Clinical"]


def test_a_mapping_file_may_target_every_label(write, tmp_path):
    rows = [("workforce", "Pay Band", f"local band {i}", b)
            for i, b in enumerate(bands.BAND_ORDER)]
    rows += [("workforce", "Staff Group", f"local group {i}", g)
             for i, g in enumerate(staff_groups.STAFF_GROUPS)]
    rows += [("", "Ethnicity", f"local ethnicity {i}", c)
             for i, c in enumerate(ethnicity.CATEGORY_ORDER)]
    mapping = pd.DataFrame(rows, columns=["kind", "column", "raw", "canonical"])
    n = len(bands.BAND_ORDER)
    workforce = pd.DataFrame({
        "Ethnicity": _cycle([f"local ethnicity {i}"
                             for i in range(len(ethnicity.CATEGORY_ORDER))], n),
        "Pay Band": [f"local band {i}" for i in range(n)],
        "Staff Group": _cycle([f"local group {i}"
                               for i in range(len(staff_groups.STAFF_GROUPS))], n),
    })
    write("in/mapping.csv", mapping.to_csv(index=False))
    write("in/workforce_2024.csv", workforce.to_csv(index=False))
    data = load([tmp_path / "in"])
    assert not [f for f in data.findings if f.level == "error"
                or f.code in ("bad_mapping_target", "unknown_pay_band", "unknown_staff_group",
                              "unknown_ethnicity_code")], data.findings
    wf = data.frames["workforce"]
    assert wf["pay_band"].astype(str).tolist() == bands.BAND_ORDER
    assert wf["staff_group"].astype(str).tolist() == _cycle(staff_groups.STAFF_GROUPS, n)
    assert wf["ethnic_category"].astype(str).tolist() == _cycle(ethnicity.CATEGORY_ORDER, n)


def test_a_mapping_target_no_table_knows_is_a_warning_not_a_crash(write, tmp_path):
    write("in/mapping.csv", "kind,column,raw,canonical\n"
          "workforce,Pay Band,Grade X,Band 4\nworkforce,Pay Band,Grade Y,Band 42\n")
    write("in/workforce_2024.csv", "Ethnicity,Pay Band,Staff Group\nA,Grade X,Estates\n"
          "A,Grade Y,Estates\n")
    data = load([tmp_path / "in"])
    bad = [f for f in data.findings if f.code == "bad_mapping_target"]
    assert len(bad) == 1 and bad[0].level == "warning"
    assert "'Grade Y'" in bad[0].message and "'Band 42'" in bad[0].message
    assert bad[0].column == "Pay Band"
    wf = data.frames["workforce"]
    assert wf["pay_band"].astype(object).tolist()[0] == "Band 4"  # the good row still applies
    assert pd.isna(wf["pay_band"].iloc[1])


def test_what_the_results_table_prints_reads_back(write):
    """The other way round: take the labels from a results table itself."""
    n = len(ethnicity.CATEGORY_ORDER)
    text = pd.DataFrame({"Ethnicity": ethnicity.CATEGORY_ORDER,
                         "Pay Band": _cycle(bands.BAND_ORDER, n),
                         "Staff Group": _cycle(staff_groups.STAFF_GROUPS, n)})
    data = load([write("workforce_2024.csv", text.to_csv(index=False))])
    for level, column in (("category", "ethnic_category"), ("broad", "broad_group"),
                          ("wres", "wres_group")):
        res = Engine(data).results(Query(suppress=0, groups=level))
        groups = sorted({str(g) for g in res.loc[res["indicator"] == 1, "group"]})
        read = ethnicity.classify(pd.Series(groups, dtype="string"))[0][column]
        assert read.astype(str).tolist() == groups, level
    res = Engine(data).results(Query(suppress=0))
    printed = res[(res["indicator"] == 1) & (res["dimension"] == "pay_band")]["level"]
    printed = sorted(set(printed.astype(str)))
    assert _band(pd.Series(printed, dtype="string")) == printed
