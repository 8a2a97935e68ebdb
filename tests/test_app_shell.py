"""AppTests of the shell: app.py, the sidebar, and the Overview, Data and quality and
Methodology pages, on the sample and on cut-down datasets written to a temporary folder.

Data is injected by setting ``st.session_state[state.DATA_PATH]`` before the first run (what
``--data PATH`` does from the command line); uploads by setting ``state.UPLOADS`` and
``state.SOURCE``. WRES_RAISE=1 makes app.py let errors through, so a failing page shows up
as ``at.exception`` with its traceback instead of the friendly message.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import state
from dashboard.captions import fmt_value
from wres_core.api import Engine, Query

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "data" / "sample"
OVERVIEW = "pages/overview.py"
DATA_PAGE = "pages/data_quality.py"
METHOD_PAGE = "pages/methodology.py"
MY_PAGES = (OVERVIEW, DATA_PAGE, METHOD_PAGE)

pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")


@pytest.fixture(scope="module", autouse=True)
def engines_for_this_module():
    """The loaded data (st.cache_resource) is shared by the tests of this module only:
    loading and computing the sample's department breakdown takes seconds, and no test
    changes an Engine. Cleared before and after, so no other module sees ours."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    """Every test starts with an empty st.cache_data and lets page errors through."""
    st.cache_data.clear()
    monkeypatch.setenv("WRES_RAISE", "1")
    yield
    st.cache_data.clear()


def open_app(data: Path | None = None, *, page: str | None = None,
             query: dict | None = None, session: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    if data is not None:
        at.session_state[state.DATA_PATH] = str(data)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    if query:
        at.query_params.update(query)
    at.run()
    if page and page != OVERVIEW:
        at.switch_page(page)
        at.run()
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.error if "went wrong" in e.value]


# --- Datasets cut from the sample ---------------------------------------------------------
def _copy(tmp: Path, names: list[str]) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLE / name, tmp / name)
    return tmp


def _all_files() -> list[str]:
    return sorted(p.name for p in SAMPLE.iterdir() if p.is_file())


@pytest.fixture
def no_survey(tmp_path: Path) -> Path:
    return _copy(tmp_path / "no_survey",
                 [n for n in _all_files() if not n.startswith("staff_survey")])


@pytest.fixture
def no_board(tmp_path: Path) -> Path:
    return _copy(tmp_path / "no_board", [n for n in _all_files() if n != "board.csv"])


@pytest.fixture
def single_year(tmp_path: Path) -> Path:
    """Only WRES 2026: the 2026 snapshot, financial year 2025/26, the 2025 survey."""
    out = _copy(tmp_path / "single", ["workforce_2026.csv", "staff_survey_2025.csv"])

    def cut(name: str, keep) -> None:
        df = pd.read_csv(SAMPLE / name, dtype=str, keep_default_na=False)
        df[keep(df)].to_csv(out / name, index=False)

    cut("board.csv", lambda d: d["Year"] == "2026")
    cut("recruitment.csv", lambda d: d["Year"] == "2025/26")
    cut("training.csv", lambda d: d["Financial Year"] == "2025-26")
    opened = lambda d: pd.to_datetime(d["Date Opened"], format="%d/%m/%Y")  # noqa: E731
    cut("disciplinary.csv", lambda d: (opened(d) >= "2025-04-01") & (opened(d) <= "2026-03-31"))
    return out


@pytest.fixture
def workforce_only(tmp_path: Path) -> Path:
    return _copy(tmp_path / "wf", ["workforce_2026.csv"])


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The sample's workforce beside a file the loader must reject: the rest still loads."""
    out = _copy(tmp_path / "broken", ["workforce_2026.csv", "board.csv"])
    (out / "recruitment.csv").write_text("Year,Appointed\n2025/26,maybe\n", encoding="utf-8")
    return out


# --- The app opens on the sample ---------------------------------------------------------
def test_default_page_is_overview_on_the_sample():
    at = open_app()
    assert_clean(at)
    assert at.title[0].value == "Overview"
    labels = [m.label for m in at.metric]
    assert "BME share of all staff" in labels
    assert labels.count("Relative likelihood") == 3
    # Each card says where its figure comes from.
    sources = [c.value for c in at.caption if c.value.startswith("Source:")]
    assert len(sources) == 10
    assert any("31 March 2026" in s for s in sources)
    assert any("NHS Staff Survey 2025" in s for s in sources)
    assert any("2025/26" in s for s in sources)


