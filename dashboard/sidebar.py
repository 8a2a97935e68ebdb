"""The sidebar every page shares: data source, organisation, years, filters, display settings.

It is drawn by ``app.py`` before the page runs, so a page always sees settings that fit the
loaded data (values that no longer fit, for example a department from a previous upload or a
mangled link, are dropped here before the widgets are drawn).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import sources, state, theme
from dashboard.captions import md_escape

DATA_PAGE = "pages/data_quality.py"


def page_link(page: str, label: str, icon: str | None = None) -> None:
    """``st.page_link`` that degrades to a caption when the page is not part of this build
    (a link must never be the reason a page fails)."""
    try:
        st.page_link(page, label=label, icon=icon)
    except Exception:  # StreamlitPageNotFoundError and friends
        st.caption(f"{label} (page not available)")


def year_words(year: int) -> str:
    """Which snapshot, financial year and survey a WRES reporting year stands for."""
    return (f"Workforce and board at 31 March {year}; recruitment, disciplinary and training "
            f"in {year - 1}/{str(year)[2:]}; the {year - 1} NHS Staff Survey.")


def render() -> None:
    """Draw the sidebar and bring the URL up to date with the settings."""
    state.start_run()
    ss = st.session_state
    engine = sources.current_engine()
    data = engine.data

    if ss[state.PRESENTATION]:
        _presentation_bar()

    with st.sidebar:
        _data_source()
        _findings_summary(data)
        _organisation(list(data.orgs))
        years = list(data.years)
        _years(years)
        workforce = data.get("workforce")
        if workforce is not None and ss[state.ORG] != state.ALL_ORGS and "org" in workforce:
            mine = workforce[workforce["org"].astype("string") == ss[state.ORG]]
            workforce = mine if len(mine) else workforce
        _filters(workforce)
        _display()
        _drill()

    state.write_url(years[-1] if years else None)


# --- Parts ------------------------------------------------------------------------------
def _leave_presentation() -> None:
    st.session_state[state.PRESENTATION] = False


def _presentation_bar() -> None:
    # Static CSS only; it hides the sidebar while keeping its widgets (and their values).
    st.markdown(theme.PRESENTATION_CSS, unsafe_allow_html=True)
    st.button("Leave presentation mode", icon=":material/close_fullscreen:",
              on_click=_leave_presentation, key="wres_leave_presentation")


def _on_upload() -> None:
    key = f"wres_uploader_{st.session_state[state.UPLOADER_GEN]}"
    files = st.session_state.get(key) or []
    # Bytes go into this session's state only; nothing is written to disk.
    sources.set_uploads([(f.name, f.getvalue()) for f in files])


def _data_source() -> None:
    ss = st.session_state
    # Labels fixed before the widget: format_func may be called again outside this run.
    labels = {"sample": "Sample" if sources.is_sample() else "Default data",
              "upload": "My files"}
    st.radio("Data source", ["sample", "upload"], key=state.SOURCE, horizontal=True,
             format_func=labels.__getitem__,
             help="The app opens on a bundled sample of a fictional trust. Choose 'My files' "
                  "to load your own: they stay in this browser session only.")
    if ss[state.SOURCE] == "upload":
        st.file_uploader(
            "Load CSV, Excel, Parquet or ZIP files", type=sources.UPLOAD_TYPES,
            accept_multiple_files=True, key=f"wres_uploader_{ss[state.UPLOADER_GEN]}",
            on_change=_on_upload,
            help="One kind of data per file or sheet (workforce, recruitment, disciplinary, "
                 "training, survey, board). Several years may share a file.")
        if not ss[state.UPLOADS]:
            # Also what a session sees after a server restart or in a new tab: uploads live
            # only in the browser session that loaded them, so say so plainly.
            st.info("No files are loaded in this session, so the sample is shown. If you "
                    "loaded files before, load them again: files are kept only while this "
                    "browser session lasts (a server restart or a new tab starts afresh).",
                    icon=":material/upload_file:")
    files = ss[state.UPLOADS]
    if files:
        st.caption(f"{len(files)} file(s) in this session.")
        st.button("Use the sample", icon=":material/restart_alt:", on_click=sources.use_sample,
                  help="Forget the uploaded files and show the sample again.")
    st.caption(md_escape(sources.source_label()))  # file names are user text


def _findings_summary(data) -> None:
    errors = sum(f.level == "error" for f in data.findings)
    warnings = sum(f.level == "warning" for f in data.findings)
    if errors:
        st.error(f"**{errors} error(s)** in the files: the tables they are in were left out, "
                 "the rest is shown. Open Data and quality to see where each is and how to "
                 "fix it, then load the corrected file.", icon=":material/error:")
    if warnings:
        st.warning(f"{warnings} warning(s): the data loaded, but some rows or values need a "
                   "look.", icon=":material/warning:")
    if errors or warnings:
        page_link(DATA_PAGE, "See every finding", icon=":material/fact_check:")
    elif not data.frames:
        st.info("No data loaded yet.", icon=":material/info:")


def _organisation(orgs: list[str]) -> None:
    ss = st.session_state
    if len(orgs) > 1:
        options = [state.ALL_ORGS, *orgs]
        if ss[state.ORG] not in options:
            ss[state.ORG] = state.ALL_ORGS
        st.selectbox("Organisation", options, key=state.ORG)
    # The name every chart title, image, workbook and evidence pack prints (state.
    # organisation_name): a screenshot must say whose figures these are.
    shown = state.organisation_name("", orgs, None, sources.default_org_label())
    st.text_input("Organisation name (for titles and exports)", key=state.ORG_NAME,
                  max_chars=state.ORG_NAME_MAX, placeholder=shown,
                  help="Printed in every chart title, chart image, workbook and evidence "
                       f"pack. Left empty: \"{shown}\" (from the data's organisation column, "
                       "or the file's name). Where several organisations are loaded and one "
                       "is chosen above, that one's own name is used.")


def _years(years: list[int]) -> None:
    ss = st.session_state
    if not years:
        return
    options = sorted(years, reverse=True)
    if ss[state.YEAR] not in options:
        ss[state.YEAR] = options[0]
    st.selectbox("Reporting year", options, key=state.YEAR,
                 format_func=lambda y: f"{y} (year to 31 March {y})")
    st.caption(year_words(int(ss[state.YEAR])))
    if ss[state.N_YEARS] not in (1, 2, 3, 4, 5):
        ss[state.N_YEARS] = 3
    st.selectbox("Years to compare", (1, 2, 3, 4, 5), key=state.N_YEARS,
                 help="How many reporting years, up to the chosen one, trends show.")


def _options(frame: pd.DataFrame, column: str) -> list[str]:
    col = frame[column]
    # Distinct values first: turning every row to text took 0.15 s a run at 10,000 staff.
    present = set(col.dropna().drop_duplicates().astype("string"))
    if isinstance(col.dtype, pd.CategoricalDtype) and column == "pay_band":
        # Bands in their canonical order (Band 1 ... VSM, then the medical rows).
        return [str(c) for c in col.cat.categories if str(c) in present]
    return sorted(present, key=str.casefold)


def _filters(workforce: pd.DataFrame | None) -> None:
    ss = st.session_state
    active = sum(bool(ss[key]) for key, _, _ in state.FILTERS)
    label = f"Filters ({active} active)" if active else "Filters"
    with st.expander(label, expanded=bool(active), icon=":material/filter_alt:"):
        if workforce is None or workforce.empty:
            st.caption("Filters need a workforce file: load one to filter by staff group, "
                       "department or band.")
            for key, _, _ in state.FILTERS:
                ss[key] = []
            return
        shown = 0
        for key, column, text in state.FILTERS:
            if column not in workforce.columns:
                ss[key] = []
                continue
            options = _options(workforce, column)
            # Keep chosen values that still exist, matched ignoring case (links are typed).
            by_fold = {o.casefold(): o for o in options}
            ss[key] = [by_fold[str(v).casefold()] for v in ss[key] or []
                       if str(v).casefold() in by_fold]
            st.multiselect(text, options, key=key, placeholder="All")
            shown += 1
        if not shown:
            st.caption("The workforce file has no clinical, staff group, directorate, "
                       "department or band columns to filter on.")
        if active:
            st.button("Clear filters", on_click=_clear_filters, icon=":material/filter_alt_off:")
        st.caption("Filters apply to every kind of data that has the column; a board has no "
                   "department, so it drops out under a department filter.")


def _clear_filters() -> None:
    for key, _, _ in state.FILTERS:
        st.session_state[key] = []


def _display() -> None:
    ss = st.session_state
    with st.expander("Display", expanded=False, icon=":material/tune:"):
        if ss[state.GROUPS] not in state.GROUP_LEVEL_LABELS:
            ss[state.GROUPS] = "wres"
        st.radio("Ethnic groups", list(state.GROUP_LEVEL_LABELS), key=state.GROUPS,
                 format_func=state.GROUP_LEVEL_LABELS.get)
        if ss[state.BME_WORD] not in state.BME_WORDS:
            ss[state.BME_WORD] = "BME"
        st.selectbox("Word for the BME group", state.BME_WORDS, key=state.BME_WORD,
                     help="Only the label changes: the group is the same (every stated "
                          "ethnic category other than White).")
        st.toggle("Show 95% intervals", key=state.INTERVALS,
                  help="Confidence intervals are an aid to reading, not official figures.")
        st.toggle("National reference lines", key=state.NATIONAL,
                  help="The published national figure (NHS trusts in England, NHS England's "
                       "WRES reports) for the chart's WRES year, on indicators 2 to 9, where "
                       "one was published. A benchmark, not a target.")
    with st.expander("Publication safety", expanded=not ss[state.SAFE],
                     icon=":material/shield:"):
        st.toggle("Publication-safe mode", key=state.SAFE,
                  help="Withholds any count below the threshold and any figure computed "
                       "from one, so screenshots and exports can be shared.")
        _clamp(state.THRESHOLD, 2, 100, 10)
        st.number_input("Suppression threshold", min_value=2, max_value=100, step=1,
                        key=state.THRESHOLD, disabled=not ss[state.SAFE],
                        help="Counts from 1 to this number minus one are withheld.")
        _clamp(state.CAUTION, 1, 1000, 30)
        st.number_input("Caution below (people)", min_value=1, max_value=1000, step=1,
                        key=state.CAUTION,
                        help="Figures whose base is smaller carry a caution mark.")
        if not ss[state.SAFE]:
            st.warning("Small numbers are shown. Do not share screenshots or exports of this "
                       "view outside the organisation.", icon=":material/visibility:")
    st.toggle("Presentation mode", key=state.PRESENTATION,
              help="Hides the sidebar and controls for a meeting; a button at the top of the "
                   "page brings them back.")


def _clamp(key: str, low: int, high: int, default: int) -> None:
    ss = st.session_state
    try:
        value = int(ss[key])
    except (TypeError, ValueError):
        value = default
    ss[key] = min(max(value, low), high)


def _drill() -> None:
    drill = st.session_state[state.DRILL]
    if not drill:
        return
    column, value = drill
    # The value came from the data (user text): st.info renders it as markdown, so escape.
    st.info(f"Drill-down: {column.replace('_', ' ')} = {md_escape(value)}",
            icon=":material/zoom_in:")
    st.button("Clear drill-down", on_click=state.clear_drill, icon=":material/zoom_out:")
