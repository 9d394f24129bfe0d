"""pg_trgm for the search's trigram similarity; PostgreSQL only (SQLite searches without it)."""

from django.db import migrations


def create_trigram_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("policykb", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(create_trigram_extension, migrations.RunPython.noop, elidable=False),
    ]
