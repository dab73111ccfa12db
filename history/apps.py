from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = "History"

    def ready(self) -> None:
        """Every recorded change becomes a version, inside the changing transaction."""
        from core.changes import config_changed
        from history.recording import record_version

        config_changed.connect(record_version, dispatch_uid="history.record_version")
