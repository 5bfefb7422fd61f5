"""RAG pages: the nominal's RAG page and confirm form, the cohort board, critical cases and
differences."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from iom.models import Event
from iom.services.events import record_event
from iom.services.memberships import start_membership
from iom.signals import events_recorded
from rag import selectors
from rag.models import RagChange, RagStatus
from rag.services import confirm_status

TODAY = date.today()


@pytest.fixture
def join(scheme, police):
    level = scheme.levels.get(code="iom")

    def join(nominal, **extra):
        return start_membership(
            by=police, nominal=nominal, scheme=scheme, level=level,
            start=TODAY - timedelta(days=30), **extra,
        )  # fmt: skip

    return join


@pytest.fixture
def wanted(make_nominal, join, police):
    nominal = make_nominal(first_names="Wanted", last_name="Member")
    join(nominal)
    record_event(
        by=police, nominal=nominal, kind="wanted",
        values={"date": TODAY, "wanted_type": "crime"},
    )  # fmt: skip
    return nominal


def rag_url(nominal):
    return reverse("rag:nominal", kwargs={"pk": nominal.pk})


def test_nominal_page_shows_suggestion_reasons_and_response(client, police, wanted):
    client.force_login(police)
    page = client.get(rag_url(wanted)).content.decode()
    assert "Wanted for crime" in page
    assert "Enforcement activity" in page
    assert "Not yet confirmed" in page
    assert 'name="status"' not in page  # police officers do not get the form


def test_nominal_page_before_any_recompute_computes_the_suggestion(client, police, make_nominal):
    nominal = make_nominal()
    Event.objects.create(nominal=nominal, kind="custody", date=TODAY)  # no signal sent
    client.force_login(police)
    page = client.get(rag_url(nominal)).content.decode()
    assert 'govuk-tag app-rag-tag">Blue<' in page and "through-the-gate" in page


def test_invisible_nominal_is_a_404(client, partner, wanted):
    client.force_login(partner)
    assert client.get(rag_url(wanted)).status_code == 404
    assert client.post(rag_url(wanted), {"status": "red", "version": 0}).status_code == 404


@pytest.mark.parametrize("who", ["police", "probation"])
def test_non_coordinators_may_not_post(client, request, who, wanted):
    client.force_login(request.getfixturevalue(who))
    response = client.post(rag_url(wanted), {"status": "red", "version": 0})
    assert response.status_code == 403
    assert not RagStatus.objects.exists()


def test_coordinator_confirms_and_returns_to_the_list(client, coordinator, wanted):
    client.force_login(coordinator)
    page = client.get(rag_url(wanted)).content.decode()
    assert 'name="status"' in page and 'name="version" value="0"' in page
    response = client.post(
        rag_url(wanted),
        {"status": "amber", "reason": "Handed himself in", "version": 0,
         "next": reverse("rag:differences")},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("rag:differences")
    status = RagStatus.objects.get(pk=wanted.pk)
    assert (status.status, status.reason) == ("amber", "Handed himself in")
    page = client.get(rag_url(wanted)).content.decode()
    assert "Handed himself in" in page and "agenda item" in page


def test_offsite_next_is_ignored(client, coordinator, wanted):
    client.force_login(coordinator)
    response = client.post(
        rag_url(wanted), {"status": "red", "version": 0, "next": "https://evil.example/"}
    )
    assert response["Location"] == rag_url(wanted)


def test_form_errors_show_in_a_summary(client, coordinator, wanted):
    client.force_login(coordinator)
    page = client.post(rag_url(wanted), {"status": "green", "reason": "", "version": 0})
    text = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in text
    assert "Give a reason for confirming Green when the facts suggest Red" in text
    assert 'href="#id_reason"' in text and "govuk-form-group--error" in text
    text = client.post(rag_url(wanted), {"reason": "x", "version": 0}).content.decode()
    assert 'href="#id_status_0"' in text and "Choose the RAG status to confirm" in text
    assert not RagStatus.objects.exists()


def test_concurrent_change_is_explained_and_the_form_refreshed(
    client, coordinator, make_user, scheme, agencies, wanted
):
    from iom.codes import Role

    other = make_user(scheme, agencies["probation"], Role.COORDINATOR, "othercoordinator")
    confirm_status(by=other, nominal=wanted, status="red", expected_version=0)
    client.force_login(coordinator)
    page = client.post(rag_url(wanted), {"status": "amber", "reason": "Seen", "version": 0})
    text = page.content.decode()
    assert "There is a problem" in text
    assert "changed while you were deciding" in text and other.get_full_name() in text
    assert 'name="version" value="1"' in text  # a second submit is now a deliberate override
    assert RagStatus.objects.get().status == "red"
    client.post(rag_url(wanted), {"status": "amber", "reason": "Seen", "version": 1})
    assert RagStatus.objects.get().status == "amber"
    assert RagChange.objects.count() == 2


@pytest.fixture
def cohort(make_nominal, join, police):
    """Five members, one of each colour, plus a non-member and an exited member."""

    def make(name, kind=None, **values):
        nominal = make_nominal(first_names=name, last_name="Cohort")
        join(nominal)
        if kind:
            record_event(by=police, nominal=nominal, kind=kind, values={"date": TODAY, **values})
        return nominal

    members = {
        "blue": make("Custody", "custody"),
        "red": make("Wanted", "wanted", wanted_type="warrant"),
        "amber_alert": make("Alert", "intelligence", grade="B2", handling_code="P",
                            suggests_offending=True),
        "amber": make("Amber", "engagement", service="treatment", status="not-complying"),
        "green": make("Green", "engagement", service="supervision", status="engaging"),
    }  # fmt: skip
    record_event(
        by=police, nominal=members["amber_alert"], kind="engagement",
        values={"date": TODAY, "service": "supervision", "status": "not-complying"},
    )  # fmt: skip
    make_nominal(first_names="Never", last_name="Joined")
    return members


def test_board_groups_by_confirmed_colour_with_counts(client, coordinator, cohort):
    confirm_status(
        by=coordinator, nominal=cohort["amber"], status="red", reason="Linked to burglaries"
    )
    client.force_login(coordinator)
    response = client.get(reverse("rag:board"))
    groups = {g.colour: g for g in response.context["groups"]}
    assert [m.first_names for m in groups["red"].members] == ["Amber", "Wanted"]
    assert groups["red"].unconfirmed == 1
    assert len(groups["amber"].members) == 0
    assert [len(groups[c].members) for c in ("blue", "amber_alert", "green")] == [1, 1, 1]
    text = response.content.decode()
    assert "5 current members" in text
    assert "Not yet confirmed" in text
    assert "Never" not in text


def test_board_shows_only_members_the_user_may_see(client, partner, cohort, join, make_nominal):
    client.force_login(partner)
    response = client.get(reverse("rag:board"))
    assert sum(len(g.members) for g in response.context["groups"]) == 0


def _add_members(coordinator, make_nominal, join, start, stop):
    nominals = [
        make_nominal(first_names=f"Member{i}", last_name="Many") for i in range(start, stop)
    ]
    for i, nominal in enumerate(nominals):
        join(nominal)
        Event.objects.create(nominal=nominal, kind="custody" if i % 2 else "breach", date=TODAY)
        if i % 3 == 0:
            Event.objects.create(nominal=nominal, kind="wanted", date=TODAY, wanted_type="crime")
    events_recorded.send(sender=Event, nominal_ids=[n.pk for n in nominals])
    for nominal in nominals[::4]:
        confirm_status(by=coordinator, nominal=nominal, status="green", reason="Reviewed")


def test_lists_make_the_same_number_of_queries_for_3_and_30_members(
    client, coordinator, make_nominal, join, django_assert_max_num_queries
):
    pages = ("rag:board", "rag:critical", "rag:differences")
    client.force_login(coordinator)
    client.get(reverse("rag:board"))  # a session's first request saves it; the next minute's not

    def count_queries(size):
        counts = {}
        for name in pages:
            # session read (and its save, once a minute), user, staff with scheme and agency:
            # 4 to 7 whatever the page. The list itself: members, spells.
            with django_assert_max_num_queries(10) as captured:
                response = client.get(reverse(name))
            assert response.status_code == 200
            counts[name] = len(captured)
        groups = client.get(reverse("rag:board")).context["groups"]
        assert sum(len(g.members) for g in groups) == size
        return counts

    _add_members(coordinator, make_nominal, join, 0, 3)
    small = count_queries(3)
    _add_members(coordinator, make_nominal, join, 3, 30)
    assert count_queries(30) == small


def test_critical_cases_are_red_and_amber_alert_confirmed_or_suggested(client, coordinator, cohort):
    confirm_status(by=coordinator, nominal=cohort["green"], status="amber_alert", reason="Intel")
    client.force_login(coordinator)
    members = client.get(reverse("rag:critical")).context["members"]
    assert {m.pk for m in members} == {
        cohort["red"].pk, cohort["amber_alert"].pk, cohort["green"].pk
    }  # fmt: skip


def test_differences_list_unconfirmed_and_differing_members_with_a_confirm_link(
    client, coordinator, cohort
):
    confirm_status(by=coordinator, nominal=cohort["red"], status="red")
    confirm_status(by=coordinator, nominal=cohort["green"], status="amber", reason="Concern")
    client.force_login(coordinator)
    response = client.get(reverse("rag:differences"))
    pks = {m.pk for m in response.context["members"]}
    assert pks == {cohort[c].pk for c in ("blue", "amber_alert", "amber", "green")}
    text = response.content.decode()
    link = f"{rag_url(cohort['green'])}?next=/rag/differences/"
    assert link in text and "Confirm<span" in text


def test_board_shows_the_first_rows_of_a_colour_and_links_to_all_of_it(
    client, coordinator, make_nominal, join, monkeypatch
):
    monkeypatch.setattr(selectors, "BOARD_ROWS_PER_COLOUR", 2)
    _add_members(coordinator, make_nominal, join, 0, 5)  # Member0, 4 confirmed green
    client.force_login(coordinator)
    response = client.get(reverse("rag:board"))
    groups = {g.colour: g for g in response.context["groups"]}
    shown = {colour: len(g.members) for colour, g in groups.items()}
    counts = {colour: g.count for colour, g in groups.items()}
    assert sum(counts.values()) == 5
    assert all(shown[c] == min(2, counts[c]) for c in counts)
    text = response.content.decode()
    assert "5 current members" in text
    big = next(g for g in groups.values() if g.count > 2)
    assert f'href="?status={big.key}#status-{big.key}">Show all {big.count}' in text

    response = client.get(reverse("rag:board"), {"status": big.key})
    groups = {g.key: g for g in response.context["groups"]}
    assert len(groups[big.key].members) == big.count
    assert all(not g.members for key, g in groups.items() if key != big.key)
    assert sum(g.count for g in groups.values()) == 5  # every count still shown
    assert client.get(reverse("rag:board"), {"status": "purple"}).status_code == 200
