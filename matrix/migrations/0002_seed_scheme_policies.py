"""Give every existing scheme the Derbyshire 2015 matrix (DOMAIN.md), frozen here."""

from django.db import migrations

SEED = (
    ("Burglary", "burglary-aggravated", 10),
    ("Burglary", "burglary-dwelling", 8),
    ("Burglary", "burglary-other", 5),
    ("Burglary", "handling-stolen-goods", 3),
    ("Burglary", "going-equipped", 3),
    ("Vehicle crime", "theft-of-vehicle", 4),
    ("Vehicle crime", "theft-from-vehicle", 2),
    ("Vehicle crime", "vehicle-interference", 2),
    ("Vehicle crime", "aggravated-twoc", 5),
    ("Vehicle crime", "twoc", 3),
    ("Vehicle crime", "dangerous-driving", 5),
    ("Vehicle crime", "reckless-driving", 3),
    ("Vehicle crime", "drink-drug-driving", 3),
    ("Vehicle crime", "disqualified-driving", 2),
    ("Theft", "shoplifting", 1),
    ("Theft", "theft-other", 2),
    ("Fraud", "fraud", 1),
    ("Criminal damage", "arson", 4),
    ("Criminal damage", "criminal-damage", 2),
    ("Violence", "robbery", 10),
    ("Violence", "gbh", 10),
    ("Violence", "abh", 5),
    ("Violence", "assault-pc", 3),
    ("Violence", "common-assault", 2),
    ("Anti-social behaviour", "threats-to-kill", 5),
    ("Anti-social behaviour", "offensive-weapon", 5),
    ("Anti-social behaviour", "bladed-article", 3),
    ("Anti-social behaviour", "public-order", 2),
    ("Anti-social behaviour", "asbo", 10),
    ("Anti-social behaviour", "drunk-disorderly", 2),
    ("Drugs", "drug-supply", 10),
    ("Drugs", "drug-possession", 2),
)


def seed(apps, schema_editor):
    Scheme = apps.get_model("iom", "Scheme")
    MatrixSettings = apps.get_model("matrix", "MatrixSettings")
    OffenceWeight = apps.get_model("matrix", "OffenceWeight")
    for scheme in Scheme.objects.all():
        _, created = MatrixSettings.objects.get_or_create(scheme=scheme)
        if created and not OffenceWeight.objects.filter(scheme=scheme).exists():
            OffenceWeight.objects.bulk_create(
                OffenceWeight(
                    scheme=scheme, offence=code, weight=weight, heading=heading, position=i
                )
                for i, (heading, code, weight) in enumerate(SEED, start=1)
            )


def unseed(apps, schema_editor):
    apps.get_model("matrix", "OffenceWeight").objects.all().delete()
    apps.get_model("matrix", "MatrixSettings").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matrix", "0001_initial"),
        ("iom", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
