"""Register, log in, see the home page, log out: in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD


def test_register_login_logout(page: Page, live_server, screenshot):
    page.goto(live_server.url("/"))
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("reader@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    screenshot("register")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Your account is ready")).to_be_visible()
    # The header shows who is logged in (the phone menu holds a second, hidden copy).
    expect(page.locator(".nav-account")).to_contain_text("reader@example.com")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out")).to_be_visible()

    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email").fill("reader@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Wrong email or password.")).to_be_visible()

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    screenshot("home-logged-in")
