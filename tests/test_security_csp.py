"""Content-Security-Policy: only the service's own files run, plus the one nonced inline script."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy_of(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def script_nonce(policy):
    """The nonce, the same for scripts and styles, and the only inline code either allows."""
    sources = policy["script-src"].split()
    nonces = [s for s in sources if s.startswith("'nonce-")]
    assert sources[0] == "'self'" and len(nonces) == 1 and len(sources) == 2, sources
    assert policy["style-src"] == policy["script-src"]
    return nonces[0][len("'nonce-") : -1]


@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_carry_the_policy_with_a_nonce_matching_the_inline_script(client, police, signed_in):
    if signed_in:
        client.force_login(police)
    response = client.get("/" if signed_in else "/sign-in/")
    assert response.status_code == 200
    policy = policy_of(response)
    for directive, sources in EXPECTED.items():
        assert policy[directive] == sources, directive
    nonce = script_nonce(policy)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [f' nonce="{nonce}"']
    assert "style=" not in html and "<style" not in html


def test_each_response_gets_a_fresh_nonce(client, db):
    first = script_nonce(policy_of(client.get("/sign-in/")))
    second = script_nonce(policy_of(client.get("/sign-in/")))
    assert first != second and len(first) >= 16


def test_htmx_does_not_inject_its_indicator_styles(client, db):
    html = client.get("/sign-in/").content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html


def _browser_templates():
    """Every template a browser renders: PDF templates go to WeasyPrint, which has no CSP."""
    dirs = [ROOT / "templates", *ROOT.glob("*/templates")]
    for directory in dirs:
        for path in directory.rglob("*.html"):
            if "pdf" not in path.relative_to(directory).parts:
                yield path


def test_no_template_needs_unsafe_inline():
    problems = []
    for path in _browser_templates():
        text = path.read_text()
        for number, line in enumerate(text.splitlines(), 1):
            where = f"{path.relative_to(ROOT)}:{number}"
            if re.search(r"\sstyle\s*=|\son[a-z]+\s*=", line):
                problems.append(f"{where}: style or event-handler attribute (CSP blocks it)")
            for attributes in re.findall(r"<script\b([^>]*)>", line):
                if "src=" not in attributes and "request.csp_nonce" not in attributes:
                    problems.append(f"{where}: inline <script> without the CSP nonce")
            for attributes in re.findall(r"<style\b([^>]*)>", line):
                if "request.csp_nonce" not in attributes:
                    problems.append(f"{where}: inline <style> without the CSP nonce")
    assert not problems, "\n".join(problems)
