"""The pure RAG rule: a table of facts and of event histories, each with its expected colour."""

from datetime import date, timedelta

import pytest

from rag.rules import (
    AMBER,
    AMBER_ALERT,
    BLUE,
    GREEN,
    RED,
    RESPONSES,
    EventRecord,
    RagFacts,
    derive_facts,
    reason_text,
    suggest,
)

NC, OK = "not-complying", "engaging"


@pytest.mark.parametrize(
    "facts, status, reasons",
    [
        (RagFacts(), GREEN, ["no_concerns"]),
        (RagFacts(supervision=OK, treatment=OK), GREEN, ["no_concerns"]),
        (RagFacts(in_custody=True), BLUE, ["in_custody"]),
        (RagFacts(wanted="warrant"), RED, ["wanted_warrant"]),
        (RagFacts(wanted="crime"), RED, ["wanted_crime"]),
        (RagFacts(wanted="licence-recall"), RED, ["wanted_licence_recall"]),
        (
            RagFacts(intelligence_count=1, supervision=NC),
            AMBER_ALERT,
            ["intelligence", "supervision_not_complying"],
        ),
        (
            RagFacts(intelligence_count=2, treatment=NC, supervision=OK),
            AMBER_ALERT,
            ["intelligence", "treatment_not_complying"],
        ),
        (RagFacts(intelligence_count=1), AMBER, ["intelligence"]),
        (RagFacts(intelligence_count=1, supervision=OK, treatment=OK), AMBER, ["intelligence"]),
        (RagFacts(supervision=NC), AMBER, ["supervision_not_complying"]),
        (RagFacts(treatment=NC, supervision=OK), AMBER, ["treatment_not_complying"]),
        (
            RagFacts(supervision=NC, treatment=NC),
            AMBER,
            ["supervision_not_complying", "treatment_not_complying"],
        ),
        # Precedence clashes: the first match wins, every fact is still listed.
        (RagFacts(in_custody=True, wanted="warrant"), BLUE, ["in_custody", "wanted_warrant"]),
        (
            RagFacts(in_custody=True, intelligence_count=1, supervision=NC),
            BLUE,
            ["in_custody", "intelligence", "supervision_not_complying"],
        ),
        (
            RagFacts(wanted="crime", intelligence_count=3, supervision=NC),
            RED,
            ["wanted_crime", "intelligence", "supervision_not_complying"],
        ),
        (
            RagFacts(wanted="licence-recall", treatment=NC),
            RED,
            ["wanted_licence_recall", "treatment_not_complying"],
        ),
    ],
)
def test_suggestion_for_facts(facts, status, reasons):
    suggestion = suggest(facts)
    assert suggestion.status == status
    assert suggestion.reasons == reasons
    assert suggestion.response == RESPONSES[status]


@pytest.mark.parametrize(
    "status, response",
    [
        (RED, "Enforcement activity"),
        (AMBER_ALERT, "Proactive outreach / targeting"),
        (AMBER, "Prioritisation of resources / joint working"),
        (GREEN, "Offender / case management"),
        (BLUE, "Custody: through-the-gate planning"),
    ],
)
def test_each_colour_calls_for_its_response(status, response):
    assert RESPONSES[status] == response


AS_OF = date(2024, 6, 30)


def ago(days):
    return AS_OF - timedelta(days=days)


def intel(id, days_ago, suggests=True):
    return EventRecord(id, "intelligence", ago(days_ago), suggests_offending=suggests)


def engagement(id, days_ago, service, status):
    return EventRecord(id, "engagement", ago(days_ago), service=service, status=status)


@pytest.mark.parametrize(
    "events, status",
    [
        ([], GREEN),
        # Custody: open on the date, or released after it; released on the day ends it.
        ([EventRecord(1, "custody", ago(10))], BLUE),
        ([EventRecord(1, "custody", ago(10), end_date=ago(-1))], BLUE),
        ([EventRecord(1, "custody", ago(10), end_date=AS_OF)], GREEN),
        ([EventRecord(1, "custody", ago(10), end_date=ago(5))], GREEN),
        ([EventRecord(1, "custody", ago(-2))], GREEN),  # after as_of: not yet
        # Wanted, and wanted while in custody.
        ([EventRecord(1, "wanted", ago(3), wanted_type="warrant")], RED),
        ([EventRecord(1, "wanted", ago(3), end_date=ago(1), wanted_type="warrant")], GREEN),
        (
            [
                EventRecord(1, "wanted", ago(3), wanted_type="warrant"),
                EventRecord(2, "custody", ago(1)),
            ],
            BLUE,
        ),
        # Intelligence at the window edge: 28 days ago counts, 29 does not.
        ([intel(1, 28)], AMBER),
        ([intel(1, 29)], GREEN),
        ([intel(1, 0)], AMBER),
        ([intel(1, -1)], GREEN),  # received after as_of
        ([intel(1, 5, suggests=False)], GREEN),
        ([intel(1, 5, suggests=None)], GREEN),
        ([intel(1, 28), engagement(2, 40, "supervision", NC)], AMBER_ALERT),
        ([intel(1, 29), engagement(2, 40, "supervision", NC)], AMBER),
        # Intelligence and not complying while wanted: red.
        (
            [
                intel(1, 2),
                engagement(2, 3, "treatment", NC),
                EventRecord(3, "wanted", ago(1), wanted_type="crime"),
            ],
            RED,
        ),
        # Engagement records supersede each other: the latest per service stands.
        ([engagement(1, 20, "supervision", NC), engagement(2, 10, "supervision", OK)], GREEN),
        ([engagement(1, 20, "supervision", OK), engagement(2, 10, "supervision", NC)], AMBER),
        ([engagement(2, 10, "supervision", NC), engagement(1, 20, "supervision", OK)], AMBER),
        # Same date: the later record (higher id) wins.
        ([engagement(5, 10, "supervision", NC), engagement(4, 10, "supervision", OK)], AMBER),
        ([engagement(4, 10, "supervision", NC), engagement(5, 10, "supervision", OK)], GREEN),
        # One service does not supersede the other.
        ([engagement(1, 20, "treatment", NC), engagement(2, 10, "supervision", OK)], AMBER),
        # A record after as_of does not count yet.
        ([engagement(1, 20, "supervision", NC), engagement(2, -3, "supervision", OK)], AMBER),
    ],
)
def test_suggestion_from_events(events, status):
    assert suggest(derive_facts(events, AS_OF, 28)).status == status


def test_window_is_the_schemes_number():
    events = [intel(1, 40)]
    assert suggest(derive_facts(events, AS_OF, 28)).status == GREEN
    assert suggest(derive_facts(events, AS_OF, 42)).status == AMBER


def test_facts_count_intelligence_and_take_the_latest_open_wanted_type():
    events = [
        intel(1, 3),
        intel(2, 20),
        intel(3, 30),
        EventRecord(4, "wanted", ago(9), wanted_type="warrant"),
        EventRecord(5, "wanted", ago(4), wanted_type="licence-recall"),
        EventRecord(6, "wanted", ago(2), end_date=ago(1), wanted_type="crime"),
    ]
    facts = derive_facts(events, AS_OF, 28)
    assert facts.intelligence_count == 2
    assert facts.wanted == "licence-recall"


def test_reason_text_names_the_window():
    assert reason_text("intelligence", 28).endswith("in the last 28 days")
    assert reason_text("wanted_warrant", 28) == "Wanted on warrant"
