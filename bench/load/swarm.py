"""One scenario: locust as a library, headless, its figures written as JSON once every user
has stopped (run.py starts this in a process of its own: locust patches the standard library).

    python bench/load/swarm.py --host URL --users N --seconds S --out FILE CLASS [CLASS ...]

The figures count every request made, those finished after the load time included (each user
finishes the sheet it is on), so that the submissions counted are those the database must hold.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import gevent
import locustfile
from locust import events
from locust.env import Environment

PERCENTILES = (0.5, 0.95, 0.99)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("classes", nargs="+")
    args = parser.parse_args()
    classes = [getattr(locustfile, name) for name in args.classes]
    # locust's own events, where the locustfile's listeners are.
    env = Environment(user_classes=classes, host=args.host, stop_timeout=15, events=events)
    runner = env.create_local_runner()
    started = time.monotonic()
    runner.start(args.users, spawn_rate=args.users)
    print("started", flush=True)  # run.py injects a fault from here
    gevent.sleep(args.seconds)
    loaded = time.monotonic() - started
    # Waits (up to stop_timeout) for each user to finish its task, then fires test_stop (the
    # locustfile writes the accepted submissions).
    runner.stop()
    rows = []
    for (name, method), entry in sorted(env.stats.entries.items()):
        rows.append(
            {
                "name": name,
                "method": method,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "rps": entry.num_requests / loaded,
                "percentiles_ms": [
                    entry.get_response_time_percentile(p) if entry.num_requests else 0
                    for p in PERCENTILES
                ],
            }
        )
    failures = [
        {"name": error.name, "error": str(error.error), "occurrences": error.occurrences}
        for error in env.stats.errors.values()
    ]
    args.out.write_text(
        json.dumps({"seconds": loaded, "rows": rows, "failures": failures}, indent=1)
    )
    runner.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
