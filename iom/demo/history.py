"""A synthetic three-year history for one person, as event dicts that follow iom/event_rules.py.

Offending episodes run arrest → charge → conviction → community order or custody, then licence,
breaches and recalls; intelligence, wanted circulations and engagement records fill the gaps.
"""

from datetime import date, timedelta

from iom.codes import EventKind
from iom.demo.people import CUSTODY_NOW, RECALLED, WANTED_NOW, Person

YEARS = 3
DAY = timedelta(days=1)
# (code, weight of choice): the acquisitive, drug and violent offending IOM cohorts show.
OFFENCE_MIX = (
    ("shoplifting", 22), ("theft-other", 10), ("burglary-dwelling", 7), ("burglary-other", 5),
    ("burglary-aggravated", 1), ("handling-stolen-goods", 4), ("going-equipped", 2),
    ("theft-of-vehicle", 3), ("theft-from-vehicle", 5), ("vehicle-interference", 2), ("twoc", 2),
    ("aggravated-twoc", 1), ("dangerous-driving", 1), ("drink-drug-driving", 2),
    ("disqualified-driving", 3), ("fraud", 2), ("arson", 1), ("criminal-damage", 6),
    ("robbery", 3), ("gbh", 1), ("abh", 4), ("assault-pc", 2), ("common-assault", 6),
    ("threats-to-kill", 1), ("offensive-weapon", 1), ("bladed-article", 2), ("public-order", 5),
    ("drunk-disorderly", 3), ("drug-supply", 3), ("drug-possession", 7), ("domestic-abuse", 2),
    ("other", 2),
)  # fmt: skip
OFFENCE_CODES = tuple(code for code, _ in OFFENCE_MIX)
OFFENCE_WEIGHTS = tuple(weight for _, weight in OFFENCE_MIX)
SERIOUS = {"burglary-aggravated", "burglary-dwelling", "robbery", "gbh", "drug-supply", "arson"}
INTELLIGENCE_TEXT = (
    "Believed to be supplying {substance} from an address in {area}.",
    "Seen with known associates near the retail park in {area}; suspected of shoplifting to order.",
    "Reported to be storing stolen tools in a garage in {area}.",
    "Information that the subject is carrying a knife when out at night in {area}.",
    "Subject is believed to be sofa-surfing in {area} and has fallen out with family.",
    "Linked by a vehicle sighting to a series of thefts from vehicles in {area}.",
    "Subject reported to be in debt to a local dealer; risk of acquisitive offending.",
    "Information that the subject has stopped using and is attending a recovery group.",
)
COMMUNITY_ORDERS = ("Community order", "Suspended sentence order")


