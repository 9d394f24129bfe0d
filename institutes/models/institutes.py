from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policykb.bilingual import Localized
from policykb.dates import DatePrecision
from policykb.links import slug_url
from policykb.models.base import CitedRecord, Qualifier, RecordQuerySet, RelatedList
from policykb.models.indexing import case_insensitive
from policykb.models.sources import prefetch_citations


class InstituteQuerySet(RecordQuerySet):
    def with_related(self):
        return self.select_related("agency", "lead").prefetch_related(
            prefetch_citations("member_counts"), "funding", prefetch_citations()
        )

    def for_api(self):
        """The REST API's institute: agency, lead, members, ties, proposals, funding, sources."""
        from policykb.models import FundingAward

        return self.with_related_slugs("agency", "lead", "organization").prefetch_related(
            prefetch_citations(slugs_only=True),
            Institute.member_count_list.prefetch(queryset=MemberCount.objects.per_institute()),
            Institute.tie_list.prefetch(
                queryset=InstituteTie.objects.per_institute().with_related_slugs("organization")
            ),
            Institute.proposal_list.prefetch(
                queryset=InstituteProposal.objects.with_related_slugs("agency")
            ),
            Institute.funding_list.prefetch(
                queryset=FundingAward.objects.only("slug", "institute")
            ),
        )

    def for_list(self):
        """The institute list: latest member count and committed investment, for sorting."""
        from policykb.models import FundingAward

        latest = MemberCount.objects.filter(institute=models.OuterRef("pk")).order_by(
            "-year", "-count"
        )
        federal = models.Q(funding__kind=FundingAward.Kind.FEDERAL_COMMITMENT)
        matching = models.Q(funding__kind=FundingAward.Kind.MATCHING_COMMITMENT)
        commitments = FundingAward.objects.filter(
            kind__in=[FundingAward.Kind.FEDERAL_COMMITMENT, FundingAward.Kind.MATCHING_COMMITMENT]
        ).prefetch_related(prefetch_citations())
        return (
            self.select_related("agency", "lead")
            .prefetch_related(
                prefetch_citations(),
                models.Prefetch("funding", queryset=commitments, to_attr="commitments"),
            )
            .annotate(
                members=models.Subquery(latest.values("count")[:1]),
                members_year=models.Subquery(latest.values("year")[:1]),
                members_record=models.Subquery(latest.values("pk")[:1]),
                federal_usd=models.Sum("funding__amount_usd", filter=federal),
                nonfederal_usd=models.Sum("funding__amount_usd", filter=matching),
                investment_usd=models.Sum("funding__amount_usd", filter=federal | matching),
            )
        )

    def with_page(self):
        """An institute's page: every record it touches, with sources."""
        from policykb.models import FundingAward

        # A funding line's programme and recipient, and a tie's organisation, are joined into
        # the query that loads the line or tie; the page (RecordPage) cites the institute and
        # all of them in one more query: 6 queries where a prefetch per relation made up to 12.
        return self.select_related("agency", "lead", "organization").prefetch_related(
            models.Prefetch("member_counts", queryset=MemberCount.objects.per_institute()),
            models.Prefetch(
                "funding", queryset=FundingAward.objects.select_related("program", "recipient")
            ),
            models.Prefetch(
                "ties",
                queryset=InstituteTie.objects.per_institute().select_related("organization"),
            ),
            "proposals",
        )


