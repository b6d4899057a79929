"""`feedsim dashboard` as a process on loopback, driven by hand-written HTTP requests and
websocket handshakes: another site's page (a foreign Origin) and a rebound name (a foreign Host)
are refused with 403 and no page; the dashboard's own origin is served; listening beyond this
machine needs --allow-remote, and then the printed access token.

Needs Solara (the dashboard's extra); skipped without it. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from browser import free_port

pytest.importorskip("solara")

ROOT = Path(__file__).parents[2]
START_TIMEOUT = 180  # Solara's import and first page on a loaded 2-core machine
EVIL = "http://evil.example"
# Solara's kernel websocket, as the page opens it (a page elsewhere would open the same).
KERNEL_WS = "/jupyter/api/kernels/feedsim-test/channels?session_id=feedsim-test"


def _request(
    port: int,
    path: str = "/",
    host: str | None = None,
    origin: str | None = None,
    websocket: bool = False,
    cookie: str | None = None,
) -> tuple[int, str, str]:
    """One request by hand (so every header is the test's choice): (status, headers, body)."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host or f'127.0.0.1:{port}'}"]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    if cookie is not None:
        lines.append(f"Cookie: {cookie}")
    if websocket:
        key = base64.b64encode(os.urandom(16)).decode()
        lines += [
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
        ]
    else:
        lines.append("Connection: close")
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while b"\r\n\r\n" not in data or not websocket:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, head.decode("latin-1"), body.decode("utf-8", "replace")


def _start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, int, list[str]]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scenario = tmp_path / "shop.toml"
    scenario.write_text(
        "days = 10\n[audience]\nusers = 1000\n[brand]\ninitial_followers = 50\n", encoding="utf-8"
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sim.cli",
            "dashboard",
            str(scenario),
            "--port",
            str(port),
            "--seeds",
            "1",
            "--out",
            str(tmp_path / "out"),
            *extra,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    said: list[str] = []  # what it prints, read on a thread of its own as it comes
    threading.Thread(
        target=lambda: said.extend(iter(proc.stderr.readline, "")), daemon=True
    ).start()
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            time.sleep(0.5)
            pytest.fail(f"the dashboard exited: {''.join(said)}")
        if any("http://" in line for line in said):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    return proc, port, said
            except OSError:
                pass
        time.sleep(0.3)
    proc.kill()
    pytest.fail(f"the dashboard did not listen within {START_TIMEOUT} s: {''.join(said)}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    proc, port, said = _start(tmp_path_factory.mktemp("dash"))
    yield port, said
    _stop(proc)


def test_its_own_origin_is_served(dashboard):
    port, said = dashboard
    assert any(f"http://127.0.0.1:{port}" in line for line in said)
    status, _, body = _request(port, origin=f"http://127.0.0.1:{port}")
    assert status == 200 and "solara" in body.lower()
    for host in (f"localhost:{port}", f"[::1]:{port}"):
        assert _request(port, host=host)[0] == 200, host
    status, head, _ = _request(port, KERNEL_WS, origin=f"http://127.0.0.1:{port}", websocket=True)
    assert status == 101, head


def test_another_sites_page_is_refused(dashboard):
    port, _ = dashboard
    status, _, body = _request(port, origin=EVIL)
    assert status == 403 and "solara" not in body.lower() and "Origin" in body
    # The kernel's websocket, the way a page elsewhere would open it.
    status, head, _ = _request(port, KERNEL_WS, origin=EVIL, websocket=True)
    assert status == 403, head
    # An origin that only starts like the dashboard's own.
    assert _request(port, origin=f"http://127.0.0.1:{port}.evil.example")[0] == 403


def test_a_rebound_name_is_refused(dashboard):
    """DNS rebinding: evil.example made to point at 127.0.0.1 still sends its own name."""
    port, _ = dashboard
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}"):
        status, _, body = _request(port, host=host)
        assert status == 403 and "solara" not in body.lower(), host
    status, head, _ = _request(
        port,
        KERNEL_WS,
        host=f"evil.example:{port}",
        origin=f"http://evil.example:{port}",
        websocket=True,
    )
    assert status == 403, head


def test_listening_beyond_this_machine_needs_allow_remote(feedsim):
    r = feedsim("dashboard", "--host", "0.0.0.0", "--port", str(free_port()))
    assert r.returncode == 2, r.stderr
    assert "--allow-remote" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_with_allow_remote_only_the_token_gets_in(tmp_path):
    """--allow-remote with a loopback --host (the test stays on this machine): the token is
    required just as it is for an address other machines reach."""
    proc, port, said = _start(tmp_path, "--host", "127.0.0.1", "--allow-remote")
    try:
        assert any("WARNING" in line for line in said), said
        url = next(line for line in said if "?token=" in line)
        token = url.split("?token=", 1)[1].split()[0]
        assert len(token) >= 32
        status, _, body = _request(port)
        assert status == 403 and "solara" not in body.lower()
        # A token one character off (not the same character: the token may end in it, one
        # time in 64, and then the "wrong" token was the token itself).
        wrong = token[:-1] + ("y" if token.endswith("x") else "x")
        assert _request(port, f"/?token={wrong}")[0] == 403
        status, head, body = _request(port, f"/?token={token}")
        assert status == 200 and "solara" in body.lower()
        cookie = next(
            line.split(":", 1)[1].strip()
            for line in head.split("\r\n")
            if line.lower().startswith("set-cookie:") and token in line
        )
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        jar = cookie.split(";", 1)[0]
        assert _request(port, cookie=jar)[0] == 200
        ws = KERNEL_WS
        assert (
            _request(port, ws, origin=f"http://127.0.0.1:{port}", websocket=True, cookie=jar)[0]
            == 101
        )
        assert _request(port, ws, origin=f"http://127.0.0.1:{port}", websocket=True)[0] == 403
        assert _request(port, ws, origin=EVIL, websocket=True, cookie=jar)[0] == 403
    finally:
        _stop(proc)
