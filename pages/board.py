"""Indicator 9: the board against the workforce.

The BME share of all, voting, non-voting, executive and non-executive board members against
the BME share of the whole workforce, with the counts (boards are small), and the trend.
Reads only the results table. In publication-safe mode most board counts (1 to 9) are
withheld: the page says so plainly rather than showing empty charts without a word.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, charts, tables
from dashboard.state import current_view
from wres_core.disclosure.rules import BOARD_SHOWN_TEXT

ROLES = ("All", "Voting", "Non-voting", "Executive", "Non-executive")
ROLE_NAMES = {"All": "All board members", "Voting": "Voting members",
              "Non-voting": "Non-voting members", "Executive": "Executive members",
              "Non-executive": "Non-executive members"}
WORKFORCE = "Whole workforce"

view = current_view()
label = view.group_label
bme = view.bme_label

st.title("Indicator 9: the board against the workforce")
tables.drill_chip(view, key="bd-drill-chip")

if view.year is None:
    st.info("No data is loaded: see the Data and quality page.", icon=":material/info:")
    st.stop()
if not view.data.has("board"):
    st.info("No board file is loaded, so indicator 9 cannot be shown. It needs one row per "
            "board member at 31 March with ethnicity, voting (yes/no) and executive (yes/no).",
            icon=":material/info:")
    st.stop()

year = view.year
years = list(view.years)
query = replace(view.drilled_query(), groups="wres")
table = view.engine.results(query)
rows = charts.select(table, indicator=9)
if charts.select(rows, year=year, measure="board_share").empty:
    where = captions.md_escape(view.filters_text if not view.drill else view.drill_text)
    st.info(f"No board figures for 31 March {year} with these filters ({where}). A board has "
            "no department, band or staff group: clear those filters to see indicator 9.",
            icon=":material/info:")
    st.stop()

drill_id = "-".join(view.drill) if view.drill else "all"
withheld_any = bool(charts.select(rows, year=year)["suppressed"].any())


def key(name: str) -> str:
    return f"bd-{name}-{drill_id}"


def text(what: str, slug: str, *, years_=(year,), extra: str = "") -> captions.ChartText:
    filters = view.filters_text + (f"; {view.drill_text}" if view.drill else "")
    board_all = charts.select(rows, year=list(years_), measure="board_share", level="All",
                              group="BME")
    base = captions.base_text(board_all, noun="board members")
    return captions.chart_text(
        what=what, org_label=view.org_label, when_text=captions.when(9, list(years_)),
        filters_text=filters, source_text=captions.sources(9, years_),
        suppress=query.suppress, caution=query.caution, base=base, extra=extra,
        slug=f"indicator-9-{slug}", year=year)


# --- Headline: voting members against the workforce -------------------------------------------
now = charts.select(rows, year=year)
voting = charts.select(now, measure="board_share", level="Voting", group="BME")
wf = charts.select(now, measure="workforce_share", group="BME")
diff = charts.select(now, measure="difference", level="Voting", group="BME")
c1, c2, c3 = st.columns(3)
for col, r, title in ((c1, voting, f"{bme} share of voting board members"),
                      (c2, wf, f"{bme} share of the workforce"),
                      (c3, diff, "Difference (board minus workforce)")):
    if r.empty:
        col.metric(title, "–", border=True)
        continue
    f = tables.figures_table(r, label=label).iloc[0]
    counts = f"{f.get('Numerator', '')} of {f.get('Denominator', '')}".strip()
    col.metric(title, f["Figure"], border=True,
               help=f"{counts} people" if counts != "of" else None)
    if "Numerator" in f and f["Numerator"] not in ("", captions.WITHHELD):
        col.caption(f"{f['Numerator']} of {f['Denominator']}")
if query.suppress >= 2:
    st.caption(BOARD_SHOWN_TEXT)  # issue 14: the reason the board is never withheld
if query.suppress >= 2 and withheld_any:
    st.warning(f"Board figures are small. In publication-safe mode every count from 1 to "
               f"{query.suppress - 1} is withheld, and so is any share built from one: the "
               "charts and the table say \"withheld\" where that happens. Turn publication-safe "
               "mode off in the sidebar to see them (not for publication).",
               icon=":material/visibility_off:")
elif not diff.empty and pd.notna(diff.iloc[0]["value"]):
    d = float(diff.iloc[0]["value"])
    st.markdown(f"The {captions.md_escape(bme)} share of voting board members is "
                f"**{abs(d):.1f} percentage points {'below' if d < 0 else 'above'}** the "
                f"{captions.md_escape(bme)} share of the workforce (close to 0 is the aim).")

# --- Board roles against the workforce --------------------------------------------------------
st.header("Board roles against the workforce")
board = charts.select(now, measure="board_share", dimension="board_role")
board = board.assign(_row=board["level"].map(lambda lv: ROLE_NAMES.get(lv, lv)))
workforce = charts.select(now, measure="workforce_share").assign(_row=WORKFORCE)
both = pd.concat([board, workforce], ignore_index=True)
ref = None
if not wf.empty and not bool(wf.iloc[0]["suppressed"]) and pd.notna(wf.iloc[0]["value"]):
    ref = float(wf.iloc[0]["value"])
order = [ROLE_NAMES[r] for r in ROLES] + [WORKFORCE]
t = text(f"{bme}, White and Unknown share of board members by role, against the whole "
         "workforce", "board-roles",
         extra="Counts (n of N) are printed beside the bars: boards are small, so one "
               "person moves a share a long way.")
fig = charts.share_bars(both, t, label=label, order=order, reference=ref,
                        reference_label=f"{bme} share of the workforce"
                        + (f" ({ref:.1f}%)" if ref is not None else ""),
                        column_group="BME")
behind = pd.concat([charts.select(now, measure="board_share"),
                    charts.select(now, measure="workforce_share"),
                    charts.select(now, measure="difference")], ignore_index=True)
tables.show_chart(fig, t, behind, key=key("roles"), label=label,
                  caption="Voting and non-voting members add up to all members; so do "
                          "executive and non-executive members.")

# --- Trend ------------------------------------------------------------------------------------
st.header("Over the years")
if len(years) < 2:
    st.info(f"Only one year is loaded or chosen ({year}), so there is no trend. Load earlier "
            "board and workforce files, or compare more years in the sidebar.",
            icon=":material/info:")
else:
    parts = []
    for level, name in (("All", f"Board: all members ({bme})"),
                        ("Voting", f"Board: voting members ({bme})")):
        part = charts.select(rows, year=years, measure="board_share", level=level, group="BME")
        parts.append(part.assign(_series=name))
    series = pd.concat(parts, ignore_index=True)
    reference = charts.select(rows, year=years, measure="workforce_share", group="BME")
    t = text(f"{bme} share of the board (all and voting members) against the workforce, "
             f"{years[0]} to {years[-1]}", "trend", years_=years)
    # No intervals here: a board is the whole population of its members, and an interval on
    # 14 people would swamp the chart; the counts are printed instead.
    fig = charts.percent_trend(series, t, label=label, intervals=False, counts=True,
                               reference=reference,
                               reference_label=f"{bme} share of the workforce",
                               y_title=f"{bme} share")
    behind = charts.select(rows, year=years, group="BME",
                           measure=["board_share", "workforce_share", "difference"])
    behind = behind[(behind["measure"] == "workforce_share") |
                    behind["level"].isin(["All", "Voting"])]
    tables.show_chart(fig, t, behind, key=key("trend"), label=label)
