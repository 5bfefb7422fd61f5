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

from iom.embedded import engines

PYTHON = sys.executable


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], check=True)  # noqa: S603


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--no-demo", action="store_true", help="do not seed the demo scheme")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iom.settings")

    with engines():
        manage("migrate", "--noinput")
        if not args.no_demo:
            manage("seed_demo", "--if-empty")
        commands = {
            "web": [PYTHON, "manage.py", "runserver", f"127.0.0.1:{args.port}", "--noreload"],
            "worker": [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "iom",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
            ],
            "beat": [PYTHON, "-m", "celery", "-A", "iom", "beat", "--loglevel=INFO"],
        }
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603
        print(
            f"\nIOM case management is running at http://127.0.0.1:{args.port}/ "
            "- press Ctrl-C to stop.\n",
            flush=True,
        )
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        print(f"{name} exited with {process.returncode}; stopping.", flush=True)
                        stopping = True
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
            print("Stopped web, worker and beat.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
