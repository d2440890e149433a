"""The demo's people: one of each role, all with one known password, so `make demo` can be
tried as a convener, a recruiter or a viewer without an invitation mail."""

from sqlalchemy.orm import Session

from app.auth.models import Role
from app.people import service as people

PASSWORD = "partnermatch-demo"
PEOPLE = (
    ("admin@demo.partnermatch.example", "Alex Morgan", Role.admin),
    ("convener@demo.partnermatch.example", "Maya Chen", Role.convener),
    ("recruiter@demo.partnermatch.example", "Sam Rivera", Role.recruiter),
    ("viewer@demo.partnermatch.example", "Jordan Lee", Role.viewer),
)


def ensure_people(session: Session) -> list[tuple[str, str, Role]]:
    """The demo's people, made when missing: (email, name, role) of each."""
    for email, name, role in PEOPLE:
        people.ensure_person(
            session, email=email, name=name, role=role, password=PASSWORD, by="the demo"
        )
    return list(PEOPLE)
