"""Where the data comes from: the bundled sample, a ``--data`` path, or this session's uploads.

- The sample and a ``--data`` path are the same for every visitor, so their Engine is built
  once per process (``st.cache_resource``), keyed on the path and its files' sizes and
  modification times (an edited file is reloaded).
- Uploaded files are private to one browser session: their bytes and the Engine built from
  them live only in ``st.session_state`` (never on disk, never in a cross-session cache; that
  is why this module does not use ``wres_core.api.engine_for``, whose cache is per process).

Tests inject data by setting ``st.session_state[keys.DATA_PATH]`` to a file or folder before
the first run (AppTest: ``at.session_state[DATA_PATH] = str(path)``); the command line does
the same with ``streamlit run app.py -- --data PATH``.
"""

from __future__ import annotations

import gc
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from dashboard import keys
from wres_app import home
from wres_core import columns
from wres_core.api import Engine, digest
from wres_core.dataset import Dataset
from wres_core.findings import Finding

log = logging.getLogger(__name__)

# data/sample beside app.py: the checkout's, or the copy an installed wheel carries.
SAMPLE_DIR = home.sample_dir()
UPLOAD_TYPES = ["csv", "xlsx", "parquet", "zip"]
# The invented trust the bundled sample describes (its files carry no organisation column).
SAMPLE_TRUST = "Northfield Valley NHS Trust"


def keep_uploads_in_memory() -> None:
    """Keep an upload's bytes off the disk while the server receives it.

    Streamlit's server (Starlette) parses each uploaded file as a multipart form, and
    Starlette spools any part over 1 MB to a temporary file in TMPDIR before Streamlit reads
    it into memory: a trust's workforce extract would touch the disk on the way in. Raising
    the spool limit above ``server.maxUploadSize`` keeps the whole upload in memory (it is
    read into memory whole a moment later anyway, so peak memory barely changes).
    """
    try:
        from starlette.formparsers import MultiPartParser
    except ImportError:  # a Streamlit on Tornado: it buffers uploads in memory itself
        return
    limit = (int(st.get_option("server.maxUploadSize")) + 16) * 1024 * 1024
    if getattr(MultiPartParser, "spool_max_size", 0) < limit:
        MultiPartParser.spool_max_size = limit


keep_uploads_in_memory()


def cli_data_paths(argv: Sequence[str] | None = None) -> list[str]:
    """The PATHs of ``--data PATH`` (or ``--data=PATH``; repeatable) on the command line.

    Streamlit passes the arguments after ``--`` to the script as ``sys.argv[1:]``; anything
    else there (pytest's own arguments under AppTest) is ignored.

    >>> cli_data_paths(["app.py", "--data", "trust/2024", "--data=x.zip"])
    ['trust/2024', 'x.zip']
    >>> cli_data_paths(["pytest", "-q"])
    []
    """
    args = list(sys.argv if argv is None else argv)[1:]
    paths = []
    for i, arg in enumerate(args):
        if arg == "--data" and i + 1 < len(args):
            paths.append(args[i + 1])
        elif arg.startswith("--data="):
            paths.append(arg.split("=", 1)[1])
    return paths


def cli_data_path(argv: Sequence[str] | None = None) -> str | None:
    """The first ``--data`` PATH, if any.

    >>> cli_data_path(["app.py", "--data", "trust/2024"])
    'trust/2024'
    >>> cli_data_path(["app.py", "--data=x.zip"]), cli_data_path(["pytest", "-q"])
    ('x.zip', None)
    """
    paths = cli_data_paths(argv)
    return paths[0] if paths else None


def default_paths() -> list[Path]:
    """The data the app opens on: the injected path or every ``--data`` path, else the
    bundled sample."""
    injected = st.session_state.get(keys.DATA_PATH)
    raw = [injected] if injected else cli_data_paths()
    return [Path(p).expanduser() for p in raw] or [SAMPLE_DIR]


def default_path() -> Path:
    """The first of ``default_paths`` (what the labels name)."""
    return default_paths()[0]


def is_sample() -> bool:
    return default_path().resolve() == SAMPLE_DIR.resolve()


def _stamp(*paths: Path) -> tuple:
    """Names, sizes and modification times of the files under the paths: the cache key
    part that makes an edited file load again."""
    try:
        files = [f for path in paths for f in ([path] if path.is_file() else
                                               sorted(p for p in path.rglob("*") if p.is_file()))]
        return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    except OSError:
        return ()


@st.cache_resource(show_spinner="Loading the data…", max_entries=4)
def _path_engine(path: str, stamp: tuple, more: tuple[str, ...] = ()) -> Engine:
    del stamp  # part of the cache key only
    return Engine.from_inputs([path, *more])


def _failed_engine(where: str, exc: BaseException) -> Engine:
    """An empty Engine whose one finding says that loading failed, so the pages explain
    it instead of showing a traceback."""
    log.exception("Loading %s failed", where)
    return Engine(Dataset(findings=[Finding(
        "error", "load_failed", f"{where} could not be loaded: {type(exc).__name__}: {exc}",
        file=where, hint="Check that the files are CSV, Excel (.xlsx), Parquet or ZIP, and "
        "try loading them one at a time to find the one that fails.")]))


def path_engine(path: Path, *more: Path) -> Engine:
    try:
        return _path_engine(str(path), _stamp(path, *more), tuple(str(p) for p in more))
    except Exception as exc:  # a bug in the loader must not take the whole app down
        return _failed_engine(path.name or str(path), exc)


