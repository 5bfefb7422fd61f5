"""The change history page: who changed what and when, for anyone who may see the nominal."""

from datetime import date

import pytest
from django.test import Client

from audit.models import AccessLogEntry
from iom.case_teams import add_partner
from iom.history import history_context
from iom.services.events import record_event


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def nominal(make_nominal):
    return make_nominal("Harriet", "Historia", address="1 Old Road")


def test_an_update_is_listed_with_who_made_it_and_the_change(police, nominal):
    client = client_for(police)
    data = {
        "first_names": "Harriet",
        "last_name": "Historia",
        "date_of_birth_day": "27",
        "date_of_birth_month": "3",
        "date_of_birth_year": "1990",
        "gender": "unknown",
        "aliases": "",
        "pnc_id": "",
        "crn": "",
        "address": "2 New Street",
        "contact_number": "",
        "primary_substance": "",
        "area": nominal.area_id,
        "mappa_level": "0",
    }
    response = client.post(f"/nominals/{nominal.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    logged = AccessLogEntry.objects.count()

    page = client.get(f"/nominals/{nominal.pk}/history/")
    html = page.content.decode()
    assert page.status_code == 200
    changes = list(page.context["page"].object_list)
    update = next(c for c in changes if c.action == "Changed")
    assert update.who == police.get_full_name()
    assert ("address", "1 Old Road", "2 New Street") in [
        (label.lower(), before, after) for label, before, after in update.fields
    ]
    assert "2 New Street" in html and police.get_full_name() in html
    assert any(c.action == "Added" and c.record == "Details" for c in changes)
    assert AccessLogEntry.objects.count() == logged + 1
    assert AccessLogEntry.objects.latest("id").description.startswith("Change history")


def test_the_history_covers_events_and_imports(police, nominal):
    with history_context(police, source="import"):
        record_event(
            by=police,
            nominal=nominal,
            kind="arrest",
            values={"date": date(2025, 1, 2), "offence": "robbery", "outcome": "charged"},
        )
    changes = list(client_for(police).get(f"/nominals/{nominal.pk}/history/").context["page"])
    arrest = next(c for c in changes if c.record.startswith("Arrest"))
    assert (arrest.action, arrest.who, arrest.how) == ("Added", police.get_full_name(), "import")


def test_c_intelligence_text_is_withheld_from_other_agencies(police, partner, coordinator, nominal):
    with history_context(police):
        record_event(
            by=police,
            nominal=nominal,
            kind="intelligence",
            values={
                "date": date(2025, 1, 2),
                "grade": "B2",
                "handling_code": "C",
                "suggests_offending": True,
                "summary": "Secret source says dealing",
            },
        )
    add_partner(by=coordinator, nominal=nominal, user=partner)
    assert (
        "Secret source"
        in client_for(police).get(f"/nominals/{nominal.pk}/history/").content.decode()
    )
    html = client_for(partner).get(f"/nominals/{nominal.pk}/history/").content.decode()
    assert "Secret source" not in html and "Withheld (intelligence handling code C)" in html


def test_the_history_is_404_to_those_who_may_not_see_the_nominal(partner, nominal):
    assert client_for(partner).get(f"/nominals/{nominal.pk}/history/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_nominal_page_links_to_its_history(police, nominal):
    html = client_for(police).get(f"/nominals/{nominal.pk}/").content.decode()
    assert f"/nominals/{nominal.pk}/history/" in html
