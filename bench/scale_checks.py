"""The scale test's checks that run while the load is on: a cookie session, a quiz attempt,
the shared rate limits, and the client's address through the proxy.  Each returns a dict
with ``ok`` and what it saw; none raises for a failed expectation (the report says which)."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie
from typing import Any

from bench.scale_clients import request
from bench.scale_infra import UPSTREAM_HEADER

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def answered_by(headers: dict[str, str]) -> str:
    """The instance that answered through nginx: the last address of ``$upstream_addr``."""
    return headers.get(UPSTREAM_HEADER.lower(), "").split(",")[-1].strip()


class Browser:
    """Cookies and CSRF, the way a browser keeps them, over plain ``http.client``."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def send(self, port: int, method: str, path: str, form: dict[str, str] | None = None,
             source: str | None = None) -> tuple[int, dict[str, str], str]:  # fmt: skip
        from urllib.parse import urlencode

        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        answer = request(port, method, path, body=body, headers=headers, source=source)
        if answer is None:
            return 0, {}, ""
        status, got, raw = answer
        for line in got.get("set-cookie", "").split("\n"):
            if line.strip():
                jar = SimpleCookie()
                jar.load(line)
                for name, morsel in jar.items():
                    self.cookies[name] = morsel.value
        return status, got, raw.decode("utf-8", "replace")


def check_session(proxy_port: int, ports: list[int], email: str, password: str,
                  set_id: int) -> dict[str, Any]:  # fmt: skip
    """Log in through the proxy; the cookie then opens pages on every instance, through the
    proxy and directly; a quiz is started with a form whose CSRF token another instance
    issued, and its question page is read on a third."""
    browser = Browser()
    problems: list[str] = []
    status, _, page = browser.send(proxy_port, "GET", "/auth/login")
    token = CSRF.search(page)
    if status != 200 or token is None:
        return {"ok": False, "problems": [f"login page: {status}"]}
    form = {"email": email, "password": password, "csrf_token": token.group(1)}
    status, headers, _ = browser.send(proxy_port, "POST", "/auth/login", form)
    if status != 302:
        return {"ok": False, "problems": [f"login answered {status}"]}
    through_proxy: dict[str, int] = {}
    for _ in range(4 * len(ports)):
        status, headers, page = browser.send(proxy_port, "GET", "/")
        host = answered_by(headers)
        through_proxy[host] = through_proxy.get(host, 0) + 1
        if status != 200 or email not in page:
            problems.append(f"/ through the proxy from {host}: {status}")
    for port in ports:
        status, _, page = browser.send(port, "GET", "/")
        if status != 200 or email not in page:
            problems.append(f"/ directly on :{port}: {status}")
    # The CSRF token from instance 1's page, the form posted to instance 2, the page read on 3.
    first, second, third = ports[0], ports[1 % len(ports)], ports[2 % len(ports)]
    status, _, page = browser.send(first, "GET", f"/quiz/sets/{set_id}")
    token = CSRF.search(page)
    started_path = ""
    if status != 200 or token is None:
        problems.append(f"quiz start page on :{first}: {status}")
    else:
        status, headers, _ = browser.send(
            second, "POST", f"/quiz/sets/{set_id}", {"csrf_token": token.group(1)}
        )
        started_path = headers.get("location", "")
        if status != 302 or "/quiz/attempts/" not in started_path:
            problems.append(f"quiz start posted to :{second}: {status} {started_path}")
        else:
            path = "/" + started_path.split("://", 1)[-1].split("/", 1)[-1]
            status, _, page = browser.send(third, "GET", path)
            if status != 200:
                problems.append(f"question page on :{third}: {status}")
    if len(through_proxy) < min(2, len(ports)):
        problems.append(f"the proxy sent every page to one instance: {through_proxy}")
    return {
        "ok": not problems,
        "pages_through_proxy_by_instance": through_proxy,
        "quiz_started_at": started_path,
        "problems": problems,
    }


