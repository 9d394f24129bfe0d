from django.urls import path

from . import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.AreaList.as_view(), name="area-list"),
    path("areas/<slug:slug>/", views.AreaDetail.as_view(), name="area-detail"),
    path("projects/<slug:slug>/", views.ProjectDetail.as_view(), name="project-detail"),
]
