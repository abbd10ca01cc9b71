"""Driving the load: locust headless (our locustfile) and wrk, and reading their figures."""

from __future__ import annotations

import csv
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
    """Run ``classes`` headless for ``seconds`` with ``users`` users spawned at once.

    ``on_started(process)`` is called once locust is running (the fault is injected there).
    """
    slug = re.sub(r"\W+", "-", title.lower()).strip("-")
    prefix = workdir / slug
    accepted = workdir / f"{slug}.accepted"
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(users),
        "-r",
        str(users),
        "--run-time",
        f"{seconds}s",
        # Users finish the sheet they are on: a POST cut off by the end of the run would be
        # stored without locust counting it.
        "--stop-timeout",
        "15",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    log = (workdir / f"{slug}.log").open("w")
    process = subprocess.Popen(
        command,
        env={**os.environ, **env, "BENCH_ACCEPTED_FILE": str(accepted)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    if on_started is not None:
        on_started(process)
    process.wait()
    return Scenario(
        title=title,
        seconds=seconds,
        rows=_stats(Path(f"{prefix}_stats.csv")),
        failures=_failures(Path(f"{prefix}_failures.csv")),
        accepted_file=accepted if accepted.exists() else None,
    )


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def _stats(path: Path) -> list[Figures]:
    rows = []
    with path.open() as source:
        for row in csv.DictReader(source):
            if row["Name"] == "Aggregated":
                continue
            rows.append(
                Figures(
                    # Our names carry the method already ("GET /healthz").
                    name=row["Name"],
                    requests=int(row["Request Count"]),
                    failures=int(row["Failure Count"]),
                    rps=_number(row["Requests/s"]),
                    median_ms=_number(row["50%"]),
                    p95_ms=_number(row["95%"]),
                    p99_ms=_number(row["99%"]),
                )
            )
    return rows


def _failures(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    with path.open() as source:
        return {
            f"{row['Name']}: {row['Error']}": int(row["Occurrences"])
            for row in csv.DictReader(source)
        }


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
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
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
