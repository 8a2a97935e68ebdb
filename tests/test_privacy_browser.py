"""Privacy in a real browser: a real server, Debian's Chromium driven by Playwright.

- Nothing leaves the machine: every request of every page, an upload and a download goes to
  the local server only.
- Uploads stay in the session that made them: a second browser session, open at the same
  time or opened after, never sees a byte of them.
- Uploads never touch the disk: the server runs with a fresh HOME and TMPDIR and a Python
  audit hook that records every file it opens for writing; after a 1.5 MB upload no file it
  wrote, and no new file under /tmp, HOME or the checkout, holds the upload's marker text.
- Text from files is never HTML: an upload whose organisation, departments and staff groups
  are markup, scripts and markdown links draws every page with no such element in the DOM
  and no dialog.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from browser_kit import (
    ARTIFACTS,
    HAVE_CHROMIUM,
    NAV_LINKS,
    ROOT,
    add_option,
    is_local,
    open_expander,
    serve,
    settle,
    type_into,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")

PAGES = ["", "workforce", "likelihood", "survey", "board", "data_quality", "methodology",
         "export"]
MARKER = "Okapi Quokka Ward 7Q9X"  # the upload's distinctive text
TRUST = "Zebra Test Trust"
ETHNICITY = ["A White - British", "N Black or Black British - African",
             "H Asian or Asian British - Indian"]
HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>",
           "[click here](http://evil.example/)", '=HYPERLINK("http://evil.example/","y")',
           "**bold** <b>tag</b>"]

# Records every file the server opens for writing (Python's audit hook sees builtin open,
# os.open and the O_TMPFILE files tempfile makes); os.write raises no audit event, so the
# hook can log without seeing itself.
SITECUSTOMIZE = r'''
import os, sys
_log = os.environ.get("WRES_WRITE_LOG")
if _log:
    _fd = os.open(_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    _WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | getattr(os, "O_TMPFILE", 0)

    def _hook(event, args):
        if event == "open":
            path, mode, flags = args
            if isinstance(path, int) or path is None:
                return
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITE)
            if writes:
                tmpfile = bool(isinstance(flags, int) and getattr(os, "O_TMPFILE", 0)
                               and flags & os.O_TMPFILE == os.O_TMPFILE)
                line = f"{'TMPFILE' if tmpfile else 'WRITE'}\t{os.fsdecode(path)}\n"
                os.write(_fd, line.encode("utf-8", "replace"))
        elif event in ("tempfile.mkstemp", "tempfile.mkdtemp"):
            os.write(_fd, f"{event}\t{args[0]}\n".encode("utf-8", "replace"))

    sys.addaudithook(_hook)
'''


def workforce_csv(*, org: str = TRUST, departments: list[str] | None = None,
                  groups: list[str] | None = None, rows: int = 240, pad: int = 0) -> bytes:
    """A workforce CSV (ESR-like headers) for one invented trust; ``pad`` adds a long
    assignment text column so the file reaches a given size."""
    departments = departments or [f"{MARKER} {i}" for i in range(4)]
    groups = groups or ["Nursing and Midwifery Registered", "Allied Health Professionals"]

    def q(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = ["Employee Number,Ethnic Origin,Pay Band,Staff Group,Department,"
             "Organisation Name,Assignment Notes"]
    filler = ("x" * pad) if pad else ""
    for i in range(rows):
        lines.append(f"{70000 + i},{ETHNICITY[i % 3]},Band {5 + i % 3},"
                     f"{q(groups[i % len(groups)])},{q(departments[i % len(departments)])},"
                     f"{q(org)},{q(MARKER + ' ' + filler)}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def upload(page, name: str, data: bytes) -> None:
    """Load a file through the sidebar as a person does: choose My files, drop the file."""
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("My files", exact=True).click()
    box = sidebar.locator("[data-testid=stFileUploaderDropzoneInput]")
    box.wait_for(state="attached", timeout=60_000)
    # From memory: no copy of the file on this machine's disk for the scan to find.
    box.set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    sidebar.get_by_text("1 file(s) in this session.").wait_for(timeout=120_000)
    settle(page, timeout=120_000)


def main_text(page) -> str:
    return page.locator("[data-testid=stApp]").inner_text()


def goto(page, base: str, path: str) -> None:
    page.goto(f"{base}/{path}")
    settle(page, timeout=120_000)


def open_page(page, base: str, path: str) -> None:
    """Go to a page through the navigation (a new URL would start a new session)."""
    if not path:
        link = page.locator(NAV_LINKS).first
    else:
        link = page.locator(f'{NAV_LINKS}[href="{path}"]').first
    link.click()
    page.wait_for_function("(p) => location.pathname.replace(/\\/$/, '').endsWith(p)",
                           arg=f"/{path}" if path else "", timeout=60_000)
    settle(page, timeout=120_000)


def assert_clean(page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, where
    assert page.get_by_text("Something went wrong").count() == 0, where


# --- Nothing leaves the machine ---------------------------------------
def test_nothing_leaves_the_machine(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1366, "height": 900},
                                  accept_downloads=True)
    seen: list[str] = []
    foreign: list[str] = []

    def record(request) -> None:
        seen.append(request.url)
        if not is_local(request.url, server):
            foreign.append(request.url)

    context.on("request", record)
    page = context.new_page()
    try:
        for path in PAGES:
            goto(page, server, path)
            assert_clean(page, path or "overview")
        upload(page, "zebra_workforce_2026.csv", workforce_csv())
        assert TRUST in main_text(page)
        for path in PAGES:
            open_page(page, server, path)
            assert_clean(page, f"{path} after upload")
        with page.expect_download(timeout=180_000) as info:
            page.get_by_role("button", name="WRES workbook (.xlsx)").click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.stat().st_size > 5_000
    finally:
        context.close()
    assert len(seen) > 20 and any("_stcore/upload_file" in u for u in seen)
    assert not foreign, foreign


# --- Uploads stay in their session ---------------------------------------
def _never_saw_the_upload(page, where: str) -> None:
    html = page.content()
    for text in (MARKER, TRUST, "zebra_workforce"):
        assert text not in html, (where, text)


def test_uploads_stay_in_the_session_that_made_them(browser, server):
    a_ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    b_ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        a, b = a_ctx.new_page(), b_ctx.new_page()
        goto(b, server, "workforce")  # B is open before A uploads ...
        goto(a, server, "workforce")
        upload(a, "zebra_workforce_2026.csv", workforce_csv())
        assert TRUST in main_text(a)
        open_expander(a, "Filters")
        type_into(a, "Department", "Okapi")
        a.get_by_role("option", name=f"{MARKER} 1").first.wait_for(timeout=30_000)
        a.keyboard.press("Escape")

        # ... and stays open while A works: its reruns, pages and filters show only its data.
        b.get_by_text("Workforce", exact=False).first.wait_for()
        for path in ("", "workforce", "data_quality", "export"):
            open_page(b, server, path)
            assert_clean(b, path)
            _never_saw_the_upload(b, f"B on {path or 'overview'}")
        # B's department filter offers none of A's departments.
        open_page(b, server, "workforce")
        open_expander(b, "Filters")
        type_into(b, "Department", "Okapi")
        b.get_by_role("option", name="No results").first.wait_for(timeout=30_000)
        b.keyboard.press("Escape")

        # A session opened after the upload sees the sample too, including on the URL A has.
        c_ctx = browser.new_context(viewport={"width": 1366, "height": 900})
        try:
            c = c_ctx.new_page()
            goto(c, server, a.url.split(server, 1)[1].lstrip("/"))
            assert_clean(c, "C")
            _never_saw_the_upload(c, "C")
            assert "Bundled sample" in main_text(c) or "fictional" in main_text(c)
        finally:
            c_ctx.close()
        # A still has its data.
        open_page(a, server, "")
        assert TRUST in main_text(a)
    finally:
        a_ctx.close()
        b_ctx.close()


# --- Uploads never touch the disk ---------------------------------------
def _files_since(root: Path, since: float, skip: tuple[str, ...] = ()) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=lambda e: None):
        dirnames[:] = [d for d in dirnames if d not in (".git", ".venv", "node_modules")
                       and not d.startswith(skip)]
        for name in filenames:
            p = Path(dirpath, name)
            try:
                st = p.lstat()
            except OSError:
                continue
            if p.is_file() and not p.is_symlink() and max(st.st_mtime, st.st_ctime) >= since \
                    and st.st_size < 700 * 1024 * 1024:
                found.append(p)
    return found


def _holds(path: Path, needle: bytes) -> bool:
    try:
        with path.open("rb") as f:
            tail = b""
            while chunk := f.read(1 << 20):
                if needle in tail + chunk:
                    return True
                tail = chunk[-len(needle):]
    except OSError:
        return False
    return False


def test_uploaded_bytes_are_never_written_to_disk(browser, tmp_path_factory):
    fresh = tmp_path_factory.mktemp("fresh-server")
    home, tmpdir, hook = fresh / "home", fresh / "tmp", fresh / "hook"
    for d in (home, tmpdir, hook):
        d.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    write_log = fresh / "writes.log"
    env = {"HOME": str(home), "TMPDIR": str(tmpdir), "WRES_WRITE_LOG": str(write_log),
           "PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")])}
    # Over Starlette's 1 MB spool limit, the size at which an upload would go to a temp file.
    data = workforce_csv(pad=6_000)
    assert len(data) > 1_400_000
    needle = MARKER.encode("utf-8")

    with serve("privacy-disk-server.log", env=env) as base:
        started = time.time() - 1
        assert write_log.exists(), "the audit hook did not load in the server"
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        try:
            page = context.new_page()
            goto(page, base, "")
            upload(page, "zebra_workforce_2026.csv", data)
            assert TRUST in main_text(page)
            open_page(page, base, "workforce")
            assert_clean(page, "workforce")
        finally:
            context.close()

        writes = [line.split("\t", 1) for line in
                  write_log.read_text(encoding="utf-8").splitlines() if "\t" in line]
        # No temporary file at all, named or not, and nothing written in TMPDIR or HOME.
        assert not [w for w in writes if w[0] != "WRITE"], writes
        assert not [p for _, p in writes if p.startswith((str(tmpdir), str(home)))], writes
        # No file the server wrote holds the upload's text.
        for _, p in writes:
            assert not _holds(Path(p), needle), p
        # Nor does any new file anywhere the server could have written (the browser's own
        # profile aside: it is the user's machine, not the server).
        roots = [home, tmpdir, ROOT, Path("/tmp"), Path.home() / ".streamlit"]
        for root in roots:
            if not root.exists():
                continue
            for p in _files_since(root, started, skip=("playwright", "pytest-of")):
                assert not _holds(p, needle), p
        assert not any(home.rglob("*")), list(home.rglob("*"))
        assert not any(tmpdir.rglob("*")), list(tmpdir.rglob("*"))


# --- Text from files is never HTML ---------------------------------------
INJECTED = """() => ({
  imgs: document.querySelectorAll('img[src="x"], img[onerror], [onerror]').length,
  scripts: [...document.querySelectorAll('script')].filter(
      s => (s.textContent || '').includes('alert(')).length,
  links: document.querySelectorAll('a[href*="evil.example"]').length,
  bold: [...document.querySelectorAll('b, strong')].filter(
      e => e.textContent === 'tag' || e.textContent === 'bold').length,
})"""


def test_text_from_files_is_never_rendered_as_html(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        goto(page, server, "")
        data = workforce_csv(org=HOSTILE[0] + " Trust", departments=HOSTILE,
                             groups=[HOSTILE[1], "Nursing and Midwifery Registered"])
        upload(page, "zebra_<b>tag</b>_workforce_2026.csv", data)
        # A hostile department chosen in the filters goes into every title and caption.
        open_expander(page, "Filters")
        add_option(page, "Department", "<img", HOSTILE[0])
        settle(page, timeout=120_000)
        add_option(page, "Department", "[click", HOSTILE[2])
        settle(page, timeout=120_000)
        for path in PAGES:
            open_page(page, server, path)
            assert_clean(page, path)
            found = page.evaluate(INJECTED)
            assert found == {"imgs": 0, "scripts": 0, "links": 0, "bold": 0}, (path, found)
            if path in ("", "workforce"):
                # The text is there, shown as typed.
                assert HOSTILE[0] in main_text(page), path
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        open_page(page, server, "workforce")
        page.screenshot(path=str(ARTIFACTS / "privacy-hostile-text.png"), full_page=True)
    finally:
        context.close()
    assert not dialogs, dialogs
