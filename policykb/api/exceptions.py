"""DRF's exception handler, plus clear answers for what would otherwise be a server error."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {
                "detail": _(
                    "This record cannot be deleted: other records still refer to it (%(count)d)."
                )
                % {
                    "count": len(
                        exc.protected_objects
                        if isinstance(exc, ProtectedError)
                        else exc.restricted_objects
                    )
                }
            },
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, IntegrityError):
        return Response(
            {
                "detail": _("The change conflicts with the data already stored: %(error)s")
                % {"error": exc}
            },
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
