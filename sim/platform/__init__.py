"""What the platform does at the end of a day, one component per file.

To add a platform action, write its file (a :class:`sim.components.Component` with
``group = "platform"``) and list it here; the registry does the rest.
"""

from sim.platform.discovery import Discovery
from sim.platform.purge import Purge
from sim.platform.vendor_risk import VendorRisk

ACTIONS = (Purge, Discovery, VendorRisk)
