"""The `curator` and `viewer` groups, so every database has the admin's roles."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

from policykb.admin.roles import ROLE_APPS, roles_sync


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration (post_migrate); on a fresh
    # database they do not exist yet, so create them for the knowledge-base apps first.
    for label in ROLE_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    roles_sync(apps=apps)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["curator", "viewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("policykb", "0005_history"),
        ("strategy", "0002_history"),
        ("roadmaps", "0002_history"),
        ("institutes", "0003_history"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
