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

from browser_kit import ARTIFACTS, HAVE_CHROMIUM, NAV_LINKS, ROOT, chromium, serve, settle

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
# A first run at the finest group level can take a minute on a busy machine.
SLOW = 180_000


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


def open_expanders(page) -> None:
    """Open every expander (the figures behind each chart, the sidebar's settings), so that
    axe checks what is inside them too (it skips what is not displayed)."""
    summaries = page.locator("details:not([open]) > summary")
    for _ in range(summaries.count()):
        summaries.first.click()
    page.wait_for_timeout(800)


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
    page.locator(NAV_LINKS).first.wait_for(state="attached", timeout=60_000)
    paths = ["/" + (a.get_attribute("href") or "") for a in page.locator(NAV_LINKS).all()]
    assert len(paths) >= 8, paths
    return paths


def shoot(page, name: str) -> None:
    """A screenshot of the whole page (the window made as tall as the page's content, then
    put back), to tests/artifacts/a11y-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => (document.querySelector('[data-testid=stMain]')"
                           " || document.body).scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"],
                                                                   min(int(height), 8000))})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"a11y-{name}.png"))
    page.set_viewport_size(size)


def overflow(page) -> int:
    """How far the page is wider than the window (content cut off or scrolled sideways)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def walk(axe, page, where: str, expand: bool = False, shots: str = "",
         wide_ok: bool = True) -> list[str]:
    """Go through every page of the navigation by its links (a move inside the app: the
    session, and with it an upload, stays; one load of the app, however many pages) and run
    axe on each; ``expand``: with every expander open. The links are clicked from script,
    as they are hidden in presentation mode and at 200% zoom. ``shots``: a screenshot of
    each page named with it; ``wide_ok`` False: a page wider than the window is a problem
    (at 200% zoom, WCAG 1.4.10)."""
    found = []
    for i, path in enumerate(registered_pages(page)):
        page.locator(NAV_LINKS).nth(i).evaluate("a => a.click()")
        page.wait_for_function("(p) => location.pathname === p", arg=path, timeout=30_000)
        settle(page, timeout=SLOW)
        if expand:
            open_expanders(page)
        found += problems(axe, page, f"{where} {path}")
        if not wide_ok and overflow(page) > 1:
            found.append(f"{where} {path}: {overflow(page)} px wider than the window")
        if shots:
            shoot(page, f"{shots}-{path.strip('/') or 'overview'}")
    return found


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport=WIDE)
    yield context.new_page()
    context.close()


def test_every_page_on_the_sample_with_every_expander_open(axe, server, tab):
    tab.goto(server)
    settle(tab, timeout=SLOW)
    found = walk(axe, tab, "sample", expand=True)
    assert not found, "\n".join(found)


def test_every_page_in_presentation_mode_by_ethnic_category(axe, server, tab):
    tab.goto(f"{server}/?groups=category&present=1")
    settle(tab, timeout=SLOW)
    assert tab.get_by_role("button", name="Leave presentation mode").is_visible()
    found = walk(axe, tab, "presentation, groups=category", shots="presentation")
    assert not found, "\n".join(found)


def workforce_csv() -> bytes:
    eth = ["A White - British", "N Black or Black British - African",
           "H Asian or Asian British - Indian", "Z Not stated"]
    lines = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Department,Organisation Name"]
    for i in range(240):
        lines.append(f"{50000 + i},{eth[i % 4]},Band {5 + i % 3},Nursing and Midwifery "
                     f"Registered,Ward {i % 2},Axe Test NHS Trust")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_every_page_on_uploaded_data_by_broad_group(axe, server, tab):
    """Uploaded data at the third group level (its four ethnic categories fall in three
    broad groups and Unknown)."""
    tab.goto(f"{server}/?groups=broad")
    settle(tab, timeout=SLOW)
    sidebar = tab.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("My files", exact=True).click()
    box = sidebar.locator("[data-testid=stFileUploaderDropzoneInput]")
    box.wait_for(state="attached", timeout=60_000)
    box.set_input_files(files=[{"name": "axe_workforce_2026.csv", "mimeType": "text/csv",
                                "buffer": workforce_csv()}])
    sidebar.get_by_text("1 file(s) in this session.").wait_for(timeout=120_000)
    settle(tab, timeout=SLOW)
    assert "Axe Test NHS Trust" in tab.locator("[data-testid=stApp]").inner_text()
    found = walk(axe, tab, "upload")
    # Still on the upload after going through every page.
    tab.locator(f'{NAV_LINKS}[href="workforce"]').evaluate("a => a.click()")
    tab.wait_for_function("() => location.pathname === '/workforce'", timeout=30_000)
    settle(tab, timeout=SLOW)
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


