"""The demo's meeting calendar, and meetings held through the tasking services.

Daily tasking on the weekdays of the last three weeks, except that last week had only two
(so the weekly-frequency warning shows); monthly panels going back about five months (their
six-month exit reviews), the last ~10 days ago and the next in ~4 days; and today's daily
tasking with three agencies present, left for the co-ordinator to run.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from iom.codes import AgencyKind
from iom.demo.backdate import Backdater, at
from tasking import services
from tasking.models import Action, Attendance, Meeting
from tasking.rules import week_start

HISTORIC_PANELS = 6
SHORT_WEEK_DAYS = (1, 3)  # Tuesday and Thursday
# (username, or a guest's name with their agency kind)
DAILY_REGULARS = ("demo.coordinator", "demo.police", "demo.offender-manager")
DAILY_SOMETIMES = ("demo.practitioner", "demo.housing")
PANEL_ATTENDEES = (
    "demo.coordinator",
    "demo.police",
    "demo.offender-manager",
    "demo.manager",
    "demo.practitioner",
    "demo.housing",
)
GUESTS = (
    ("Jo Pennington", AgencyKind.PRISON),
    ("Dev Aldous", AgencyKind.HEALTH),
    ("Kim Rowntree", AgencyKind.VOLUNTARY),
)


@dataclass
class Calendar:
    today: date
    daily: list[date]  # past daily tasking meetings, oldest first
    panels: list[date]  # past panels, oldest first
    next_panel: date
    meetings: dict = field(default_factory=dict)  # date or ("panel", date) -> Meeting

    @property
    def last_daily(self) -> date:
        return self.daily[-1]

    def daily_on_or_after(self, day: date) -> date | None:
        return next((d for d in self.daily if d >= day), None)

    def daily_near(self, days_ago: int) -> date:
        """The past daily meeting closest to `days_ago` days before today."""
        wanted = self.today - timedelta(days=days_ago)
        return min(self.daily, key=lambda d: (abs((d - wanted).days), d))


def _weekday_before(day):
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _weekday_after(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def make_calendar(today: date) -> Calendar:
    monday = week_start(today)
    daily = []
    for weeks_back in (3, 2, 1):
        start = monday - timedelta(weeks=weeks_back)
        days = SHORT_WEEK_DAYS if weeks_back == 1 else range(5)
        daily += [start + timedelta(days=n) for n in days]
    daily += [monday + timedelta(days=n) for n in range(5) if monday + timedelta(days=n) < today]
    last_panel = _weekday_before(today - timedelta(days=10))
    panels = [last_panel - timedelta(days=28 * n) for n in reversed(range(HISTORIC_PANELS))]
    return Calendar(today, daily, panels, _weekday_after(today + timedelta(days=4)))


class MeetingRunner:
    """Holds meetings as the co-ordinator would, through tasking.services."""

    def __init__(self, rng, partnership, backdater: Backdater, today: date):
        self.rng, self.partnership, self.backdater, self.today = rng, partnership, backdater, today
        self.coordinator = partnership.staff["demo.coordinator"]
        self.scheme = partnership.scheme

    def hold(self, kind, day, notes="", attendees=(), guests=()) -> Meeting:
        by = self.coordinator
        meeting = services.create_meeting(
            by=by, scheme=self.scheme, kind=kind, date=day, chair=by, notes=notes
        )
        past = day < self.today  # today's and future meetings keep the time they were made
        if past:
            self.backdater.set(Meeting, meeting.pk, "created_at", at(day, -90))
        for n, username in enumerate(attendees):
            row = services.add_attendance(
                by=by, meeting=meeting, user=self.partnership.staff[username]
            )
            if past:
                self.backdater.set(Attendance, row.pk, "recorded_at", at(day, n))
        for n, (name, kind_of_agency) in enumerate(guests):
            agency = self.partnership.agencies[kind_of_agency]
            row = services.add_attendance(by=by, meeting=meeting, name=name, agency=agency)
            if past:
                self.backdater.set(Attendance, row.pk, "recorded_at", at(day, 5 + n))
        return meeting

    def daily_attendees(self):
        # Police and probation always; one partner or both, so the quorum of three is met.
        partners = [u for u in DAILY_SOMETIMES if self.rng.random() < 0.6]
        present = [*DAILY_REGULARS, *(partners or [self.rng.choice(DAILY_SOMETIMES)])]
        guests = [GUESTS[0]] if self.rng.random() < 0.2 else []
        return present, guests

    def action(self, meeting, description, owner, due, nominal=None, done=False, today=None):
        owner_user = self.partnership.staff[owner]
        action = services.add_action(
            by=self.coordinator,
            meeting=meeting,
            description=description,
            owner=owner_user,
            due_date=due,
            nominal=nominal,
        )
        self.backdater.set(Action, action.pk, "created_at", at(meeting.date, 40))
        if done:
            services.complete_action(by=owner_user, action=action)
            finished = min(due, today - timedelta(days=1))
            self.backdater.set(Action, action.pk, "completed_at", at(finished, 300))
        return action
