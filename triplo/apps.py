from django.apps import AppConfig


class TriploConfig(AppConfig):
    """The bridge to Triplo: config.json, its drift and the Triplo process."""

    name = "triplo"
    verbose_name = "Triplo"

    def ready(self) -> None:
        from triplo import signals  # noqa: F401 - connects the receivers
