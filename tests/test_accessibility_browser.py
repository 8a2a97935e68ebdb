"""WCAG 2.2 AA in the browser: axe-core on every page and on the evidence pack, the keyboard,
and 200% zoom.

axe-core (bundled by the ``axe-playwright-python`` package, run with the WCAG 2.0, 2.1 and
2.2 A and AA rules) is run on every page the app registers (read from the sidebar's own
navigation, so a page added to ``app.py`` is checked without touching this file). The passes
pair every display mode with every ethnic group level and every kind of data (each pair of
settings is checked on every page, in six passes; see docs/accessibility.md):

    sample   default       White and BME      1440 px, every expander open
    sample   presentation  ethnic categories  1440 px
    sample   default       broad groups       200% zoom (and presenting, on one page)
    upload   default       ethnic categories  1440 px
    upload   presentation  broad groups       1440 px
    upload   presentation  White and BME      1440 px

and the offline evidence pack, as the Export page downloads it. Any serious or critical
violation fails, with the rule, how many elements and the first few of them. Each page is
loaded once per pass and every check of that pass (axe, width, screenshot) is made on that
one load; the server and the browser are the session's (tests/conftest.py), so the sample's
figures are computed once.

The keyboard tests drive, without the mouse, every control a meeting uses: the menu, the
year, the ethnic group level, a filter, the tabs, a drill-down and the downloads, checking
the focus ring on each.

Screenshots at 200% zoom and in presentation mode go to tests/artifacts/a11y-*.png: look at
them (a test cannot tell whether a page is readable).
"""

from __future__ import annotations

import contextlib
import json

import pytest
from openpyxl import load_workbook

from browser_kit import ARTIFACTS, HAVE_CHROMIUM, NAV_LINKS, open_expander, settle

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
# axe reads the page's markup, not its picture: once plotly has drawn the first chart, a
# short pause for the others is enough. Screenshots wait the full 1.5 s.
QUICK = 300
LEVELS = {"wres": "White and BME", "broad": "Broad ethnic groups",
          "category": "Individual ethnic categories"}


@pytest.fixture(scope="module")
def axe():
    return axe_api.Axe()


@contextlib.contextmanager
def new_tab(browser, **options):
    """A page in a context of its own (its own cookies, so its own Streamlit session)."""
    context = browser.new_context(**({"viewport": WIDE} | options))
    try:
        yield context.new_page()
    finally:
        context.close()


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
    session, and with it an upload, stays; one load of the app, however many pages), loading
    each page once and making every check on that load: axe; ``expand``: with every expander
    open; ``shots``: a screenshot named with it; ``wide_ok`` False: a page wider than the
    window is a problem (at 200% zoom, WCAG 1.4.10). The links are clicked from script, as
    they are hidden in presentation mode and at 200% zoom; the page already open is not
    loaded again."""
    found = []
    for i, path in enumerate(registered_pages(page)):
        if page.evaluate("() => location.pathname") != path:
            page.locator(NAV_LINKS).nth(i).evaluate("a => a.click()")
            page.wait_for_function("(p) => location.pathname === p", arg=path,
                                   timeout=SLOW)
        settle(page, timeout=SLOW, pause=1500 if shots else QUICK)
        if expand:
            open_expanders(page)
        found += problems(axe, page, f"{where} {path}")
        if not wide_ok and overflow(page) > 1:
            found.append(f"{where} {path}: {overflow(page)} px wider than the window")
        if shots:
            shoot(page, f"{shots}-{path.strip('/') or 'overview'}")
    return found


def sidebar_level(page, level: str) -> None:
    """Choose the ethnic group level in the sidebar's Display settings (as a click does)."""
    sidebar = page.locator("[data-testid=stSidebar]")
    radio = sidebar.get_by_text(LEVELS[level], exact=True)
    if not radio.is_visible():
        open_expander(page, "Display")
    radio.click()
    settle(page, timeout=SLOW, pause=QUICK)
    page.wait_for_function("(l) => new URLSearchParams(location.search).get('groups') === l"
                           " || (l === 'wres' && !location.search.includes('groups'))",
                           arg=level, timeout=SLOW)


def presenting(page, on: bool) -> None:
    """Turn presentation mode on (the sidebar's switch) or off (the button on the page)."""
    if on:
        page.locator("[data-testid=stSidebar]").get_by_text("Presentation mode").click()
    else:
        page.get_by_role("button", name="Leave presentation mode").click()
    settle(page, timeout=SLOW, pause=QUICK)
    leave = page.get_by_role("button", name="Leave presentation mode")
    leave.wait_for(state="visible" if on else "detached", timeout=SLOW)


