"""Every kind of record the write path stores, for what looks across kinds (who guards a
delete, the routes, the import)."""

from typing import Any

from app.domain import Domain
from app.engagements.domain import AGREEMENTS, ENGAGEMENTS
from app.holds.domain import HOLDS
from app.interviews.domain import INTERVIEWS, TEMPERATURE_CHECKS
from app.links.domain import PARTNER_LINKS
from app.needs.domain import NEEDS
from app.organizations.domain import CONTACTS, ORGANIZATIONS
from app.programs.domain import PROGRAMS
from app.vocabularies.domain import VOCABULARY

# Domain is invariant in its record type; a list of every kind can only say "some record".
DOMAINS: tuple[Domain[Any], ...] = (
    ORGANIZATIONS,
    CONTACTS,
    PROGRAMS,
    VOCABULARY,
    NEEDS,
    INTERVIEWS,
    TEMPERATURE_CHECKS,
    ENGAGEMENTS,
    AGREEMENTS,
    HOLDS,
    PARTNER_LINKS,
)
