"""Cohort spells: anyone may read those of nominals they can see; co-ordinators start/end."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from iom.access import nominals_for_user
from iom.api.membership_serializers import EndMembershipSerializer, MembershipSerializer
from iom.api.permissions import IsCoordinatorOrReadOnly
from iom.api.schema import field_errors
from iom.models import Membership

_YES, _NO = {"true", "1", "yes"}, {"false", "0", "no"}


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("nominal", int, description="Only this nominal's spells"),
            OpenApiParameter(
                "open",
                str,
                enum=sorted(_YES | _NO),
                description="true: only open spells; false: only ended ones",
            ),
            OpenApiParameter("scheme", str, description="Only spells on this scheme (slug)"),
        ],
        responses={
            200: MembershipSerializer,
            400: field_errors("?nominal=, ?open= or ?scheme= unreadable"),
        },
    ),
    end=extend_schema(request=EndMembershipSerializer, responses={200: MembershipSerializer}),
)
class MembershipViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Filter with ?nominal=ID, ?open=true|false, ?scheme=slug. End a spell: POST …/end/."""

    serializer_class = MembershipSerializer
    permission_classes = [IsCoordinatorOrReadOnly]
    lookup_value_regex = r"[0-9]+"

    def visible(self):
        return (
            Membership.objects.filter(nominal__in=nominals_for_user(self.request.user))
            .select_related(
                "scheme",
                "level",
                "area",
                "lead_agency",
                "lead_professional",
                "police_officer",
                "created_by",
            )
            .order_by("-start", "-id")
        )

    def get_queryset(self):
        spells = self.visible()
        if self.action != "list":
            return spells
        params = self.request.query_params
        errors = {}
        nominal = params.get("nominal", "").strip()
        if nominal:
            if nominal.isascii() and nominal.isdigit():
                spells = spells.filter(nominal_id=int(nominal))
            else:
                errors["nominal"] = ["Enter the nominal's id as a number"]
        is_open = params.get("open", "").strip().lower()
        if is_open in _YES | _NO:
            spells = spells.filter(end__isnull=is_open in _YES)
        elif is_open:
            errors["open"] = ["Enter open as true or false"]
        if "\x00" in params.get("scheme", ""):  # PostgreSQL cannot compare a NUL character
            errors["scheme"] = ["Enter the scheme's slug"]
        elif params.get("scheme"):
            spells = spells.filter(scheme__slug=params["scheme"].strip())
        if errors:
            raise serializers.ValidationError(errors)
        return spells

    def _reload(self, serializer):
        serializer.instance = self.visible().get(pk=serializer.instance.pk)

    def perform_create(self, serializer):
        serializer.save(by=self.request.user)
        self._reload(serializer)

    @action(detail=True, methods=["post"], serializer_class=EndMembershipSerializer)
    def end(self, request, pk=None):
        """End the spell: exit date and reason (iom.codes.ExitReason)."""
        serializer = self.get_serializer(self.get_object(), data=request.data)
        serializer.is_valid(raise_exception=True)
        spell = serializer.save(by=request.user)
        return Response(
            MembershipSerializer(
                self.visible().get(pk=spell.pk), context=self.get_serializer_context()
            ).data
        )
