"""Indicators 2, 3 and 4: relative likelihoods, one page with a switch and one layout.

- 2: White shortlisted applicants' likelihood of appointment over BME applicants' (and the
  application-to-shortlisting stage where the data has it);
- 3: BME staff's likelihood of entering the formal disciplinary process over White staff's
  (the two-year headline against the single-year figure);
- 4: White staff's likelihood of accessing non-mandatory training and CPD over BME staff's.

Above 1 is always worse for BME staff. Reads only the results table.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, charts, tables, theme
from dashboard.state import current_view

TOP_N = 15
KINDS = {2: "recruitment", 3: "disciplinary", 4: "training"}
NAMES = {2: "2. Appointment from shortlisting", 3: "3. Formal disciplinary process",
         4: "4. Non-mandatory training and CPD"}
MISSING = {
    2: "No recruitment file is loaded, so indicator 2 cannot be shown. It needs one row per "
       "shortlisted applicant with ethnicity and whether they were appointed.",
    3: "No disciplinary file is loaded, so indicator 3 cannot be shown. It needs one row per "
       "case entering the formal process (a person id or an ethnicity) and the workforce.",
    4: "No training file is loaded, so indicator 4 cannot be shown. It needs one row per "
       "member of staff who accessed non-mandatory training or CPD, and the workforce.",
}
# Breakdowns offered per indicator (the column must be in the data for rows to come back).
BREAKDOWNS = {2: ("department", "pay_band", "staff_group", "internal"),
              3: ("department", "pay_band", "staff_group"),
              4: ("department", "pay_band", "staff_group")}
HEADLINE = "relative_likelihood"

view = current_view()
label = view.group_label
bme = view.bme_label

st.title("Indicators 2 to 4: relative likelihoods")
indicator = st.segmented_control(
    "Indicator", options=list(NAMES), format_func=NAMES.get, default=2, required=True,
    key="lk-indicator")
indicator = int(indicator or 2)
tables.drill_chip(view, key="lk-drill-chip")

if view.year is None:
    st.info("No data is loaded: see the Data and quality page.", icon=":material/info:")
    st.stop()
if not view.data.has(KINDS[indicator]):
    st.info(MISSING[indicator], icon=":material/info:")
    st.stop()

year = view.year
years = list(view.years)
query = view.drilled_query()
engine = view.engine
wres_query = replace(query, groups="wres")
# One call for the page's views (Engine.page), the breakdown shown below (the one chosen
# last time) first: the overall table is cut from it (made publication-safe further down,
# where it is drawn).
table = engine.page(wres_query, drills=[st.session_state.get(f"lk{indicator}-dim")
                                        or "department"]).overall
rows = charts.select(table, indicator=indicator)
if rows.empty or charts.select(rows, year=year).empty:
    st.info(f"No indicator {indicator} figures for {captions.when(indicator, [year])} with these "
            f"filters ({captions.md_escape(view.filters_text)}). The {KINDS[indicator]} data "
            "may not cover this year, or the filters leave no one.", icon=":material/info:")
    st.stop()

drill_id = "-".join(view.drill) if view.drill else "all"


def key(name: str) -> str:
    return f"lk{indicator}-{name}-{drill_id}"


def text(what: str, slug: str, *, years_=(year,), measure: str = HEADLINE, base_rows=None,
         extra: str = "", noun: str = "") -> captions.ChartText:
    filters = view.filters_text + (f"; {view.drill_text}" if view.drill else "")
    base = ""
    if base_rows is not None and not base_rows.empty:
        base = captions.base_text(base_rows, noun=noun or "people")
    return captions.chart_text(
        what=what, org_label=view.org_label, when_text=captions.when(indicator, list(years_)),
        filters_text=filters, source_text=captions.sources(indicator, years_, measure=measure),
        suppress=query.suppress, caution=query.caution, base=base,
        extra=(captions.above_one_sentence(indicator, bme=bme) + " " + extra).strip(),
        slug=f"indicator-{indicator}-{slug}", year=year)


NOUNS = {2: "shortlisted applicants", 3: "staff", 4: "staff"}
LIKELIHOOD = {2: "likelihood", 3: "likelihood_2y", 4: "likelihood"}

# --- Headline ------------------------------------------------------------------------------
head = charts.select(rows, year=year, measure=HEADLINE, dimension="overall", group="BME")
st.subheader(NAMES[indicator][3:] + f": {captions.when(indicator, [year])}")
if head.empty:
    st.info("No relative likelihood for this year.", icon=":material/info:")
else:
    r = head.iloc[0]
    figure = tables.figures_table(head, label=label).iloc[0]
    c1, c2 = st.columns([1, 2])
    c1.metric("Relative likelihood" + (" (two-year)" if indicator == 3 else ""),
              figure["Figure"], border=True,
              help="A ratio, not a percentage: 1.00 means equally likely.")
    if bool(r["suppressed"]):
        c2.info("The relative likelihood is withheld in publication-safe mode (a count "
                "behind it is small).", icon=":material/visibility_off:")
    elif pd.notna(r["value"]):
        value = float(r["value"])
        inside = theme.non_adverse(value)
        status = theme.STATUS["inside" if inside else "outside"]
        c2.markdown(
            f"**{captions.md_escape(captions.ratio_sentence(indicator, value, bme=bme))}**  \n"
            f"{captions.md_escape(captions.above_one_sentence(indicator, bme=bme))}  \n"
            f":{status.streamlit_colour}[{status.icon} {status.word}]"
            + (f" · 95% interval {figure['95% interval']}" if figure.get("95% interval")
               else ""))
    else:
        c2.info("Not available: " + captions.md_escape(r["note"] or "the figure cannot be "
                "computed") + ".",
                icon=":material/info:")
    if indicator == 3:
        st.caption("The headline pools the cases and headcounts of this financial year and "
                   "the one before (two-year figure), as the WRES does; the single-year figure "
                   "is shown beside it in the trend.")

# --- Trend ---------------------------------------------------------------------------------
st.header("Over the years")
series = {HEADLINE: "relative likelihood"}
if indicator == 3:
    series = {HEADLINE: "two-year (headline)", "relative_likelihood_1y": "single year"}
trend = charts.select(rows, year=years, measure=list(series), dimension="overall",
                      group="BME")
if len(years) < 2:
    st.info(f"Only one year is loaded or chosen ({year}), so there is no trend: the chart "
            "shows that year alone. Load earlier years, or compare more years in the "
            "sidebar.", icon=":material/info:")
t = text(f"Relative likelihood, {NAMES[indicator][3:].lower()}, {bme} against White"
         + (": two-year and single-year figures" if indicator == 3 else ""),
         "trend", years_=years)
fig = charts.ratio_trend(trend, t, series=series, intervals=view.intervals, label=label)
tables.show_chart(fig, t, trend, key=key("trend"), label=label)

# --- Likelihood of each group --------------------------------------------------------------
st.header("The likelihood of each group")
lk_measure = LIKELIHOOD[indicator]
lk = charts.select(rows, year=year, measure=lk_measure, dimension="overall")
what = {2: "Likelihood of appointment from shortlisting, by ethnic group",
        3: "Likelihood of entering the formal disciplinary process (two-year), by ethnic "
           "group",
        4: "Likelihood of accessing non-mandatory training or CPD, by ethnic group"}[indicator]
t = text(what, "likelihood-by-group", measure=lk_measure, base_rows=lk, noun=NOUNS[indicator])
fig = charts.likelihood_bars(lk, t, label=label, intervals=view.intervals)
tables.show_chart(fig, t, lk, key=key("groups"), label=label,
                  caption="Each bar is the share of the group with the outcome (k of n). The "
                          "relative likelihood divides one group's bar by the other's.")

# --- Breakdown: department, band, staff group ---------------------------------------------
st.header("By department, band or staff group")
offered = [d for d in BREAKDOWNS[indicator]]
dim = st.segmented_control("Break down by", options=offered, default="department",
                           format_func=captions.dimension_label, required=True,
                           key=f"lk{indicator}-dim")
dim = dim or "department"
dim_table = engine.results(replace(wres_query, by=dim))
dim_rows = charts.select(dim_table, indicator=indicator, year=year, measure=HEADLINE,
                         dimension=dim, group="BME")
if dim_rows.empty:
    st.info(f"No {captions.dimension_label(dim).lower()} breakdown for indicator {indicator}: "
            f"the {KINDS[indicator]} data (or the workforce behind it) has no "
            f"{captions.dimension_label(dim).lower()} column.", icon=":material/info:")
else:
    n = len(dim_rows)
    n_hidden = int((dim_rows["suppressed"].fillna(False).astype(bool)
                    | dim_rows["value"].isna()).sum())
    behind = charts.select(dim_table, indicator=indicator, year=year, dimension=dim,
                           measure=[HEADLINE, lk_measure])
    if n_hidden == n:
        # A chart of nothing but the word "withheld" would say less than this.
        st.info(f"Every {captions.dimension_label(dim).lower()} figure of indicator "
                f"{indicator} is withheld or not available here: publication-safe mode "
                "withholds figures built from small counts. The table lists them.",
                icon=":material/visibility_off:")
        with st.expander(f"Figures ({len(behind)} rows)", icon=":material/table:"):
            st.dataframe(tables.figures_table(behind, label=label), hide_index=True,
                         width="stretch", key=key(f"by-{dim}-table"))
    else:
        show_all = True
        if n > TOP_N:
            show_all = st.toggle(f"Show all {n} ({captions.dimension_label(dim).lower()})",
                                 value=False, key=f"lk{indicator}-{dim}-all")
        extra = "" if show_all else f"Showing at most {TOP_N} of {n}, the highest first."
        if n_hidden:
            extra += (f" {n_hidden} of {n} withheld or not available (listed in the table"
                      f"{'' if show_all else ' and under Show all'}).")
        t = text(f"Relative likelihood by {captions.dimension_label(dim).lower()}, "
                 f"{NAMES[indicator][3:].lower()}, {bme} against White, highest first",
                 f"by-{dim}", extra=extra)
        fig = charts.ratio_dots(dim_rows, t, drill=dim if dim != "internal" else "",
                                top=None if show_all else TOP_N, intervals=view.intervals,
                                label=label)
        tables.show_chart(fig, t, behind, key=key(f"by-{dim}"), label=label,
                          drillable=dim != "internal",
                          caption="Highest (worst for the compared group) at the top. Wide "
                                  "intervals mean small numbers. Click a row to drill into "
                                  "it.")

# --- Each ethnic category against White ------------------------------------------------------
st.header("Each ethnic category against White")
cat_table = engine.results(replace(query, groups="category"))
cats = charts.select(cat_table, indicator=indicator, year=year, measure=HEADLINE,
                     dimension="overall")
cats = cats[~cats["group"].isin(["White", "Unknown"])]
cats_shown = cats[~(cats["suppressed"].fillna(False).astype(bool) | cats["value"].isna())]
if cats.empty:
    st.info("No figures by ethnic category for this selection.", icon=":material/info:")
elif cats_shown.empty:
    st.info("Every ethnic category's relative likelihood is withheld or not available here: "
            "publication-safe mode withholds figures built from small counts.",
            icon=":material/visibility_off:")
else:
    t = text(f"Relative likelihood of each ethnic category against all White "
             f"{NOUNS[indicator]}, {NAMES[indicator][3:].lower()}", "by-category")
    fig = charts.ratio_dots(cats, t, by="group", intervals=view.intervals, label=label,
                            colour_by_group=True)
    behind = charts.select(cat_table, indicator=indicator, year=year, dimension="overall",
                           measure=[HEADLINE, lk_measure])
    tables.show_chart(fig, t, behind, key=key("categories"), label=label,
                      caption="White sub-categories (White Irish, Any other White background) "
                              "are compared with all White staff too, as the guidance asks.")

# --- Indicator 2: application to shortlisting ----------------------------------------------
if indicator == 2:
    st.header("Application to shortlisting")
    stage = charts.select(rows, year=years, measure="relative_likelihood_shortlisted",
                          dimension="overall", group="BME")
    if stage.empty:
        st.info("The recruitment data has no applications that were not shortlisted, so the "
                "application-to-shortlisting stage cannot be shown.", icon=":material/info:")
    else:
        latest = charts.select(stage, year=year)
        if not latest.empty and not bool(latest.iloc[0]["suppressed"]) and \
                pd.notna(latest.iloc[0]["value"]):
            st.markdown(captions.md_escape(captions.ratio_sentence(
                2, float(latest.iloc[0]["value"]), bme=bme, stage="shortlisted")))
        t = text(f"Relative likelihood of being shortlisted from application, {bme} against "
                 "White", "shortlisting-trend", years_=years,
                 measure="relative_likelihood_shortlisted")
        fig = charts.ratio_trend(stage, t, series={"relative_likelihood_shortlisted":
                                                   "relative likelihood of shortlisting"},
                                 intervals=view.intervals, label=label)
        behind = charts.select(rows, year=years, dimension="overall",
                               measure=["relative_likelihood_shortlisted",
                                        "likelihood_shortlisted"])
        tables.show_chart(fig, t, behind, key=key("shortlisting"), label=label)
