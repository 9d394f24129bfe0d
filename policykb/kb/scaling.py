"""Synthetic scale-ups for measuring query budgets and speed at many times the real data.

Every synthetic row has a slug starting with `synthetic-`, a name marked 【合成】/ [synthetic], and
cites the synthetic source, so it can never pass for a figure from the papers and one call removes
them all. The real fixtures are never touched.
"""

from itertools import cycle

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test.utils import override_settings

from institutes.models import Institute, MemberCount
from policykb.models import Citation, FundingAward, Organization, Source
from roadmaps.models import Project
from strategy.models import Policy

from .records import SYNTHETIC_PREFIX as PREFIX

SOURCE_SLUG = f"{PREFIX}source"
BATCH = 500


def _mark(zh, en):
    return f"【合成】{zh}", f"[synthetic] {en}"


def _synthetic_source():
    source, _ = Source.objects.get_or_create(
        slug=SOURCE_SLUG,
        defaults={
            "file_name": "synthetic (scale_kb)",
            "authors_zh": "scale_kb",
            "authors_en": "scale_kb",
            "title_zh": "【合成】规模测试数据",
            "title_en": "[synthetic] scale-test data",
            "publisher_zh": "PolicyKB",
            "publisher_en": "PolicyKB",
            "note_zh": "由 scale_kb 生成，仅用于性能测量；scale_kb --remove 删除。",
            "note_en": "Made by scale_kb for measurement only; scale_kb --remove deletes it.",
        },
    )
    return source


def _cite(objects, source):
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    Citation.objects.bulk_create(
        (
            Citation(
                content_type=content_type, object_id=obj.pk, source=source, locator="synthetic"
            )
            for obj in objects
        ),
        batch_size=BATCH,
    )


def _copies(queryset, factor):
    """Each real record once per extra copy: factor 100 makes 99 synthetic copies of each."""
    real = list(queryset.exclude(slug__startswith=PREFIX))
    return [(n, obj) for n in range(1, factor) for obj in real]


@transaction.atomic
def knowledge_base_scale(*, factor):
    """Add (factor - 1) synthetic copies of the list-heavy records; returns rows made per model."""
    if factor < 2:
        return {}
    knowledge_base_unscale()
    source = _synthetic_source()
    created = {}

    organizations = []
    for n, org in _copies(Organization.objects.all(), factor):
        name_zh, name_en = _mark(f"{org.name_zh} {n}", f"{org.name_en} {n}")
        organizations.append(
            Organization(
                slug=f"{PREFIX}{org.slug}-{n}", name_zh=name_zh, name_en=name_en, kind=org.kind
            )
        )
    Organization.objects.bulk_create(organizations, batch_size=BATCH)
    created["organizations"] = len(organizations)
    leads = cycle(organizations)

    institutes, number = (
        [],
        Institute.objects.order_by("-number").values_list("number", flat=True)[0],
    )
    for n, inst in _copies(Institute.objects.all(), factor):
        number += 1
        name_zh, name_en = _mark(f"{inst.name_zh} {n}", f"{inst.name_en} {n}")
        institutes.append(
            Institute(
                slug=f"{PREFIX}{inst.slug}-{n}",
                number=number,
                acronym=f"SYN-{inst.acronym}-{n}",
                name_zh=name_zh,
                name_en=name_en,
                technology_zh=inst.technology_zh,
                technology_en=inst.technology_en,
                agency_id=inst.agency_id,
                lead=next(leads),
                headquarters_zh=inst.headquarters_zh,
                headquarters_en=inst.headquarters_en,
                founded=inst.founded,
                founded_precision=inst.founded_precision,
                planned_years=inst.planned_years,
            )
        )
    Institute.objects.bulk_create(institutes, batch_size=BATCH)
    _cite(institutes, source)
    created["institutes"] = len(institutes)
    synthetic_institutes = cycle(institutes)

    members = [
        MemberCount(
            slug=f"{PREFIX}{mc.slug}-{n}",
            institute=next(synthetic_institutes),
            year=mc.year,
            count=mc.count,
        )
        for n, mc in _copies(MemberCount.objects.all(), factor)
    ]
    MemberCount.objects.bulk_create(members, batch_size=BATCH)
    _cite(members, source)
    created["member counts"] = len(members)

    projects = []
    for n, project in _copies(Project.objects.all(), factor):
        title_zh, title_en = _mark(f"{project.title_zh} {n}", f"{project.title_en} {n}")
        projects.append(
            Project(
                slug=f"{PREFIX}{project.slug}-{n}",
                area_id=project.area_id,
                title_zh=title_zh,
                title_en=title_en,
                lead=next(leads),
                start=project.start,
                end=project.end,
            )
        )
    Project.objects.bulk_create(projects, batch_size=BATCH)
    _cite(projects, source)
    created["projects"] = len(projects)
    synthetic_projects = cycle(projects)

    policies = []
    for n, policy in _copies(Policy.objects.all(), factor):
        title_zh, title_en = _mark(f"{policy.title_zh} {n}", f"{policy.title_en} {n}")
        policies.append(
            Policy(
                slug=f"{PREFIX}{policy.slug}-{n}",
                title_zh=title_zh,
                title_en=title_en,
                kind=policy.kind,
                date=policy.date,
                date_precision=policy.date_precision,
                summary_zh="【合成】",
                summary_en="[synthetic]",
            )
        )
    Policy.objects.bulk_create(policies, batch_size=BATCH)
    _cite(policies, source)
    created["policies"] = len(policies)

    awards = []
    for n, award in _copies(FundingAward.objects.all(), factor):
        title_zh, title_en = _mark(f"{award.title_zh} {n}", f"{award.title_en} {n}")
        awards.append(
            FundingAward(
                slug=f"{PREFIX}{award.slug}-{n}",
                kind=award.kind,
                title_zh=title_zh,
                title_en=title_en,
                program_id=award.program_id,
                policy_id=award.policy_id,
                agency_id=award.agency_id,
                recipient=next(leads),
                institute=next(synthetic_institutes) if award.institute_id else None,
                project=next(synthetic_projects) if award.project_id else None,
                amount_usd=award.amount_usd,
                qualifier=award.qualifier,
                amount_as_stated="synthetic",
                date=award.date,
                date_precision=award.date_precision,
                round=award.round,
            )
        )
    FundingAward.objects.bulk_create(awards, batch_size=BATCH)
    _cite(awards, source)
    created["funding awards"] = len(awards)
    return created


# Synthetic rows are not curated data: recording each deletion would flood the change history.
@transaction.atomic
@override_settings(SIMPLE_HISTORY_ENABLED=False)
def knowledge_base_unscale():
    """Delete every synthetic row; returns how many rows of each kind went."""
    removed = {}
    # Dependants first: awards point at projects, institutes and organisations.
    for label, model in [
        ("funding awards", FundingAward),
        ("member counts", MemberCount),
        ("projects", Project),
        ("policies", Policy),
        ("institutes", Institute),
        ("organizations", Organization),
    ]:
        synthetic = model.objects.filter(slug__startswith=PREFIX)
        ids = list(synthetic.values_list("pk", flat=True))
        if ids:
            Citation.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id__in=ids
            ).delete()
            removed[label] = synthetic.delete()[0]
    Source.objects.filter(slug=SOURCE_SLUG).delete()
    return removed
