"""Data and quality: what is loaded, every finding, unknown ethnicity, unmatched person ids.

Findings are data from the loader (wres_core.findings); this page only lays them out. The
unknown-ethnicity figures are indicator 1's rows for the group Unknown, read from the results
table (never recounted here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import sidebar, state
from dashboard.captions import CAUTION_MARK, md_escape
from dashboard.tables import drill_down_notice
from wres_core.codes.bands import UNRECOGNISED
from wres_core.disclosure import withheld_note
from wres_core.disclosure.findings import publication_safe, withheld_count, withheld_text
from wres_core.findings import Finding, to_frame

# Material icons come from the font Streamlit bundles (emoji need a font the machine may lack).
LEVEL_WORDS = {"error": ":material/error: Error", "warning": ":material/warning: Warning",
               "info": ":material/info: Info"}
# A table of findings wraps its text (st.table); beyond this many rows, a scrolling grid.
TABLE_ROWS = 60
KIND_WORDS = {
    "workforce": "Workforce (31 March snapshot)",
    "recruitment": "Recruitment (shortlisted applicants)",
    "disciplinary": "Disciplinary cases",
    "training": "Non-mandatory training and CPD",
    "survey": "NHS Staff Survey (respondents)",
    "survey_summary": "NHS Staff Survey (published percentages)",
    "board": "Board members",
    "mapping": "Local mapping",
    "": "Not recognised",
}


def main() -> None:
    view = state.current_view()
    data = view.data
    st.title("Data and quality")
    st.caption(md_escape(f"{view.org_label}. {view.source_label}."))

    if not data.tables and not data.findings:
        st.info("Nothing is loaded. Choose **My files** in the sidebar and load your "
                "workforce extract (and any recruitment, disciplinary, training, staff survey "
                "and board files), or go back to the sample.", icon=":material/upload_file:")
        return

    loaded(data)
    # Counts in findings follow publication-safe mode like every table (issue 14).
    shown = publication_safe(data.findings, view.query.suppress)
    findings(shown, withheld_text(withheld_count(data.findings, shown), SHOW_ALL))
    departments = unknown_ethnicity(view)
    unmatched(data)
    if departments is not None:
        departments()


# --- What is loaded ---------------------------------------------------------------------
def loaded(data) -> None:
    st.header("What is loaded")
    tables = data.tables
    frames = data.frames
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Tables read", len(tables))
    c2.metric("Tables left out", sum(not t.loaded for t in tables),
              help="A table with an error is left out; the others still load.")
    c3.metric("Kinds of data", len(frames))
    years = data.years
    c4.metric("Reporting years", f"{years[0]} to {years[-1]}" if len(years) > 1
              else (str(years[0]) if years else "none"))

    if frames:
        kinds = pd.DataFrame(
            [{"Kind": KIND_WORDS.get(kind, kind),
              "Rows": len(df),
              "People or cases": int(df["count"].sum()) if "count" in df else len(df),
              "WRES years": ", ".join(str(y) for y in sorted(df["year"].unique()))}
             for kind, df in frames.items()])
        st.subheader("By kind")
        st.dataframe(kinds, hide_index=True, width="stretch")
        missing = [KIND_WORDS[k] for k in ("workforce", "recruitment", "disciplinary",
                                          "training", "board") if k not in frames]
        if "survey" not in frames and "survey_summary" not in frames:
            missing.append("NHS Staff Survey")
        if missing:
            st.info("Not loaded, so their indicators are not shown: " + "; ".join(missing)
                    + ". Load those files from the sidebar (My files) to add them.",
                    icon=":material/info:")

    if tables:
        st.subheader("By file")
        files = pd.DataFrame(
            [{"File": t.file,
              "Sheet": t.sheet,
              "Kind": KIND_WORDS.get(t.kind, t.kind),
              "Rows read": t.rows,
              "Loaded": "yes" if t.loaded else "no: see the errors below",
              "WRES years": ", ".join(str(y) for y in t.years)}
             for t in tables])
        if not files["Sheet"].astype(bool).any():
            files = files.drop(columns="Sheet")
        st.dataframe(files, hide_index=True, width="stretch")


# --- Findings ---------------------------------------------------------------------------
def findings_table(items: list[Finding], *, markdown: bool = False) -> pd.DataFrame:
    """The findings as the page shows them, errors first (wres_core.findings.to_frame's
    order), with the place in one readable column. ``markdown``: for st.table, which reads
    its cells as markdown, so the file names and messages (user text) are escaped."""
    frame = to_frame(items)
    where = [Finding(**{k: (None if k == "row" and pd.isna(v) else v)
                        for k, v in rec.items()}).where
             for rec in frame.to_dict("records")]
    text = md_escape if markdown else str
    return pd.DataFrame({
        "Level": frame["level"].map(LEVEL_WORDS if markdown else str.capitalize),
        "Where": [text(w) for w in where],
        "What": [text(m) for m in frame["message"]],
        "How to fix it": [text(h) for h in frame["hint"]],
    })


def show_findings(items: list[Finding]) -> None:
    """A short list as a table whose text wraps; a long one as a scrolling grid."""
    if len(items) <= TABLE_ROWS:
        st.table(findings_table(items, markdown=True), hide_index=True)
    else:
        st.dataframe(findings_table(items), hide_index=True, width="stretch",
                     column_config={
                         "Level": st.column_config.TextColumn(width="small"),
                         "What": st.column_config.TextColumn(width="large"),
                         "How to fix it": st.column_config.TextColumn(width="large"),
                     })


# How to see what publication-safe mode takes out of the findings, on this page.
SHOW_ALL = "turn Publication-safe mode off under Publication safety in the sidebar"


def findings(items: list[Finding], withheld: str = "") -> None:
    """The findings, with ``withheld`` (what publication-safe mode took out of them, and
    how to see it) under the counts."""
    st.header("Findings")
    counts = {level: sum(f.level == level for f in items) for level in LEVEL_WORDS}
    if not items:
        st.success("No problems found in the files.", icon=":material/check_circle:")
        return
    if counts["error"]:
        st.error(f"**{counts['error']} error(s).** Each stopped only the table it is in; that "
                 "table is left out and everything else is shown. Fix the file as the last "
                 "column says and load it again.", icon=":material/error:")
    st.caption(f"{counts['error']} error(s), {counts['warning']} warning(s), "
               f"{counts['info']} note(s). Rows are numbered as a spreadsheet shows them.")
    if withheld:
        st.caption(withheld)
    levels = st.pills("Show", list(LEVEL_WORDS), default=[k for k, n in counts.items() if n],
                      selection_mode="multi", format_func=lambda k: LEVEL_WORDS[k],
                      # Keyed on the counts: new data starts again from its own default.
                      key="wres_dq_levels_" + "_".join(f"{k}{n}" for k, n in counts.items()))
    chosen = [f for f in items if f.level in (levels or [])]
    if not chosen:
        st.caption("No findings at the chosen levels.")
        return
    show_findings(chosen)


# --- Unknown ethnicity ------------------------------------------------------------------
def _unknown_rows(table: pd.DataFrame, dimension: str, year: int) -> pd.DataFrame:
    rows = table[(table["indicator"] == 1) & (table["measure"] == "share")
                 & (table["group"] == "Unknown") & (table["dimension"] == dimension)
                 & (table["year"] == year)]
    return rows


def _note(row, threshold: int) -> str:
    if bool(row["suppressed"]):
        # The results table's own words: an Unknown count is never withheld for being
        # small (the people policy), only to protect a count beside it, so "fewer than 10"
        # alone would be wrong; the standard note covers both without telling which.
        return str(row["note"] or "") or withheld_note(threshold)
    parts = []
    if bool(row["caution"]):
        parts.append(f"{CAUTION_MARK} small base")
    if row["note"]:
        parts.append(str(row["note"]))
    return "; ".join(parts)


def unknown_table(rows: pd.DataFrame, label: str, threshold: int) -> pd.DataFrame:
    return pd.DataFrame({
        label: rows["level"].astype(str).to_numpy(),
        "Unknown ethnicity (%)": rows["value"].astype("Float64").to_numpy(),
        "Note": [_note(r, threshold) for _, r in rows.iterrows()],
        "People with unknown ethnicity": rows["numerator"].astype("Float64").to_numpy(),
        "Staff": rows["denominator"].astype("Float64").to_numpy(),
    })


def unknown_ethnicity(view: state.View) -> Callable[[], None] | None:
    """Draw the unknown-ethnicity section; return the drawing of its department table, to be
    called last (see below)."""
    st.header("Unknown ethnicity")
    st.caption("A high share of staff whose ethnicity is not known makes every indicator less "
               "reliable: unknown is never counted as White or BME. Figures from indicator 1, "
               f"workforce snapshot at 31 March {view.year}. {md_escape(view.filters_text)}.")
    if not view.data.has("workforce"):
        st.info("Load a workforce extract (ESR staff in post at 31 March) to see how many "
                "staff have no recorded ethnicity.", icon=":material/info:")
        return None
    # The overall and band rows come with every query (the Overview's, already computed);
    # the department breakdown is a query of its own and can take a while, so it is drawn
    # last (into a box kept here), after the cheaper sections below it.
    query = replace(view.query, groups="wres")
    table = view.engine.results(query)
    threshold = query.suppress

    trend = table[(table["indicator"] == 1) & (table["measure"] == "share")
                  & (table["group"] == "Unknown") & (table["dimension"] == "overall")
                  & (table["year"].isin(view.years))].sort_values("year")
    if not trend.empty:
        cols = st.columns(len(trend))
        for col, (_, row) in zip(cols, trend.iterrows(), strict=True):
            shown = ("withheld" if bool(row["suppressed"]) or pd.isna(row["value"])
                     else f"{float(row['value']):.1f}%")
            base = "" if pd.isna(row["denominator"]) else f" of {int(row['denominator']):,}"
            col.metric(f"31 March {int(row['year'])}", shown,
                       help=f"Share of staff{base} whose ethnicity is unknown.")

    config = {
        "Unknown ethnicity (%)": st.column_config.NumberColumn(format="%.1f%%"),
        "Note": st.column_config.TextColumn(width="medium"),
        "People with unknown ethnicity": st.column_config.NumberColumn(format="%d"),
        "Staff": st.column_config.NumberColumn(format="%d"),
    }
    # A missing cell is withheld or cannot be computed: the Note column says which.
    st.subheader("By pay band")
    bands = _unknown_rows(table, "pay_band", view.year)
    if bands.empty:
        st.caption("No pay band figures for this selection.")
    else:
        st.dataframe(unknown_table(bands, "Pay band", threshold), hide_index=True,
                     width="stretch", column_config=config, placeholder="–")
        if (bands["level"].astype(str) == UNRECOGNISED).any():
            st.caption(f"**{UNRECOGNISED}**: staff whose band or grade could not be read. "
                       "They count in every figure that does not split by band. The values, "
                       "and how to map them:")
            show_findings([f for f in view.data.findings if f.code == "unknown_pay_band"])
    st.subheader("By department")
    box = st.container()
    st.caption(f"Publication-safe mode withholds counts below {threshold} and the figures "
               "that would reveal them." if threshold >= 2 else
               "Publication-safe mode is off: small numbers are shown. Not for publication.")

    def departments() -> None:
        with box:
            workforce = view.data.get("workforce")
            if "department" not in workforce.columns:
                st.caption("The workforce file has no department column.")
                return
            with st.spinner("Working out unknown ethnicity by department…"):
                by_dept = view.engine.results(replace(query, by="department"))
            drill_down_notice(by_dept, "department")
            depts = _unknown_rows(by_dept, "department", view.year)
            if depts.empty:
                st.caption("No department figures for this selection.")
                return
            shown = unknown_table(depts, "Department", threshold).sort_values(
                "Unknown ethnicity (%)", ascending=False, na_position="last")
            st.dataframe(shown, hide_index=True, width="stretch", column_config=config,
                         placeholder="–")

    return departments


# --- Unmatched person ids ---------------------------------------------------------------
def unmatched(data) -> None:
    st.header("Person ids that matched nothing")
    st.caption("Disciplinary and training rows that give a person id take the person's "
               "ethnicity, band and department from the workforce snapshot of the same year. "
               "Ids found in no snapshot are listed here, never silently dropped.")
    items = [f for f in data.findings if f.code == "unmatched_person"]
    if not items:
        st.success("Every person id matched a workforce record.",
                   icon=":material/check_circle:")
        return
    show_findings(items)
    rows = []
    for kind in ("disciplinary", "training"):
        df = data.get(kind)
        if df is None or "matched" not in df.columns or "person_id" not in df.columns:
            continue
        miss = df[~df["matched"].astype("boolean").fillna(False).to_numpy()]
        for rec in miss[["year", "person_id", "source_file", "source_row"]].itertuples():
            rows.append({"Kind": KIND_WORDS[kind], "Person id": str(rec.person_id),
                         "WRES year": int(rec.year), "File": str(rec.source_file),
                         "Row": int(rec.source_row)})
    if rows:
        with st.expander(f"The {len(rows)} unmatched row(s)"):
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    sidebar.page_link("pages/workforce.py", "Check the workforce snapshots",
                      icon=":material/groups:")


main()
