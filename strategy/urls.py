from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("nsam/", views.NsamTree.as_view(), name="nsam"),
    path("goals/<slug:slug>/", views.GoalDetail.as_view(), name="goal-detail"),
    path("objectives/<slug:slug>/", views.ObjectiveDetail.as_view(), name="objective-detail"),
    path(
        "recommendations/<slug:slug>/",
        views.RecommendationDetail.as_view(),
        name="recommendation-detail",
    ),
    path("matrix/", views.Matrix.as_view(), name="matrix"),
    path("matrix/<slug:slug>/", views.ParticipationDetail.as_view(), name="participation-detail"),
    path("policies/", views.PolicyList.as_view(), name="policy-list"),
    path("policies/<slug:slug>/", views.PolicyDetail.as_view(), name="policy-detail"),
]
