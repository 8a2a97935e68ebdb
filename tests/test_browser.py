"""The dashboard as a person uses it: a real server, Debian's Chromium driven by Playwright.

Walks every page, changes the year and a filter, clicks into a band, and saves a screenshot
of each page under tests/artifacts/ (look at them). Fails on any exception box, any
"Something went wrong" message, any console error from the app, and any request to an
address other than the local server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_kit import (
    ARTIFACTS,
    HAVE_CHROMIUM,
    ROOT,
    add_option,
    is_local,
    open_expander,
    settle,
    type_into,
)

PAGES = {
    "overview": "",
    "workforce": "workforce",
    "likelihood": "likelihood",
    "survey": "survey",
    "board": "board",
    "data_quality": "data_quality",
    "methodology": "methodology",
    "export": "export",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")


class Watched:
    """A page with its console errors and off-machine requests recorded."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1366, "height": 768})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", self._console)
        self.page.on("request", self._request)
        self.page.on("response", self._response)

    def _console(self, msg) -> None:
        # Failed loads are judged by their URL in _response instead.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.errors.append(msg.text)

    def _response(self, response) -> None:
        # Opened on a page's own URL, Streamlit's frontend first probes /<page>/_stcore/...
        # and then the root; those probes' 404s are its own, not the app's.
        if response.status >= 400 and not response.url.endswith(
                ("/_stcore/health", "/_stcore/host-config")):
            self.errors.append(f"{response.status} {response.url}")

    def _request(self, request) -> None:
        if not is_local(request.url, self.base):
            self.foreign.append(request.url)

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}")
        self.settle()

    def settle(self) -> None:
        settle(self.page)

    def check(self, name: str) -> None:
        page = self.page
        assert page.locator('[data-testid="stException"]').count() == 0, name
        assert page.get_by_text("Something went wrong").count() == 0, name
        assert not self.errors, (name, self.errors)
        assert not self.foreign, (name, self.foreign)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        height = self.page.evaluate(
            "() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight")
        self.page.set_viewport_size({"width": 1366, "height": max(768, min(int(height), 12000))})
        self.page.wait_for_timeout(800)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size({"width": 1366, "height": 768})
        return path


@pytest.fixture
def watched(browser, server):
    w = Watched(browser, server)
    yield w
    w.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_draws_without_errors(watched, name):
    if not (ROOT / "pages" / f"{name}.py").exists():
        pytest.skip(f"pages/{name}.py is not in this build")
    watched.open(PAGES[name])
    watched.check(name)
    assert watched.screenshot(name).stat().st_size > 10_000


def _choose(page, label: str, option: str) -> None:
    """Pick a selectbox option as a keyboard user does: focus, type, Enter once the list
    shows the option (typing into a list that has not opened yet picks nothing)."""
    type_into(page, label, option)
    page.get_by_role("option", name=option).first.wait_for(state="visible", timeout=30_000)
    page.keyboard.press("Enter")


def _wait_for_url(page, part: str) -> None:
    """The view reaches the URL after the script has run, by history.replaceState."""
    page.wait_for_function("(part) => decodeURIComponent(location.href).includes(part)",
                           arg=part, timeout=30_000)


def test_change_year_and_filter_then_click_into_a_band(watched):
    page = watched.page
    watched.open("workforce")
    _choose(page, "Reporting year", "2025")
    watched.settle()
    _wait_for_url(page, "year=2025")
    assert "2025" in page.locator("[data-testid=stMain]").inner_text()
    watched.check("year changed")

    open_expander(page, "Filters")
    add_option(page, "Staff group", "Nursing")
    watched.settle()
    _wait_for_url(page, "staff_group")
    watched.check("filter changed")

    bar = page.locator("[data-testid=stPlotlyChart] .main-svg .bars path").first
    bar.click(force=True)
    watched.settle()
    watched.check("clicked a band")
    assert page.get_by_text("Clear drill-down").count() >= 1
    watched.screenshot("workforce_drilled")


def test_a_link_reopens_the_same_view(watched):
    watched.open("workforce")
    page = watched.page
    _choose(page, "Reporting year", "2024")
    watched.settle()
    _wait_for_url(page, "2024")
    url = page.url
    fresh = watched.context.new_page()
    fresh.goto(url)
    fresh.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                            timeout=60_000)
    fresh.wait_for_timeout(1000)
    assert "2024" in fresh.locator('[data-testid="stSidebar"]').inner_text()
