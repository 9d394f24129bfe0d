from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicykbConfig(AppConfig):
    name = "policykb"
    verbose_name = _("Knowledge base")
