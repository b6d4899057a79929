"""Who may use the dashboard: an ASGI layer in front of Solara's app.

The dashboard runs simulations and writes files on the user's machine, so a web page the user
happens to have open elsewhere must not drive it. Every HTTP request and websocket handshake
is refused with 403 unless

- its ``Host`` is the dashboard's own: on loopback (the default) ``127.0.0.1``, ``localhost``
  or ``[::1]`` with the dashboard's port, which stops DNS rebinding (a page whose name was
  made to point at 127.0.0.1 still sends its own name);
- its ``Origin``, when the browser sends one, is that same host (``http://HOST:PORT``), which
  stops another site's page from opening the kernel's websocket or posting to the server;
- and, when the dashboard may serve other machines (``--allow-remote``), it carries the access
  token: in the URL (``?token=...``) once, then in an HttpOnly, SameSite=Strict cookie the
  answer sets. The Host check is then the Origin check's partner only (the name others reach
  this machine by is not known here); the token is what keeps strangers out.
"""

from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import parse_qs, urlsplit

COOKIE = "feedsim_dashboard_token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or name to listen on) is this machine only."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh random access token (for ``--allow-remote``)."""
    return secrets.token_urlsafe(24)


class DashboardGuard:
    """Wraps an ASGI app (Solara's Starlette app); see the module's text.

    Args:
        app: the app to protect.
        port: the port the dashboard listens on.
        token: the access token (``--allow-remote``), or None: then the Host must be a
            loopback name.
        host: the address listened on (a loopback one other than the usual names is allowed
            as a Host too).
    """

    def __init__(self, app, port: int, token: str | None = None, host: str = "127.0.0.1"):
        self.app = app
        self.port = int(port)
        self.token = token
        names = set(LOOPBACK_NAMES)
        if is_loopback(host):  # e.g. 127.0.0.2, as given to --host
            names.add(f"[{host.strip('[]')}]" if ":" in host else host.lower())
        self.hosts = {f"{name}:{self.port}" for name in names}
        if self.port == 80:
            self.hosts |= names

    async def __call__(self, scope, receive, send):
        """Pass a request or websocket handshake on to the app, or refuse it with 403 when its
        Host, Origin or token is not this dashboard's; a token given in the URL is set as a
        cookie."""
        if scope["type"] not in ("http", "websocket"):  # lifespan: the server's own
            return await self.app(scope, receive, send)
        headers = {}
        for name, value in scope.get("headers") or ():
            headers.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
        why = self._refusal(headers)
        token_in_url = False
        if why is None and self.token is not None:
            token_in_url, why = self._token(scope, headers)
        if why is not None:
            return await _refuse(scope, send, why)
        if token_in_url and scope["type"] == "http":
            send = _with_cookie(send, f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/")
        return await self.app(scope, receive, send)

    def _refusal(self, headers: dict) -> str | None:
        host = headers.get("host", "").strip().lower()
        if not host:
            return "no Host header"
        if self.token is None and host not in self.hosts:
            return f"Host {host!r} is not this dashboard's"
        origin = headers.get("origin")
        if origin is not None:
            parts = urlsplit(origin.strip().lower())
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                return f"Origin {origin!r} is not this dashboard's"
        return None

    def _token(self, scope, headers: dict) -> tuple[bool, str | None]:
        """(token came in the URL, why refused or None)."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        for given in query.get("token", []):
            if secrets.compare_digest(given.encode(), self.token.encode()):
                return True, None
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and secrets.compare_digest(value.encode(), self.token.encode()):
                return False, None
        return False, "no access token (open the URL feedsim dashboard printed)"


def _with_cookie(send, cookie: str):
    async def sending(message):
        if message["type"] == "http.response.start":
            message = {
                **message,
                "headers": [*message.get("headers", []), (b"set-cookie", cookie.encode("latin-1"))],
            }
        await send(message)

    return sending


async def _refuse(scope, send, why: str) -> None:
    """403 with a one-line reason; for a websocket, the handshake is declined (the server
    answers it with 403)."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": why[:120]})
        return
    body = f"403 Forbidden: {why}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"x-content-type-options", b"nosniff"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
