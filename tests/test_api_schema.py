"""OpenAPI schema and docs, and a schemathesis run over every GET operation of the schema."""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

pytestmark = pytest.mark.django_db

LIST_ENDPOINTS = [
    "agencies",
    "organizations",
    "sources",
    "programs",
    "policies",
    "goals",
    "objectives",
    "recommendations",
    "participations",
    "institutes",
    "institute-members",
    "network-metrics",
    "mep-metrics",
    "roadmap-areas",
    "roadmap-projects",
    "funding",
]


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_is_valid_openapi(openapi):
    validate_schema(openapi)
    assert openapi["openapi"].startswith("3.")


def test_schema_is_served(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "PolicyKB API"


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_every_list_filter_is_described(openapi, endpoint):
    operation = openapi["paths"][f"/api/{endpoint}/"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    for common in ("page", "page_size", "search", "ordering", "lang", "format"):
        assert common in parameters, (endpoint, common)
    assert parameters["page_size"]["schema"]["maximum"] == 500
    for name, parameter in parameters.items():
        assert parameter.get("description"), f"{endpoint}: {name} has no description"
    detail = openapi["paths"][f"/api/{endpoint}/{{slug}}/"]
    assert {"get", "put", "patch", "delete"} <= set(detail)


def test_filters_have_their_types(openapi):
    funding = {p["name"]: p for p in openapi["paths"]["/api/funding/"]["get"]["parameters"]}
    assert funding["amount_min"]["schema"]["type"] == "integer"
    assert funding["date_after"]["schema"]["format"] == "date"
    assert set(funding["kind"]["schema"]["items"]["enum"]) >= {"award", "budget_line"}
    summary = {p["name"]: p for p in openapi["paths"]["/api/funding/summary/"]["get"]["parameters"]}
    assert summary["group_by"]["required"] is True
    assert set(summary["group_by"]["schema"]["enum"]) == {
        "program",
        "agency",
        "year",
        "recipient",
        "institute",
    }
    assert "/api/participations/matrix/" in openapi["paths"]


def test_docs_are_served_without_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "https://" not in html and "http://" not in html.replace("http://testserver", "")
    # Swagger UI's start-up script is a file of its own (the CSP allows no inline script); it
    # names the schema.
    script = client.get("/api/docs/", {"script": ""}).content.decode()
    assert "/api/schema/" in script
    assert "https://" not in script and "http://" not in script.replace("http://testserver", "")


def test_docs_assets_exist():
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css")


def test_api_root_in_browser(client):
    response = Client().get("/api/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"/api/institutes/" in response.content


# --- schemathesis ----------------------------------------------------------------------------


# Quick by default; API_FUZZ_DEEP=1 adds the coverage phase (boundary and invalid values of every
# parameter) and more examples: slower, for a thorough look before a release.
DEEP = os.environ.get("API_FUZZ_DEEP") == "1"
COVERAGE_PHASE = DEEP
MAX_EXAMPLES = 100 if DEEP else 15


def load_schema():
    """The schema as /api/schema/ serves it, run against the WSGI application in-process."""
    from policykb.wsgi import application

    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    loaded.app = application
    loaded.config.phases.coverage.enabled = COVERAGE_PHASE
    return loaded


schema = load_schema().include(method="GET")
# Every other operation: the writes of every resource, and POST /api/token/.
writes = load_schema().exclude(method="GET")


@pytest.fixture
def wsgi_keeps_the_test_connection():
    # The WSGI handler closes the connection after each request, as a server's does; the test
    # client does not, and neither may this run, which sits inside the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_schema_fuzz_finds_no_server_error(case, wsgi_keeps_the_test_connection):
    # Identity encoding: schemathesis' in-process WSGI call does not undo gzip as an HTTP client
    # does (tests/test_api_analysis.py checks the compression).
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )


@pytest.fixture
def staff_token(db):
    from django.contrib.auth.models import User
    from rest_framework.authtoken.models import Token

    user = User.objects.create_superuser("api-fuzz", "fuzz@example.org", "fuzz-passphrase-2024")
    return Token.objects.create(user=user).key


@writes.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_schema_fuzz_of_every_write_finds_no_server_error(
    case, wsgi_keeps_the_test_connection, staff_token
):
    # As a staff user with every permission, so that the bodies reach validation: a bad one is a
    # 400, never a 5xx, and every answer matches the schema.
    case.call_and_validate(
        headers={"Authorization": f"Token {staff_token}", "Accept-Encoding": "identity"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
