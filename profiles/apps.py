from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "LLM profiles"

    def ready(self) -> None:
        from profiles import signals  # noqa: F401 - connects the receivers
        from triplo_config import runtime

        runtime.connect()  # restarts Triplo and records drift after exports
