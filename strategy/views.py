"""The strategy pages: NSAM's goal → objective → recommendation tree, the agency matrix, the
policy timeline."""

from itertools import groupby

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from policykb.models import Agency
from policykb.views.base import Page, PageMixin, RecordPage, sources_of

from .models import Goal, Objective, Participation, Policy, Recommendation


class NsamTree(Page):
    template_name = "strategy/nsam.html"
    page_title = _("National Strategy for Advanced Manufacturing (2022)")

    def get_context_data(self, **kwargs):
        self.goals = list(Goal.objects.tree())
        context = super().get_context_data(**kwargs)
        context["goals"] = self.goals
        context["policy"] = self.goals[0].policy if self.goals else None
        return context

    def get_page_sources(self, context):
        objectives = [o for g in self.goals for o in g.objectives.all()]
        recommendations = [r for o in objectives for r in o.recommendations.all()]
        return sources_of(self.goals, objectives, recommendations)


class GoalDetail(RecordPage):
    model = Goal
    template_name = "strategy/goal_detail.html"
    queryset_method = "tree"

    def related_records(self):
        return self.object.objectives.all()


class ObjectiveDetail(RecordPage):
    model = Objective
    template_name = "strategy/objective_detail.html"

    def related_records(self):
        return [self.object.recommendations.all(), self.object.participations.all()]


class RecommendationDetail(RecordPage):
    model = Recommendation
    template_name = "strategy/recommendation_detail.html"


class Matrix(Page):
    """000 表 1: which of the 11 agencies take part in which of the 11 objectives."""

    template_name = "strategy/matrix.html"
    page_title = _("Agency participation matrix")

    def get_context_data(self, **kwargs):
        self.cells = list(Participation.objects.with_related())
        context = super().get_context_data(**kwargs)
        agencies = list(Agency.objects.filter(matrix_order__isnull=False))
        by_cell = {(c.objective_id, c.agency_id): c for c in self.cells}
        objectives = Objective.objects.select_related("goal")
        rows = [
            (objective, [by_cell.get((objective.pk, agency.pk)) for agency in agencies])
            for objective in objectives
        ]
        # The totals count ✓ cells only: an objective's agencies, an agency's objectives.
        context["agencies"] = agencies
        context["rows"] = [
            (objective, cells, sum(1 for cell in cells if cell and cell.participates))
            for objective, cells in rows
        ]
        context["column_totals"] = [
            sum(1 for _, cells in rows if cells[column] and cells[column].participates)
            for column in range(len(agencies))
        ]
        return context

    def get_page_sources(self, context):
        return sources_of(self.cells)


class ParticipationDetail(RecordPage):
    model = Participation
    template_name = "strategy/participation_detail.html"

    def get_page_title(self):
        return _("%(objective)s × %(agency)s") % {
            "objective": self.object.objective.code,
            "agency": self.object.agency.acronym,
        }


class PolicyList(PageMixin, ListView):
    """The timeline: dated policies by year, then the ones no paper dates."""

    template_name = "strategy/policy_list.html"
    page_title = _("Policy timeline")

    def get_queryset(self):
        return Policy.objects.with_related()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policies = list(context["object_list"])
        dated = [p for p in policies if p.date]
        context["years"] = [
            (year, list(rows)) for year, rows in groupby(dated, key=lambda p: p.date.year)
        ]
        context["undated"] = [p for p in policies if not p.date]
        return context

    def get_page_sources(self, context):
        return sources_of(context["object_list"])


class PolicyDetail(RecordPage):
    model = Policy
    template_name = "strategy/policy_detail.html"

    def related_records(self):
        return [self.object.provisions.all(), self.object.funding.all()]
