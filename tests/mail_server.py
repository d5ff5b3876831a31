"""A real SMTP server for the tests: aiosmtpd on a free local port, keeping what it gets."""

from __future__ import annotations

import email
import socket
import time
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: Message

    @property
    def text(self) -> str:
        return self.message.get_payload(decode=True).decode(self.message.get_content_charset())


@dataclass
class Inbox:
    """What the server received, in order."""

    mails: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.mails.append(
            Received(
                sender=envelope.mail_from,
                recipients=list(envelope.rcpt_tos),
                message=email.message_from_bytes(envelope.content),
            )
        )
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout_s: float = 5.0) -> list[Received]:
        """The first ``count`` mails, once they have arrived."""
        deadline = time.monotonic() + timeout_s
        while len(self.mails) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(self.mails) >= count, f"expected {count} mails, got {len(self.mails)}"
        return self.mails[:count]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def app_config(self) -> dict[str, Any]:
        return self.settings(self.port)

    @staticmethod
    def settings(port: int) -> dict[str, Any]:
        """The app's mail settings for a server on ``port`` of this machine."""
        return {
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": port,
            "SMTP_SECURITY": "none",
            "BASE_URL": "https://quiz.example.org",
            "MAIL_FROM": "quizapp <no-reply@quiz.example.org>",
        }
