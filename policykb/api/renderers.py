"""CSV for every list: a header row, a stable column order, every row, Chinese intact.

The columns are the serializer's fields in their declared order. Nested values are flattened into
one cell: related records by slug, sources as `slug locator`, lists joined with "; ". A cell that
starts with = + - @ (or a tab or carriage return) is prefixed with ' so that a spreadsheet shows it
as text instead of running it as a formula.
"""

import csv
import io
import json
from decimal import Decimal

import orjson
from rest_framework import renderers
from rest_framework.renderers import BaseRenderer
from rest_framework.utils import encoders

BOM = "\ufeff"
BOM_PARAM = "bom"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def neutralise(text):
    """Text a spreadsheet will not evaluate as a formula."""
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def compact(item):
    """One nested record as short text: its slug, or a citation as `source locator`."""
    if isinstance(item, dict):
        if "source" in item and "locator" in item:
            return f"{item['source']} {item['locator']}"
        for key in ("slug", "organization", "key"):
            if item.get(key) not in (None, ""):
                return str(item[key])
        return json.dumps(item, ensure_ascii=False, default=str)
    return cell_text(item)


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        # The joined cell is checked too: a linked record's slug may start with '-'.
        return neutralise(LIST_SEPARATOR.join(compact(item) for item in value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return neutralise(str(value))


def file_name(request):
    """/api/institute-members/?year=2021 -> policykb-institute-members.csv; a record's CSV is
    named after its slug too (policykb-institutes-lift.csv). Slugs are ASCII: no quoting."""
    parts = [part for part in request.path.split("/") if part and part != "api"]
    return "-".join(["policykb", *parts]) + ".csv"


def wants_bom(request):
    """The byte-order mark is on unless ?bom=0/false/no: spreadsheets need it to read UTF-8."""
    if request is None:
        return True
    return request.query_params.get(BOM_PARAM, "1").strip().lower() not in {"0", "false", "no"}


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view = renderer_context.get("view")
        request = renderer_context.get("request")
        header, rows = self.table(view, data)
        response = renderer_context.get("response")
        if request is not None and response is not None and response.status_code < 400:
            response["Content-Disposition"] = f'attachment; filename="{file_name(request)}"'
        buffer = io.StringIO()
        if wants_bom(request):
            buffer.write(BOM)
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([neutralise(str(name)) for name in header])
        for row in rows:
            writer.writerow([cell_text(row.get(name)) for name in header])
        return buffer.getvalue().encode(self.charset)

    def table(self, view, data):
        """(header, rows): the view may lay its own data out (aggregates); else the generic way."""
        if view is not None and hasattr(view, "get_csv_table"):
            table = view.get_csv_table(data)
            if table is not None:
                return table
        return generic_table(data)


def generic_table(data):
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if isinstance(data, dict):
        data = [data]
    rows = [row if isinstance(row, dict) else {"value": row} for row in (data or [])]
    header = []
    for row in rows:
        header.extend(name for name in row if name not in header)
    return header, rows


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, encoded by orjson: the same bytes, several times faster for a 100 KB list.

    Compact output only: an indented response (Accept: application/json; indent=2) and anything
    orjson refuses (NaN, which DRF's strict JSON refuses too) go through DRF's own encoder.
    """

    encoder = encoders.JSONEncoder()

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            content = orjson.dumps(data, default=self.encoder.default)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF: U+2028 and U+2029 escaped, since JavaScript reads them as line ends.
        return content.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
