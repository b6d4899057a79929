"""The dashboard's request guard on its own (an ASGI layer; no server): which Host, Origin and
token pass to the app, and what a refusal answers."""

from __future__ import annotations

import asyncio

import pytest

from sim.dashboard.guard import COOKIE, DashboardGuard, is_loopback

PORT = 8765


async def _app(scope, receive, send):
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"the page"})


def _call(guard, headers: dict, kind: str = "http", query: str = "") -> list[dict]:
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {
        "type": kind,
        "path": "/",
        "query_string": query.encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(guard(scope, receive, send))
    return sent


def _status(sent: list[dict]) -> int:
    first = sent[0]
    if first["type"] == "websocket.accept":
        return 101
    if first["type"] == "websocket.close":
        return 403
    return first["status"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_which_hosts_are_this_machine_only(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("kind", ["http", "websocket"])
def test_loopback_names_and_own_origin_pass_the_rest_is_refused(kind):
    guard = DashboardGuard(_app, PORT)
    ok = 200 if kind == "http" else 101
    for host in (f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"[::1]:{PORT}", f"LOCALHOST:{PORT}"):
        assert _status(_call(guard, {"Host": host}, kind)) == ok, host
        assert _status(_call(guard, {"Host": host, "Origin": f"http://{host}"}, kind)) == ok
    refused = [
        {"Host": "evil.example"},
        {"Host": f"evil.example:{PORT}"},
        {"Host": "127.0.0.1"},
        {"Host": f"127.0.0.1:{PORT + 1}"},
        {},
        {"Host": f"127.0.0.1:{PORT}", "Origin": "http://evil.example"},
        {"Host": f"127.0.0.1:{PORT}", "Origin": "null"},
        {"Host": f"127.0.0.1:{PORT}", "Origin": f"http://localhost:{PORT}.evil.example"},
        {"Host": f"127.0.0.1:{PORT}", "Origin": f"http://localhost:{PORT}"},  # not the same
        {"Host": f"127.0.0.1:{PORT}", "Origin": f"file://127.0.0.1:{PORT}"},
    ]
    for headers in refused:
        sent = _call(guard, headers, kind)
        assert _status(sent) == 403, headers
        assert b"the page" not in b"".join(m.get("body", b"") for m in sent)


def test_a_loopback_address_given_to_host_is_its_own_name_too():
    guard = DashboardGuard(_app, PORT, host="127.0.0.2")
    assert _status(_call(guard, {"Host": f"127.0.0.2:{PORT}"})) == 200


def test_with_a_token_only_its_holder_passes_and_the_url_sets_a_strict_cookie():
    token = "s3cret-token"
    guard = DashboardGuard(_app, PORT, token=token, host="0.0.0.0")
    host = {"Host": f"192.168.1.5:{PORT}"}
    assert _status(_call(guard, host)) == 403
    assert _status(_call(guard, host, query="token=wrong")) == 403
    assert _status(_call(guard, {**host, "Cookie": f"{COOKIE}=wrong"})) == 403
    sent = _call(guard, host, query=f"token={token}")
    assert _status(sent) == 200
    cookies = [v.decode() for k, v in sent[0]["headers"] if k == b"set-cookie"]
    assert cookies == [f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"]
    jar = {**host, "Cookie": f"other=1; {COOKIE}={token}"}
    assert _status(_call(guard, jar)) == 200
    assert _status(_call(guard, jar, "websocket")) == 101
    # The token does not excuse another site's page.
    assert _status(_call(guard, {**jar, "Origin": "http://evil.example"}, "websocket")) == 403


def test_the_servers_own_events_pass_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    async def nothing(*_):
        return None

    asyncio.run(DashboardGuard(app, PORT)({"type": "lifespan"}, nothing, nothing))
    assert seen == ["lifespan"]
