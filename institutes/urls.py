from django.urls import path

from . import views

app_name = "institutes"

# The fixed pages come before <slug>, so no institute can be given a slug that hides them.
urlpatterns = [
    path("", views.InstituteList.as_view(), name="institute-list"),
    path("network/", views.Network.as_view(), name="network"),
    path("mep/", views.Mep.as_view(), name="mep"),
    path("proposals/<slug:slug>/", views.ProposalDetail.as_view(), name="proposal-detail"),
    path("<slug:slug>/", views.InstituteDetail.as_view(), name="institute-detail"),
]
