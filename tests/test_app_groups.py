"""AppTests of the indicator pages at each ethnic-group level (Display: White and BME, broad
groups, individual categories): every chart's points are the results table's figures at
that level, the group section draws every group of the level this year and over the years,
titles name the level, withheld figures are drawn as withheld, and the evidence pack's
charts are the pages' charts (``dashboard.views``, shared by both).

Helpers (opening a page, reading a chart's points from its plotly spec) are those of
``test_app_pages``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from test_app_pages import (
    BOARD,
    LIKELIHOOD,
    SAMPLE,
    SURVEY,
    WORKFORCE,
    assert_clean,
    assert_points_match,
    chart_title,
    engine,
    open_page,
    points,
    query,
    specs,
)

from dashboard import captions, charts, pack, sources, state
from dashboard.charts import ratio
from wres_core.codes.ethnicity import classify
from wres_core.exports.report import Report

pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")

LEVELS = ("wres", "broad", "category")
LEVEL_WORDS = {"broad": "each broad ethnic group", "category": "each ethnic category"}
YEARS = [2024, 2025, 2026]


@pytest.fixture(scope="module", autouse=True)
def engines_for_this_module():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    st.cache_data.clear()
    monkeypatch.setenv("WRES_RAISE", "1")
    yield
    st.cache_data.clear()


def tables_for(groups: str, *, safe: bool = False, by: tuple[str, ...] = ("department",)
               ) -> list[pd.DataFrame]:
    """The results tables a page at ``groups`` may draw from."""
    e = engine(SAMPLE)
    out = [e.results(query(safe=safe, groups=groups)), e.results(query(safe=safe))]
    for b in by:
        out += [e.results(query(safe=safe, groups=groups, by=b)),
                e.results(query(safe=safe, by=b))]
    return out


def group_specs(at) -> list[dict]:
    return [s for s in specs(at) if "each broad ethnic group" in chart_title(s)
            or "each ethnic category" in chart_title(s)
            or chart_title(s).startswith("Share of staff: ")]


PAGE_GROUPS = {  # page -> (indicator, measure the group charts draw, groups left out)
    WORKFORCE: (1, "share", ()),
    LIKELIHOOD: (2, "relative_likelihood", ("White", "Unknown")),
    SURVEY: (6, "percent", ("Unknown",)),
    BOARD: (9, "difference", ("Unknown",)),
}


@pytest.mark.parametrize("groups", LEVELS)
@pytest.mark.parametrize("page", [WORKFORCE, LIKELIHOOD, SURVEY, BOARD])
def test_page_follows_the_group_level(page, groups):
    at = open_page(SAMPLE, page, session={state.GROUPS: groups})
    results = tables_for(groups)
    for spec in specs(at):
        if any(p["measure"] for p in points(spec)):
            assert_points_match(spec, results)
    indicator, measure, left_out = PAGE_GROUPS[page]
    mine = group_specs(at)
    if groups == "wres" and page != WORKFORCE:
        # The page's own charts are White against BME; it says how to see each group.
        assert not mine
        assert any("under Display" in c.value for c in at.caption)
        return
    # This year and over the years: every group of the level, each figure the table's.
    assert len(mine) == 2, [chart_title(s) for s in specs(at)]
    latest, trend = mine
    if groups != "wres":
        assert all(LEVEL_WORDS[groups] in chart_title(s) for s in mine)
    assert "2024 to 2026" in chart_title(trend)
    table = results[0]
    want = charts.select(table, indicator=indicator, measure=measure, year=2026,
                         **({"dimension": "board_role", "level": "Voting"} if indicator == 9
                            else {"dimension": "overall"}))
    want = set(want["group"]) - set(left_out)
    assert {p["group"] for p in points(latest)} == want
    assert {p["year"] for p in points(latest)} == {2026}
    assert {p["year"] for p in points(trend)} == set(YEARS)
    assert {p["group"] for p in points(trend)} == want
    assert {p["measure"] for p in points(trend)} == {measure}


def test_workforce_titles_name_the_level():
    at = open_page(SAMPLE, WORKFORCE, session={state.GROUPS: "broad"})
    titles = [chart_title(s) for s in specs(at)]
    band = next(t for t in titles if "Agenda for Change band" in t)
    assert "by broad ethnic group" in band and "White and Unknown" not in band
    dept = next(t for t in titles if "each department" in t)
    assert "by broad ethnic group" in dept
    at = open_page(SAMPLE, WORKFORCE)
    band = next(chart_title(s) for s in specs(at) if "Agenda for Change band" in chart_title(s))
    assert band.startswith("BME, White and Unknown share of staff")


def test_withheld_groups_are_drawn_as_withheld():
    """Publication-safe, individual categories, indicator 3: a withheld figure is no drawn
    value; its row says "withheld" and the year in the label column."""
    at = open_page(SAMPLE, LIKELIHOOD, safe=True, session={state.GROUPS: "category"})
    at.segmented_control(key="lk-indicator").set_value(3).run()
    assert_clean(at)
    e = engine(SAMPLE)
    table = e.results(query(safe=True, groups="category"))
    trend = next(s for s in group_specs(at) if "2024 to 2026" in chart_title(s))
    assert_points_match(trend, [table])
    rows = charts.select(table, indicator=3, measure="relative_likelihood",
                         dimension="overall", year=YEARS)
    rows = rows[~rows["group"].isin(["White", "Unknown"])]
    hidden = rows[rows["suppressed"].astype(bool)]
    assert len(hidden) > 5  # the sample's small categories
    drawn = {(p["group"], p["year"]): p["figure"] for p in points(trend)}
    for _, r in hidden.iterrows():
        assert drawn[(r["group"], int(r["year"]))] is None, r["group"]
    labels = [t for tr in trend["data"] if (tr.get("meta") or {}).get("labels")
              for t in tr["text"]]
    assert any("withheld in" in t for t in labels)


def test_change_since_the_first_year_under_each_headline():
    e = engine(SAMPLE)
    first = e.changes(query(), since=2024)
    row = first[(first["year"] == 2026) & (first["indicator"] == 2)
                & (first["measure"] == "relative_likelihood") & (first["group"] == "BME")
                & (first["dimension"] == "overall")].iloc[0]
    at = open_page(SAMPLE, LIKELIHOOD)
    said = " ".join(m.value for m in at.markdown if "Change in the relative" in m.value)
    verdict = "no clear change" if row["p_value"] >= 0.05 else "clear change"
    assert captions.md_escape(f"Since 2024: {verdict}") in said
    assert captions.md_escape("Since 2025:") in said
    assert captions.md_escape(captions.fmt_ratio(row["previous"]) + " in 2024") in said


@pytest.mark.parametrize("groups", ["wres", "category"])
def test_the_packs_charts_are_the_pages_charts(groups):
    """Every chart a page draws (with its default controls) is in the evidence pack with
    the same title and the same points: both come from ``dashboard.views``."""
    e = engine(SAMPLE)
    # The page's organisation name (the sample's files name none).
    org = e.data.orgs[0] if e.data.orgs else f"{sources.SAMPLE_TRUST} (fictional sample)"
    report = Report(engine=e, query=query(groups=groups), years=tuple(YEARS), org_label=org)
    in_pack = {}
    for chart in pack.charts_for(report):
        spec = json.loads(chart.figure.to_json())
        in_pack[chart_title(spec)] = spec
    compared = 0
    for page in (WORKFORCE, LIKELIHOOD, SURVEY, BOARD):
        at = open_page(SAMPLE, page, session={state.GROUPS: groups})
        for spec in specs(at):
            title = chart_title(spec)
            assert title in in_pack, (page, title, list(in_pack))
            assert sorted(map(repr, points(spec))) == sorted(map(repr, points(in_pack[title])))
            compared += 1
    # wres: 6 workforce, 4 likelihood, 3 survey and 2 board charts; other levels add two
    # group charts on each of the likelihood, survey and board pages.
    assert compared == (15 if groups == "wres" else 21)


def test_the_overview_says_the_change_since_the_first_year():
    at = open_page(SAMPLE, "pages/overview.py")
    e = engine(SAMPLE)
    first = e.changes(query(), since=2024)
    said = [c.value for c in at.caption if c.value.startswith("Since 2024")]
    assert len(said) >= 10  # one under each card's figure
    row = first[(first["year"] == 2026) & (first["indicator"] == 1) & (first["measure"] == "share")
                & (first["group"] == "BME") & (first["dimension"] == "overall")].iloc[0]
    expected = captions.md_escape(f"({captions.fmt_percent(row['previous'])} in 2024, "
                                  f"{captions.fmt_percent(row['value'])} in 2026")
    assert any(expected in s for s in said)


def test_engine_withholds_a_change_since_the_first_year_with_either_figure():
    """Publication-safe: a first-to-last change is given only where both figures are shown
    (it would reveal a withheld one)."""
    e = engine(SAMPLE)
    q = query(safe=True, groups="category")
    shown = e.results(q)
    since = e.changes(q, since=2024)
    assert not since.empty and set(since["year"]) == {2025, 2026}
    key = ["indicator", "measure", "group", "dimension", "level"]
    hidden = shown[shown["suppressed"].astype(bool)]
    first_hidden = set(map(tuple, hidden[hidden["year"] == 2024][key].astype(str).values))
    later_hidden = set(map(tuple, hidden[["year", *key]].astype(str).values))
    assert first_hidden  # the sample's small categories
    for r in since[key + ["year"]].astype(str).itertuples(index=False):
        assert tuple(r[:5]) not in first_hidden
        assert (r[5], *r[:5]) not in later_hidden


# --- A relative likelihood of 0 on the page, at each group level ---------------------------

@pytest.fixture(scope="module")
def zeros(tmp_path_factory) -> Path:
    """The sample with two real zeros, as a trust's files would give them: no White
    shortlisted applicant appointed in 2025/26 (indicator 2: White over BME is 0 in 2026),
    and no case opened for a non-White member of staff from 1 April 2024 (indicator 3: each
    group's likelihood over White's is 0 in the years whose cases are all from then)."""
    out = tmp_path_factory.mktemp("zeros")
    for p in SAMPLE.iterdir():
        if p.is_file() and p.name not in ("recruitment.csv", "disciplinary.csv"):
            shutil.copy(p, out / p.name)
    rec = pd.read_csv(SAMPLE / "recruitment.csv", dtype=str, keep_default_na=False)
    white = classify(rec["Ethnicity"])[0]["wres_group"] == "White"
    rec.loc[white & (rec["Year"] == "2025/26"), "Appointed"] = "No"
    rec.to_csv(out / "recruitment.csv", index=False)
    wf = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False)
                    for p in sorted(SAMPLE.glob("workforce_*.csv"))])
    wf["_white"] = classify(wf["Ethnic Origin"])[0]["wres_group"] == "White"
    white_ids = set(wf.loc[wf["_white"], "Employee Number"]) \
        - set(wf.loc[~wf["_white"], "Employee Number"])
    dis = pd.read_csv(SAMPLE / "disciplinary.csv", dtype=str, keep_default_na=False)
    opened = pd.to_datetime(dis["Date Opened"], format="%d/%m/%Y")
    dis[(opened < "2024-04-01") | dis["Employee Number"].isin(white_ids)].to_csv(
        out / "disciplinary.csv", index=False)
    return out


def _zero_points(spec: dict) -> list[tuple[dict, int]]:
    """(trace, index) of every drawn point whose figure (customdata) is 0."""
    return [(t, i) for t in spec["data"] for i, cd in enumerate(t.get("customdata") or [])
            if isinstance(cd, list) and len(cd) == 8 and cd[4] == 0 and cd[7] is not None
            and cd[5] == "relative_likelihood"]


def _at(value, i):
    return value[i] if isinstance(value, list) else value


@pytest.mark.parametrize("groups", LEVELS)
@pytest.mark.parametrize("indicator", [2, 3])
def test_a_zero_ratio_is_drawn_as_none_at_every_group_level(zeros, indicator, groups):
    """Every chart of the likelihood page that draws a ratio of 0 draws it at the axis's low
    edge as an arrow head, the tick there "0", its label "0 (none)" (never "0.00" or a
    small ratio), and the legend saying why; the zeros are the results table's."""
    at = open_page(zeros, LIKELIHOOD, session={state.GROUPS: groups,
                                              "lk-indicator": indicator})
    e = engine(zeros)
    table = e.results(query(groups=groups))
    tables = [table, e.results(query())] + [e.results(query(by=b)) for b in
                                            ("department", "pay_band", "staff_group")]
    zero_rows = charts.select(table, indicator=indicator, measure="relative_likelihood",
                              dimension="overall", value=0.0)
    assert len(zero_rows)  # the data set has its zeros
    checked = 0
    for spec in specs(at):
        found = _zero_points(spec)
        if not found:
            continue
        title = chart_title(spec)
        horizontal = spec["layout"]["xaxis"].get("type") == "log"
        axis = spec["layout"]["xaxis" if horizontal else "yaxis"]
        assert axis["type"] == "log", title
        floor = 10 ** axis["range"][0] * 1.03
        assert axis["ticktext"][0] == "0" and axis["tickvals"][0] == pytest.approx(floor)
        assert "0.00" not in axis["ticktext"], title
        for trace, i in found:
            pos = _at(trace["x" if horizontal else "y"], i)
            assert pos == pytest.approx(floor), title
            symbol = _at(trace["marker"]["symbol"], i)
            assert symbol == ("triangle-left" if horizontal else "triangle-down"), title
            if trace.get("text"):
                assert _at(trace["text"], i) == "0 (none)", title
        texts = [t for tr in spec["data"] for t in (tr.get("text") or [])
                 if isinstance(tr.get("text"), list)]
        assert "0 (none)" in texts, title
        assert not [t for t in texts if isinstance(t, str) and t.startswith("0.00")], title
        legend = [t["name"] for t in spec["data"] if t.get("showlegend")]
        assert ratio.ZERO_LEGEND in legend, title
        assert_points_match(spec, tables)
        checked += 1
    # The trend and the breakdown draw the zero; at broad or category level the group
    # charts too, this year and over the years.
    assert checked >= (2 if groups == "wres" else 4), checked
