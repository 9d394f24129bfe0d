"""CSV import (django-import-export) of funding rows and yearly figures.

Every row is keyed by `slug`, names linked records by their slugs, and carries the `source`
(a source's slug) and `locator` (表 1, §3.2) that state its figure: a row without them is a row
error. The admin offers to save only a file without any bad row, in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from institutes.models import MepYear, NetworkMetric
from policykb.models import FundingAward, Source
from policykb.services import cited_record_save


class SlugWidget(widgets.ForeignKeyWidget):
    """A linked record named by its slug; an unknown slug is an error on that row's field."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("No %(model)s has the slug “%(slug)s”.")
                % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None


class CitedRowResource(resources.ModelResource):
    """A cited record per row, saved with the citation of the row's source."""

    source = fields.Field(column_name="source", attribute=None, widget=SlugWidget(Source))
    locator = fields.Field(column_name="locator", attribute=None)

    class Meta:
        import_id_fields = ["slug"]
        exclude = ["id"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = False
        report_skipped = True

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        if isinstance(django_field, models.ForeignKey):
            return fields.Field(
                attribute=field_name,
                column_name=field_name,
                widget=SlugWidget(django_field.related_model),
                readonly=readonly,
            )
        return super().field_from_django_field(field_name, django_field, readonly)

    def row_citation(self, row):
        """(source, locator) of a row, or a {column: error} dict for what is missing."""
        errors = {}
        slug = (row.get("source") or "").strip()
        locator = (row.get("locator") or "").strip()
        source = None
        if not slug:
            errors["source"] = _("Every row needs the slug of the source that states it.")
        else:
            source = Source.objects.filter(slug=slug).first()
            if source is None:
                errors["source"] = _("No source has the slug “%(slug)s”.") % {"slug": slug}
        if not locator:
            errors["locator"] = _("Say where the source states it (e.g. 表 1, §3.2).")
        return source, locator, errors

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        *_citation, missing = self.row_citation(row)
        for column, message in missing.items():
            errors.setdefault(column, []).append(ValidationError(message, code="required"))
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # The record and its citation are saved together, so no figure is ever left uncited.
        self.before_save_instance(instance, row, **kwargs)
        source, locator, _errors = self.row_citation(row)
        cited_record_save(record=instance, source=source, locator=locator)
        self.after_save_instance(instance, row, **kwargs)

    def import_data(self, dataset, **kwargs):
        # One bad row (a parse error or a failed validation) leaves the database untouched.
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return super().import_data(dataset, **kwargs)


class FundingAwardResource(CitedRowResource):
    class Meta(CitedRowResource.Meta):
        model = FundingAward
        name = _("Funding rows (CSV)")


class NetworkMetricResource(CitedRowResource):
    class Meta(CitedRowResource.Meta):
        model = NetworkMetric
        name = _("Network figures (CSV)")


class MepYearResource(CitedRowResource):
    class Meta(CitedRowResource.Meta):
        model = MepYear
        name = _("MEP years (CSV)")
