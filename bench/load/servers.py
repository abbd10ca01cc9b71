"""The processes the benchmark starts and stops: gunicorn app servers and HAProxy.

Each runs in a session of its own, so that stopping (or killing) one reaches its workers and
nothing else. Only processes started here are ever signalled, by their own ids.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HAPROXY = "/usr/sbin/haproxy"


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path
    killed: bool = field(default=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def kill(self) -> None:
        """As a machine that dies: the master and its workers at once, no goodbye."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.killed = True


def gunicorn(name: str, port: int, env: dict[str, str], logs: Path) -> Server:
    log = logs / f"{name}.log"
    process = subprocess.Popen(  # noqa: S603 (our own command)
        [str(BIN / "gunicorn"), "igfsession.wsgi", "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env={**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(name, port, process, log)
    wait_ready(f"{server.url}/readyz", process, log)
    return server


def haproxy(port: int, stats_port: int, backends: list[Server], workdir: Path) -> Server:
    """HAProxy from our template (bench/load/haproxy.cfg) in front of ``backends``."""
    template = (Path(__file__).parent / "haproxy.cfg").read_text()
    lines = "\n".join(
        f"    server {s.name} 127.0.0.1:{s.port} check inter 1s fall 3 rise 2" for s in backends
    )
    config = (
        template.replace("{{FRONTEND_PORT}}", str(port))
        .replace("{{STATS_PORT}}", str(stats_port))
        .replace("{{STATS_SOCKET}}", str(workdir / "haproxy.sock"))
        .replace("{{SERVERS}}", lines)
    )
    path = workdir / "haproxy.cfg"
    path.write_text(config)
    log = workdir / "haproxy.log"
    process = subprocess.Popen(  # noqa: S603 (our own command)
        [HAPROXY, "-db", "-f", str(path)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server("haproxy", port, process, log)
    wait_ready(f"{server.url}/readyz", process, log)
    # Both app servers must be up in HAProxy's eyes before the load starts.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        states = {row["svname"]: row["status"] for row in stats(workdir) if row["svname"]}
        if all(states.get(s.name) == "UP" for s in backends):
            break
        time.sleep(0.2)
    return server


def wait_ready(url: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited; see {log}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (our own URL)
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {seconds} s; see {log}")


def stats(workdir: Path) -> list[dict[str, str]]:
    """HAProxy's ``show stat`` from its stats socket, one dict per proxy or server."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(str(workdir / "haproxy.sock"))
        sock.sendall(b"show stat\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    lines = [line for line in data.decode().splitlines() if line]
    header = lines[0].lstrip("# ").split(",")
    return [dict(zip(header, line.split(","), strict=False)) for line in lines[1:]]


def split(workdir: Path, backend: str = "app") -> dict[str, dict[str, int | str]]:
    """Per app server: HTTP requests sent to it, its 5xx answers, connection errors, status."""
    result = {}
    for row in stats(workdir):
        if row["pxname"] == backend and row["svname"] not in ("FRONTEND", "BACKEND"):
            result[row["svname"]] = {
                "requests": int(row.get("req_tot") or row.get("stot") or 0),
                "5xx": int(row.get("hrsp_5xx") or 0),
                "connection errors": int(row.get("econ") or 0),
                "response errors": int(row.get("eresp") or 0),
                "status": row["status"],
            }
    return result
