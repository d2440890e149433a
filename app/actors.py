"""Who acts, and through which door (a page, the API, an import, a partner's link, the
command line, the service itself).

The door that authenticates a caller says who it is once, on the request's database session
(`act_as`); the write engine records it for each record written (`app.writes.attribution`). A
write with nobody said is the service's own ("system": a background job, the daily refresh).
This module imports nothing of the app, so every door may use it."""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session


class Door(StrEnum):
    page = "page"
    api = "api"
    import_ = "import"
    link = "link"
    cli = "cli"
    system = "system"


@dataclass(frozen=True)
class By:
    """Who writes: a name as shown to people, the door, and the person when one acts."""

    door: Door
    name: str
    person_id: int | None = None

    def says(self) -> str:
        """ "Maya Chen" for a person on a page, else the name and its door ("crm-sync (API)")."""
        if self.door is Door.page:
            return self.name
        return f"{self.name} ({DOOR_WORDS[self.door]})"


#: The key of `Session.info` that holds who acts.
BY = "partnermatch.by"

DOOR_WORDS = {
    Door.page: "on a page", Door.api: "API", Door.import_: "import", Door.link: "partner link",
    Door.cli: "command line", Door.system: "the service",
}  # fmt: skip
SYSTEM = By(Door.system, "Partner Match")


def act_as(session: Session, by: By) -> None:
    """Who the writes made through `session` are by, from now on."""
    session.info[BY] = by


def acting(session: Session) -> By:
    found = session.info.get(BY)
    return found if isinstance(found, By) else SYSTEM
