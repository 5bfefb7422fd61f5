"""Confirming a RAG status: who may, when a reason is needed, and two people at once."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from iom.codes import Role
from iom.services.events import record_event
from rag.models import RagChange, RagStatus
from rag.services import RagConflict, confirm_status


@pytest.fixture
def nominal(make_nominal, police):
    nominal = make_nominal()
    record_event(
        by=police,
        nominal=nominal,
        kind="wanted",
        values={"date": date.today(), "wanted_type": "warrant"},
    )
    return nominal


@pytest.fixture
def admin_user(make_user, scheme, agencies):
    return make_user(scheme, agencies["probation"], Role.ADMINISTRATOR, "schemeadmin")


def test_coordinator_confirms_the_suggestion_without_a_reason(coordinator, nominal):
    status = confirm_status(by=coordinator, nominal=nominal, status="red", expected_version=0)
    assert (status.status, status.version, status.confirmed_by) == ("red", 1, coordinator)
    change = RagChange.objects.get(nominal=nominal)
    assert (change.from_status, change.to_status, change.suggested) == ("", "red", "red")
    assert change.changed_by == coordinator and change.meeting_id is None


def test_administrator_may_confirm_too(admin_user, nominal):
    assert confirm_status(by=admin_user, nominal=nominal, status="red").status == "red"


def test_departing_from_the_suggestion_needs_a_reason(coordinator, nominal):
    with pytest.raises(ValidationError) as exc:
        confirm_status(by=coordinator, nominal=nominal, status="amber", reason="  ")
    assert exc.value.message_dict["reason"] == [
        "Give a reason for confirming Amber when the facts suggest Red"
    ]
    assert not RagStatus.objects.exists() and not RagChange.objects.exists()
    confirm_status(
        by=coordinator, nominal=nominal, status="amber", reason="Warrant executed today",
        expected_version=0, meeting_id=12,
    )  # fmt: skip
    change = RagChange.objects.get()
    assert (change.to_status, change.suggested, change.meeting_id) == ("amber", "red", 12)
    assert change.reason == "Warrant executed today"


def test_unknown_status_is_refused_naming_the_field(coordinator, nominal):
    with pytest.raises(ValidationError) as exc:
        confirm_status(by=coordinator, nominal=nominal, status="purple", reason="x")
    assert "status" in exc.value.message_dict


@pytest.mark.parametrize("who", ["police", "probation", "partner", "manager"])
def test_only_coordinators_and_administrators_may_confirm(request, who, nominal):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        confirm_status(by=user, nominal=nominal, status="red", expected_version=0)
    assert not RagStatus.objects.exists()


def test_coordinator_of_another_scheme_may_not_confirm(make_user, other_scheme, nominal):
    from iom.models import Agency

    agency = Agency.objects.create(scheme=other_scheme, name="Elsewhere police", kind="police")
    outsider = make_user(other_scheme, agency, Role.COORDINATOR, "outsider")
    with pytest.raises(PermissionDenied):
        confirm_status(by=outsider, nominal=nominal, status="red")


def test_second_confirm_with_the_same_expected_version_is_refused(coordinator, admin_user, nominal):
    confirm_status(by=coordinator, nominal=nominal, status="red", expected_version=0)
    first = confirm_status(
        by=coordinator, nominal=nominal, status="amber", reason="Arrested on the warrant",
        expected_version=1,
    )  # fmt: skip
    assert first.version == 2
    with pytest.raises(RagConflict) as exc:
        confirm_status(
            by=admin_user, nominal=nominal, status="green", reason="Engaging well",
            expected_version=1,
        )  # fmt: skip
    message = exc.value.message
    assert "changed while you were deciding" in message
    assert coordinator.get_full_name() in message and "Amber" in message
    stored = RagStatus.objects.get()
    assert (stored.status, stored.version, stored.confirmed_by) == ("amber", 2, coordinator)
    assert RagChange.objects.count() == 2


def test_two_first_confirmations_conflict_too(coordinator, admin_user, nominal):
    confirm_status(by=coordinator, nominal=nominal, status="red", expected_version=0)
    with pytest.raises(RagConflict, match="confirmed it as Red"):
        confirm_status(by=admin_user, nominal=nominal, status="red", expected_version=0)


def test_every_confirmation_is_kept_in_the_history(coordinator, nominal):
    confirm_status(by=coordinator, nominal=nominal, status="red", expected_version=0)
    confirm_status(by=coordinator, nominal=nominal, status="red", expected_version=1)
    confirm_status(
        by=coordinator, nominal=nominal, status="green", reason="Warrant withdrawn",
        expected_version=2,
    )  # fmt: skip
    history = list(
        RagChange.objects.order_by("id").values_list("from_status", "to_status", "version")
    )
    assert history == [("", "red", 1), ("red", "red", 2), ("red", "green", 3)]


@pytest.mark.django_db(transaction=True)
def test_a_confirm_waiting_on_another_sees_its_result(coordinator, admin_user, nominal):
    """Two real transactions: the second waits for the first, then is refused, not applied."""
    import threading
    import time

    from django.db import connection, transaction

    outcome = {}

    def second():
        try:
            confirm_status(
                by=admin_user, nominal=nominal, status="green", reason="Engaging",
                expected_version=0,
            )  # fmt: skip
            outcome["result"] = "applied"
        except RagConflict as exc:
            outcome["result"] = exc.message
        finally:
            connection.close()

    with transaction.atomic():
        confirm_status(by=coordinator, nominal=nominal, status="red", expected_version=0)
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        assert thread.is_alive(), "the second confirm should wait for the first to commit"
    thread.join(timeout=10)
    assert "confirmed it as Red" in outcome["result"]
    assert RagStatus.objects.get().status == "red"
    assert RagChange.objects.count() == 1
