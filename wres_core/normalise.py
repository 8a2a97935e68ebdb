"""One raw table of a known kind into the tidy frame of that kind (docs/design.md).

Problems become findings that name the file, the row or column and the fix. An error means
the table cannot be used as it is (its figures would be wrong), so it is left out; the
other tables still load.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wres_core import columns as cols
from wres_core import hourly_pay
from wres_core import values as vals
from wres_core.codes import bands, ethnicity, staff_groups
from wres_core.codes.text import normalise_key, parse_yes_no
from wres_core.findings import Finding
from wres_core.readers import RawTable
from wres_core.schema import BROAD_GROUPS

SURVEY_KINDS = ("survey", "survey_summary")
DESCRIPTIVE = ("department", "directorate", "site", "occupation")
# How many distinct bad values a message lists before it says "and N more".
MAX_LISTED = 12

Extras = Mapping[tuple[str, str], Mapping[str, str]]


class TableError(Exception):
    """The table cannot be used; the finding says why."""


@dataclass
class Ctx:
    """Where we are, for messages, and what the user told us (mappings)."""

    table: RawTable
    kind: str
    headers: dict[str, str]  # canonical -> the user's header
    extras: Extras
    findings: list[Finding] = field(default_factory=list)

    def extra(self, column: str, check: Callable[[Mapping[str, str]], object] | None = None,
              ) -> Mapping[str, str] | None:
        """The user's mapping rows for a column. ``check`` (a classifier called with a
        mapping) raises ValueError on a canonical value it cannot use: such a row is left
        out with a warning that says why, and the others still apply."""
        merged: dict[str, str] = {}
        for k in ("", self.kind):
            merged.update(self.extras.get((k, column), {}))
        if check is not None:
            for raw_value, target in list(merged.items()):
                try:
                    check({raw_value: target})
                except ValueError as why:
                    del merged[raw_value]
                    self.add("warning", "bad_mapping_target",
                             f"the mapping file's row for column "
                             f"'{self.headers.get(column, column)}', raw value '{raw_value}', "
                             f"was not used: {why}.", column=column,
                             hint="Correct that row's canonical value in the mapping file.")
        return merged or None

    def add(self, level: str, code: str, message: str, *, column: str = "", row: int | None = None,
            hint: str = "") -> None:
        header = self.headers.get(column, column)
        self.findings.append(Finding(level, code, f"{self.where}: {message}", file=self.table.file,
                                     sheet=self.table.sheet, row=row, column=header, hint=hint))

    def fail(self, code: str, message: str, *, column: str = "", row: int | None = None,
             hint: str = "") -> TableError:
        self.add("error", code, message, column=column, row=row, hint=hint)
        return TableError(message)

    @property
    def where(self) -> str:
        t = self.table
        return f"{t.file}, sheet '{t.sheet}'" if t.sheet else t.file


def normalise(table: RawTable, kind: str, *, extras: Extras | None = None,
              file_year: int | None = None) -> tuple[pd.DataFrame | None, list[Finding]]:
    """The tidy frame for one raw table, and the findings about it (None when it has an error)."""
    mapping, _unused = cols.rename_map(table.data.columns, kind)
    ctx = Ctx(table, kind, {v: k for k, v in mapping.items()}, extras or {})
    raw = table.data.rename(columns=mapping)
    raw = raw.loc[:, [c for c in raw.columns if c in ctx.headers]]
    try:
        df = _normalise(raw, ctx, file_year)
    except TableError:
        return None, ctx.findings
    # The index still holds the spreadsheet row numbers the reader gave each row.
    label = pd.Index([_label(table)]) if len(df) else pd.Index([], dtype=object)
    df["source_file"] = pd.Categorical.from_codes(np.zeros(len(df), dtype=np.int8),
                                                  categories=label)
    df["source_row"] = df.index.to_numpy(dtype="int64")
    return df.reset_index(drop=True), ctx.findings


def _label(table: RawTable) -> str:
    return f"{table.file}!{table.sheet}" if table.sheet else table.file


def _normalise(raw: pd.DataFrame, ctx: Ctx, file_year: int | None) -> pd.DataFrame:
    present = set(raw.columns)
    if ctx.kind in ("disciplinary",) and "date_opened" in present:
        present.add("year")
    if file_year is not None or raw.empty:  # the loader places a header-only table
        present.add("year")
    missing = cols.satisfied(ctx.kind, present)
    if missing:
        names = " and ".join(" or ".join(f"'{c}'" for c in alt) for alt in missing)
        raise ctx.fail("missing_column", f"a {ctx.kind} file needs a column {names}, and it has "
                       "none.", hint=_missing_hint(ctx.kind, missing))
    # A header and no rows is a true zero (a small organisation with no disciplinary case
    # this year): the tidy frame is empty, and the loader says which year it stands for.
    out = pd.DataFrame(index=raw.index)
    out["year"] = _year(raw, ctx, file_year)
    out["org"] = _org(raw)
    out["count"] = _count(raw, ctx)
    if raw.empty:
        # Nothing to read; the columns stay, so that a drill-down by them gives zeros, and
        # the loader places the table in its year.
        for c in raw.columns:
            if c not in out.columns and c != "ethnicity":
                out[c] = pd.Series(dtype="string")
        return out
    if ctx.kind == "survey_summary":
        return _survey_summary(raw, out, ctx)
    if "ethnicity" in raw.columns:
        _ethnicity(raw, out, ctx)
    if "person_id" in raw.columns:
        out["person_id"] = vals.text_op(raw["person_id"], _strip)
    _descriptive(raw, out, ctx)
    if ctx.kind == "survey":
        return _survey(raw, out, ctx)
    if ctx.kind == "workforce":
        return _workforce(raw, out, ctx)
    if ctx.kind == "recruitment":
        return _recruitment(raw, out, ctx)
    if ctx.kind == "board":
        return _board(raw, out, ctx)
    if "course" in raw.columns:
        out["course"] = vals.text_op(raw["course"], _same, category=True)
    if "case_type" in raw.columns:
        out["case_type"] = vals.text_op(raw["case_type"], _same, category=True)
    return out


def _survey_years(out: pd.DataFrame, ctx: Ctx) -> list[tuple[int | None, np.ndarray]]:
    """(survey year, its rows) for each survey year of a survey file, so that every row is
    read by its own year's codes and items; one (None, all rows) for other kinds."""
    if ctx.kind != "survey":
        return [(None, np.ones(len(out), dtype=bool))]
    survey_year = out["year"].to_numpy() - 1
    return [(int(y), survey_year == y) for y in np.unique(survey_year)]


