"""Adding and editing a nominal through the pages: the service's rules as field errors."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from iom.models import Membership, Nominal
from iom.services.memberships import start_membership

CREATE_URL = "/nominals/new/"


def date_fields(name, value):
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


def nominal_post(**overrides):
    data = {
        "first_names": "Jonathan",
        "last_name": "Whitaker",
        **date_fields("date_of_birth", date(1990, 3, 27)),
        "gender": "male",
        "aliases": "",
        "pnc_id": "",
        "crn": "",
        "address": "",
        "contact_number": "",
        "primary_substance": "",
        "area": "",
        "mappa_level": "0",
    }
    data.update(overrides)
    return data


def test_the_add_form_shows_every_field(police_client, scheme):
    page = police_client.get(CREATE_URL).content.decode()
    for name in (
        "first_names",
        "last_name",
        "aliases",
        "date_of_birth_day",
        "date_of_birth_month",
        "date_of_birth_year",
        "gender",
        "pnc_id",
        "crn",
        "address",
        "contact_number",
        "primary_substance",
        "area",
        "is_ppo",
        "mappa_level",
        "current_sex_offender",
        "yos_high_risk",
    ):
        assert f'name="{name}"' in page, name
    for area in scheme.areas.all():
        assert f">{area.name}</option>" in page
    assert 'name="different_person"' not in page


def test_adding_a_nominal_stores_canonical_identifiers_and_aliases(police_client, police, scheme):
    north = scheme.areas.get(code="N")
    response = police_client.post(
        CREATE_URL,
        nominal_post(
            pnc_id="12/1h",
            crn="x 552020",
            aliases="Jon Whit\n\n  Johnny W  \n",
            area=str(north.pk),
            is_ppo="on",
            mappa_level="1",
            primary_substance="Heroin",
            contact_number="07700 900123",
        ),
    )
    nominal = Nominal.objects.get(last_name="Whitaker")
    assert response.status_code == 302
    assert response["Location"] == reverse("nominal-detail", args=[nominal.pk])
    assert nominal.pnc_id == "2012/0000001H"
    assert nominal.crn == "X552020"
    assert sorted(nominal.aliases.values_list("name", flat=True)) == ["Johnny W", "Jon Whit"]
    assert nominal.date_of_birth == date(1990, 3, 27)
    assert (nominal.area, nominal.is_ppo, nominal.mappa_level) == (north, True, 1)
    assert not nominal.current_sex_offender
    assert nominal.created_by == police and nominal.scheme == scheme
    page = police_client.get(response["Location"]).content.decode()
    assert "Jonathan Whitaker has been added" in page


def test_editing_shows_the_current_details_and_saves_changes(police_client, make_nominal):
    nominal = make_nominal("Jonathan", "Whitaker", pnc_id="12/1H")
    nominal.aliases.create(name="Old Alias")
    url = f"/nominals/{nominal.pk}/edit/"
    page = police_client.get(url).content.decode()
    assert 'value="Whitaker"' in page and 'value="2012/0000001H"' in page
    assert 'name="date_of_birth_day" type="text" inputmode="numeric" value="27"' in page
    assert "Old Alias</textarea>" in page
    response = police_client.post(
        url,
        nominal_post(last_name="Whittaker", pnc_id="2012/0000001H", aliases="New Alias"),
    )
    assert response.status_code == 302
    nominal.refresh_from_db()
    assert nominal.last_name == "Whittaker"
    assert nominal.pnc_id == "2012/0000001H"  # its own PNC ID is not a duplicate
    assert list(nominal.aliases.values_list("name", flat=True)) == ["New Alias"]


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"pnc_id": "12/1A"}, "id_pnc_id", "for 2012/0000001 it should be H"),
        ({"pnc_id": "not a pnc"}, "id_pnc_id", "Enter a PNC ID like 2012/0000001H"),
        ({"crn": "552020"}, "id_crn", "Enter a CRN as one letter and six digits"),
        ({"last_name": "  "}, "id_last_name", "Enter the last name"),
        ({"first_names": ""}, "id_first_names", "Enter the first names"),
        (
            date_fields("date_of_birth", date.today() + timedelta(days=1)),
            "id_date_of_birth_day",
            "Date of birth must be in the past",
        ),
        (
            {"date_of_birth_month": ""},
            "id_date_of_birth_month",
            "Date of birth must include a month",
        ),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, None, "must be a real date"),
        ({"date_of_birth_year": "90"}, "id_date_of_birth_year", "must be a real date"),
        (
            {"date_of_birth_day": "", "date_of_birth_month": "", "date_of_birth_year": ""},
            "id_date_of_birth_day",
            "Enter the date of birth",
        ),
    ],
)
def test_bad_details_are_field_errors_with_a_summary(
    police_client, scheme, overrides, field_id, message
):
    response = police_client.post(CREATE_URL, nominal_post(**overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and 'class="govuk-error-summary"' in page
    assert message in page
    assert "govuk-form-group--error" in page
    if field_id:
        assert f'href="#{field_id}"' in page
    assert not Nominal.objects.exists()


def test_months_may_be_typed_as_names(police_client, scheme):
    police_client.post(CREATE_URL, nominal_post(date_of_birth_month="Mar"))
    assert Nominal.objects.get().date_of_birth == date(1990, 3, 27)


def test_a_pnc_id_already_recorded_is_refused_naming_the_nominal(police_client, make_nominal):
    existing = make_nominal("Someone", "Else", dob=date(1985, 1, 1), pnc_id="2012/0000001H")
    response = police_client.post(CREATE_URL, nominal_post(pnc_id="12/1H"))
    page = response.content.decode()
    assert f"PNC ID 2012/0000001H is already recorded for nominal {existing.pk}" in page
    assert Nominal.objects.count() == 1


def test_a_crn_already_recorded_is_refused_on_edit(police_client, make_nominal):
    make_nominal("Someone", "Else", crn="X552020")
    nominal = make_nominal("Jonathan", "Whitaker")
    response = police_client.post(f"/nominals/{nominal.pk}/edit/", nominal_post(crn="X552020"))
    assert "CRN X552020 is already recorded for nominal" in response.content.decode()
    nominal.refresh_from_db()
    assert nominal.crn is None


def test_a_close_name_with_the_same_birth_date_needs_confirming(police_client, make_nominal):
    existing = make_nominal("Jonathan", "Whitaker", dob=date(1990, 3, 27))
    response = police_client.post(CREATE_URL, nominal_post(first_names="Jonathon"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This person may already be recorded" in page
    assert f'href="/nominals/{existing.pk}/"' in page
    assert "This is a different person, create a new record" in page
    assert "cannot see" not in page
    assert Nominal.objects.count() == 1

    # Submitting again without the box ticked still does not create a record.
    police_client.post(CREATE_URL, nominal_post(first_names="Jonathon"))
    assert Nominal.objects.count() == 1

    response = police_client.post(
        CREATE_URL, nominal_post(first_names="Jonathon", different_person="on")
    )
    assert response.status_code == 302
    assert Nominal.objects.filter(first_names="Jonathon").exists()


def test_a_different_birth_date_is_not_a_possible_duplicate(police_client, make_nominal):
    make_nominal("Jonathan", "Whitaker", dob=date(1991, 3, 27))
    response = police_client.post(CREATE_URL, nominal_post())
    assert response.status_code == 302
    assert Nominal.objects.count() == 2


def test_possible_duplicates_the_user_cannot_see_are_not_named(
    client, make_nominal, make_user, scheme, agencies, police
):
    """A partner sees only their cases: a match outside them is mentioned, never named."""
    from iom.codes import Role

    partner = make_user(scheme, agencies["housing"], Role.PRACTITIONER)
    theirs = make_nominal("Jonathan", "Whitaker", pnc_id="2012/0000001H")
    hidden = make_nominal("Jonathan", "Whittaker", pnc_id="2013/0000002Z")
    start_membership(
        by=police,
        nominal=theirs,
        scheme=scheme,
        level=scheme.levels.first(),
        start=date(2024, 1, 1),
        lead_agency=agencies["housing"],
    )
    client.force_login(partner)
    page = client.post(CREATE_URL, nominal_post(first_names="Jonathon")).content.decode()
    assert f'href="/nominals/{theirs.pk}/"' in page
    assert f"/nominals/{hidden.pk}/" not in page
    assert "Whittaker" not in page and "2013/0000002Z" not in page
    assert "A possible match exists that you cannot see; contact your IOM co-ordinator" in page
    assert Nominal.objects.count() == 2


def test_a_partner_who_adds_someone_outside_their_cases_is_sent_to_search(
    client, make_user, scheme, agencies
):
    from iom.codes import Role

    partner = make_user(scheme, agencies["housing"], Role.PRACTITIONER)
    client.force_login(partner)
    response = client.post(CREATE_URL, nominal_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("nominal-search")
    assert Nominal.objects.get().created_by == partner
    assert not Membership.objects.exists()
