"""Pages of the records every app shares: sources, agencies, organisations, funding."""

from django.urls import path

from policykb import views

app_name = "policykb"

urlpatterns = [
    path("", views.Home.as_view(), name="home"),
    path("search/", views.SearchPage.as_view(), name="search"),
    path("sources/", views.SourceList.as_view(), name="source-list"),
    path("sources/<slug:slug>/", views.SourceDetail.as_view(), name="source-detail"),
    path("agencies/", views.AgencyList.as_view(), name="agency-list"),
    path("agencies/<slug:slug>/", views.AgencyDetail.as_view(), name="agency-detail"),
    path("organisations/", views.OrganizationList.as_view(), name="organization-list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganizationDetail.as_view(),
        name="organization-detail",
    ),
    path("programmes/<slug:slug>/", views.ProgramDetail.as_view(), name="program-detail"),
    path("funding/", views.FundingList.as_view(), name="funding-list"),
    path("funding/<slug:slug>/", views.FundingDetail.as_view(), name="funding-detail"),
    path("discrepancies/", views.DiscrepancyList.as_view(), name="discrepancy-list"),
    path(
        "discrepancies/<slug:slug>/",
        views.DiscrepancyDetail.as_view(),
        name="discrepancy-detail",
    ),
    path("figures/", views.FactList.as_view(), name="fact-list"),
    path("figures/<slug:slug>/", views.FactDetail.as_view(), name="fact-detail"),
    path("totals/", views.StatedTotalList.as_view(), name="stated-total-list"),
    path("totals/<slug:slug>/", views.StatedTotalDetail.as_view(), name="stated-total-detail"),
]
