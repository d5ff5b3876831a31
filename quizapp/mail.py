"""Sending mail through the configured SMTP server (standard library only).

``QUIZAPP_SMTP_HOST`` turns mail on: password-reset links and sign-up confirmations.  Links
are built from ``QUIZAPP_BASE_URL`` (``link()``), never from the request's Host header.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from flask import current_app, url_for

from quizapp.services.accounts import Mail, MailNotSent, Send

SECURITY_MODES = ("starttls", "ssl", "none")
TIMEOUT_S = 10


def mail_enabled() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def check_settings(config: Mapping[str, Any]) -> None:
    """Refuse to start with mail half-configured (called by ``create_app``)."""
    if not config.get("SMTP_HOST"):
        return
    if not config.get("BASE_URL"):
        raise RuntimeError(
            "QUIZAPP_SMTP_HOST is set but QUIZAPP_BASE_URL is not: links in mail need the "
            "site's public address, e.g. QUIZAPP_BASE_URL=https://quiz.example.org"
        )
    if config.get("SMTP_SECURITY") not in SECURITY_MODES:
        raise RuntimeError(f"QUIZAPP_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}")


def link(endpoint: str, **values: Any) -> str:
    """An absolute link for mail: ``QUIZAPP_BASE_URL`` followed by the route's path."""
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def smtp_sender(config: Mapping[str, Any] | None = None) -> Send:
    settings = dict(config if config is not None else current_app.config)

    def send(mail: Mail) -> None:
        message = EmailMessage()
        message["From"] = settings["MAIL_FROM"]
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Message-ID"] = make_msgid(domain="quizapp")
        message.set_content(mail.text)
        try:
            with _connect(settings) as server:
                if settings.get("SMTP_USERNAME"):
                    server.login(settings["SMTP_USERNAME"], settings.get("SMTP_PASSWORD", ""))
                server.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailNotSent(f"{type(exc).__name__}: {exc}") from exc

    return send


def _connect(settings: Mapping[str, Any]) -> smtplib.SMTP:
    host, port, security = settings["SMTP_HOST"], settings["SMTP_PORT"], settings["SMTP_SECURITY"]
    if security == "ssl":
        return smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_S, context=ssl.create_default_context())
    server = smtplib.SMTP(host, port, timeout=TIMEOUT_S)
    if security == "starttls":
        try:
            server.starttls(context=ssl.create_default_context())
        except BaseException:
            server.close()
            raise
    return server
