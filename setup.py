"""Packaging: everything is declared in pyproject.toml; this file only adds the build step
that puts the dashboard's own files into the wheel.

app.py, pages/, .streamlit/config.toml and data/sample/ live at the top of the checkout
(``make run`` runs them there); an installed package needs them too, so the build copies
them into ``wres_app/bundle`` (``wres_app.home.FILES`` says which, by pattern: a page added
later is picked up with no change here). ``wres app`` runs the dashboard from that copy.
"""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# What to copy: wres_app.home.FILES, read from its file (the package is not importable in
# an isolated build; home.py needs only pathlib).
FILES = runpy.run_path(str(ROOT / "wres_app" / "home.py"))["FILES"]


class BuildWithDashboard(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install runs the checkout's own files
        bundle = Path(self.build_lib) / "wres_app" / "bundle"
        shutil.rmtree(bundle, ignore_errors=True)  # no page left over from an earlier build
        copied = 0
        for pattern in FILES:
            for src in sorted(ROOT.glob(pattern)):
                if src.is_file():
                    dest = bundle / src.relative_to(ROOT)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dest)
                    copied += 1
        if not (bundle / "app.py").is_file() or copied < 3:
            raise SystemExit("setup.py: app.py, pages/ and .streamlit/config.toml were not "
                             f"found under {ROOT}; a wheel without the dashboard is no use")


setup(cmdclass={"build_py": BuildWithDashboard})
