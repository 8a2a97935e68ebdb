"""What the browser tests share: a real dashboard server and Debian's Chromium.

`serve()` starts `streamlit run app.py` on a free local port and yields its address;
`chromium()` launches the browser with the flags this closed machine needs (without the
background-networking ones Chromium tries to reach Google at start and is refused).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
HAVE_CHROMIUM = Path(CHROMIUM).exists()
# The links of the app's menu (dashboard/navigation.py draws it in a container of this key);
# each link's href is its page's URL path without the slash ("" for the first page).
NAV_LINKS = "[data-testid=stSidebar] .st-key-wres-nav a"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(log_name: str, *, env: dict[str, str] | None = None,
          app_args: list[str] | None = None, cwd: Path = ROOT) -> Iterator[str]:
    """The dashboard on 127.0.0.1 at a free port, its output in tests/artifacts/<log_name>."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / log_name
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
               "--server.address", "127.0.0.1", "--server.port", str(port),
               "--server.headless", "true"]
    if app_args:
        command += ["--", *app_args]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, cwd=cwd,
                                env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
                                stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, proc, log_path)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(base: str, proc: subprocess.Popen, log_path: Path) -> None:
    """Return once the server answers its health check; raise with its log if it dies or
    does not answer within 90 s."""
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the dashboard did not start: "
                       + log_path.read_text(errors="replace")[-2000:])


def chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def is_local(url: str, base: str) -> bool:
    """Whether a request stays on this machine's dashboard (or is data the page made)."""
    return (url.startswith(base) or url.startswith(base.replace("http", "ws", 1))
            or url.startswith(("data:", "blob:", "about:")))


def settle(page, timeout: int = 60_000, pause: int = 1500) -> None:
    """Wait until the script has run and no 'running' widget is shown, every element is
    drawn (a fresh tab shows a skeleton until a widget's code has loaded, which can outlast
    a quick run), then for plotly: its first chart drawn, then ``pause`` ms for the rest
    (less where only the page's markup is read, not its picture)."""
    ready = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)
    if page.locator("[data-testid=stPlotlyChart]").count():
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg", timeout=20_000)
        page.wait_for_timeout(pause)



def wait_still(locator, timeout: int = 30_000) -> None:
    """Wait until an element has stopped moving (the same box in two reads 200 ms apart).

    Streamlit's expander slides open and draws its contents again as it goes: text typed
    into a box inside it during the slide is lost (the box shows it empty, though the list
    below it was filtered)."""
    locator.wait_for(state="visible", timeout=timeout)
    locator.page.wait_for_function(
        """(el) => new Promise((resolve) => {
            const a = el.getBoundingClientRect();
            setTimeout(() => {
                const b = el.getBoundingClientRect();
                resolve(el.isConnected && a.x === b.x && a.y === b.y
                        && a.width === b.width && a.height === b.height);
            }, 200);
        })""", arg=locator.element_handle(timeout=timeout), timeout=timeout)


def open_expander(page, title: str) -> None:
    """Open the sidebar expander whose summary reads `title`, and wait for it to settle."""
    summary = page.locator("[data-testid=stSidebar] [data-testid=stExpander] summary").filter(
        has_text=title).first
    summary.click()
    wait_still(summary.locator("xpath=..").locator("[data-testid=stExpanderDetails]").first)


def type_into(page, label: str, text: str):
    """Click the combobox `label` (once it has stopped moving) and type `text` into it,
    typing again (up to three times) when the text did not reach the box because the box
    was drawn again meanwhile. Returns the box."""
    box = page.get_by_role("combobox", name=label).first
    wait_still(box)
    box.scroll_into_view_if_needed()
    for _ in range(3):
        box.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(text)
        if box.input_value() == text:
            break
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)
    return box


def add_option(page, label: str, typed: str, option: str | None = None) -> None:
    """Add `option` to the multiselect `label` as a keyboard user does: type, wait until
    the list's first entry is the option and has the focus, press Enter, close the list.

    Clicking the entry instead is flaky: the list is drawn again as the page settles, and a
    click can land after the entry has moved (selecting nothing) or keep finding it
    detached."""
    option = option or typed
    box = type_into(page, label, typed)
    page.wait_for_function(
        """([box, option]) => {
            const first = document.querySelector('[role=option]');
            return first !== null && first.textContent.includes(option)
                && box.getAttribute('aria-activedescendant') === first.id;
        }""", arg=[box.element_handle(), option], timeout=30_000)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
