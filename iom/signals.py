from django.dispatch import Signal

# Sent with nominal_ids=[...] after events are written, one at a time or by an import, inside
# the writing transaction, so receivers (RAG suggestions, matrix) can recompute what changed.
events_recorded = Signal()
