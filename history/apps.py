from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = "History"

    def ready(self) -> None:
        """Every recorded change becomes a version, inside the changing transaction."""
        from history.recording import record_version
        from triplo.export import change_hooks

        if record_version not in change_hooks:
            change_hooks.append(record_version)
