"""Shared fixtures: one scheme with an agency and a signed-in user of each kind."""

import itertools
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from iom.codes import AgencyKind, Role
from iom.models import Agency, Area, Level, Scheme, StaffProfile
from iom.services.nominals import create_nominal

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs seconds per user; the tests are not about its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_counter = itertools.count(1)


@pytest.fixture
def scheme(db):
    scheme = Scheme.objects.create(name="Testshire IOM", slug="testshire")
    Area.objects.create(scheme=scheme, code="N", name="North")
    Area.objects.create(scheme=scheme, code="S", name="South")
    Level.objects.create(scheme=scheme, code="ppo", name="PPO", order=1)
    Level.objects.create(scheme=scheme, code="iom", name="IOM", order=2)
    return scheme


@pytest.fixture
def other_scheme(db):
    scheme = Scheme.objects.create(name="Elsewhere IOM", slug="elsewhere")
    Level.objects.create(scheme=scheme, code="iom", name="IOM", order=1)
    return scheme


@pytest.fixture
def agencies(scheme):
    kinds = {
        "police": AgencyKind.POLICE,
        "probation": AgencyKind.PROBATION_NPS,
        "housing": AgencyKind.HOUSING,
        "substance": AgencyKind.SUBSTANCE_MISUSE,
    }
    return {
        key: Agency.objects.create(scheme=scheme, name=f"Testshire {key}", kind=kind)
        for key, kind in kinds.items()
    }


@pytest.fixture
def make_user(db):
    def make(scheme, agency, role, username=None):
        n = next(_counter)
        user = get_user_model().objects.create_user(
            username=username or f"user{n}",
            password=PASSWORD,
            first_name=f"First{n}",
            last_name=f"Last{n}",
            email=f"user{n}@example.test",
        )
        StaffProfile.objects.create(user=user, scheme=scheme, agency=agency, role=role)
        return user

    return make


@pytest.fixture
def police(make_user, scheme, agencies):
    return make_user(scheme, agencies["police"], Role.POLICE_OFFICER, "police")


@pytest.fixture
def probation(make_user, scheme, agencies):
    return make_user(scheme, agencies["probation"], Role.OFFENDER_MANAGER, "probation")


@pytest.fixture
def coordinator(make_user, scheme, agencies):
    return make_user(scheme, agencies["police"], Role.COORDINATOR, "coordinator")


@pytest.fixture
def partner(make_user, scheme, agencies):
    return make_user(scheme, agencies["housing"], Role.PRACTITIONER, "partner")


@pytest.fixture
def manager(make_user, scheme, agencies):
    return make_user(scheme, agencies["probation"], Role.MANAGER, "manager")


@pytest.fixture
def make_nominal(scheme, police):
    def make(first_names="Alex", last_name="Example", dob=date(1990, 3, 27), by=None, **extra):
        home = extra.pop("scheme", scheme)
        data = {
            "first_names": first_names,
            "last_name": last_name,
            "date_of_birth": dob,
            "area": home.areas.first(),
            **extra,
        }
        return create_nominal(by=by or police, scheme=home, data=data)

    return make


@pytest.fixture
def police_client(client, police):
    client.force_login(police)
    return client
