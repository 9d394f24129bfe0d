"""Writes that span models: a figure is never saved without the source that states it."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from policykb.models import Citation


@transaction.atomic
def citation_add(*, record, source, locator):
    """Cite `source` at `locator` for a saved record; citing the same place twice is a no-op."""
    citation, _ = Citation.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        source=source,
        locator=locator.strip(),
    )
    return citation


@transaction.atomic
def cited_record_save(*, record, source, locator):
    """Save a figure together with (at least) the citation of the source that states it."""
    record.save()
    citation_add(record=record, source=source, locator=locator)
    return record
