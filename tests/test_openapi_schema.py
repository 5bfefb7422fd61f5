"""The OpenAPI schema at /api/v1/schema/ and its docs page: valid OpenAPI 3, every /api/v1/ URL
in it, error answers documented, and shown to the API's own users only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token

from tests.conftest import PASSWORD

SCHEMA, DOCS = "/api/v1/schema/", "/api/v1/docs/"
WRITES = ("post", "put", "patch")
OPERATIONS = ("get", *WRITES, "delete")


def api_routes():
    """Every URL the resolver serves under /api/v1/, as an OpenAPI path template."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + _template(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield "/" + route

    return {
        route for route in walk(get_resolver().url_patterns, "") if route.startswith("/api/v1/")
    }


def _template(pattern):
    text = str(pattern).lstrip("^").rstrip("$").replace("\\.", ".")
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
    # drf-spectacular calls a primary key "id", as the serializers do.
    return text.replace("{pk}", "{id}")


@pytest.fixture
def schema(client, coordinator):
    client.force_login(coordinator)
    response = client.get(SCHEMA, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method in OPERATIONS:
            if method in item:
                yield path, method, item[method]


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "IOM case management API"
    assert "Authorization: Token <key>" in schema["info"]["description"]
    assert "drf_create_token" in schema["info"]["description"]
    validate_schema(schema)  # raises on anything OpenAPI 3.0 does not allow


def test_every_api_url_is_in_the_schema(schema):
    routes = api_routes() - {SCHEMA, DOCS}
    assert len(routes) >= 27  # the resolver walk found the API modules
    assert routes == set(schema["paths"])


def test_both_authentication_schemes_are_described(schema):
    schemes = schema["components"]["securitySchemes"]
    assert {"tokenAuth", "cookieAuth"} <= set(schemes)
    assert schemes["tokenAuth"]["in"] == "header"
    assert schemes["tokenAuth"]["name"] == "Authorization"


def _schema_of(schema, response):
    ref = response["content"]["application/json"]["schema"]
    while "$ref" in ref:
        ref = schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]
    return ref


def test_every_write_documents_a_400_naming_each_field(schema):
    writes = [(p, m, op) for p, m, op in operations(schema) if m in WRITES]
    assert len(writes) >= 11
    for path, method, operation in writes:
        assert "400" in operation["responses"], (method, path)
        body = _schema_of(schema, operation["responses"]["400"])
        messages = body["additionalProperties"]["anyOf"][0]
        assert messages == {"type": "array", "items": {"type": "string"}}, (method, path)
        assert "requestBody" in operation, (method, path)


def test_every_operation_documents_refusals(schema):
    for path, method, operation in operations(schema):
        codes = set(operation["responses"])
        assert {"401", "403"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        assert any(code.startswith("2") for code in codes), (method, path)


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/api/v1/nominals/", {"q", "dob", "limit", "offset"}),
        ("/api/v1/memberships/", {"nominal", "open", "scheme"}),
        ("/api/v1/referrals/", {"status"}),
        ("/api/v1/exit-reviews/", {"status"}),
        ("/api/v1/nominals/{id}/matrix/", {"as_of"}),
        ("/api/v1/nominals/{id}/rag/", {"as_of"}),
        ("/api/v1/performance/caseload/", {"scheme", "level", "area", "dates"}),
        ("/api/v1/performance/needs/", {"scheme", "from", "to"}),
        ("/api/v1/performance/reoffending/", {"scheme", "before_start", "after_start"}),
        ("/api/v1/performance/reoffending-aligned/", {"period_start", "period_end", "as_of"}),
    ],
)
def test_query_parameters_are_documented(schema, path, names):
    params = {p["name"] for p in schema["paths"][path]["get"].get("parameters", ())}
    assert names <= params


def test_the_conflicts_are_documented(schema):
    rag = schema["paths"]["/api/v1/nominals/{id}/rag/"]["post"]["responses"]
    decisions = schema["paths"]["/api/v1/meetings/{id}/decisions/"]["post"]["responses"]
    assert "409" in rag
    assert "409" in decisions
    assert "quorum" in _schema_of(schema, decisions["409"])["properties"]


def test_the_report_download_is_a_pdf(schema):
    ok = schema["paths"]["/api/v1/performance/reports/{id}/download/"]["get"]["responses"]["200"]
    assert ok["content"]["application/pdf"]["schema"] == {"type": "string", "format": "binary"}


@pytest.mark.parametrize("path", [SCHEMA, DOCS])
def test_anonymous_users_are_refused(client, db, path):
    assert client.get(path).status_code == 401


@pytest.mark.parametrize("path", [SCHEMA, DOCS])
def test_users_who_are_not_staff_of_a_scheme_are_refused(client, db, path):
    outsider = get_user_model().objects.create_user("outsider", password=PASSWORD)
    client.force_login(outsider)
    assert client.get(path).status_code == 403


def test_a_token_reads_the_schema(client, police):
    token = Token.objects.create(user=police)
    response = client.get(SCHEMA, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert b"/api/v1/nominals/" in response.content


def test_a_session_needs_the_second_factor_outside_demo_mode(client, police, settings):
    settings.DEMO_MODE = False
    client.force_login(police)
    assert client.get(SCHEMA).status_code == 403


def test_the_docs_page_uses_this_sites_assets_and_the_csp_nonce(client, police):
    client.force_login(police)
    response = client.get(DOCS)
    assert response.status_code == 200
    page = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in page
    assert f'<style nonce="{nonce}">' in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)  # nothing from a CDN
    assert '"/api/v1/schema/"' in page
