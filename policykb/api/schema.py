"""OpenAPI: every operation documents `lang`; every GET documents `format` and CSV's `bom`."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from .language import LANG_PARAM, LANGUAGES
from .renderers import BOM_PARAM


class AutoSchema(SpectacularAutoSchema):
    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        parameters.append(
            OpenApiParameter(
                LANG_PARAM,
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(LANGUAGES),
                description=_(
                    "Language of the single `name`/`title` field and of messages (default: "
                    "Accept-Language, else Chinese). Both languages are always in `*_zh`/`*_en`."
                ),
            )
        )
        if self.method == "GET":
            parameters.append(
                OpenApiParameter(
                    "format",
                    OpenApiTypes.STR,
                    OpenApiParameter.QUERY,
                    enum=["json", "csv"],
                    description=_(
                        "json (default) or csv: every row matching the filters (not one page), "
                        "UTF-8 with a header row."
                    ),
                )
            )
            parameters.append(
                OpenApiParameter(
                    BOM_PARAM,
                    OpenApiTypes.BOOL,
                    OpenApiParameter.QUERY,
                    description=_(
                        "CSV only: start with a UTF-8 byte-order mark so spreadsheets read the "
                        "Chinese correctly (default true)."
                    ),
                )
            )
        return parameters
