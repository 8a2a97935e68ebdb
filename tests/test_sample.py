"""The bundled sample: the committed files are exactly what the generator writes, and the data
hold the structure and tell the story the dashboard is meant to show.

Every ratio here is computed crudely from the raw files, so these tests depend neither on the
loader nor on the indicator engine.
"""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wres_core import sample

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
YEARS = (2024, 2025, 2026)
HEADERS = {
    "workforce": ["Employee Number", "Ethnic Origin", "Pay Band", "Grade",
                  "Senior Medical Manager", "Staff Group", "Org L4", "Org L5", "Occupation Code",
                  "Assignment Category", "Contracted WTE", "Gender", "Primary Assignment",
                  "Hourly Rate"],
    "recruitment": ["Year", "Ethnicity", "Shortlisted", "Appointed", "Vacancy ID", "Department",
                    "Pay Band", "Staff Group", "Internal"],
    "disciplinary": ["Employee Number", "Date Opened", "Case Type"],
    "training": ["Employee Number", "Financial Year", "Course"],
    "staff_survey": ["Ethnicity", "Directorate", "Department", "Staff Group",
                     "q14a", "q14b", "q14c", "q15", "q16b"],
    "board": ["Year", "Role", "Ethnicity", "Voting", "Executive"],
}  # fmt: skip
HIGH_BANDS = ["Band 8 - Range A", "Band 8 - Range B", "Band 8 - Range C", "Band 8 - Range D",
              "Band 9", "Very Senior Manager"]  # fmt: skip


@pytest.fixture(scope="module")
def files() -> dict[str, pd.DataFrame]:
    return sample.generate()


def esr_group(ethnic_origin: pd.Series) -> np.ndarray:
    """White / BME / Unknown from an ESR code, by its first letter (sub-codes included)."""
    first = ethnic_origin.str[:1]
    unknown = first.isin(["Z", ""]) | (ethnic_origin == "Unspecified")
    return np.select([unknown, first.isin(["A", "B", "C"])], ["Unknown", "White"], "BME")


def text_group(ethnicity: pd.Series) -> np.ndarray:
    """White / BME / Unknown from a written-out answer (recruitment, survey, board)."""
    unknown = ethnicity.isin(["Prefer not to say", ""])
    return np.select([unknown, ethnicity.str.startswith("White")], ["Unknown", "White"], "BME")


def bme_share(groups: np.ndarray) -> float:
    return float(np.mean(groups == "BME"))


def workforce(files: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    w = files[f"workforce_{year}.csv"]
    return w.assign(group=esr_group(w["Ethnic Origin"]))


def rate(flags: pd.Series) -> float:
    return float(flags.mean())


# --- The files ------------------------------------------------------------------------------


def test_committed_sample_is_what_the_generator_writes(tmp_path: Path) -> None:
    written = sample.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SAMPLE.iterdir())
    for path in written:
        committed = (SAMPLE / path.name).read_bytes()
        assert path.read_bytes() == committed, f"{path.name} is stale: run `make sample`"


def test_frames_are_the_files_as_text(files: dict[str, pd.DataFrame]) -> None:
    for name, frame in files.items():
        text = sample.to_csv_bytes(frame)
        assert b"\r" not in text
        back = pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(back, frame, check_dtype=False, obj=name)
        assert all(frame[c].map(type).eq(str).all() for c in frame), name


def test_file_names_and_headers(files: dict[str, pd.DataFrame]) -> None:
    assert sorted(files) == sorted(
        [f"workforce_{y}.csv" for y in YEARS]
        + [f"staff_survey_{y - 1}.csv" for y in YEARS]
        + ["recruitment.csv", "disciplinary.csv", "training.csv", "board.csv"]
    )
    for name, frame in files.items():
        kind = name.removesuffix(".csv").rstrip("_0123456789")
        assert list(frame.columns) == HEADERS[kind], name


