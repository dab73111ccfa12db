from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: the change protocol, the errors and the API plumbing every app uses."""

    name = "core"
    verbose_name = "Core"
