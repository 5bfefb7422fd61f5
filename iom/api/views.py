"""Nominals and their events. Every lookup goes through iom.access: unseen means 404."""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, serializers, viewsets

from iom.access import log_search, nominal_for_user, staff_of
from iom.api.event_serializers import EventSerializer
from iom.api.permissions import CanRecordOrReadOnly
from iom.api.schema import field_errors
from iom.api.serializers import NominalSerializer
from iom.models import Nominal
from iom.selectors import nominal_timeline, search_nominals, with_list_details


def date_param(request, name):
    """An ISO date from the query string, or a 400 naming the parameter."""
    text = request.query_params.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise serializers.ValidationError(
            {name: [f"Enter the {name} as a real date in the form YYYY-MM-DD"]}
        ) from None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Name, alias, PNC ID or CRN"),
            OpenApiParameter("dob", OpenApiTypes.DATE, description="Date of birth, YYYY-MM-DD"),
        ],
        responses={
            200: NominalSerializer,
            400: field_errors("?dob= is not a real date, or ?q= holds a NUL"),
        },
    )
)
class NominalViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List and search (?q= name, alias, PNC ID or CRN; ?dob=YYYY-MM-DD), create, read, update."""

    serializer_class = NominalSerializer
    permission_classes = [CanRecordOrReadOnly]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        user = self.request.user
        query = self.request.query_params.get("q", "")
        if "\x00" in query:  # PostgreSQL cannot search (or log) a NUL character
            raise serializers.ValidationError({"q": ["Remove the null character from the search"]})
        return search_nominals(user, query, date_param(self.request, "dob"))

    def list(self, request, *args, **kwargs):
        params = request.query_params
        shown = " ".join(f"{k}={params[k]}" for k in ("q", "dob") if params.get(k))
        response = super().list(request, *args, **kwargs)  # a bad ?dob= is a 400, not logged
        log_search(request, shown, action="api_search", description="Nominal search (API)")
        return response

    def get_object(self):
        """One nominal: fetched through iom.access, which logs the access."""
        nominal = nominal_for_user(
            self.request.user,
            self.kwargs["pk"],
            request=self.request,
            action="api_view",
            queryset=with_list_details(Nominal.objects.all()),
        )
        self.check_object_permissions(self.request, nominal)
        return nominal

    def _reload(self, serializer):
        """Answer with the stored record, read the way the list reads it. Not filtered by
        access: a partner who creates a nominal is told what was stored, though until a spell
        puts them on its case team they cannot find it again."""
        serializer.instance = with_list_details(
            Nominal.objects.filter(pk=serializer.instance.pk)
        ).get()

    def perform_create(self, serializer):
        user = self.request.user
        serializer.save(by=user, scheme=staff_of(user).scheme)
        self._reload(serializer)

    def perform_update(self, serializer):
        serializer.save(by=self.request.user)
        self._reload(serializer)


class NominalEventsView(generics.ListCreateAPIView):
    """A nominal's history, newest first; recording an event checks iom.event_rules."""

    serializer_class = EventSerializer
    permission_classes = [CanRecordOrReadOnly]

    def nominal(self):
        if not hasattr(self, "_nominal"):
            self._nominal = nominal_for_user(
                self.request.user,
                self.kwargs["nominal_pk"],
                request=self.request,
                action="api_view",
                description=f"Events of nominal {self.kwargs['nominal_pk']}",
            )
        return self._nominal

    def get_queryset(self):
        return nominal_timeline(self.nominal())

    def perform_create(self, serializer):
        serializer.save(by=self.request.user, nominal=self.nominal())
