"""The optional password gate and single sign-on (dashboard/access.py), through app.py.

Hashes here use a low scrypt cost so each check takes milliseconds; the format and code path
are the ones a deployment uses. Every test starts with no hash in the environment, the
process-wide limiter empty, and no secrets.toml (AppTest reads ``at.secrets`` instead).
"""

from __future__ import annotations

import hmac
import time
from collections import deque
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import access, state
from dashboard.sources import SAMPLE_TRUST

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PASSWORD = "plum tractor seventeen lanterns"
HASH = access.make_hash(PASSWORD, n=2**10, r=8, p=1)


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    monkeypatch.delenv(access.ENV_VAR, raising=False)
    monkeypatch.setenv("WRES_RAISE", "1")
    access.PROCESS_LIMITER.reset()
    st.cache_data.clear()
    yield
    access.PROCESS_LIMITER.reset()


def open_app(*, secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    return at.run(timeout=120)


def is_locked(at: AppTest) -> bool:
    """The gate is up: no sidebar ran, no page drew, no data was loaded into the session."""
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    return (state.SOURCE not in at.session_state and not at.radio and not at.sidebar.children
            and not at.dataframe and SAMPLE_TRUST not in text)


def is_open(at: AppTest) -> bool:
    """The sidebar and a page drew, and no password box is in the way."""
    assert not at.exception, [e.value for e in at.exception]
    return (state.SOURCE in at.session_state and len(at.radio) >= 1
            and not _has_password_box(at))


def _has_password_box(at: AppTest) -> bool:
    return any(t.key == "wres_access_password" for t in at.text_input)


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="wres_access_password").input(password)
    at.button[0].click()  # the form's "Sign in"
    return at.run(timeout=120)


