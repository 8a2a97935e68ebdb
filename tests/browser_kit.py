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


def settle(page, timeout: int = 60_000) -> None:
    """Wait until the script has run and no 'running' widget is shown, every element is
    drawn (a fresh tab shows a skeleton until a widget's code has loaded, which can outlast
    a quick run), then for plotly."""
    ready = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_selector(ready, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)
    if page.locator("[data-testid=stPlotlyChart]").count():
        page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg", timeout=20_000)
        page.wait_for_timeout(1500)