def _ethnicity(raw: pd.DataFrame, out: pd.DataFrame, ctx: Ctx) -> None:
    extra = ctx.extra("ethnicity", _check_ethnicity)
    years = _survey_years(out, ctx)
    parts = []
    for survey_year, rows in years:
        values = raw["ethnicity"] if len(years) == 1 else raw["ethnicity"][rows]
        eth, bad = ethnicity.classify(values, kind=ctx.kind,
                                      survey_year=survey_year, extra=extra)
        parts.append(eth)
        if len(bad):
            which = f" in the {survey_year} survey's rows" if len(years) > 1 else ""
            ctx.add("warning", "unknown_ethnicity_code",
                    f"{_listing(bad)}{which} could not be read as an ethnic category and "
                    "count as Unknown.", column="ethnicity",
                    row=_first_row(raw, raw["ethnicity"].isin(bad.index) & rows),
                    hint="Use the NHS Data Dictionary codes (A to S, Z)"
                         + (" or the survey's own answer codes" if survey_year else "")
                         + ", or add rows to a mapping file: kind, column "
                         f"'{ctx.headers.get('ethnicity', 'ethnicity')}', raw value, "
                         "canonical category or code.")
    eth = parts[0] if len(parts) == 1 else pd.concat(parts).reindex(raw.index)
    for c in eth.columns:
        out[c] = eth[c]


def _strip(text: pd.Series) -> pd.Series:
    return text.str.strip()


def _same(text: pd.Series) -> pd.Series:
    return text


