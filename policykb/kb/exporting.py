"""Write the database back as fixtures that `load_kb` reads, so a curator's edit becomes a diff.

Each record stays in the file it came from, in its place, with the comments around it. A record
whose stored values equal what its fixture text says keeps that text byte for byte; a changed
record is rewritten in its old style (one-line or block, the same keys in the same order); a new
record is appended to its model's first file; a deleted one is left out.
"""

import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey

from .loading import fixture_paths, read_fixture
from .records import (
    child_relations,
    data_fields,
    has_citations,
    model_label,
)

# --- a record's state: what load_kb would store, as plain comparable values ----------------


def stored_value(field_obj, value):
    """A field's value as load_kb compares it: a linked record by slug, else the Python value."""
    if field_obj.is_relation:
        return value.slug if value is not None else None
    return value


def keyed_fields(model):
    """(key, field) of a fixture record after its slug, in declaration order; a generic link
    (a discrepancy's record) is the key `record`, where its content type is declared."""
    data = set(data_fields(model))
    content_type_fields = {
        f.ct_field for f in model._meta.private_fields if isinstance(f, GenericForeignKey)
    }
    keyed = []
    for field_obj in model._meta.concrete_fields:
        if field_obj.name in content_type_fields:
            keyed.append(("record", None))
        elif field_obj in data and field_obj.name != "slug":
            keyed.append((field_obj.name, field_obj))
    return keyed


def record_state(obj):
    """{key: value} of a database record, keyed like its fixture record."""
    model = type(obj)
    state = {"slug": obj.slug}
    for name, field_obj in keyed_fields(model):
        if name == "record":
            state["record"] = (model_label(type(obj.record)), obj.record.slug)
        else:
            state[name] = stored_value(field_obj, getattr(obj, name))
    if has_citations(model):
        state["sources"] = [
            (citation.source.slug, citation.locator)
            for citation in obj.citations.select_related("source").order_by("pk")
        ]
    for accessor, relation in child_relations(model).items():
        fields = child_fields(relation)
        state[accessor] = [
            {f.name: stored_value(f, getattr(child, f.name)) for f in fields}
            for child in getattr(obj, accessor).order_by("pk")
        ]
    return state


def child_fields(relation):
    return [f for f in data_fields(relation.related_model) if f.name != relation.field.name]


def parsed_value(field_obj, raw):
    """A fixture's raw value as load_kb would store it (a missing value means the default)."""
    if raw is None:
        value = field_obj.get_default()
        if field_obj.is_relation and value is not None:
            return None  # a default foreign key would be a pk; no knowledge-base field has one
        return value
    if field_obj.is_relation:
        return str(raw)
    return field_obj.to_python(raw)


def fixture_state(model, raw):
    """{key: value} of a fixture record, in the same form as `record_state`."""
    state = {"slug": str(raw.get("slug"))}
    for name, field_obj in keyed_fields(model):
        if name == "record":
            target = raw.get("record") or {}
            state["record"] = (target.get("model"), target.get("slug"))
        else:
            state[name] = parsed_value(field_obj, raw.get(name))
    if has_citations(model):
        state["sources"] = [
            (str(entry.get("source")), str(entry.get("locator")))
            for entry in raw.get("sources") or []
        ]
    for accessor, relation in child_relations(model).items():
        fields = child_fields(relation)
        state[accessor] = [
            {f.name: parsed_value(f, row.get(f.name)) for f in fields}
            for row in raw.get(accessor) or []
        ]
    return state


# --- rendering ------------------------------------------------------------------------------


class FlowMap(dict):
    """A mapping written on one line: `{source: sun-luo, locator: 表 1}`."""


class FixtureDumper(yaml.SafeDumper):
    pass


def _represent_str(dumper, text):
    # Other names are one per line; the fixtures write them as "a\nb", never as a folded block.
    style = '"' if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_flow_map(dumper, mapping):
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping.items(), flow_style=True)


FixtureDumper.add_representer(str, _represent_str)
FixtureDumper.add_representer(FlowMap, _represent_flow_map)


