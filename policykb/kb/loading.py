"""Load the fixtures into the database: one transaction, validated, idempotent."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from policykb.models import Citation, Source

from . import checks
from .errors import FixtureError
from .records import (
    SYNTHETIC_PREFIX,
    child_relations,
    data_fields,
    get_model,
    has_citations,
    has_generic_record,
    model_label,
)


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    stale: dict = field(default_factory=dict)
    pruned: Counter = field(default_factory=Counter)

    @property
    def changed(self):
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.pruned.values())

    @property
    def total(self):
        return (
            sum(self.created.values()) + sum(self.updated.values()) + sum(self.unchanged.values())
        )


def fixture_paths(directory=None):
    """The data files of the fixtures folder, in load order."""
    directory = Path(directory or settings.FIXTURES_DIR)
    return sorted(directory.glob("[0-9]*.yaml"))


def read_fixture(path):
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FixtureError(path.name, "-", "-", f"not valid YAML: {error}") from error
    if not isinstance(document, dict) or "model" not in document:
        raise FixtureError(path.name, "-", "model", "the file must start with 'model: app.model'")
    try:
        model = get_model(document["model"])
    except (LookupError, ValueError) as error:
        raise FixtureError(
            path.name, "-", "model", f"unknown model {document['model']!r}"
        ) from error
    records = document.get("records") or []
    if not isinstance(records, list):
        raise FixtureError(path.name, "-", "records", "must be a list of records")
    return model, records


class SlugIndex:
    """slug -> primary key per model, filled from the database and as records are created."""

    def __init__(self):
        self._maps = {}

    def _map(self, model):
        label = model_label(model)
        if label not in self._maps:
            self._maps[label] = dict(model._default_manager.values_list("slug", "pk"))
        return self._maps[label]

    def resolve(self, model, slug):
        return self._map(model).get(slug)

    def add(self, model, slug, pk):
        self._map(model)[slug] = pk


class FixtureLoader:
    def __init__(self, paths):
        self.paths = [Path(p) for p in paths]
        self.index = SlugIndex()
        self.report = LoadReport()
        self.seen = defaultdict(set)
        self.origin = {}

    # --- resolving references -------------------------------------------------------------
    def resolve_slug(self, target_model, slug, where):
        pk = self.index.resolve(target_model, slug)
        if pk is None:
            raise FixtureError(*where, f"no {target_model._meta.label_lower} with slug {slug!r}")
        return pk

    def resolve_record(self, value, where):
        if not isinstance(value, dict) or set(value) != {"model", "slug"}:
            raise FixtureError(*where, "must be {model: app.model, slug: ...}")
        try:
            target = get_model(value["model"])
        except (LookupError, ValueError) as error:
            raise FixtureError(*where, f"unknown model {value['model']!r}") from error
        pk = self.resolve_slug(target, value["slug"], where)
        return ContentType.objects.get_for_model(target), pk

    def assign(self, obj, fields, values, where):
        """Set every data field from the fixture values; a missing key means the field's default."""
        for model_field in fields:
            here = (*where[:2], model_field.name)
            raw = values.get(model_field.name, None)
            if raw is None:
                value = model_field.get_default()
            elif model_field.is_relation:
                value = self.resolve_slug(model_field.related_model, raw, here)
            else:
                try:
                    value = model_field.to_python(raw)
                except ValidationError as error:
                    raise FixtureError(*here, "; ".join(error.messages)) from error
            setattr(obj, model_field.attname, value)

    # --- one record -----------------------------------------------------------------------
    def load_record(self, model, path, position, record):
        if not isinstance(record, dict) or not record.get("slug"):
            raise FixtureError(path.name, f"#{position}", "slug", "every record needs a slug")
        slug = str(record["slug"])
        where = (path.name, slug)
        label = model_label(model)
        if slug in self.seen[label]:
            raise FixtureError(*where, "slug", "appears twice in the fixtures")
        self.seen[label].add(slug)
        self.origin[(label, slug)] = path.name

        fields = data_fields(model)
        children = child_relations(model)
        allowed = {f.name for f in fields} | set(children)
        if has_citations(model):
            allowed.add("sources")
        if has_generic_record(model):
            allowed.add("record")
        for key in record:
            if key not in allowed:
                raise FixtureError(*where, key, f"{label} has no field {key!r}")

        obj = model._default_manager.filter(slug=slug).first()
        is_new = obj is None
        if is_new:
            obj = model()
        before = {f.attname: getattr(obj, f.attname) for f in fields}
        if has_generic_record(model):
            before.update(content_type_id=obj.content_type_id, object_id=obj.object_id)
            if "record" not in record:
                raise FixtureError(*where, "record", "is required")
            content_type, object_id = self.resolve_record(record["record"], (*where, "record"))
            obj.content_type_id, obj.object_id = content_type.pk, object_id

        self.assign(obj, fields, record, where)
        self.validate(obj, where)
        changed = is_new or any(before[name] != getattr(obj, name) for name in before)
        if changed:
            obj.save()
            self.index.add(model, slug, obj.pk)

        if has_citations(model):
            changed |= self.sync_citations(obj, record.get("sources") or [], (*where, "sources"))
        for accessor, relation in children.items():
            changed |= self.sync_children(
                obj, relation, record.get(accessor) or [], (*where, accessor)
            )

        counter = (
            self.report.created
            if is_new
            else (self.report.updated if changed else self.report.unchanged)
        )
        counter[label] += 1

    def validate(self, obj, where):
        try:
            obj.full_clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            field_name = "-" if name == "__all__" else name
            raise FixtureError(*where[:2], field_name, "; ".join(messages)) from error

    def sync_citations(self, obj, sources, where):
        wanted = []
        for position, entry in enumerate(sources, start=1):
            here = (where[0], where[1], f"sources[{position}]")
            if not isinstance(entry, dict) or not entry.get("source") or not entry.get("locator"):
                raise FixtureError(*here, "needs both 'source' and 'locator'")
            pair = (self.resolve_slug(Source, entry["source"], here), str(entry["locator"]))
            if pair in wanted:
                raise FixtureError(*here, "cites the same source and locator twice")
            wanted.append(pair)
        existing = list(obj.citations.order_by("pk").values_list("source_id", "locator"))
        if existing == wanted:
            return False
        obj.citations.all().delete()
        content_type = ContentType.objects.get_for_model(obj)
        Citation.objects.bulk_create(
            Citation(content_type=content_type, object_id=obj.pk, source_id=s, locator=loc)
            for s, loc in wanted
        )
        return True

    def sync_children(self, obj, relation, rows, where):
        child_model = relation.related_model
        parent_name = relation.field.name
        fields = [f for f in data_fields(child_model) if f.name != parent_name]
        wanted = []
        for position, row in enumerate(rows, start=1):
            here = (where[0], where[1], f"{where[2]}[{position}]")
            if not isinstance(row, dict):
                raise FixtureError(*here, "must be a mapping of field: value")
            unknown = set(row) - {f.name for f in fields}
            if unknown:
                raise FixtureError(*here, f"unknown field(s) {', '.join(sorted(unknown))}")
            child = child_model(**{parent_name: obj})
            self.assign(child, fields, row, here)
            wanted.append(child)
        attnames = [f.attname for f in fields]
        existing = [
            tuple(row)
            for row in getattr(obj, relation.get_accessor_name())
            .order_by("pk")
            .values_list(*attnames)
        ]
        if existing == [tuple(getattr(c, a) for a in attnames) for c in wanted]:
            return False
        getattr(obj, relation.get_accessor_name()).all().delete()
        for position, child in enumerate(wanted, start=1):
            try:
                child.full_clean()
            except ValidationError as error:
                name, messages = next(iter(error.message_dict.items()))
                raise FixtureError(
                    where[0], where[1], f"{where[2]}[{position}].{name}", "; ".join(messages)
                ) from error
            child.save()
        return True

    # --- the whole load -------------------------------------------------------------------
    def run(self, *, full_set, prune):
        loaded_models = []
        for path in self.paths:
            model, records = read_fixture(path)
            if model not in loaded_models:
                loaded_models.append(model)
            for position, record in enumerate(records, start=1):
                self.load_record(model, path, position, record)
        if full_set:
            self.find_stale(loaded_models, prune)
        return loaded_models

    def find_stale(self, loaded_models, prune):
        # Children first, so pruning never trips over a protected reference.
        for model in reversed(loaded_models):
            label = model_label(model)
            stale = model._default_manager.exclude(slug__in=self.seen[label]).exclude(
                slug__startswith=SYNTHETIC_PREFIX
            )
            slugs = sorted(stale.values_list("slug", flat=True))
            if not slugs:
                continue
            if prune:
                try:
                    count = len(slugs)
                    for obj in stale:
                        obj.delete()
                except models.ProtectedError as error:
                    raise FixtureError(
                        "-", slugs[0], "-", f"cannot prune {label}: still referenced ({error})"
                    ) from error
                self.report.pruned[label] += count
            else:
                self.report.stale[label] = slugs


def knowledge_base_load(*, paths=None, check_counts=True, prune=False, dry_run=False):
    """Load fixtures in one transaction; any problem raises FixtureError and changes nothing."""
    full_set = paths is None
    paths = fixture_paths() if full_set else [Path(p) for p in paths]
    with transaction.atomic():
        loader = FixtureLoader(paths)
        loaded_models = loader.run(full_set=full_set, prune=prune)
        checks.check_loaded(loaded_models, seen=loader.seen, origin=loader.origin)
        if check_counts:
            checks.check_expectations(Path(settings.FIXTURES_DIR) / "checks.yaml")
        if dry_run:
            transaction.set_rollback(True)
    return loader.report


__all__ = ["FixtureError", "LoadReport", "fixture_paths", "knowledge_base_load"]