def _missing_hint(kind: str, missing: list[tuple[str, ...]]) -> str:
    examples = []
    for alt in missing:
        for c in alt:
            aliases = cols.ALIASES.get(c, ())[:3]
            examples.append(f"'{c}' (or {', '.join(repr(a.title()) for a in aliases)})"
                            if aliases else f"'{c}'")
    text = "Add " + "; ".join(examples) + "."
    if ("year",) in missing:
        text += " A year can also come from the file name, e.g. workforce_2024.csv."
    return text


def _listing(bad: pd.Series) -> str:
    items = [f"'{v}' ({n} row{'s' if n != 1 else ''})" for v, n in bad.head(MAX_LISTED).items()]
    more = f" and {len(bad) - MAX_LISTED} more" if len(bad) > MAX_LISTED else ""
    return ("The value " if len(bad) == 1 else "The values ") + ", ".join(items) + more


def _first_row(raw: pd.DataFrame, mask: pd.Series) -> int | None:
    idx = raw.index[mask.to_numpy()]
    return int(idx[0]) if len(idx) else None


# --- columns every kind has ---------------------------------------------------------------

def _year(raw: pd.DataFrame, ctx: Ctx, file_year: int | None) -> pd.Series:
    shift = 1 if ctx.kind in SURVEY_KINDS else 0  # the autumn survey feeds the next WRES year
    if "year" in raw.columns:
        year = vals.by_unique(raw["year"], vals.parse_year, "Int64")
        if file_year is not None:
            year = year.fillna(file_year)
        bad = vals.bad_values(raw["year"], year)
        blank = int((raw["year"].isna() & year.isna()).sum())
        if len(bad) or blank:
            what = _listing(bad) + " could not be read as a year" if len(bad) else ""
            if blank:
                what += ("; " if what else "") + f"{blank} row(s) have no year"
            raise ctx.fail("bad_year", what + ".", column="year",
                           row=_first_row(raw, year.isna()),
                           hint="Write years as 2024, or financial years as 2023/24.")
    elif ctx.kind == "disciplinary" and "date_opened" in raw.columns:
        dates = vals.by_unique(raw["date_opened"], _date_fy, "Int64")
        if dates.isna().any():
            bad = vals.bad_values(raw["date_opened"], dates)
            raise ctx.fail("bad_date", f"{_listing(bad)} could not be read as a date.",
                           column="date_opened", row=_first_row(raw, dates.isna()),
                           hint="Write dates as dd/mm/yyyy, or add a 'year' column.")
        year = dates
    else:
        year = pd.Series(file_year, index=raw.index, dtype="Int64")
    return (year + shift).astype("int64")


def _date_fy(text: str) -> int | None:
    day = vals.parse_date(text)
    return vals.financial_year(day) if day is not None else None


def _org(raw: pd.DataFrame) -> pd.Series:
    if "org" not in raw.columns:
        return pd.Series(pd.Categorical.from_codes(np.zeros(len(raw), dtype=np.int8),
                                                   categories=pd.Index([""])), index=raw.index)
    return vals.text_op(raw["org"], _strip, blank="", category=True)


def _count(raw: pd.DataFrame, ctx: Ctx) -> pd.Series:
    if "count" not in raw.columns:
        return pd.Series(1, index=raw.index, dtype="int64")
    count = vals.by_unique(raw["count"], vals.parse_count, "Int64")
    if count.isna().any():
        bad = vals.bad_values(raw["count"], count)
        blank = int(raw["count"].isna().sum())
        text = _listing(bad) + " are not whole numbers of people of 0 or more" if len(bad) \
            else ""
        if blank:
            text += ("; " if text else "") + f"{blank} row(s) have no count"
        raise ctx.fail("bad_count", text + ".",
                       column="count", row=_first_row(raw, count.isna()),
                       hint="Each count must be a whole number such as 0, 1 or 25.")
    return count.astype("int64")