# --- The keyboard ---------------------------------------------------------------------------
FOCUS_YELLOW = "255, 184, 28"  # NHS warm yellow, the inner ring of dashboard.theme.FOCUS_RING


def tab_to(page, target, most: int = 250) -> int:
    """Press Tab until ``target`` (a locator) has the focus; return how many presses."""
    handle = target.element_handle(timeout=60_000)
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            return presses
    raise AssertionError(f"{most} presses of Tab never reached {target}")


def focus_ring(page) -> str:
    """The focused element's ring as the browser draws it: its own box-shadow, or (a list
    box's typed-in input) that of the box around it."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        return getComputedStyle(el).boxShadow + ' '
            + getComputedStyle(el.parentElement).boxShadow;
    }""")


def test_a_year_change_and_a_drill_down_by_keyboard_alone(server, tab):
    page = tab
    page.goto(f"{server}/workforce")
    settle(page, timeout=SLOW)
    main = page.locator("[data-testid=stMain]")

    # The menu: a link reached by Tab shows the focus ring.
    tab_to(page, page.locator(NAV_LINKS).first)
    assert FOCUS_YELLOW in focus_ring(page)

    # The year: Tab to the list, type, Enter.
    year = page.get_by_role("combobox", name="Reporting year")
    tab_to(page, year)
    assert FOCUS_YELLOW in focus_ring(page)
    page.keyboard.type("2025")
    page.get_by_role("option", name="2025").first.wait_for(state="visible", timeout=30_000)
    page.keyboard.press("Enter")
    settle(page, timeout=SLOW)
    page.wait_for_function("() => location.search.includes('year=2025')", timeout=30_000)
    assert "31 March 2025" in main.inner_text()

    # The drill-down: the list under the bands chart does what a click on a bar does.
    page.keyboard.press("Escape")
    drill = page.get_by_role("combobox", name="Drill into a pay band").first
    tab_to(page, drill)
    assert FOCUS_YELLOW in focus_ring(page)
    page.keyboard.type("Band 5")
    page.get_by_role("option", name="Band 5", exact=True).first.wait_for(
        state="visible", timeout=30_000)
    page.keyboard.press("Enter")
    settle(page, timeout=SLOW)
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('drill') === 'pay_band:Band 5'",
        timeout=30_000)
    # The chip that says so and removes it (a button whose text ends in "✕").
    chip = main.locator("[data-testid=stButton] button").filter(has_text="Band 5").filter(
        has_text="✕").first
    chip.wait_for(timeout=30_000)
    assert "Band 5" in page.locator("[data-testid=stSidebar]").inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0

    # And back out of it: Tab to the chip, Enter.
    tab_to(page, chip)
    page.keyboard.press("Enter")
    settle(page, timeout=SLOW)
    page.wait_for_function("() => !location.search.includes('drill')", timeout=30_000)
    chip.wait_for(state="detached", timeout=30_000)


# --- 200% zoom ------------------------------------------------------------------------------
def test_every_page_at_200_percent_zoom(axe, server, browser):
    context = browser.new_context(**ZOOMED)
    try:
        page = context.new_page()
        page.goto(f"{server}/workforce")
        settle(page, timeout=SLOW)
        found = walk(axe, page, "200%", shots="zoom", wide_ok=False)
        # The sidebar folds away at this width; its button brings every control back.
        sidebar = page.locator("[data-testid=stSidebar]")
        if not sidebar.get_by_role("combobox", name="Reporting year").is_visible():
            page.get_by_role("button", name="Expand sidebar").first.click()
        sidebar.get_by_role("combobox", name="Reporting year").wait_for(timeout=30_000)
        sidebar.get_by_text("Presentation mode").scroll_into_view_if_needed()
        assert sidebar.get_by_text("Presentation mode").is_visible()
        page.screenshot(path=str(ARTIFACTS / "a11y-zoom-sidebar.png"))
        page.goto(f"{server}/workforce?present=1")
        settle(page, timeout=SLOW)
        # Presentation mode at this zoom: the way out is on screen.
        assert page.get_by_role("button", name="Leave presentation mode").is_visible()
        assert overflow(page) <= 1
        shoot(page, "zoom-presentation-workforce")
        assert not found, "\n".join(found)
    finally:
        context.close()
