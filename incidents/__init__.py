"""From article text to ACLED-style incidents, and the store that keeps them."""
from incidents.record import EVENT_TYPES, RECORD_FIELDS, Incident

__all__ = ["EVENT_TYPES", "RECORD_FIELDS", "Incident"]
