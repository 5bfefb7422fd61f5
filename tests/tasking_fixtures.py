"""Fixtures shared by the tasking and exit-review tests (import the ones a module uses)."""

import itertools
from datetime import date

import pytest

from iom.codes import Role
from iom.models import Event
from iom.services.memberships import start_membership
from tasking.models import Attendance, Meeting

_pnc = itertools.count(1)


@pytest.fixture
def make_member(make_nominal, scheme, police):
    """A nominal with an open spell on the scheme from `start`."""

    def make(start=date(2024, 9, 2), first_names="Alex", last_name="Example", **extra):
        spell = {k: extra.pop(k) for k in ("lead_agency", "lead_professional", "police_officer")
                 if k in extra}  # fmt: skip
        nominal = make_nominal(first_names, last_name, **extra)
        return start_membership(
            by=police,
            nominal=nominal,
            scheme=scheme,
            level=scheme.levels.get(code="iom"),
            start=start,
            **spell,
        )

    return make


@pytest.fixture
def add_event():
    def add(nominal, kind, day, **fields):
        return Event.objects.create(nominal=nominal, kind=kind, date=day, **fields)

    return add


@pytest.fixture
def make_meeting(scheme, coordinator):
    def make(day, kind=Meeting.Kind.DAILY, **extra):
        return Meeting.objects.create(
            scheme=scheme, kind=kind, date=day, created_by=coordinator, **extra
        )

    return make


@pytest.fixture
def attend(coordinator):
    """Record guests of the given agencies as present."""

    def add(meeting, *agencies):
        for n, agency in enumerate(agencies):
            Attendance.objects.create(
                meeting=meeting, name=f"Guest {n} of {agency.name}", agency=agency
            )

    return add


@pytest.fixture
def quorate(attend, agencies):
    def make(meeting):
        attend(meeting, agencies["police"], agencies["probation"], agencies["housing"])
        return meeting

    return make


@pytest.fixture
def substance_worker(make_user, scheme, agencies):
    return make_user(scheme, agencies["substance"], Role.PRACTITIONER, "substance")