def test_the_same_seed_gives_the_same_files_and_another_seed_does_not() -> None:
    small = sample.generate(n_staff=300)
    again = sample.generate(n_staff=300)
    other = sample.generate(n_staff=300, seed=1)
    for name in small:
        pd.testing.assert_frame_equal(small[name], again[name])
    assert not small["workforce_2024.csv"].equals(other["workforce_2024.csv"])


# --- Workforce --------------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_workforce_is_about_6000_people_in_esr_spellings(files, year: int) -> None:
    w = workforce(files, year)
    assert 5_700 <= len(w) <= 6_400
    assert w["Employee Number"].is_unique
    assert w["Employee Number"].str.fullmatch(r"\d{8}").all()
    assert (w["Primary Assignment"] == "Y").all()
    assert set(w["Assignment Category"]) == {"Permanent", "Fixed Term Temp"}
    assert (w["Occupation Code"] != "").all()
    doctors = w["Pay Band"] == "Medical"
    assert (doctors == (w["Staff Group"] == "Medical and Dental")).all()
    assert (w.loc[doctors, "Grade"] != "").all() and (w.loc[~doctors, "Grade"] == "").all()
    smm = w["Senior Medical Manager"] == "Y"
    assert 0 < smm.sum() < 50 and (w.loc[smm, "Grade"] == "Consultant").all()
    assert w["Org L5"].nunique() == 25 and w["Org L4"].nunique() == 5
    assert w["Org L5"].str.fullmatch(r"\d{3} .+ L5").all()
    # A few ESR two-character sub-codes, used sparingly.
    sub = w["Ethnic Origin"].str.fullmatch(r"[A-Z]{2} .+")
    assert 0.005 < rate(sub) < 0.05


@pytest.mark.parametrize("year", YEARS)
def test_bme_staff_concentrated_in_bands_5_and_6_and_thin_above_8a(files, year: int) -> None:
    w = workforce(files, year)
    overall = bme_share(w["group"])
    assert 0.25 <= overall <= 0.32
    assert bme_share(w.loc[w["Pay Band"].isin(["Band 5", "Band 6"]), "group"]) > overall + 0.05
    assert bme_share(w.loc[w["Pay Band"].isin(HIGH_BANDS), "group"]) < 0.12
    assert bme_share(w.loc[w["Pay Band"].isin(HIGH_BANDS[2:]), "group"]) <= 0.06
    doctors = w[w["Pay Band"] == "Medical"]
    assert 0.38 <= bme_share(doctors["group"]) <= 0.55
    consultants = doctors[doctors["Grade"] == "Consultant"]
    assert bme_share(consultants["group"]) < bme_share(doctors["group"]) - 0.05


def test_bme_share_rises_each_year(files) -> None:
    shares = [bme_share(workforce(files, y)["group"]) for y in YEARS]
    assert shares == sorted(shares) and shares[-1] - shares[0] < 0.04


@pytest.mark.parametrize("year", YEARS)
def test_unknown_ethnicity_is_a_few_percent_and_worse_in_one_department(files, year) -> None:
    w = workforce(files, year)
    unknown = w["group"] == "Unknown"
    assert 0.01 <= rate(unknown) <= 0.05
    assert {"Z Not Stated", "Unspecified", ""} <= set(w.loc[unknown, "Ethnic Origin"])
    by_dept = unknown.groupby(w["Org L5"]).mean()
    assert by_dept.idxmax() == "953 Estates and Facilities L5"
    assert by_dept.max() > 2 * rate(unknown)


@pytest.mark.parametrize("year", YEARS)
def test_departments_differ_clearly_in_bme_share(files, year: int) -> None:
    w = workforce(files, year)
    by_dept = (w["group"] == "BME").groupby(w["Org L5"]).mean()
    assert by_dept.max() - by_dept.min() > 0.25


