"""Index helpers shared by the models' Meta.indexes."""

from django.db import models
from django.db.models.functions import Upper


def case_insensitive(prefix, *fields):
    """Indexes on UPPER(field) for the API's case-insensitive lookups (`?agency=doe`, `=DOE`).

    Django compiles `__iexact` to UPPER(column) = UPPER(value) on PostgreSQL, which a plain
    index cannot serve. (SQLite compiles it to LIKE, which no index serves; its tables are small.)
    """
    return [models.Index(Upper(field), name=f"{prefix}_{field}_upper") for field in fields]
