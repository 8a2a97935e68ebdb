"""Time from changing a filter to the page being drawn again, in a real browser.

    .venv/bin/python -m benchmarks.browser_filter [--staff 10000] [--repeats 5]

Generates a trust-scale dataset with the sample generator, starts the dashboard on it, opens
the workforce page in Debian's Chromium and switches the reporting year back and forth, each
time measuring from the click on the option to the moment the script has finished and every
chart has been drawn. The first switch to a year is a cache miss on the server; switching
back is a cache hit. Prints a small markdown table for the README.
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
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return [...charts].every(c => c.querySelector('.main-svg'));
}"""


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


def _switch(page, year: str) -> float:
    """Choose ``year``; seconds from the choice to the page drawn for that year."""
    box = page.get_by_role("combobox", name="Reporting year").first
    box.click()
    page.keyboard.type(year)
    option = page.get_by_role("option", name=year).first
    option.wait_for(timeout=60_000)
    start = time.perf_counter()
    option.click()
    # Drawn for the new year: the headline names its snapshot date, and nothing is running.
    page.wait_for_function(
        "(y) => document.querySelector('[data-testid=stMain]').innerText"
        ".includes('31 March ' + y) && (" + DRAWN + ")()",
        arg=year, timeout=120_000, polling=20)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "trust"
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
                page.wait_for_function(DRAWN, timeout=300_000, polling=50)
                first = time.perf_counter() - t0
                # The first visit to a year is a cache miss on the server; going back to a
                # year already drawn is a hit.
                misses = [_switch(page, "2025"), _switch(page, "2024")]
                hits = [_switch(page, y) for _ in range(args.repeats)
                        for y in ("2026", "2025", "2024")]
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


if __name__ == "__main__":
    main()
