from django.apps import AppConfig
from django.db.models.signals import post_migrate


class VersioningConfig(AppConfig):
    name = "policykb.versioning"
    label = "versioning"
    verbose_name = "data version"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from policykb.caching import install_data_version_triggers

        # After every migrate and flush: the triggers that keep the response cache never stale.
        post_migrate.connect(
            install_data_version_triggers, sender=self, dispatch_uid="policykb-data-version"
        )
