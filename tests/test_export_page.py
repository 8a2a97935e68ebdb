"""AppTests of the Export and action notes page (pages/export.py).

The page runs inside app.py when app.py lists it; until then (and so that this file does not
depend on the navigation) through a small wrapper with the same shell: page config, the
shared sidebar, then the page. Data is injected as the other AppTests do
(``st.session_state[state.DATA_PATH]``).

AppTest runs without Streamlit's media server, so a download button carries no file here:
these tests check that each download is offered (and enabled), the builders behind them are
tested in tests/test_exports.py, and tests/test_browser.py walks the page in Chromium.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import images, state

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
PAGE = ROOT / "pages" / "export.py"
NOTES = "wres_notes"
IMAGES = "wres_export_images"

pytestmark = pytest.mark.skipif(not (SAMPLE / "workforce_2026.csv").is_file(),
                                reason="the bundled sample is not generated")

WRAPPER = """
import sys
sys.path.insert(0, {root!r})
import streamlit as st
st.set_page_config(page_title="WRES Explorer", layout="wide")
from dashboard import sidebar
pg = st.navigation([st.Page({page!r}, title="Export and action notes", default=True)])
sidebar.render()
pg.run()
"""


@pytest.fixture(scope="module", autouse=True)
def stop_kaleido_after():
    """Stop kaleido's browser when this module is done, while pytest still manages the
    warning filters (its browser thread saves and restores them, which is not thread-safe:
    stopped at exit instead, it can leave pytest's "error" filters in place)."""
    yield
    images.stop()


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("WRES_RAISE", "1")
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def open_page(tmp_path):
    def _open(data: Path = SAMPLE, session: dict | None = None) -> AppTest:
        if "pages/export.py" in (ROOT / "app.py").read_text(encoding="utf-8"):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
            start = None
        else:
            script = tmp_path / "export_app.py"
            script.write_text(WRAPPER.format(root=str(ROOT), page=str(PAGE)), encoding="utf-8")
            at = AppTest.from_file(str(script), default_timeout=180)
            start = True
        at.session_state[state.DATA_PATH] = str(data)
        for k, v in (session or {}).items():
            at.session_state[k] = v
        at.run()
        if start is None:
            at.switch_page("pages/export.py")
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return _open


def _downloads(at: AppTest) -> dict[str, object]:
    return {b.label: b for b in at.get("download_button")}


def test_page_offers_every_export(open_page):
    at = open_page()
    downloads = _downloads(at)
    assert {"WRES workbook (.xlsx)", "Evidence pack (.html)",
            "Download notes (.json)"} <= set(downloads)
    assert not downloads["WRES workbook (.xlsx)"].proto.disabled
    assert not downloads["Evidence pack (.html)"].proto.disabled
    assert downloads["Download notes (.json)"].proto.disabled  # nothing written yet
    assert any("Publication-safe mode is ON" in s.value for s in at.success)
    assert len(at.text_area) == 18  # two per indicator
    ok, _ = images.available()
    if ok:
        assert at.button(key="export-make-png").label == "Make chart images"


def test_notes_are_kept_and_offered_for_download(open_page):
    at = open_page()
    at.text_area(key="wres_note_3_shows").input("Up for a second year.").run()
    at.text_area(key="wres_note_3_action").input("=Independent panel").run()
    assert not at.exception
    assert at.session_state[NOTES][3] == {"shows": "Up for a second year.",
                                          "action": "=Independent panel"}
    assert not _downloads(at)["Download notes (.json)"].proto.disabled
    # The text survives a rerun (the boxes are re-seeded from the notes).
    at.run()
    assert at.text_area(key="wres_note_3_action").value == "=Independent panel"


def test_notes_in_state_fill_the_boxes(open_page):
    at = open_page(session={NOTES: {7: {"shows": "Gap widened.", "action": "Sponsorship."}}})
    assert at.text_area(key="wres_note_7_shows").value == "Gap widened."
    assert at.text_area(key="wres_note_7_action").value == "Sponsorship."


def test_publication_safe_off_is_said(open_page):
    at = open_page(session={state.SAFE: False})
    assert any("NOT FOR PUBLICATION" in w.value for w in at.warning)


def test_images_unavailable_is_said(open_page, monkeypatch):
    monkeypatch.setattr(images, "available", lambda: (False, "No Chromium here (test)."))
    at = open_page()
    assert any("No Chromium here (test)." in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "export-make-png"]


@pytest.mark.skipif(not images.available()[0], reason="kaleido or Chromium is not available")
def test_chart_images_are_made_on_request(open_page, tmp_path):
    # Only the 2026 workforce: a few charts, so the images are quick.
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "workforce_2026.csv").write_bytes((SAMPLE / "workforce_2026.csv").read_bytes())
    at = open_page(folder, session={state.SAFE: False})
    at.button(key="export-make-png").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "All charts as PNG (.zip)" in _downloads(at)
    _, data = at.session_state[IMAGES]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "README.txt" in z.namelist()
        assert all(z.read(n)[:4] == b"\x89PNG" for n in z.namelist() if n.endswith(".png"))


def test_no_data_says_so(open_page, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    at = open_page(empty)
    assert any("nothing to export" in i.value for i in at.info)
    assert not at.get("download_button")
