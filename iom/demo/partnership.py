"""The demo partnership: scheme, districts, levels, one agency of every kind and demo staff."""

import secrets
import string
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from iom.codes import AgencyKind, Role
from iom.models import Agency, Area, Level, Scheme, StaffProfile

SCHEME_NAME = "Demoshire IOM"
SCHEME_SLUG = "demoshire"
# (code, name): fictional districts of a fictional county.
AREAS = (("NB", "Northbrook"), ("EF", "Eastfield"), ("SM", "Southmoor"), ("WC", "Westcliffe"))
LEVELS = (("ppo", "PPO", 1), ("iom", "IOM", 2))
AGENCY_NAMES = {
    AgencyKind.POLICE: "Demoshire Police",
    AgencyKind.PROBATION_NPS: "Demoshire Probation Service",
    AgencyKind.PROBATION_CRC: "Demoshire Community Rehabilitation Company",
    AgencyKind.PRISON: "HMP Demoshire",
    AgencyKind.YOUTH_OFFENDING: "Demoshire Youth Offending Service",
    AgencyKind.LOCAL_AUTHORITY: "Demoshire County Council",
    AgencyKind.SUBSTANCE_MISUSE: "Demoshire Drug Intervention Programme",
    AgencyKind.HOUSING: "Demoshire Homes",
    AgencyKind.HEALTH: "Demoshire Health NHS Trust",
    AgencyKind.VOLUNTARY: "Demoshire Second Chances",
}
# (username, first name, last name, role, agency kind): one sign-in per role, plus a partner.
DEMO_STAFF = (
    ("demo.practitioner", "Priya", "Marsh", Role.PRACTITIONER, AgencyKind.SUBSTANCE_MISUSE),
    ("demo.offender-manager", "Owen", "Hartley", Role.OFFENDER_MANAGER, AgencyKind.PROBATION_NPS),
    ("demo.police", "Paula", "Brennan", Role.POLICE_OFFICER, AgencyKind.POLICE),
    ("demo.coordinator", "Colin", "Ashworth", Role.COORDINATOR, AgencyKind.POLICE),
    ("demo.manager", "Mina", "Okafor", Role.MANAGER, AgencyKind.PROBATION_NPS),
    ("demo.admin", "Alex", "Drummond", Role.ADMINISTRATOR, AgencyKind.LOCAL_AUTHORITY),
    ("demo.housing", "Hannah", "Whitfield", Role.PRACTITIONER, AgencyKind.HOUSING),
)
DEMO_USERNAMES = tuple(row[0] for row in DEMO_STAFF)


@dataclass
class Partnership:
    scheme: Scheme
    areas: list
    levels: dict  # code -> Level
    agencies: dict  # AgencyKind -> Agency
    staff: dict  # username -> User


def new_password(length=20):
    """A strong random password for this run only; printed once, never stored in clear."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        if any(c.isdigit() for c in password) and any(c.isupper() for c in password):
            return password


def build_partnership(password: str) -> Partnership:
    scheme = Scheme.objects.create(
        name=SCHEME_NAME, slug=SCHEME_SLUG, policy=Scheme.Policy.DERBYSHIRE_2015
    )
    areas = Area.objects.bulk_create(
        Area(scheme=scheme, code=code, name=name) for code, name in AREAS
    )
    levels = {
        level.code: level
        for level in Level.objects.bulk_create(
            Level(scheme=scheme, code=code, name=name, order=order) for code, name, order in LEVELS
        )
    }
    agencies = {
        agency.kind: agency
        for agency in Agency.objects.bulk_create(
            Agency(scheme=scheme, name=name, kind=kind) for kind, name in AGENCY_NAMES.items()
        )
    }
    User = get_user_model()
    staff = {}
    for username, first, last, role, kind in DEMO_STAFF:
        is_admin = role == Role.ADMINISTRATOR
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demoshire.example",
            is_staff=is_admin,
            is_superuser=is_admin,
        )
        user.set_password(password)
        user.save()
        StaffProfile.objects.create(user=user, scheme=scheme, agency=agencies[kind], role=role)
        staff[username] = user
    return Partnership(scheme, areas, levels, agencies, staff)
