"""Serializer fields that check only the shape of input; the services judge the values."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
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


@extend_schema_field(OpenApiTypes.UUID)
class Id(Text):
    """An item's id, typed as the UUID it is. Only an empty one is refused here; a malformed one
    is an id no item has (404), as in a path, so the service alone judges it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_blank", False)
        super().__init__(**kwargs)


class Number(serializers.FloatField):
    """A finite JSON number; true/false and strings are not numbers."""

    def to_internal_value(self, data: Any) -> float:
        if isinstance(data, bool | str):
            self.fail("invalid")
        return super().to_internal_value(data)