@pytest.mark.parametrize("page", MY_PAGES)
def test_my_pages_run_on_the_sample(page):
    at = open_app(page=page)
    assert_clean(at)
    assert at.title


@pytest.mark.parametrize("dataset", ["single_year", "no_survey", "no_board", "workforce_only",
                                     "broken"])
@pytest.mark.parametrize("page", MY_PAGES)
def test_my_pages_run_on_partial_data(request, dataset, page):
    at = open_app(request.getfixturevalue(dataset), page=page)
    assert_clean(at)


def test_missing_kinds_say_what_to_load(no_survey, no_board):
    at = open_app(no_survey)
    assert_clean(at)
    assert any("need the NHS Staff Survey" in i.value for i in at.info)
    at = open_app(no_board)
    assert any("board file" in i.value for i in at.info)


def test_single_year_has_no_change_and_no_crash(single_year):
    at = open_app(single_year)
    assert_clean(at)
    assert at.selectbox(key=state.YEAR).options == ["2026 (year to 31 March 2026)"]
    assert any("no figure for the year before" in c.value for c in at.caption)


def test_empty_folder_says_load_something(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for page in MY_PAGES:
        at = open_app(empty, page=page)
        assert_clean(at)
    at = open_app(empty)
    assert any("No data is loaded" in i.value for i in at.info)


def test_a_file_with_errors_does_not_stop_the_others(broken):
    at = open_app(broken)
    assert_clean(at)
    assert any("error" in e.value for e in at.sidebar.error)
    assert "BME share of all staff" in [m.label for m in at.metric]
    # The recruitment card says why it is empty: its file was left out, not never loaded.
    assert any("left out because of errors" in e.value for e in at.error)
    at = open_app(broken, page=DATA_PAGE)
    assert_clean(at)
    findings = next(t.value for t in at.table if "How to fix it" in t.value.columns)
    assert findings["Level"].iloc[0].endswith("Error")  # errors first
    assert "recruitment.csv" in findings["Where"].iloc[0].replace("\\", "")  # md-escaped


# --- Headline figures are the results table's --------------------------------------------
def _row(table, **key):
    sel = table
    for col, val in key.items():
        sel = sel[sel[col] == val]
    assert len(sel) == 1, key
    return sel.iloc[0]


def _metric(at: AppTest, label: str, n: int = 0) -> str:
    return [m.value for m in at.metric if m.label == label][n]


def shown(row, measure: str, threshold: int = 10) -> str:
    """A results-table row as the overview prints it."""
    if bool(row["suppressed"]):
        return "withheld"  # and a badge under it: "Withheld (fewer than 10)"
    return "not available" if pd.isna(row["value"]) else fmt_value(measure, row["value"])


@pytest.mark.parametrize("filters", [
    {},
    {state.CLINICAL: ["Clinical"]},
    {state.PAY_BAND: ["Band 5", "Band 6"]},
])
def test_headlines_equal_engine_results(filters):
    at = open_app(session={k: list(v) for k, v in filters.items()})
    assert_clean(at)
    view_where = state.where_from(filters)
    query = Query(where=view_where)
    table = Engine.from_inputs([SAMPLE]).results(query)
    year = int(table["year"].max())

    base = dict(year=year, dimension="overall", level="All")
    assert _metric(at, "BME share of all staff") == shown(
        _row(table, indicator=1, measure="share", group="BME", **base), "share")
    assert _metric(at, "Share of all staff") == shown(
        _row(table, indicator=1, measure="share", group="Unknown", **base), "share")
    for n, ind in enumerate((2, 3, 4)):
        assert _metric(at, "Relative likelihood", n) == shown(
            _row(table, indicator=ind, measure="relative_likelihood", group="BME", **base),
            "relative_likelihood")
    survey_has_filters = all(c in ("clinical", "staff_group", "department", "directorate")
                             for c, _ in view_where)
    for n, ind in enumerate((5, 6, 7, 8) if survey_has_filters else ()):
        for group in ("White", "BME"):
            assert _metric(at, group, n) == shown(
                _row(table, indicator=ind, measure="percent", group=group, **base), "percent")
    if not survey_has_filters:  # the survey has no pay band: it drops out, and says so
        assert any("no pay band column" in i.value for i in at.info)
    if not filters:  # a board has no band or clinical column: it drops out under filters
        diff = _row(table, year=year, indicator=9, measure="difference", group="BME",
                    dimension="board_role", level="Voting")
        assert _metric(at, "Voting board minus workforce") == shown(
            diff, "difference")


def test_filter_widget_changes_the_headline():
    at = open_app()
    before = _metric(at, "BME share of all staff")
    at.multiselect(key=state.CLINICAL).set_value(["Non-clinical"]).run()
    assert_clean(at)
    table = Engine.from_inputs([SAMPLE]).results(
        Query(where=(("clinical", ("Non-clinical",)),)))
    row = _row(table, year=int(table["year"].max()), indicator=1, measure="share",
               group="BME", dimension="overall", level="All")
    after = _metric(at, "BME share of all staff")
    assert after == shown(row, "share")
    assert before == shown(_row(
        Engine.from_inputs([SAMPLE]).results(Query()), year=2026, indicator=1,
        measure="share", group="BME", dimension="overall", level="All"), "share")
    assert at.query_params.get("clinical") in ("Non-clinical", ["Non-clinical"])


def test_publication_safe_withholds_and_says_so(tmp_path):
    # A tiny trust: 12 staff, 3 of them BME, so the BME count is below 10 and withheld.
    rows = ["Employee Number,Ethnic Origin,Pay Band,Staff Group"]
    rows += [f"{i},A White - British,Band 5,Nursing and Midwifery Registered" for i in range(9)]
    rows += [f"{i},N Black or Black British - African,Band 5,Nursing and Midwifery Registered"
             for i in range(9, 12)]
    (tmp_path / "workforce_2026.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    at = open_app(tmp_path)
    assert_clean(at)
    assert _metric(at, "BME share of all staff") == "withheld"
    assert any("Withheld (fewer than 10)" in m.value for m in at.markdown)
    at.toggle(key=state.SAFE).set_value(False).run()
    assert _metric(at, "BME share of all staff") == "25.0%"
    # st.badge is markdown: the caution says it in words, not only in colour.
    assert any("read with care" in m.value for m in at.markdown)


# --- Sidebar, state and URL --------------------------------------------------------------
def test_year_defaults_to_latest_and_compares_three():
    at = open_app()
    assert at.selectbox(key=state.YEAR).value == 2026
    assert at.selectbox(key=state.N_YEARS).value == 3
    assert "year" not in at.query_params  # the latest year is the default: not in the URL


def test_url_reopens_the_same_view():
    at = open_app(query={"year": "2025", "word": "Global majority", "pay_band": ["Band 5"],
                         "safe": "0", "groups": "broad"})
    assert_clean(at)
    assert at.selectbox(key=state.YEAR).value == 2025
    assert at.selectbox(key=state.BME_WORD).value == "Global majority"
    assert at.multiselect(key=state.PAY_BAND).value == ["Band 5"]
    assert at.toggle(key=state.SAFE).value is False
    assert "Global majority share of all staff" in [m.label for m in at.metric]
    assert at.query_params["year"] in ("2025", ["2025"])


def test_bad_url_values_are_ignored():
    at = open_app(query={"year": "banana", "threshold": "x", "department": "Nowhere",
                         "drill": "nonsense"})
    assert_clean(at)
    assert at.selectbox(key=state.YEAR).value == 2026
    assert at.multiselect(key=state.DEPARTMENT).value == []


def test_settings_survive_a_page_switch():
    at = open_app()
    at.selectbox(key=state.YEAR).set_value(2025).run()
    at.switch_page(DATA_PAGE)
    at.run()
    assert_clean(at)
    at.switch_page(OVERVIEW)
    at.run()
    assert at.selectbox(key=state.YEAR).value == 2025
    assert any("WRES 2025" in m.value for m in at.markdown)


def test_presentation_mode_hides_controls_and_can_be_left():
    at = open_app()
    at.toggle(key=state.PRESENTATION).set_value(True).run()
    assert_clean(at)
    leave = at.button(key="wres_leave_presentation")
    leave.click().run()
    assert at.session_state[state.PRESENTATION] is False
    assert not [b for b in at.button if b.key == "wres_leave_presentation"]


def test_uploads_live_in_session_state(workforce_only):
    content = (workforce_only / "workforce_2026.csv").read_bytes()
    at = open_app(session={state.UPLOADS: (("my_workforce_2026.csv", content),),
                           state.SOURCE: "upload"}, page=DATA_PAGE)
    assert_clean(at)
    files = next(d.value for d in at.dataframe if "File" in d.value.columns)
    assert list(files["File"]) == ["my_workforce_2026.csv"]
    at.sidebar.button[0].click().run()  # "Use the sample"
    assert at.session_state[state.UPLOADS] == ()
    assert at.session_state[state.SOURCE] == "sample"


def test_drill_down_shows_and_clears():
    at = open_app(session={state.DRILL: ("department", "Cardiology")})
    assert_clean(at)
    assert any("Drill-down" in i.value for i in at.sidebar.info)
    view_query = replace(Query(), where=(("department", ("Cardiology",)),))
    table = Engine.from_inputs([SAMPLE]).results(view_query)
    row = _row(table, year=2026, indicator=1, measure="share", group="BME",
               dimension="overall", level="All")
    assert _metric(at, "BME share of all staff") == shown(row, "share")
    next(b for b in at.sidebar.button if b.label == "Clear drill-down").click().run()
    assert at.session_state[state.DRILL] is None


def test_user_text_is_escaped(tmp_path):
    rows = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Org L5"]
    rows += [f"{i},A White - British,Band 5,Nursing and Midwifery Registered,"
             f"![x](http://example.invalid/x.png) **Ward**" for i in range(40)]
    (tmp_path / "workforce_2026.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    at = open_app(tmp_path, session={state.DRILL: ("department", "**Ward** [x](y)")})
    assert_clean(at)
    info = next(i.value for i in at.sidebar.info if "Drill-down" in i.value)
    assert "\\*\\*Ward\\*\\*" in info and "\\[x\\]" in info


def test_several_organisations_can_be_combined_or_chosen(tmp_path):
    from wres_core import sample

    sample.write(tmp_path, n_staff=1500, orgs=2, years=(2025, 2026))
    at = open_app(tmp_path)
    assert_clean(at)
    org = at.selectbox(key=state.ORG)
    assert org.value == state.ALL_ORGS and len(org.options) == 3
    assert any(state.ALL_ORGS in m.value for m in at.markdown)
    name = org.options[1]
    org.set_value(name).run()
    assert_clean(at)
    table = Engine.from_inputs([tmp_path]).results(Query(where=(("org", (name,)),)))
    row = _row(table, year=2026, indicator=1, measure="share", group="BME",
               dimension="overall", level="All")
    assert _metric(at, "BME share of all staff") == shown(row, "share")
    assert any(name in m.value.replace("\\", "") for m in at.markdown)
    assert at.query_params["org"] in (name, [name])


def test_data_quality_shows_unrecognised_band_with_its_values(tmp_path):
    """Issue 13: an unreadable band keeps the file; data quality shows the row and the
    values (the core counts them, the page only lays them out)."""
    corpus = ROOT / "tests" / "data" / "corpus"
    folder = tmp_path / "esr"
    folder.mkdir()
    shutil.copy(corpus / "esr_ethnic_origin_subcodes_workforce_2024.csv", folder)
    at = open_app(folder, page=DATA_PAGE)
    assert_clean(at)
    bands = next(d.value for d in at.dataframe if "Pay band" in d.value.columns)
    assert "Unrecognised band" in bands["Pay band"].tolist()
    assert any("Unrecognised band" in c.value for c in at.caption)
    listed = [t.value for t in at.table if "How to fix it" in t.value.columns]
    assert any("Grade Q" in " ".join(t["What"]) for t in listed)
