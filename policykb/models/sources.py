from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.dates import DatePrecision
from policykb.links import slug_url

from .base import CitedRecord, KnowledgeRecord, RecordQuerySet, pointing_at, record_key
from .indexing import case_insensitive


class Source(KnowledgeRecord):
    """One of the papers every figure in the knowledge base is traced to."""

    file_name = models.CharField(_("seed file"), max_length=100, unique=True)
    authors_zh = models.CharField(_("authors (Chinese)"), max_length=300)
    authors_en = models.CharField(_("authors (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    publisher_zh = models.CharField(_("publisher or institution (Chinese)"), max_length=300)
    publisher_en = models.CharField(_("publisher or institution (English)"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    doi = models.CharField(_("DOI"), max_length=100, blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    title = Localized()
    authors = Localized()
    publisher = Localized()
    note = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["file_name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        # Every filter and sort the API offers (file_name is unique, so indexed already).
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["title_en"]),
            models.Index(fields=["title_zh"]),
            *case_insensitive("source", "slug"),
        ]

    def __str__(self):
        return f"{self.authors_zh}: {self.title_zh}"

    def get_absolute_url(self):
        return slug_url("policykb:source-detail", self.slug)


def record_querysets():
    """A queryset per knowledge-base model, joined to what its title needs (for GenericPrefetch)."""
    from django.apps import apps

    from .base import KnowledgeRecord

    related = {
        "strategy.Objective": ("goal",),
        "strategy.Recommendation": ("objective__goal",),
        "strategy.Participation": ("objective__goal", "agency"),
        "strategy.PolicyProvision": ("policy",),
        "institutes.MemberCount": ("institute",),
    }
    return [
        model._default_manager.select_related(*related.get(model._meta.label, ()))
        for model in apps.get_models()
        if issubclass(model, KnowledgeRecord)
    ]


class CitationQuerySet(RecordQuerySet):
    def with_records(self):
        """Citations with the record each cites, fetched one query per kind of record."""
        from django.contrib.contenttypes.prefetch import GenericPrefetch

        return self.select_related("source", "content_type").prefetch_related(
            GenericPrefetch("record", record_querysets())
        )


def attach_citations(records):
    """Fill `citation_list` (with sources) on those of `records`, of any models, that have not
    loaded it yet: one query for a page's every record, where a prefetch costs one per model."""
    pending = [
        record
        for record in records
        if isinstance(record, CitedRecord) and "citation_list" not in record.__dict__
    ]
    if not pending:
        return
    found = {}
    for citation in Citation.objects.select_related("source").filter(pointing_at(pending)):
        found.setdefault((citation.content_type_id, citation.object_id), []).append(citation)
    for record in pending:
        # citation_list is a cached_property: what is in __dict__ is what it gives.
        record.__dict__["citation_list"] = found.get(record_key(record), [])


def prefetch_citations(through="", *, slugs_only=False):
    """Prefetch the citations, with their sources, of the records (or of the records reached
    `through` a relation) into their `citation_list`. The API names a source by its slug alone
    (`slugs_only`); a page shows its authors and title too."""
    if slugs_only:
        citations = Citation.objects.with_related_slugs("source")
    else:
        citations = Citation.objects.select_related("source")
    return CitedRecord.citation_list.prefetch(through, queryset=citations)


class Citation(models.Model):
    """Ties a record to a source and the place in it (表 5, 图 2, §3.1) that states the figure."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    locator = models.CharField(_("locator"), max_length=100)

    objects = CitationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["source__file_name", "locator", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "source", "locator"],
                name="citation_unique_per_record",
            ),
            models.CheckConstraint(condition=~models.Q(locator=""), name="citation_has_locator"),
        ]

    def __str__(self):
        return f"{self.source.slug} {self.locator}"

    def get_absolute_url(self):
        return self.source.get_absolute_url()