class Institute(CitedRecord):
    """A Manufacturing USA institute: a public-private partnership on one technology."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("Row number in 003 表 1 (1-16).")
    )
    acronym = models.CharField(_("acronym"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    aliases = models.TextField(
        _("other names"), blank=True, help_text=_("One per line: earlier names and other wordings.")
    )
    technology_zh = models.CharField(_("technology area (Chinese)"), max_length=200)
    technology_en = models.CharField(_("technology area (English)"), max_length=200)
    agency = models.ForeignKey(
        "policykb.Agency",
        on_delete=models.PROTECT,
        related_name="institutes",
        verbose_name=_("sponsoring agency"),
    )
    lead = models.ForeignKey(
        "policykb.Organization",
        on_delete=models.PROTECT,
        related_name="led_institutes",
        verbose_name=_("lead organisation"),
    )
    organization = models.OneToOneField(
        "policykb.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="as_institute",
        verbose_name=_("organisation record"),
        help_text=_(
            "The organisation record used where the institute itself is a recipient or partner."
        ),
    )
    headquarters_zh = models.CharField(_("headquarters (Chinese)"), max_length=200)
    headquarters_en = models.CharField(_("headquarters (English)"), max_length=200)
    founded = models.DateField(_("founded"))
    founded_precision = models.CharField(
        _("founding date precision"), max_length=5, choices=DatePrecision.choices
    )
    planned_years = models.PositiveSmallIntegerField(_("planned investment period (years)"))

    objects = InstituteQuerySet.as_manager()

    name = Localized()
    technology = Localized()
    headquarters = Localized()

    # The API's nested lists (for_api prefetches them).
    member_count_list = RelatedList("member_counts")
    tie_list = RelatedList("ties", select_related=("organization",))
    proposal_list = RelatedList("proposals", select_related=("agency",))
    funding_list = RelatedList("funding")

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_years__gte=1), name="institute_planned_years_positive"
            )
        ]
        # Every filter and sort the pages and the API offer (number and acronym are unique).
        indexes = [
            models.Index(fields=["founded"]),
            models.Index(fields=["planned_years"]),
            models.Index(fields=["name_en"]),
            models.Index(fields=["name_zh"]),
            *case_insensitive("institute", "slug", "acronym"),
        ]

    def __str__(self):
        return f"{self.acronym} {self.name_zh}"

    def get_absolute_url(self):
        return slug_url("institutes:institute-detail", self.slug)


class InstituteProposalQuerySet(RecordQuerySet):
    def with_related(self):
        return self.select_related("institute", "agency").prefetch_related(prefetch_citations())


class InstituteProposal(CitedRecord):
    """An institute as the 2015 paper saw it: announced or in competition, before it was founded."""

    institute = models.ForeignKey(
        Institute,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("became the institute"),
    )
    acronym = models.CharField(_("proposed acronym"), max_length=40)
    name_zh = models.CharField(_("proposed name (Chinese)"), max_length=200)
    name_en = models.CharField(_("proposed name (English)"), max_length=200)
    agency = models.ForeignKey(
        "policykb.Agency",
        on_delete=models.PROTECT,
        related_name="institute_proposals",
        verbose_name=_("agency"),
    )
    announced = models.DateField(_("competition announced"))
    announced_precision = models.CharField(
        _("announcement date precision"), max_length=5, choices=DatePrecision.choices
    )
    status_zh = models.CharField(_("status in 2015 (Chinese)"), max_length=300)
    status_en = models.CharField(_("status in 2015 (English)"), max_length=300)
    focus_zh = models.TextField(_("research focus (Chinese)"))
    focus_en = models.TextField(_("research focus (English)"))

    name = Localized()
    status = Localized()
    focus = Localized()

    objects = InstituteProposalQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["announced", "slug"]
        verbose_name = _("proposed institute")
        verbose_name_plural = _("proposed institutes")
        indexes = [models.Index(fields=["announced"])]

    def __str__(self):
        return f"{self.acronym} {self.name_zh}"

    def get_absolute_url(self):
        return slug_url("institutes:proposal-detail", self.slug)


class PerInstituteQuerySet(RecordQuerySet):
    def per_institute(self):
        """Ordered within one institute, as its page and its API record list them: Meta.ordering
        leads with the institute's number, which costs a join and orders nothing there."""
        ordering = self.model._meta.ordering
        return self.order_by(*(key for key in ordering if not key.startswith("institute__")))


class MemberCountQuerySet(PerInstituteQuerySet):
    def for_api(self):
        """What the REST API shows with a member count: its institute and sources."""
        return self.select_related("institute").prefetch_related(
            prefetch_citations(slugs_only=True)
        )


class MemberCount(CitedRecord):
    """An institute's member count as one source gives it for one year."""

    institute = models.ForeignKey(
        Institute,
        on_delete=models.CASCADE,
        related_name="member_counts",
        verbose_name=_("institute"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    count = models.PositiveIntegerField(_("members"))
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, blank=True
    )
    note_zh = models.CharField(_("note (Chinese)"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)

    objects = MemberCountQuerySet.as_manager()

    note = Localized()

    history = HistoricalRecords()

    class Meta:
        ordering = ["institute__number", "year", "slug"]
        verbose_name = _("member count")
        verbose_name_plural = _("member counts")
        indexes = [
            # An institute's latest count (the institute list's subquery) is its first entry.
            models.Index(fields=["institute", "year", "count"]),
            models.Index(fields=["year"]),
            models.Index(fields=["count"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2012) & models.Q(year__lte=2100),
                name="member_count_year_plausible",
            )
        ]

    def __str__(self):
        return f"{self.institute.acronym} {self.year}: {self.count}"

    def get_absolute_url(self):
        return self.institute.get_absolute_url() + "#members"


class InstituteTie(CitedRecord):
    """A partnership the papers report between an institute and an organisation."""

    institute = models.ForeignKey(
        Institute, on_delete=models.CASCADE, related_name="ties", verbose_name=_("institute")
    )
    organization = models.ForeignKey(
        "policykb.Organization",
        on_delete=models.PROTECT,
        related_name="institute_ties",
        verbose_name=_("organisation"),
    )
    role_zh = models.CharField(_("role (Chinese)"), max_length=300)
    role_en = models.CharField(_("role (English)"), max_length=300)

    role = Localized()

    objects = PerInstituteQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["institute__number", "slug"]
        verbose_name = _("institute partnership")
        verbose_name_plural = _("institute partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["institute", "organization"], name="institute_tie_unique"
            )
        ]

    def __str__(self):
        return f"{self.institute.acronym} — {self.organization}"

    def get_absolute_url(self):
        return self.institute.get_absolute_url() + "#ties"
