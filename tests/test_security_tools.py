"""The CI security step: how scripts/test reads pip-audit's report (the real advisory service
may be out of reach here, so its verdicts are checked on made-up reports)."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "test"


@pytest.fixture(scope="module")
def verdict_code():
    text = SCRIPT.read_text()
    match = re.search(r"<<'PY' \|\| status_of_audit=\$\?\n(.*?)\nPY\n", text, re.DOTALL)
    assert match, "scripts/test no longer holds the pip-audit verdict"
    return match.group(1)


@pytest.fixture
def judge(verdict_code, tmp_path):
    def judge(report=None, stderr="", status=0):
        report_path, errors = tmp_path / "report.json", tmp_path / "report.err"
        if report is not None:
            report_path.write_text(json.dumps(report))
        errors.write_text(stderr)
        args = [str(report_path), str(errors), str(status), "pypi"]
        result = subprocess.run(  # noqa: S603 - this interpreter, the script's own code
            [sys.executable, "-c", verdict_code, *args], capture_output=True, text=True
        )
        return result.returncode, result.stdout + result.stderr

    return judge


def dep(name, version="1.0", vulns=(), skip=None):
    if skip:
        return {"name": name, "skip_reason": skip}
    return {"name": name, "version": version, "vulns": list(vulns)}


def test_clean_audit_passes(judge):
    code, out = judge({"dependencies": [dep("django", "5.2.19"), dep("celery")]})
    assert code == 0
    assert "2 packages audited, no known vulnerabilities" in out


def test_a_known_vulnerability_fails(judge):
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["5.2.99"], "aliases": [], "description": ""}
    report = {"dependencies": [dep("django", "5.2.19", [vuln]), dep("celery")]}
    code, out = judge(report, status=1)
    assert code == 1
    assert "django 5.2.19: PYSEC-2099-1 (fixed in: 5.2.99)" in out


def test_a_service_that_knows_no_package_is_unreachable_not_clean(judge):
    missing = "Dependency not found on PyPI and could not be audited: django (5.2.19)"
    report = {"dependencies": [dep("django", skip=missing), dep("iom", skip="editable")]}
    code, out = judge(report)
    assert code == 2
    assert "cannot be reached" in out


def test_network_failure_is_unreachable(judge):
    stderr = "Traceback ...\nrequests.exceptions.ConnectionError: Max retries exceeded\n"
    code, out = judge(stderr=stderr, status=1)
    assert code == 2
    assert "cannot reach the advisory service" in out


def test_any_other_failure_fails(judge):
    code, out = judge(stderr="error: unrecognized arguments: --bogus\n", status=2)
    assert code == 1
    assert "unrecognized arguments" in out
