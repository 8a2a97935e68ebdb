"""``wres app``: the dashboard in your browser, from an installed package, in any folder.

Streamlit reads its settings from ``~/.streamlit/config.toml``, from ``.streamlit/`` in the
folder it is started in, from ``.streamlit/`` beside the script (recent versions only), then
from ``STREAMLIT_*`` environment variables, each outranking the one before: started from
anywhere else, with anything in the environment, the project's settings (no usage
statistics, headless, the upload limit, the theme) might not apply. So every setting of the
packaged config.toml is passed as a command-line flag, which outranks all of those, and
Streamlit runs in the folder that holds the packaged files, so that no ``.streamlit/``
folder where the user happens to be (a config, a secrets file) is read. The files named on
the command line are made absolute first.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from wres_app import home

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8501
EXIT_USAGE = 2
LOOPBACK = ("127.0.0.1", "localhost", "::1")

DESCRIPTION = ("Open WRES Explorer, the dashboard, in your browser: on the files named (a "
               "file, an Excel workbook, a folder or a ZIP; several together), or on the "
               "bundled sample of a fictional trust when none are named. Leave it running "
               "while you use the dashboard; Ctrl+C stops it.")
WHERE_THE_DATA_GOES = (
    "Where your data goes: nowhere. The files named here, and any you upload in the "
    "browser, are read by the dashboard's server on this machine and held in its memory "
    "while it runs. Nothing is written to disk and nothing is sent anywhere: no usage "
    "statistics, and no fonts, scripts or maps fetched from the internet. The dashboard "
    "answers only this machine (127.0.0.1) unless --host says otherwise.")

# Settings the command line sets whatever the config file says: an installed package has
# no source files worth watching, and the project's own settings come from its config file.
FIXED = {"server.fileWatcherType": "none", "global.developmentMode": "false"}


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``wres app`` (a ``wres_core.cli_extras.Command``'s configure)."""
    parser.description = DESCRIPTION
    parser.epilog = WHERE_THE_DATA_GOES
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="file, workbook, folder or ZIP (default: the bundled sample)")
    parser.add_argument("--port", type=int, default=None, metavar="N",
                        help=f"the port to listen on (default: {DEFAULT_PORT}, or the next "
                             "free one)")
    parser.add_argument("--host", default=DEFAULT_HOST, metavar="H",
                        help=f"the address to listen on (default: {DEFAULT_HOST}, this "
                             "machine only; 0.0.0.0 lets other machines open it)")


def flag_text(value: object) -> str:
    """A config value as Streamlit's command line takes it.

    >>> flag_text(True), flag_text(500), flag_text("#005EB8")
    ('true', '500', '#005EB8')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def config_flags(config: Mapping[str, Mapping[str, object]]) -> list[str]:
    """Every setting of a config.toml's sections as ``--section.key=value`` flags.

    >>> config_flags({"server": {"headless": True, "maxUploadSize": 500},
    ...               "browser": {"gatherUsageStats": False}})
    ['--server.headless=true', '--server.maxUploadSize=500', '--browser.gatherUsageStats=false']
    """
    return [f"--{section}.{key}={flag_text(value)}"
            for section, options in config.items() for key, value in options.items()]


def streamlit_args(*, data: Sequence[Path], host: str, port: int,
                   config_file: Path | None = None, script: Path | None = None) -> list[str]:
    """The arguments of ``streamlit`` that run the dashboard: ``run APP``, the packaged
    settings, the address, then ``--data PATH`` for each file given, for the app."""
    config = tomllib.loads((config_file or home.config_file()).read_text(encoding="utf-8"))
    args = ["run", str(script or home.app_script()), *config_flags(config),
            *(f"--{k}={v}" for k, v in FIXED.items()),
            f"--server.address={host}", f"--server.port={port}"]
    extra = [part for path in data for part in ("--data", str(path))]
    return [*args, "--", *extra] if extra else args


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(host: str, asked: int | None) -> int | None:
    """The port asked for if it is free (None if not); else the first free one from 8501."""
    if asked is not None:
        return asked if port_free(host, asked) else None
    for port in range(DEFAULT_PORT, DEFAULT_PORT + 100):
        if port_free(host, port):
            return port
    return None


def address(host: str, port: int) -> str:
    shown = DEFAULT_HOST if host in ("0.0.0.0", "::", "") else host
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}"


def enter(folder: Path) -> None:
    """Run Streamlit in this folder: the packaged files' own, so that no .streamlit/ folder
    where the user happens to be is read."""
    os.chdir(folder)


def run(args: argparse.Namespace) -> int:
    """Start the dashboard; returns when it stops (Ctrl+C)."""
    data = []
    for raw in args.paths:
        path = Path(raw).expanduser().resolve()
        if not path.exists():
            print(f"wres: no such file or folder: {raw}", file=sys.stderr)
            return EXIT_USAGE
        data.append(path)
    if args.port is not None and not 0 < args.port < 65536:
        print(f"wres: --port must be from 1 to 65535, not {args.port}", file=sys.stderr)
        return EXIT_USAGE
    try:
        port = choose_port(args.host, args.port)
    except (OSError, UnicodeError) as exc:
        print(f"wres: cannot listen on '{args.host}': {exc}", file=sys.stderr)
        return EXIT_USAGE
    if port is None:
        what = f"port {args.port} is" if args.port is not None else "no port from 8501 is"
        print(f"wres: {what} free on {args.host}; choose another with --port N",
              file=sys.stderr)
        return EXIT_USAGE
    argv = streamlit_args(data=data, host=args.host, port=port)
    what = ", ".join(str(p) for p in data) if data else "the bundled sample (a fictional trust)"
    print(f"WRES Explorer on {what}\nOpen {address(args.host, port)} in your browser. "
          "Ctrl+C stops it.", flush=True)
    if args.host not in LOOPBACK:
        print(f"wres: listening on {args.host}: other machines that can reach this one can "
              "open the dashboard and see the data loaded (see SECURITY.md for a password "
              "or single sign-on).", file=sys.stderr, flush=True)
    from streamlit.web import cli as streamlit_cli

    enter(home.home())
    try:
        streamlit_cli.main(args=argv, prog_name="streamlit")
    except SystemExit as exc:  # click ends the command this way
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"wres: port {port} was taken meanwhile; try again", file=sys.stderr)
            return EXIT_USAGE
        raise
    return 0
