"""Mail through a real SMTP server (aiosmtpd, started by the test): password reset and
sign-up by mail, neither of which tells a visitor who has an account."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import LoginSession, PasswordReset, User
from tests.conftest import PASSWORD
from tests.mail_server import SmtpServer, free_port

NEW_PASSWORD = "a freshly chosen passphrase"


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def app_config(smtp):
    return smtp.app_config()


def _link(text: str) -> str:
    """The path of the first link to the site in a mail."""
    url = re.search(r"https://quiz\.example\.org(/\S+)", text).group(1)
    return urlsplit(url).path


def test_password_reset_mail_is_received_and_its_link_works_once(
    app, client, smtp, factories, auth
):
    user = factories.user(email="ana@example.com")
    other_browser = app.test_client()
    other_browser.post("/auth/login", data={"email": user.email, "password": PASSWORD})

    response = client.post("/auth/reset", data={"email": "ANA@example.com"})
    assert response.status_code == 200
    assert "Check your email" in response.get_data(as_text=True)
    (mail,) = smtp.inbox.wait_for(1)
    assert mail.recipients == ["ana@example.com"]
    assert mail.message["Subject"] == "Reset your quizapp password"
    assert mail.message["From"] == "quizapp <no-reply@quiz.example.org>"
    path = _link(mail.text)
    assert path.startswith("/auth/reset/")

    page = client.get(path)
    assert page.status_code == 200
    assert "ana@example.com" in page.get_data(as_text=True)
    done = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.headers["Location"] == "/auth/login"

    # Once: the link is spent, and the sessions opened with the old password are over.
    again = client.post(path, data={"password": "yet another passphrase", "confirm": "x"})
    assert again.status_code == 400
    assert "expired or was already used" in again.get_data(as_text=True)
    assert other_browser.get("/auth/account").status_code == 302
    assert auth.login(user.email).status_code == 401
    assert auth.login(user.email, NEW_PASSWORD).status_code == 302


def test_a_reset_link_expires(app, client, smtp, clock, factories):
    factories.user(email="ana@example.com")
    client.post("/auth/reset", data={"email": "ana@example.com"})
    path = _link(smtp.inbox.wait_for(1)[0].text)
    clock.advance(minutes=61)
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_a_weak_new_password_keeps_the_link(client, smtp, factories):
    factories.user(email="ana@example.com")
    client.post("/auth/reset", data={"email": "ana@example.com"})
    path = _link(smtp.inbox.wait_for(1)[0].text)
    weak = client.post(path, data={"password": "password12", "confirm": "password12"})
    assert weak.status_code == 400
    assert "too easy to guess" in weak.get_data(as_text=True)
    assert (
        client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code
        == 302
    )


def test_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(
    app, client, smtp, factories
):
    factories.user(email="ana@example.com")
    known = client.post("/auth/reset", data={"email": "ana@example.com"})
    unknown = client.post("/auth/reset", data={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    smtp.inbox.wait_for(1)
    assert [m.recipients for m in smtp.inbox.mails] == [["ana@example.com"]]
    with app.app_context():
        assert db.session.execute(select(func.count(PasswordReset.id))).scalar_one() == 1


def test_host_header_does_not_reach_the_link(client, smtp, factories):
    factories.user(email="ana@example.com")
    client.post("/auth/reset", data={"email": "ana@example.com"}, headers={"Host": "evil.example"})
    (mail,) = smtp.inbox.wait_for(1)
    assert "evil.example" not in mail.text
    assert "https://quiz.example.org/auth/reset/" in mail.text


def test_sign_up_by_mail_creates_the_account_once(app, client, smtp):
    response = client.post("/auth/register", data={"email": "New@Example.com"})
    assert response.status_code == 200
    assert "Check your email" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count(User.id))).scalar_one() == 0
    (mail,) = smtp.inbox.wait_for(1)
    assert mail.recipients == ["new@example.com"]
    path = _link(mail.text)
    page = client.get(path)
    assert page.status_code == 200 and "new@example.com" in page.get_data(as_text=True)
    weak = client.post(path, data={"password": "1234567890", "confirm": "1234567890"})
    assert weak.status_code == 400
    done = client.post(path, data={"password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302
    assert "new@example.com" in client.get("/").get_data(as_text=True)
    again = app.test_client().post(path, data={"password": PASSWORD, "confirm": PASSWORD})
    assert again.status_code == 302
    assert again.headers["Location"] == "/auth/login"
    with app.app_context():
        assert db.session.execute(select(func.count(User.id))).scalar_one() == 1
        assert db.session.execute(select(func.count(LoginSession.id))).scalar_one() == 1


def _without_csrf(response) -> str:
    """The page with its CSRF tokens blanked: they are signed with the second they were made
    in, so two pages a second apart differ there and nowhere else."""
    page = response.get_data(as_text=True)
    return re.sub(r'(name="csrf[-_]token" (?:content|value)=")[^"]*', r"\1", page)


def test_sign_up_with_a_taken_address_looks_the_same_and_mails_its_owner(client, smtp, factories):
    factories.user(email="ana@example.com")
    taken = client.post("/auth/register", data={"email": "ana@example.com"})
    free = client.post("/auth/register", data={"email": "bob@example.com"})
    assert taken.status_code == free.status_code == 200
    assert _without_csrf(taken) == _without_csrf(free)
    first, second = smtp.inbox.wait_for(2)
    assert first.message["Subject"] == "You already have a quizapp account"
    assert "/auth/reset" in first.text and "/auth/login" in first.text
    assert second.message["Subject"] == "Finish creating your quizapp account"


def test_a_sign_up_link_expires_and_cannot_be_forged(client, smtp, clock):
    client.post("/auth/register", data={"email": "new@example.com"})
    path = _link(smtp.inbox.wait_for(1)[0].text)
    forged = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    assert client.get(forged).status_code == 400
    clock.advance(hours=25)
    response = client.get(path)
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


class TestMailServerDown:
    @pytest.fixture
    def app_config(self):
        return SmtpServer.settings(free_port())  # nothing listens there

    def test_a_failed_send_is_logged_and_the_answer_stays_neutral(self, client, factories, caplog):
        factories.user(email="ana@example.com")
        response = client.post("/auth/reset", data={"email": "ana@example.com"})
        assert response.status_code == 200
        assert "Check your email" in response.get_data(as_text=True)
        assert "Password-reset mail was not sent" in caplog.text


class TestWithoutMail:
    @pytest.fixture
    def app_config(self):
        return {}

    def test_the_reset_page_says_whom_to_ask(self, client):
        page = client.get("/auth/reset")
        assert page.status_code == 200
        assert "quizapp user reset-password" in page.get_data(as_text=True)
        assert client.post("/auth/reset", data={"email": "a@example.com"}).status_code == 400

    def test_sign_up_links_do_not_exist(self, client):
        assert client.get("/auth/register/anything").status_code == 404


def test_mail_settings_without_a_base_url_refuse_to_start(tmp_path, clock):
    from tests.conftest import make_test_app

    with pytest.raises(RuntimeError, match="QUIZAPP_BASE_URL"):
        make_test_app(f"sqlite:///{tmp_path / 'x.db'}", clock, SMTP_HOST="127.0.0.1", BASE_URL="")
