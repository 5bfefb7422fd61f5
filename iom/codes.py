"""The codes shared by pages, the API, imports and reports (see DOMAIN.md)."""

from django.db import models


class EventKind(models.TextChoices):
    ARREST = "arrest", "Arrest"
    CHARGE = "charge", "Charge"
    CONVICTION = "conviction", "Conviction"
    INTELLIGENCE = "intelligence", "Intelligence"
    WANTED = "wanted", "Wanted"
    CUSTODY = "custody", "Custody"
    BREACH = "breach", "Breach"
    RECALL = "recall", "Recall"
    SUPERVISION = "supervision", "Supervision"
    ENGAGEMENT = "engagement", "Engagement"


class ArrestOutcome(models.TextChoices):
    CHARGED = "charged", "Charged"
    NFA = "nfa", "No further action"
    BAILED = "bailed", "Bailed"
    RUI = "rui", "Released under investigation"


class WantedType(models.TextChoices):
    WARRANT = "warrant", "Warrant"
    CRIME = "crime", "Wanted for crime"
    LICENCE_RECALL = "licence-recall", "Licence recall"


class HandlingCode(models.TextChoices):
    P = "P", "P – lawful sharing permitted"
    C = "C", "C – sharing with conditions"


class EngagementService(models.TextChoices):
    SUPERVISION = "supervision", "Supervision"
    TREATMENT = "treatment", "Treatment"


class EngagementStatus(models.TextChoices):
    ENGAGING = "engaging", "Engaging"
    NOT_COMPLYING = "not-complying", "Not complying"


class Gender(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Not known"


class AgencyKind(models.TextChoices):
    POLICE = "police", "Police"
    PROBATION_NPS = "probation-nps", "Probation (NPS)"
    PROBATION_CRC = "probation-crc", "Probation (CRC)"
    PRISON = "prison", "Prison"
    YOUTH_OFFENDING = "youth-offending", "Youth offending service"
    LOCAL_AUTHORITY = "local-authority", "Local authority"
    SUBSTANCE_MISUSE = "substance-misuse", "Substance misuse service"
    HOUSING = "housing", "Housing"
    HEALTH = "health", "Health"
    VOLUNTARY = "voluntary", "Voluntary sector"


PROBATION_KINDS = {AgencyKind.PROBATION_NPS, AgencyKind.PROBATION_CRC}
# Police and probation staff of a scheme see all its nominals; other agencies see their cases.
CORE_AGENCY_KINDS = {AgencyKind.POLICE, *PROBATION_KINDS}


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    OFFENDER_MANAGER = "offender_manager", "Offender manager"
    POLICE_OFFICER = "police_officer", "Police officer"
    COORDINATOR = "coordinator", "IOM co-ordinator"
    MANAGER = "manager", "Manager"
    ADMINISTRATOR = "administrator", "Administrator"


class ExitReason(models.TextChoices):
    NOT_REOFFENDED = "not-reoffended", "No re-offending at six-month review"
    MOVED_AREA = "moved-area", "Moved out of area"
    LONG_CUSTODY = "long-custody", "Long custodial sentence"
    RISK_REDUCED = "risk-reduced", "Risk reduced / desisted"
    DECEASED = "deceased", "Deceased"
    DEPORTED = "deported", "Deported"
    OTHER = "other", "Other"


# Offence codes with the Derbyshire matrix row each belongs to; any other code scores 0.
OFFENCES = {
    "burglary-aggravated": "Burglary aggravated",
    "burglary-dwelling": "Burglary dwelling",
    "burglary-other": "Burglary other",
    "handling-stolen-goods": "Handling stolen goods",
    "going-equipped": "Going equipped",
    "theft-of-vehicle": "Theft of motor vehicle",
    "theft-from-vehicle": "Theft from motor vehicle",
    "vehicle-interference": "Motor vehicle interference",
    "aggravated-twoc": "Aggravated TWOC",
    "twoc": "TWOC",
    "dangerous-driving": "Dangerous driving",
    "reckless-driving": "Reckless driving",
    "drink-drug-driving": "Drink/drugged driving",
    "disqualified-driving": "Disqualified driving",
    "shoplifting": "Shoplifting",
    "theft-other": "Theft other",
    "fraud": "Fraud",
    "arson": "Arson",
    "criminal-damage": "Criminal damage",
    "robbery": "Robbery",
    "gbh": "Section 18/20 GBH",
    "abh": "ABH",
    "assault-pc": "Assault PC",
    "common-assault": "Common assault",
    "threats-to-kill": "Public order – threats to kill",
    "offensive-weapon": "Possession offensive weapon",
    "bladed-article": "Possession bladed article",
    "public-order": "Public order (s3–5)",
    "asbo": "ASBO",
    "drunk-disorderly": "Drunk and disorderly",
    "drug-supply": "Supply/intent class A or B",
    "drug-possession": "Possession class A/B",
    "sexual-offence": "Sexual offence",
    "domestic-abuse": "Domestic abuse",
    "other": "Other offence",
}
OFFENCE_CHOICES = list(OFFENCES.items())
ROBBERY_BURGLARY = {"robbery", "burglary-aggravated", "burglary-dwelling", "burglary-other"}

PATHWAYS = {
    "accommodation": "Accommodation",
    "ete": "Education, training & employment",
    "health": "Health",
    "drugs-alcohol": "Drugs & alcohol",
    "finance": "Finance, benefit & debt",
    "children-families": "Children & families",
    "attitudes": "Attitudes, thinking & behaviour",
}
