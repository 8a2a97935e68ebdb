"""Session state: the settings, the URL that keeps them, and the ``View`` every page reads.

The keys and their one defaults table are in ``dashboard.keys`` (re-exported here).

Pages never read ``st.session_state`` directly for the shared settings: they call
``current_view()`` and use its fields. The sidebar (``dashboard.sidebar``) is the only
writer of the settings; pages may set or clear the click drill-down with ``set_drill`` /
``clear_drill``.

The shared settings also live in the URL (``st.query_params``), so a link reopens the same
view: ``read_url()`` copies them into the session once, at the start of a session, and
``write_url()`` writes them back after every change. Uploaded files never go in the URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import streamlit as st

from dashboard import sources
from dashboard.keys import (  # noqa: F401  (re-exported: pages and tests read state.KEY)
    ALL_ORGS,
    BME_WORD,
    CAUTION,
    CLINICAL,
    DATA_PATH,
    DEFAULTS,
    DEPARTMENT,
    DIRECTORATE,
    DRILL,
    GROUPS,
    INTERVALS,
    N_YEARS,
    NATIONAL,
    ON_SCREEN,
    ORG,
    ORG_NAME,
    PAY_BAND,
    PRESENTATION,
    SAFE,
    SOURCE,
    STAFF_GROUP,
    THRESHOLD,
    UPLOAD_ENGINE,
    UPLOADER_GEN,
    UPLOADS,
    URL_READ,
    YEAR,
    init,
)
from dashboard.views.controls import CONTROL_KEY, Controls
from wres_core.api import Query

BME_WORDS = ("BME", "Ethnic minority", "BAME", "Global majority")
GROUP_LEVEL_LABELS = {
    "wres": "White and BME",
    "broad": "Broad ethnic groups",
    "category": "Individual ethnic categories",
}

# The filters the sidebar offers: (state key, tidy-frame column, label in words).
FILTERS: tuple[tuple[str, str, str], ...] = (
    (CLINICAL, "clinical", "Clinical / non-clinical"),
    (STAFF_GROUP, "staff_group", "Staff group"),
    (DIRECTORATE, "directorate", "Directorate"),
    (DEPARTMENT, "department", "Department"),
    (PAY_BAND, "pay_band", "Pay band"),
)

# Keys bound to sidebar widgets. Streamlit forgets a widget's value on a run where the
# widget is not drawn; re-assigning them at the start of each run keeps them across pages.
WIDGET_KEYS = (ORG, ORG_NAME, YEAR, N_YEARS, CLINICAL, STAFF_GROUP, DIRECTORATE, DEPARTMENT,
               PAY_BAND, GROUPS, BME_WORD, SAFE, THRESHOLD, CAUTION, INTERVALS, NATIONAL,
               PRESENTATION,
               SOURCE)

# Settings that go in the URL: state key -> query parameter name.
URL_PARAMS: dict[str, str] = {
    # "data=upload" says only that the view was on this session's uploads (never the files):
    # a session that opens the link (a new tab, or the same tab after a server restart)
    # lands on "My files" and is told to load them again.
    SOURCE: "data",
    ORG: "org",
    ORG_NAME: "name",
    YEAR: "year",
    N_YEARS: "compare",
    CLINICAL: "clinical",
    STAFF_GROUP: "staff_group",
    DIRECTORATE: "directorate",
    DEPARTMENT: "department",
    PAY_BAND: "pay_band",
    GROUPS: "groups",
    BME_WORD: "word",
    SAFE: "safe",
    THRESHOLD: "threshold",
    CAUTION: "caution",
    INTERVALS: "intervals",
    NATIONAL: "national",
    PRESENTATION: "present",
    DRILL: "drill",
}
_LIST_KEYS = {key for key, _, _ in FILTERS}
_BOOL_KEYS = {SAFE, INTERVALS, NATIONAL, PRESENTATION}
_INT_KEYS = {YEAR, N_YEARS, THRESHOLD, CAUTION}


def start_run() -> None:
    """Once per run, before any widget: defaults, the URL (first run of a session only),
    and the widget values carried over from the previous page."""
    init()
    read_url()
    ss = st.session_state
    for key in WIDGET_KEYS:
        ss[key] = ss[key]
    remember_controls()


def remember_controls() -> None:
    """Copy the pages' own controls (tabs, breakdowns, toggles: ``views.controls``) into
    ``ON_SCREEN``. Called at the start of a run, while Streamlit still holds the values the
    last page drew (it drops them at the end of a run that does not draw them), so that the
    export page knows how the user left each page."""
    ss = st.session_state
    kept = dict(ss[ON_SCREEN])
    for key in list(ss.keys()):
        if CONTROL_KEY.match(str(key)):
            kept[str(key)] = ss[key]
    ss[ON_SCREEN] = kept


def controls(view: View) -> Controls:
    """The pages' controls as the user left them, with the view's chart switches."""
    init()
    return Controls.of(st.session_state[ON_SCREEN], intervals=view.intervals,
                       national=view.national, drill=view.drill)


# --- The view ---------------------------------------------------------------------------
@dataclass(frozen=True)
class View:
    """What every page needs to draw: the data, the query and the settings in words.

    ``query`` holds the sidebar's filters (including the organisation), group level and
    thresholds, with ``years=None``; the click drill-down is *not* in it (use
    ``drilled_query()`` for the query with the drill-down added as a filter).
    ``year`` is None only when nothing is loaded.
    """

    engine: object = field(compare=False)  # wres_core.api.Engine
    query: Query
    year: int | None
    years: tuple[int, ...]
    org_label: str
    bme_label: str
    intervals: bool
    presentation: bool
    filters_text: str
    drill: tuple[str, str] | None
    # Where the data came from, in words; may hold file names (user text): escape it before
    # putting it in markdown.
    source_label: str = ""
    # National reference lines (wres_core.national) on the charts of indicators 2 to 9.
    national: bool = True

    @property
    def data(self):
        """The loaded ``wres_core.dataset.Dataset``."""
        return self.engine.data

    def group_label(self, group: str) -> str:
        """The label to show for a group code: "BME" becomes the chosen word."""
        return self.bme_label if group == "BME" else str(group)

    def drilled_query(self) -> Query:
        """``query`` with the drill-down (if any) added to its filters."""
        if self.drill is None:
            return self.query
        column, value = self.drill
        return replace(self.query, where=self.query.where + ((column, (value,)),))

    @property
    def drill_text(self) -> str:
        """The drill-down in words ("" when there is none)."""
        if self.drill is None:
            return ""
        column, value = self.drill
        return f"{column.replace('_', ' ').capitalize()}: {value}"


def group_label(group: str) -> str:
    """Module-level form of ``View.group_label`` for code that has no view at hand."""
    init()
    word = st.session_state[BME_WORD]
    return word if group == "BME" else str(group)


def set_drill(column: str, value: str) -> None:
    """Set the click drill-down. Call from a widget callback, or call ``st.rerun()`` after,
    so that the sidebar (drawn before the page) shows it."""
    init()
    st.session_state[DRILL] = (str(column), str(value))


def clear_drill() -> None:
    init()
    st.session_state[DRILL] = None


# Longest organisation name taken from the sidebar (or a link): a title has room for it.
ORG_NAME_MAX = 100


def organisation_name(typed: object, orgs: list[str], chosen: str | None,
                      fallback: str) -> str:
    """The organisation's name for every title and export.

    Where several organisations are loaded and one is chosen, that one's own name (the
    ``org`` column). Otherwise the name typed in the sidebar, if any (spaces tidied, at most
    ``ORG_NAME_MAX`` characters); else the ``org`` column's one name, or "All organisations
    combined"; else ``fallback`` (the uploaded file's name, or the sample's).

    >>> organisation_name("  Riverside   Trust ", [], None, "workforce_2026")
    'Riverside Trust'
    >>> organisation_name("", ["Trust A"], None, "x"), organisation_name("", [], None, "x")
    ('Trust A', 'x')
    >>> organisation_name("Our region", ["A", "B"], "B", "x"), organisation_name(
    ...     "Our region", ["A", "B"], ALL_ORGS, "x")
    ('B', 'Our region')
    """
    if chosen and chosen != ALL_ORGS:
        return chosen
    name = " ".join(str(typed or "").split())[:ORG_NAME_MAX].strip()
    if name:
        return name
    if chosen:
        return chosen
    return orgs[0] if orgs else fallback


def where_from(values: Mapping[str, object], org: str | None = None
               ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ``Query.where`` tuple for filter values keyed by state key (and an organisation)."""
    where: list[tuple[str, tuple[str, ...]]] = []
    if org and org != ALL_ORGS:
        where.append(("org", (org,)))
    for key, column, _ in FILTERS:
        chosen = values.get(key) or []
        if chosen:
            where.append((column, tuple(str(v) for v in chosen)))
    return tuple(where)


