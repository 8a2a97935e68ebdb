"""Export and action notes: the WRES workbook, the evidence pack, the charts as images, and
the lead's notes on each indicator, all for the current sidebar view.

Action notes live only in this browser session (``st.session_state``): the server never
writes them anywhere. "Download notes" saves them as a small JSON file and "Load notes" reads
one back, so nothing typed is lost when the browser closes. They go into the workbook and the
evidence pack.

The workbook and the pack are made when their button is clicked (Streamlit runs the
function then), not on every rerun; chart images need a browser on the server, so they are
made on request and the page says plainly when that cannot be done here.

Session-state keys (constants below): ``wres_notes`` holds the notes as
``{indicator: {"shows": str, "action": str}}``; each text box has its own widget key
``wres_note_<indicator>_<shows|action>``, re-seeded from ``wres_notes`` whenever it is drawn
(Streamlit forgets a widget's value on a page where it is not drawn).
"""

from __future__ import annotations

import re

import streamlit as st

from dashboard import captions, images, state
from dashboard.state import current_view
from dashboard.views.controls import Controls
from wres_core.exports import notes as notes_file
from wres_core.exports.report import INDICATOR_TITLES, SHORT_TITLES, Report
from wres_core.exports.workbook import workbook_bytes

NOTES = "wres_notes"  # {indicator: {"shows": str, "action": str}}: this session only
NOTES_MESSAGE = "wres_notes_message"  # (level, text) after loading a notes file
NOTES_UPLOADER_GEN = "wres_notes_uploader_gen"  # bumped to empty the uploader after a load
IMAGES = "wres_export_images"  # (view signature, zip bytes) once made
IMAGES_MESSAGE = "wres_export_images_message"  # why the images could not be made
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def note_key(indicator: int, field: str) -> str:
    return f"wres_note_{indicator}_{field}"


def _init() -> None:
    ss = st.session_state
    ss.setdefault(NOTES, {})
    ss.setdefault(NOTES_UPLOADER_GEN, 0)
    # Re-seed each text box from the notes (a widget's own value is forgotten when the user
    # visits another page).
    for i in range(1, 10):
        for field in notes_file.FIELDS:
            key = note_key(i, field)
            if key not in ss:
                ss[key] = ss[NOTES].get(i, {}).get(field, "")


def _save_note(indicator: int, field: str) -> None:
    """Callback of a text box: copy its text into the notes."""
    ss = st.session_state
    text = notes_file.clean(ss.get(note_key(indicator, field), ""))
    ss[NOTES].setdefault(indicator, {"shows": "", "action": ""})[field] = text


def _load_notes() -> None:
    """Callback of the uploader: read a notes file into the text boxes (nothing is saved)."""
    ss = st.session_state
    uploaded = ss.get(f"wres_notes_upload_{ss[NOTES_UPLOADER_GEN]}")
    if uploaded is None:
        return
    try:
        loaded = notes_file.load(uploaded.getvalue())
    except notes_file.NotesError as exc:
        ss[NOTES_MESSAGE] = ("error", str(exc))
        return
    ss[NOTES] = {i: {"shows": n.shows, "action": n.action} for i, n in loaded.items()}
    for i in range(1, 10):
        for field in notes_file.FIELDS:
            ss[note_key(i, field)] = ss[NOTES].get(i, {}).get(field, "")
    ss[NOTES_MESSAGE] = ("success", f"Loaded notes for {len(loaded)} indicator(s) from "
                                    f"{uploaded.name}.")
    ss[NOTES_UPLOADER_GEN] += 1  # a fresh, empty uploader


def _make_images(report: Report, controls: Controls, said: list[str], signature: tuple
                 ) -> None:
    """Callback of "Make chart images": draw them (a callback, so that the click is acted on
    whatever reruns follow) and keep the ZIP for this view, or say why not."""
    with st.spinner("Drawing the charts…"):
        data, why = images.charts_zip(report, controls, said=said)
    if data is None:
        st.session_state[IMAGES_MESSAGE] = why
    else:
        st.session_state[IMAGES] = (signature, data)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:50] or "wres"


view = current_view()
_init()
ss = st.session_state

st.title("Export and action notes")
if view.year is None or not view.years:
    st.info("No data is loaded, so there is nothing to export yet. Load your files (or use "
            "the sample) in the sidebar.", icon=":material/upload_file:")
    st.stop()

filters = view.filters_text + (f"; {view.drill_text}" if view.drill else "")
query = view.drilled_query()
notes = notes_file.normalise(ss[NOTES])
report = Report(engine=view.engine, query=query, years=tuple(view.years),
                org_label=view.org_label, filters_text=filters, bme_label=view.bme_label,
                source_label=view.source_label, notes=notes)
# Each page as the user left it: its breakdowns, toggles and targets, and the sidebar's
# chart switches, for the evidence pack and the chart ZIP.
controls = state.controls(view)
workforce = view.data.get("workforce")
has_pay = workforce is not None and "hourly_pay" in workforce.columns
said = controls.describe(
    display=query.groups, year=view.year,
    likelihood=tuple(i for i in (2, 3, 4) if report.has(i)), pay=has_pay,
    pay_present=tuple(workforce.columns) if workforce is not None else ())
