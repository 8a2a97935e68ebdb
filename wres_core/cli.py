"""The ``wres`` command: the same core as the dashboard, without a browser.

    wres check PATH... [--suppress N]  every validation finding; exit 1 on an error
    wres indicators PATH... [options]  the results table as a table, CSV or JSON
    wres report PATH... --out FILE     the WRES workbook (.xlsx) or evidence pack (.html)

The evidence pack and ``wres app`` belong to the user interface: the installed ``wres``
command (``wres_app.cli``) adds them through ``wres_core.cli_extras``; run alone, this module
has every command but those.

Strict (data contract §6): a --where column, a --where value or a --year that matches
nothing is an error naming the choices (exit 2), and a table left out for errors stops
``indicators`` and ``report`` (exit 1) unless --keep-going.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace

from wres_core import __version__
from wres_core.cli_extras import NONE, Extras
from wres_core.findings import Finding, has_errors
from wres_core.schema import DIMENSIONS, GROUP_LEVELS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# --pay-reference: whom the pay gap compares with (Query.pay_reference), in words a shell
# takes without quotes.
PAY_REFERENCES = {"white": "White", "white_british": "White British"}
PAY_REFERENCE_HELP = ("compare pay with all White staff (default) or with White British "
                      "staff; the pay gap rows' note says so when white_british")


def _parser(extras: Extras = NONE) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wres", description="NHS Workforce Race Equality Standard "
                                "indicators from workforce, recruitment, disciplinary, training, "
                                "staff survey and board files.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="list every problem found in the files")
    check.add_argument("paths", nargs="+", metavar="PATH", help="file, workbook, folder or ZIP")
    check.add_argument("--suppress", type=int, default=None, metavar="N",
                       help="publication-safe mode, as for indicators: findings print no "
                            "figure the tables could withhold (default 10; 0 prints every "
                            "figure: for internal use only)")

    ind = sub.add_parser("indicators", help="print the results table")
    ind.add_argument("paths", nargs="+", metavar="PATH", help="file, workbook, folder or ZIP")
    ind.add_argument("--by", choices=DIMENSIONS, help="drill down by this column")
    ind.add_argument("--where", action="append", default=[], metavar="COLUMN=VALUE",
                     help="keep only rows where COLUMN is VALUE (repeatable; VALUE may be a "
                          "comma-separated list)")
    ind.add_argument("--year", type=int, action="append", help="only this WRES year "
                     "(repeatable)")
    ind.add_argument("--groups", choices=GROUP_LEVELS, default="wres",
                     help="White/BME/Unknown (wres), broad groups, or every ethnic category")
    ind.add_argument("--pay-reference", choices=list(PAY_REFERENCES), default="white",
                     help=PAY_REFERENCE_HELP)
    ind.add_argument("--suppress", type=int, default=None, metavar="N",
                     help="withhold counts from 1 to N-1 and figures made from them (default "
                          "10; 0 turns publication-safe mode off)")
    ind.add_argument("--caution", type=int, default=None, metavar="N",
                     help="mark figures whose base is under N (default 30)")
    ind.add_argument("--format", choices=FORMATS, default=None,
                     help="table (rounded as the dashboard shows it; the default on a "
                          "terminal), csv (every digit; the default into a pipe or a file) "
                          "or json")
    ind.add_argument("--keep-going", action="store_true",
                     help="print the results even when a table was left out for errors "
                          "(otherwise that is an error, exit 1)")

    rep = sub.add_parser("report", help="write the WRES workbook (.xlsx) or the evidence pack "
                         "(.html)")
    rep.add_argument("paths", nargs="+", metavar="PATH", help="file, workbook, folder or ZIP")
    rep.add_argument("--out", required=True, metavar="FILE",
                     help="FILE.xlsx (the WRES workbook) or FILE.html (the evidence pack)")
    rep.add_argument("--where", action="append", default=[], metavar="COLUMN=VALUE",
                     help="keep only rows where COLUMN is VALUE (repeatable)")
    rep.add_argument("--year", type=int, action="append", help="only this WRES year "
                     "(repeatable; default every year loaded)")
    rep.add_argument("--groups", choices=GROUP_LEVELS, default="wres",
                     help="group level of the full results table (the indicator sheets are "
                          "always White, BME and Unknown)")
    rep.add_argument("--pay-reference", choices=list(PAY_REFERENCES), default="white",
                     help=PAY_REFERENCE_HELP)
    rep.add_argument("--suppress", type=int, default=None, metavar="N",
                     help="withhold counts from 1 to N-1 and figures made from them (default "
                          "10; 0 turns publication-safe mode off: not for publication)")
    rep.add_argument("--caution", type=int, default=None, metavar="N",
                     help="mark figures whose base is under N (default 30)")
    rep.add_argument("--notes", metavar="NOTES.json",
                     help="action notes to include (the file the app's Export page saves)")
    rep.add_argument("--org", metavar="NAME", default="",
                     help="the organisation's name for titles (default: from the files)")
    rep.add_argument("--keep-going", action="store_true",
                     help="write the report even when a table was left out for errors "
                          "(otherwise that is an error, exit 1)")
    for command in extras.commands:
        command.configure(sub.add_parser(command.name, help=command.help))
    return p


def main(argv: Sequence[str] | None = None, *, extras: Extras = NONE) -> int:
    """Run the command line; never lets a traceback reach the user."""
    parser = _parser(extras)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its own message
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    try:
        for command in extras.commands:
            if args.command == command.name:
                return command.run(args)
        if args.command == "check":
            return _check(args)
        if args.command == "report":
            return _report(args, extras)
        return _indicators(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last guard: say what happened, plainly
        print(f"wres: something went wrong that this version does not handle ({type(exc).__name__}:"
              f" {exc}). Please report it with the command you ran.", file=sys.stderr)
        return EXIT_USAGE


# How to see what publication-safe mode takes out of the findings, on the command line.
CHECK_SHOW_ALL = "run again with --suppress 0"
CHECK_SAFE_OFF = ("Publication-safe mode is off (--suppress {n}): findings print every figure. "
                  "For internal use only: not for publication.")


def _check(args: argparse.Namespace) -> int:
    from wres_core.api import DEFAULT_SUPPRESS, Query
    from wres_core.disclosure.findings import publication_safe, withheld_count, withheld_text
    from wres_core.loader import load

    suppress = DEFAULT_SUPPRESS if args.suppress is None else args.suppress
    try:
        Query(suppress=suppress)  # the same check of the threshold as indicators
    except ValueError as exc:
        print(f"wres: {exc}", file=sys.stderr)
        return EXIT_USAGE
    data = load(args.paths)
    # The same rule as the data-quality page and every table (issue 14).
    shown = publication_safe(data.findings, suppress)
    text = format_findings(shown, [f"{t.file}" + (f" [{t.sheet}]" if t.sheet else "")
                                   + f": {t.kind or 'not recognised'}, {t.rows} rows"
                                   + ("" if t.loaded else " (not loaded)")
                                   for t in data.tables])
    said = (withheld_text(withheld_count(data.findings, shown), CHECK_SHOW_ALL)
            if suppress >= 2 else CHECK_SAFE_OFF.format(n=suppress))
    print(text + ("\n" + said if said else ""))
    return EXIT_FINDINGS if has_errors(data.findings) else EXIT_OK


def format_findings(findings: Sequence[Finding], tables: Sequence[str] = ()) -> str:
    """Findings grouped by file, errors first, for a terminal."""
    lines: list[str] = []
    if tables:
        lines.append("Tables read:")
        lines.extend(f"  {t}" for t in tables)
        lines.append("")
    if not findings:
        lines.append("No problems found.")
        return "\n".join(lines)
    order = {"error": 0, "warning": 1, "info": 2}
    by_file: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=lambda f: (f.file, order[f.level])):
        by_file.setdefault(f.file or "(across files)", []).append(f)
    for file, items in by_file.items():
        lines.append(file)
        for f in items:
            place = ", ".join(p for p in (f"sheet '{f.sheet}'" if f.sheet else "",
                                          f"row {f.row}" if f.row is not None else "",
                                          f"column '{f.column}'" if f.column else "") if p)
            lines.append(f"  {f.level.upper():7} [{f.code}]" + (f" ({place})" if place else ""))
            lines.append(f"          {f.message}")
            if f.hint:
                lines.append(f"          How to fix: {f.hint}")
        lines.append("")
    n = {lvl: sum(f.level == lvl for f in findings) for lvl in order}
    lines.append(f"{n['error']} error(s), {n['warning']} warning(s), {n['info']} note(s).")
    return "\n".join(lines)


def _indicators(args: argparse.Namespace) -> int:
    from wres_core.api import DEFAULT_CAUTION, DEFAULT_SUPPRESS, Query

    try:
        query = Query(by=args.by, where=Query.parse_where(args.where), groups=args.groups,
                      years=tuple(args.year) if args.year else None,
                      pay_reference=PAY_REFERENCES[args.pay_reference],
                      suppress=DEFAULT_SUPPRESS if args.suppress is None else args.suppress,
                      caution=DEFAULT_CAUTION if args.caution is None else args.caution)
    except ValueError as exc:
        print(f"wres: {exc}", file=sys.stderr)
        return EXIT_USAGE
    engine = _engine(args)
    refused = strict(engine.data, query, args.year, keep_going=args.keep_going)
    if refused is not None:
        return refused
    from wres_core.choices import resolve_where

    query = replace(query, where=resolve_where(engine.data, query.where))
    table = engine.results(query)
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "table":
        from wres_core.results_text import results_text

        sys.stdout.write(results_text(table, engine.changes(query), legend=_legend(engine, query)))
    elif fmt == "json":
        sys.stdout.write(table.to_json(orient="records", indent=None, force_ascii=False))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(results_csv(table))
    return EXIT_OK


FORMATS = ("table", "csv", "json")


def _legend(engine, query) -> list[str]:
    """What the table's withheld figures and † marks mean, in the exports' own words."""
    from wres_core.exports.report import Report

    report = Report(engine, query)
    return [report.suppression_text(), f"† {report.caution_text()}"]


def results_csv(table) -> str:
    """The results table as CSV text. Arrow's CSV writer takes 0.2 s over a nation's table
    of 190,000 rows where pandas took 2 s; text is quoted, counts are written without a
    trailing ".0", and the flags stay True / False as pandas writes them. Anything Arrow
    cannot write goes through pandas instead.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"level": ["Band 5, nursing"], "numerator": pd.array([3.0], "Float64"),
    ...                   "value": [37.5], "suppressed": pd.array([False], "boolean")})
    >>> print(results_csv(t), end="")
    "level","numerator","value","suppressed"
    "Band 5, nursing",3,37.5,"False"
    """
    import io

    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    out = table.copy()
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col].dtype):
            out[col] = out[col].astype("string")
    try:
        buf = io.BytesIO()
        pa_csv.write_csv(pa.Table.from_pandas(out, preserve_index=False), buf,
                         pa_csv.WriteOptions(quoting_style="needed"))
    except (pa.ArrowException, TypeError, ValueError):
        return table.to_csv(index=False, lineterminator="\n")
    return buf.getvalue().decode("utf-8")


def _engine(args: argparse.Namespace):
    """The data of ``args.paths``; a header-only file with no year of its own stands for the
    ``--year`` asked for."""
    from wres_core.api import Engine
    from wres_core.loader import load

    return Engine(load(args.paths, years=tuple(args.year or ())))


def strict(data, query, years: Sequence[int] | None, *, keep_going: bool) -> int | None:
    """The exit code when the command must not answer (data contract §6), after saying why
    on stderr; None when it may. A filter column, filter value or year that matches nothing
    is a usage error naming the choices (exit 2). A table left out for errors is exit 1,
    naming each table and why, unless ``keep_going`` (then it is only said)."""
    from wres_core.choices import problems

    asked = problems(data, query.where, years)
    for text in asked:
        print(f"wres: {text}", file=sys.stderr)
    if asked:
        return EXIT_USAGE
    from wres_core.disclosure.findings import publication_safe

    # Every finding printed follows publication-safe mode (issue 14), errors too.
    errors = [f for f in publication_safe(data.findings, query.suppress) if f.level == "error"]
    for f in errors:
        # Most messages start with the file's name already.
        where = "" if f.file and f.file.split("!")[0] in f.message else f"{f.where}: "
        print(f"wres: error: {where}{f.message}", file=sys.stderr)
    if errors:
        tables = [f"{t.file}" + (f" sheet '{t.sheet}'" if t.sheet else "")
                  + (f" ({t.kind.replace('_', ' ')} data)" if t.kind else "")
                  for t in data.tables if not t.loaded]
        what = (f"left out for errors: {', '.join(tables)}" if tables
                else f"{len(errors)} error(s) in the files")
        if keep_going:
            print(f"wres: {what}; the results are without them (--keep-going).",
                  file=sys.stderr)
            return None
        print(f"wres: {what}; the results would be incomplete. Fix the errors above (run "
              "'wres check' for how to), or add --keep-going to go on without them.",
              file=sys.stderr)
        return EXIT_FINDINGS
    return None


REPORT_SUFFIXES = (".xlsx", ".html")


def _report(args: argparse.Namespace, extras: Extras = NONE) -> int:
    """Write the WRES workbook or the evidence pack, for the filters given."""
    from pathlib import Path

    from wres_core.api import DEFAULT_CAUTION, DEFAULT_SUPPRESS, Query
    from wres_core.exports import notes as notes_file
    from wres_core.exports.report import report_for
    from wres_core.exports.workbook import workbook_bytes

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        print(f"wres: --out must end in .xlsx (the WRES workbook) or .html (the evidence "
              f"pack), not '{out.name}'", file=sys.stderr)
        return EXIT_USAGE
    writers = {".xlsx": workbook_bytes, **extras.report_writers}
    if suffix not in writers:
        # The evidence pack's charts are drawn with plotly, which the core does not use:
        # the installed `wres` command (wres_app.cli) brings the pack writer.
        print(f"wres: this command line writes only the workbook (.xlsx); the evidence pack "
              f"({suffix}) needs the installed 'wres' command, which comes with the dashboard",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        query = Query(where=Query.parse_where(args.where), groups=args.groups,
                      pay_reference=PAY_REFERENCES[args.pay_reference],
                      suppress=DEFAULT_SUPPRESS if args.suppress is None else args.suppress,
                      caution=DEFAULT_CAUTION if args.caution is None else args.caution)
    except ValueError as exc:
        print(f"wres: {exc}", file=sys.stderr)
        return EXIT_USAGE
    notes = {}
    if args.notes:
        try:
            notes = notes_file.load(Path(args.notes).read_bytes())
        except (OSError, notes_file.NotesError) as exc:
            print(f"wres: cannot use the notes file {args.notes}: {exc}", file=sys.stderr)
            return EXIT_USAGE
    engine = _engine(args)
    if not engine.data.years:
        for f in engine.data.findings:
            if f.level == "error":
                print(f"wres: {f.where}: {f.message}", file=sys.stderr)
        print("wres: no data was loaded, so there is nothing to report; run 'wres check' "
              "for details.", file=sys.stderr)
        return EXIT_FINDINGS
    refused = strict(engine.data, query, args.year, keep_going=args.keep_going)
    if refused is not None:
        return refused
    from wres_core.choices import resolve_where

    query = replace(query, where=resolve_where(engine.data, query.where))
    report = report_for(engine, query, years=args.year or (), org_label=args.org,
                        notes=notes)
    data = writers[suffix](report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"wres: wrote {out} ({len(data) / 1024:,.0f} KB): {report.org}, WRES "
          f"{report.years_text()}, {report.filters_text}. {report.suppression_text()}",
          file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
