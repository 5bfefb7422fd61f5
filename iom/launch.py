"""The development launcher: engines, migrations, demo data, then web + worker + beat.

    python -m iom.launch [--port 8000] [--no-demo]

Ctrl-C (or SIGTERM) stops the web server, the Celery worker and beat, then the embedded engines.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

from iom.embedded import BASE_DIR, engines

PYTHON = sys.executable
STOP_TIMEOUT = 15


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], check=True, cwd=BASE_DIR)  # noqa: S603


def _interrupt(*_):
    # SIGTERM takes the same way out as Ctrl-C, so the engines are stopped whenever it comes.
    raise KeyboardInterrupt


def _commands(port):
    celery = [PYTHON, "-m", "celery", "-A", "iom"]
    return {
        "web": [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        "worker": [*celery, "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [*celery, "beat", "--loglevel=INFO"],
    }


def _watch(processes):
    """Until Ctrl-C/SIGTERM (KeyboardInterrupt) or one of them exits; True if one exited."""
    while True:
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited with {process.returncode}; stopping.", flush=True)
                return True
        time.sleep(0.5)


def _stop(processes):
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    print(f"Stopped {', '.join(processes) or 'nothing'}.", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--no-demo", action="store_true", help="do not seed the demo scheme")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom.settings")
    # Set explicitly: a launcher started in the background inherits SIGINT ignored.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)

    failed = False
    try:
        with engines():
            processes = {}
            try:
                manage("migrate", "--noinput")
                if not args.no_demo:
                    manage("seed_demo", "--if-empty")
                for name, command in _commands(args.port).items():
                    processes[name] = subprocess.Popen(command, cwd=BASE_DIR)  # noqa: S603
                print(
                    f"\nIOM case management is running at http://127.0.0.1:{args.port}/ "
                    "- press Ctrl-C to stop.\n",
                    flush=True,
                )
                failed = _watch(processes)
            finally:
                # Shutting down must not be cut short by a second Ctrl-C or SIGTERM.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                _stop(processes)
    except KeyboardInterrupt:
        pass
    except subprocess.CalledProcessError as exc:
        print(f"{' '.join(exc.cmd[1:])} failed with exit code {exc.returncode}.", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
