from django.urls import path

from performance import api

urlpatterns = [
    path("performance/reoffending/", api.Reoffending.as_view(), name="api-perf-reoffending"),
    path(
        "performance/reoffending-aligned/",
        api.ReoffendingAligned.as_view(),
        name="api-perf-reoffending-aligned",
    ),
    path("performance/caseload/", api.Caseload.as_view(), name="api-perf-caseload"),
    path("performance/custody-share/", api.CustodyShare.as_view(), name="api-perf-custody"),
    path("performance/needs/", api.Needs.as_view(), name="api-perf-needs"),
    path("performance/needs-change/", api.NeedsChange.as_view(), name="api-perf-needs-change"),
    path("performance/referrals/", api.Referrals.as_view(), name="api-perf-referrals"),
    path("performance/exits/", api.Exits.as_view(), name="api-perf-exits"),
]
