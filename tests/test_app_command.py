"""`wres app` without a server: its arguments, the settings it passes to Streamlit, what it
says about where the data goes, and the rule that the core imports no user interface."""

from __future__ import annotations

import ast
import socket
import tomllib
from pathlib import Path

import pytest

from wres_app import cli as app_cli
from wres_app import home, launch

ROOT = Path(__file__).resolve().parent.parent
UI_MODULES = ("streamlit", "plotly", "dashboard", "wres_app", "kaleido")


def test_core_imports_no_user_interface():
    """Not at the top of a module, not inside a function: the core runs without them."""
    found = []
    for path in sorted((ROOT / "wres_core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n in names
                      if n.split(".")[0] in UI_MODULES]
    assert found == []


def test_every_packaged_setting_is_passed_as_a_flag():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    args = launch.streamlit_args(data=[], host="127.0.0.1", port=8600)
    assert args[:2] == ["run", str(ROOT / "app.py")]
    assert "--" not in args
    for section, options in config.items():
        for key, value in options.items():
            assert f"--{section}.{key}={launch.flag_text(value)}" in args
    # The privacy settings themselves, spelled out.
    for flag in ("--browser.gatherUsageStats=false", "--server.headless=true",
                 "--server.maxUploadSize=500", "--theme.primaryColor=#005EB8",
                 "--server.address=127.0.0.1", "--server.port=8600"):
        assert flag in args


def test_checkout_is_home_until_a_wheel_carries_the_files():
    assert home.home() == ROOT  # no bundle in a checkout: the build makes it
    assert home.sample_dir() == ROOT / "data" / "sample"
    for pattern in home.FILES:
        assert list(ROOT.glob(pattern)), pattern


@pytest.fixture
def started(monkeypatch):
    """`wres app` up to the point where Streamlit would start: what it would run with."""
    calls = {}

    def fake_main(args, prog_name):
        calls["args"] = args
        raise SystemExit(0)

    from streamlit.web import cli as streamlit_cli

    monkeypatch.setattr(streamlit_cli, "main", fake_main)
    monkeypatch.setattr(launch, "enter", lambda path: calls.setdefault("cwd", path))
    return calls


def test_app_passes_files_as_absolute_paths_and_prints_the_address(started, tmp_path,
                                                                   monkeypatch, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "b.csv").write_text("x\n")
    monkeypatch.chdir(tmp_path)
    port = launch.choose_port("127.0.0.1", None)
    assert app_cli.main(["app", "mine", "b.csv", "--port", str(port)]) == 0
    args = started["args"]
    assert args[args.index("--"):] == ["--", "--data", str(tmp_path / "mine"), "--data",
                                       str(tmp_path / "b.csv")]
    assert started["cwd"] == home.home()
    out = capsys.readouterr().out
    assert f"Open http://127.0.0.1:{port} in your browser" in out


def test_app_on_the_sample_when_no_files(started, capsys):
    assert app_cli.main(["app"]) == 0
    assert "--" not in started["args"]
    assert "the bundled sample" in capsys.readouterr().out


def test_app_usage_errors_are_plain(started, capsys, tmp_path):
    assert app_cli.main(["app", str(tmp_path / "nothing.csv")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert app_cli.main(["app", "--port", str(port)]) == 2
        assert f"port {port} is" in capsys.readouterr().err
    assert app_cli.main(["app", "--port", "70000"]) == 2
    assert "args" not in started


def test_app_help_says_where_the_data_goes(capsys):
    assert app_cli.main(["app", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Where your data goes: nowhere" in text
    assert "held in its memory" in text and "Nothing is written to disk" in text


def test_other_hosts_are_warned(started, capsys):
    assert app_cli.main(["app", "--host", "0.0.0.0"]) == 0
    captured = capsys.readouterr()
    assert "Open http://127.0.0.1:" in captured.out
    assert "other machines" in captured.err
