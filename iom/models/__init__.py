from .event import Event
from .membership import Membership
from .nominal import Alias, Nominal
from .scheme import Agency, Area, Level, Scheme, StaffProfile

__all__ = [
    "Agency",
    "Alias",
    "Area",
    "Event",
    "Level",
    "Membership",
    "Nominal",
    "Scheme",
    "StaffProfile",
]
