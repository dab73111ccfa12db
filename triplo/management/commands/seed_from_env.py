import os

from django.core.management.base import BaseCommand

from core.cli import one_line_errors
from triplo import envseed
from triplo.cli import config_json


class Command(BaseCommand):
    help = (
        "On first start (no profiles yet), create credentials and one active profile "
        "from the environment."
    )

    def handle(self, *args: object, **options: object) -> None:
        if envseed.anything_stored():
            self.stdout.write(
                "profiles or credentials already exist: stored state wins, "
                "the environment is not read"
            )
            return
        with config_json(self), one_line_errors():
            report = envseed.seed_from_env(os.environ)
        for line in report.lines():
            self.stdout.write(line)