class _History:
    """Collects one person's events and the days they spent in custody."""

    def __init__(self, rng, person: Person, today: date, area_name: str):
        self.rng, self.person, self.today, self.area = rng, person, today, area_name
        self.events: list[dict] = []
        self.custody: list[tuple[date, date]] = []  # (in, out); out may be after today

    def add(self, kind, day, **values):
        self.events.append({"kind": kind, "date": day, **values})

    def in_custody(self, day):
        return any(start <= day < end for start, end in self.custody)

    def custody_spell(self, start, days, reason=""):
        """Custody from `start`; returns the release date (after today when still inside)."""
        release = start + timedelta(days=days)
        current = release > self.today
        self.add(
            EventKind.CUSTODY,
            start,
            end_date=None if current else release,
            expected_release=release,
            summary=reason,
        )
        self.custody.append((start, release))
        return release

    def supervision(self, start, order_type, months, statutory=True):
        end = start + timedelta(days=30 * months)
        self.add(
            EventKind.SUPERVISION,
            start,
            order_type=order_type,
            statutory=statutory,
            end_date=end if end <= self.today else None,
        )
        return end

    def breaches(self, start, end, chance):
        end = min(end, self.today)
        day = start + timedelta(days=self.rng.randint(20, 60))
        while day <= end and self.rng.random() < chance:
            if not self.in_custody(day):
                self.add(EventKind.BREACH, day, summary="Failed to attend an appointment.")
            day += timedelta(days=self.rng.randint(30, 90))

    def episode(self, offence_day, bound):
        """One offence through the system; returns the next day the person is at liberty."""
        rng, today = self.rng, self.today
        offence = rng.choices(OFFENCE_CODES, OFFENCE_WEIGHTS)[0]
        arrest_day = offence_day + timedelta(days=rng.choice((0, 0, 1, 2, 5, 12, 30)))
        if arrest_day > bound:
            return bound + DAY
        if arrest_day - offence_day >= timedelta(days=5) and rng.random() < 0.3:
            self.add(
                EventKind.WANTED,
                offence_day + DAY,
                wanted_type="crime",
                end_date=arrest_day,
                summary=f"Wanted for {offence.replace('-', ' ')}.",
            )
        outcome = rng.choices(("charged", "nfa", "bailed", "rui"), (60, 14, 13, 13))[0]
        self.add(EventKind.ARREST, arrest_day, offence=offence, outcome=outcome)
        if outcome != "charged":
            return arrest_day + DAY
        self.add(EventKind.CHARGE, arrest_day, offence=offence, offence_date=offence_day)
        if rng.random() < 0.1:  # failed to appear at court
            day = arrest_day + timedelta(days=rng.randint(14, 40))
            found = day + timedelta(days=rng.randint(1, 20))
            if found <= bound:
                self.add(EventKind.WANTED, day, wanted_type="warrant", end_date=found)
        convicted = arrest_day + timedelta(days=rng.randint(1, 120))
        if convicted > bound or rng.random() > 0.85:
            return arrest_day + DAY
        self.add(EventKind.CONVICTION, convicted, offence=offence, offence_date=offence_day)
        # Before a showcase ending (bound < today) every sentence is served by the bound.
        days = rng.randint(28, 420) if bound >= today else min(420, (bound - convicted).days)
        if days >= 28 and rng.random() < (0.45 if offence in SERIOUS else 0.2):
            return self.prison(convicted, days, bound)
        if rng.random() < 0.55:
            end = self.supervision(convicted, rng.choice(COMMUNITY_ORDERS), rng.choice((12, 18)))
            self.breaches(convicted, end, 1 - self.person.compliance)
        return convicted + DAY

    def prison(self, start, days, bound):
        """A sentence, then licence with its breaches and perhaps a recall."""
        rng = self.rng
        release = self.custody_spell(start, days, reason="Sentenced to immediate custody.")
        if release > self.today:
            return release
        licence_end = self.supervision(release, "Licence", rng.randint(6, 12))
        self.breaches(release, licence_end, (1 - self.person.compliance) * 0.7)
        if rng.random() < (1 - self.person.compliance) * 0.6:
            recall = release + timedelta(days=rng.randint(20, 120))
            wanted, inside = rng.randint(0, 10), rng.randint(28, 120)
            back_out = recall + timedelta(days=wanted + inside)
            if recall <= min(licence_end, self.today) and (
                bound >= self.today or back_out <= bound
            ):
                return self.recall(recall, wanted, inside)
        return release

    def recall(self, day, days_wanted, days_inside):
        self.add(EventKind.RECALL, day, summary="Licence revoked for non-compliance.")
        back = day + timedelta(days=days_wanted)
        self.add(EventKind.WANTED, day, wanted_type="licence-recall", end_date=back)
        return self.custody_spell(back, days_inside, reason="Recalled to custody.")

    def offending(self, start, bound):
        rate = max(self.person.activity, 0.05) / 365
        day = start + timedelta(days=int(self.rng.expovariate(rate)))
        while day <= bound:
            day = max(self.episode(day, bound), day + DAY)
            day += timedelta(days=int(self.rng.expovariate(rate)))

    def intelligence(self, start, count, recent=False):
        rng = self.rng
        for _ in range(count):
            if recent:
                day = self.today - timedelta(days=rng.randint(0, 56))
            else:
                day = start + timedelta(days=rng.randint(0, (self.today - start).days))
            legacy = rng.random() < (0.8 if (self.today - day).days > 730 else 0.3)
            if legacy:
                grade = rng.choices("ABCDE", (1, 4, 4, 1, 1))[0] + rng.choice("12345")
            else:
                grade = rng.choices("123", (3, 5, 2))[0] + rng.choices("ABCDE", (2, 4, 3, 1, 1))[0]
            text = rng.choice(INTELLIGENCE_TEXT)
            self.add(
                EventKind.INTELLIGENCE,
                day,
                grade=grade,
                handling_code=rng.choices("PC", (3, 1))[0],
                suggests_offending="stopped using" not in text and rng.random() < 0.8,
                summary=text.format(
                    substance=(self.person.primary_substance or "cannabis").lower(),
                    area=self.area,
                ),
            )

    def engagement(self):
        """Monthly-ish engagement records over the last year for the services in play."""
        rng, person = self.rng, self.person
        services = []
        if any(
            e["kind"] == EventKind.SUPERVISION and (e["end_date"] or self.today) >= self.year_ago
            for e in self.events
        ):
            services.append("supervision")
        if person.primary_substance:
            services.append("treatment")
        for service in services:
            day = self.year_ago + timedelta(days=rng.randint(0, 60))
            while day <= self.today:
                if not self.in_custody(day):
                    engaging = rng.random() < person.compliance
                    self.add(
                        EventKind.ENGAGEMENT,
                        day,
                        service=service,
                        status="engaging" if engaging else "not-complying",
                    )
                day += timedelta(days=rng.randint(25, 75))

    @property
    def year_ago(self):
        return self.today - timedelta(days=365)


