"""Driving the load: locust headless (our locustfile) and wrk, and reading their figures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


@dataclass
class Figures:
    """One request type's figures in one scenario."""

    name: str
    requests: int
    failures: int
    rps: float
    median_ms: float
    p95_ms: float
    p99_ms: float


@dataclass
class Scenario:
    title: str
    seconds: float
    rows: list[Figures]
    failures: dict[str, int]  # "<request type>: <error>" -> occurrences
    accepted_file: Path | None = None

    def row(self, name: str) -> Figures | None:
        return next((row for row in self.rows if row.name.endswith(name)), None)


def locust(
    title: str,
    classes: list[str],
    *,
    host: str,
    users: int,
    seconds: int,
    workdir: Path,
    env: dict[str, str],
    on_started=None,
) -> Scenario:
    """Run ``classes`` headless for ``seconds`` with ``users`` users spawned at once (swarm.py).

    ``on_started()`` is called once the users are running (the fault is injected there).
    """
    slug = re.sub(r"\W+", "-", title.lower()).strip("-")
    out = workdir / f"{slug}.json"
    accepted = workdir / f"{slug}.accepted"
    command = [
        sys.executable,
        str(HERE / "swarm.py"),
        "--host",
        host,
        "--users",
        str(users),
        "--seconds",
        str(seconds),
        "--out",
        str(out),
        *classes,
    ]
    log_path = workdir / f"{slug}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 (our own script)
            command,
            cwd=HERE,
            env={**os.environ, **env, "BENCH_ACCEPTED_FILE": str(accepted)},
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        first = process.stdout.readline()
        if first.strip() == "started" and on_started is not None:
            on_started()
        process.communicate()
    if process.returncode != 0 or not out.exists():
        tail = log_path.read_text()[-3000:]
        raise RuntimeError(f"locust failed ({title}); see {log_path}:\n{tail}")
    data = json.loads(out.read_text())
    rows = [
        Figures(
            name=row["name"],
            requests=row["requests"],
            failures=row["failures"],
            rps=row["rps"],
            median_ms=row["percentiles_ms"][0],
            p95_ms=row["percentiles_ms"][1],
            p99_ms=row["percentiles_ms"][2],
        )
        for row in data["rows"]
    ]
    return Scenario(
        title=title,
        seconds=data["seconds"],
        rows=rows,
        failures={f"{f['name']}: {f['error']}": f["occurrences"] for f in data["failures"]},
        accepted_file=accepted if accepted.exists() else None,
    )


def accepted(scenario: Scenario) -> list[tuple[str, str]]:
    """(respondent hash, sheet code) of each submission locust saw accepted."""
    if scenario.accepted_file is None:
        return []
    lines = scenario.accepted_file.read_text().splitlines()
    return [tuple(line.split(" ", 1)) for line in lines if line]


@dataclass
class WrkFigures:
    path: str
    rps: float
    latency: str
    non_2xx: int
    errors: str


def wrk(url: str, *, seconds: int, connections: int = 32, threads: int = 2) -> WrkFigures:
    """``wrk -t2 -c32 -dNs``: unconditional GETs, as fast as the server answers."""
    # Debian's wrk, on the PATH.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = re.search(r"^\s+Latency\s+(\S+)", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:(.*)", output)
    return WrkFigures(
        path=url.split("/", 3)[3] if url.count("/") >= 3 else url,
        rps=float(rps.group(1)) if rps else 0.0,
        latency=latency.group(1) if latency else "?",
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        errors=errors.group(1).strip() if errors else "none",
    )
