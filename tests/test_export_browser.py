"""The Export page as a person uses it: a real server, Debian's Chromium driven by Playwright.

Downloads each export from the app (the workbook, the evidence pack, the notes, the charts
ZIP), opens each download (openpyxl, the HTML parser, zipfile), writes a note and loads a
notes file back, and saves a screenshot under tests/artifacts/export-page.png. Fails on any
exception box or request to an address other than the local server.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from browser_kit import ARTIFACTS, HAVE_CHROMIUM, ROOT, is_local, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not (ROOT / "data" / "sample" / "workforce_2026.csv").is_file(),
                       reason="the bundled sample is not generated"),
    pytest.mark.skipif("pages/export.py" not in (ROOT / "app.py").read_text(encoding="utf-8"),
                       reason="app.py does not list the Export page"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
playwright_expect = playwright_api.expect


@pytest.fixture(scope="module")
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900},
                                  accept_downloads=True)
    pg = context.new_page()
    foreign: list[str] = []

    def request(req) -> None:
        if not is_local(req.url, server):
            foreign.append(req.url)

    pg.on("request", request)
    pg.goto(f"{server}/export")
    _settle(pg)
    yield pg
    assert not foreign, foreign
    context.close()


def _settle(pg) -> None:
    settle(pg, timeout=120_000)


def _download(pg, label: str, tmp_path: Path) -> Path:
    with pg.expect_download(timeout=180_000) as info:
        pg.get_by_role("button", name=label).click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def test_page_opens(page):
    assert page.get_by_role("heading", name="Export and action notes").count() == 1
    assert page.get_by_text("Publication-safe mode is ON", exact=False).count() >= 1


def test_write_a_note_and_download_everything(page, tmp_path):
    page.get_by_text("Indicator 3: Formal disciplinary process").first.click()
    box = page.get_by_label("What the data shows").nth(2)
    box.fill("=Up for a second year.")
    box.press("Tab")
    _settle(page)

    notes = _download(page, "Download notes (.json)", tmp_path)
    assert notes.name.endswith(".json")
    assert json.loads(notes.read_text(encoding="utf-8"))["3"]["shows"] == \
        "=Up for a second year."

    xlsx = _download(page, "WRES workbook (.xlsx)", tmp_path)
    wb = load_workbook(xlsx)
    assert "Indicator 9" in wb.sheetnames
    cell = next(c for row in wb["Action notes"].iter_rows() for c in row
                if c.value == "=Up for a second year.")
    assert cell.data_type == "s"

    html = _download(page, "Evidence pack (.html)", tmp_path)
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Indicator 9" in text
    assert "=Up for a second year." in text

    # Load the notes back (after clearing the box): they return.
    page.get_by_label("What the data shows").nth(2).fill("")
    page.get_by_label("What the data shows").nth(2).press("Tab")
    _settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(notes))
    _settle(page)
    page.get_by_text("Loaded notes for 1 indicator", exact=False).wait_for(timeout=30_000)
    # The box is refilled by a rerun that may still be drawing: wait for it.
    playwright_expect(page.get_by_label("What the data shows").nth(2)).to_have_value(
        "=Up for a second year.", timeout=30_000)


def test_chart_images(page, tmp_path):
    button = page.get_by_role("button", name="Make chart images")
    if button.count() == 0:
        pytest.skip("chart images are not available on this server")
    button.click()
    _settle(page)
    page.get_by_role("button", name="All charts as PNG (.zip)").wait_for(timeout=300_000)
    path = _download(page, "All charts as PNG (.zip)", tmp_path)
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
        pngs = [n for n in z.namelist() if n.endswith(".png")]
        assert len(pngs) >= 10 and "README.txt" in z.namelist()


def test_screenshot(page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight")
    page.set_viewport_size({"width": 1366, "height": max(900, min(int(height), 8000))})
    page.wait_for_timeout(800)
    path = ARTIFACTS / "export-page.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
