"""WRES Explorer's calculation core: loading, codes, the nine indicators, statistics and exports.

Pure Python and pandas: nothing here imports streamlit or plotly.
"""

from __future__ import annotations

DISTRIBUTION = "wres-explorer"


def _version() -> str:
    """The version pyproject.toml gives (its one place): read from the checkout's own
    pyproject.toml when this package sits in one (so a bumped version shows before it is
    installed again), else from the installed distribution's metadata."""
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION and project.get("version"):
            return str(project["version"])
    except (OSError, ValueError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


__version__ = _version()
