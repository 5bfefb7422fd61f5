from django.urls import path
from rest_framework.routers import SimpleRouter

from iom.api.membership_views import MembershipViewSet
from iom.api.views import NominalEventsView, NominalViewSet

app_name = "api"

router = SimpleRouter()
router.register("nominals", NominalViewSet, basename="nominal")
router.register("memberships", MembershipViewSet, basename="membership")

urlpatterns = [
    path("nominals/<int:nominal_pk>/events/", NominalEventsView.as_view(), name="nominal-events"),
    *router.urls,
]