# --- axe ------------------------------------------------------------------------------------
def test_every_page_on_the_sample_with_every_expander_open(axe, server, browser):
    with new_tab(browser) as page:
        page.goto(server)
        settle(page, timeout=SLOW, pause=QUICK)
        found = walk(axe, page, "sample", expand=True)
    assert not found, "\n".join(found)


def test_every_page_in_presentation_mode_by_ethnic_category(axe, server, browser):
    with new_tab(browser) as page:
        page.goto(f"{server}/?groups=category&present=1")
        settle(page, timeout=SLOW, pause=QUICK)
        assert page.get_by_role("button", name="Leave presentation mode").is_visible()
        found = walk(axe, page, "presentation, groups=category", shots="presentation")
    assert not found, "\n".join(found)


def workforce_csv() -> bytes:
    eth = ["A White - British", "N Black or Black British - African",
           "H Asian or Asian British - Indian", "Z Not stated"]
    lines = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Department,Organisation Name"]
    for i in range(240):
        lines.append(f"{50000 + i},{eth[i % 4]},Band {5 + i % 3},Nursing and Midwifery "
                     f"Registered,Ward {i % 2},Axe Test NHS Trust")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_every_page_on_uploaded_data_at_every_group_level_and_presenting(axe, server, browser):
    """One upload (its four ethnic categories fall in three broad groups and Unknown), three
    passes in its session: by ethnic category, then presenting by broad group, then
    presenting by White and BME."""
    with new_tab(browser) as page:
        page.goto(f"{server}/?groups=category")
        settle(page, timeout=SLOW, pause=QUICK)
        sidebar = page.locator("[data-testid=stSidebar]")
        sidebar.get_by_text("My files", exact=True).click()
        box = sidebar.locator("[data-testid=stFileUploaderDropzoneInput]")
        box.wait_for(state="attached", timeout=60_000)
        box.set_input_files(files=[{"name": "axe_workforce_2026.csv", "mimeType": "text/csv",
                                    "buffer": workforce_csv()}])
        sidebar.get_by_text("1 file(s) in this session.").wait_for(timeout=120_000)
        settle(page, timeout=SLOW, pause=QUICK)
        assert "Axe Test NHS Trust" in page.locator("[data-testid=stApp]").inner_text()
        found = walk(axe, page, "upload, groups=category")

        sidebar_level(page, "broad")
        presenting(page, True)
        found += walk(axe, page, "upload, presentation, groups=broad")

        presenting(page, False)
        sidebar_level(page, "wres")
        presenting(page, True)
        found += walk(axe, page, "upload, presentation, groups=wres")
        # Still on the upload after three passes through every page.
        assert "Axe Test NHS Trust" in page.locator("[data-testid=stApp]").inner_text()
    assert not found, "\n".join(found)


def test_every_page_at_200_percent_zoom_by_broad_group(axe, server, browser):
    with new_tab(browser, **ZOOMED) as page:
        page.goto(f"{server}/?groups=broad")
        settle(page, timeout=SLOW, pause=QUICK)
        found = walk(axe, page, "200%, groups=broad", shots="zoom", wide_ok=False)
        # The sidebar folds away at this width, and its controls leave the Tab order (off
        # screen, they would take the focus out of sight); its button, reached by Tab,
        # brings every control back.
        sidebar = page.locator("[data-testid=stSidebar]")
        year = sidebar.get_by_role("combobox", name="Reporting year")
        assert sidebar.get_attribute("data-collapsed") == "true"
        assert not year.is_visible()
        tab_to(page, page.get_by_role("button", name="Expand sidebar").first, most=40)
        assert_ring(page, "the sidebar's button")
        page.keyboard.press("Enter")
        year.wait_for(timeout=SLOW)
        sidebar.get_by_text("Presentation mode").scroll_into_view_if_needed()
        assert sidebar.get_by_text("Presentation mode").is_visible()
        page.screenshot(path=str(ARTIFACTS / "a11y-zoom-sidebar.png"))
        # Presentation mode at this zoom: the way out is on screen, and nothing is wider
        # than the window. (A link, not the sidebar's switch: over the page at this width,
        # the unfolded sidebar leaves the switch 'outside of the viewport' for Playwright.)
        page.goto(f"{server}/workforce?groups=broad&present=1")
        settle(page, timeout=SLOW)
        assert page.get_by_role("button", name="Leave presentation mode").is_visible()
        assert overflow(page) <= 1
        found += problems(axe, page, "200%, presentation")
        shoot(page, "zoom-presentation")
    assert not found, "\n".join(found)


