"""Every scheme gets matrix settings and the form's offence weights as soon as it exists."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from iom.models import Scheme
from matrix.services import ensure_matrix_policy


@receiver(post_save, sender=Scheme, dispatch_uid="matrix_seed_new_scheme")
def seed_new_scheme(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_matrix_policy(instance)
