"""Recording each kind of event from the nominal page."""

import re
from datetime import date, timedelta

import pytest

from iom.codes import EventKind
from iom.event_rules import EVENT_FIELDS
from iom.models import Event

TODAY = date.today()
RECENT = TODAY - timedelta(days=10)


def date_fields(name, value):
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


@pytest.fixture
def nominal(make_nominal):
    return make_nominal("Jonathan", "Whitaker")


def form_url(nominal, kind):
    return f"/nominals/{nominal.pk}/events/new/{kind}/"


def test_choosing_a_kind_leads_to_its_form(police_client, nominal):
    url = f"/nominals/{nominal.pk}/events/new/"
    page = police_client.get(url).content.decode()
    for kind in EventKind:
        assert f'value="{kind.value}"' in page
    response = police_client.post(url, {"kind": "custody"})
    assert response.status_code == 302
    assert response["Location"] == form_url(nominal, "custody")


def test_choosing_nothing_is_an_error(police_client, nominal):
    page = police_client.post(f"/nominals/{nominal.pk}/events/new/", {}).content.decode()
    assert "There is a problem" in page
    assert 'href="#kind-arrest">Select the kind of event to record' in page


def test_an_unknown_kind_is_not_found(police_client, nominal):
    assert police_client.get(form_url(nominal, "parking-ticket")).status_code == 404


@pytest.mark.parametrize("kind", EventKind.values)
def test_each_form_has_exactly_the_fields_its_kind_carries(police_client, nominal, kind):
    page = police_client.get(form_url(nominal, kind)).content.decode()
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([a-z_]+)"', page)) - {
        "csrfmiddlewaretoken"
    }
    required, optional = EVENT_FIELDS[kind]
    expected = set()
    for field in (*required, *optional):
        if field in ("date", "end_date", "offence_date", "expected_release"):
            expected |= {f"{field}_day", f"{field}_month", f"{field}_year"}
        else:
            expected.add(field)
    assert names == expected


def test_the_offence_is_chosen_from_the_offence_codes(police_client, nominal):
    page = police_client.get(form_url(nominal, "arrest")).content.decode()
    assert '<option value="burglary-dwelling">Burglary dwelling</option>' in page
    assert '<option value="drug-supply">Supply/intent class A or B</option>' in page


VALID = {
    "arrest": (
        {**date_fields("date", RECENT), "offence": "burglary-dwelling", "outcome": "charged"},
        {"offence": "burglary-dwelling", "outcome": "charged"},
    ),
    "charge": (
        {
            **date_fields("date", RECENT),
            "offence": "robbery",
            **date_fields("offence_date", RECENT - timedelta(days=3)),
        },
        {"offence": "robbery", "offence_date": RECENT - timedelta(days=3)},
    ),
    "conviction": (
        {**date_fields("date", RECENT), "offence": "shoplifting"},
        {"offence": "shoplifting", "offence_date": None},
    ),
    "intelligence": (
        {
            **date_fields("date", RECENT),
            "grade": " b2 ",
            "handling_code": "C",
            "suggests_offending": "on",
            "summary": "Seen near the retail park with tools.",
        },
        {
            "grade": "B2",
            "handling_code": "C",
            "suggests_offending": True,
            "summary": "Seen near the retail park with tools.",
        },
    ),
    "wanted": (
        {**date_fields("date", RECENT), "wanted_type": "licence-recall"},
        {"wanted_type": "licence-recall", "end_date": None},
    ),
    "custody": (
        {
            **date_fields("date", RECENT - timedelta(days=5)),
            **date_fields("end_date", RECENT),
            **date_fields("expected_release", RECENT),
        },
        {"end_date": RECENT, "expected_release": RECENT},
    ),
    "breach": ({**date_fields("date", RECENT), "summary": "Missed appointment"}, {}),
    "recall": ({**date_fields("date", RECENT)}, {}),
    "supervision": (
        {**date_fields("date", RECENT), "order_type": "Licence", "statutory": "yes"},
        {"order_type": "Licence", "statutory": True, "end_date": None},
    ),
    "engagement": (
        {**date_fields("date", RECENT), "service": "treatment", "status": "not-complying"},
        {"service": "treatment", "status": "not-complying"},
    ),
}


