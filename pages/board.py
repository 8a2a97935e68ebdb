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
from dashboard.views import Words
from dashboard.views import board as bd_views
from dashboard.views.change import change_sentences
from dashboard.views.groups import GROUP_WORDS, group_charts
from wres_core.disclosure.rules import BOARD_SHOWN_TEXT

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
    # Board figures themselves are never withheld (BOARD_SHOWN_TEXT); what can be is the
    # workforce figure they are compared with, where it rests on a small count of staff.
    st.warning("Some figures here are withheld: the workforce figures the board is compared "
               f"with, where a count of staff from 1 to {query.suppress - 1} (or a figure "
               "that would reveal one) lies behind them. The charts and the table say "
               "\"withheld\" where that happens. Turn publication-safe mode off in the "
               "sidebar to see them (not for publication).",
               icon=":material/visibility_off:")
elif not diff.empty and pd.notna(diff.iloc[0]["value"]):
    d = float(diff.iloc[0]["value"])
    st.markdown(f"The {captions.md_escape(bme)} share of voting board members is "
                f"**{abs(d):.1f} percentage points {'below' if d < 0 else 'above'}** the "
                f"{captions.md_escape(bme)} share of the workforce (close to 0 is the aim).")

said = change_sentences(view.engine.changes(query),
                        view.engine.changes(query, since=years[0]), year=year, years=years,
                        indicator=9, measure="difference", group="BME",
                        dimension="board_role", level="Voting")
if said:
    st.markdown("**Change in the difference (voting members).** "
                + captions.md_escape(" ".join(said)))

# --- Board roles against the workforce --------------------------------------------------------
words = Words.of_view(view)
st.header("Board roles against the workforce")
chart = bd_views.roles(table, words, label=label)
tables.show_view_chart(chart, key=key(chart.key), label=label)

# --- Trend ------------------------------------------------------------------------------------
st.header("Over the years")
chart = bd_views.trend(table, words, label=label)
if chart is None:
    st.info(f"Only one year is loaded or chosen ({year}), so there is no trend. Load earlier "
            "board and workforce files, or compare more years in the sidebar.",
            icon=":material/info:")
else:
    tables.show_view_chart(chart, key=key(chart.key), label=label)

# --- Each group of the level chosen under Display ------------------------------------------
st.header(f"Each {GROUP_WORDS[view.query.groups]} against the workforce")
if view.query.groups == "wres":
    st.caption("Choose broad ethnic groups or individual categories under Display in the "
               "sidebar to compare each group's share of voting board members with its share "
               "of the workforce.")
else:
    level_query = replace(query, groups=view.query.groups)
    for chart in group_charts(9, view.engine.results(level_query), words,
                              groups=level_query.groups, label=label, intervals=False):
        tables.show_view_chart(chart, key=key(chart.key), label=label)
