"""Time from changing a filter to the page being drawn again, in a real browser.

    .venv/bin/python -m benchmarks.browser_filter [--staff 10000] [--repeats 5]
    .venv/bin/python -m benchmarks.browser_filter --data FOLDER --first-only

Generates a trust-scale dataset with the sample generator, starts the dashboard on it, opens
the workforce page in Debian's Chromium and switches the reporting year back and forth, each
time measuring from the click on the option to the last change the redraw made to the page:
the script has finished, the headline names the chosen year, every chart is drawn, and then
nothing in the page changes for half a second (the time reported is that of the last change,
not the end of the quiet wait). The first switch to a year draws a view not drawn before; the
switches back draw views seen before. Then it keeps non-clinical staff only and clears the
filter again, a few times: the first time the server computes the filtered figures. Prints a
small markdown table for the README.

With ``--data FOLDER`` (a data set of ``benchmarks.generate``, national scale say) it serves
that folder instead; ``--first-only`` stops after the first page: the time from opening the
dashboard on a server just started to the first page drawn, which includes loading the data
(the dashboard loads it on the first visit).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from wres_core.sample import write

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  // A widget whose code is still loading shows a skeleton (a fresh tab, the first page).
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return [...charts].every(c => c.querySelector('.main-svg'));
}"""


# A nation's data on a busy machine can take minutes to load before the first page.
FIRST_PAGE_TIMEOUT_MS = 900_000


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(data: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--", "--data", str(data)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the dashboard did not start")


# Records the click on the option and the time of every later change to the page (charts,
# text, the stale-element fade), so the redraw's end is the last change, wherever it was.
WATCH = """() => {
  window.__wres = {click: null, last: null};
  document.addEventListener('click', () => {
    window.__wres.click = performance.now(); window.__wres.last = performance.now();
  }, {capture: true, once: true});
  if (window.__wresObserver) window.__wresObserver.disconnect();
  window.__wresObserver = new MutationObserver(() => {
    if (window.__wres.click !== null) window.__wres.last = performance.now();
  });
  window.__wresObserver.observe(document.querySelector('[data-testid="stMain"]'),
      {subtree: true, childList: true, attributes: true, characterData: true});
}"""
QUIET_MS = 500


def _timed(page, click, drawn: str, arg) -> float:
    """Seconds from ``click()`` to the last change of the page it redrew. ``drawn``: a JS
    function of ``arg`` that is true once the page shows the new view (checked with
    textContent, not innerText: it runs every 20 ms and must not make the browser lay the
    page out, or it would slow the very redraw it times). The redraw is over when that
    holds, nothing is running, every chart is drawn and the page has been still for
    QUIET_MS."""
    page.evaluate(WATCH)
    click()
    page.wait_for_function(
        "([arg, quiet]) => performance.now() - window.__wres.last > quiet && (" + drawn +
        ")(arg, document.querySelector('[data-testid=stMain]').textContent) && (" + DRAWN +
        ")()", arg=[arg, QUIET_MS], timeout=120_000, polling=20)
    return page.evaluate("() => (window.__wres.last - window.__wres.click) / 1000")


def _option(page, box, text: str):
    """Open a select box, type ``text`` and return its option once the list shows only
    that one: the list narrows a key at a time, and a click on an option of a list still
    narrowing can land on nothing (no rerun; the benchmark then waits in vain)."""
    box.click()
    page.keyboard.type(text)
    page.wait_for_function(
        "(t) => { const o = [...document.querySelectorAll('[role=option]')];"
        " return o.length === 1 && o[0].textContent.trim().startsWith(t); }",
        arg=text, timeout=60_000, polling=20)
    return page.get_by_role("option").first


def _switch(page, year: str) -> float:
    """Choose ``year``; seconds from the choice to the last change of the page it drew."""
    option = _option(page, page.get_by_role("combobox", name="Reporting year").first, year)
    # The caption under the headline names the snapshot; no other text on the page says
    # "Snapshot: 31 March <year>.".
    return _timed(page, option.click,
                  "(y, text) => text.includes('Snapshot: 31 March ' + y + '.')", year)


