"""Tasking API: meetings, attendees, the generated agenda and exit reviews (decisions are in
tasking/api_decisions.py).

Readers are the scheme's staff (the agenda is filtered per user); writers are co-ordinators.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.models import Action
from iom.access import log_search, staff_of
from iom.api.schema import FIELD_ERRORS, MESSAGES
from iom.models import Agency
from tasking import selectors, services
from tasking.agenda import build_agenda
from tasking.models import Attendance, Decision, ExitReview, Meeting
from tasking.views import log_meeting_access

User = get_user_model()


def _service_errors(exc: DjangoValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    return serializers.ValidationError(
        {("non_field_errors" if k == "__all__" else k): v for k, v in detail.items()}
    )


class QuorumSerializer(serializers.Serializer):
    """Shape of _quorum (schema only)."""

    met = serializers.BooleanField()
    present = serializers.IntegerField()
    required = serializers.IntegerField()
    agencies = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField()


def _quorum(q):
    return {
        "met": q.met,
        "present": q.present,
        "required": q.required,
        "agencies": list(q.agencies),
        "message": q.message,
    }


@extend_schema_field(OpenApiTypes.INT)
class SchemeObjectField(serializers.PrimaryKeyRelatedField):
    """A primary key limited to the requesting user's scheme."""

    def __init__(self, model, scheme_path, **kwargs):
        self.model, self.scheme_path = model, scheme_path
        super().__init__(**kwargs)

    def get_queryset(self):
        staff = staff_of(self.context["request"].user)
        scheme_id = staff.scheme_id if staff else None
        return self.model.objects.filter(**{self.scheme_path: scheme_id})


class MeetingSerializer(serializers.ModelSerializer):
    chair = SchemeObjectField(User, "staff__scheme_id", required=False, allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "kind", "date", "chair", "notes", "created_at"]
        read_only_fields = ["id", "created_at"]


