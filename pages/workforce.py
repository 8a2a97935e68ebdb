"""Indicator 1: who is in each pay band, against the whole workforce.

Reads only the results table (``engine.results``) and the Model Employer gap, which is core
output (``wres_core.indicators.workforce.model_employer``) on the filtered data. Draws: the
White / BME / Unknown split of each Agenda for Change band and each medical grade against the
overall BME share, clinical and non-clinical side by side, Band 8a and above against the
overall share with the number of staff each band is short, each department, and the trend
per band over the years compared.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import captions, charts, tables
from dashboard.state import current_view
from wres_core.codes.bands import MEDICAL_ROWS, SENIOR_BANDS
from wres_core.indicators.workforce import SENIOR_MEDICAL_MANAGER

TOP_N = 15
# Medical and dental rows, with the "of which" Senior medical manager row after Consultant.
MEDICAL = (MEDICAL_ROWS[0], SENIOR_MEDICAL_MANAGER, *MEDICAL_ROWS[1:])

view = current_view()
label = view.group_label
bme = view.bme_label

st.title("Indicator 1: the workforce by pay band")
tables.drill_chip(view, key="wf-drill-chip")

if view.year is None or not view.data.has("workforce"):
    st.info("No workforce snapshot is loaded, so indicator 1 cannot be shown. Load an ESR "
            "staff-in-post extract (one row per person at 31 March, with ethnicity and pay "
            "band): see the Data and quality page.", icon=":material/info:")
    st.stop()

year = view.year
query = view.drilled_query()
wres_query = replace(query, groups="wres")
engine = view.engine
dept_query = replace(query, by="department") \
    if "department" in view.data.get("workforce").columns else None
# One call for the page's views (Engine.page): the department figures are computed first, so
# the overall table is cut from them; they are made publication-safe further down, where
# they are drawn, so that the browser draws the charts above while the server works on them.
table = engine.page(query, drills=[dept_query and "department"]).overall
wres_table = table if query.groups == "wres" else engine.results(wres_query)
ind1 = charts.select(table, indicator=1, measure="share")
ind1_wres = charts.select(wres_table, indicator=1, measure="share")
this_year = charts.select(ind1, year=year)
if this_year.empty:
    st.info(f"No workforce figures for 31 March {year} with these filters "
            f"({captions.md_escape(view.filters_text)}). Try another year or fewer filters.",
            icon=":material/info:")
    st.stop()

drill_id = "-".join(view.drill) if view.drill else "all"


def key(name: str) -> str:
    """Chart keys change with the drill-down, so a new chart starts with no selection."""
    return f"wf-{name}-{drill_id}"


def text(what: str, slug: str, rows: pd.DataFrame, *, years=(year,), extra: str = "",
         base: bool = True) -> captions.ChartText:
    filters = view.filters_text + (f"; {view.drill_text}" if view.drill else "")
    return captions.chart_text(
        what=what, org_label=view.org_label, when_text=captions.when(1, list(years)),
        filters_text=filters, source_text=captions.sources(1, years),
        suppress=query.suppress, caution=query.caution,
        base=captions.base_text(charts.select(rows, dimension="overall", year=list(years),
                                              group=rows["group"].iloc[0] if len(rows) else None))
        if base else "",
        extra=extra, slug=slug, year=year)


# --- Headline -------------------------------------------------------------------------------
overall = charts.select(ind1_wres, year=year, dimension="overall")
overall_bme = charts.select(overall, group="BME")
ref_value = None
if not overall_bme.empty and not bool(overall_bme.iloc[0]["suppressed"]) and \
        pd.notna(overall_bme.iloc[0]["value"]):
    ref_value = float(overall_bme.iloc[0]["value"])
cols = st.columns(3)
for col, group in zip(cols, ("BME", "White", "Unknown"), strict=True):
    row = charts.select(overall, group=group)
    if row.empty:
        col.metric(f"{label(group)} staff", "–")
        continue
    r = row.iloc[0]
    shown = tables.figures_table(row, label=label).iloc[0]
    col.metric(f"{label(group)} share of staff, 31 March {year}", shown["Figure"],
               help=f"{shown.get('Numerator', '')} of {shown.get('Denominator', '')} staff",
               border=True)
    if group == "Unknown" and pd.notna(r["value"]) and float(r["value"]) > 5:
        col.warning(f"Ethnicity is unknown for {float(r['value']):.1f}% of staff: the "
                    "guidance warns that a high unknown share makes every indicator less "
                    "reliable.", icon=":material/warning:")
if ref_value is not None:
    st.caption(f"The dashed line on each chart is the overall {captions.md_escape(bme)} share "
               f"of the workforce in view ({ref_value:.1f}%). Snapshot: 31 March {year}.")
else:
    st.caption(f"The overall {captions.md_escape(bme)} share is withheld or not available for "
               "this selection, so the charts draw no reference line. Snapshot: 31 March "
               f"{year}.")

# --- Agenda for Change bands --------------------------------------------------------------
bands = charts.select(ind1, year=year, dimension="pay_band")
afc_levels = [lv for lv in dict.fromkeys(bands["level"]) if lv not in MEDICAL]
medical_levels = [lv for lv in MEDICAL if (bands["level"] == lv).any()]
ref_label = f"overall {bme} share" + (f" ({ref_value:.1f}%)" if ref_value is not None else "")

st.header("By pay band")
afc = charts.select(bands, level=afc_levels)
senior_present = [b for b in SENIOR_BANDS if b in afc_levels]
senior_text = ""
if ref_value is not None:
    senior_rows = charts.select(ind1_wres, year=year, dimension="pay_band", group="BME",
                                level=senior_present)
    shown_rows = [r for _, r in senior_rows.iterrows()
                  if not bool(r["suppressed"]) and pd.notna(r["value"])]
    below = [r["level"] for r in shown_rows if float(r["value"]) < ref_value]
    hidden = len(senior_rows) - len(shown_rows)
    if len(senior_present) > 1 and len(shown_rows) == 1:
        r0 = shown_rows[0]
        side = "below" if below else "at or above"
        senior_text = (f"At Band 8a and above, the one band whose {bme} share is shown "
                       f"({r0['level']}, {float(r0['value']):.1f}%) is {side} the overall "
                       f"{ref_value:.1f}%.")
    elif len(senior_present) > 1 and shown_rows:
        senior_text = (f"At Band 8a and above, {len(below)} of the {len(shown_rows)} bands "
                       f"whose {bme} share is shown are below the overall {ref_value:.1f}%.")
    if hidden:
        senior_text += (f" {hidden} of the {len(senior_present)} bands at 8a and above have "
                        f"their {bme} share withheld or not available; see the table.")
# The bands, the medical grades and the clinical split are three views of one breakdown: tabs,
# only the open one drawn (a chart costs the browser two plotly draws on every change, and
# a chart in a closed tab would be drawn unseen). Opening another tab reruns the page.
split = charts.select(ind1, year=year, dimension="clinical_pay_band")
AFC_TAB, MEDICAL_TAB, SPLIT_TAB = ("Agenda for Change bands", "Medical and dental grades",
                                   "Non-clinical and clinical")
tab_names = [AFC_TAB] + ([MEDICAL_TAB] if medical_levels else []) + \
    ([SPLIT_TAB] if not split.empty else [])
tabs = dict(zip(tab_names, st.tabs(tab_names, key="wf-band-tab", on_change="rerun"),
                strict=True))

if tabs[AFC_TAB].open:
    with tabs[AFC_TAB]:
        if afc.empty:
            st.info("No Agenda for Change bands in this selection.", icon=":material/info:")
        else:
            t = text(f"{bme}, White and Unknown share of staff in each Agenda for Change "
                     f"band, against the overall {bme} share", "indicator-1-by-band",
                     ind1_wres)
            fig = charts.share_bars(afc, t, label=label, order=afc_levels,
                                    reference=ref_value, reference_label=ref_label,
                                    drill="pay_band", highlight=senior_present,
                                    highlight_label="Band 8a and above")
            tables.show_chart(fig, t, afc, key=key("bands"), label=label, drillable=True,
                              caption=(senior_text + " Click a band to drill into it.").strip())

# --- Medical grades -------------------------------------------------------------------------
if medical_levels and tabs[MEDICAL_TAB].open:
    with tabs[MEDICAL_TAB]:
        med = charts.select(bands, level=medical_levels)
        t = text(f"{bme}, White and Unknown share of medical and dental staff in each grade, "
                 f"against the overall {bme} share", "indicator-1-medical-grades", ind1_wres)
        fig = charts.share_bars(med, t, label=label, order=medical_levels, reference=ref_value,
                                reference_label=ref_label, drill="pay_band")
        tables.show_chart(fig, t, med, key=key("medical"), label=label, drillable=True,
                          caption="Senior medical managers are an \"of which\" row: they are "
                                  "already counted under Consultant.")

# --- Clinical and non-clinical side by side -------------------------------------------------
if not split.empty and tabs[SPLIT_TAB].open:
    with tabs[SPLIT_TAB]:
        band_order = list(dict.fromkeys(str(lv).split(": ", 1)[1] for lv in split["level"]))
        t = text(f"{bme}, White and Unknown share by band: non-clinical and clinical staff "
                 f"side by side, against the overall {bme} share",
                 "indicator-1-clinical-split", ind1_wres)
        fig = charts.share_bars(split, t, label=label, order=band_order, reference=ref_value,
                                reference_label=ref_label, split=": ",
                                facets=("Non-clinical", "Clinical"), drill="pay_band",
                                highlight=[b for b in SENIOR_BANDS if b in band_order],
                                highlight_label="Band 8a and above")
        tables.show_chart(fig, t, split, key=key("clinical"), label=label, drillable=True,
                          caption="Medical and dental grades are clinical: they appear only in "
                                  "the Clinical panel.")
elif split.empty and not afc.empty:
    st.info("The workforce data has no staff group or clinical flag, so clinical and "
            "non-clinical staff cannot be shown side by side.", icon=":material/info:")

# --- Model Employer: Band 8a and above ----------------------------------------------------
st.header("Band 8a and above against the overall share")
st.caption(f"Model Employer: each band's {captions.md_escape(bme)} share against a target "
           f"(the overall {captions.md_escape(bme)} share of the workforce unless you set "
           "your own), and how many more "
           f"{captions.md_escape(bme)} staff the band would need at its current size.")
targets: dict[str, float] = {}
with st.expander("Use your own targets (percent, per band)", icon=":material/flag:"):
    tcols = st.columns(max(1, len(senior_present) or 1))
    for col, band in zip(tcols, senior_present, strict=False):
        value = col.number_input(band, min_value=0.0, max_value=100.0, value=None, step=1.0,
                                 format="%.1f", key=f"wf-target-{band}-{year}",
                                 placeholder="overall")
        if value is not None:
            targets[band] = float(value)
me = engine.model_employer(query, year=year, targets=targets)
if me.empty:
    st.info("No staff at Band 8a and above in this selection.", icon=":material/info:")
else:
    # Withhold a band exactly where indicator 1 withholds its BME figure or its base.
    bme_rows = charts.select(ind1_wres, year=year, dimension="pay_band", group="BME")
    withheld = {str(r["level"]) for _, r in bme_rows.iterrows()
                if bool(r["suppressed"]) or pd.isna(r["numerator"]) or pd.isna(r["denominator"])}
    withheld &= set(me["pay_band"].astype(str))
    short = me[~me["pay_band"].isin(withheld)]
    total_short = int(short["additional_bme_needed"].sum())
    extra = (f"Target: {'your own where set, else ' if targets else ''}the overall {bme} share "
             f"of the workforce at 31 March {year}.")
    if withheld:
        extra += f" Withheld: {', '.join(sorted(withheld))}."
    t = text(f"Band 8a and above: {bme} share of each band against the target, and the "
             f"number of {bme} staff each band is short", "indicator-1-model-employer",
             ind1_wres, extra=extra)
    me_table = tables.model_employer_table(me, withheld=withheld, bme=bme)
    if short.empty:
        # A chart of nothing but the word "withheld" would say less than this.
        st.info(f"The {bme} share of every band at 8a and above is withheld here: "
                "publication-safe mode withholds figures built from small counts (and those "
                "that would reveal them). The table lists the bands.",
                icon=":material/visibility_off:")
        with st.expander(f"Figures ({len(me_table)} rows)", icon=":material/table:"):
            st.dataframe(me_table, hide_index=True, width="stretch",
                         key=key("model-employer-table"))
    else:
        fig = charts.model_employer_bars(me, t, label=label, withheld=withheld)
        tables.show_chart(
            fig, t, None, key=key("model-employer"), drillable=True, table=me_table,
            caption=(f"Across the bands shown, {total_short:,} more {bme} staff would be "
                     "needed to match the target at today's band sizes."))

# --- By department ----------------------------------------------------------------------------
st.header("By department")
if dept_query is None:
    st.info("The workforce data has no department column, so there is no department view.",
            icon=":material/info:")
else:
    dept_table = engine.results(dept_query)
    tables.drill_down_notice(dept_table, "department")
    depts = charts.select(dept_table, indicator=1, measure="share", year=year,
                          dimension="department")
    if depts.empty:
        st.info("No department figures for this selection.", icon=":material/info:")
    else:
        # Order by the BME share (highest first); departments with it withheld go last.
        key_rows = charts.select(depts, group="BME") if (depts["group"] == "BME").any() \
            else depts[depts["group"] != "White"]
        ranked = key_rows.assign(_v=key_rows["value"].astype("Float64").fillna(-1.0))
        order = list(dict.fromkeys(ranked.sort_values("_v", ascending=False,
                                                      kind="stable")["level"]))
        n = len(order)
        show_all = True
        if n > TOP_N:
            show_all = st.toggle(f"Show all {n} departments", key="wf-dept-all",
                                 value=False)
        shown_levels = order if show_all else order[:TOP_N]
        n_hidden = int(ranked["_v"].lt(0).sum())
        extra = "" if show_all else (f"Showing {TOP_N} of {n} departments, the highest "
                                     f"{bme} share first.")
        if n_hidden:
            extra += (f" {n_hidden} of {n} departments have their {bme} share withheld or "
                      "not available" + (": they come last." if not show_all else "."))
        t = text(f"{bme}, White and Unknown share of staff in each department, against the "
                 f"overall {bme} share", "indicator-1-by-department", ind1_wres, extra=extra)
        rows = charts.select(depts, level=shown_levels)
        fig = charts.share_bars(rows, t, label=label, order=shown_levels, reference=ref_value,
                                reference_label=ref_label, drill="department")
        tables.show_chart(fig, t, rows, key=key("departments"), label=label, drillable=True,
                          caption="Click a department to drill into it.")

# --- Trend per band -------------------------------------------------------------------------
st.header("Trend per band")
years = list(view.years)
if len(years) < 2:
    st.info(f"Only one year is loaded or chosen ({year}), so there is no trend to show. Load "
            "earlier workforce snapshots, or compare more years in the sidebar.",
            icon=":material/info:")
else:
    trend = charts.select(ind1_wres, year=years, dimension="pay_band", group="BME")
    ref_rows = charts.select(ind1_wres, year=years, dimension="overall", group="BME")
    levels = [lv for lv in dict.fromkeys(
        charts.select(ind1_wres, dimension="pay_band")["level"]) if (trend["level"] == lv).any()]
    t = text(f"{bme} share of staff in each band, {years[0]} to {years[-1]}",
             "indicator-1-trend-by-band", ind1_wres, years=years)
    fig = charts.share_by_year(trend, t, label=label, order=levels, reference=ref_rows,
                               drill="pay_band", intervals=view.intervals)
    tables.show_chart(fig, t, pd.concat([trend, ref_rows]), key=key("trend"), label=label,
                      drillable=True,
                      caption="Each row is a band; the dots are the years (the latest darkest, "
                              "with its 95% interval). Earlier years' overall shares are in "
                              "the table.")
