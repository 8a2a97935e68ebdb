"""Files in, Dataset out: read every table, recognise its kind, normalise it, then check the
kinds against each other (person ids, years, unknown ethnicity).

    >>> from wres_core.loader import load
    >>> data = load(["data/sample"])          # doctest: +SKIP
    >>> sorted(data.frames)                   # doctest: +SKIP
    ['board', 'disciplinary', 'survey', 'training', 'workforce', ...]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from pathlib import Path

import numpy as np
import pandas as pd

from wres_core import cases
from wres_core import columns as cols
from wres_core import values as vals
from wres_core.dataset import Dataset, SourceTable
from wres_core.findings import Finding
from wres_core.indicators._common import column_codes, sorted_codes
from wres_core.memory import return_freed_memory
from wres_core.normalise import SURVEY_KINDS, Extras, normalise
from wres_core.readers import RawTable, Source, gather, read
from wres_core.schema import ETHNICITY_COLUMNS, KINDS, MAPPING_KIND

# Above this share of unknown ethnicity the indicators become unreliable (seed guidance).
UNKNOWN_ETHNICITY_WARN = 5.0
# Columns a disciplinary or training row takes from the person's workforce record.
FROM_WORKFORCE = (*ETHNICITY_COLUMNS, "pay_band", "department", "directorate", "site",
                  "staff_group", "clinical", "occupation")
# Kinds that are a snapshot: the same year from two tables would count people twice.
SNAPSHOT_KINDS = ("workforce", "board")
# Kinds whose rows are events counted over the workforce headcount: a file of them with a
# header and no rows is a true zero (nobody entered the process, nobody was trained), so it
# gives figures of 0; a header-only file of any other kind has nothing to count.
EVENT_KINDS = ("disciplinary", "training")

Input = str | Path | Source | tuple[str, bytes]


def load(inputs: Iterable[Input], *, extras: Extras | None = None,
         years: Sequence[int] = ()) -> Dataset:
    """Load files, folders, ZIPs or (name, bytes) pairs into a Dataset. Never raises on bad
    input: every problem is a finding, and a table with an error is left out.

    ``years``: the WRES years the user asked about (the command line's ``--year``), which a
    header-only table with no year in its name stands for."""
    return_freed_memory()
    sources, findings = gather(inputs)
    tables: list[tuple[RawTable, str | None]] = []
    for got in map(read, _drain(sources)):
        if isinstance(got, Finding):
            findings.append(got)
            continue
        for table in got:
            # A sheet with nothing in it is empty whatever its name says.
            kind = _kind(table) if len(table.data.columns) else None
            findings.extend(table.findings)
            tables.append((table, kind))
    mapping_extras, mapping_findings = _mappings([t for t, k in tables if k == MAPPING_KIND])
    findings.extend(mapping_findings)
    merged_extras: dict = {k: dict(v) for k, v in (extras or {}).items()}
    for k, v in mapping_extras.items():
        merged_extras.setdefault(k, {}).update(v)

    def tidy(item: tuple[RawTable, str | None]):
        table, kind = item
        if kind in (MAPPING_KIND, None):
            return item, None
        file_year = vals.year_in_name(table.sheet) or vals.year_in_name(Path(table.file).name)
        return item, normalise(table, kind, extras=merged_extras, file_year=file_year)

    parts: dict[str, list[pd.DataFrame]] = defaultdict(list)
    empties: dict[str, pd.DataFrame] = {}
    headers: dict[str, dict[str, str]] = defaultdict(dict)  # kind -> column -> user's header
    infos: list[SourceTable] = []
    snapshots: dict[str, tuple[str, str, str]] = {}  # source label -> file, sheet, id header
    for (table, kind), normalised in map(tidy, _drain(tables)):
        if kind == MAPPING_KIND:
            infos.append(SourceTable(table.file, table.sheet, kind, len(table.data), True))
            continue
        if kind is None:
            if table.data.empty and table.findings and not len(table.data.columns):
                continue  # a stand-in that carries a note (a workbook of hidden sheets)
            if table.data.empty:
                findings.append(_finding(table, "info", "empty_sheet", "is empty and was skipped."))
            else:
                findings.append(_finding(
                    table, "error", "unknown_kind",
                    "could not be recognised as workforce, recruitment, disciplinary, training, "
                    "survey, survey summary or board data.",
                    hint="Put the kind in the file or sheet name (e.g. workforce_2024.csv, "
                         "sheet 'Recruitment'), or use the column names in the data contract."))
            infos.append(SourceTable(table.file, table.sheet, "", len(table.data), False))
            continue
        frame, found = normalised
        findings.extend(found)
        ok = frame is not None
        if ok:
            for canon, header in _headers(table, kind).items():
                known = headers[kind].setdefault(canon, header)
                if header not in known.split(" / "):
                    headers[kind][canon] = f"{known} / {header}"
        covered = tuple(sorted(int(y) for y in frame["year"].unique())) if ok else ()
        if ok and not len(table.data):
            covered = _empty_table(table, kind, tuple(years), findings)
        elif ok and kind == "disciplinary":
            # Years are those the case file covers, before other case types are set aside:
            # a year of capability cases only is a year with no disciplinary case.
            frame, found = cases.disciplinary_only(
                frame, where=_where(table), file=table.file, sheet=table.sheet,
                header=_headers(table, kind).get("case_type", "case_type"),
                extra=_extra(merged_extras, kind, "case_type"))
            findings.extend(found)
        infos.append(SourceTable(table.file, table.sheet, kind, len(table.data), ok, covered))
        if ok and len(frame):
            parts[kind].append(frame)
            if kind == "workforce":  # for the findings of the one-a-snapshot check
                label = str(frame["source_file"].cat.categories[0])
                snapshots[label] = (table.file, table.sheet,
                                    _headers(table, kind).get("person_id", "person_id"))
        elif ok and kind in EVENT_KINDS:  # no rows: a true zero for the years it covers
            empties.setdefault(kind, frame)

    frames = {}
    for kind in KINDS:
        if parts.get(kind):
            frames[kind] = _combine(kind, parts.pop(kind), findings)
        elif kind in empties:
            frames[kind] = empties[kind]
    _link_people(frames, findings, headers, snapshots)
    _check_unknown_ethnicity(frames, findings, headers["workforce"])
    _check_years(frames, findings, infos)
    return Dataset(frames=frames, findings=findings, tables=infos)


def _drain(items: list) -> Iterator:
    """The items in order, each let go by the list as it is handed out (a national extract
    should not be held in memory as bytes, raw tables and tidy frames all at once)."""
    items.reverse()
    while items:
        yield items.pop()


def _kind(table: RawTable) -> str | None:
    """Sheet name first, then file name, then columns; the columns overrule a name whose kind
    the table plainly is not (a misleading file name)."""
    mapping, _ = cols.rename_map(table.data.columns)
    present = set(mapping.values())
    by_columns = cols.kind_from_columns(present)
    for name in (table.sheet, Path(table.file).name):
        named = cols.kind_from_name(name) if name else None
        if named is None:
            continue
        if by_columns and by_columns != named and cols.satisfied(named, present | {"year"}):
            table.findings.append(_finding(
                table, "warning", "kind_from_columns",
                f"is named like {named} data but its columns are {by_columns} data; it was "
                f"read as {by_columns}.", hint="Rename the file to say what it holds."))
            return by_columns
        return named
    return by_columns


def _finding(table: RawTable, level: str, code: str, text: str, hint: str = "") -> Finding:
    return Finding(level, code, f"{_where(table)} {text}", file=table.file, sheet=table.sheet,
                   hint=hint)


def _where(table: RawTable) -> str:
    return f"{table.file}, sheet '{table.sheet}'" if table.sheet else table.file


def _headers(table: RawTable, kind: str) -> dict[str, str]:
    """Canonical column -> the header the user's file gives it, so that findings name the
    column in the user's own words ('Ethnic Origin', not 'ethnicity')."""
    mapping, _ = cols.rename_map(table.data.columns, kind)
    return {canon: str(header) for header, canon in mapping.items()}


def _extra(extras: Extras, kind: str, column: str) -> dict[str, str]:
    """The user's mapping rows for one column of one kind (those for every kind first)."""
    out: dict[str, str] = {}
    for k in ("", kind):
        out.update(extras.get((k, column), {}))
    return out


def _empty_table(table: RawTable, kind: str, asked: tuple[int, ...],
                 findings: list[Finding]) -> tuple[int, ...]:
    """The WRES years a table with a header and no rows stands for, and a note saying so:
    the year in its sheet or file name (a survey's feeds the next WRES year), else the
    years asked for; with neither, no year, and a warning saying how to give one."""
    named = vals.year_in_name(table.sheet) or vals.year_in_name(Path(table.file).name)
    years = (named + (1 if kind in SURVEY_KINDS else 0),) if named else asked
    what = kind.replace("_", " ")
    if not years:
        findings.append(_finding(
            table, "warning", "empty_table_no_year",
            f"has a header but no rows, and no year in its name, so it could not be read as "
            f"'no {what} rows' for any year.",
            hint=f"Put the year in the file name (e.g. {kind}_2024.csv)."))
        return ()
    listed = ", ".join(map(str, years))
    if kind in EVENT_KINDS:
        text = (f"has a header but no rows: read as no {what} "
                f"{'cases' if kind == 'disciplinary' else 'records'} in WRES year {listed} "
                "(a true zero).")
    else:
        text = (f"has a header but no rows: there are no {what} rows to count for WRES "
                f"year {listed}.")
    findings.append(_finding(table, "info", "empty_table", text))
    return years


def _mappings(
    tables: list[RawTable],
) -> tuple[dict[tuple[str, str], dict[str, str]], list[Finding]]:
    """Mapping files: (kind, column) -> {raw value: canonical value}."""
    out: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    findings: list[Finding] = []
    for table in tables:
        rename, _ = cols.rename_map(table.data.columns, MAPPING_KIND)
        df = table.data.rename(columns=rename)
        for row_no, row in df.iterrows():
            # A blank kind is every kind, as "*", "all" and "any" are.
            given = row.get("kind")
            kind = "" if given is None or pd.isna(given) else str(given).strip().casefold()
            kind = "" if kind in ("", "*", "all", "any") else kind
            named = str(row.get("column") or "")
            column = cols.canonical(named) or cols.key(named)
            raw, canon = row.get("raw"), row.get("canonical")
            if pd.isna(raw) or pd.isna(canon) or (kind and kind not in KINDS):
                findings.append(Finding(
                    "warning", "bad_mapping_row", f"{table.file}: mapping row {row_no} is "
                    "incomplete or names an unknown kind, and was ignored.", file=table.file,
                    sheet=table.sheet, row=int(row_no),
                    hint="Each mapping row needs kind, column, raw and canonical."))
                continue
            if column == "medical_grade":
                column = "pay_band"
            out[(kind, column)][str(raw).strip()] = str(canon).strip()
    return dict(out), findings


def _combine(kind: str, frames: list[pd.DataFrame], findings: list[Finding]) -> pd.DataFrame:
    """One frame per kind. A snapshot year given by two tables is taken from the first only."""
    if kind in SNAPSHOT_KINDS and len(frames) > 1:
        seen: dict[tuple[str, int], str] = {}
        kept = []
        for f in frames:
            source = str(f["source_file"].iloc[0]) if len(f) else ""
            pairs = f[["org", "year"]].drop_duplicates()
            keys = set(zip(pairs["org"].astype(str), pairs["year"], strict=True))
            clash = {k for k in keys if k in seen}
            for org, year in sorted(clash):
                findings.append(Finding(
                    "warning", "duplicate_year",
                    f"{source} holds {kind} data for {year}{' for ' + org if org else ''}, which "
                    f"{seen[(org, year)]} already gave; only the first was used so nobody is "
                    "counted twice.", file=source.split("!")[0],
                    hint="Load one file per snapshot year."))
            if clash:
                drop = pd.Series(list(zip(f["org"].astype(str), f["year"], strict=True)),
                                 index=f.index).isin(clash)
                f = f[~drop]
            for k in keys - clash:
                seen[k] = source
            kept.append(f)
        frames = kept
    if len(frames) > 1:
        frames = _same_categories(frames)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = out[c].astype(_category_dtype(frames, c))
    return out


def _same_categories(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Give each categorical column the one dtype the whole column gets (see
    ``_category_dtype``) in every frame before they are put together, so that the concat
    keeps the codes instead of spelling out millions of values and reading them again."""
    for c in sorted(_category_columns(frames)):
        dtype = _category_dtype(frames, c)
        if isinstance(dtype, str):
            # The categories astype("category") would give the concatenated column: found
            # the same way, on one row per distinct value of each frame.
            proxies = [_distinct_rows(f[c]) for f in frames if c in f.columns]
            dtype = pd.concat(proxies, ignore_index=True).astype("category").dtype
        frames = [f.assign(**{c: f[c].astype(dtype)}) if c in f.columns else f
                  for f in frames]
    return frames


def _distinct_rows(s: pd.Series) -> pd.Series:
    """One row per distinct value of ``s`` (missing included), in the same dtype."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy()
        held = np.flatnonzero(np.bincount(codes + 1, minlength=len(s.cat.categories) + 1))
        return pd.Series(pd.Categorical.from_codes(held - 1, dtype=s.dtype))
    return s.drop_duplicates()


def _categories_within(s: pd.Series, cats: list) -> bool:
    """Whether every value ``s`` could hold is among ``cats``, told from its categories
    alone (no pass over the rows)."""
    return isinstance(s.dtype, pd.CategoricalDtype) and bool(
        s.cat.categories.isin(cats).all())


def _category_columns(frames: list[pd.DataFrame]) -> set[str]:
    return {c for f in frames for c in f.columns if isinstance(f[c].dtype, pd.CategoricalDtype)}


def _category_dtype(frames: list[pd.DataFrame], column: str) -> pd.CategoricalDtype | str:
    """Keep a column's category order (pay bands, groups) when frames are put together."""
    for f in frames:
        if column in f.columns and isinstance(f[column].dtype, pd.CategoricalDtype):
            dt = f[column].dtype
            if dt.ordered or column in ETHNICITY_COLUMNS or column == "clinical":
                cats = list(dt.categories)
                extra = [c for g in frames if column in g.columns
                         and not _categories_within(g[column], cats)
                         for c in _distinct_rows(g[column]).dropna() if c not in cats]
                return pd.CategoricalDtype(cats + sorted(set(extra), key=str), ordered=dt.ordered)
    return "category"


def _link_people(frames: dict[str, pd.DataFrame], findings: list[Finding],
                 headers: dict[str, dict[str, str]] | None = None,
                 snapshots: dict[str, tuple[str, str, str]] | None = None) -> None:
    """Disciplinary and training rows of people in the workforce snapshot of the same year
    take their ethnicity and the rest from that record, as the headcount they are counted
    over does (the row's own value stands only where the record has none); rows of people
    not in it (leavers, say) keep their own. Ids that match nobody are reported, never
    dropped. Each person then counts once a year, and once in each workforce snapshot.
    ``headers``: kind -> canonical column -> the user's header, and ``snapshots``: each
    workforce table's source label -> its file, sheet and person id header, for the
    findings.

    The person ids of every kind are numbered in one pass (text ids hashed once): the
    link and the duplicate checks work on those integers."""
    headers = headers or {}
    wf = frames.get("workforce")
    kinds = [k for k in ("disciplinary", "training") if frames.get(k) is not None]
    linked = [k for k in kinds if "person_id" in frames[k].columns]
    keys: dict[str, np.ndarray] = {}
    if wf is not None and "person_id" in wf.columns:
        # Every frame's (org, year, person id) as one integer, the ids hashed once for all.
        if linked:
            found = _joint_keys([wf, *(frames[k] for k in linked)], PERSON_KEY)
            keys = dict(zip(linked, found[1:], strict=True))
        else:
            found = [vals.combined_codes(wf, PERSON_KEY)]
        wf, wf_key = _one_a_snapshot(wf, found[0], findings, snapshots or {})
        frames["workforce"] = wf
        index = _first_rows(wf_key, wf["person_id"].notna().to_numpy())
    for kind in kinds:
        df = frames[kind]
        named = headers.get(kind, {})
        if "person_id" not in df.columns:
            df["matched"] = False
            for c in ETHNICITY_COLUMNS:
                if c not in df.columns:
                    df[c] = pd.NA
            frames[kind] = _unknown_if_missing(df)
            continue
        own_category = (df["ethnic_category"].astype("string") if "wres_group" in df.columns
                        and (df["wres_group"] != "Unknown").any() else None)
        if kind in keys:
            take = [c for c in FROM_WORKFORCE if c in wf.columns]
            df, matched = _join_workforce(df, wf, take, keys[kind], index)
        else:
            matched = pd.Series(False, index=df.index).to_numpy()
        df["matched"] = matched
        for c in ETHNICITY_COLUMNS:
            if c not in df.columns:
                df[c] = pd.NA
        df = _unknown_if_missing(df)
        if own_category is not None:
            _ethnicity_overruled(df, own_category.to_numpy(), kind, named, findings)
        key = keys.get(kind)
        if kind == "training":
            df = _dedupe_training(df, findings, key, named.get("person_id", "person_id"))
        else:
            df = _dedupe_cases(df, findings, key, named)
        _unmatched(df, kind, named, findings,
                   set() if wf is None else {int(y) for y in wf["year"].unique()})
        frames[kind] = df


def _one_a_snapshot(wf: pd.DataFrame, key: np.ndarray, findings: list[Finding],
                    snapshots: dict[str, tuple[str, str, str]]
                    ) -> tuple[pd.DataFrame, np.ndarray]:
    """The workforce with each person once per organisation and year (the first row kept),
    and its rows' keys; a warning for each table that had a person twice. A snapshot year
    of an organisation comes from one table only (``_combine``), so a repeat is always
    within one table."""
    dup = vals.duplicated(key) & wf["person_id"].notna().to_numpy()
    if not dup.any():
        return wf, key
    source = wf["source_file"].cat.codes.to_numpy()
    for code in pd.unique(source[dup]):  # in the order of the tables
        rows = dup & (source == code)
        label = str(wf["source_file"].cat.categories[code])
        file, sheet, header = snapshots.get(label, (label, "", "person_id"))
        where = f"{file}, sheet '{sheet}'" if sheet else file
        ids = wf.loc[rows, "person_id"].unique()
        shown = ", ".join(str(i) for i in ids[:8]) + (" …" if len(ids) > 8 else "")
        findings.append(Finding(
            "warning", "duplicate_person",
            f"{where}: {len(ids)} person id(s) ({shown}) appear more than once in the same "
            "snapshot; each person is counted once (the first row is kept).", file=file,
            sheet=sheet, row=int(wf["source_row"].to_numpy()[np.argmax(rows)]), column=header,
            hint="Keep one row per person: the primary assignment."))
    return wf[~dup].reset_index(drop=True), key[~dup]


def _files(df: pd.DataFrame, rows: np.ndarray | pd.Series) -> str:
    return ", ".join(sorted({str(s).split("!")[0] for s in df.loc[rows, "source_file"]}))


def _unmatched(df: pd.DataFrame, kind: str, named: dict[str, str],
               findings: list[Finding], wf_years: set[int]) -> None:
    """A finding for the rows whose person id is in no workforce record of the same year.
    For disciplinary cases in a year whose snapshot is loaded these are mostly leavers
    (people dismissed or gone before 31 March): they still count, under the ethnicity on
    their own row, and the note says so. Otherwise it is a warning: the ids or the years
    may be wrong."""
    has_id = df["person_id"].notna().to_numpy()
    unmatched = has_id & ~df["matched"].to_numpy(dtype=bool)
    if not unmatched.any():
        return
    ids = df.loc[unmatched, "person_id"].unique()
    shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
    no_eth = unmatched & (df["wres_group"] == "Unknown").to_numpy(dtype=bool, na_value=True)
    files = _files(df, unmatched)
    eth = named.get("ethnicity")
    people = "case(s)" if kind == "disciplinary" else "row(s)"
    own = int(unmatched.sum() - no_eth.sum())
    no_snapshot = sorted({int(y) for y in df.loc[unmatched, "year"]} - wf_years)
    leavers = kind == "disciplinary" and not no_snapshot
    if leavers:
        column = f" (column '{eth}')" if eth else ""
        if not own:
            how = ("as Unknown, as the case rows give no ethnicity" if eth
                   else "as Unknown, as the case file has no ethnicity column")
        else:
            how = (f"{own} case(s) under the ethnicity on the case row{column}"
                   + (f", and {int(no_eth.sum())} with no ethnicity of their own as Unknown"
                      if no_eth.any() else ""))
        text = (f"{files}: {len(ids)} person id(s) in the disciplinary cases are not in the "
                f"workforce at 31 March of the same year (leavers, for instance): {shown}. "
                f"They still count: {how}.")
    else:
        text = (f"{files}: {len(ids)} person id(s) in the {kind} data match no workforce "
                f"record of the same year: {shown}. "
                + (f"{int(no_eth.sum())} of those {people} have no ethnicity of their own and "
                   "count as Unknown." if no_eth.any()
                   else "They keep the ethnicity given in the file.")
                + (f" No workforce is loaded for {', '.join(map(str, no_snapshot))}."
                   if no_snapshot else ""))
    findings.append(Finding(
        "info" if leavers and not no_eth.any() else "warning", "unmatched_person",
        text, file=files, column=named.get("person_id", "person_id"),
        hint="Check the ids and the snapshot year, or load the workforce file for that year"
             + (", or give the ethnicity on the row." if no_eth.any() else ".")))


def _ethnicity_overruled(df: pd.DataFrame, own: np.ndarray, kind: str, named: dict[str, str],
                         findings: list[Finding]) -> None:
    """Say where a row's own stated ethnicity differs from the workforce record that was
    used instead (the headcount counts the person under the record's)."""
    mine = pd.Series(own, dtype="string")
    now = df["ethnic_category"].astype("string").reset_index(drop=True)
    differs = ((mine != "Unknown") & (mine != now)).fillna(False).to_numpy(dtype=bool) \
        & df["matched"].to_numpy(dtype=bool)
    if differs.any():
        eth = named.get("ethnicity", "ethnicity")
        findings.append(Finding(
            "info", "ethnicity_from_workforce",
            f"{_files(df, differs)}: for {int(differs.sum())} {kind} row(s) the ethnicity in "
            f"column '{eth}' differs from the person's workforce record of the same year; the "
            "workforce record was used, as the headcount they are counted over uses it.",
            file=_files(df, differs), column=eth))


def _dedupe_cases(df: pd.DataFrame, findings: list[Finding], key: np.ndarray | None,
                  named: dict[str, str]) -> pd.DataFrame:
    """Each person once a year (indicator 3 counts people entering the process, not cases):
    the first of a person's cases in the year is kept. Rows without an id count as given."""
    if not len(df):
        return df
    has_id = df["person_id"].notna()
    key = vals.combined_codes(df, PERSON_KEY) if key is None else key
    dup = pd.Series(key, index=df.index).duplicated(keep="first") & has_id
    if dup.any():
        people = df.loc[dup, "person_id"].nunique()
        findings.append(Finding(
            "info", "cases_counted_once",
            f"{_files(df, dup)}: {int(dup.sum())} disciplinary case(s) are further cases of "
            f"{people} person(s) already counted in the same year; indicator 3 counts each "
            "person entering the process once a year.", file=_files(df, dup),
            column=named.get("person_id", "person_id")))
        df = df[~dup].reset_index(drop=True)
    return df


PERSON_KEY = ["org", "year", "person_id"]


def _first_rows(key: np.ndarray, eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys of the eligible rows, sorted, and the first such row of each."""
    rows = np.flatnonzero(eligible)
    keys, order = vals.stable_sort(key[rows])
    first = np.r_[True, keys[1:] != keys[:-1]] if len(keys) else np.zeros(0, dtype=bool)
    return keys[first], rows[order[first]]


def _join_workforce(df: pd.DataFrame, wf: pd.DataFrame, take: list[str], key: np.ndarray,
                    index: tuple[np.ndarray, np.ndarray]) -> tuple[pd.DataFrame, np.ndarray]:
    """``df`` with ``take`` from the first workforce record of the same person, org and year
    (the file's own value stands only where the record has none), and which rows found one:
    what a left
    ``merge`` on the three columns gives, row for row, found by binary search in the sorted
    workforce keys rather than by hashing millions of ids again."""
    keys, rows = index
    # Looked up in sorted order, so that the binary searches walk the keys once.
    ordered, order = vals.stable_sort(key)
    at = np.empty(len(key), dtype=np.int64)
    at[order] = np.searchsorted(keys, ordered)
    at = np.minimum(at, max(len(keys) - 1, 0))
    found = keys[at] == key if len(keys) else np.zeros(len(df), dtype=bool)
    source = np.where(found, rows[at] if len(keys) else -1, -1)
    out = df.reset_index(drop=True)
    for c in take:
        theirs = pd.Series(pd.api.extensions.take(wf[c].array, source, allow_fill=True),
                           index=out.index)
        out[c] = _fill(theirs, out[c]) if c in out.columns else theirs
    return out, found


def _joint_keys(frames: list[pd.DataFrame], columns: list[str]) -> list[np.ndarray]:
    """One integer per row of each frame, equal exactly where rows agree in every column
    (missing values agreeing with each other, as in ``merge``)."""
    keys = [np.zeros(len(f), dtype=np.int64) for f in frames]
    span = 1  # keys run from 0 to span - 1
    for col in columns:
        codes, size = _shared_codes([f[col] for f in frames])
        if span * size >= 2**62:  # renumber densely before the product could overflow
            dense = np.unique(np.concatenate(keys), return_inverse=True)[1].reshape(-1)
            keys = np.split(dense, np.cumsum([len(k) for k in keys])[:-1])
            span = int(dense.max(initial=0)) + 1
        keys = [k * size + c + 1 for k, c in zip(keys, codes, strict=True)]
        span *= size
    return keys


def _shared_codes(columns: list[pd.Series]) -> tuple[list[np.ndarray], int]:
    """Codes of several columns on one scale (-1 where missing), and how many codes (plus
    one) there are. Categorical columns are matched on their categories alone; anything
    else (millions of person ids) is hashed once, all columns together."""
    ends = np.cumsum([len(s) for s in columns])[:-1]
    if not all(isinstance(s.dtype, pd.CategoricalDtype) for s in columns):
        joined = pd.concat(columns, ignore_index=True)
        # Years are numbered from the first one, so that a key of (org, year, person id)
        # stays small enough to sort packed with its row numbers (see values.stable_sort).
        few = vals.offset_codes(joined.to_numpy()) if joined.dtype.kind in "iu" else None
        codes = few[0] if few is not None else vals.id_codes(joined)
        return np.split(codes, ends), int(codes.max(initial=-1)) + 2
    values = columns[0].cat.categories
    out = [columns[0].cat.codes.to_numpy(np.int64)]
    for s in columns[1:]:
        # This column's categories on the shared scale; new ones numbered after.
        at = values.get_indexer(s.cat.categories)
        new = at < 0
        at[new] = len(values) + np.arange(int(new.sum()))
        values = values.append(s.cat.categories[new])
        codes = s.cat.codes.to_numpy(np.int64)
        out.append(np.where(codes >= 0, at[np.maximum(codes, 0)], -1) if len(at) else codes)
    return out, len(values) + 1


def _fill(mine: pd.Series, theirs: pd.Series) -> pd.Series:
    """``mine`` where it has a value, ``theirs`` otherwise, as a category."""
    if isinstance(mine.dtype, pd.CategoricalDtype) or isinstance(theirs.dtype,
                                                                   pd.CategoricalDtype):
        dtype = theirs.dtype if isinstance(theirs.dtype, pd.CategoricalDtype) else mine.dtype
        cats = list(dtype.categories)
        for v in mine.dropna().unique():
            if v not in cats:
                cats.append(v)
        dt = pd.CategoricalDtype(cats, ordered=dtype.ordered)
        # On the codes: the same as filling the values and reading them into ``dt``.
        own = mine.astype(dt).cat.codes.to_numpy()
        other = theirs.astype(dt).cat.codes.to_numpy()
        codes = np.where(mine.notna().to_numpy(), own, other)
        return pd.Series(pd.Categorical.from_codes(codes, dtype=dt), index=mine.index)
    return mine.where(mine.notna(), theirs)


def _unknown_if_missing(df: pd.DataFrame) -> pd.DataFrame:
    from wres_core.codes import ethnicity

    missing = df["wres_group"].isna()
    if missing.any():
        unknown, _ = ethnicity.classify(pd.Series([pd.NA] * int(missing.sum()), dtype="string"))
        rows = missing.to_numpy()
        for c in ETHNICITY_COLUMNS:
            col = df[c]
            target = unknown[c].dtype
            if not isinstance(col.dtype, pd.CategoricalDtype):
                col = col.astype(target)
            cats = list(col.cat.categories) + [v for v in target.categories
                                               if v not in col.cat.categories]
            dt = pd.CategoricalDtype(cats, ordered=False)
            # On the codes: the missing rows take the Unknown classification.
            codes = col.astype(dt).cat.codes.to_numpy().copy()
            codes[rows] = dt.categories.get_indexer(unknown[c].astype(object).to_numpy())
            df[c] = pd.Categorical.from_codes(codes, dtype=dt)
    return df


def _dedupe_training(df: pd.DataFrame, findings: list[Finding],
                     key: np.ndarray | None = None, header: str = "person_id") -> pd.DataFrame:
    """One row per person and year. ``key``: the rows' (org, year, person id) as integers,
    when the link to the workforce has already worked them out."""
    has_id = df["person_id"].notna()
    key = vals.combined_codes(df, PERSON_KEY) if key is None else key
    dup = pd.Series(vals.duplicated(key), index=df.index) & has_id
    if dup.any():
        files = ", ".join(sorted({str(s).split("!")[0]
                                  for s in df.loc[dup, "source_file"].unique()}))
        findings.append(Finding(
            "info", "training_counted_once",
            f"{files}: {int(dup.sum())} training row(s) are further courses of people already "
            "counted; indicator 4 counts each person once a year.", file=files,
            column=header))
        df = df[~dup].reset_index(drop=True)
    return df


def _check_unknown_ethnicity(frames: dict[str, pd.DataFrame], findings: list[Finding],
                             named: dict[str, str] | None = None) -> None:
    column = (named or {}).get("ethnicity", "ethnicity")
    wf = frames.get("workforce")
    if wf is None or wf.empty:
        return
    overall = _unknown_counts(wf, ["org", "year"])
    for org, year, n, u in overall.itertuples(index=False):
        label = f"{year}" + (f" ({org})" if org else "")
        share = 100 * u / n if n else 0.0
        if share > UNKNOWN_ETHNICITY_WARN:
            findings.append(Finding(
                "warning", "high_unknown_ethnicity",
                f"Workforce {label}: ethnicity is unknown for {share:.1f}% of staff "
                f"({u:,} of {n:,}), above {UNKNOWN_ETHNICITY_WARN:.0f}%; the "
                "indicators may not reflect the whole workforce.", column=column,
                hint="Ask staff to update their ethnicity in ESR self-service."))
    if "pay_band" not in wf.columns:
        return
    by_band = _unknown_counts(wf, ["org", "year", "pay_band"])
    high = by_band[(by_band["n"] > 0) & (100 * by_band["u"] / by_band["n"]
                                         > UNKNOWN_ETHNICITY_WARN)]
    # Rows come sorted by organisation, year and band: one finding per (org, year) run.
    rows = high.itertuples(index=False)
    for (org, year), part in groupby(rows, key=lambda r: (r.org, r.year)):
        label = f"{year}" + (f" ({org})" if org else "")
        listed = "; ".join(f"{r.pay_band}: {100 * r.u / r.n:.0f}% ({r.u} of {r.n})"
                           for r in part)
        findings.append(Finding(
            "warning", "high_unknown_ethnicity_band",
            f"Workforce {label}: ethnicity is unknown for more than "
            f"{UNKNOWN_ETHNICITY_WARN:.0f}% of staff in {listed}.", column=column,
            hint="Those bands' shares are less reliable; ask staff to update ESR."))


def _unknown_counts(wf: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Staff (``n``) and staff of unknown ethnicity (``u``) per combination of ``keys`` that
    has staff, sorted as a group-by sorts them (categories in their order, years
    ascending; rows missing a key left out): counted with ``bincount`` over integer
    slots, not a group-by over millions of rows."""
    weight = wf["count"].to_numpy(dtype=np.int64)
    unknown = (wf["wres_group"] == "Unknown").to_numpy(dtype=bool, na_value=False)
    slot = np.zeros(len(wf), dtype=np.int64)
    ok = np.ones(len(wf), dtype=bool)
    labels: list[np.ndarray] = []
    for c in keys:
        if c == "year":
            codes, values = sorted_codes(wf[c].to_numpy(dtype=np.int64))
        else:
            codes, values = column_codes(wf[c])
        slot = slot * len(values) + np.maximum(codes, 0)
        ok &= codes >= 0
        labels.append(np.asarray(values, dtype=object))
    sizes = [len(v) for v in labels]
    total = int(np.prod(sizes))
    n = np.bincount(slot[ok], weights=weight[ok], minlength=total)
    u = np.bincount(slot[ok & unknown], weights=weight[ok & unknown], minlength=total)
    held = np.flatnonzero(n > 0)
    at = np.unravel_index(held, sizes)
    out = pd.DataFrame({c: labels[i][at[i]] for i, c in enumerate(keys)})
    out["n"] = n[held].astype(np.int64)
    out["u"] = u[held].astype(np.int64)
    return out


def _check_years(frames: dict[str, pd.DataFrame], findings: list[Finding],
                 tables: Sequence[SourceTable] = ()) -> None:
    years = {k: set(int(y) for y in df["year"].unique()) for k, df in frames.items()}
    for t in tables:  # a header-only table covers its year with no rows
        if t.loaded and t.kind in years:
            years[t.kind].update(t.years)
    if len(years) < 2:
        return
    every = set().union(*years.values())
    for kind, have in years.items():
        missing = sorted(every - have)
        if missing:
            what = "survey year(s) " + ", ".join(str(y - 1) for y in missing) \
                if kind in ("survey", "survey_summary") else "year(s) " + ", ".join(map(str,
                                                                                          missing))
            findings.append(Finding(
                "info", "year_not_in_all_kinds",
                f"The {kind.replace('_', ' ')} data has no {what}, which other files cover; "
                "indicators needing it are left empty for those years.",
                hint=f"Load the {kind.replace('_', ' ')} file for those years if you have it."))
