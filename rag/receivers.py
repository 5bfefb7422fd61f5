from rag.services import recompute_suggestions


def recompute_on_events(sender, nominal_ids=(), **kwargs):
    """New events change the facts: recompute those nominals in the writer's transaction."""
    recompute_suggestions(nominal_ids=list(nominal_ids))
