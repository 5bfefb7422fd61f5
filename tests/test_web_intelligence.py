"""Intelligence with handling code C: its text only for police; others see that it exists."""

from datetime import date

import pytest

from iom.access import can_read_intelligence_text
from iom.codes import EventKind, Role
from iom.services.events import record_event
from iom.services.memberships import start_membership

SECRET = "Stores stolen goods at a lock-up behind the garage"
SHAREABLE = "Seen with known associates in the town centre"


@pytest.fixture
def nominal(make_nominal, police, scheme, agencies):
    nominal = make_nominal("Jonathan", "Whitaker")
    start_membership(
        by=police,
        nominal=nominal,
        scheme=scheme,
        level=scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_agency=agencies["housing"],
    )
    for code, text in (("C", SECRET), ("P", SHAREABLE)):
        record_event(
            by=police,
            nominal=nominal,
            kind=EventKind.INTELLIGENCE,
            values={
                "date": date(2025, 2, 3),
                "grade": "B2",
                "handling_code": code,
                "suggests_offending": True,
                "summary": text,
            },
        )
    return nominal


@pytest.mark.parametrize("who", ["probation", "partner"])
def test_other_agencies_see_that_c_intelligence_exists_without_its_text(
    client, nominal, who, request
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(f"/nominals/{nominal.pk}/").content.decode()
    assert SECRET not in page
    assert "Text withheld (handling code C)" in page
    assert "Grade B2, handling code C" in page
    assert '<time datetime="2025-02-03">' in page
    assert SHAREABLE in page


@pytest.mark.parametrize("role", [Role.POLICE_OFFICER, Role.COORDINATOR])
def test_police_see_the_text(client, nominal, make_user, scheme, agencies, role):
    officer = make_user(scheme, agencies["police"], role)
    client.force_login(officer)
    page = client.get(f"/nominals/{nominal.pk}/").content.decode()
    assert SECRET in page and SHAREABLE in page
    assert "Text withheld" not in page


def test_a_coordinator_outside_the_police_does_not_see_the_text(
    client, nominal, make_user, scheme, agencies
):
    client.force_login(make_user(scheme, agencies["probation"], Role.COORDINATOR))
    page = client.get(f"/nominals/{nominal.pk}/").content.decode()
    assert SECRET not in page and "Text withheld (handling code C)" in page


def test_the_rule_only_withholds_c_intelligence(nominal, partner, police, client):
    events = {e.handling_code or e.kind: e for e in nominal.events.all()}
    assert not can_read_intelligence_text(partner, events["C"])
    assert can_read_intelligence_text(partner, events["P"])
    assert can_read_intelligence_text(police, events["C"])
    client.logout()
    from django.contrib.auth.models import AnonymousUser

    assert not can_read_intelligence_text(AnonymousUser(), events["C"])