class MeetingList(generics.ListCreateAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return selectors.meetings_for_user(self.request.user)

    def create(self, request, *args, **kwargs):
        services.require_coordinator(request.user, staff_of(request.user).scheme_id)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.create_meeting(
                by=self.request.user,
                scheme=staff_of(self.request.user).scheme,
                kind=data.get("kind", Meeting.Kind.DAILY),
                date=data["date"],
                chair=data.get("chair"),
                notes=data.get("notes", ""),
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc


class MeetingDetail(APIView):
    @extend_schema(
        responses=inline_serializer(
            "MeetingDetail", {**MeetingSerializer().get_fields(), "quorum": QuorumSerializer()}
        )
    )
    def get(self, request, pk):
        meeting = selectors.meeting_for_user(request.user, pk)
        body = MeetingSerializer(meeting, context={"request": request}).data
        body["quorum"] = _quorum(selectors.quorum_of(meeting, selectors.attendances(meeting)))
        return Response(body)


class AttendeeSerializer(serializers.ModelSerializer):
    user = SchemeObjectField(User, "staff__scheme_id", required=False, allow_null=True)
    agency = SchemeObjectField(Agency, "scheme_id", required=False, allow_null=True)
    display_name = serializers.CharField(read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "user", "name", "agency", "display_name", "agency_name"]
        read_only_fields = ["id"]


class AttendeeWithQuorumSerializer(AttendeeSerializer):
    """What adding an attendee answers (schema only)."""

    quorum = QuorumSerializer(read_only=True)

    class Meta(AttendeeSerializer.Meta):
        fields = [*AttendeeSerializer.Meta.fields, "quorum"]


class Attendees(APIView):
    @extend_schema(
        responses=inline_serializer(
            "AttendeeList",
            {"results": AttendeeSerializer(many=True), "quorum": QuorumSerializer()},
        )
    )
    def get(self, request, pk):
        meeting = selectors.meeting_for_user(request.user, pk)
        attendance_list = selectors.attendances(meeting)
        return Response(
            {
                "results": AttendeeSerializer(
                    attendance_list, many=True, context={"request": request}
                ).data,
                "quorum": _quorum(selectors.quorum_of(meeting, attendance_list)),
            }
        )

    @extend_schema(request=AttendeeSerializer, responses={201: AttendeeWithQuorumSerializer})
    def post(self, request, pk):
        meeting = selectors.meeting_for_user(request.user, pk)
        services.require_coordinator(request.user, meeting.scheme_id)
        serializer = AttendeeSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            attendance = services.add_attendance(
                by=request.user,
                meeting=meeting,
                user=data.get("user"),
                name=data.get("name", ""),
                agency=data.get("agency"),
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        body = AttendeeSerializer(attendance, context={"request": request}).data
        body["quorum"] = _quorum(selectors.quorum_of(meeting, selectors.attendances(meeting)))
        return Response(body, status=status.HTTP_201_CREATED)


def _item(item):
    nominal = item.nominal
    return {
        "key": item.key,
        "nominal": {"id": nominal.pk, "name": nominal.full_name} if nominal else None,
        "title": item.title,
        "date": item.date.isoformat() if item.date else None,
        "detail": item.detail,
        "object": type(item.obj).__name__.lower() if item.obj is not None else None,
        "object_id": getattr(item.obj, "pk", None),
        "decisions": list(item.decisions),
        "decided": item.extra.get("decided"),
        "links": [{"label": label, "url": url} for label, url in item.extra.get("links", ())],
        "data": item.extra.get("data", {}),
    }


class AgendaNominalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AgendaLinkSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField()


class AgendaItemSerializer(serializers.Serializer):
    """Shape of _item (schema only)."""

    key = serializers.CharField()
    nominal = AgendaNominalSerializer(allow_null=True)
    title = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    detail = serializers.CharField()
    object = serializers.CharField(allow_null=True, help_text="The kind of record behind it")
    object_id = serializers.IntegerField(allow_null=True)
    decisions = serializers.ListField(
        child=serializers.ChoiceField(choices=Decision.Kind.choices),
        help_text="Decision kinds that may be recorded against it",
    )
    decided = serializers.CharField(allow_null=True)
    links = AgendaLinkSerializer(many=True)
    data = serializers.DictField()


class AgendaSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    items = AgendaItemSerializer(many=True)


class AgendaSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices)
    date = serializers.DateField()
    events_from = serializers.DateField()
    previous_meeting = serializers.IntegerField(allow_null=True)
    sections = AgendaSectionSerializer(many=True)


class AgendaView(APIView):
    @extend_schema(responses=AgendaSerializer)
    def get(self, request, pk):
        meeting = selectors.meeting_for_user(request.user, pk)
        agenda = build_agenda(meeting, request.user)
        log_meeting_access(request, meeting, action=Action.API_VIEW, what="agenda")
        return Response(
            {
                "meeting": meeting.pk,
                "kind": meeting.kind,
                "date": meeting.date.isoformat(),
                "events_from": agenda.first_day.isoformat(),
                "previous_meeting": agenda.previous.pk if agenda.previous else None,
                "sections": [
                    {"key": s.key, "title": s.title, "items": [_item(i) for i in s.items]}
                    for s in agenda.sections
                ],
            }
        )


class ExitReviewSerializer(serializers.ModelSerializer):
    nominal = serializers.IntegerField(source="membership.nominal_id", read_only=True)
    nominal_name = serializers.CharField(source="membership.nominal.full_name", read_only=True)

    class Meta:
        model = ExitReview
        fields = [
            "id", "membership", "nominal", "nominal_name", "due_date", "proposal", "offences",
            "status", "decided_by", "decided_at", "reason",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema(
    parameters=[
        OpenApiParameter(
            "status", str, enum=ExitReview.Status.values, description="Only reviews in this status"
        )
    ],
    responses={
        200: ExitReviewSerializer,
        400: OpenApiResponse(
            {**FIELD_ERRORS, "additionalProperties": {"anyOf": [MESSAGES, {"type": "string"}]}},
            description="?status= is not one of the statuses",
        ),
    },
)
class ExitReviews(generics.ListAPIView):
    serializer_class = ExitReviewSerializer

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        log_search(request, request.GET.urlencode(), action=Action.API_SEARCH,
                   description="Exit reviews")  # fmt: skip
        return response

    def get_queryset(self):
        wanted = self.request.query_params.get("status") or None
        if wanted is not None and wanted not in ExitReview.Status.values:
            raise serializers.ValidationError(
                {"status": f"Use one of: {', '.join(ExitReview.Status.values)}"}
            )
        return selectors.exit_reviews_for_user(self.request.user, wanted)