def check_attempt(ports: list[int], token: str, set_id: int) -> dict[str, Any]:
    """A quiz attempt started on one instance, answered on the others in turn, read on a
    third, submitted on a second and read back on the first (JSON API, bearer token)."""
    problems: list[str] = []
    n = len(ports)
    answer = request(ports[0], "POST", f"/api/v1/sets/{set_id}/attempts", token=token, body={})
    if answer is None or answer[0] not in (200, 201):
        return {"ok": False, "problems": [f"start: {answer[0] if answer else 'no answer'}"]}
    import json

    attempt = json.loads(answer[2])
    attempt_id = attempt["id"]
    saved: dict[str, Any] = {}
    for index, question in enumerate(q for q in attempt["questions"] if q.get("choices")):
        if question["type"] != "multiple_choice" or len(saved) >= 2 * n:
            continue
        port = ports[(index + 1) % n]
        choice = question["choices"][-1]["id"]
        path = f"/api/v1/attempts/{attempt_id}/answers/{question['id']}"
        got = request(port, "PUT", path, token=token, body={"response": choice})
        if got is None or got[0] != 200:
            problems.append(f"save on :{port}: {got[0] if got else 'no answer'}")
        saved[question["id"]] = choice
    got = request(ports[2 % n], "GET", f"/api/v1/attempts/{attempt_id}", token=token)
    if got is None or got[0] != 200:
        problems.append("read back failed")
    else:
        responses = {q["id"]: q["response"] for q in json.loads(got[2])["questions"]}
        wrong = [k for k, v in saved.items() if responses.get(k) != v]
        if wrong:
            problems.append(f"saved answers not read back on :{ports[2 % n]}: {wrong}")
    got = request(ports[1 % n], "POST", f"/api/v1/attempts/{attempt_id}/submit", token=token)
    if got is None or got[0] != 200:
        problems.append(f"submit on :{ports[1 % n]}: {got[0] if got else 'no answer'}")
    got = request(ports[0], "GET", f"/api/v1/attempts/{attempt_id}", token=token)
    if got is None or got[0] != 200 or not json.loads(got[2]).get("submitted"):
        problems.append("the first instance does not see the attempt submitted")
    return {"ok": not problems and bool(saved), "attempt_id": attempt_id,
            "answers_saved": len(saved), "problems": problems}  # fmt: skip


def _token_request(port: int, email: str, source: str, spoof: str | None = None) -> tuple[int, str]:
    headers = {"X-Forwarded-For": spoof, "X-Real-IP": spoof} if spoof else {}
    body = {"email": email, "password": "not-the-password-9"}
    got = request(port, "POST", "/api/v1/tokens", body=body, headers=headers, source=source)
    if got is None:
        return 0, ""
    return got[0], answered_by(got[1])


def check_limits(proxy_port: int, redis_client: Any, known_email: str, per_client: int,
                 per_account: int, instances: int) -> dict[str, Any]:  # fmt: skip
    """Failed token requests through the proxy, from distinct loopback addresses (nginx
    sees each as a different client):

    * client A fails ``per_client`` times (the requests spread over the instances), then is
      refused (429): the count is shared, or each instance would let A go on;
    * A again, with X-Forwarded-For / X-Real-IP naming another address: still refused, the
      proxy replaced the header;
    * client B is not refused: limits are per client address;
    * the same account from ``per_account + 1`` addresses in turn: the last one is refused;
    * Redis holds a count for A's address and none for the spoofed one.
    """
    problems: list[str] = []
    spread: dict[str, int] = {}
    for n in range(per_client):
        status, host = _token_request(proxy_port, f"nobody{n}@scale.example", "127.0.0.2")
        spread[host] = spread.get(host, 0) + 1
        if status != 401:
            problems.append(f"client A failure {n + 1}: {status}, expected 401")
    status, _ = _token_request(proxy_port, "nobody-x@scale.example", "127.0.0.2")
    a_refused = status
    if status != 429:
        problems.append(f"client A after {per_client} failures: {status}, expected 429")
    spoofed, _ = _token_request(proxy_port, "nobody-y@scale.example", "127.0.0.2", "198.51.100.7")
    if spoofed != 429:
        problems.append(f"client A with a spoofed X-Forwarded-For: {spoofed}, expected 429")
    other, _ = _token_request(proxy_port, "nobody-z@scale.example", "127.0.0.3")
    if other != 401:
        problems.append(f"client B: {other}, expected 401 (its own limit)")
    account_statuses = []
    for n in range(per_account + 1):
        status, _ = _token_request(proxy_port, known_email, f"127.0.1.{n + 1}")
        account_statuses.append(status)
    if account_statuses[:-1] != [401] * per_account or account_statuses[-1] != 429:
        problems.append(f"one account from many addresses: {account_statuses}")
    keys = [k.decode() for k in redis_client.scan_iter(count=1000)]
    keys_a = [k for k in keys if "127.0.0.2" in k]
    keys_spoofed = [k for k in keys if "198.51.100.7" in k]
    if not keys_a:
        problems.append("no count for client A's address in Redis")
    if keys_spoofed:
        problems.append(f"a count for the spoofed address in Redis: {keys_spoofed}")
    if len(spread) < min(2, instances):
        problems.append(f"client A's failures all went to one instance: {spread}")
    return {
        "ok": not problems,
        "client_a_failures_by_instance": spread,
        "client_a_then": a_refused,
        "client_a_spoofed_header": spoofed,
        "client_b": other,
        "one_account_many_addresses": account_statuses,
        "redis_keys_for_client_a": keys_a[:5],
        "redis_keys_for_spoofed_address": keys_spoofed[:5],
        "problems": problems,
    }