FILTER_LABEL, FILTER_VALUE = "Clinical / non-clinical", "Non-clinical"
# Every chart title names the filters in force: "... Non-clinical staff" or "... All staff".
FILTERED = "(v, text) => text.includes(v + ' staff')"
UNFILTERED = "(v, text) => text.includes('All staff') && !text.includes(v + ' staff')"


def _filter_on(page) -> float:
    """Keep non-clinical staff only (a new query for the server the first time)."""
    box = page.get_by_role("combobox", name=FILTER_LABEL).first
    if not box.is_visible():  # the Filters expander starts closed when no filter is set
        page.locator("[data-testid=stSidebar] [data-testid=stExpander] summary").filter(
            has_text="Filters").first.click()
        box.wait_for(state="visible", timeout=60_000)
        # Let the expander finish opening: a list opened while it still moves can close
        # again under the pointer (seen about one run in three).
        page.wait_for_timeout(1000)
    option = _option(page, box, FILTER_VALUE)

    def click() -> None:
        option.click()
        page.keyboard.press("Escape")

    return _timed(page, click, FILTERED, FILTER_VALUE)


def _filter_off(page) -> float:
    button = page.get_by_role("button", name="Clear filters").first
    return _timed(page, button.click, UNFILTERED, FILTER_VALUE)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--data", type=Path, help="serve this folder instead of sample data")
    ap.add_argument("--first-only", action="store_true",
                    help="time the first page only (loading included)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data.resolve() if args.data else Path(tmp) / "trust"
        if not args.data:
            write(data, n_staff=args.staff)
        port = _port()
        proc = _serve(data, port)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                            args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                t0 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/workforce")
                # The page's own text too: in a fresh tab the empty shell passes DRAWN (no
                # chart, script not running) until the first run starts.
                page.wait_for_function(
                    "() => document.querySelector('[data-testid=stMain]')?.textContent"
                    ".includes('Snapshot: 31 March ') && (" + DRAWN + ")()",
                    timeout=FIRST_PAGE_TIMEOUT_MS, polling=50)
                first = time.perf_counter() - t0
                if args.first_only:
                    browser.close()
                    print(f"| {data.name} | first page drawn after start (loading "
                          f"included) | {first:.1f} s |")
                    return
                # The first visit to a year is a cache miss on the server; going back to a
                # year already drawn is a hit.
                misses = [_switch(page, "2025"), _switch(page, "2024")]
                hits = [_switch(page, y) for _ in range(args.repeats)
                        for y in ("2026", "2025", "2024")]
                # A filter: the first time the server computes the filtered figures.
                filtered = [_filter_on(page)]
                cleared = [_filter_off(page)]
                for _ in range(max(1, args.repeats // 2)):
                    filtered.append(_filter_on(page))
                    cleared.append(_filter_off(page))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    print(f"| trust scale ({args.staff:,} staff, 3 years) | seconds |")
    print("| --- | --- |")
    print(f"| first page drawn after start | {first:.2f} |")
    print(f"| filter change to a view not drawn before (cache miss), each | "
          f"{', '.join(f'{m:.2f}' for m in misses)} |")
    print(f"| filter change back to a drawn view (cache hit), median / slowest | "
          f"{statistics.median(hits):.2f} / {max(hits):.2f} |")
    print(f"| {FILTER_VALUE.lower()} staff only, first time (the server computes it) | "
          f"{filtered[0]:.2f} |")
    print(f"| {FILTER_VALUE.lower()} staff only again, median / slowest | "
          f"{statistics.median(filtered[1:]):.2f} / {max(filtered[1:]):.2f} |")
    print(f"| filter cleared, median / slowest | "
          f"{statistics.median(cleared):.2f} / {max(cleared):.2f} |")


if __name__ == "__main__":
    main()
