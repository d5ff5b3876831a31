"""Sign-up that does not tell who has an account.

With mail configured, sign-up asks only for the address and always answers "check your
email": a new address gets a signed link to choose a password and finish; an address that
has an account gets a note saying so, with links to log in or reset the password.  Only the
mailbox's owner learns which.  The link carries the address, signed with the site's secret
key and dated; it works for ``lifetime`` and creates the account at most once.

Without mail there is no channel but the page itself, so a taken address is refused with a
message that neither confirms it nor names an account (``users.EMAIL_UNAVAILABLE``), and
the per-address and per-client limits slow anyone trying many addresses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from quizapp.models import User
from quizapp.services.accounts.emails import normalise_email
from quizapp.services.accounts.login_sessions import SessionLifetimes, start_login_session
from quizapp.services.accounts.messages import Send, already_registered_mail, signup_mail
from quizapp.services.accounts.passwords import HashSettings
from quizapp.services.accounts.users import create_user, find_user_by_email
from quizapp.services.errors import ValidationFailed

LINK_NOT_VALID = "This sign-up link has expired or is not valid. Sign up again for a new one."
_SALT = "quizapp-signup"


def _serializer(secret_key: str, now: datetime) -> URLSafeTimedSerializer:
    """Dates the link by the app's clock (so tests move time rather than sleep)."""

    class ClockSigner(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(now.timestamp())

    return URLSafeTimedSerializer(secret_key, salt=_SALT, signer=ClockSigner)


def request_signup(
    session: Session,
    *,
    email: str,
    now: datetime,
    lifetime: timedelta,
    secret_key: str,
    signup_link: Callable[[str], str],
    login_link: str,
    reset_link: str,
    send: Send,
) -> None:
    """Mail the next step to ``email``; the same outcome for the browser either way.
    Raises ValidationFailed for an address that is not valid, MailNotSent on mail failure."""
    address = normalise_email(email)
    if find_user_by_email(session, address) is not None:
        send(already_registered_mail(address, login_link, reset_link))
        return
    token = signup_token(address, now=now, secret_key=secret_key)
    send(signup_mail(address, signup_link(token), int(lifetime.total_seconds() // 3600)))


def signup_token(email: str, *, now: datetime, secret_key: str) -> str:
    """The token of a sign-up link for ``email``, dated ``now``."""
    return _serializer(secret_key, now).dumps(normalise_email(email))


def signup_email(token: str, *, now: datetime, lifetime: timedelta, secret_key: str) -> str:
    """The address a sign-up link was sent to, or ValidationFailed once it is too old."""
    try:
        address = _serializer(secret_key, now).loads(token, max_age=int(lifetime.total_seconds()))
    except (SignatureExpired, BadSignature, UnicodeError) as exc:
        raise ValidationFailed(LINK_NOT_VALID, code="invalid_signup") from exc
    if not isinstance(address, str):
        raise ValidationFailed(LINK_NOT_VALID, code="invalid_signup")
    return address


def sign_up(
    session: Session,
    *,
    email: str,
    password: str,
    now: datetime,
    hashing: HashSettings,
    lifetimes: SessionLifetimes,
    user_agent: str = "",
    timezone: str | None = None,
) -> User:
    """Sign-up without mail: create the student account (in the browser's ``timezone``)
    and log it in."""
    user = create_user(
        session, email=email, password=password, now=now, hashing=hashing, timezone=timezone
    )
    return start_login_session(
        session, user, remember=False, now=now, lifetimes=lifetimes, user_agent=user_agent
    )


def complete_signup(
    session: Session,
    *,
    token: str,
    password: str,
    now: datetime,
    lifetime: timedelta,
    secret_key: str,
    hashing: HashSettings,
    lifetimes: SessionLifetimes,
    user_agent: str = "",
    timezone: str | None = None,
) -> User:
    """Create the account a sign-up link was sent for, and log it in.  Once: a second use
    finds the address taken (Conflict)."""
    address = signup_email(token, now=now, lifetime=lifetime, secret_key=secret_key)
    return sign_up(
        session,
        email=address,
        password=password,
        now=now,
        hashing=hashing,
        lifetimes=lifetimes,
        user_agent=user_agent,
        timezone=timezone,
    )