st.markdown(f"Everything on this page is for the view in the sidebar: "
            f"**{captions.md_escape(report.org)}**, WRES "
            f"{captions.md_escape(report.years_text())}, "
            f"{captions.md_escape(filters)}. Change the sidebar to export another view.")
st.markdown("The evidence pack and the chart images draw every page as you left it: "
            "every indicator and every tab, with:\n"
            + "\n".join(f"- {captions.md_escape(line)}" for line in said))
if report.safe:
    st.success(report.suppression_text(), icon=":material/visibility_off:")
else:
    st.warning(report.suppression_text() + " Every export says so on its face.",
               icon=":material/visibility:")

# --- Downloads ----------------------------------------------------------------------------
st.header("Downloads")
base = _slug(report.org)
year = view.year
c1, c2 = st.columns(2)
with c1:
    st.download_button(
        "WRES workbook (.xlsx)", data=lambda: workbook_bytes(report),
        file_name=f"{captions.filename(f'{base}-return', year)}.xlsx", mime=XLSX_MIME,
        icon=":material/table_view:", key="export-xlsx", on_click="ignore",
        help="One sheet per indicator laid out like the national WRES reporting template, "
             "every year side by side; a cover, the full results table, the methodology and "
             "your action notes.")
    st.caption("For the WRES return and the published report: numbers as numbers, withheld "
               "figures say \"withheld\".")
with c2:
    def _pack() -> bytes:
        from dashboard.pack import pack_bytes

        return pack_bytes(report, controls)

    st.download_button(
        "Evidence pack (.html)", data=_pack,
        file_name=f"{captions.filename(f'{base}-evidence-pack', year)}.html", mime="text/html",
        icon=":material/description:", key="export-html", on_click="ignore",
        help="One file for the board: the overview, every indicator with its charts and "
             "figures, the three-year trend, the caveats and your action notes. Opens "
             "offline; print it to PDF from the browser.")
    st.caption("Opens in any browser without the internet; print it to PDF for board "
               "papers.")

st.subheader("Charts as images")
signature = (repr(query), tuple(view.years), view.org_label, view.bme_label, filters,
             repr(controls))
ok, why = images.available()
if not ok:
    st.info(why, icon=":material/image_not_supported:")
else:
    held = ss.get(IMAGES)
    if held and held[0] == signature:
        st.download_button(
            "All charts as PNG (.zip)", data=held[1],
            file_name=f"{captions.filename(f'{base}-charts', year)}.zip",
            mime="application/zip", icon=":material/photo_library:", key="export-zip",
            on_click="ignore")
        st.caption("Every chart of this view, 2400 pixels wide, each titled and footnoted "
                   "so that it stands alone on a slide.")
    else:
        st.button("Make chart images", icon=":material/photo_library:", key="export-make-png",
                  on_click=_make_images, args=(report, controls, said, signature),
                  help="Draws every chart of this view as a PNG (a few seconds per chart the "
                       "first time).")
        failed = ss.pop(IMAGES_MESSAGE, None)
        if failed:
            st.warning(failed, icon=":material/image_not_supported:")
        else:
            st.caption("Draws every chart of this view as an image, in one ZIP. Each chart's "
                       "camera button (top right of the chart) also downloads it on its own.")

# --- Action notes ---------------------------------------------------------------------------
st.header("Action notes")
st.caption("For each indicator, what the data shows and the action taken and planned (the "
           "two columns of the WRES reporting template). They go into the workbook and the "
           "evidence pack. They are kept only in this browser session and never saved on the "
           "server: download them to keep them, and load them again next time.")
message = ss.pop(NOTES_MESSAGE, None)
if message:
    (st.success if message[0] == "success" else st.error)(message[1])
n1, n2 = st.columns(2)
with n1:
    st.download_button(
        "Download notes (.json)", data=notes_file.dump(notes),
        file_name=f"{captions.filename(f'{base}-action-notes', year)}.json",
        mime="application/json", icon=":material/download:", key="export-notes",
        on_click="ignore", disabled=not notes)
with n2:
    st.file_uploader("Load notes (.json)", type=["json"],
                     key=f"wres_notes_upload_{ss[NOTES_UPLOADER_GEN]}", on_change=_load_notes,
                     help="A notes file downloaded from this page. It replaces the notes "
                          "below.")
for i in range(1, 10):
    written = i in notes
    with st.expander(f"Indicator {i}: {SHORT_TITLES[i]}" + (" ✎" if written else ""),
                     expanded=written):
        st.caption(INDICATOR_TITLES[i])
        left, right = st.columns(2)
        left.text_area(notes_file.FIELD_LABELS["shows"], key=note_key(i, "shows"),
                       on_change=_save_note, args=(i, "shows"), height=120,
                       max_chars=notes_file.MAX_CHARS,
                       placeholder="For example: the BME share falls from Band 7 upwards.")
        right.text_area(notes_file.FIELD_LABELS["action"], key=note_key(i, "action"),
                        on_change=_save_note, args=(i, "action"), height=120,
                        max_chars=notes_file.MAX_CHARS,
                        placeholder="For example: reverse mentoring for Band 6 and 7 staff; "
                                    "report to the board in June.")
