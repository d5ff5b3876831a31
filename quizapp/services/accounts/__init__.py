"""Accounts: sign-up, passwords, login sessions, API tokens and password resets.

One module per concept; this package re-exports what the pages, the API and the command
line call, so they write ``accounts.log_in(...)``.
"""

from quizapp.services.accounts.api_tokens import (
    DEFAULT_TOKEN_NAME,
    MAX_TOKEN_DAYS,
    create_token,
    issue_token,
    list_tokens,
    revoke_token,
    user_for_token,
)
from quizapp.services.accounts.emails import canonical_email, lookup_email, normalise_email
from quizapp.services.accounts.login_sessions import (
    SessionLifetimes,
    change_password,
    list_sessions,
    log_in,
    log_out,
    log_out_everywhere,
    start_login_session,
    user_for_login_key,
)
from quizapp.services.accounts.messages import Mail, MailNotSent, Send
from quizapp.services.accounts.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    HashSettings,
    WeakPassword,
    check_password_strength,
)
from quizapp.services.accounts.resets import (
    create_reset_link,
    request_password_reset,
    reset_link_email,
    reset_password,
)
from quizapp.services.accounts.signup import (
    complete_signup,
    request_signup,
    sign_up,
    signup_email,
    signup_token,
)
from quizapp.services.accounts.users import (
    BAD_CREDENTIALS,
    EMAIL_UNAVAILABLE,
    authenticate,
    count_users,
    create_user,
    find_user_by_email,
    list_users,
    set_password,
    set_role,
)

__all__ = [
    "BAD_CREDENTIALS",
    "DEFAULT_TOKEN_NAME",
    "EMAIL_UNAVAILABLE",
    "MAX_PASSWORD_LENGTH",
    "MAX_TOKEN_DAYS",
    "MIN_PASSWORD_LENGTH",
    "HashSettings",
    "Mail",
    "MailNotSent",
    "Send",
    "SessionLifetimes",
    "WeakPassword",
    "authenticate",
    "canonical_email",
    "change_password",
    "check_password_strength",
    "complete_signup",
    "count_users",
    "create_reset_link",
    "create_token",
    "create_user",
    "find_user_by_email",
    "issue_token",
    "list_sessions",
    "list_tokens",
    "list_users",
    "log_in",
    "log_out",
    "log_out_everywhere",
    "lookup_email",
    "normalise_email",
    "request_password_reset",
    "request_signup",
    "reset_link_email",
    "reset_password",
    "revoke_token",
    "set_password",
    "set_role",
    "sign_up",
    "signup_email",
    "signup_token",
    "start_login_session",
    "user_for_login_key",
    "user_for_token",
]
