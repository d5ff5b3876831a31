"""The mail the account services send, as plain text; ``quizapp.mail`` delivers it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str


#: Delivers one message (``quizapp.mail.smtp_sender``); raises MailNotSent when it cannot.
Send = Callable[[Mail], None]


class MailNotSent(Exception):
    """The mail server could not be reached or refused the message."""


def reset_mail(to: str, link: str, minutes: int) -> Mail:
    return Mail(
        to=to,
        subject="Reset your quizapp password",
        text=(
            "Someone asked to reset the password of your quizapp account.\n\n"
            f"To choose a new password, open this link within {minutes} minutes:\n\n"
            f"{link}\n\n"
            "The link works once. If you did not ask for it, ignore this mail: your password "
            "stays as it is.\n"
        ),
    )


def signup_mail(to: str, link: str, hours: int) -> Mail:
    return Mail(
        to=to,
        subject="Finish creating your quizapp account",
        text=(
            "Someone asked to create a quizapp account with this address.\n\n"
            f"To choose your password and start, open this link within {hours} hours:\n\n"
            f"{link}\n\n"
            "If it was not you, ignore this mail: no account is created.\n"
        ),
    )


def already_registered_mail(to: str, login_link: str, reset_link: str) -> Mail:
    return Mail(
        to=to,
        subject="You already have a quizapp account",
        text=(
            "Someone asked to create a quizapp account with this address, but you already "
            "have one.\n\n"
            f"Log in: {login_link}\n"
            f"Forgot your password? Reset it: {reset_link}\n\n"
            "If it was not you, ignore this mail: nothing has changed.\n"
        ),
    )
