"""The account pages in a real browser: change the password, make an API token (shown
once) and revoke it, log out everywhere."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

NEW_PASSWORD = "a new and longer passphrase"


def _sign_up(page: Page, live_server, email: str) -> None:
    page.goto(live_server.url("/auth/register"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()


def test_account_password_and_tokens(page: Page, live_server, screenshot):
    _sign_up(page, live_server, "reader@example.com")
    page.get_by_role("link", name="reader@example.com").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.get_by_text("this one", exact=True)).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("account-1366")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot("account-360")

    page.get_by_role("link", name="Change your password").click()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill("password123")
    page.get_by_label("Repeat the password").fill("password123")
    page.get_by_role("button", name="Change the password").click()
    expect(page.get_by_text("too easy to guess")).to_be_visible()
    screenshot("password-refused-360")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("Repeat the password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change the password").click()
    expect(page.get_by_text("Your password is changed")).to_be_visible()

    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("grading script")
    page.get_by_label("Expires after").select_option("90")
    page.get_by_role("button", name="Create a token").click()
    token = page.locator("code.token").inner_text()
    assert len(token) >= 40
    screenshot("token-made-360")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("token-made-1366")
    page.goto(live_server.url("/auth/tokens"))
    expect(page.get_by_role("rowheader", name="grading script")).to_be_visible()
    expect(page.get_by_text(token)).to_have_count(0)
    page.get_by_role("button", name="Revoke grading script").click()
    expect(page.get_by_text("The token is revoked")).to_be_visible()

    page.goto(live_server.url("/auth/account"))
    page.get_by_role("button", name="Log out everywhere").click()
    expect(page.get_by_text("You are logged out on every device")).to_be_visible()
    page.goto(live_server.url("/auth/account"))
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_forgotten_password_without_mail(page: Page, live_server, screenshot):
    page.goto(live_server.url("/auth/login"))
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_text("quizapp user reset-password")).to_be_visible()
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot("reset-without-mail-360")
