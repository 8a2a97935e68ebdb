"""Many people at once: N browser sessions walk the dashboard on trust-scale data.

    .venv/bin/python -m benchmarks.load [--sessions 20] [--minutes 2] [--data PATH]
    .venv/bin/python -m benchmarks.load --smoke        # 2 sessions for 20 seconds

Uses (or generates) the trust-scale dataset of ``benchmarks.generate`` (10,000 staff, three
years, every kind of file in the data contract, as Parquet) in benchmarks/data/trust, starts
the dashboard on it with ``--data``, and opens every session at once, each in its own
browser context (its own cookies and Streamlit session), spread over ``--browsers``
Chromium processes. Each session walks the pages through the sidebar's navigation and,
between pages, changes the reporting year or adds/clears a staff-group filter, until the
time is up.

Recorded per step: the time from the action (click, Enter) to the page being finished, i.e.
the server's "script finished" message for the run the action began (read off the
websocket), then the app's script state at ``notRunning``, no status widget, and every
plotly chart drawn; and any error: an exception box, "Something went wrong", a console
error or uncaught page error, an HTTP status >= 400 (other than Streamlit's own probes of
/_stcore/health and /_stcore/host-config), any request off 127.0.0.1, or a step that never
finishes. The server's resident memory is read from /proc every second.

Prints a table, writes it as JSON to benchmarks/results/load-<date>.json, and exits 1 on any
error or when the server's memory kept growing (see ``rss_bounded``). The figures depend on
the machine: the browsers run on the same cores as the server, so on a small machine the
step times are mostly the browsers' own work; the table gives the server's share of one
core (low means the browsers, not the server, were the bottleneck), the machine, and its
load average before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib.util
import json
import os
import platform
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

# (path after the base URL, the sidebar link's text); the order a session walks them in.
PAGES = [
    ("overview", "", "Overview"),
    ("workforce", "workforce", "Workforce (1)"),
    ("likelihood", "likelihood", "Recruitment, discipline, CPD (2-4)"),
    ("survey", "survey", "Staff survey (5-8)"),
    ("board", "board", "Board (9)"),
    ("data_quality", "data_quality", "Data and quality"),
    ("methodology", "methodology", "Methodology"),
    ("export", "export", "Export and notes"),
]
YEARS = ("2026", "2025", "2024")  # the trust data's reporting years, latest first
FILTER = ("Staff group", "Nursing")  # a multiselect in the sidebar's Filters expander
PROBES = ("/_stcore/health", "/_stcore/host-config")
STEP_TIMEOUT_S = 180  # a step a person would have given up on long before

# The DOM alone cannot say that the run an action asked for has finished: under load the
# frontend can apply "running" and "finished" in one render, so the script-state attribute
# never visibly leaves "notRunning". The server's own "script finished" message, read off
# the websocket, can; the DOM check then waits for the browser to draw what it sent.
DONE = (0, 1)  # ForwardMsg.FINISHED_SUCCESSFULLY, FINISHED_WITH_COMPILE_ERROR
DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return [...charts].every(c => c.querySelector('.main-svg'));
}"""


# --- pure parts (tested in tests/test_load_script.py) ----------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.load",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20, help="browser sessions at once")
    ap.add_argument("--minutes", type=float, default=2.0, help="how long they walk")
    ap.add_argument("--data", type=Path, default=None,
                    help="data to serve (default: trust scale in benchmarks/data/trust)")
    ap.add_argument("--browsers", type=int, default=1,
                    help="Chromium processes to spread the sessions over (default 1)")
    ap.add_argument("--smoke", action="store_true",
                    help="a quick check: 2 sessions for 20 seconds")
    ap.add_argument("--tolerance", type=float, default=0.10,
                    help="allowed growth of the server's peak memory, last third of the "
                         "run over the middle third (default 0.10 = 10%%)")
    ap.add_argument("--step-timeout", type=float, default=STEP_TIMEOUT_S,
                    help="seconds after which a step counts as an error (default %(default)s)")
    ap.add_argument("--out", type=Path, default=None,
                    help="JSON file to write (default benchmarks/results/load-<date>.json)")
    args = ap.parse_args(argv)
    if args.smoke:
        args.sessions, args.minutes = 2, 20 / 60
    if args.sessions < 1 or args.browsers < 1 or args.minutes <= 0 or args.step_timeout <= 0:
        ap.error("--sessions and --browsers must be at least 1, --minutes and "
                 "--step-timeout above 0")
    if not 0 <= args.tolerance < 10:
        ap.error("--tolerance is a fraction, e.g. 0.10")
    args.browsers = min(args.browsers, args.sessions)
    return args


