"""National unit costs of crime (Home Office 2018, "The economic and social costs of crime",
second edition, 2015/16 prices) for the offence codes of iom.codes, and a needs policy for
every existing scheme. Figures not checked against the published table are placeholders."""

from django.db import migrations

SOURCE = 'Home Office (2018) "The economic and social costs of crime", 2nd ed., unit cost per '
PLACEHOLDER = "placeholder: not yet checked against the published table; "

# (category, offence codes, unit cost £, is_placeholder, how the codes map to the category)
UNIT_COSTS = [
    ("Violence with injury", ["gbh", "abh"], 14050, False, "violence with injury"),
    (
        "Violence without injury",
        ["common-assault", "assault-pc", "threats-to-kill"],
        5930,
        False,
        "violence without injury",
    ),
    ("Robbery", ["robbery"], 11320, False, "personal robbery"),
    (
        "Burglary in a dwelling",
        ["burglary-dwelling", "burglary-aggravated"],
        5930,
        False,
        "domestic burglary",
    ),
    (
        "Theft of vehicle",
        ["theft-of-vehicle", "twoc", "aggravated-twoc"],
        10290,
        False,
        "theft of vehicle (TWOC counted as theft of vehicle)",
    ),
    ("Criminal damage", ["criminal-damage"], 1350, False, "criminal damage (other than arson)"),
    ("Burglary not in a dwelling", ["burglary-other"], 4660, True, "commercial burglary"),
    (
        "Theft from vehicle",
        ["theft-from-vehicle", "vehicle-interference"],
        1060,
        True,
        "theft from vehicle",
    ),
    ("Arson", ["arson"], 8320, True, "criminal damage – arson"),
    ("Shoplifting", ["shoplifting"], 210, True, "theft from shops (commercial victims)"),
    ("Other theft", ["theft-other", "handling-stolen-goods"], 1270, True, "theft – other"),
    ("Other sexual offences", ["sexual-offence"], 6520, True, "other sexual offences"),
]


def seed(apps, schema_editor):
    OffenceUnitCost = apps.get_model("performance", "OffenceUnitCost")
    NeedsPolicy = apps.get_model("performance", "NeedsPolicy")
    Scheme = apps.get_model("iom", "Scheme")
    for category, codes, cost, placeholder, reading in UNIT_COSTS:
        OffenceUnitCost.objects.update_or_create(
            scheme=None,
            category=category,
            defaults={
                "offence_codes": codes,
                "unit_cost": cost,
                "is_placeholder": placeholder,
                "source": (PLACEHOLDER if placeholder else "") + SOURCE + reading,
            },
        )
    for scheme in Scheme.objects.all():
        NeedsPolicy.objects.get_or_create(scheme=scheme)


def unseed(apps, schema_editor):
    OffenceUnitCost = apps.get_model("performance", "OffenceUnitCost")
    OffenceUnitCost.objects.filter(
        scheme=None, category__in=[row[0] for row in UNIT_COSTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial"), ("iom", "0002_change_history")]

    operations = [migrations.RunPython(seed, unseed)]
