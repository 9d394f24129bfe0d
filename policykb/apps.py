from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicykbConfig(AppConfig):
    name = "policykb"
    verbose_name = _("Knowledge base")

    def ready(self):
        from corsheaders.signals import check_request_enabled

        from policykb.api.middleware import cors_enabled

        check_request_enabled.connect(cors_enabled, dispatch_uid="policykb-api-cors")
