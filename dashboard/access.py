"""Who may open the dashboard: nothing for a local run, a password or single sign-on when shared.

The gate is chosen by configuration, and is off when none is given (one person running the
app on their own machine needs no password):

- **Password.** A hash, never the password, in the environment variable
  ``WRES_PASSWORD_HASH`` or in ``.streamlit/secrets.toml``::

      [access]
      password_hash = "scrypt$32768$8$3$...$..."

  Make one with ``python -m dashboard.access`` (it asks for the password twice and prints the
  hash). The environment variable wins when both are set. Every visitor must give the
  password once per browser session; the session then stays signed in until it ends.
  Wrong passwords are rate-limited per session and per server process (see ``Limiter``).
- **Single sign-on.** An ``[auth]`` section in ``.streamlit/secrets.toml`` (Streamlit's
  OpenID Connect login, ``st.login``; needs ``Authlib``): visitors sign in with their
  organisation's account. See SECURITY.md. Both may be configured; then both are asked for.

A broken password hash locks the app (fail closed) and says so: a typo in the configuration
must not open a shared deployment to everyone.

The password is never logged, stored or echoed: it is compared (after scrypt or PBKDF2 with
the stored salt) with ``hmac.compare_digest`` and dropped; the form clears it on submit.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import logging
import math
import os
import secrets
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

ENV_VAR = "WRES_PASSWORD_HASH"
SECRETS_SECTION = "access"
SECRETS_KEY = "password_hash"

# Session-state keys (this module's own; not settings, so not in dashboard.state).
SIGNED_IN = "wres_access_signed_in"  # fingerprint of the hash this session passed
SESSION_LIMITER = "wres_access_limiter"
PASSWORD_BOX = "wres_access_password"  # the form's box; emptied as soon as it is checked
MESSAGE = "wres_access_message"  # why the last try failed, shown once

# scrypt cost: one of OWASP's equivalent choices (N=2^15, r=8, p=3: 32 MiB, a few tenths of
# a second), slow enough to make guessing offline expensive, quick enough for one sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 3
PBKDF2_ITERATIONS = 600_000
SALT_BYTES = 16
KEY_BYTES = 32


# --- Hashes -------------------------------------------------------------------------------
class HashFormatError(ValueError):
    """The configured hash is not one this module can check."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except ValueError as exc:
        raise HashFormatError("the salt or hash is not base64") from exc


def make_hash(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P,
              salt: bytes | None = None) -> str:
    """A self-describing scrypt hash, ``scrypt$N$r$p$salt$hash`` (base64, unpadded).

    >>> h = make_hash("correct horse", n=2**10, salt=b"0123456789abcdef")
    >>> h.split("$")[:4], verify("correct horse", h), verify("wrong", h)
    (['scrypt', '1024', '8', '3'], True, False)
    """
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _scrypt(password, salt, n, r, p)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(key)}"


def make_pbkdf2_hash(password: str, *, iterations: int = PBKDF2_ITERATIONS,
                     salt: bytes | None = None) -> str:
    """``pbkdf2_sha256$iterations$salt$hash``, for a Python whose OpenSSL lacks scrypt."""
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations, KEY_BYTES)
    return f"pbkdf2_sha256${iterations}${_b64(salt)}${_b64(key)}"


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int = KEY_BYTES
            ) -> bytes:
    # scrypt needs 128*N*r bytes (times p when run in sequence); allow that plus slack.
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=129 * n * r * p + (1 << 20), dklen=length)


@dataclass(frozen=True)
class _Parsed:
    scheme: str
    params: tuple[int, ...]
    salt: bytes
    key: bytes


