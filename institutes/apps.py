from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutesConfig(AppConfig):
    name = "institutes"
    verbose_name = _("Manufacturing USA and MEP")
