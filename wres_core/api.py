"""The one entry point everything calls: load once, compute once per distinct query.

>>> from wres_core.api import Query, Engine
>>> engine = Engine.from_inputs(["data/sample"])                  # doctest: +SKIP
>>> engine.results(Query(by="department", suppress=0)).head()    # doctest: +SKIP

A ``Query`` is hashable, so results are cached per query; an ``Engine`` holds one loaded
Dataset and is itself cached per set of input files (their names and bytes).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from wres_core import disclosure, registry, results
from wres_core.codes import bands
from wres_core.dataset import Dataset
from wres_core.indicators._common import first_seen
from wres_core.indicators.workforce import BASE_DIMENSIONS, model_employer
from wres_core.loader import Input, load
from wres_core.readers import Source
from wres_core.schema import GROUP_LEVELS, RESULT_KEY

DEFAULT_SUPPRESS = 10
DEFAULT_CAUTION = 30
SURVEY_MIN_RESPONSES = 11
# Results kept per engine: every (filters, drill-down, group level) a meeting visits.
RESULTS_CACHE = 64
# Publication-safe tables are made safe for the three group levels together (see
# Engine.results). False only in tests, to show what the joint step prevents.
JOINT_GROUP_LEVELS = True

# Indicator functions in the order the results table lists them, each with the kinds of
# data any one of which it needs: read from the indicator registry.
INDICATORS = registry.computations()


@dataclass(frozen=True)
class Query:
    """What to compute. ``where`` holds (column, allowed values) pairs; values match the
    labels the results table shows (department names, 'Band 5', 'Clinical'), ignoring case."""

    by: str | None = None
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    groups: str = "wres"
    years: tuple[int, ...] | None = None
    suppress: int = DEFAULT_SUPPRESS
    caution: int = DEFAULT_CAUTION
    survey_min: int = SURVEY_MIN_RESPONSES
    # The pay gap's reference: "White" (all White staff) or "White British".
    pay_reference: str = "White"

    def __post_init__(self) -> None:
        if self.groups not in GROUP_LEVELS:
            raise ValueError(f"groups must be one of {', '.join(GROUP_LEVELS)}, not "
                             f"{self.groups!r}")
        if self.suppress < 0 or self.caution < 0:
            raise ValueError("thresholds cannot be negative")

    @staticmethod
    def parse_where(items: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """``["department=Cardiology", "pay_band=Band 5,Band 6"]`` into a where tuple.

        >>> Query.parse_where(["department=Cardiology", "pay_band=Band 5, Band 6"])
        (('department', ('Cardiology',)), ('pay_band', ('Band 5', 'Band 6')))
        """
        out: dict[str, list[str]] = {}
        for item in items:
            column, sep, value = item.partition("=")
            if not sep or not column.strip() or not value.strip():
                raise ValueError(f"'{item}' is not COLUMN=VALUE (for example "
                                 "department=Cardiology)")
            out.setdefault(column.strip(), []).extend(v.strip() for v in value.split(",")
                                                      if v.strip())
        return tuple((c, tuple(v)) for c, v in out.items())


@dataclass
class Engine:
    """One loaded Dataset and the results computed from it so far."""

    data: Dataset
    _cache: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _building: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_inputs(cls, inputs: Iterable[Input]) -> Engine:
        return cls(load(inputs))

    def results(self, query: Query = Query()) -> pd.DataFrame:
        """The results table for a query, publication-safe unless ``query.suppress`` < 2.

        The three group levels of the overall table of the same filters, years and
        thresholds are made safe as one table (``_safe_levels``: categories add up to broad
        groups, broad groups to White/BME/Unknown, and a count the levels share has one
        decision), so that putting them side by side gives nothing back. A drill-down
        (``query.by`` set) is made safe beside the overall table of its level
        (``disclosure.suppress(released=...)``): every count both hold is shown in both or
        withheld in both."""
        return self._cached(("results", query), lambda: self._results(query))

    def page(self, query: Query = Query(), drills: Iterable[str | None] = ()) -> PageTables:
        """What a page shows for one filter set, in one call: the overall table of
        ``query`` (its drill-down ignored), publication-safe with the other group levels,
        and its drill-downs by each of ``drills``, each made safe beside it, so that every
        view the page puts side by side follows one pattern.

        The drill-downs' figures are computed first (the overall table is cut from the
        first one rather than computed again: ``_cached_drill_down``); making them
        publication-safe waits until the page asks for one (``PageTables.drill``), so a
        page can draw its overall charts while the rest is worked out."""
        base = replace(query, by=None)
        wanted = tuple(dict.fromkeys(d for d in drills if d))
        for by in wanted:
            self.unsuppressed(replace(base, by=by))
        return PageTables(self, base, wanted, self.results(base))

    def unsuppressed(self, query: Query) -> pd.DataFrame:
        """Every figure with caution marks but before suppression (never for publication)."""
        q = replace(query, suppress=0)
        return self._cached(("raw", q), lambda: self._compute(q))

    def changes(self, query: Query = Query(), *, since: int | None = None) -> pd.DataFrame:
        """Each figure's change on the year before (``since``: on that year's figure, the
        first-to-last change), computed on the unsuppressed figures and then withheld
        wherever either figure of the pair is withheld."""
        def build() -> pd.DataFrame:
            from wres_core import trends

            table = trends.changes(self.unsuppressed(query), since=since)
            shown = self.results(query)
            key = list(RESULT_KEY)
            hidden = shown.loc[shown["suppressed"], key]
            if hidden.empty or table.empty:
                return table
            # A change reveals both years' figures, so it goes with either of them.
            mark = table.merge(hidden.assign(_hide=True), on=key, how="left")["_hide"]
            if since is None:
                prev = hidden.assign(year=hidden["year"] + 1, _hide=True)
                mark2 = table.merge(prev, on=key, how="left")["_hide"]
            else:
                first = hidden[hidden["year"] == since].drop(columns="year")
                mark2 = table.merge(first.assign(_hide=True), on=key[1:], how="left")["_hide"]
            withheld = (mark.fillna(False) | mark2.fillna(False)).to_numpy(dtype=bool)
            return table[~withheld].reset_index(drop=True)
        return self._cached(("changes", query, since), build)

    def model_employer(self, query: Query, *, year: int,
                       targets: Mapping[str, float] | None = None) -> pd.DataFrame:
        """The Model Employer gap (``indicators.workforce.model_employer``) of the data the
        query's filters keep, once per filters, year and targets: a page asks for it on
        every rerun."""
        key = ("model_employer", query.where, year, tuple(sorted((targets or {}).items())))
        return self._cached(key, lambda: model_employer(
            filter_data(self.data, query.where), year=year, targets=targets or None))

    def _cached(self, key: tuple, build) -> pd.DataFrame:
        """The cached value, or built once: sessions asking for the same result at the same
        time wait for the one build rather than each computing it (under load they did, and
        every one of them was slower for it). A build that fails is not cached; the next
        caller tries again."""
        while True:
            with self._lock:
                if key in self._cache:
                    self._cache.move_to_end(key)
                    return self._cache[key]
                running = self._building.get(key)
                if running is None:
                    running = self._building[key] = threading.Event()
                    mine = True
                else:
                    mine = False
            if not mine:
                running.wait()
                continue  # built (or failed: then this caller builds it)
            try:
                value = build()
                with self._lock:
                    self._cache[key] = value
                    while len(self._cache) > RESULTS_CACHE:
                        self._cache.popitem(last=False)
                return value
            finally:
                with self._lock:
                    del self._building[key]
                running.set()

    def _results(self, query: Query) -> pd.DataFrame:
        table = self.unsuppressed(query)
        if query.suppress < 2:
            return table
        if JOINT_GROUP_LEVELS and query.by is None:
            return self._safe_levels(replace(query, groups=GROUP_LEVELS[0]))[query.groups]
        if query.by is None:
            return disclosure.suppress(table, threshold=query.suppress,
                                       survey_min=query.survey_min)
        # A drill-down is read beside the overall table of the same filters (the overview and
        # the drill-down pages show both; a report prints both): it keeps every decision the
        # overall table made, so that one cannot fill in what the other withholds.
        # With the levels made safe as one, the overall tables of this level and the coarser
        # ones are read beside it too (their groups add up this level's groups).
        base = replace(query, by=None)
        levels = GROUP_LEVELS[:GROUP_LEVELS.index(query.groups) + 1] \
            if JOINT_GROUP_LEVELS else (query.groups,)
        released = _union([self.results(replace(base, groups=g)) for g in levels])[0]
        extra = _rows_not_in(
            _union([self.unsuppressed(replace(base, groups=g)) for g in levels])[0], table)
        joint = pd.concat([table, extra], ignore_index=True) if len(extra) else table
        safe = disclosure.suppress(joint, threshold=query.suppress,
                                   survey_min=query.survey_min, released=released)
        return safe.iloc[:len(table)].set_axis(table.index) if len(extra) else safe

    def _safe_levels(self, query: Query) -> dict[str, pd.DataFrame]:
        """Publication-safe tables of every group level of ``query``, made safe as one: the
        union of the three levels' rows (a row two levels share, White or Unknown, is one
        row: the same count), suppressed once, and each level's rows taken back out. The
        categories add up to the broad groups and those to White/BME/Unknown in that one
        table, so the finest level's needs decide what the coarser ones withhold, and no
        level shows what another withholds. A drill-down at any level is then made safe
        beside its level's overall table (``_results``), so it keeps these decisions; the
        three levels of a drill-down are not made safe as one (that took minutes for the
        sample's department table: see design.md).

        (Coarse to fine instead, each finer level beside the coarser ones as released
        tables, was tried: on the sample the finer level could not protect its small
        counts that way, ``released_kept`` False, and fell back to this.)"""
        def build() -> dict[str, pd.DataFrame]:
            raws = [self.unsuppressed(replace(query, groups=g)) for g in GROUP_LEVELS]
            union, at = _union(raws)
            safe = disclosure.suppress(union, threshold=query.suppress,
                                       survey_min=query.survey_min)
            return {g: _level(safe, pos, raw)
                    for g, raw, pos in zip(GROUP_LEVELS, raws, at, strict=True)}
        return self._cached(("levels", query), build)

    def _compute(self, query: Query) -> pd.DataFrame:
        if query.by is None:
            drilled = self._cached_drill_down(query)
            if drilled is not None:
                return drilled
        data = filter_data(_counted_columns(self.data, query.where), query.where) \
            if query.where else self.data
        parts = indicator_parts(data, query)
        table = results.frame(pd.concat([p for p in parts if len(p)], ignore_index=True)) \
            if any(len(p) for p in parts) else results.empty()
        table = disclosure.apply_caution(table, threshold=query.caution)
        if query.years is not None:
            table = table[table["year"].isin(query.years)].reset_index(drop=True)
        return table


    def _cached_drill_down(self, query: Query) -> pd.DataFrame | None:
        """The unsuppressed table of ``query`` (no drill-down) cut from a cached drill-down of
        the same query, or None. A drill-down holds every row of the overall table, computed
        alike, and costs about as much to compute (the indicators' cost is in the number of
        steps, not of rows), so a page that asks for its drill-down first gets its overall
        table for nothing."""
        with self._lock:
            for key, table in reversed(self._cache.items()):
                if key[0] != "raw":
                    continue
                cached = key[1]
                if cached.by is not None and replace(cached, by=None) == query:
                    return without_drill_down(table, cached.by)
        return None


def indicator_parts(data: Dataset, query: Query) -> list[pd.DataFrame]:
    """Each indicator function's rows for ``data`` (already filtered), in the results table's
    order: every function whose kinds of data are loaded."""
    return [fn(data, groups=query.groups, by=query.by, pay_reference=query.pay_reference)
            for kinds, fn in INDICATORS if any(data.has(k) for k in kinds)]


@dataclass(frozen=True)
class PageTables:
    """The publication-safe tables of one page's filter set (``Engine.page``)."""

    engine: Engine = field(repr=False)
    query: Query  # without a drill-down
    drills: tuple[str, ...]
    overall: pd.DataFrame  # at query.groups

    def level(self, groups: str) -> pd.DataFrame:
        """The overall table at another group level, made safe with this one."""
        return self.engine.results(replace(self.query, groups=groups))

    def drill(self, by: str, groups: str | None = None) -> pd.DataFrame:
        """The drill-down by ``by`` (at ``groups``, default the query's), made safe beside
        the overall tables of its level and the coarser ones."""
        return self.engine.results(replace(self.query, by=by,
                                           groups=groups or self.query.groups))


def without_drill_down(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The rows of a ``by`` drill-down's table that the same query without it gives: all but
    the drill-down's own rows, unless the indicator gives that breakdown anyway (indicator 1
    always breaks down by clinical and pay band)."""
    if by == "overall":
        return table
    own = table["dimension"].eq(by).to_numpy(dtype=bool)
    if by in BASE_DIMENSIONS:
        own &= table["indicator"].ne(1).to_numpy(dtype=bool)
    return table[~own].reset_index(drop=True) if own.any() else table


def _union(tables: Sequence[pd.DataFrame]) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """One table of the rows of ``tables``, each results key once (its first row: tables
    of one query at different group levels give a shared key the same counts), and the
    position in it of every row of each table."""
    key = list(RESULT_KEY)
    joined = pd.concat(tables, ignore_index=True)
    rank = first_seen(*(joined[c] for c in key))
    _, first = np.unique(rank, return_index=True)
    first.sort()
    union = joined.iloc[first].reset_index(drop=True)
    where = np.empty(int(rank.max()) + 1 if len(rank) else 0, dtype=np.int64)
    where[rank[first]] = np.arange(len(first))
    at, start = [], 0
    for t in tables:
        at.append(where[rank[start:start + len(t)]])
        start += len(t)
    return union, at


def _level(safe: pd.DataFrame, positions: np.ndarray, raw: pd.DataFrame) -> pd.DataFrame:
    """One level's rows of a table made safe with others, in the level's own order."""
    table = safe.iloc[positions].set_axis(raw.index)
    table.attrs = dict(safe.attrs)
    return table


def _rows_not_in(table: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` whose results key ``other`` lacks."""
    key = list(RESULT_KEY)
    both = pd.concat([table[key], other[key]], ignore_index=True)
    rank = first_seen(*(both[c] for c in key))
    return table[~np.isin(rank[:len(table)], rank[len(table):])]


# Columns no indicator counts by: the ids (text, one per person: the costliest to copy when
# a filter keeps a national table's rows) and where each row came from.
NOT_COUNTED = ("person_id", "vacancy_id", "source_file", "source_row", "matched")


def _counted_columns(data: Dataset, where: Sequence[tuple[str, Sequence[str]]]) -> Dataset:
    """The data without the columns no indicator reads, except those filtered on (no copy:
    a selection of columns)."""
    drop = set(NOT_COUNTED) - {column for column, _ in where}
    frames = {kind: df[[c for c in df.columns if c not in drop]]
              for kind, df in data.frames.items()}
    return Dataset(frames=frames, findings=data.findings, tables=data.tables)


def filter_data(data: Dataset, where: Sequence[tuple[str, Sequence[str]]]) -> Dataset:
    """Keep the rows matching every filter. A kind whose data lacks a filtered column is left
    out (a board has no department), rather than shown unfiltered."""
    if not where:
        return data
    frames = {}
    for kind, df in data.frames.items():
        if any(column not in df.columns for column, _ in where):
            continue
        keep = np.ones(len(df), dtype=bool)
        for column, allowed in where:
            keep &= _matches(df[column], column, allowed)
        frames[kind] = df[keep].reset_index(drop=True)
    return Dataset(frames=frames, findings=data.findings, tables=data.tables)


_CLINICAL_WORDS = {"yes": "Clinical", "y": "Clinical", "true": "Clinical", "1": "Clinical",
                   "clinical": "Clinical", "no": "Non-clinical", "n": "Non-clinical",
                   "false": "Non-clinical", "0": "Non-clinical", "nonclinical": "Non-clinical",
                   "non-clinical": "Non-clinical", "non clinical": "Non-clinical"}


def _matches(col: pd.Series, column: str, allowed: Sequence[str]) -> np.ndarray:
    """Which rows hold one of the allowed values. Each distinct value is compared once and
    the answer spread over the rows by their codes: a national extract has millions of rows
    but a few thousand distinct departments."""
    wanted = {str(v).strip().casefold() for v in allowed}
    if column == "clinical":
        wanted = {_CLINICAL_WORDS.get(v, v).casefold() for v in wanted}
    elif column == "pay_band":
        canon, _ = bands.classify(pd.Series(list(allowed), dtype="string"))
        wanted |= {str(v).casefold() for v in canon.dropna()}
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes, distinct = col.cat.codes.to_numpy(), col.cat.categories
    else:
        codes, distinct = pd.factorize(col, use_na_sentinel=True)
    labels = pd.Series(distinct, dtype="object").astype("string").str.strip().str.casefold()
    hit = np.append(labels.isin(wanted).to_numpy(dtype=bool, na_value=False), False)
    return hit[codes]  # code -1 (missing) takes the appended False


_ENGINES: OrderedDict[str, Engine] = OrderedDict()
_ENGINES_LOCK = threading.Lock()
ENGINES_KEPT = 4


def digest(sources: Sequence[tuple[str, bytes]]) -> str:
    """A key for a set of uploaded files: their names and contents."""
    h = hashlib.blake2b(digest_size=20)
    for name, content in sorted(sources, key=lambda s: s[0]):
        h.update(name.encode("utf-8", "replace") + b"\0")
        h.update(hashlib.blake2b(content, digest_size=20).digest())
    return h.hexdigest()


def engine_for(sources: Sequence[tuple[str, bytes]]) -> Engine:
    """The Engine for these files, loading them only the first time they are seen."""
    key = digest(sources)
    with _ENGINES_LOCK:
        if key in _ENGINES:
            _ENGINES.move_to_end(key)
            return _ENGINES[key]
    engine = Engine(load([Source(n, c) for n, c in sources]))
    with _ENGINES_LOCK:
        _ENGINES[key] = engine
        while len(_ENGINES) > ENGINES_KEPT:
            _ENGINES.popitem(last=False)
    return engine
