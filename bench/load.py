"""A bounded load generator for loopback only: N threads replay GET requests with a session
cookie and report each request's latency. Run as its own process by bench/run.py:

    python -m bench.load '{"port": 8765, "cookie": "sessionid=…", "paths": ["/nominals/"],
                           "concurrency": 4, "requests": 60, "seconds": 30}'

It stops after `requests` requests or `seconds` seconds, whichever comes first, and prints one
JSON object: {"latencies_ms": [...], "statuses": {...}, "seconds": ...}.
"""

import http.client
import json
import sys
import threading
import time
from collections import Counter

HOST = "127.0.0.1"  # never anything else: this is a load test of a server on this machine
MAX_REQUESTS = 5000
MAX_SECONDS = 120


def run(port: int, cookie: str, paths: list[str], concurrency: int, requests: int, seconds: float):
    requests, seconds = min(requests, MAX_REQUESTS), min(seconds, MAX_SECONDS)
    lock = threading.Lock()
    issued = 0
    latencies, statuses = [], Counter()
    deadline = time.monotonic() + seconds

    def next_index():
        nonlocal issued
        with lock:
            if issued >= requests or time.monotonic() > deadline:
                return None
            issued += 1
            return issued - 1

    def worker():
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Cookie": cookie, "Accept": "text/html,application/json"}
        while (index := next_index()) is not None:
            path = paths[index % len(paths)]
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
                statuses[str(status)] += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 35)
    return {
        "latencies_ms": latencies,
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
    )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
