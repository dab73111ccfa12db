"""Serializer fields that check only the shape of input; the services judge the values."""

from typing import Any

from rest_framework import serializers


def _encodable(value: str) -> None:
    """Lone surrogates are valid JSON but cannot be stored or written to config.json."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise serializers.ValidationError("must be valid Unicode text") from None


class Text(serializers.CharField):
    """A string kept as sent (the service trims and judges emptiness and length)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        self.validators.append(_encodable)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class Number(serializers.FloatField):
    """A finite JSON number; true/false and strings are not numbers."""

    def to_internal_value(self, data: Any) -> float:
        if isinstance(data, bool | str):
            self.fail("invalid")
        return super().to_internal_value(data)