@pytest.mark.parametrize("before, after", list(pairwise(YEARS)))
def test_people_persist_with_leavers_joiners_and_promotions(files, before, after) -> None:
    old, new = workforce(files, before), workforce(files, after)
    stayed = old.merge(new, on="Employee Number", suffixes=("_old", "_new"))
    leavers = 1 - len(stayed) / len(old)
    joiners = new[~new["Employee Number"].isin(old["Employee Number"])]
    assert 0.07 <= leavers <= 0.15
    assert 0.07 <= len(joiners) / len(new) <= 0.16
    # ESR issues numbers in sequence: joiners have the newest.
    assert joiners["Employee Number"].min() > old["Employee Number"].max()
    # A person keeps their ethnicity; some are promoted, by one band.
    assert (stayed["Ethnic Origin_old"] == stayed["Ethnic Origin_new"]).all()
    moved = stayed[stayed["Pay Band_old"] != stayed["Pay Band_new"]]
    assert 0.02 <= len(moved) / len(stayed) <= 0.06
    assert (moved["Pay Band_new"] != "Medical").all()
    # Joiners are more diverse than the staff they join.
    assert bme_share(joiners["group"]) > bme_share(old["group"])


# --- Indicators 2 to 4, crudely ------------------------------------------------------------------


def test_recruitment_has_every_application_and_indicator_2_narrows(files) -> None:
    r = files["recruitment.csv"]
    r = r.assign(group=text_group(r["Ethnicity"]))
    assert list(r["Year"].unique()) == ["2023/24", "2024/25", "2025/26"]
    assert not ((r["Shortlisted"] == "No") & (r["Appointed"] == "Yes")).any()
    assert (r["Ethnicity"] == "Prefer not to say").any()
    ratios = []
    for _, year in r.groupby("Year"):
        assert 6_000 <= len(year) <= 9_000
        assert 0.25 <= rate(year["Shortlisted"] == "Yes") <= 0.35
        short = year[year["Shortlisted"] == "Yes"]
        appointed = (short["Appointed"] == "Yes").groupby(short["group"]).mean()
        ratios.append(appointed["White"] / appointed["BME"])
        # BME applicants are also less often shortlisted.
        shortlisted = (year["Shortlisted"] == "Yes").groupby(year["group"]).mean()
        assert shortlisted["White"] / shortlisted["BME"] > 1.2
    assert ratios[0] > ratios[1] > ratios[2]
    assert ratios[0] == pytest.approx(1.6, abs=0.05)
    assert ratios[2] == pytest.approx(1.25, abs=0.05)


def test_disciplinary_cases_link_to_staff_and_indicator_3_widens(files) -> None:
    d = files["disciplinary.csv"]
    opened = pd.to_datetime(d["Date Opened"], format="%d/%m/%Y")
    d = d.assign(year=opened.dt.year + (opened.dt.month >= 4))  # financial year ending March
    assert set(d["year"]) == set(YEARS)
    assert set(d["Case Type"]) == {"Conduct", "Capability"}
    staff = set().union(*(files[f"workforce_{y}.csv"]["Employee Number"] for y in YEARS))
    assert 2 <= (~d["Employee Number"].isin(staff)).sum() <= 3
    ratios = []
    for year in YEARS:
        cases = d[d["year"] == year]
        assert 60 <= len(cases) <= 90
        w = workforce(files, year)
        merged = cases.merge(w, on="Employee Number")
        rates = merged["group"].value_counts() / w["group"].value_counts()
        ratios.append(rates["BME"] / rates["White"])
    assert ratios[0] < ratios[1] < ratios[2]
    assert ratios[0] == pytest.approx(1.3, abs=0.1)
    assert ratios[2] == pytest.approx(1.9, abs=0.1)


def test_training_counts_people_once_and_indicator_4_is_near_1(files) -> None:
    t = files["training.csv"]
    assert t["Employee Number"].duplicated().any()  # several courses for some people
    assert not t.duplicated().any()
    for year in YEARS:
        rows = t[t["Financial Year"] == f"{year - 1}-{year % 100:02d}"]
        people = rows["Employee Number"].drop_duplicates()
        assert 1_500 <= len(people) <= 2_500
        w = workforce(files, year)
        assert people.isin(w["Employee Number"]).all()
        trained = w["Employee Number"].isin(people).groupby(w["group"]).mean()
        assert 0.9 <= trained["White"] / trained["BME"] <= 1.15


# --- Staff survey and board ------------------------------------------------------------------


