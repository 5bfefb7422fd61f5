from django.apps import AppConfig


class RagConfig(AppConfig):
    name = "rag"
    verbose_name = "RAG status"

    def ready(self):
        from iom.signals import events_recorded
        from rag import agenda  # noqa: F401 (adds the RAG sections to tasking agendas)
        from rag.receivers import recompute_on_events

        events_recorded.connect(recompute_on_events, dispatch_uid="rag.recompute_on_events")
