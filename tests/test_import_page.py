import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from iom.models import Nominal
from tests.test_import_support import fixture

URL = "/imports/"


def upload(name):
    return SimpleUploadedFile(name, fixture(name), content_type="text/csv")


def test_a_coordinator_sees_the_upload_form(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-file-upload"' in html and 'enctype="multipart/form-data"' in html
    assert 'name="kind"' in html


def test_a_coordinator_imports_a_file_and_sees_the_counts(client, coordinator, scheme):
    client.force_login(coordinator)
    response = client.post(
        URL, {"kind": "nominals", "file": upload("nominals_good.csv")}, follow=True
    )
    assert response.redirect_chain == [(URL, 302)]
    assert "Imported nominals from nominals_good.csv: 3 created, 0 updated, 0 unchanged." in (
        response.content.decode()
    )
    assert Nominal.objects.filter(scheme=scheme, created_by=coordinator).count() == 3


def test_bad_rows_are_shown_in_a_table_under_an_error_summary(client, coordinator):
    client.force_login(coordinator)
    response = client.post(URL, {"kind": "nominals", "file": upload("nominals_bad.csv")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "nominals_bad.csv has 9 problems: nothing was imported" in html
    assert 'id="import-problems"' in html
    assert '<td class="govuk-table__cell">first_names</td>' in html
    assert "Enter the MAPPA level as 0, 1, 2 or 3 (not &#x27;4&#x27;)" in html
    assert Nominal.objects.count() == 0


def test_missing_choices_are_field_errors(client, coordinator):
    client.force_login(coordinator)
    html = client.post(URL, {}).content.decode()
    assert 'href="#kind">Select what the file holds' in html
    assert 'href="#file">Select a CSV file' in html
    assert "govuk-file-upload--error" in html


def test_a_file_that_is_not_csv_is_refused(client, coordinator):
    client.force_login(coordinator)
    sheet = SimpleUploadedFile("cohort.xlsx", b"PK\x03\x04", content_type="application/zip")
    html = client.post(URL, {"kind": "nominals", "file": sheet}).content.decode()
    assert "The selected file must be a CSV" in html


@pytest.mark.parametrize("who", ["police", "probation", "partner", "manager"])
def test_other_staff_are_refused(client, request, who, scheme):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"kind": "nominals", "file": upload("nominals_good.csv")})
    assert response.status_code == 403
    assert Nominal.objects.count() == 0


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")
    response = client.post(URL, {"kind": "nominals", "file": upload("nominals_good.csv")})
    assert response.status_code == 302 and Nominal.objects.count() == 0