def fixture_value(value, hint=None):
    """A stored value as plain YAML data; `hint` is the old raw value, whose type is kept."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        if isinstance(hint, str):
            return text
        # A float would come back with binary noise (1.43 -> 1.4299...) that fails the field's
        # decimal places, so fractions are written as text, as the fixtures do.
        return int(text) if "." not in text else text
    if isinstance(hint, str) and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def written(value):
    """Whether a key is worth writing in a fresh record (load_kb reads a missing key as empty)."""
    return value is not None and value != ""


def render_entries(key, state_value, hint):
    """The YAML data of one key of a record."""
    if key == "sources":
        return [FlowMap(source=s, locator=loc) for s, loc in state_value]
    if key == "record":
        return FlowMap(model=state_value[0], slug=state_value[1])
    if isinstance(state_value, list):  # child rows
        old_rows = hint if isinstance(hint, list) else []
        rows = []
        for position, row in enumerate(state_value):
            old = old_rows[position] if position < len(old_rows) else {}
            old = old if isinstance(old, dict) else {}
            keys = [k for k in old if k in row] + [k for k in row if k not in old]
            rows.append(
                FlowMap(
                    (k, fixture_value(row[k], old.get(k)))
                    for k in keys
                    if k in old or written(row[k])
                )
            )
        return rows
    return fixture_value(state_value, hint)


def render_record(state, original=None, original_state=None, *, flow=False):
    """The YAML text of one record (a `- ` list item), keeping the original's keys and order.

    A key the original left out is added only when its value now differs from what leaving it
    out means, so a changed record's diff shows only what changed.
    """
    original = original or {}
    keys = [k for k in original if k in state]
    for key in state:
        if key in original or not written(state[key]) or state[key] == []:
            continue
        if original_state is None or original_state.get(key) != state[key]:
            keys.append(key)
    data = {k: render_entries(k, state[k], original.get(k)) for k in keys}
    record = FlowMap(data) if flow else data
    return yaml.dump(
        [record],
        Dumper=FixtureDumper,
        allow_unicode=True,
        sort_keys=False,
        width=float("inf"),
        default_flow_style=False,
    )


# --- fixture files --------------------------------------------------------------------------


@dataclass
class Chunk:
    """One record's text in a file, with the comment lines that stand before it."""

    lead: str
    text: str
    raw: dict
    flow: bool


@dataclass
class FixtureFile:
    path: Path
    model: type
    header: str
    chunks: list
    trailer: str


def is_separator(line):
    stripped = line.strip()
    return not stripped or (line.startswith("#"))


def read_layout(path):
    """Split a fixture file into its header, one chunk per record, and what follows them."""
    path = Path(path)
    model, records = read_fixture(path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text)
    items = next(
        (value.value for key, value in root.value if key.value == "records" and value.value),
        [],
    )
    if not isinstance(items, list) or not items:
        return FixtureFile(path, model, text, [], "")
    starts = [item.start_mark.line for item in items] + [len(lines)]
    header = "".join(lines[: starts[0]])
    chunks, lead = [], []
    for position, item in enumerate(items):
        body = lines[starts[position] : starts[position + 1]]
        following = []
        while body and len(body) > 1 and is_separator(body[-1]):
            following.insert(0, body.pop())
        chunks.append(
            Chunk(
                lead="".join(lead),
                text="".join(body),
                raw=records[position],
                flow=isinstance(item, yaml.MappingNode) and bool(item.flow_style),
            )
        )
        lead = following
    return FixtureFile(path, model, header, chunks, "".join(lead))


@dataclass
class ExportReport:
    kept: Counter = field(default_factory=Counter)
    rewritten: Counter = field(default_factory=Counter)
    added: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    files: list = field(default_factory=list)

    @property
    def changed(self):
        return sum(self.rewritten.values()) + sum(self.added.values()) + sum(self.removed.values())


def export_file(layout, records, new_records, report, *, rewrite):
    name = layout.path.name
    parts = [layout.header]
    for chunk in layout.chunks:
        obj = records.get(str(chunk.raw.get("slug")))
        if obj is None:
            parts.append(chunk.lead)  # a group's heading stays; the deleted record goes
            report.removed[name] += 1
            continue
        state = record_state(obj)
        original_state = fixture_state(layout.model, chunk.raw)
        if not rewrite and original_state == state:
            parts.append(chunk.lead + chunk.text)
            report.kept[name] += 1
        elif rewrite:
            parts.append(chunk.lead + render_record(state, flow=chunk.flow))
            report.rewritten[name] += 1
        else:
            rendered = render_record(state, chunk.raw, original_state, flow=chunk.flow)
            parts.append(chunk.lead + rendered)
            report.rewritten[name] += 1
    for obj in new_records:
        parts.append(render_record(record_state(obj)))
        report.added[name] += 1
    parts.append(layout.trailer)
    return "".join(parts)


def knowledge_base_export(*, output=None, rewrite=False):
    """Write every knowledge-base record to the fixture files in `output` (default: fixtures/).

    The files, their order and their comments come from the fixtures directory. `rewrite`
    writes every record afresh in the standard form instead of keeping unchanged text.
    """
    source_dir = Path(settings.FIXTURES_DIR)
    output = Path(output) if output else source_dir
    layouts = [read_layout(path) for path in fixture_paths(source_dir)]
    by_model = defaultdict(list)
    for layout in layouts:
        by_model[layout.model].append(layout)

    texts = {}
    report = ExportReport()
    for model, files in by_model.items():
        records = {obj.slug: obj for obj in model._default_manager.order_by("pk")}
        in_files = {str(chunk.raw.get("slug")) for layout in files for chunk in layout.chunks}
        new = [obj for slug, obj in records.items() if slug not in in_files]
        for position, layout in enumerate(files):
            texts[layout.path.name] = export_file(
                layout, records, new if position == 0 else [], report, rewrite=rewrite
            )

    output.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        target = output / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        report.files.append(target)
    if output.resolve() != source_dir.resolve():
        # A complete fixture set elsewhere: load_kb checks the stated counts in checks.yaml too.
        for extra in ("checks.yaml", "README.md"):
            if (source_dir / extra).exists():
                shutil.copyfile(source_dir / extra, output / extra)
    return report
