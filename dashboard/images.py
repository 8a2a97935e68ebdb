"""Charts as PNG images, drawn on the server with kaleido (and the machine's Chromium).

- :func:`available` says, cheaply, whether images can be drawn here, and if not, why;
- :func:`png_bytes` draws one figure;
- :func:`charts_zip` draws every chart of a report's view (``dashboard.pack.all_charts``:
  the same charts as the evidence pack and the pages, each page with its controls as the
  user left them) into one ZIP, with file names that say what each
  chart is (``01-wres-indicator-1-by-band-2026.png``) and a README saying what the charts
  are of and whether publication-safe mode was on.

Each returns ``None`` and a reason in plain words where images cannot be drawn (kaleido not
installed, no Chromium, a render that fails or hangs), so that the page can say so instead
of failing. No streamlit here: the command line can use it too.

Kaleido 1.x drives a headless Chromium; it finds Debian's ``chromium`` by itself. Its sync
server is started once per process (the first image takes a few seconds, later ones about
0.2 s) with MathJax off, so that it never fetches anything from the internet (plotly.js comes
from the plotly package on disk). The server handles one request at a time: calls are
serialised here, and each has a time limit, so that a stuck browser cannot hang a page.
"""

from __future__ import annotations

import atexit
import io
import logging
import shutil
import threading
import zipfile
from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.captions import plain

log = logging.getLogger(__name__)

WIDTH = 1200  # pixels before scaling: wide enough for every chart's labels
SCALE = 2  # 2400 pixels wide: sharp on a slide or in a printed report
FIRST_TIMEOUT = 90.0  # seconds: the first image starts Chromium
TIMEOUT = 45.0

_LOCK = threading.Lock()
_STATE: dict[str, object] = {"started": False, "broken": ""}


def _browser() -> str | None:
    """The Chromium (or Chrome) kaleido would use, or None."""
    try:
        from choreographer.browsers.chromium import Chromium

        path = Chromium.find_browser(skip_local=False)
        if path:
            return str(path)
    except Exception:  # an internal API of kaleido's browser driver: fall back below
        log.debug("choreographer could not look for a browser", exc_info=True)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def available() -> tuple[bool, str]:
    """(True, "") when chart images can be drawn here, else (False, why) in plain words.
    Cheap: does not start the browser."""
    if _STATE["broken"]:
        return False, str(_STATE["broken"])
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False, ("Chart images need the kaleido package, which is not installed on "
                       "this server (pip install kaleido). Each chart's camera button still "
                       "downloads it as PNG from the browser.")
    if _browser() is None:
        return False, ("Chart images need Chromium on this server, and none was found "
                       "(on Debian: apt-get install chromium). Each chart's camera button "
                       "still downloads it as PNG from the browser.")
    return True, ""


def _start() -> None:
    import kaleido

    if not _STATE["started"]:
        # MathJax off: kaleido would otherwise load it from a CDN.
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        _STATE["started"] = True


def _render(fig: go.Figure | dict, width: int, scale: float) -> bytes:
    import kaleido

    spec = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
    layout = spec.get("layout", {})
    height = int(layout.get("height") or 600)
    return kaleido.calc_fig_sync(spec, opts={"format": "png", "width": int(width),
                                             "height": height, "scale": scale})


