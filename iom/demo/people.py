"""Synthetic nominals as plain data: names, identifiers, flags and how much each one offends."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from iom.codes import Gender
from iom.demo import names
from iom.identifiers import pnc_check_letter

CRN_LETTERS = "ABCDEFGHJKLMNPRSTVWXY"
# Showcase cases given to a few nominals so every state a user meets exists in the demo.
PROLIFIC, CUSTODY_NOW, WANTED_NOW, RECALLED = "prolific", "custody-now", "wanted-now", "recalled"


@dataclass
class Person:
    first_names: str
    last_name: str
    gender: str
    date_of_birth: date
    area_index: int
    pnc_id: str
    crn: str | None
    address: str
    contact_number: str
    primary_substance: str
    activity: float  # offences a year, roughly: a heavy tail, so a few carry most of the events
    compliance: float  # chance of engaging with supervision or treatment
    is_ppo: bool = False
    mappa_level: int = 0
    current_sex_offender: bool = False
    yos_high_risk: bool = False
    profile: str = ""
    aliases: list = field(default_factory=list)

    def age_on(self, day: date) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def could_join(self, today: date) -> bool:
        """Not excluded from a cohort by age, MAPPA level 2 or 3, or current sex offending."""
        return self.age_on(today) >= 18 and not (self.current_sex_offender or self.mappa_level >= 2)


def _birthday(rng, today, age):
    return today - timedelta(days=int(age * 365.25) + rng.randint(0, 364))


def _pnc(rng, dob, today, taken):
    while True:
        year = min(today.year, max(1990, dob.year + rng.randint(12, 24)))
        serial = rng.randint(1, 999_999)
        if (year, serial) not in taken:
            taken.add((year, serial))
            return f"{year}/{serial:07d}{pnc_check_letter(year, serial)}"


def new_crn(rng, taken):
    while True:
        crn = f"{rng.choice(CRN_LETTERS)}{rng.randint(0, 999_999):06d}"
        if crn not in taken:
            taken.add(crn)
            return crn


def _aliases(rng, first, last, gender):
    firsts = names.FEMALE_FIRST_NAMES if gender == Gender.FEMALE else names.MALE_FIRST_NAMES
    options = [
        f"{rng.choice(names.NICKNAMES)} {last}",
        f"{rng.choice(firsts)} {last}",
        f"{first} {rng.choice(names.LAST_NAMES)}",
        f"{first[:-1]}{first[-1] * 2} {last}",  # a typical misspelling on an old record
    ]
    return rng.sample(options, rng.choice((1, 1, 2)))


def make_people(rng, count, today):
    """`count` people; flags are dealt to disjoint groups so the exclusions stay visible."""
    pncs, crns, people = set(), set(), []
    order = list(range(count))
    rng.shuffle(order)
    under_18 = set(order[: max(1, count // 75)])
    rest = order[len(under_18) :]
    sex_offenders = set(rest[: max(1, count // 150)])
    rest = rest[len(sex_offenders) :]
    mappa_high = {i: 2 if n % 3 else 3 for n, i in enumerate(rest[: max(1, count // 100)])}
    rest = rest[len(mappa_high) :]
    ppo = set(rest[: max(1, count // 25)])
    profiles = {}
    for profile, size in (
        (PROLIFIC, max(2, count // 30)),
        (CUSTODY_NOW, max(2, count // 30)),
        (WANTED_NOW, max(1, count // 60)),
        (RECALLED, max(1, count // 60)),
    ):
        for i in rest[:size]:
            profiles[i] = profile
        rest = rest[size:]
    mappa_1 = set(rng.sample(sorted(set(order) - under_18 - set(mappa_high)), count // 40))

    for i in range(count):
        gender = Gender.FEMALE if rng.random() < 0.15 else Gender.MALE
        firsts = names.FEMALE_FIRST_NAMES if gender == Gender.FEMALE else names.MALE_FIRST_NAMES
        first = rng.choice(firsts)
        if rng.random() < 0.2:
            first = f"{first} {rng.choice(names.MIDDLE_NAMES)}"
        last = rng.choice(names.LAST_NAMES)
        age = rng.randint(15, 17) if i in under_18 else min(62, 18 + int(rng.gammavariate(2.2, 6)))
        dob = _birthday(rng, today, age)
        area_index = rng.choices(range(4), weights=(4, 3, 2, 2))[0]
        profile = profiles.get(i, "")
        activity = 0.2 * rng.paretovariate(1.1)
        if profile == PROLIFIC or i in ppo:
            activity = rng.uniform(9, 16)
        activity = min(activity, 18.0)
        person = Person(
            first_names=first,
            last_name=last,
            gender=gender,
            date_of_birth=dob,
            area_index=area_index,
            pnc_id=_pnc(rng, dob, today, pncs),
            crn=new_crn(rng, crns) if i not in under_18 and rng.random() < 0.85 else None,
            address=f"{rng.randint(1, 180)} {rng.choice(names.STREETS)}",
            contact_number=f"07700 900{rng.randint(0, 999):03d}",  # Ofcom's drama range
            primary_substance=rng.choice(names.SUBSTANCES) if rng.random() < 0.6 else "",
            activity=activity,
            compliance=rng.uniform(0.25, 0.95),
            is_ppo=i in ppo,
            mappa_level=mappa_high.get(i, 1 if i in mappa_1 else 0),
            current_sex_offender=i in sex_offenders,
            yos_high_risk=i in under_18 and rng.random() < 0.5,
            profile=profile,
        )
        if rng.random() < 0.15:
            person.aliases = _aliases(rng, first.split()[0], last, gender)
        people.append(person)
    return people
