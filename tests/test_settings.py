"""The production shape: settings that pass Django's deploy checks and refuse to guess secrets,
and a Dockerfile / docker-compose.yml that match the project."""

import os
import re
import secrets
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "IOM_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "iom.example.org",
    "DATABASE_URL": "postgres://iom:secret@db.invalid:5432/iom",
    "REDIS_URL": "redis://redis.invalid:6379/0",
}
# Only what a process needs to run: nothing from a developer's shell (DEBUG, IOM_DEMO,
# DJANGO_ALLOW_ASYNC_UNSAFE ...) may change what production looks like.
KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def run_django(*args, **variables):
    env = {k: v for k, v in os.environ.items() if k in KEPT}
    env.update({k: v for k, v in variables.items() if v is not None})
    return subprocess.run(  # noqa: S603 - the test's own interpreter and manage.py
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_variables():
    result = run_django("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without(missing):
    result = run_django("manage.py", "check", **{**PRODUCTION, missing: None})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {missing} must be set" in result.stderr


def test_production_has_no_debug_and_no_demo_mode():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.DEMO_MODE, s.SESSION_COOKIE_SECURE, s.DATABASES['default']['HOST'])"
    )
    result = run_django("-c", script, DJANGO_SETTINGS_MODULE="iom.settings", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True", "db.invalid"]


# --- Dockerfile and docker-compose.yml (Docker itself cannot run here) ---


def _dockerfile():
    text = (ROOT / "Dockerfile").read_text()
    return re.sub(r"\\\n", " ", text)  # join continued lines


def test_dockerfile_copies_every_package_pip_installs():
    dockerfile = _dockerfile()
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.MULTILINE)
    copied = set()
    for line in re.findall(r"^COPY (.+)$", dockerfile, re.MULTILINE):
        *sources, _target = line.split()
        copied.update(sources)
    for source in copied:
        assert (ROOT / source).exists(), f"Dockerfile copies {source}, which does not exist"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {
        p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    assert packages <= copied, f"not copied into the image: {packages - copied}"
    assert {"manage.py", "templates", "static", "pyproject.toml"} <= copied
    ignored = {
        line.strip().rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()
    }
    assert not copied & ignored, (
        f".dockerignore hides what the Dockerfile copies: {copied & ignored}"
    )


def test_dockerfile_builds_static_files_and_runs_gunicorn_as_non_root():
    dockerfile = _dockerfile()
    assert re.search(r"^RUN .*\bpip install \.(\s|$)", dockerfile, re.MULTILINE)
    assert "manage.py collectstatic --noinput" in dockerfile
    assert "libpango-1.0-0" in dockerfile  # WeasyPrint
    users = re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r'^CMD \["gunicorn", "iom\.wsgi:application"', dockerfile, re.MULTILINE)
    assert (ROOT / "iom" / "wsgi.py").exists()


@pytest.fixture
def compose():
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_every_part_of_the_service(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat"}
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    assert services["web"]["command"][:2] == ["gunicorn", "iom.wsgi:application"]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "iom", "worker"]
    beat = services["beat"]["command"]
    assert beat[:4] == ["celery", "-A", "iom", "beat"]
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat


def test_compose_app_services_are_production_and_wait_for_migrations(compose):
    for name in ("web", "worker", "beat", "migrate"):
        service = compose["services"][name]
        env = service["environment"]
        assert env["IOM_ENV"] == "production", name
        assert env["IOM_DEMO"] == "0", name
        for variable in ("SECRET_KEY", "ALLOWED_HOSTS"):
            assert env[variable] == f"${{{variable}:?set {variable}}}", name
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
        assert {"EMAIL_HOST", "EMAIL_PORT", "DEFAULT_FROM_EMAIL"} <= set(env)
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        if name != "migrate":
            condition = service["depends_on"]["migrate"]["condition"]
            assert condition == "service_completed_successfully"