def rss_bounded(samples: list[float], tolerance: float = 0.10) -> tuple[bool, str]:
    """Whether the server's memory stopped growing during the walk.

    ``samples`` are RSS readings at even intervals over the walk. Caches fill in the first
    third (every page, year and filter is computed once), so that third is not judged: the
    peak of the last third may be at most ``tolerance`` above the peak of the middle third.
    A leak of a fixed amount per request keeps raising each third's peak; a full cache
    does not.

    >>> rss_bounded([100, 150, 200, 200, 201, 203, 204, 202, 205])
    (True, 'last-third peak 205 is 1.0% above middle-third peak 203 (allowed 10%)')
    >>> rss_bounded([100, 110, 120, 130, 140, 150, 160, 170, 180])[0]
    False
    """
    n = len(samples)
    if n < 6:
        return True, f"only {n} memory sample(s): too few to judge growth"
    middle = max(samples[n // 3: 2 * n // 3])
    last = max(samples[2 * n // 3:])
    growth = last / middle - 1 if middle else 0.0
    # A hair of slack so that exactly the tolerance passes despite float rounding.
    ok = last <= middle * (1 + tolerance) + 1e-9
    side = "above" if growth >= 0 else "below"
    return ok, (f"last-third peak {last:.0f} is {abs(growth):.1%} {side} "
                f"middle-third peak {middle:.0f} (allowed {tolerance:.0%})")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list.

    >>> percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)
    9
    >>> percentile([3.0], 99)
    3.0
    """
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (or is data the page made itself).

    >>> is_local("http://127.0.0.1:8501/static/x.js"), is_local("https://fonts.gstatic.com/a")
    (True, False)
    """
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


# --- the machine and the server's memory ------------------------------------------------------


def machine() -> dict:
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    return {"cores": os.cpu_count(), "ram_gb": round(mem_kb / 1024 ** 2, 1),
            "cpu": model or platform.processor(), "python": platform.python_version(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(pid: int) -> list[int]:
    tree, out, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def server_pid(port: int) -> int:
    """The streamlit process tests/browser_kit.serve started for ``port`` (our own child)."""
    for pid in descendants(os.getpid()):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(args) and str(port).encode() in args:
            return pid
    raise RuntimeError(f"no streamlit process of ours listens on port {port}")


class Sampler(threading.Thread):
    """The server's RSS every second; the browsers' total RSS every five (it walks /proc)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.server: list[tuple[float, float]] = []  # (seconds since start, MB)
        # CPU seconds the server has used: tells a busy server from a stuck one.
        self.cpu: list[tuple[float, float]] = []
        self.browsers: list[tuple[float, float]] = []
        self.load: list[tuple[float, float]] = []
        self.started = time.monotonic()
        self._halt = threading.Event()

    def run(self) -> None:
        tick = 0
        while not self._halt.is_set():
            now = time.monotonic() - self.started
            mb = rss_mb(self.pid)
            if mb is not None:
                self.server.append((round(now, 1), round(mb, 1)))
                self.cpu.append((round(now, 1), round(cpu_seconds(self.pid) or 0, 2)))
            if tick % 5 == 0:
                mine = [p for p in descendants(os.getpid()) if p != self.pid]
                self.browsers.append((round(now, 1),
                                      round(sum(rss_mb(p) or 0 for p in mine), 1)))
                self.load.append((round(now, 1), round(os.getloadavg()[0], 2)))
            tick += 1
            self._halt.wait(1.0)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)


# --- one session --------------------------------------------------------------------------------


@dataclass
class Step:
    session: int
    kind: str  # open, page:<name>, year:<year>, filter:add, filter:clear
    seconds: float | None  # None when it never finished
    at: float  # seconds since the walk began


@dataclass
class Session:
    index: int
    base: str
    shots: Path
    timeout_ms: float = STEP_TIMEOUT_S * 1000
    steps: list[Step] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # from events, judged at the next step
    finished: int = 0  # script runs the server has reported finished
    year: str = YEARS[0]
    filtered: bool = False

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.pending.append(f"page error: {exc}"))
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        # Only small frames can be a script_finished message; deltas carry whole charts.
        if not isinstance(payload, bytes) or len(payload) > 1024:
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:  # not ours to judge; the page's own checks see real trouble
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in DONE:
            self.finished += 1

    def _console(self, msg) -> None:
        # Failed loads are judged by their status in _response instead.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.pending.append(f"console error: {msg.text}")

    def _request(self, request) -> None:
        if not is_local(request.url):
            self.pending.append(f"request off the machine: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and not urlparse(response.url).path.endswith(PROBES):
            self.pending.append(f"HTTP {response.status} {response.url}")


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


async def _finished(s: Session, page, before: int) -> None:
    """Wait for a run that finished after ``before`` runs, then for the page to be drawn."""
    end = time.monotonic() + s.timeout_ms / 1000
    while s.finished <= before:
        if time.monotonic() > end:
            raise TimeoutError("the server never reported the run finished")
        await asyncio.sleep(0.05)
    left = max(1.0, (end - time.monotonic()) * 1000)
    await page.wait_for_function(DRAWN, timeout=left, polling=100)


async def _check(s: Session, page, kind: str, t0: float) -> None:
    found = list(s.pending)
    s.pending.clear()
    if await page.locator('[data-testid="stException"]').count():
        found.append("exception box: " + (await page.locator(
            '[data-testid="stException"]').first.inner_text())[:500])
    if await page.get_by_text("Something went wrong").count():
        found.append("Something went wrong: " + (await page.get_by_text(
            "Something went wrong").first.inner_text())[:500])
    if found:
        shot = s.shots / f"s{s.index:02d}-{len(s.steps):03d}-{kind.replace(':', '-')}.png"
        try:
            await page.screenshot(path=str(shot), full_page=True, timeout=30_000)
        except Exception as exc:  # the page may be gone; the errors still count
            shot = Path(f"(no screenshot: {exc})")
        for text in found:
            s.errors.append({"session": s.index, "step": kind, "url": page.url,
                             "at": round(time.monotonic() - t0, 1), "error": text,
                             "screenshot": str(shot)})


async def _timed(s: Session, page, kind: str, t0: float, act) -> None:
    """Run ``act`` (which ends with the action's trigger) and time it to the page finished."""
    before = s.finished
    start = await act()
    try:
        await _finished(s, page, before)
        seconds = round(time.perf_counter() - start, 3)
    except Exception as exc:
        seconds = None
        s.pending.append(f"step did not finish within {s.timeout_ms / 1000:.0f} s: "
                         f"{_first_line(exc)}")
    s.steps.append(Step(s.index, kind, seconds, round(time.monotonic() - t0, 1)))
    await _check(s, page, kind, t0)


async def _go(page, title: str) -> float:
    link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first
    await link.wait_for(state="visible", timeout=30_000)
    start = time.perf_counter()
    await link.click()
    return start


async def _choose(page, label: str, option: str) -> float:
    """Focus the selectbox, type, and press Enter once the list shows the option (typing
    into a list that has not opened yet picks nothing)."""
    box = page.get_by_role("combobox", name=label).first
    await box.wait_for(state="visible", timeout=30_000)
    await box.click()
    await page.keyboard.type(option)
    await page.get_by_role("option", name=option).first.wait_for(state="visible",
                                                                 timeout=30_000)
    start = time.perf_counter()
    await page.keyboard.press("Enter")
    return start


async def _open_filters(page) -> None:
    box = page.get_by_role("combobox", name=FILTER[0]).first
    if not await box.is_visible():
        await page.locator("[data-testid=stSidebar] [data-testid=stExpander] summary").filter(
            has_text="Filters").first.click()
        await box.wait_for(state="visible", timeout=30_000)


async def _add_filter(page) -> float:
    await _open_filters(page)
    await page.get_by_role("combobox", name=FILTER[0]).first.click()
    await page.keyboard.type(FILTER[1])
    choice = page.get_by_role("option", name=FILTER[1]).first
    await choice.wait_for(state="visible", timeout=30_000)
    start = time.perf_counter()
    await choice.click()
    await page.keyboard.press("Escape")
    return start


async def _clear_filter(page) -> float:
    await _open_filters(page)
    button = page.locator("[data-testid=stSidebar]").get_by_role("button", name="Clear filters")
    await button.wait_for(state="visible", timeout=30_000)
    start = time.perf_counter()
    await button.click()
    return start


async def walk(s: Session, browser, t0: float, deadline: float) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    s.watch(page)
    try:
        start = time.perf_counter()
        await page.goto(s.base + "/", timeout=s.timeout_ms)
        try:
            await _finished(s, page, 0)
            seconds = round(time.perf_counter() - start, 3)
        except Exception as exc:
            seconds = None
            s.pending.append(f"first page did not finish: {_first_line(exc)}")
        s.steps.append(Step(s.index, "open", seconds, round(time.monotonic() - t0, 1)))
        await _check(s, page, "open", t0)

        i = 0
        # Sessions start on different pages so that every page is busy at once.
        order = PAGES[s.index % len(PAGES):] + PAGES[:s.index % len(PAGES)]
        while time.monotonic() < deadline:
            name, _, title = order[(i + 1) % len(order)]
            await _timed(s, page, f"page:{name}", t0, lambda t=title: _go(page, t))
            if time.monotonic() >= deadline:
                break
            if i % 3 == 2:  # every third change is the filter, added then cleared
                kind = "filter:clear" if s.filtered else "filter:add"
                act = _clear_filter if s.filtered else _add_filter
                await _timed(s, page, kind, t0, lambda a=act: a(page))
                s.filtered = not s.filtered
            else:
                year = YEARS[(YEARS.index(s.year) + 1) % len(YEARS)]
                await _timed(s, page, f"year:{year}", t0,
                             lambda y=year: _choose(page, "Reporting year", y))
                s.year = year
            i += 1
    except Exception as exc:  # a session that breaks is an error, not a crash of the run
        s.errors.append({"session": s.index, "step": "walk", "url": page.url,
                         "at": round(time.monotonic() - t0, 1),
                         "error": f"{type(exc).__name__}: {_first_line(exc)}",
                         "screenshot": ""})
    finally:
        await context.close()


async def run_sessions(base: str, args, shots: Path) -> tuple[list[Session], float]:
    from playwright.async_api import async_playwright

    kit = _browser_kit()
    sessions = [Session(i, base, shots, args.step_timeout * 1000)
                for i in range(args.sessions)]
    async with async_playwright() as p:
        browsers = [await p.chromium.launch(executable_path=kit.CHROMIUM, args=kit.CHROMIUM_ARGS)
                    for _ in range(args.browsers)]
        t0 = time.monotonic()
        deadline = t0 + args.minutes * 60
        await asyncio.gather(*(walk(s, browsers[s.index % len(browsers)], t0, deadline)
                               for s in sessions))
        walked = time.monotonic() - t0
        for b in browsers:
            await b.close()
    return sessions, walked


# --- the run ------------------------------------------------------------------------------------


def _browser_kit():
    """tests/browser_kit.py (server and Chromium as the browser tests start them); tests/ is
    not a package, so it is loaded from its path."""
    name = "browser_kit"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "browser_kit.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _data(args) -> Path:
    if args.data is not None:
        return args.data.resolve()
    from benchmarks.generate import ensure

    return ensure("trust")


def summarise(sessions: list[Session], walked: float, server: list[tuple[float, float]],
              cpu: list[tuple[float, float]], walk_from: float, tolerance: float) -> dict:
    steps = [st for s in sessions for st in s.steps]
    times = [st.seconds for st in steps if st.seconds is not None]
    during = [mb for at, mb in server if at >= walk_from]
    bounded, judgement = rss_bounded(during, tolerance)
    by_kind: dict[str, list[float]] = {}
    for st in steps:
        if st.seconds is not None:
            by_kind.setdefault(st.kind.split(":")[0] if st.kind.startswith(("year", "filter"))
                               else st.kind, []).append(st.seconds)
    return {
        "sessions": len(sessions),
        "walk_seconds": round(walked, 1),
        "steps": len(steps),
        "steps_unfinished": sum(st.seconds is None for st in steps),
        "errors": sum(len(s.errors) for s in sessions),
        "step_seconds": {
            "median": round(statistics.median(times), 2) if times else None,
            "p90": round(percentile(times, 90), 2) if times else None,
            "p99": round(percentile(times, 99), 2) if times else None,
            "max": round(max(times), 2) if times else None,
        },
        "step_seconds_by_kind": {
            k: {"n": len(v), "median": round(statistics.median(v), 2),
                "p90": round(percentile(v, 90), 2)}
            for k, v in sorted(by_kind.items())},
        "server_rss_mb": {
            "start": server[0][1] if server else None,
            "before_walk": next((mb for at, mb in server if at >= walk_from), None),
            "peak": max(mb for _, mb in server) if server else None,
            "end": server[-1][1] if server else None,
        },
        # Server CPU over the walk, as a share of one core: near 100% (the GIL lets one
        # thread compute at a time) means the server, not the browsers, is the bottleneck.
        "server_cpu_seconds": round(cpu[-1][1] - cpu[0][1], 1) if cpu else None,
        "server_cpu_share_of_one_core": round((cpu[-1][1] - cpu[0][1])
                                              / max(cpu[-1][0] - cpu[0][0], 1e-9), 2)
        if len(cpu) > 1 else None,
        "rss_bounded": bounded,
        "rss_judgement": judgement,
    }


def table(result: dict) -> str:
    s, m = result["summary"], result["machine"]
    t, r = s["step_seconds"], s["server_rss_mb"]
    rows = [
        ("sessions (browsers)", f"{s['sessions']} ({result['config']['browsers']} Chromium)"),
        ("walk", f"{s['walk_seconds']:.0f} s on {result['config']['data']}"),
        ("steps (unfinished)", f"{s['steps']} ({s['steps_unfinished']})"),
        ("errors", str(s["errors"])),
        ("step time median / p90 / p99 / max",
         " / ".join("-" if t[k] is None else f"{t[k]:.2f} s"
                    for k in ("median", "p90", "p99", "max"))),
        *((f"  {kind} (n={v['n']}) median / p90", f"{v['median']:.2f} / {v['p90']:.2f} s")
          for kind, v in s["step_seconds_by_kind"].items()),
        ("server RSS start / peak / end",
         f"{r['start']:.0f} / {r['peak']:.0f} / {r['end']:.0f} MB" if r["peak"] else "-"),
        ("server CPU (share of one core)", f"{s['server_cpu_seconds']} s "
                                           f"({s['server_cpu_share_of_one_core']:.0%})"
         if s["server_cpu_seconds"] is not None else "-"),
        ("server memory bounded", f"{'yes' if s['rss_bounded'] else 'NO'}: "
                                  f"{s['rss_judgement']}"),
        ("browsers' RSS peak", f"{result['browsers_rss_peak_mb']:.0f} MB"),
        ("machine", f"{m['cores']} cores, {m['ram_gb']} GB RAM, {m['cpu']}"),
        ("load average before / after", f"{' '.join(map(str, result['load_before']))} / "
                                         f"{' '.join(map(str, result['load_after']))}"),
    ]
    width = max(len(a) for a, _ in rows)
    lines = [f"| {'load test':<{width}} | result |", f"| {'-' * width} | --- |"]
    lines += [f"| {a:<{width}} | {b} |" for a, b in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    kit = _browser_kit()
    if not kit.HAVE_CHROMIUM:
        print(f"no Chromium at {kit.CHROMIUM}", file=sys.stderr)
        return 2
    data = _data(args)
    stamp = dt.datetime.now()
    shots = kit.ARTIFACTS / "load"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()
    load_before = [round(x, 2) for x in os.getloadavg()]
    print(f"serving {data}; {args.sessions} session(s) over {args.browsers} browser(s) for "
          f"{args.minutes * 60:.0f} s; load average {load_before}", flush=True)
    # No file watcher, as on a deployed server: an edit in the checkout during the run
    # would otherwise put a "File change. Rerun" notice (a status widget) on every page.
    env = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    with kit.serve("load-server.log", env=env, app_args=["--data", str(data)]) as base:
        pid = server_pid(urlparse(base).port)
        sampler = Sampler(pid)
        sampler.start()
        walk_from = time.monotonic() - sampler.started
        try:
            sessions, walked = asyncio.run(run_sessions(base, args, shots))
        finally:
            sampler.stop()
    summary = summarise(sessions, walked, sampler.server, sampler.cpu, walk_from,
                        args.tolerance)
    errors = [e for s in sessions for e in s.errors]
    result = {
        "date": stamp.isoformat(timespec="seconds"),
        "config": {"sessions": args.sessions, "minutes": round(args.minutes, 3),
                   "browsers": args.browsers, "data": str(data.relative_to(ROOT))
                   if data.is_relative_to(ROOT) else str(data), "smoke": args.smoke,
                   "tolerance": args.tolerance},
        "machine": machine(),
        "load_before": load_before,
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "summary": summary,
        "browsers_rss_peak_mb": max((mb for _, mb in sampler.browsers), default=0),
        "errors": errors[:200],
        "server_rss_mb": sampler.server,
        "browsers_rss_mb": sampler.browsers,
        "load_average_1min": sampler.load,
        "server_cpu_seconds": sampler.cpu,
        "steps": [asdict(st) for s in sessions for st in s.steps],
        "server_log": str((kit.ARTIFACTS / "load-server.log").relative_to(ROOT)),
    }
    out = args.out or RESULTS / f"load-{stamp:%Y-%m-%d}{'-smoke' if args.smoke else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(table(result))
    for e in errors[:20]:
        print(f"ERROR session {e['session']} {e['step']} at {e['at']} s: {e['error']}"
              + (f" [{e['screenshot']}]" if e["screenshot"] else ""))
    if len(errors) > 20:
        print(f"... and {len(errors) - 20} more in {out}")
    print(f"written to {out}")
    return 1 if errors or summary["steps_unfinished"] or not summary["rss_bounded"] else 0


if __name__ == "__main__":
    sys.exit(main())
