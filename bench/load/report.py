"""Printing the figures: per scenario and request type, with ratios to the ceilings."""

from __future__ import annotations

from drive import Scenario, WrkFigures


def _ratio(value: float, ceiling: float) -> str:
    return f"{value / ceiling:.2f}" if ceiling else "-"


def scenario(result: Scenario, *, read_ceiling: float, write_ceiling: float) -> None:
    print(f"\n== {result.title} ({result.seconds:g} s)")
    print(
        f"{'request':<38} {'requests':>8} {'errors':>6} {'req/s':>8} {'median':>7} "
        f"{'p95':>7} {'p99':>7} {'x ceiling':>9}"
    )
    for row in result.rows:
        ceiling = write_ceiling if row.name.startswith("POST") else read_ceiling
        print(
            f"{row.name:<38} {row.requests:>8} {row.failures:>6} {row.rps:>8.1f} "
            f"{row.median_ms:>5.0f}ms {row.p95_ms:>5.0f}ms {row.p99_ms:>5.0f}ms "
            f"{_ratio(row.rps, ceiling):>9}"
        )
    for error, count in sorted(result.failures.items()):
        print(f"  error: {error} x {count}")


def submissions(result: Scenario, accepted: int, *, write_ceiling: float) -> float:
    per_second = accepted / result.seconds if result.seconds else 0.0
    print(
        f"complete submissions: {accepted} in {result.seconds:g} s = {per_second:.1f}/s "
        f"({_ratio(per_second, write_ceiling)} x the write ceiling)"
    )
    return per_second


def refusals(result: Scenario) -> int:
    """Refusals of any kind (a 429 counts): every failed request of the scenario."""
    return sum(row.failures for row in result.rows)


def wrk_table(rows: list[WrkFigures], *, ceiling: float) -> None:
    print("\n== wrk -t2 -c32 (unconditional GETs)")
    print(f"{'path':<24} {'req/s':>9} {'latency':>9} {'non-2xx/3xx':>11} {'x /healthz':>10}")
    for row in rows:
        print(
            f"/{row.path:<23} {row.rps:>9.1f} {row.latency:>9} {row.non_2xx:>11} "
            f"{_ratio(row.rps, ceiling):>10}"
        )
        if row.errors != "none":
            print(f"  socket errors: {row.errors}")


def split(title: str, before: dict, after: dict) -> None:
    """Requests each app server received during a scenario (from HAProxy's counters)."""
    counts = {
        name: after[name]["requests"] - before.get(name, {}).get("requests", 0) for name in after
    }
    total = sum(counts.values()) or 1
    parts = ", ".join(
        f"{name} {count} ({100 * count / total:.0f}%, {after[name]['status']})"
        for name, count in sorted(counts.items())
    )
    print(f"split ({title}): {parts}")


def target(label: str, met: bool, detail: str) -> None:
    print(f"  target {'met' if met else 'NOT met'}: {label} ({detail})")