def filters_in_words(values: Mapping[str, object]) -> str:
    """The active filters as a phrase for titles; "All staff" when there are none."""
    parts = []
    for key, _, label in FILTERS:
        chosen = [str(v) for v in (values.get(key) or [])]
        if not chosen:
            continue
        if key == CLINICAL:
            parts.append(" and ".join(chosen) + " staff")
        else:
            parts.append(f"{label.lower()} {' or '.join(chosen)}")
    return "; ".join(parts) if parts else "All staff"


def ensure_shell() -> None:
    """Make sure this page runs inside app.py (page config, navigation, sidebar).

    Streamlit treats a folder named ``pages/`` beside the main script as an old-style
    multipage app until ``st.navigation`` has run once in the process: the first request for
    a page's URL after the server starts (a shared link) would run that page's file on its
    own, without the sidebar. AppTest resets that flag before every run, so the same happens
    on every run after the first in tests. When we find ourselves run that way, switch the
    flag off and rerun: the rerun goes through app.py and lands on the same page.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the old pages/ mode: nothing to do
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_view() -> View:
    """The view for this run, from the session's settings and its data."""
    ensure_shell()
    init()
    ss = st.session_state
    engine = sources.current_engine()
    data = engine.data
    loaded_years = list(data.years)
    year = ss[YEAR] if ss[YEAR] in loaded_years else (loaded_years[-1] if loaded_years else None)
    n_years = max(1, int(ss[N_YEARS] or 1))
    years = tuple(y for y in loaded_years if year is not None and y <= year)[-n_years:]

    orgs = list(data.orgs)
    org = (ss[ORG] if ss[ORG] in orgs else ALL_ORGS) if len(orgs) > 1 else None
    org_label = organisation_name(ss[ORG_NAME], orgs, org, sources.default_org_label())

    filters = {key: ss[key] for key, _, _ in FILTERS}
    query = Query(
        where=where_from(filters, org),
        groups=ss[GROUPS] if ss[GROUPS] in GROUP_LEVEL_LABELS else "wres",
        suppress=int(ss[THRESHOLD]) if ss[SAFE] else 0,
        caution=int(ss[CAUTION]),
    )
    drill = ss[DRILL]
    return View(
        engine=engine,
        query=query,
        year=year,
        years=years,
        org_label=org_label,
        bme_label=ss[BME_WORD] if ss[BME_WORD] in BME_WORDS else "BME",
        intervals=bool(ss[INTERVALS]),
        national=bool(ss[NATIONAL]),
        presentation=bool(ss[PRESENTATION]),
        filters_text=filters_in_words(filters),
        drill=tuple(drill) if drill else None,
        source_label=sources.source_label(),
    )


