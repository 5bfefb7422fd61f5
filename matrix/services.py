"""Seeding a scheme's matrix policy with the Derbyshire 2015 values (DOMAIN.md)."""

from django.db import transaction

from matrix.layout import seed_weights
from matrix.models import MatrixSettings, OffenceWeight


@transaction.atomic
def ensure_matrix_policy(scheme) -> MatrixSettings:
    """The scheme's settings, created with the seed values and form rows when missing.

    Existing rows are left alone: the admin may have changed them.
    """
    settings, created = MatrixSettings.objects.get_or_create(scheme=scheme)
    if created and not OffenceWeight.objects.filter(scheme=scheme).exists():
        OffenceWeight.objects.bulk_create(
            OffenceWeight(scheme=scheme, offence=code, weight=weight, heading=h, position=p)
            for h, code, weight, p in seed_weights()
        )
    return settings
