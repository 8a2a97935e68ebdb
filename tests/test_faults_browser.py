"""Faults in a real browser: a server restart, a dropped connection, a filter changed while
the page is still computing. Each must end in a fully drawn page with no exception, and
where something was lost (uploads do not survive a restart) the user is told plainly.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from browser_kit import (
    ARTIFACTS,
    HAVE_CHROMIUM,
    NAV_LINKS,
    ROOT,
    free_port,
    is_local,
    settle,
    type_into,
    wait_healthy,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")

TRUST = "Zebra Restart Trust"


class Server:
    """``streamlit run app.py`` on a fixed port that can be stopped and started again (the
    browser_kit server picks a new port each time, which a restart must not)."""

    def __init__(self, log_name: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = ARTIFACTS / log_name
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                   "--server.address", "127.0.0.1", "--server.port", str(self.port),
                   "--server.headless", "true"]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(command, cwd=ROOT, stdout=log,
                                         stderr=subprocess.STDOUT,
                                         env={**os.environ, "PYTHONUNBUFFERED": "1"})
        wait_healthy(self.base, self.proc, self.log)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


@pytest.fixture
def server():
    s = Server("faults-server.log")
    s.start()
    yield s
    s.stop()


def workforce_csv() -> bytes:
    eth = ["A White - British", "N Black or Black British - African",
           "H Asian or Asian British - Indian"]
    lines = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Department,Organisation Name"]
    for i in range(150):
        lines.append(f"{80000 + i},{eth[i % 3]},Band {5 + i % 3},Nursing and Midwifery "
                     f"Registered,Zebra Ward {i % 2},{TRUST}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def upload(page, data: bytes) -> None:
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("My files", exact=True).click()
    box = sidebar.locator("[data-testid=stFileUploaderDropzoneInput]")
    box.wait_for(state="attached", timeout=60_000)
    box.set_input_files(files=[{"name": "zebra_workforce_2026.csv", "mimeType": "text/csv",
                                "buffer": data}])
    sidebar.get_by_text("1 file(s) in this session.").wait_for(timeout=120_000)
    settle(page, timeout=120_000)


def app_text(page) -> str:
    return page.locator("[data-testid=stApp]").inner_text()


def assert_whole(page, where: str) -> None:
    """Drawn through to the end: no exception, no error box, the page's last part there."""
    assert page.locator('[data-testid="stException"]').count() == 0, where
    assert page.get_by_text("Something went wrong").count() == 0, where
    assert page.locator("[data-testid=stSidebar]").get_by_text("Data source").count() == 1, \
        where


class Watch:
    def __init__(self, context, base: str) -> None:
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        context.on("request", lambda r: None if is_local(r.url, base)
                   else self.foreign.append(r.url))


# --- (a) Server restart ---------------------------------------
def test_server_restart_with_a_page_open(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    watch = Watch(context, server.base)
    try:
        page = context.new_page()
        page.goto(f"{server.base}/workforce")
        settle(page, timeout=120_000)
        upload(page, workforce_csv())
        assert TRUST in app_text(page)

        server.stop()
        # Streamlit's own notice that the connection is gone (its status widget).
        page.wait_for_function(
            "() => /connect/i.test(document.querySelector('[data-testid=stStatusWidget]')"
            "?.innerText || '') || /connect/i.test(document.body.innerText)", timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "faults-restart-down.png"))
        server.start()
        # The page reconnects by itself (the connection notice goes) but keeps the old
        # drawing until the next run, which is in a new session without the upload.
        page.wait_for_function(
            "() => !/connection error/i.test(document.body.innerText)", timeout=120_000)
        # Reloading (or any run while the URL still has "data=upload", never the files)
        # lands on My files with the sample shown and a plain "load them again".
        page.reload()
        settle(page, timeout=120_000)
        page.get_by_text("load them again", exact=False).first.wait_for(timeout=60_000)
        assert_whole(page, "after restart")
        assert TRUST not in app_text(page)
        page.screenshot(path=str(ARTIFACTS / "faults-restart-up.png"), full_page=True)
        # Another page draws in full, on the sample, and says so.
        page.locator(f'{NAV_LINKS}[href="board"]').first.click()
        settle(page, timeout=120_000)
        assert_whole(page, "board after restart")
        assert TRUST not in app_text(page)
        assert "sample" in page.locator("[data-testid=stSidebar]").inner_text().lower()
        # Uploading again brings the data back.
        upload(page, workforce_csv())
        assert "Uploaded: zebra_workforce_2026.csv" in page.locator(
            "[data-testid=stSidebar]").inner_text()
        assert_whole(page, "after upload again")
    finally:
        context.close()
    assert not watch.foreign, watch.foreign


# --- (b) A filter changed twice, quickly ---------------------------------------
def _pick(page, label: str, option: str) -> None:
    type_into(page, label, option)
    page.get_by_role("option", name=option).first.wait_for(state="visible", timeout=30_000)
    page.keyboard.press("Enter")


def test_a_filter_changed_while_the_page_is_computing(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server.base}/likelihood")
        settle(page, timeout=120_000)
        _pick(page, "Reporting year", "2025")
        # The second change goes in while the first run is still going (the status widget
        # shows it running); Streamlit stops the first run and starts again.
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]',
                               timeout=30_000)
        _pick(page, "Reporting year", "2024")
        settle(page, timeout=120_000)
        page.wait_for_function("() => decodeURIComponent(location.href).includes('year=2024')",
                               timeout=60_000)
        assert_whole(page, "after two quick changes")
        main = page.locator("[data-testid=stMain]").inner_text()
        assert "2024" in main
        # The page is the 2024 page, drawn in full: the same as opening 2024 directly.
        fresh = context.new_page()
        fresh.goto(f"{server.base}/likelihood?year=2024")
        settle(fresh, timeout=120_000)
        assert_whole(fresh, "2024 opened directly")
        assert fresh.locator("[data-testid=stMain]").inner_text() == main
        page.screenshot(path=str(ARTIFACTS / "faults-quick-filters.png"), full_page=True)
    finally:
        context.close()


# --- (c) A dropped connection ---------------------------------------
def test_a_dropped_connection_recovers(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        # The page's websocket goes through this proxy, so the test can cut it (going
        # offline in Chromium leaves an open websocket alone).
        routes: list = []

        def proxy(ws) -> None:
            routes.append((ws, ws.connect_to_server()))

        page.route_web_socket("**/_stcore/stream", proxy)
        page.goto(f"{server.base}/workforce")
        settle(page, timeout=120_000)
        upload(page, workforce_csv())
        assert routes
        for ws, upstream in routes:
            ws.close()
            upstream.close()
        page.wait_for_function(
            "() => /connect/i.test(document.querySelector('[data-testid=stStatusWidget]')"
            "?.innerText || '') || /connect/i.test(document.body.innerText)"
            " || document.querySelector('[data-testid=stApp]')", timeout=60_000)
        deadline = time.time() + 120
        while len(routes) < 2 and time.time() < deadline:
            page.wait_for_timeout(250)
        assert len(routes) >= 2, "the page did not reconnect"
        # Back on the same session (the server kept it): the upload is still there.
        page.wait_for_function(
            "() => !/connecting/i.test(document.querySelector('[data-testid=stStatusWidget]')"
            "?.innerText || '')", timeout=120_000)
        settle(page, timeout=120_000)
        _pick(page, "Years to compare", "2")
        settle(page, timeout=120_000)
        assert_whole(page, "after reconnecting")
        assert TRUST in app_text(page)
    finally:
        context.close()