def _descriptive(raw: pd.DataFrame, out: pd.DataFrame, ctx: Ctx) -> None:
    for c in DESCRIPTIVE:
        if c in raw.columns:
            out[c] = vals.category_by_unique(raw[c], vals.display_name)
    if "pay_band" in raw.columns or "medical_grade" in raw.columns:
        band, bad = bands.classify(
            raw["pay_band"] if "pay_band" in raw.columns else pd.Series(pd.NA, index=raw.index,
                                                                           dtype="string"),
            medical_grade=raw.get("medical_grade"), extra=ctx.extra("pay_band", _check_band))
        if len(bad):
            # An unreadable band costs only the band splits: the rows still count in every
            # figure that does not split by band, and data quality shows them as
            # "Unrecognised band" (see unrecognised_band below).
            column = "pay_band" if "pay_band" in raw.columns else "medical_grade"
            ctx.add("warning", "unknown_pay_band",
                    f"{_listing(bad)} could not be placed in a pay band or medical grade; "
                    "those rows count in every figure that does not split by band, and in "
                    "no band row (data quality shows them as 'Unrecognised band').",
                    column=column,
                    row=_first_row(raw, band.isna() & _given(raw)),
                    hint=f"Add rows to a mapping file: kind '{ctx.kind}', column "
                         f"'{ctx.headers.get(column, column)}', the raw value, and a row such "
                         "as 'Band 5', 'Band 8a', 'VSM', 'Consultant', 'Trainee grade' or "
                         "'Other'.")
            unread = band.isna() & _given(raw)
            out[bands.UNRECOGNISED_COLUMN] = pd.Series(
                pd.Categorical.from_codes(np.where(unread.to_numpy(), 0, -1).astype(np.int8),
                                          categories=[bands.UNRECOGNISED]), index=raw.index)
        out["pay_band"] = band
        blank = band.isna() & ~_given(raw)
        if ctx.kind == "workforce" and blank.any():
            ctx.add("warning", "blank_pay_band",
                    f"{int(blank.sum())} row(s) have no pay band or medical grade; they count in "
                    "the whole workforce but in no band row.", column="pay_band",
                    row=_first_row(raw, blank),
                    hint="Fill in the band (or the grade for doctors) in the extract.")
    group = None
    if "staff_group" in raw.columns:
        group, bad = staff_groups.classify(raw["staff_group"],
                                           extra=ctx.extra("staff_group", _check_group))
        if len(bad):
            ctx.add("warning", "unknown_staff_group",
                    f"{_listing(bad)} are not national staff groups; those rows have no staff "
                    "group.", column="staff_group",
                    hint="Use the ESR staff group names, or map them in a mapping file.")
        out["staff_group"] = group
    clinical = None
    if "clinical" in raw.columns:
        clinical, bad = _clinical_flag(raw["clinical"])
        if len(bad):
            ctx.add("warning", "bad_yes_no", f"{_listing(bad)} are not yes or no.",
                    column="clinical", hint="Write yes or no (or Clinical / Non-clinical).")
    if group is not None or clinical is not None:
        out["clinical"] = staff_groups.clinical_from(staff_group=group, clinical=clinical)
        if "pay_band" in out.columns:
            # Doctors are clinical whatever their (missing or unmapped) staff group says.
            medical = out["pay_band"].isin(bands.MEDICAL_ROWS) & out["clinical"].isna()
            out.loc[medical, "clinical"] = "Clinical"
        if ctx.kind == "workforce" and out["clinical"].isna().any():
            n = int(out["clinical"].isna().sum())
            ctx.add("warning", "unknown_clinical",
                    f"{n} row(s) could not be placed as clinical or non-clinical; they count in "
                    "the whole workforce but in neither split.", column="staff_group",
                    row=_first_row(raw, out["clinical"].isna()),
                    hint="Give a staff group, or a 'clinical' yes/no column.")


def _given(raw: pd.DataFrame) -> pd.Series:
    """Rows with a pay band or a medical grade written in (not blank)."""
    given = pd.Series(False, index=raw.index)
    for c in ("pay_band", "medical_grade"):
        if c in raw.columns:
            given |= raw[c].notna().to_numpy()
    return given


def _check_band(extra: Mapping[str, str]) -> None:
    bands.classify(pd.Series([], dtype="string"), extra=extra)


