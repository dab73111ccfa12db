from django.core.management.base import BaseCommand, CommandParser

from core.cli import one_line_errors
from profiles import services
from triplo.cli import config_json


class Command(BaseCommand):
    help = "Make a profile (by name or id) the one Triplo uses, and write config.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name_or_id")

    def handle(self, *args: object, name_or_id: str, **options: object) -> None:
        with config_json(self):
            with one_line_errors():
                profile = services.activate_profile(services.find_profile(name_or_id).pk)
            self.stdout.write(
                f"active profile: {profile.name} ({profile.provider} · {profile.model})"
            )
