"""The small, shared part of a population: schemes with areas, levels, agencies and staff.

Written through the ORM (a few hundred rows) so the matrix policy of each scheme is seeded by
its post_save receiver, as for any new scheme.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from iom.codes import AgencyKind, Role
from iom.models import Agency, Area, Level, Scheme, StaffProfile

SLUG_PREFIX = "pop-"
AREA_CODES = ("NC", "NE", "NW", "SC", "SE", "SW")
LEVELS = {
    Scheme.Policy.DERBYSHIRE_2015: (("ppo", "PPO"), ("iom", "IOM")),
    Scheme.Policy.LONDON: (
        ("priority", "Priority"),
        ("enhanced", "Enhanced"),
        ("standard", "Standard"),
    ),
}
# Staff per scheme, by team: (agency kind, role, how many). The team names are used in SQL.
TEAMS = {
    "police": (AgencyKind.POLICE, Role.POLICE_OFFICER, 8),
    "probation": (AgencyKind.PROBATION_NPS, Role.OFFENDER_MANAGER, 8),
    "substance": (AgencyKind.SUBSTANCE_MISUSE, Role.PRACTITIONER, 3),
    "housing": (AgencyKind.HOUSING, Role.PRACTITIONER, 3),
    "coordinator": (AgencyKind.POLICE, Role.COORDINATOR, 2),
    "manager": (AgencyKind.PROBATION_NPS, Role.MANAGER, 1),
}


@dataclass
class SchemeRows:
    position: int  # 1-based, largest scheme first
    scheme: Scheme
    areas: list
    levels: list
    agencies: dict  # AgencyKind -> Agency
    staff: dict = field(default_factory=dict)  # team -> [User]


def scheme_shares(count: int) -> list[float]:
    """Unequal sizes, as real partnerships are: the first scheme is the largest."""
    weights = [count - i + 1 for i in range(count)]
    return [w / sum(weights) for w in weights]


def population_exists() -> bool:
    return Scheme.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def build_schemes(count: int, password: str | None) -> list[SchemeRows]:
    User = get_user_model()
    hashed = make_password(password)  # hashed once: unusable when no password is given
    built = []
    for position in range(1, count + 1):
        policy = Scheme.Policy.DERBYSHIRE_2015 if position % 2 else Scheme.Policy.LONDON
        scheme = Scheme.objects.create(
            name=f"Population scheme {position} IOM",
            slug=f"{SLUG_PREFIX}{position}",
            policy=policy,
        )
        areas = Area.objects.bulk_create(
            Area(scheme=scheme, code=code, name=f"District {code} of scheme {position}")
            for code in AREA_CODES
        )
        levels = Level.objects.bulk_create(
            Level(scheme=scheme, code=code, name=name, order=order)
            for order, (code, name) in enumerate(LEVELS[policy], start=1)
        )
        agencies = {
            agency.kind: agency
            for agency in Agency.objects.bulk_create(
                Agency(scheme=scheme, name=f"Scheme {position} {kind.label}", kind=kind)
                for kind in AgencyKind
            )
        }
        rows = SchemeRows(position, scheme, areas, levels, agencies)
        profiles = []
        for team, (kind, role, size) in TEAMS.items():
            users = User.objects.bulk_create(
                User(
                    username=f"pop{position}.{team}{n}",
                    first_name=team.capitalize(),
                    last_name=f"Scheme{position} {n}",
                    email=f"pop{position}.{team}{n}@population.example",
                    password=hashed,
                )
                for n in range(1, size + 1)
            )
            rows.staff[team] = users
            profiles += [
                StaffProfile(user=u, scheme=scheme, agency=agencies[kind], role=role) for u in users
            ]
        StaffProfile.objects.bulk_create(profiles)
        built.append(rows)
    return built
