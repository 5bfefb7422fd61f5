"""Keep case teams in step when spells change and when staff join, move or change role."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from iom.models import Membership, Nominal, StaffProfile


@receiver(post_save, sender=StaffProfile, dispatch_uid="audit-staff-case-teams")
def staff_changed(sender, instance, **kwargs):
    """A new member of an agency named on case teams (or as lead agency) joins those teams;
    someone who moves agency or role leaves the teams they no longer belong to."""
    from audit.models import CaseTeamPartner
    from iom.case_teams import sync_case_teams

    named = CaseTeamPartner.objects.filter(Q(agency_id=instance.agency_id) | Q(user=instance.user))
    led = Membership.objects.filter(end__isnull=True, lead_agency_id=instance.agency_id)
    nominals = Nominal.objects.filter(
        Q(pk__in=named.values("nominal_id")) | Q(pk__in=led.values("nominal_id"))
    )
    ids = set(nominals.values_list("pk", flat=True))
    # Teams they are on now, in case they moved agency or role and must leave some.
    for name in instance.user.groups.filter(name__startswith="case-team-").values_list(
        "name", flat=True
    ):
        ids.add(int(name.removeprefix("case-team-")))
    sync_case_teams(ids)


@receiver(post_save, sender=Membership, dispatch_uid="audit-spell-case-team")
@receiver(post_delete, sender=Membership, dispatch_uid="audit-spell-deleted-case-team")
def spell_changed(sender, instance, **kwargs):
    """Any write to a spell through the ORM (tasking, the admin) keeps its case team in step;
    bulk writes (imports) call iom.case_teams.sync_case_teams themselves."""
    from iom.case_teams import sync_case_team

    sync_case_team(instance.nominal)
