"""A small world for the access tests: a nominal on a partner's case team, one off it, one in
another scheme, each with a referral, and a user of every role."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from iom.case_teams import add_partner
from iom.codes import AgencyKind, EventKind, Role
from iom.models import Agency, Event
from referrals.services import submit_referral


@dataclass
class World:
    team: object  # on partner_on's case team
    off_team: object  # in the scheme, on no partner's team
    elsewhere: object  # another scheme's nominal
    referrals: dict


def _refer(user, nominal):
    today = timezone.localdate()
    Event.objects.create(
        nominal=nominal,
        kind=EventKind.CONVICTION,
        date=today - timedelta(days=30),
        offence="shoplifting",
    )
    data = {
        "referral_date": today,
        "current_offence_details": "Shoplifting",
        "previously_on_panel": False,
        "ogrs_2yr": 85,
    }
    return submit_referral(by=user, nominal=nominal, data=data)


@pytest.fixture
def partner_off(make_user, scheme, agencies):
    return make_user(scheme, agencies["substance"], Role.PRACTITIONER, "partner_off")


@pytest.fixture
def administrator(make_user, scheme, agencies):
    return make_user(scheme, agencies["police"], Role.ADMINISTRATOR, "administrator")


@pytest.fixture
def police_elsewhere(make_user, other_scheme):
    agency = Agency.objects.create(
        scheme=other_scheme, name="Elsewhere police", kind=AgencyKind.POLICE
    )
    return make_user(other_scheme, agency, Role.POLICE_OFFICER, "police_elsewhere")


@pytest.fixture
def world(make_nominal, police, coordinator, partner, other_scheme, police_elsewhere):
    team = make_nominal("Tamsin", "Teamsworth")
    off_team = make_nominal("Oliver", "Offteamly")
    elsewhere = make_nominal(
        "Eric", "Elsewhereton", scheme=other_scheme, area=None, by=police_elsewhere
    )
    add_partner(by=coordinator, nominal=team, user=partner)
    referrals = {
        "team": _refer(police, team),
        "off_team": _refer(police, off_team),
        "elsewhere": _refer(police_elsewhere, elsewhere),
    }
    return World(team, off_team, elsewhere, referrals)
