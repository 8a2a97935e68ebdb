"""Files in, Dataset out: read every table, recognise its kind, normalise it, then check the
kinds against each other (person ids, years, unknown ethnicity).

    >>> from wres_core.loader import load
    >>> data = load(["data/sample"])          # doctest: +SKIP
    >>> sorted(data.frames)                   # doctest: +SKIP
    ['board', 'disciplinary', 'survey', 'training', 'workforce', ...]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from wres_core import columns as cols
from wres_core import values as vals
from wres_core.dataset import Dataset, SourceTable
from wres_core.findings import Finding
from wres_core.normalise import Extras, normalise
from wres_core.readers import RawTable, Source, gather, read
from wres_core.schema import ETHNICITY_COLUMNS, KINDS, MAPPING_KIND

# Above this share of unknown ethnicity the indicators become unreliable (seed guidance).
UNKNOWN_ETHNICITY_WARN = 5.0
# Columns a disciplinary or training row takes from the person's workforce record.
FROM_WORKFORCE = (*ETHNICITY_COLUMNS, "pay_band", "department", "directorate", "site",
                  "staff_group", "clinical", "occupation")
# Kinds that are a snapshot: the same year from two tables would count people twice.
SNAPSHOT_KINDS = ("workforce", "board")

Input = str | Path | Source | tuple[str, bytes]


def load(inputs: Iterable[Input], *, extras: Extras | None = None) -> Dataset:
    """Load files, folders, ZIPs or (name, bytes) pairs into a Dataset. Never raises on bad
    input: every problem is a finding, and a table with an error is left out."""
    sources, findings = gather(inputs)
    tables: list[tuple[RawTable, str | None]] = []
    for src in sources:
        got = read(src)
        if isinstance(got, Finding):
            findings.append(got)
            continue
        for table in got:
            kind = _kind(table)
            findings.extend(table.findings)
            tables.append((table, kind))
    mapping_extras, mapping_findings = _mappings([t for t, k in tables if k == MAPPING_KIND])
    findings.extend(mapping_findings)
    merged_extras: dict = {k: dict(v) for k, v in (extras or {}).items()}
    for k, v in mapping_extras.items():
        merged_extras.setdefault(k, {}).update(v)

    parts: dict[str, list[pd.DataFrame]] = defaultdict(list)
    infos: list[SourceTable] = []
    for table, kind in tables:
        if kind == MAPPING_KIND:
            infos.append(SourceTable(table.file, table.sheet, kind, len(table.data), True))
            continue
        if kind is None:
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
        file_year = vals.year_in_name(table.sheet) or vals.year_in_name(Path(table.file).name)
        frame, found = normalise(table, kind, extras=merged_extras, file_year=file_year)
        findings.extend(found)
        ok = frame is not None
        years = tuple(sorted(int(y) for y in frame["year"].unique())) if ok else ()
        infos.append(SourceTable(table.file, table.sheet, kind, len(table.data), ok, years))
        if ok:
            parts[kind].append(frame)

    frames = {}
    for kind in KINDS:
        if parts.get(kind):
            frames[kind] = _combine(kind, parts[kind], findings)
    _link_people(frames, findings)
    _check_unknown_ethnicity(frames, findings)
    _check_years(frames, findings)
    return Dataset(frames=frames, findings=findings, tables=infos)


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
    where = f"{table.file}, sheet '{table.sheet}'" if table.sheet else table.file
    return Finding(level, code, f"{where} {text}", file=table.file, sheet=table.sheet, hint=hint)


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
            kind = str(row.get("kind") or "").strip().casefold()
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
            keys = set(zip(f["org"].astype(str), f["year"], strict=True))
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
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    for c in out.columns:
        if out[c].dtype == object or (len(frames) > 1 and c in _category_columns(frames)):
            out[c] = out[c].astype(_category_dtype(frames, c))
    return out


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
                         for c in g[column].dropna().unique() if c not in cats]
                return pd.CategoricalDtype(cats + sorted(set(extra), key=str), ordered=dt.ordered)
    return "category"


def _link_people(frames: dict[str, pd.DataFrame], findings: list[Finding]) -> None:
    """Disciplinary and training rows take ethnicity and the rest from the person's workforce
    record of the same year; ids that match nobody are reported, never dropped."""
    wf = frames.get("workforce")
    for kind in ("disciplinary", "training"):
        df = frames.get(kind)
        if df is None:
            continue
        if "person_id" not in df.columns:
            df["matched"] = False
            continue
        if wf is not None and "person_id" in wf.columns:
            take = [c for c in FROM_WORKFORCE if c in wf.columns]
            lookup = wf.loc[wf["person_id"].notna(), ["org", "year", "person_id", *take]]
            lookup = lookup.drop_duplicates(["org", "year", "person_id"])
            joined = df.merge(lookup, on=["org", "year", "person_id"], how="left",
                              suffixes=("", "__wf"), indicator=True)
            matched = (joined["_merge"] == "both").to_numpy()
            for c in take:
                if f"{c}__wf" in joined.columns:
                    mine = joined[c]
                    theirs = joined[f"{c}__wf"]
                    filled = _fill(mine, theirs)
                    joined[c] = filled
                elif c in joined.columns:
                    pass
            df = joined.drop(columns=[c for c in joined.columns
                                      if c.endswith("__wf") or c == "_merge"])
        else:
            matched = pd.Series(False, index=df.index).to_numpy()
        df["matched"] = matched
        has_id = df["person_id"].notna().to_numpy()
        unmatched = has_id & ~matched
        if unmatched.any():
            ids = df.loc[unmatched, "person_id"].unique()
            shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
            no_eth = unmatched & (df["wres_group"].isna().to_numpy() if "wres_group" in df
                                  else True)
            files = ", ".join(sorted({str(s).split("!")[0] for s in df.loc[unmatched,
                                                                          "source_file"]}))
            findings.append(Finding(
                "warning", "unmatched_person",
                f"{files}: {len(ids)} person id(s) in the {kind} data match no workforce record "
                f"of the same year: {shown}. "
                + (f"{int(no_eth.sum())} of those rows have no ethnicity of their own and count "
                   "as Unknown." if no_eth.any() else "They keep the ethnicity given in the file."),
                file=files, column="person_id",
                hint="Check the ids and the snapshot year, or load the workforce file for that "
                     "year."))
        for c in ETHNICITY_COLUMNS:
            if c not in df.columns:
                df[c] = pd.NA
        df = _unknown_if_missing(df)
        if kind == "training":
            df = _dedupe_training(df, findings)
        frames[kind] = df


def _fill(mine: pd.Series, theirs: pd.Series) -> pd.Series:
    """The file's own value where it has one, the workforce's otherwise, as a category."""
    if isinstance(mine.dtype, pd.CategoricalDtype) or isinstance(theirs.dtype,
                                                                   pd.CategoricalDtype):
        dtype = theirs.dtype if isinstance(theirs.dtype, pd.CategoricalDtype) else mine.dtype
        cats = list(dtype.categories)
        for v in mine.dropna().unique():
            if v not in cats:
                cats.append(v)
        dt = pd.CategoricalDtype(cats, ordered=dtype.ordered)
        return mine.astype(object).where(mine.notna(), theirs.astype(object)).astype(dt)
    return mine.where(mine.notna(), theirs)


def _unknown_if_missing(df: pd.DataFrame) -> pd.DataFrame:
    from wres_core.codes import ethnicity

    missing = df["wres_group"].isna()
    if missing.any():
        unknown, _ = ethnicity.classify(pd.Series([pd.NA] * int(missing.sum()), dtype="string"))
        for c in ETHNICITY_COLUMNS:
            col = df[c]
            target = unknown[c].dtype
            if not isinstance(col.dtype, pd.CategoricalDtype):
                col = col.astype(target)
            values = col.astype(object)
            values[missing.to_numpy()] = unknown[c].astype(object).to_numpy()
            cats = list(col.cat.categories) + [v for v in target.categories
                                               if v not in col.cat.categories]
            df[c] = values.astype(pd.CategoricalDtype(cats, ordered=False))
    return df


def _dedupe_training(df: pd.DataFrame, findings: list[Finding]) -> pd.DataFrame:
    has_id = df["person_id"].notna()
    dup = df.duplicated(["org", "year", "person_id"], keep="first") & has_id
    if dup.any():
        files = ", ".join(sorted({str(s).split("!")[0] for s in df.loc[dup, "source_file"]}))
        findings.append(Finding(
            "info", "training_counted_once",
            f"{files}: {int(dup.sum())} training row(s) are further courses of people already "
            "counted; indicator 4 counts each person once a year.", file=files,
            column="person_id"))
        df = df[~dup].reset_index(drop=True)
    return df


def _check_unknown_ethnicity(frames: dict[str, pd.DataFrame], findings: list[Finding]) -> None:
    wf = frames.get("workforce")
    if wf is None or wf.empty:
        return
    people = pd.DataFrame({"org": wf["org"], "year": wf["year"], "n": wf["count"],
                           "u": wf["count"].where(wf["wres_group"] == "Unknown", 0)})
    if "pay_band" in wf.columns:
        people["pay_band"] = wf["pay_band"]
    overall = people.groupby(["org", "year"], observed=True)[["n", "u"]].sum()
    for (org, year), r in overall.iterrows():
        label = f"{year}" + (f" ({org})" if org else "")
        share = 100 * r.u / r.n if r.n else 0.0
        if share > UNKNOWN_ETHNICITY_WARN:
            findings.append(Finding(
                "warning", "high_unknown_ethnicity",
                f"Workforce {label}: ethnicity is unknown for {share:.1f}% of staff "
                f"({r.u:,} of {r.n:,}), above {UNKNOWN_ETHNICITY_WARN:.0f}%; the "
                "indicators may not reflect the whole workforce.", column="ethnicity",
                hint="Ask staff to update their ethnicity in ESR self-service."))
    if "pay_band" not in people.columns:
        return
    by_band = people.groupby(["org", "year", "pay_band"], observed=True)[["n", "u"]].sum()
    high = by_band[(by_band["n"] > 0) & (100 * by_band["u"] / by_band["n"]
                                         > UNKNOWN_ETHNICITY_WARN)]
    for (org, year), part in high.groupby(level=["org", "year"], observed=True):
        label = f"{year}" + (f" ({org})" if org else "")
        listed = "; ".join(f"{band}: {100 * r.u / r.n:.0f}% ({r.u} of {r.n})"
                           for (_, _, band), r in part.iterrows())
        findings.append(Finding(
            "warning", "high_unknown_ethnicity_band",
            f"Workforce {label}: ethnicity is unknown for more than "
            f"{UNKNOWN_ETHNICITY_WARN:.0f}% of staff in {listed}.", column="ethnicity",
            hint="Those bands' shares are less reliable; ask staff to update ESR."))


def _check_years(frames: dict[str, pd.DataFrame], findings: list[Finding]) -> None:
    years = {k: set(int(y) for y in df["year"].unique()) for k, df in frames.items()}
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