def _check_group(extra: Mapping[str, str]) -> None:
    staff_groups.classify(pd.Series([], dtype="string"), extra=extra)


def _check_ethnicity(extra: Mapping[str, str]) -> None:
    ethnicity.classify(pd.Series([], dtype="string"), extra=extra)


def _clinical_flag(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    words = {"clinical": "yes", "nonclinical": "no", "non clinical": "no"}
    keyed = vals.by_unique(values, lambda v: words.get(cols.key(v), v), "string")
    flag, _ = parse_yes_no(keyed)
    return flag, vals.bad_values(values, flag)


def _yes_no(raw: pd.DataFrame, column: str, ctx: Ctx, *, required: bool,
            words: Mapping[str, str] | None = None, blank_is_no: bool = False) -> pd.Series:
    """A yes/no column as booleans. ``required``: an unreadable value stops the table, and so
    does a blank unless ``blank_is_no`` (then blanks count as no, and the user is told)."""
    values = raw[column]
    if words:
        values = vals.by_unique(values, lambda v: words.get(cols.key(v), v), "string")
    extra = ctx.extra(column)
    if extra:
        values = vals.by_unique(values, lambda v: extra.get(v, v), "string")
    flag, _ = parse_yes_no(values)
    bad = vals.bad_values(raw[column], flag)
    if len(bad):
        msg = f"{_listing(bad)} are not yes or no"
        if required:
            raise ctx.fail("bad_yes_no", msg + ".", column=column,
                           row=_first_row(raw, raw[column].notna() & flag.isna()),
                           hint="Write yes/no, y/n, true/false or 1/0.")
        ctx.add("warning", "bad_yes_no", msg + "; they are treated as not given.", column=column,
                hint="Write yes/no, y/n, true/false or 1/0.")
    blank = raw[column].isna()
    if required and blank.any():
        n = int(blank.sum())
        if not blank_is_no:
            raise ctx.fail("blank_yes_no", f"{n} row(s) have no yes/no answer.", column=column,
                           row=_first_row(raw, blank), hint="Fill in yes or no on every row.")
        ctx.add("warning", "blank_yes_no", f"{n} row(s) have no yes/no answer and count as "
                "no.", column=column, row=_first_row(raw, blank),
                hint="Fill in yes or no if any of those were.")
        flag = flag.fillna(False)
    return flag


# --- kinds --------------------------------------------------------------------------------

def _workforce(raw: pd.DataFrame, out: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    if "senior_medical_manager" in raw.columns:
        out["senior_medical_manager"] = _yes_no(raw, "senior_medical_manager", ctx,
                                                required=False).fillna(False).astype(bool)
    else:
        out["senior_medical_manager"] = False
    if "pay_band" in raw.columns:
        # A band written as indicator 1's own "Senior medical manager" row: a Consultant
        # (bands.classify) who is also one of the "of which" row.
        said = vals.by_unique(raw["pay_band"], _says_senior_medical_manager, "boolean")
        out["senior_medical_manager"] |= said.fillna(False).to_numpy(dtype=bool)
    if "fte" in raw.columns:
        out["fte"] = vals.by_unique(raw["fte"], vals.parse_number, "Float64").astype("float64")
    if "hourly_pay" in raw.columns:
        out["hourly_pay"] = _hourly_pay(raw, ctx)
    for c in ("gender", "contract"):
        if c in raw.columns:
            out[c] = vals.text_op(raw[c], _strip, category=True)
    if "primary" in raw.columns:
        primary = _yes_no(raw, "primary", ctx, required=False)
        dropped = int((primary == False).sum())  # noqa: E712 - NA stays
        if dropped:
            ctx.add("info", "secondary_assignments_dropped",
                    f"{dropped} non-primary assignment row(s) were left out: WRES counts each "
                    "person once, on their primary assignment.", column="primary")
            out = out[(primary != False).fillna(True).to_numpy()]  # noqa: E712
    # Each person once a snapshot: checked by the loader, which numbers the person ids of
    # every kind in one pass (see loader._one_a_snapshot).
    return out


def _says_senior_medical_manager(text: str) -> bool:
    return normalise_key(text) == normalise_key(bands.SENIOR_MEDICAL_MANAGER)


def _hourly_pay(raw: pd.DataFrame, ctx: Ctx) -> pd.Series:
    """Hourly pay for the pay gap only: a pay that cannot be used leaves the person out of the
    pay figures, never out of the workforce (``wres_core.hourly_pay``)."""
    col = hourly_pay.read(raw["hourly_pay"])
    fix = "Give the ordinary basic hourly rate as a number of pounds, such as 14.28."
    if col.text_rows:
        shown = ", ".join(f"'{v}'" for v in col.text_values[:MAX_LISTED])
        ctx.add("warning", "bad_hourly_pay",
                f"the hourly pay on {hourly_pay.rows_text(col.text_rows)} is not a number "
                f"({shown}); those people are left out of the pay gap figures only.",
                column="hourly_pay", row=col.text_rows[0], hint=fix)
    if col.negative_rows:
        ctx.add("warning", "negative_hourly_pay",
                f"the hourly pay on {hourly_pay.rows_text(col.negative_rows)} is negative; "
                "those people are left out of the pay gap figures only.",
                column="hourly_pay", row=col.negative_rows[0], hint=fix)
    if col.blank_or_zero:
        ctx.add("info", "no_hourly_pay",
                f"{col.blank_or_zero} row(s) have a blank or zero hourly pay; they count in "
                "every indicator but are left out of the pay gap figures.",
                column="hourly_pay", hint="Fill in the hourly rate where the person is paid.")
    return col.pay


_STAGE_WORDS = {
    "appointed": (True, True), "offer": (True, True), "offered": (True, True),
    "offerconditional": (True, True), "offerunconditional": (True, True),
    "conditionaloffer": (True, True), "unconditionaloffer": (True, True),
    "hired": (True, True), "started": (True, True), "preemploymentchecks": (True, True),
    "shortlisted": (True, False), "invitedforinterview": (True, False),
    "interviewed": (True, False), "interview": (True, False),
    "notappointed": (True, False), "rejectedatinterview": (True, False),
    "interviewrejected": (True, False), "unsuccessfulatinterview": (True, False),
    "withdrawnafterinterview": (True, False),
    "notshortlisted": (False, False), "shortlistingrejected": (False, False),
    "rejectedatshortlisting": (False, False), "rejected": (False, False),
    "applied": (False, False), "application": (False, False), "withdrawn": (False, False),
}


def recruitment_stages(extra: Mapping[str, str] | None = None) -> dict[str, tuple[bool, bool]]:
    """The stage names that count as (shortlisted, appointed): the built-in table, with the
    user's mapping rows (canonical 'appointed', 'shortlisted' or 'not shortlisted') on top."""
    table = dict(_STAGE_WORDS)
    words = {"appointed": (True, True), "shortlisted": (True, False),
             "notshortlisted": (False, False)}
    for raw_value, canon in (extra or {}).items():
        if cols.key(canon) in words:
            table[cols.key(raw_value)] = words[cols.key(canon)]
    return table


def _recruitment(raw: pd.DataFrame, out: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    if "appointed" in raw.columns:
        out["appointed"] = _yes_no(raw, "appointed", ctx, required=True,
                                   blank_is_no=True).astype(bool)
        if "shortlisted" in raw.columns:
            out["shortlisted"] = _yes_no(raw, "shortlisted", ctx, required=False).fillna(True)
        else:
            out["shortlisted"] = True
    else:
        table = recruitment_stages(ctx.extra("stage"))
        stage = raw["stage"]
        status = vals.by_unique(stage, lambda v: _stage_code(v, table), "Int64")
        bad = vals.bad_values(stage, status)
        if len(bad) or stage.isna().any():
            raise ctx.fail("unknown_stage", f"{_listing(bad)} is not a recruitment stage this "
                           "app knows." if len(bad) else "some rows have no stage.",
                           column="stage", row=_first_row(raw, status.isna()),
                           hint="Add mapping rows (kind 'recruitment', column 'stage', the raw "
                                "stage, and 'appointed', 'shortlisted' or 'not shortlisted').")
        out["shortlisted"] = status >= 1
        out["appointed"] = status == 2
        ctx.add("info", "stages_mapped",
                "appointment and shortlisting were read from the stage column; see the data "
                "page for the stages that count.", column="stage")
    out["shortlisted"] = out["shortlisted"].astype(bool)
    if ((out["appointed"]) & ~out["shortlisted"]).any():
        n = int((out["appointed"] & ~out["shortlisted"]).sum())
        ctx.add("warning", "appointed_not_shortlisted",
                f"{n} row(s) say appointed but not shortlisted; they are counted as shortlisted.",
                column="shortlisted", hint="Check the shortlisted column for those rows.")
        out["shortlisted"] = out["shortlisted"] | out["appointed"]
    if "internal" in raw.columns:
        internal = _yes_no(raw, "internal", ctx, required=False,
                           words={"internal": "yes", "external": "no"})
        out["internal"] = internal
    if "vacancy_id" in raw.columns:
        out["vacancy_id"] = vals.text_op(raw["vacancy_id"], _strip)
    return out


def _stage_code(value: str, table: Mapping[str, tuple[bool, bool]]) -> int | None:
    k = cols.key(value)
    hit = table.get(k)
    if hit is None:
        # "Shortlisting: Rejected", "Offer: Conditional": judge by the words in it.
        for word, found in table.items():
            if len(word) > 5 and word in k:
                hit = found
                break
    if hit is None:
        return None
    return 2 if hit[1] else (1 if hit[0] else 0)


_BOARD_WORDS = {
    "voting": {"voting": "yes", "nonvoting": "no", "votingmember": "yes"},
    "executive": {"executive": "yes", "exec": "yes", "nonexecutive": "no", "nonexec": "no",
                  "ned": "no", "executivedirector": "yes", "nonexecutivedirector": "no"},
}


def _board(raw: pd.DataFrame, out: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    for c in ("voting", "executive"):
        out[c] = _yes_no(raw, c, ctx, required=True, words=_BOARD_WORDS[c]).astype(bool)
    if "role" in raw.columns:
        out["role"] = vals.text_op(raw["role"], _strip, category=True)
    return out


def _survey(raw: pd.DataFrame, out: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    from wres_core import survey_items
    from wres_core.schema import SURVEY_ITEMS

    out["survey_year"] = out["year"] - 1
    item_cols = [c for c in raw.columns if c not in cols.ALIASES]
    years = _survey_years(out, ctx)
    parts: list[pd.DataFrame] = []
    unread: list[int] = []
    for survey_year, rows in years:
        # Each survey year by its own numbering: 2020's Q14 is equal opportunities, 2021's
        # q14a to q14c are harassment.
        mapping = survey_items.item_columns(item_cols, survey_year)
        if not mapping:
            unread.append(survey_year)
            continue
        sub = raw if len(years) == 1 else raw[rows]
        items, bad = survey_items.parse_items(sub, mapping)
        which = f" in the {survey_year} survey's rows" if len(years) > 1 else ""
        for item, counts in bad.items():
            ctx.add("warning", "unknown_answer", f"{_listing(counts)}{which} are not answers "
                    "this app can read; those answers are left out of the base.",
                    column=mapping[item],
                    hint="Use the questionnaire's answer texts or codes (harassment: 1 Never "
                         "to 5 More than 10; equal opportunities: 1 Yes, 2 No, 9 Don't know; "
                         "discrimination: 1 Yes, 2 No).")
        parts.append(items)
    if not parts:
        raise ctx.fail("missing_column", "a staff survey file needs the answers to the items "
                       "behind indicators 5 to 8, and none were found"
                       + _item_ids_text(unread) + ".",
                       hint="Include q14a, q14b, q14c, q15 and q16b (2021 to 2025 numbering), "
                            "Q13a, Q13b, Q13c, Q14 and Q15b (2018 to 2020), or columns named "
                            "harassment_public, harassment_manager, harassment_colleague, "
                            "equal_opportunities, discrimination_staff.")
    for survey_year in unread:
        rows = dict(years)[survey_year]
        ctx.add("warning", "missing_items",
                f"the {survey_year} survey's {int(rows.sum())} row(s) have none of that year's "
                f"items{_item_ids_text([survey_year])}; they are in no indicator 5 to 8 "
                "figure.", column="year", row=_first_row(raw, pd.Series(rows, index=raw.index)),
                hint="Add that year's item columns, or rename them to the neutral names "
                     "(harassment_public ... discrimination_staff).")
    items = parts[0] if len(parts) == 1 and len(years) == 1 else pd.concat(parts)
    items = items.reindex(raw.index)
    for c in SURVEY_ITEMS:
        if c in items.columns:
            out[c] = items[c].astype("boolean")
    return out


def _item_ids_text(survey_years: list[int]) -> str:
    from wres_core import survey_items

    if not survey_years:
        return ""
    ids = [", ".join(survey_items.item_names(y).values()) for y in survey_years]
    return " (" + "; ".join(f"{y}: {i}" for y, i in zip(survey_years, ids, strict=True)) + ")"


def _survey_summary(raw: pd.DataFrame, out: pd.DataFrame, ctx: Ctx) -> pd.DataFrame:
    out["survey_year"] = out["year"] - 1
    indicator = vals.by_unique(raw["indicator"], _indicator_number, "Int64")
    if indicator.isna().any():
        bad = vals.bad_values(raw["indicator"], indicator)
        raise ctx.fail("bad_indicator", f"{_listing(bad)} are not WRES indicators 5 to 8.",
                       column="indicator", row=_first_row(raw, indicator.isna()),
                       hint="Write the indicator as 5, 6, 7 or 8.")
    out["indicator"] = indicator.astype("int64")
    group = vals.by_unique(raw["group"], _summary_group, "string")
    if group.isna().any():
        bad = vals.bad_values(raw["group"], group)
        raise ctx.fail("bad_group", f"{_listing(bad)} are not groups this app knows.",
                       column="group", row=_first_row(raw, group.isna()),
                       hint="Write White, BME, or an ethnic category.")
    out["group"] = group.astype("category")
    percent = vals.by_unique(raw["percent"], _percent, "Float64")
    responses = vals.by_unique(raw["responses"], vals.parse_count, "Int64")
    withheld = raw["percent"].str.strip().isin(["-", "*", "n/a", "N/A", "x", ""]).fillna(True)
    unreadable = percent.isna() & ~withheld
    if unreadable.any() or (responses.isna() & ~withheld).any():
        bad = vals.bad_values(raw["percent"], percent)
        raise ctx.fail("bad_percent", f"{_listing(bad)} could not be read as percentages "
                       "(or a base is missing).", column="percent",
                       row=_first_row(raw, unreadable), hint="Write percentages from 0 to 100.")
    if withheld.any():
        ctx.add("info", "suppressed_cells", f"{int(withheld.sum())} cell(s) marked '-' (withheld "
                "by the survey) were left out.", column="percent")
    out["percent"] = percent.astype("float64")
    out["responses"] = responses.astype("Int64")
    return out[~withheld.to_numpy()].astype({"responses": "int64"})


def _indicator_number(text: str) -> int | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits in {"5", "6", "7", "8"} else None


def _percent(text: str) -> float | None:
    v = vals.parse_number(text)
    return v if v is not None and 0 <= v <= 100 else None


def _summary_group(text: str) -> str | None:
    k = cols.key(text)
    if k in {"white", "whitestaff"}:
        return "White"
    if k in {"bme", "bame", "ethnicminority", "blackandminorityethnic", "globalmajority",
             "bmestaff", "bamestaff"}:
        return "BME"
    if k in {"unknown", "notstated", "notknown"}:
        return "Unknown"
    broad = {cols.key(b): b for b in BROAD_GROUPS}
    if k in broad:
        return broad[k]
    eth, bad = ethnicity.classify(pd.Series([text], dtype="string"))
    if len(bad):
        return None
    return str(eth["ethnic_category"].iloc[0])