# --- The keyboard ---------------------------------------------------------------------------
FOCUS_YELLOW = "255, 184, 28"  # NHS warm yellow, the inner ring of dashboard.theme.FOCUS_RING


def tab_to(page, target, most: int = 300) -> int:
    """Press Tab until ``target`` (a locator) has the focus; return how many presses."""
    handle = target.element_handle(timeout=60_000)
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            return presses
    raise AssertionError(f"{most} presses of Tab never reached {target}")


def focus_ring(page) -> str:
    """The focused element's ring as the browser draws it: its own box-shadow, or (a list
    box's typed-in input, a radio button's hidden input) that of the box or label around
    it."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const label = el.closest('label');
        return getComputedStyle(el).boxShadow + ' '
            + getComputedStyle(el.parentElement).boxShadow + ' '
            + (label ? getComputedStyle(label).boxShadow : '');
    }""")


def assert_ring(page, what: str) -> None:
    ring = focus_ring(page)
    assert FOCUS_YELLOW in ring, f"{what}: no focus ring ({ring})"


def wait_param(page, name: str, value: str | None) -> None:
    """Wait until the URL's ``name`` parameter is ``value`` (None: absent)."""
    page.wait_for_function(
        "([n, v]) => new URLSearchParams(location.search).get(n) === v",
        arg=[name, value], timeout=SLOW)


def choose_in_list(page, box, typed: str, option: str) -> None:
    """With the focus on a list box: type, move down the list until the active entry starts
    with ``option`` (a year's reads "2025 (year to 31 March 2025)"; a multiselect's first
    entry can be "Select 2 matches"), Enter."""
    page.keyboard.type(typed)
    active = """([box, option]) => {
        const id = box.getAttribute('aria-activedescendant');
        const active = id && document.getElementById(id);
        return active ? active.textContent.trim() : null;
    }"""
    handle = box.element_handle()
    page.wait_for_function(f"(a) => ({active})(a) !== null", arg=[handle, option],
                           timeout=SLOW)
    for _ in range(10):
        if (page.evaluate(active, [handle, option]) or "").startswith(option):
            page.keyboard.press("Enter")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no entry {option!r} in the list after typing {typed!r}")


def test_the_sidebar_the_tabs_and_a_drill_down_by_keyboard_alone(server, browser):
    """One load of the Workforce page; then only the keyboard: the menu, the year, the group
    level, a filter, the band tabs, a drill-down and back out of it."""
    with new_tab(browser) as page:
        page.goto(f"{server}/workforce")
        settle(page, timeout=SLOW)
        main = page.locator("[data-testid=stMain]")
        sidebar = page.locator("[data-testid=stSidebar]")

        # The menu: a link reached by Tab shows the focus ring.
        tab_to(page, page.locator(NAV_LINKS).first)
        assert_ring(page, "menu link")

        # The year: Tab to the list, type, Enter.
        year = page.get_by_role("combobox", name="Reporting year")
        tab_to(page, year)
        assert_ring(page, "year")
        choose_in_list(page, year, "2025", "2025")
        settle(page, timeout=SLOW)
        wait_param(page, "year", "2025")
        assert "31 March 2025" in main.inner_text()
        page.keyboard.press("Escape")

        # The group level: open the Display settings (Enter on its summary), Tab to the
        # radio buttons, an arrow key chooses the next.
        display = sidebar.locator("summary").filter(has_text="Display")
        tab_to(page, display)
        assert_ring(page, "Display settings")
        page.keyboard.press("Enter")
        checked = sidebar.get_by_role("radio", name=LEVELS["wres"])
        tab_to(page, checked)
        assert_ring(page, "group level")
        page.keyboard.press("ArrowDown")
        settle(page, timeout=SLOW)
        wait_param(page, "groups", "broad")
        assert sidebar.get_by_role("radio", name=LEVELS["broad"]).is_checked()

        # A filter: open Filters, Tab to a list, choose by typing.
        filters = sidebar.locator("summary").filter(has_text="Filters")
        tab_to(page, filters)
        page.keyboard.press("Enter")
        clinical = page.get_by_role("combobox", name="Clinical / non-clinical")
        tab_to(page, clinical)
        assert_ring(page, "filter")
        choose_in_list(page, clinical, "Clin", "Clinical")
        page.keyboard.press("Escape")
        settle(page, timeout=SLOW)
        wait_param(page, "clinical", "Clinical")
        assert sidebar.locator("summary").filter(has_text="Filters (1 active)").count() == 1

        # The band tabs: Tab to the open tab, an arrow key opens the next (and reruns).
        tabs = main.get_by_role("tab")
        first_tab = tabs.filter(has_text="Agenda for Change bands")
        medical_tab = tabs.filter(has_text="Medical and dental grades")
        tab_to(page, first_tab)
        assert_ring(page, "tab")
        page.keyboard.press("ArrowRight")
        settle(page, timeout=SLOW)
        assert medical_tab.get_attribute("aria-selected") == "true"
        main.get_by_role("heading", name="medical and dental staff in each grade").first \
            .wait_for(state="attached", timeout=SLOW)
        page.keyboard.press("ArrowLeft")
        settle(page, timeout=SLOW)
        assert first_tab.get_attribute("aria-selected") == "true"

        # The drill-down: the list under the bands chart does what a click on a bar does.
        drill = page.get_by_role("combobox", name="Drill into a pay band").first
        tab_to(page, drill)
        assert_ring(page, "drill-down list")
        choose_in_list(page, drill, "Band 5", "Band 5")
        settle(page, timeout=SLOW)
        wait_param(page, "drill", "pay_band:Band 5")
        # The chip that says so and removes it (a button whose text ends in "✕").
        chip = main.locator("[data-testid=stButton] button").filter(has_text="Band 5") \
            .filter(has_text="✕").first
        chip.wait_for(timeout=SLOW)
        assert "Band 5" in sidebar.inner_text()
        assert page.locator('[data-testid="stException"]').count() == 0

        # And back out of it: Tab to the chip, Enter.
        tab_to(page, chip)
        assert_ring(page, "drill-down chip")
        page.keyboard.press("Enter")
        settle(page, timeout=SLOW)
        wait_param(page, "drill", None)
        chip.wait_for(state="detached", timeout=SLOW)
        assert page.locator('[data-testid="stException"]').count() == 0


