"""First-start seeding of Triplo's own settings from the old container's variables.

The upstream init-config.sh rewrote config.json from the environment on every start, which
undid every change made in Triplo since. Here the variables land once: bootstrap calls this on
the first start when there is no config.json yet; after that the file is Triplo's and the user's
(Open WebUI's "seed on first launch" rule, REFERENCE §4). A value that cannot be read keeps
Triplo's default and says so, so a typo never stops the container.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from triplo import configfile
from triplo.triplo_settings import SETTINGS, TriploSetting
from triplo.triplo_settings_rules import clean

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off"}


@dataclass
class SeededSettings:
    settings: dict[str, Any] = field(default_factory=dict)
    top_level: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def parse_value(setting: TriploSetting, raw: str) -> bool | str | int | float | list[str]:
    """The value init-config.sh would have written for raw; ValueError for what it cannot be."""
    if setting.kind == "text":
        return raw
    text = raw.strip()
    if setting.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    if setting.kind == "bool":
        if text.lower() in TRUE | FALSE:
            return text.lower() in TRUE
        raise ValueError("is not true or false")
    try:
        number = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            raise ValueError("is not a number") from None
    if not math.isfinite(number):
        raise ValueError("is not a finite number")
    return number


def settings_from_env(environ: Mapping[str, str]) -> SeededSettings:
    """Every catalogue setting whose variable is set and not empty (`${VAR:-default}`)."""
    seeded = SeededSettings()
    for setting in SETTINGS:
        raw = environ.get(setting.env, "")
        if raw == "" or setting.generated:
            continue
        try:
            value = clean(setting, parse_value(setting, raw))
        except ValueError as problem:
            seeded.notes.append(
                f"{setting.env}={raw!r} {problem}: kept Triplo's default {setting.default!r}"
            )
            continue
        target = seeded.top_level if setting.top_level else seeded.settings
        target[setting.key] = value
    return seeded


def seed_config_file(environ: Mapping[str, str]) -> list[str]:
    """Write the variables that are set into config.json (from Triplo's stock file if absent).

    Bootstrap calls this on the first start only, when there was no config.json. Keys the
    export owns (the switch the active profile needs) stay the export's. Returns the lines
    bootstrap prints; a file that cannot be written is one of them, never an exception (the
    export that follows fails on it too, with its own one-line error).
    """
    seeded = settings_from_env(environ)
    if not seeded.settings and not seeded.top_level:
        return seeded.notes
    path = configfile.config_path()
    try:
        with configfile.lock(path):
            owned = set(configfile.read_state(path).get("fingerprints", {}))
            document = configfile.read_document(path)
            document.update(seeded.top_level)
            settings = document.setdefault("settings", {})
            applied = list(seeded.top_level)
            for key, value in seeded.settings.items():
                if key not in owned:
                    settings[key] = value
                    applied.append(key)
                elif settings.get(key) != value:
                    seeded.notes.append(
                        f"{key}: kept {settings.get(key)!r}, the active profile needs it"
                    )
            if not applied:
                return seeded.notes
            configfile.write_atomic(path, configfile.serialize(document))
    except configfile.ConfigFileError as exc:
        return [*seeded.notes, f"Triplo settings not seeded: {exc}"]
    except OSError as exc:
        return [*seeded.notes, f"Triplo settings not seeded: {path}: {exc.strerror or exc}"]
    names = ", ".join(sorted(applied))
    return [*seeded.notes, f"seeded Triplo settings from the environment: {names}"]
