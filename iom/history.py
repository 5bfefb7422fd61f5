"""Change history of records, written by PostgreSQL triggers (django-pghistory).

Triggers see every write, including bulk imports and batch SQL, so collection, alteration and
erasure are all logged. Who did it comes from the context: the request middleware adds the
signed-in user; imports and jobs wrap their work in `history_context(...)`.
"""

import pghistory


def track_changes(model_name, exclude=()):
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        model_name=model_name,
        exclude=list(exclude),
        obj_field=pghistory.ObjForeignKey(related_name="history"),
    )


def history_context(user=None, **metadata):
    """Attribute the writes inside the block to `user` (and say how they were made)."""
    if user is not None:
        metadata["user"] = user.pk
        metadata["username"] = user.get_username()
    return pghistory.context(**metadata)