def error_text(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


# --- Off by default ---------------------------------------
def test_without_a_hash_the_app_opens_as_before():
    at = open_app()
    assert not _has_password_box(at)
    assert is_open(at)
    assert at.radio(key=state.SOURCE).value == "sample"
    assert not [e for e in at.error if "went wrong" in e.value or "password" in e.value]


# --- Locked until the right password ---------------------------------------
@pytest.mark.parametrize("where", ["env", "secrets"])
def test_with_a_hash_nothing_is_shown_until_the_password(monkeypatch, where):
    secrets = {}
    if where == "env":
        monkeypatch.setenv(access.ENV_VAR, HASH)
    else:
        secrets = {"access": {"password_hash": HASH}}
    at = open_app(secrets=secrets)
    assert _has_password_box(at) and is_locked(at)
    assert at.text_input(key="wres_access_password").proto.type == 1  # PASSWORD

    at = sign_in(at, PASSWORD)
    assert not _has_password_box(at)
    assert is_open(at)
    # Signed in for this session: another run stays open ...
    at.run(timeout=120)
    assert not _has_password_box(at) and is_open(at)
    # ... and another session starts locked.
    other = open_app(secrets=secrets)
    assert _has_password_box(other) and is_locked(other)


def test_a_wrong_password_is_refused_plainly(monkeypatch):
    monkeypatch.setenv(access.ENV_VAR, HASH)
    at = sign_in(open_app(), "not the password")
    assert "That password is not right" in error_text(at)
    assert is_locked(at)
    # The form clears itself: the typed password is not kept in the session.
    assert at.text_input(key="wres_access_password").value == ""
    at = sign_in(at, "")
    assert "not right" in error_text(at) and is_locked(at)


def test_the_password_is_never_logged(monkeypatch, caplog):
    monkeypatch.setenv(access.ENV_VAR, HASH)
    caplog.set_level("DEBUG")
    at = sign_in(open_app(), "secret-guess-xyzzy")
    sign_in(at, PASSWORD)
    assert "secret-guess-xyzzy" not in caplog.text and PASSWORD not in caplog.text
    assert "wrong password" in caplog.text  # the failure itself is logged


def test_a_changed_password_signs_sessions_out(monkeypatch):
    monkeypatch.setenv(access.ENV_VAR, HASH)
    at = sign_in(open_app(), PASSWORD)
    assert is_open(at)
    monkeypatch.setenv(access.ENV_VAR, access.make_hash("a brand new password", n=2**10, p=1))
    at.run(timeout=120)
    assert _has_password_box(at)


# --- Rate limiting ---------------------------------------
def test_repeated_failures_in_one_session_are_rate_limited(monkeypatch):
    monkeypatch.setenv(access.ENV_VAR, HASH)
    at = open_app()
    for _ in range(5):
        at = sign_in(at, "guess")
        assert "not right" in error_text(at)
    assert "Wait 2 seconds before the next try" in error_text(at)
    # While the wait runs even the right password is not tried.
    at = sign_in(at, PASSWORD)
    assert "Too many wrong passwords. Wait" in error_text(at) and "try again" in error_text(at)
    assert is_locked(at)
    # Once the wait is over (the failures moved back in time), the right password works.
    limiter = at.session_state[access.SESSION_LIMITER]
    limiter.failures = deque(t - 60 for t in limiter.failures)
    at = sign_in(at, PASSWORD)
    assert is_open(at)


def test_the_back_off_doubles():
    lim = access.Limiter(free=5)
    now = time.time()
    waits = []
    for i in range(9):
        lim.fail(now=now + i)
        waits.append(lim.wait(now=now + i))
    assert waits == [0, 0, 0, 0, 2, 4, 8, 16, 32]
    capped = access.Limiter(free=1, cap=900)
    for _ in range(30):
        capped.fail(now=now)
    assert capped.wait(now=now) == 900


def test_failures_across_sessions_are_rate_limited(monkeypatch):
    """A guesser who opens a new session for every try meets the process-wide limit."""
    monkeypatch.setenv(access.ENV_VAR, HASH)
    monkeypatch.setattr(access, "PROCESS_LIMITER", access.Limiter(free=3))
    for _ in range(3):
        at = sign_in(open_app(), "guess")
        assert "not right" in error_text(at)
    fresh = sign_in(open_app(), PASSWORD)
    assert "Too many wrong passwords" in error_text(fresh) and is_locked(fresh)


# --- The comparison ---------------------------------------
def test_the_comparison_is_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((type(a), type(b)))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert access.verify(PASSWORD, HASH) and not access.verify("nope", HASH)
    assert calls == [(bytes, bytes)] * 2
    # The app's sign-in goes through the same comparison.
    monkeypatch.setenv(access.ENV_VAR, HASH)
    calls.clear()
    sign_in(open_app(), PASSWORD)
    assert calls == [(bytes, bytes)]


def test_hash_formats():
    for stored in (access.make_hash(PASSWORD, n=2**10, p=1),
                   access.make_pbkdf2_hash(PASSWORD, iterations=1_000)):
        assert access.verify(PASSWORD, stored)
        assert not access.verify(PASSWORD + " ", stored)
    # Two hashes of one password differ (a fresh salt each time).
    assert access.make_hash(PASSWORD, n=2**10, p=1) != access.make_hash(PASSWORD, n=2**10, p=1)
    default = access.make_hash(PASSWORD)
    assert default.startswith(f"scrypt${2**15}$8$3$") and access.verify(PASSWORD, default)
    for bad in ("", "hunter2", "scrypt$1000$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "scrypt$1024$8$1$!!$!!", "pbkdf2_sha256$10$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"):
        with pytest.raises(access.HashFormatError):
            access.verify(PASSWORD, bad)


def test_a_broken_hash_keeps_the_app_locked(monkeypatch):
    monkeypatch.setenv(access.ENV_VAR, "plain-text-password")
    at = open_app()
    assert is_locked(at) and not _has_password_box(at)
    assert "cannot be used" in error_text(at)


# --- Making a hash ---------------------------------------
def test_python_m_dashboard_access_prints_a_hash(monkeypatch, capsys):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(access.getpass, "getpass", lambda prompt="": next(answers))
    assert access.main([]) == 0
    out, err = capsys.readouterr()
    stored = out.strip()
    assert access.verify(PASSWORD, stored) and PASSWORD not in out + err
    assert "[access]" in err and access.ENV_VAR in err


@pytest.mark.parametrize("answers, words", [
    (["short", "short"], "at least 12"),
    ([PASSWORD, PASSWORD + "!"], "differ"),
])
def test_python_m_dashboard_access_refuses(monkeypatch, capsys, answers, words):
    it = iter(answers)
    monkeypatch.setattr(access.getpass, "getpass", lambda prompt="": next(it))
    assert access.main([]) == 1
    out, err = capsys.readouterr()
    assert out == "" and words in err


# --- Single sign-on ---------------------------------------
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "wres", "client_secret": "s",
        "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration"}


def test_single_sign_on_locks_until_signed_in():
    at = open_app(secrets={"auth": AUTH}, user={})
    assert is_locked(at)
    assert [b.label for b in at.button] == ["Sign in"]
    at = open_app(secrets={"auth": AUTH}, user={"is_logged_in": True, "email": "a@nhs.net"})
    assert is_open(at)


def test_single_sign_on_with_named_providers():
    auth = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": AUTH["cookie_secret"],
            "microsoft": {k: AUTH[k] for k in ("client_id", "client_secret",
                                               "server_metadata_url")}}
    at = open_app(secrets={"auth": auth}, user={})
    assert is_locked(at) and [b.label for b in at.button] == ["Sign in with microsoft"]
