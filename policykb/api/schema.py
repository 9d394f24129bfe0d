"""OpenAPI: every operation documents `lang`; every GET documents `format` and CSV's `bom`."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from .filters import SEVERAL_VALUES_HELP
from .language import LANG_PARAM, LANGUAGES
from .renderers import BOM_PARAM


class AutoSchema(SpectacularAutoSchema):
    def _get_filter_parameters(self):
        """A filter taking several values is an array sent as repeated parameters (`explode`),
        which the API reads as it reads a comma-separated list."""
        parameters = super()._get_filter_parameters()
        filterset = getattr(self.view, "filterset_class", None)
        several = {
            name
            for name, spec in (filterset.base_filters.items() if filterset else ())
            if getattr(spec, "several_values", False)
        }
        for parameter in parameters:
            if parameter["name"] not in several:
                continue
            schema = parameter["schema"]
            if schema.get("type") != "array":
                parameter["schema"] = schema = {"type": "array", "items": schema}
            parameter.update(style="form", explode=True)
            description = parameter.get("description", "")
            parameter["description"] = f"{description} {SEVERAL_VALUES_HELP}".strip()
        return parameters

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        parameters.append(
            OpenApiParameter(
                LANG_PARAM,
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(LANGUAGES),
                description=_(
                    "Language of the single `name`/`title` field and of messages (default: "
                    "Accept-Language, else Chinese). Both languages are always in `*_zh`/`*_en`."
                ),
            )
        )
        if self.method == "GET":
            parameters.append(
                OpenApiParameter(
                    "format",
                    OpenApiTypes.STR,
                    OpenApiParameter.QUERY,
                    enum=["json", "csv"],
                    description=_(
                        "json (default) or csv: every row matching the filters (not one page), "
                        "UTF-8 with a header row."
                    ),
                )
            )
            parameters.append(
                OpenApiParameter(
                    BOM_PARAM,
                    OpenApiTypes.BOOL,
                    OpenApiParameter.QUERY,
                    description=_(
                        "CSV only: start with a UTF-8 byte-order mark so spreadsheets read the "
                        "Chinese correctly (default true)."
                    ),
                )
            )
        return parameters


# --- The schema as a whole (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]) --------------------

ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: what went wrong, in the response's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "A 400: each wrong query parameter or field names its messages (a list of strings, or "
        "for nested records their own such objects); `detail` when the request as a whole is "
        "wrong (a body that is not JSON)."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {},
    "example": {"agency": ["Unknown agency: NOPE. Use a slug or acronym."]},
}
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests an anonymous client may make in the window (absent when "
    "authenticated).",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the oldest request counted leaves the window.",
}
LINK_HEADER = "RFC 8288 links to the next and previous pages (rel=next, rel=prev)."
ERRORS = {
    "400": ("ValidationError", "Bad input: an unknown value, parameter or field."),
    "404": ("Error", "No such record, page or path."),
    "406": ("Error", "An unknown format=: use json or csv."),
    "429": ("Error", "Too many requests: wait RateLimit-Reset (or Retry-After) seconds."),
}
WRITE_ERRORS = {
    "401": ("Error", "Writing takes a staff user's token."),
    "403": ("Error", "The user may not make this change."),
    "409": ("Error", "The change conflicts with the data stored."),
}
# Examples of the parameters analysts use most (values that exist in the knowledge base).
PARAMETER_EXAMPLES = {
    "agency": ["DOE", "DOD"],
    "institute": ["LIFT"],
    "program": ["ARP"],
    "source": ["003"],
    "search": "增材制造",
    "ordering": ["-amount_usd"],
    "group_by": "agency",
    "goal": ["1"],
}


def postprocess(result, generator, request, public):
    """What generators need and drf-spectacular does not give: anonymous reads, CSV as text,
    declared errors, rate-limit and Link headers, titles independent of the language."""
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas["ValidationError"] = VALIDATION_ERROR_SCHEMA
    headers = components.setdefault("headers", {})
    for name, description in RATE_LIMIT_HEADERS.items():
        headers[name] = {"description": description, "schema": {"type": "integer", "minimum": 0}}
    headers["Retry-After"] = {
        "description": "Seconds to wait before the next request.",
        "schema": {"type": "integer", "minimum": 0},
    }
    headers["Link"] = {"description": LINK_HEADER, "schema": {"type": "string"}}
    rate_limit_refs = {
        name: {"$ref": f"#/components/headers/{name}"} for name in RATE_LIMIT_HEADERS
    }
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            reading = method == "get"
            if reading or path.endswith("/token/"):
                # Anyone may read, without credentials (a token only lifts the quota). Not
                # `[{}, {tokenAuth: []}, ...]` (credentials optional): openapi-python-client, as
                # other generators, then demands an authenticated client for every read.
                operation["security"] = []
            responses = operation["responses"]
            for code, response in responses.items():
                content = response.get("content", {})
                if "text/csv" in content:
                    content["text/csv"] = {
                        "schema": {"type": "string"},
                        "example": "\ufeffslug,amount_usd\r\nexample-award,1000000\r\n",
                    }
                if code.startswith("2"):
                    response.setdefault("headers", {}).update(rate_limit_refs)
                    if reading and "Paginated" in json_ref(content):
                        response["headers"]["Link"] = {"$ref": "#/components/headers/Link"}
            errors = dict(ERRORS) if reading else {**ERRORS, **WRITE_ERRORS}
            for code, (component, description) in errors.items():
                response = responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{component}"}
                            }
                        },
                    },
                )
                response.setdefault("headers", {}).update(rate_limit_refs)
                if code == "429":
                    response["headers"]["Retry-After"] = {
                        "$ref": "#/components/headers/Retry-After"
                    }
            for parameter in operation.get("parameters", []):
                example = PARAMETER_EXAMPLES.get(parameter["name"])
                if example is None or "example" in parameter:
                    continue
                is_array = parameter.get("schema", {}).get("type") == "array"
                if is_array != isinstance(example, str):
                    parameter["example"] = example
    drop_titles(result.get("components", {}).get("schemas", {}))
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                drop_titles(operation.get("parameters", []))
    return result


def json_ref(content):
    return content.get("application/json", {}).get("schema", {}).get("$ref", "")


def drop_titles(node):
    """Titles come from the models' verbose names, in the request's language; generators name
    classes after them (`FundingList类别`). Without them, names come from the fields' English
    identifiers, the same whatever the language."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            del node["title"]
        for value in node.values():
            drop_titles(value)
    elif isinstance(node, list):
        for value in node:
            drop_titles(value)
