"""Abstract bases every knowledge-base record builds on."""

import functools

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from policykb.validation import (
    date_precision_errors,
    negative_figure_errors,
    one_language_only_errors,
    raise_if_errors,
)


def record_key(record):
    """(content type id, pk): how a generic relation's row (a citation, a discrepancy) names
    the record it is about, as `(row.content_type_id, row.object_id)`."""
    return ContentType.objects.get_for_model(record).pk, record.pk


def pointing_at(records):
    """The condition on a generic relation's (content_type, object_id) matching any of
    `records`, of any models: a page's citations or discrepancies in one query."""
    by_type = {}
    for record in records:
        content_type_id, pk = record_key(record)
        by_type.setdefault(content_type_id, set()).add(pk)
    condition = models.Q(pk__in=[])
    for content_type_id, ids in by_type.items():
        condition |= models.Q(content_type_id=content_type_id, object_id__in=ids)
    return condition


def related_slug_name(relation):
    """The attribute `with_related_slugs` gives a linked record's slug as."""
    return f"{relation}_slug"


@functools.cache
def related_slug_names(model):
    """Every attribute `with_related_slugs` may give the model's records (asked on every count
    and every API update, so worked out once per model)."""
    return frozenset(
        related_slug_name(f.name) for f in model._meta.concrete_fields if f.is_relation
    )


def forget_related_slugs(record):
    """Drop the linked slugs `record` was read with: once its links change they are stale, and
    without them the API reads the linked records themselves."""
    for name in related_slug_names(type(record)):
        record.__dict__.pop(name, None)


class RecordQuerySet(models.QuerySet):
    def with_related_slugs(self, *relations):
        """Each of `relations`' slug as a column of the record (`<relation>_slug`): the API names
        a linked record by its slug and URL only. Joined as model instances, loading whole rows
        was a sixth of a funding list's time, and building a slug-only instance per link (seven
        a funding record) a fifth again."""
        slugs = {related_slug_name(name): models.F(f"{name}__slug") for name in relations}
        return self.annotate(**slugs)

    def count(self):
        # Counting, the slugs' joins add no row (each follows a link to one record), but SQLite
        # still runs them: 5 ms for 6,500 funding lines where the bare COUNT takes 0.1 ms.
        if self._result_cache is None:
            unslugged = self.without_related_slugs()
            if unslugged is not self:
                return unslugged.count()
        return super().count()

    def without_related_slugs(self):
        """The queryset without `with_related_slugs`' columns and their joins (self if none)."""
        found = related_slug_names(self.model) & set(self.query.annotations)
        if not found:
            return self
        clone = self._chain()
        for name in found:
            column = clone.query.annotations.pop(name)
            # The join stays only where a filter or an ordering needs it too.
            clone.query.unref_alias(column.alias)
        return clone


class RelatedList(cached_property):
    """A relation's records as a list: what `Prefetch(relation, to_attr=<this attribute>)` loaded,
    else fetched (once) when asked for.

    Prefetched into the manager instead, Django builds a filtered queryset for every record (a
    third of the institutes list's time); a list costs nothing. A cached_property, because
    Django's prefetch checks those in the instance's __dict__ rather than by reading them.
    """

    def __init__(self, relation, *, select_related=()):
        self.relation = relation
        self.select_related = select_related
        super().__init__(self.fetch)

    def fetch(self, record):
        return list(getattr(record, self.relation).select_related(*self.select_related))

    def prefetch(self, through="", queryset=None):
        """The Prefetch filling this list (of the records reached `through` a relation)."""
        lookup = f"{through}__{self.relation}" if through else self.relation
        return models.Prefetch(lookup, queryset=queryset, to_attr=self.name)


class Qualifier(models.TextChoices):
    """How a paper hedges a figure ("约", "近", "超过"); kept with the figure, never dropped."""

    EXACT = "", _("exact")
    ABOUT = "about", _("about")
    NEARLY = "nearly", _("nearly")
    OVER = "over", _("over")
    AT_LEAST = "at_least", _("at least")


class KnowledgeRecord(models.Model):
    """A record with a stable slug: its permalink, API identifier and fixture key."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    en_translated = models.BooleanField(
        _("English is our translation"),
        default=True,
        help_text=_(
            "Unticked where the English is the official name used by a source or the body."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        raise_if_errors(self.validation_errors())

    def validation_errors(self):
        """{field: message} for the rules every record keeps; models add their own rules."""
        return {
            **negative_figure_errors(self),
            **one_language_only_errors(self),
            **date_precision_errors(self),
        }


class CitedRecord(KnowledgeRecord):
    """A record that states a figure or a fact, and so must cite at least one source."""

    citation_required = True

    citations = GenericRelation("policykb.Citation")
    citation_list = RelatedList("citations", select_related=("source",))

    class Meta:
        abstract = True
