from playwright.sync_api import expect

from audit.models import AccessLogEntry
from iom.codes import AgencyKind, Role
from iom.models import Agency


def test_administrator_filters_the_access_log_and_downloads_csv(
    page, server_url, sign_in, make_user, scheme, agencies, police, partner, make_nominal,
    assert_accessible,
):  # fmt: skip
    from django.test import Client

    administrator = make_user(scheme, agencies["police"], Role.ADMINISTRATOR, "administrator")
    nominal = make_nominal("Lena", "Logwood")
    for user, url in [
        (police, f"/nominals/{nominal.pk}/"),
        (police, f"/nominals/{nominal.pk}/history/"),
        (partner, "/nominals/?q=Lena"),
    ]:
        client = Client()
        client.force_login(user)
        client.get(url)

    sign_in(administrator, "/audit/")
    expect(page.get_by_role("heading", name="Access log")).to_be_visible()
    assert_accessible()

    page.get_by_label("Username").fill("police")
    page.get_by_label("Action").select_option("view")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="2 entries")).to_be_visible()
    expect(page.get_by_role("cell", name="partner")).to_have_count(0)
    assert_accessible()

    page.get_by_label("From").fill("28/02/2025")
    page.get_by_label("To").fill("01/02/2025")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="The to date must be the same as or after the from date")
    ).to_be_visible()
    assert_accessible()
    page.get_by_label("From").fill("")
    page.get_by_label("To").fill("")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="2 entries")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these entries as CSV").click()
    with open(download_info.value.path(), encoding="utf-8") as csv_file:
        text = csv_file.read()
    lines = text.strip().splitlines()
    assert lines[0].startswith("at_utc,username,action")
    assert len(lines) == 3 and all(",police,view," in line for line in lines[1:])
    export = AccessLogEntry.objects.get(action="export")
    assert export.user == administrator and export.query == "user=police&action=view"


def test_police_officer_breaks_the_glass_with_a_reason(
    page, server_url, sign_in, police, other_scheme, make_user, make_nominal, assert_accessible
):
    agency = Agency.objects.create(scheme=other_scheme, name="Far police", kind=AgencyKind.POLICE)
    far_officer = make_user(other_scheme, agency, Role.POLICE_OFFICER)
    nominal = make_nominal("Gwen", "Glassbrook", scheme=other_scheme, area=None, by=far_officer)

    sign_in(police, f"/nominals/{nominal.pk}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_text("Glassbrook")).to_have_count(0)
    assert_accessible()

    page.get_by_role("link", name=f"Ask for emergency access to nominal {nominal.pk}").click()
    expect(page.get_by_role("heading", name="Emergency access (break glass)")).to_be_visible()
    assert_accessible()

    page.get_by_role("button", name="Confirm and open the record").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="Enter the reason you need to open this record")
    ).to_be_visible()
    assert_accessible()
    assert not AccessLogEntry.objects.exists()

    page.get_by_label("Why do you need to open this record now?").fill(
        "Arrested in our area overnight; need warning markers before interview"
    )
    page.get_by_role("button", name="Confirm and open the record").click()
    expect(page.get_by_role("heading", name="GLASSBROOK, Gwen")).to_be_visible()
    expect(page.get_by_text("You opened this record with emergency access")).to_be_visible()
    expect(page.get_by_role("button", name="Record an event")).to_have_count(0)
    assert_accessible()

    kinds = list(AccessLogEntry.objects.order_by("id").values_list("action", "justification_kind"))
    assert kinds == [("break_glass", "break_glass"), ("view", "break_glass")]
