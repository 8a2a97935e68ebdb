"""Action notes: for each indicator, what the data shows and the action planned.

The lead types them in the app; they go into the workbook and the evidence pack, and can be
downloaded and loaded again as a small JSON file, so that nothing typed is lost when the
browser closes. The server never writes them anywhere: :func:`dump` returns bytes for a
download and :func:`load` reads bytes from an upload.

The file is one JSON object keyed by indicator number (as text), each with two strings::

    {"1": {"shows": "BME staff are under-represented from Band 8a.",
           "action": "Reverse mentoring for Band 7 staff; report to the board in June."},
     "3": {"shows": "", "action": "Review every case with an independent panel."}}

Loading is strict about shape (unknown indicators or fields, non-text values, files over
:data:`MAX_BYTES` or texts over :data:`MAX_CHARS` are refused with a plain message) and
lenient about content: any text is kept, with control characters other than tab and newline
dropped and line endings made ``\\n``.

>>> notes = {3: Note(shows="Up again.", action="Independent panel.")}
>>> load(dump(notes)) == notes
True
>>> load(b'{"10": {"shows": "x"}}')
Traceback (most recent call last):
...
wres_core.exports.notes.NotesError: The notes file names indicator '10': only indicators 1 to 9 can have notes.
"""  # noqa: E501

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

INDICATORS = tuple(range(1, 10))
FIELDS = ("shows", "action")
FIELD_LABELS = {"shows": "What the data shows", "action": "Action taken and planned"}
MAX_BYTES = 256 * 1024  # a notes file: far more than nine indicators' worth of prose
MAX_CHARS = 10_000  # one text box

# Control characters other than tab and newline: never meaningful in a note, and some are
# not allowed in an Excel cell or an XML file at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class NotesError(ValueError):
    """A notes file that cannot be read, with a message that says why in plain words."""


@dataclass(frozen=True)
class Note:
    """One indicator's notes."""

    shows: str = ""
    action: str = ""

    def is_empty(self) -> bool:
        return not (self.shows.strip() or self.action.strip())


Notes = dict[int, Note]


def clean(text: object) -> str:
    """A note as it is kept: line endings as ``\\n``, control characters dropped, no
    trailing spaces at the end. Never longer than :data:`MAX_CHARS`.

    >>> clean("Line one\\r\\nline two\\x00  ")
    'Line one\\nline two'
    """
    s = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s).rstrip()[:MAX_CHARS]


def normalise(notes: Mapping[object, object] | None) -> Notes:
    """Notes keyed by indicator number, from a mapping whose keys may be ints or digit
    strings and whose values may be :class:`Note` or ``{"shows": ..., "action": ...}``.
    Empty notes are dropped. Raises :class:`NotesError` on anything else."""
    out: Notes = {}
    for key, value in (notes or {}).items():
        indicator = _indicator(key)
        if isinstance(value, Note):
            note = Note(clean(value.shows), clean(value.action))
        elif isinstance(value, Mapping):
            unknown = [str(k) for k in value if k not in FIELDS]
            if unknown:
                raise NotesError(f"The notes for indicator {indicator} have a field "
                                 f"'{unknown[0]}': only 'shows' and 'action' are allowed.")
            texts = {}
            for name in FIELDS:
                v = value.get(name, "")
                if v is None:
                    v = ""
                if not isinstance(v, str):
                    raise NotesError(f"The '{name}' note for indicator {indicator} is not "
                                     "text.")
                if len(v) > MAX_CHARS:
                    raise NotesError(f"The '{name}' note for indicator {indicator} is longer "
                                     f"than {MAX_CHARS:,} characters.")
                texts[name] = clean(v)
            note = Note(**texts)
        else:
            raise NotesError(f"The notes for indicator {indicator} are not of the form "
                             '{"shows": "...", "action": "..."}.')
        if not note.is_empty():
            out[indicator] = note
    return dict(sorted(out.items()))


def _indicator(key: object) -> int:
    text = str(key).strip()
    if not text.isdigit() or int(text) not in INDICATORS:
        raise NotesError(f"The notes file names indicator '{key}': only indicators 1 to 9 "
                         "can have notes.")
    return int(text)


def load(data: bytes | str) -> Notes:
    """Notes from the bytes of a notes file (UTF-8 JSON). Raises :class:`NotesError`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise NotesError(f"The notes file is {len(data) / 1024:,.0f} KB: a notes file is at "
                         f"most {MAX_BYTES // 1024} KB. Is it the right file?")
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise NotesError("The notes file is not text (UTF-8). Load the .json file that "
                         "WRES Explorer saved.") from exc
    except json.JSONDecodeError as exc:
        raise NotesError(f"The notes file is not valid JSON (line {exc.lineno}, column "
                         f"{exc.colno}: {exc.msg}). Load the .json file that WRES Explorer "
                         "saved.") from exc
    if not isinstance(parsed, dict):
        raise NotesError('The notes file should hold one object keyed by indicator ("1" to '
                         '"9"), each with "shows" and "action" texts.')
    return normalise(parsed)


def dump(notes: Mapping[object, object] | None) -> bytes:
    """The notes as a notes file (UTF-8 JSON, indicators in order, empty notes left out)."""
    clean_notes = normalise(notes)
    body = {str(i): {"shows": n.shows, "action": n.action} for i, n in clean_notes.items()}
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
