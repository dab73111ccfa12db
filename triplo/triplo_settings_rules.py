"""What a value of one of Triplo's settings may be, read from the catalogue.

Plain functions on plain data, shared by the API (PATCH /api/triplo/settings) and first-start
seeding, so a value the page refuses is refused from the environment too. Reasons use the label
the page shows ("Speech speed must be between 0.25 and 4").
"""

import math
import re
from typing import Any

from triplo.triplo_settings import TriploSetting, Value


def _name(setting: TriploSetting) -> str:
    return setting.label or setting.key


def _number(setting: TriploSetting, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{_name(setting)} must be a number")
    if not math.isfinite(value):
        raise ValueError(f"{_name(setting)} must be a finite number")
    low, high = setting.minimum, setting.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{_name(setting)} must be between {low:g} and {high:g}")
    return value


def _text(setting: TriploSetting, value: Any) -> str:
    name = _name(setting)
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    if setting.choices:
        if value not in setting.choices:
            raise ValueError(f"{name} must be one of {', '.join(setting.choices)}")
        return value
    if not value and not setting.blank:
        raise ValueError(f"{name} may not be empty")
    if len(value) > setting.max_length:
        raise ValueError(f"{name} must be at most {setting.max_length} characters")
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise ValueError(f"{name} may not contain control characters")
    if value and setting.pattern and not re.fullmatch(setting.pattern, value):
        raise ValueError(f"{name} is not in the expected form")
    return value


def _list(setting: TriploSetting, value: Any) -> list[str]:
    name = _name(setting)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{name} must be a list of text")
    if len(value) > setting.max_items:
        raise ValueError(f"{name} may hold at most {setting.max_items} entries")
    for item in value:
        if not item.strip():
            raise ValueError(f"{name} may not hold empty entries")
        if len(item) > setting.max_length:
            raise ValueError(f"{name}: each entry must be at most {setting.max_length} characters")
    return value


def clean(setting: TriploSetting, value: Any) -> Value:
    """The value as it is written to config.json; ValueError with the reason for people."""
    if setting.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{_name(setting)} must be true or false")
        return value
    if setting.kind == "number":
        return _number(setting, value)
    if setting.kind == "list":
        return _list(setting, value)
    return _text(setting, value)
