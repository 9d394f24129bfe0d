"""Page-number pagination with a `page_size` the client may choose up to a cap (never clamped)."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

MAX_PAGE_SIZE = 500


def _positive_int(request, name, message):
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value < 1:
        raise ValidationError({name: [message % {"value": raw}]})
    return value


class FirstPageCountingPaginator(Paginator):
    """Counts the rows of a first page that is not full instead of asking the database.

    Most lists an analyst asks for (the institutes, a filtered funding query) fit on one page:
    fewer rows than a page holds are all the rows, and the COUNT query, compiled and run on
    every request, tells nothing more. A full first page is counted as usual.
    """

    def page(self, number):
        if number != 1 or self.orphans:
            return super().page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.__dict__["count"] = len(rows)  # Paginator.count is a cached_property
        return self._get_page(rows, number, self)


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (1 to MAX_PAGE_SIZE); CSV is never paginated: it has every row."""

    django_paginator_class = FirstPageCountingPaginator
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        size = _positive_int(
            request,
            self.page_size_query_param,
            _("page_size must be a whole number from 1 up; got %(value)r."),
        )
        if size is None:
            return self.page_size
        if size > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _(
                            "page_size may be at most %(max)d (got %(value)d): ask for further "
                            "pages with page=, or for every row at once with format=csv."
                        )
                        % {"max": self.max_page_size, "value": size}
                    ]
                }
            )
        return size

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw in self.last_page_strings:
            return raw
        number = _positive_int(
            request,
            self.page_query_param,
            _("page must be a whole number from 1 up; got %(value)r."),
        )
        return number or 1

    def paginate_queryset(self, queryset, request, view=None):
        renderer = getattr(request, "accepted_renderer", None)
        if getattr(renderer, "format", None) == "csv":
            return None
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        # RFC 8288: the same next and previous pages as the body's, for clients that page by
        # headers (requests' `response.links`, GitHub-style paging).
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = str(
                    _("Number of results per page, from 1 to %(max)d (default %(default)d).")
                    % {"max": self.max_page_size, "default": self.page_size}
                )
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters
