"""A bounded load generator for loopback only: N threads (users) replay GET requests with a
session cookie and report each request's latency. Run as its own process by bench/run.py:

    python -m bench.load '{"port": 8765, "cookie": "sessionid=…", "paths": ["/nominals/"],
                           "concurrency": 4, "requests": 60, "seconds": 30}'

Users take the paths in turn, or with "mix": true each request picks one at random; with
"think_ms": [low, high] each user pauses a random time between the two after each answer, as a
person reading the page would (Locust's `wait_time = between(low, high)`). It stops after
`requests` requests or `seconds` seconds, whichever comes first, and prints one JSON object:
{"latencies_ms": [...], "by_path": {path: [...]}, "statuses": {...}, "seconds": ...}.
"""

import http.client
import json
import random
import sys
import threading
import time
from collections import Counter, defaultdict

HOST = "127.0.0.1"  # never anything else: this is a load test of a server on this machine
MAX_REQUESTS = 5000
MAX_SECONDS = 300


def run(
    port: int,
    cookie: str,
    paths: list[str],
    concurrency: int,
    requests: int,
    seconds: float,
    think_ms: tuple[float, float] = (0, 0),
    mix: bool = False,
):
    requests, seconds = min(requests, MAX_REQUESTS), min(seconds, MAX_SECONDS)
    lock = threading.Lock()
    issued = 0
    latencies, statuses, by_path = [], Counter(), defaultdict(list)
    deadline = time.monotonic() + seconds

    def next_index():
        nonlocal issued
        with lock:
            if issued >= requests or time.monotonic() > deadline:
                return None
            issued += 1
            return issued - 1

    def worker(number):
        choose = random.Random(number)  # noqa: S311 (a load pattern, not a secret)
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Cookie": cookie, "Accept": "text/html,application/json"}
        low, high = think_ms
        if high:  # users arrive spread over one think time, not all at once
            time.sleep(choose.uniform(0, high) / 1000)
        while (index := next_index()) is not None:
            path = choose.choice(paths) if mix else paths[index % len(paths)]
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                status = "error"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                by_path[path].append(elapsed)
                statuses[str(status)] += 1
            if high:
                time.sleep(choose.uniform(low, high) / 1000)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 35)
    return {
        "latencies_ms": latencies,
        "by_path": dict(by_path),
        "statuses": dict(statuses),
        "seconds": time.perf_counter() - started,
    }


def main():
    spec = json.loads(sys.argv[1])
    result = run(
        int(spec["port"]),
        spec["cookie"],
        spec["paths"],
        int(spec.get("concurrency", 1)),
        int(spec.get("requests", 100)),
        float(spec.get("seconds", 30)),
        tuple(float(ms) for ms in spec.get("think_ms", (0, 0))),
        bool(spec.get("mix", False)),
    )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