@pytest.mark.parametrize("kind", EventKind.values)
def test_recording_each_kind(police_client, police, nominal, kind):
    posted, stored = VALID[kind]
    response = police_client.post(form_url(nominal, kind), posted)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == f"/nominals/{nominal.pk}/"
    event = Event.objects.get(nominal=nominal)
    assert (event.kind, event.date, event.recorded_by) == (
        kind,
        stored.get("date", event.date),
        police,
    )
    for field, value in stored.items():
        assert getattr(event, field) == value, field
    page = police_client.get(response["Location"]).content.decode()
    assert f"{EventKind(kind).label} on {event.date.day} {event.date:%B %Y} recorded" in page


def test_the_new_arrest_is_at_the_top_of_the_timeline(police_client, nominal):
    police_client.post(
        form_url(nominal, "custody"),
        {**date_fields("date", RECENT - timedelta(days=100))},
    )
    police_client.post(form_url(nominal, "arrest"), VALID["arrest"][0])
    page = police_client.get(f"/nominals/{nominal.pk}/").content.decode()
    titles = re.findall(r'<h3 class="moj-timeline__title">([^<]+)</h3>', page)
    assert titles == ["Arrest: Burglary dwelling", "Custody"]


@pytest.mark.parametrize(
    ("kind", "posted", "field_id", "message"),
    [
        (
            "arrest",
            {**date_fields("date", TODAY + timedelta(days=1)), "offence": "robbery"},
            "id_date_day",
            "The date cannot be in the future",
        ),
        (
            "arrest",
            {**date_fields("date", RECENT)},
            "id_offence",
            "Enter the offence of the arrest",
        ),
        ("arrest", {"offence": "robbery"}, "id_date_day", "Enter the date of the arrest"),
        (
            "custody",
            {**date_fields("date", RECENT), **date_fields("end_date", RECENT - timedelta(1))},
            "id_end_date_day",
            "The end date must be the same as or after the date",
        ),
        (
            "intelligence",
            {**date_fields("date", RECENT), "grade": "Z9", "handling_code": "P"},
            "id_grade",
            "Enter a grade as 5x5x5",
        ),
        (
            "intelligence",
            {**date_fields("date", RECENT), "grade": "B2"},
            "id_handling_code_0",
            "Enter the handling code of the intelligence",
        ),
        (
            "engagement",
            {**date_fields("date", RECENT), "service": "treatment"},
            "id_status_0",
            "Enter the status of the engagement",
        ),
        (
            "charge",
            {
                **date_fields("date", RECENT),
                "offence": "robbery",
                **date_fields("offence_date", RECENT + timedelta(days=1)),
            },
            "id_offence_date_day",
            "The offence date must be on or before the date of the charge",
        ),
        (
            "wanted",
            {"date_day": "31", "date_month": "2", "date_year": "2024", "wanted_type": "crime"},
            "id_date_day",
            "Date circulated as wanted must be a real date",
        ),
        (
            "engagement",
            {**date_fields("date", RECENT), "service": "pub", "status": "engaging"},
            "id_service_0",
            "Select a valid choice",
        ),
    ],
)
def test_errors_show_beside_their_fields_with_a_summary(
    police_client, nominal, kind, posted, field_id, message
):
    response = police_client.post(form_url(nominal, kind), posted)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'href="#{field_id}">{message}' in page
    assert 'class="govuk-error-message"' in page
    assert not Event.objects.exists()


def test_all_errors_show_at_once(police_client, nominal):
    page = police_client.post(
        form_url(nominal, "arrest"), {"date_day": "40", "date_month": "1", "date_year": "2024"}
    ).content.decode()
    assert "Date of arrest must be a real date" in page
    assert "Enter the offence of the arrest" in page