def _with_timeout(fn, timeout: float):
    """Run ``fn`` in a daemon thread; (result, None) or (None, error) or raise TimeoutError.
    A render that never returns leaves only a sleeping daemon thread behind."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    t = threading.Thread(target=run, name="wres-kaleido", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise TimeoutError
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")


def png_many(figures: Sequence[go.Figure], *, width: int = WIDTH, scale: float = SCALE
             ) -> tuple[list[bytes] | None, str]:
    """Draw several figures as PNG: (images, "") or (None, why)."""
    ok, why = available()
    if not ok:
        return None, why
    out: list[bytes] = []
    with _LOCK:
        try:
            _start()
        except Exception as exc:
            log.exception("kaleido would not start")
            return None, f"Chart images could not be drawn: kaleido would not start ({exc})."
        for fig in figures:
            first = not _STATE.get("drawn")
            try:
                data = _with_timeout(lambda f=fig: _render(f, width, scale),
                                     FIRST_TIMEOUT if first else TIMEOUT)
            except TimeoutError:
                _STATE["broken"] = ("Chart images are not available: the browser that draws "
                                    "them stopped responding. Restart WRES Explorer to try "
                                    "again; each chart's camera button still downloads it "
                                    "as PNG from the browser.")
                log.error("kaleido timed out; chart images switched off for this process")
                return None, str(_STATE["broken"])
            except Exception as exc:
                log.exception("kaleido could not draw a chart")
                return None, ("A chart could not be drawn as an image "
                              f"({type(exc).__name__}: {exc}).")
            if not isinstance(data, (bytes, bytearray)) or not bytes(data[:8]).startswith(
                    b"\x89PNG"):
                return None, "The chart image came back empty or not as a PNG."
            if not _STATE.get("drawn"):
                _STATE["drawn"] = True
                # Stop the browser cleanly at exit. Registered after the first image, when
                # the browser (and its temporary folder) exists: exit handlers run last
                # registered first, so this runs before the folder's own clean-up.
                atexit.register(stop)
            out.append(bytes(data))
    return out, ""


def stop() -> None:
    """Stop kaleido's browser, if it was started (at exit, or to free it)."""
    with _LOCK:
        if _STATE["started"]:
            import kaleido

            try:
                kaleido.stop_sync_server(silence_warnings=True)
            except Exception:  # at exit: nothing more to do
                log.debug("kaleido did not stop cleanly", exc_info=True)
            _STATE["started"] = False
            _STATE["drawn"] = False


def png_bytes(fig: go.Figure, *, width: int = WIDTH, scale: float = SCALE
              ) -> tuple[bytes | None, str]:
    """One figure as PNG bytes: (png, "") or (None, why)."""
    images, why = png_many([fig], width=width, scale=scale)
    return (images[0], "") if images else (None, why)


def zip_name(index: int, filename: str, used: set[str]) -> str:
    """``NN-name.png``, unique within the ZIP.

    >>> zip_name(1, "wres-indicator-1-by-band-2026", set())
    '01-wres-indicator-1-by-band-2026.png'
    """
    name = f"{index:02d}-{filename}.png"
    n = 2
    while name in used:
        name = f"{index:02d}-{filename}-{n}.png"
        n += 1
    used.add(name)
    return name


def charts_zip(report, controls=None, *, width: int = WIDTH, scale: float = SCALE,
               said: Sequence[str] = ()) -> tuple[bytes | None, str]:
    """Every chart of a report's view as PNG in one ZIP: (zip bytes, "") or (None, why).

    ``report``: a ``wres_core.exports.report.Report`` (the same view as the pack);
    ``controls``: the pages' controls as the user left them (``dashboard.views.controls``;
    None: each page as it first opens); ``said``: sentences for the README saying what
    those controls chose."""
    from dashboard.pack import all_charts

    # Every chart of the pages as shown, the pay gap's too; a chart whose figures are all
    # withheld is only words on the page, so it has no image.
    charts = [c for c in all_charts(report, controls) if not c.message]
    if not charts:
        return None, "There are no charts for this view (no data, or the filters leave none)."
    images, why = png_many([c.figure for c in charts], width=width, scale=scale)
    if images is None:
        return None, why
    buf = io.BytesIO()
    used: set[str] = set()
    lines = [f"WRES charts: {report.org}, WRES {report.years_text()}.",
             f"Filters: {report.filters_text}.", report.suppression_text(), *said, "",
             "Each chart's title says what, who and when; its footnote the source, the base "
             "and the rule applied.", ""]
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for i, (chart, png) in enumerate(zip(charts, images, strict=True), start=1):
            name = zip_name(i, chart.filename, used)
            zf.writestr(name, png)
            lines.append(f"{name}: {plain(chart.text.title)}")
        zf.writestr("README.txt", "\n".join(lines) + "\n")
    return buf.getvalue(), ""