def percent_yes(answers: pd.DataFrame, groups: np.ndarray) -> pd.DataFrame:
    """Indicators 5 to 8 by group, as percentages, from the raw answers."""
    harassed = answers[["q14a", "q14b", "q14c"]].isin(["2", "3", "4", "5"])
    answered = answers[["q14a", "q14b", "q14c"]] != ""
    ind6_base = answered["q14b"] | answered["q14c"]
    out = pd.DataFrame({
        "5": harassed["q14a"].where(answered["q14a"]),
        "6": (harassed["q14b"] | harassed["q14c"]).where(ind6_base),
        "7": (answers["q15"] == "1").where(answers["q15"].isin(["1", "2"])),
        "8": (answers["q16b"] == "1").where(answers["q16b"] != ""),
    }).astype(float)  # fmt: skip
    return out.groupby(groups).mean() * 100


@pytest.mark.parametrize("survey_year", [y - 1 for y in YEARS])
def test_survey_shows_bme_staff_faring_worse(files, survey_year: int) -> None:
    s = files[f"staff_survey_{survey_year}.csv"]
    staff = files[f"workforce_{survey_year + 1}.csv"]
    assert 0.44 <= len(s) / len(staff) <= 0.51
    for item, allowed in {"q14a": "12345", "q14b": "12345", "q14c": "12345",
                          "q15": "129", "q16b": "12"}.items():  # fmt: skip
        assert set(s[item]) == set(allowed) | {""}, item
    pct = percent_yes(s, text_group(s["Ethnicity"]))
    assert pct.loc["BME", "6"] > pct.loc["White", "6"] + 4
    assert pct.loc["BME", "7"] < pct.loc["White", "7"] - 8
    assert pct.loc["BME", "8"] > 1.5 * pct.loc["White", "8"]
    # Some departments are markedly worse than others.
    big = s.groupby("Department").filter(lambda d: len(d) >= 80)
    by_dept = percent_yes(big, big["Department"].to_numpy())["6"]
    assert by_dept.max() - by_dept.min() > 12


def test_board_has_about_14_members_of_whom_1_to_3_bme(files) -> None:
    b = files["board.csv"]
    assert set(b["Voting"]) == {"Y", "N"} and set(b["Executive"]) == {"Y", "N"}
    counts = []
    for year in YEARS:
        members = b[b["Year"] == str(year)]
        assert 12 <= len(members) <= 16
        assert (members["Role"] == "Chief Executive").sum() == 1
        counts.append(int((text_group(members["Ethnicity"]) == "BME").sum()))
    assert counts == sorted(counts) and 1 <= counts[0] and counts[-1] <= 3


# --- Options the benchmarks use ------------------------------------------------------------------


def test_several_orgs_split_the_staff_and_say_whose_rows_they_are() -> None:
    files = sample.generate(n_staff=1_500, orgs=3)
    for name, frame in files.items():
        assert frame.columns[0] == sample.ORG_COLUMN, name
        assert frame[sample.ORG_COLUMN].nunique() == 3, name
    first = files["workforce_2024.csv"]
    assert len(first) == 1_500
    assert first["Employee Number"].is_unique
    assert first[sample.ORG_COLUMN].value_counts().min() >= 300
    vacancies = files["recruitment.csv"].groupby("Vacancy ID")[sample.ORG_COLUMN].nunique()
    assert (vacancies == 1).all()


def test_one_org_has_no_org_column_and_years_can_be_chosen() -> None:
    files = sample.generate(n_staff=400, years=(2025, 2026))
    assert sorted(n for n in files if n.startswith(("workforce", "staff_survey"))) == [
        "staff_survey_2024.csv", "staff_survey_2025.csv",
        "workforce_2025.csv", "workforce_2026.csv",
    ]  # fmt: skip
    assert all(sample.ORG_COLUMN not in f.columns for f in files.values())
    assert set(files["training.csv"]["Financial Year"]) == {"2024-25", "2025-26"}


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        sample.generate(orgs=0)
    with pytest.raises(ValueError):
        sample.generate(years=())
