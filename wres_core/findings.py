"""Validation findings: what the loader noticed, as data that the UI and the CLI render."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd

LEVELS = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing the user should know about their files.

    ``row`` is the row number as a spreadsheet shows it (the header is row 1 in a plain
    CSV); ``column`` is the user's own header text.
    """

    level: str
    code: str
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, not {self.level!r}")

    @property
    def where(self) -> str:
        """File, sheet, row and column as one readable place name."""
        parts = [self.file or "(all files)"]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)


def to_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a table, errors first."""
    cols = ["level", "code", "message", "file", "sheet", "row", "column", "hint"]
    df = pd.DataFrame([asdict(f) for f in findings], columns=cols)
    df["row"] = df["row"].astype("Int64")
    order = {lvl: i for i, lvl in enumerate(LEVELS)}
    return df.sort_values(["level", "file"], key=lambda s: s.map(order) if s.name == "level" else s,
                          kind="stable").reset_index(drop=True)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.level == "error" for f in findings)
