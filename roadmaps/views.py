"""MFGTech pages: the four focus areas and a page per roadmap project."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from policykb.views.base import PageMixin, RecordPage, attach_disputes, sources_of
from policykb.views.charts import bar_chart

from .models import FocusArea, Project


class AreaList(PageMixin, ListView):
    template_name = "roadmaps/area_list.html"
    page_title = _("MFGTech roadmap programme")

    def get_queryset(self):
        return FocusArea.objects.with_projects()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        areas = context["object_list"]
        projects = [project for area in areas for project in area.projects.all()]
        attach_disputes(projects, [f for p in projects for f in p.funding.all()])
        context["chart"] = bar_chart(
            _("MFGTech funding by focus area"),
            [(area.name, area.funding_total or 0, area.get_absolute_url()) for area in areas],
        )
        return context

    def get_page_sources(self, context):
        areas = context["object_list"]
        return sources_of(areas, [p for area in areas for p in area.projects.all()])


class AreaDetail(RecordPage):
    model = FocusArea
    template_name = "roadmaps/area_detail.html"
    queryset_method = "with_projects"

    def related_records(self):
        projects = list(self.object.projects.all())
        return [projects, [f for p in projects for f in p.funding.all()]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = bar_chart(
            _("Funding by project"),
            [
                (p.title, sum(f.amount_usd for f in p.funding.all()), p.get_absolute_url())
                for p in self.object.projects.all()
            ],
        )
        return context


class ProjectDetail(RecordPage):
    model = Project
    template_name = "roadmaps/project_detail.html"
    queryset_method = "with_page"

    def related_records(self):
        return self.object.funding.all()