def download_by_keyboard(page, button, folder):
    """Tab to a download button, check its ring, press Enter; the file as saved."""
    tab_to(page, button)
    assert_ring(page, "download button")
    with page.expect_download(timeout=SLOW) as info:
        page.keyboard.press("Enter")
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def test_the_exports_by_keyboard_alone_and_the_evidence_pack_by_axe(axe, server, browser,
                                                                    tmp_path):
    """From the first page: the menu to the Export page, a note written, and each download
    (the workbook, the evidence pack, the notes) by Tab and Enter. The evidence pack as
    downloaded is opened from disk and checked by axe (one pack made, for both checks: it
    is the slowest file the app makes)."""
    with new_tab(browser, accept_downloads=True) as page:
        page.goto(server)
        settle(page, timeout=SLOW)
        tab_to(page, page.locator(f'{NAV_LINKS}[href="export"]'))
        assert_ring(page, "menu link")
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.pathname === '/export'", timeout=SLOW)
        settle(page, timeout=SLOW)

        xlsx = download_by_keyboard(
            page, page.get_by_role("button", name="WRES workbook (.xlsx)"), tmp_path)
        assert xlsx.suffix == ".xlsx"
        assert "Indicator 9" in load_workbook(xlsx, read_only=True).sheetnames

        html = download_by_keyboard(
            page, page.get_by_role("button", name="Evidence pack (.html)"), tmp_path)
        assert html.suffix == ".html"
        assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        with new_tab(browser) as pack:
            pack.goto(html.as_uri())
            pack.wait_for_selector(".main-svg", timeout=SLOW)
            found = problems(axe, pack, "evidence pack")

        # A note: Enter on the indicator's summary opens it; type; Tab away saves it.
        summary = page.locator("summary").filter(has_text="Indicator 1:").first
        tab_to(page, summary)
        assert_ring(page, "notes summary")
        page.keyboard.press("Enter")
        shows = page.get_by_label("What the data shows").first
        tab_to(page, shows)
        assert_ring(page, "notes box")
        page.keyboard.type("Typed without a mouse.")
        page.keyboard.press("Tab")
        settle(page, timeout=SLOW)
        notes_button = page.get_by_role("button", name="Download notes (.json)")
        playwright_api.expect(notes_button).to_be_enabled(timeout=SLOW)
        notes = download_by_keyboard(page, notes_button, tmp_path)
        assert json.loads(notes.read_text(encoding="utf-8"))["1"]["shows"] == \
            "Typed without a mouse."
        assert page.locator('[data-testid="stException"]').count() == 0
    assert not found, "\n".join(found)
