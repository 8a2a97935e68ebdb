"""The package as a trust's IT team installs it: build the wheel, install it into a fresh
virtual environment in a temporary folder outside the checkout, and run `wres app` from
there, as a person would, with hostile Streamlit settings in their folder, their home and
their environment.

Checked: the server answers its health check; a page is drawn in Chromium on the sample the
wheel carries; the project's settings apply (the theme, the 500 MB upload limit, no usage
statistics) whatever those say; and no request leaves the machine.

The new environment takes its dependencies from this one (a .pth file naming this
environment's site-packages: `venv --system-site-packages` would give the base Python's,
which has none of them) and the wheel with --no-deps, so nothing is downloaded but the build
backend (setuptools, from PyPI, unless this environment has a recent enough one).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from browser_kit import (
    ARTIFACTS,
    HAVE_CHROMIUM,
    ROOT,
    free_port,
    is_local,
    settle,
    wait_healthy,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")

# Settings that would break the project's, were they read: the project's must win.
HOSTILE_CONFIG = """
[browser]
gatherUsageStats = true
[server]
maxUploadSize = 1
[theme]
secondaryBackgroundColor = "#FF0000"
primaryColor = "#00FF00"
"""
# Environment variables outrank every config file (Streamlit also reads the config beside
# the script it runs, which is the packaged one): only the command-line flags beat them.
HOSTILE_ENV = {"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "true",
               "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "1",
               "STREAMLIT_THEME_SECONDARY_BACKGROUND_COLOR": "#FF0000"}
PALE_GREY = "rgb(232, 237, 238)"  # secondaryBackgroundColor #E8EDEE, the sidebar's
# What the build needs from the checkout (no tests, benchmarks, caches or environments).
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                              ".pytest_cache", ".ruff_cache", ".hypothesis", "tests",
                              "benchmarks", "artifacts")


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


def _build_isolation() -> list[str]:
    """Build with this environment's setuptools when it is recent enough (no download)."""
    try:
        major = int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return []
    return ["--no-build-isolation"] if major >= 70 else []


@pytest.fixture(scope="module")
def installed():
    """A fresh environment with the wheel installed, in a folder outside the checkout."""
    tmp = Path(tempfile.mkdtemp(prefix="wres-wheel-")).resolve()
    assert ROOT not in tmp.parents
    started = time.time()
    try:
        # A copy of the checkout, so the build leaves nothing in it.
        src = tmp / "src"
        shutil.copytree(ROOT, src, ignore=SKIP)
        _run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q",
              *_build_isolation(), "-w", str(tmp / "dist")])
        wheel = next((tmp / "dist").glob("wres_explorer-*.whl"))
        env = tmp / "env"
        _run([sys.executable, "-m", "venv", "--without-pip", str(env)])
        python = env / "bin" / "python"
        site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                                             "['purelib'])"]).stdout.strip())
        paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
        (site / "_wres_test_dependencies.pth").write_text("\n".join(sorted(paths)) + "\n")
        _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
              "-q", str(wheel)])
        yield {"tmp": tmp, "env": env, "site": site, "seconds": time.time() - started}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_installed_wres_app_draws_the_dashboard_and_sends_nothing_out(installed, browser):
    tmp, env, site = installed["tmp"], installed["env"], installed["site"]
    # The user's folder and home, each with a .streamlit/config.toml that must not win.
    run_dir, home_dir = tmp / "where the user is", tmp / "home"
    for folder in (run_dir, home_dir):
        (folder / ".streamlit").mkdir(parents=True)
        (folder / ".streamlit" / "config.toml").write_text(HOSTILE_CONFIG)
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WRES_RAISE")}
    environ.update({"HOME": str(home_dir), "PYTHONUNBUFFERED": "1", **HOSTILE_ENV})

    # The installed package runs from the new environment, not from the checkout.
    where = _run([str(env / "bin" / "python"), "-c",
                  "import wres_app.home as h, dashboard, wres_core; "
                  "print(h.home(), dashboard.__file__, wres_core.__file__)"],
                 cwd=run_dir, env=environ).stdout.split()
    assert all(w.startswith(str(site)) for w in where), where
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert _run([str(env / "bin" / "wres"), "--version"], cwd=run_dir,
                env=environ).stdout.strip() == f"wres {project['version']}"

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "wheel_app.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([str(env / "bin" / "wres"), "app", "--port", str(port)],
                                cwd=run_dir, env=environ, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(base, proc, log_path)
        assert f"Open {base} in your browser" in log_path.read_text()
        requests: list[str] = []
        # The session's Chromium (tests/conftest.py), in a context of its own.
        context = browser.new_context()
        try:
            page = context.new_page()

            def route(r):
                requests.append(r.request.url)
                if is_local(r.request.url, base):
                    r.continue_()
                else:
                    r.abort()

            page.route("**/*", route)
            page.on("websocket", lambda ws: requests.append(ws.url))
            page.goto(base)
            try:
                settle(page)
            except playwright_api.TimeoutError as exc:
                off = [u for u in requests if not is_local(u, base)]
                raise AssertionError(f"no page drawn; requests off the machine: {off}") from exc
            sidebar = page.locator("[data-testid=stSidebar]")
            # Drawn, on the sample the wheel carries (found beside the packaged app.py).
            page.get_by_text("Northfield Valley NHS Trust").first.wait_for(timeout=30_000)
            sidebar.get_by_text("Bundled sample (a fictional trust)").wait_for()
            # The project's theme and upload limit, not the hostile configs'.
            colour = sidebar.evaluate("el => getComputedStyle(el).backgroundColor")
            assert colour == PALE_GREY
            sidebar.get_by_text("My files", exact=True).click()
            sidebar.get_by_text("500MB", exact=False).first.wait_for(timeout=30_000)
        finally:
            context.close()
        off_machine = [u for u in requests if not is_local(u, base)]
        assert requests and off_machine == []
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode is not None
