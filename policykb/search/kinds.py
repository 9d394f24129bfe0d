"""What the search looks in, kind by kind: the fields of each model from most to least telling."""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    """What to search in one model, from the most to the least telling field."""

    key: str
    model: str
    label: str
    exact: tuple = ()  # acronyms, short names: an exact match is the best possible hit
    names: tuple = ()
    aliases: tuple = ()  # newline-separated lists of other names
    text: tuple = ()
    context: tuple = ()  # names of related records (a project's lead, an award's recipient)
    related: tuple = ()  # select_related for showing hits without further queries

    def get_model(self):
        return apps.get_model(self.model)

    @property
    def own_fields(self):
        return self.exact + self.names + self.aliases + self.text


def _bilingual(*bases):
    return tuple(f"{base}_{code}" for base in bases for code in ("zh", "en"))


KINDS = (
    # Programmes first: "美国制造" or "CHIPS" names a programme before any body taking part in it.
    Kind(
        "program",
        "policykb.Program",
        _("Programmes"),
        exact=("acronym",),
        names=_bilingual("name"),
        text=_bilingual("description"),
        related=("agency",),
    ),
    Kind(
        "agency",
        "policykb.Agency",
        _("Agencies"),
        exact=("acronym",),
        names=_bilingual("name"),
        aliases=("aliases",),
        text=_bilingual("description"),
    ),
    Kind(
        "organization",
        "policykb.Organization",
        _("Organisations"),
        exact=("acronym",),
        names=_bilingual("name"),
        aliases=("aliases",),
        text=_bilingual("location"),
    ),
    Kind(
        "institute",
        "institutes.Institute",
        _("Institutes"),
        exact=("acronym",),
        # An institute is known by its technology as much as by its name.
        names=_bilingual("name", "technology"),
        aliases=("aliases",),
        text=_bilingual("headquarters"),
        context=("lead__name_zh", "lead__name_en", "lead__acronym"),
        related=("agency", "lead"),
    ),
    Kind(
        "proposal",
        "institutes.InstituteProposal",
        _("Proposed institutes"),
        exact=("acronym",),
        names=_bilingual("name"),
        text=_bilingual("focus", "status"),
        related=("institute",),
    ),
    Kind(
        "project",
        "roadmaps.Project",
        _("Roadmap projects"),
        names=_bilingual("title"),
        text=_bilingual("summary"),
        context=(
            *("lead__name_zh", "lead__name_en", "lead__acronym"),
            *("partners__name_zh", "partners__name_en", "partners__acronym"),
        ),
        related=("area", "lead"),
    ),
    Kind(
        "area",
        "roadmaps.FocusArea",
        _("Roadmap focus areas"),
        names=_bilingual("name"),
        text=_bilingual("description"),
    ),
    Kind(
        "goal",
        "strategy.Goal",
        _("Strategy goals"),
        names=_bilingual("name"),
        text=_bilingual("description"),
    ),
    Kind(
        "objective",
        "strategy.Objective",
        _("Strategy objectives"),
        names=_bilingual("name"),
        text=_bilingual("description"),
        related=("goal",),
    ),
    Kind(
        "recommendation",
        "strategy.Recommendation",
        _("Recommendations"),
        names=_bilingual("name"),
        text=_bilingual("measures"),
        related=("objective__goal",),
    ),
    Kind(
        "policy",
        "strategy.Policy",
        _("Policies"),
        exact=("short_name",),
        names=_bilingual("title"),
        text=_bilingual("summary"),
        related=("issuer",),
    ),
    Kind(
        "funding",
        "policykb.FundingAward",
        _("Funding"),
        names=_bilingual("title"),
        text=(*_bilingual("description", "note"), "amount_as_stated"),
        # An award is found by its programme's name too: "American Rescue Plan" finds its 13 awards.
        context=(
            *("recipient__name_zh", "recipient__name_en", "recipient__acronym"),
            *("program__name_zh", "program__name_en", "program__acronym"),
        ),
        related=("program", "recipient", "agency"),
    ),
    Kind(
        "source",
        "policykb.Source",
        _("Sources"),
        exact=("doi",),
        names=_bilingual("title"),
        text=_bilingual("authors", "publisher", "note"),
    ),
    Kind(
        "discrepancy",
        "policykb.Discrepancy",
        _("Discrepancies"),
        names=_bilingual("topic"),
        text=_bilingual("decision"),
    ),
    Kind(
        "fact",
        "policykb.Fact",
        _("Stated figures"),
        names=_bilingual("label"),
        text=(*_bilingual("note"), "value_as_stated"),
    ),
)

KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