def _int(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise HashFormatError(f"{what} is not a whole number") from exc
    if not low <= value <= high:
        raise HashFormatError(f"{what} must be between {low} and {high}")
    return value


def parse_hash(stored: str) -> _Parsed:
    """Check a configured hash's shape; raises ``HashFormatError`` saying what is wrong.

    >>> parse_hash("scrypt$1024$8$1$c2FsdHNhbHRzYWx0$" + "A" * 43).params
    (1024, 8, 1)
    >>> parse_hash("hunter2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dashboard.access.HashFormatError: not a hash from 'python -m dashboard.access' ...
    """
    parts = stored.strip().split("$")
    if parts[0] == "scrypt" and len(parts) == 6:
        n = _int(parts[1], 2, 2**20, "scrypt N")
        if n & (n - 1):
            raise HashFormatError("scrypt N must be a power of two")
        params = (n, _int(parts[2], 1, 64, "scrypt r"), _int(parts[3], 1, 64, "scrypt p"))
        salt, key = _unb64(parts[4]), _unb64(parts[5])
    elif parts[0] == "pbkdf2_sha256" and len(parts) == 4:
        params = (_int(parts[1], 1_000, 10**8, "PBKDF2 iterations"),)
        salt, key = _unb64(parts[2]), _unb64(parts[3])
    else:
        raise HashFormatError("not a hash from 'python -m dashboard.access' (expected "
                              "scrypt$N$r$p$salt$hash or pbkdf2_sha256$iterations$salt$hash)")
    if len(salt) < 8 or len(key) < 16:
        raise HashFormatError("the salt or hash is too short")
    return _Parsed(parts[0], params, salt, key)


def verify(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``, compared in constant time.

    Raises ``HashFormatError`` when ``stored`` is not a hash this module makes.
    """
    parsed = parse_hash(stored)
    if parsed.scheme == "scrypt":
        n, r, p = parsed.params
        derived = _scrypt(password, parsed.salt, n, r, p, len(parsed.key))
    else:
        derived = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), parsed.salt,
                                      parsed.params[0], len(parsed.key))
    return hmac.compare_digest(derived, parsed.key)


def fingerprint(stored: str) -> str:
    """What a session keeps to say it passed: a digest of the hash (not of the password),
    so that changing the password signs every session out on its next click."""
    return hashlib.sha256(stored.strip().encode("utf-8")).hexdigest()[:32]


# --- Rate limiting ------------------------------------------------------------------------
@dataclass
class Limiter:
    """Exponential back-off on failures: once ``free`` failures fall within ``window``
    seconds, the next attempt must wait ``base`` seconds after the last failure, and each
    further failure doubles the wait, up to ``cap``. Thread-safe: one instance is shared by
    every session.

    >>> lim = Limiter(free=2, base=10)
    >>> lim.fail(now=0); lim.wait(now=0)
    0.0
    >>> lim.fail(now=1); lim.wait(now=1), lim.wait(now=11)
    (10.0, 0.0)
    >>> lim.fail(now=11); lim.wait(now=11)
    20.0
    """

    free: int = 5
    base: float = 2.0
    cap: float = 15 * 60.0
    window: float = 60 * 60.0
    failures: deque = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def _forget_old(self, now: float) -> None:
        while self.failures and now - self.failures[0] > self.window:
            self.failures.popleft()

    def wait(self, now: float | None = None) -> float:
        """Seconds until the next attempt is allowed (0.0 when it is allowed now)."""
        now = time.time() if now is None else now
        with self.lock:
            self._forget_old(now)
            extra = len(self.failures) - self.free
            if extra < 0:
                return 0.0
            delay = min(self.cap, self.base * 2 ** extra)
            return max(0.0, float(self.failures[-1] + delay - now))

    def fail(self, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self.lock:
            self._forget_old(now)
            self.failures.append(now)

    def reset(self) -> None:
        with self.lock:
            self.failures.clear()


# Shared by every session of this server process: a guesser who opens a new session for
# each try still meets it. Looser than the per-session limit, so one person's typos do not
# lock out colleagues; a determined guesser can delay others' sign-in, never get in.
PROCESS_LIMITER = Limiter(free=20)


def wait_words(seconds: float) -> str:
    """A wait in plain words, rounded up.

    >>> wait_words(0.2), wait_words(59.5), wait_words(61), wait_words(3600)
    ('1 second', '60 seconds', '2 minutes', '60 minutes')
    """
    if seconds <= 60:
        s = max(1, math.ceil(seconds))
        return f"{s} second{'s' if s != 1 else ''}"
    m = math.ceil(seconds / 60)
    return f"{m} minutes"


# --- Configuration ------------------------------------------------------------------------
def _secret_section(name: str) -> Mapping | None:
    """A section of secrets.toml, or None when there is no such section or no file."""
    import streamlit as st

    try:
        section = st.secrets[name] if name in st.secrets else None
    except (FileNotFoundError, KeyError):  # no secrets.toml at all: nothing configured
        return None
    return section if isinstance(section, Mapping) else None


def configured_hash() -> str | None:
    """The password hash from the environment or secrets.toml; None when the gate is off."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        return value
    section = _secret_section(SECRETS_SECTION)
    value = str(section.get(SECRETS_KEY) or "").strip() if section else ""
    return value or None


def sso_providers() -> list[str | None] | None:
    """The OIDC providers in ``[auth]`` (``[None]`` for the single unnamed one), or None
    when single sign-on is not configured."""
    section = _secret_section("auth")
    if not section:
        return None
    named = [str(k) for k, v in section.items() if isinstance(v, Mapping)]
    return named if named and "client_id" not in section else [None]


# --- The gate -----------------------------------------------------------------------------
def gate(pages: Mapping | list | None = None) -> None:
    """Stop the run here until this session may see the dashboard; return when it may.

    ``pages``: the app's navigation, registered hidden while locked so that a shared link
    to a page opens that page (not the first one) after signing in, and no page name shows.
    """
    import streamlit as st

    providers = sso_providers()
    if providers is not None and not st.user.get("is_logged_in", False):
        _locked(pages, lambda: _sso_form(providers))
    stored = configured_hash()
    if stored is None:
        return
    try:
        parse_hash(stored)
    except HashFormatError as exc:
        log.error("The password hash in %s or [%s] %s is unusable: %s", ENV_VAR,
                  SECRETS_SECTION, SECRETS_KEY, exc)
        _locked(pages, lambda: st.error(
            "WRES Explorer is set up to ask for a password, but the password hash it was "
            "given cannot be used, so it stays locked. Whoever runs it should make a new "
            "hash with `python -m dashboard.access` (details are in the server log).",
            icon=":material/lock:"))
    if st.session_state.get(SIGNED_IN) == fingerprint(stored):
        return
    _locked(pages, lambda: _password_form(stored))


def _locked(pages, draw: Callable[[], None]) -> None:
    import streamlit as st

    if pages:
        st.navigation(pages, position="hidden")
    st.title("WRES Explorer")
    draw()
    st.stop()


def _sso_form(providers: list[str | None]) -> None:
    import streamlit as st

    st.write("This dashboard holds staff data. Sign in with your organisation account to "
             "open it.")
    for provider in providers:
        label = "Sign in" if provider is None else f"Sign in with {provider}"
        st.button(label, icon=":material/login:", key=f"wres_sso_{provider or 'default'}",
                  on_click=st.login, args=() if provider is None else (provider,))


def _session_limiter() -> Limiter:
    import streamlit as st

    ss = st.session_state
    if not isinstance(ss.get(SESSION_LIMITER), Limiter):
        ss[SESSION_LIMITER] = Limiter(free=5)
    return ss[SESSION_LIMITER]


def _password_form(stored: str) -> None:
    import streamlit as st

    st.write("This dashboard holds staff data. Enter the password you were given to open "
             "it; you stay signed in until you close this tab.")
    message = st.session_state.pop(MESSAGE, None)
    if message:
        st.error(message, icon=":material/lock:")
    with st.form("wres_sign_in", clear_on_submit=True, enter_to_submit=True):
        st.text_input("Password", type="password", key=PASSWORD_BOX)
        # Checked in the callback, before the run: a run that starts on a page's own file
        # (the first request to a page's URL after the server starts) reruns through
        # app.py, and a submit read in the script body would be lost on the way.
        st.form_submit_button("Sign in", icon=":material/login:", on_click=_check,
                              args=(stored,))


def _check(stored: str) -> None:
    import streamlit as st

    ss = st.session_state
    password = str(ss.get(PASSWORD_BOX) or "")
    ss[PASSWORD_BOX] = ""  # not kept in the session past this check
    mine = _session_limiter()
    wait = max(mine.wait(), PROCESS_LIMITER.wait())
    if wait > 0:
        # No check at all while waiting: a guess made now is not even tried.
        ss[MESSAGE] = f"Too many wrong passwords. Wait {wait_words(wait)}, then try again."
        return
    if password and verify(password, stored):
        mine.reset()
        ss[SIGNED_IN] = fingerprint(stored)
        return
    mine.fail()
    PROCESS_LIMITER.fail()
    log.warning("A wrong password was given for WRES Explorer")
    wait = max(mine.wait(), PROCESS_LIMITER.wait())
    later = f" Wait {wait_words(wait)} before the next try." if wait > 0 else ""
    ss[MESSAGE] = ("That password is not right. Check it and try again; if you do not have "
                   f"it, ask whoever runs this dashboard.{later}")


# --- Making a hash ------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """``python -m dashboard.access``: ask for a password twice, print its hash."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        print("usage: python -m dashboard.access\n\nAsks for a password (twice, not shown) "
              "and prints the hash to put in WRES_PASSWORD_HASH or in "
              ".streamlit/secrets.toml under [access] password_hash.", file=sys.stderr)
        return 0 if args[0] in ("-h", "--help") else 2
    first = getpass.getpass("Password for WRES Explorer: ")
    if len(first) < 12:
        print("Use at least 12 characters (a few unrelated words is easy to type).",
              file=sys.stderr)
        return 1
    if getpass.getpass("The same again: ") != first:
        print("The two passwords differ; nothing was made.", file=sys.stderr)
        return 1
    try:
        stored = make_hash(first)
    except (ValueError, AttributeError):  # an OpenSSL without scrypt
        stored = make_pbkdf2_hash(first)
    print(stored)
    print(f"\nPut it in .streamlit/secrets.toml:\n\n[{SECRETS_SECTION}]\n"
          f'{SECRETS_KEY} = "{stored}"\n\nor in the environment (single quotes in a shell):'
          f"\n\n{ENV_VAR}='{stored}'", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
