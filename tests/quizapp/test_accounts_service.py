"""The accounts service's rules on their own: emails, passwords, the one dummy hash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.services.accounts import (
    HashSettings,
    WeakPassword,
    canonical_email,
    check_password_strength,
    normalise_email,
)
from quizapp.services.accounts import passwords as password_rules
from quizapp.services.errors import ValidationFailed


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ana@Example.com", "ana@example.com"),
        ("  ana@example.com\t", "ana@example.com"),
        ("ａｎａ@ｅｘａｍｐｌｅ.ｃｏｍ", "ana@example.com"),  # full-width forms
        ("ＡＮＡ@example.com", "ana@example.com"),
        ("ﬁona@example.com", "fiona@example.com"),  # the ligature ﬁ
        ("José@example.com", "josé@example.com"),
    ],
)
def test_one_spelling_per_address(typed, stored):
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "typed", ["not-an-email", "a@b", "nul\x00@example.com", "x" * 250 + "@example.com", ""]
)
def test_unusable_addresses_are_refused_with_a_reason(typed):
    with pytest.raises(ValidationFailed):
        normalise_email(typed)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_canonical_form_is_stable(text):
    try:
        once = canonical_email(text)
    except UnicodeEncodeError:
        return
    assert canonical_email(once) == once


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("123456789", "at least 10 characters"),
        ("x" * 1025, "at most 1,024 characters"),
        ("password1234", "too easy to guess"),
        ("ana@example.com!", "too easy to guess"),  # the person's own address
        ("zzzzzzzzzzzzzzzz", "Repeats"),
        ("bad \ud800 surrogate here", "cannot be used"),
    ],
)
def test_weak_passwords_say_why(password, message):
    with pytest.raises(WeakPassword, match=message):
        check_password_strength(password, email="ana@example.com")


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "Baghouz spring 2019", "a much longer passphrase " * 20],
)
def test_strong_passwords_pass(password):
    check_password_strength(password, email="ana@example.com")


def test_unknown_emails_verify_against_one_hash_computed_once():
    """The old code hashed a dummy password on every unknown email (a second argon2 run,
    so unknown emails were slower); now the dummy hash is made once per cost setting."""
    settings_ = HashSettings(time_cost=1, memory_kib=1024)
    password_rules._dummy_hash.cache_clear()
    for guess in ("first guess!", "second guess", "third guess!"):
        password_rules.spend_one_verification(guess, settings_)
    info = password_rules._dummy_hash.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    other = HashSettings(time_cost=2, memory_kib=2048)
    password_rules.spend_one_verification("x", other)
    assert "$m=2048,t=2," in password_rules._dummy_hash(other)
