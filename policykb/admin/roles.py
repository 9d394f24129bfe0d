"""The admin's two roles, kept as auth groups: `curator` edits, `viewer` reads.

A data migration creates them on every database; `roles_sync()` can be run again (it is
idempotent) when models are added, so the groups always cover every knowledge-base model.
"""

from django.apps import apps as global_apps

ROLE_APPS = ("policykb", "strategy", "roadmaps", "institutes")
CURATOR = "curator"
VIEWER = "viewer"

# Sources are what every figure is traced to: a curator may correct one but never remove one.
CURATOR_MAY_NOT = {"delete_source"}


def knowledge_base_permissions(apps):
    """The view/add/change/delete permissions of every knowledge-base model (no history models)."""
    Permission = apps.get_model("auth", "Permission")
    wanted = {
        (label, model._meta.model_name)
        for label in ROLE_APPS
        for model in apps.get_app_config(label).get_models()
        # simple-history's tables are read through each record's History page, not edited.
        if not model._meta.model_name.startswith("historical")
    }
    permissions = Permission.objects.filter(content_type__app_label__in=ROLE_APPS)
    return [
        permission
        for permission in permissions.select_related("content_type")
        if (permission.content_type.app_label, permission.content_type.model) in wanted
    ]


def roles_sync(*, apps=global_apps):
    """Create or update the `curator` and `viewer` groups with their permissions."""
    Group = apps.get_model("auth", "Group")
    permissions = knowledge_base_permissions(apps)
    curator, _ = Group.objects.get_or_create(name=CURATOR)
    curator.permissions.set(
        [
            p
            for p in permissions
            if p.codename.split("_", 1)[0] in {"view", "add", "change", "delete"}
            and p.codename not in CURATOR_MAY_NOT
        ]
    )
    viewer, _ = Group.objects.get_or_create(name=VIEWER)
    viewer.permissions.set([p for p in permissions if p.codename.startswith("view_")])
    return curator, viewer