# --- The URL ----------------------------------------------------------------------------
def _encode(key: str, value: object) -> list[str]:
    if value is None:
        return []
    if key in _LIST_KEYS:
        return [str(v) for v in value]  # type: ignore[union-attr]
    if key in _BOOL_KEYS:
        return ["1" if value else "0"]
    if key == DRILL:
        column, val = value  # type: ignore[misc]
        return [f"{column}:{val}"]
    return [str(value)]


def _decode(key: str, values: list[str]) -> object:
    """A URL value back into a state value; raises ValueError when it does not parse."""
    if key in _LIST_KEYS:
        return [v for v in values if v]
    raw = values[-1]
    if key == SOURCE and raw not in ("sample", "upload"):
        raise ValueError(raw)
    if key in _BOOL_KEYS:
        if raw not in ("0", "1"):
            raise ValueError(raw)
        return raw == "1"
    if key in _INT_KEYS:
        return int(raw)
    if key == DRILL:
        column, sep, val = raw.partition(":")
        if not sep or not column:
            raise ValueError(raw)
        return (column, val)
    return raw


def read_url() -> None:
    """Take the settings from the URL, once per session (a shared link opens that view).
    A value that does not parse is ignored: a mangled link still opens the app."""
    init()
    ss = st.session_state
    if ss[URL_READ]:
        return
    ss[URL_READ] = True
    for key, param in URL_PARAMS.items():
        values = st.query_params.get_all(param)
        if not values:
            continue
        try:
            ss[key] = _decode(key, values)
        except ValueError:
            continue


def write_url(latest_year: int | None = None) -> None:
    """Write the settings that differ from the defaults into the URL (and remove the rest),
    touching only our own parameters. ``latest_year``: a year equal to it is left out, so a
    link without a year keeps following the latest data."""
    ss = st.session_state
    for key, param in URL_PARAMS.items():
        value = ss.get(key)
        if key == YEAR and value == latest_year:
            value = None
        wanted = [] if value == DEFAULTS[key] else _encode(key, value)
        if st.query_params.get_all(param) == wanted:
            continue
        if wanted:
            st.query_params[param] = wanted if len(wanted) > 1 else wanted[0]
        elif param in st.query_params:
            del st.query_params[param]