def make_history(rng, person: Person, today: date, area_name: str) -> list[dict]:
    history = _History(rng, person, today, area_name)
    start = today - timedelta(days=365 * YEARS)
    if person.profile == CUSTODY_NOW:
        inside = rng.randint(45, 300)
        went_in = today - timedelta(days=inside)
        history.offending(start, went_in - timedelta(days=30))
        offence = rng.choices(OFFENCE_CODES, OFFENCE_WEIGHTS)[0]
        history.add(
            EventKind.CONVICTION, went_in, offence=offence, offence_date=went_in - timedelta(30)
        )
        # Due out within the next few weeks: the releases a tasking meeting plans for.
        history.custody_spell(went_in, inside + rng.randint(3, 49), "Sentenced to custody.")
    elif person.profile == RECALLED:
        released = today - timedelta(days=rng.randint(150, 240))
        history.offending(start, released - timedelta(days=200))
        history.add(EventKind.CONVICTION, released - timedelta(days=120), offence="burglary-other")
        history.custody_spell(released - timedelta(days=120), 120, "Sentenced to custody.")
        history.supervision(released, "Licence", 12)
        history.add(EventKind.BREACH, released + timedelta(days=21), summary="Missed curfew.")
        history.recall(released + timedelta(days=40), rng.randint(1, 9), rng.randint(28, 90))
    elif person.profile == WANTED_NOW:
        since = today - timedelta(days=rng.randint(2, 40))
        history.offending(start, since - DAY)
        history.add(EventKind.WANTED, since, wanted_type=rng.choice(("warrant", "crime")))
        history.intelligence(start, 1, recent=True)
    else:
        history.offending(start, today)
    history.intelligence(start, int(person.activity * 1.2) + rng.randint(0, 2))
    if person.activity >= 8:
        history.intelligence(start, 2, recent=True)
    if person.profile == "" and not history.events and rng.random() < 0.3:
        history.supervision(start + timedelta(days=rng.randint(0, 900)), "Voluntary", 9, False)
    history.engagement()
    history.events.sort(key=lambda e: e["date"])
    return history.events
