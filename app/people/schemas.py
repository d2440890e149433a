"""Bodies and answers of the people routes. Never a password or a link's token."""

from datetime import datetime
from typing import ClassVar

from pydantic import ConfigDict, Field

from app.auth.models import Role
from app.mail.schemas import MailQueued
from app.people.models import PersonStatus
from app.schemas import Email, InputModel, ListQuery, Name, ReadModel


class PersonInvite(InputModel):
    """Invite a person: they get a mail with a link to choose a password."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"email": "maya.chen@riverbend-cc.example", "name": "Maya Chen",
                 "role": "recruiter"}
            ]
        }
    )  # fmt: skip

    email: Email = Field(description="The address they will sign in with (unique, any case).")
    name: Name
    role: Role = Field(
        description="A convener may invite people up to convener; only an admin invites an admin."
    )


class PersonRead(ReadModel):
    id: int
    email: str
    name: str
    role: Role
    status: PersonStatus = Field(
        description=(
            "invited: no password chosen yet; active: signs in; disabled: signs in no more, "
            "their sessions ended and their keys revoked."
        )
    )
    invited_by: str
    created_at: datetime
    joined_at: datetime | None = Field(description="When they first chose a password.")
    last_sign_in_at: datetime | None
    disabled_at: datetime | None
    disabled_by: str | None


class InvitationSent(ReadModel):
    expires_at: datetime
    mail: MailQueued


class PersonInvited(PersonRead):
    invitation: InvitationSent = Field(
        description="The invitation mailed to them: its link is in that mail only."
    )


class PersonQuery(ListQuery):
    role: Role | None = None

    columns: ClassVar[dict[str, str]] = {}


class PersonKeyCreate(InputModel):
    """A key for a person's own scripts: it works for them, and no more than their role."""

    name: Name
    role: Role | None = Field(
        default=None, description="At most the person's role (default: the person's role)."
    )