def upload_engine() -> Engine | None:
    """The Engine for this session's uploads (built once per distinct set of files), or None
    when nothing is uploaded."""
    ss = st.session_state
    files = tuple(ss.get(keys.UPLOADS) or ())
    if not files:
        return None
    key = digest(files)
    held = ss.get(keys.UPLOAD_ENGINE)
    if held and held[0] == key:
        return held[1]
    try:
        with st.spinner(f"Loading {len(files)} uploaded file(s)…"):
            engine = Engine.from_inputs(list(files))
    except Exception as exc:
        engine = _failed_engine(", ".join(name for name, _ in files), exc)
    ss[keys.UPLOAD_ENGINE] = (key, engine)
    return engine


def set_uploads(files: Sequence[tuple[str, bytes]]) -> None:
    """Replace this session's uploads (names and bytes) and switch to them."""
    ss = st.session_state
    ss[keys.UPLOADS] = tuple((str(n), bytes(b)) for n, b in files)
    ss[keys.UPLOAD_ENGINE] = None
    ss[keys.SOURCE] = "upload"


def use_sample() -> None:
    """Forget the uploads and go back to the sample (or the ``--data`` path). A callback."""
    ss = st.session_state
    ss[keys.UPLOADS] = ()
    ss[keys.UPLOAD_ENGINE] = None
    ss[keys.SOURCE] = "sample"
    # A new key gives a new, empty file uploader: its files cannot be cleared otherwise.
    ss[keys.UPLOADER_GEN] = int(ss.get(keys.UPLOADER_GEN, 0)) + 1


def showing_uploads() -> bool:
    """True when the pages show this session's uploads (not the sample or --data path)."""
    keys.init()
    return st.session_state[keys.SOURCE] == "upload" and bool(st.session_state[keys.UPLOADS])


def current_engine() -> Engine:
    """The Engine the pages read now."""
    keys.init()
    if st.session_state[keys.SOURCE] == "upload":
        engine = upload_engine()
        if engine is not None:
            return engine
    return path_engine(*default_paths())


_FROZEN = False


def freeze_long_lived() -> None:
    """Once per process, after a first complete run: leave every object that exists by then
    (the imported libraries, the shared Engine and its data) out of later garbage
    collections.

    Streamlit runs a full ``gc.collect()`` after every script run, holding the interpreter
    for its length: with the libraries loaded that took 0.1 to 0.2 s per filter change, while
    the browser waited for the last of the page. Frozen objects are still freed when nothing
    refers to them; only reference cycles among them are never collected. So nothing is
    frozen while this session holds uploads: a cycle in its state could keep private data
    in memory after the session ends.
    """
    global _FROZEN
    ss = st.session_state
    if _FROZEN or ss.get(keys.UPLOADS) or ss.get(keys.UPLOADER_GEN):
        return
    _FROZEN = True
    gc.collect()
    gc.freeze()


def default_source_label() -> str:
    if is_sample():
        return "Bundled sample (a fictional trust)"
    names = [p.name or str(p) for p in default_paths()]
    return f"Data from {', '.join(names)}"


def source_label() -> str:
    """Where the data shown comes from, in words (file names are user text: show as text)."""
    if showing_uploads():
        names = [name for name, _ in st.session_state[keys.UPLOADS]]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        return f"Uploaded: {shown}"
    return default_source_label()


def default_org_label() -> str:
    """The organisation's name for titles when the data does not name it (and none is typed
    in the sidebar): the sample's trust, else the name of the file (or folder) read, so that
    a screenshot still says whose figures they are."""
    if showing_uploads():
        return file_label([name for name, _ in st.session_state[keys.UPLOADS]])
    if is_sample():
        return f"{SAMPLE_TRUST} (fictional sample)"
    return file_label([p.name or str(p) for p in default_paths()])


# Words file names share that say nothing about whose data it is ("ESR extract workforce",
# "WRES data - board", "export_1"), besides those naming a kind of file.
_FILE_WORDS = frozenset({
    "data", "extract", "extracts", "export", "exports", "report", "reports", "copy", "final",
    "file", "files", "wres", "v", "version", "draft", "new", "old", "latest", "of",
    "and", "the", "for", "by", "to", "-", "&",
})


def file_label(names: Sequence[str]) -> str:
    """Files' names as an organisation's name. One file: its name without the extension.
    Several: the words every name shares once the words naming a kind of file (workforce,
    board, ...) and years are left out, as in "Riverside workforce 2026.xlsx" and "Riverside
    board.xlsx"; "Your organisation" where they share none (a list of file names in every
    chart title says nothing about whose figures they are; the sidebar asks for a name).

    >>> file_label(["Riverside workforce 2026.xlsx"])
    'Riverside workforce 2026'
    >>> file_label(["Riverside_workforce_2026.csv", "riverside board 2026.csv"])
    'Riverside'
    >>> file_label(["board.csv", "disciplinary_2024.csv", "workforce_2024.csv"]), file_label([])
    ('Your organisation', 'Your organisation')
    >>> file_label(["ESR extract workforce 2024.csv", "ESR extract board 2024.csv"])
    'Your organisation'
    """
    stems = [Path(str(n)).stem or str(n) for n in names]
    if not stems:
        return "Your organisation"
    if len(stems) == 1:
        return stems[0]
    skip = columns.kind_words() | _FILE_WORDS

    def words(stem: str) -> list[str]:
        return [w for w in re.split(r"[^0-9A-Za-z&'-]+", stem)
                if w and w.casefold() not in skip and not re.fullmatch(r"[0-9-]+", w)]

    others = [{w.casefold() for w in words(s)} for s in stems[1:]]
    shared = [w for w in words(stems[0]) if all(w.casefold() in o for o in others)]
    return " ".join(shared) or "Your organisation"
