"""Datasette's ceiling for the benchmark: a constant response through the same server."""

from datasette import hookimpl
from datasette.utils.asgi import Response


async def constant(request):
    return Response.text("ok\n")


@hookimpl
def register_routes():
    return [(r"^/-/bench-constant$", constant)]
