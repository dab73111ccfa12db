"""The serializer field for a provider: its schema lists the catalogue's ids and aliases."""

from drf_spectacular.utils import extend_schema_field

from core.api_fields import Text
from credentials import providers


@extend_schema_field({"type": "string", "enum": list(providers.ALIASES)})
class ProviderId(Text):
    """A provider id or alias; which ones exist is the catalogue's business."""
