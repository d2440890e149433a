"""Queries for the partner index: profiles, latest interviews, contacts' skills, stored vectors."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
from sqlalchemy import Float, and_, case, cast, delete, func, select
from sqlalchemy.orm import Session

from app.engagements.models import Engagement
from app.interviews.models import Interview
from app.load.repository import day_number
from app.matches.models import NeedEmbedding, PartnerEmbedding
from app.needs.models import Need
from app.organizations.models import Contact, Organization
from app.programs.models import Program
from app.repository import latest_per_organization
from app.sql import epoch_day, greatest, least
from matching.relevance import passages
from matching.types import EngagementStatus


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    kind: str
    region: str | None
    sectors: list[str]
    description: str
    business_summary: str
    role_and_skills: str
    interest: float  # NaN: never interviewed
    skills: list[str]
    engagement_types: list[str] = field(default_factory=list)  # what the partner said it will do

    @cached_property
    def text(self) -> str:
        """What the partner's embedding is computed from (made once: a build reads it for the
        vector, the words and the row's key)."""
        sectors = ", ".join(s.replace("_", " ") for s in self.sectors)
        parts = [self.name, self.description, f"Sectors: {sectors}." if sectors else "",
                 self.business_summary, self.role_and_skills]  # fmt: skip
        return "\n".join(p for p in parts if p)

    @property
    def passages(self) -> list[str]:
        """The text cut into passages (sentences, list items) and each listed skill."""
        return passages(self.text, extra=self.skills)

    @cached_property
    def terms_text(self) -> str:
        """Where a need's skills are looked for: the profile and the contacts' skills."""
        return self.text + "\n" + "; ".join(self.skills)


def profiles(session: Session, ids: Sequence[int] | None = None) -> list[Profile]:
    """Every organization (or those of `ids`) with its latest interview and its contacts'
    skills, in id order."""
    latest = latest_per_organization(
        Interview,
        Interview.business_summary,
        Interview.role_and_skills,
        Interview.interest_level,
        Interview.engagement_types,
        newest_first=(Interview.conducted_at.desc(), Interview.id.desc()),
        where=() if ids is None else (Interview.organization_id.in_(ids),),
    )
    # Plain rows (the connection's, not the ORM's): a whole build reads every profile.
    connection = session.connection()
    interviews = {row[0]: tuple(row[1:5]) for row in connection.execute(latest).all()}
    skills: dict[int, list[str]] = defaultdict(list)
    contacts = select(Contact.organization_id, Contact.skills)
    if ids is not None:
        contacts = contacts.where(Contact.organization_id.in_(ids))
    for org, contact_skills in connection.execute(contacts).all():
        skills[org].extend(contact_skills or [])
    o = Organization
    stmt = select(o.id, o.name, o.kind, o.region, o.sectors, o.description).order_by(o.id)
    if ids is not None:
        stmt = stmt.where(o.id.in_(ids))
    rows = connection.execute(stmt).all()  # fetched at once: row by row is twice as slow
    out = []
    for oid, name, kind, region, sectors, description in rows:
        business, role, interest, types = interviews.get(oid, ("", "", np.nan, []))
        out.append(
            Profile(
                id=oid,
                name=name,
                kind=kind.value,
                region=region,
                sectors=list(sectors or []),
                description=description or "",
                business_summary=business or "",
                role_and_skills=role or "",
                interest=float(interest),
                skills=skills.get(oid, []),
                engagement_types=list(types or []),
            )
        )
    return out


@dataclass(frozen=True)
class StoredVectors:
    """The stored vectors of one model, as one array: row `rows[id]` of `matrix` is the vector
    of organization `id`, computed from the text whose hash is `hashes[rows[id]]`."""

    rows: dict[int, int]
    hashes: list[str]
    matrix: np.ndarray

    def hash_of(self, organization_id: int) -> str | None:
        row = self.rows.get(organization_id)
        return None if row is None else self.hashes[row]


def stored_vectors(
    session: Session, model: str, dim: int, ids: Sequence[int] | None = None
) -> StoredVectors:
    """The vectors of `model` (of `ids`, or all) read as one array; a vector of another length
    than `dim` (stored before the model changed) counts as missing. Read as plain rows and
    joined once: at 100k partners, building an array a row at a time took a second."""
    e = PartnerEmbedding
    stmt = select(e.organization_id, e.text_hash, e.vector).where(e.model == model)
    if ids is not None:
        stmt = stmt.where(e.organization_id.in_(ids))
    width = 4 * dim  # little-endian float32
    found = [row for row in session.connection().execute(stmt).all() if len(row[2]) == width]
    matrix = np.frombuffer(b"".join(row[2] for row in found), dtype="<f4").reshape(-1, dim)
    return StoredVectors({row[0]: i for i, row in enumerate(found)}, [row[1] for row in found],
                         matrix)  # fmt: skip


def save_vectors(session: Session, model: str, rows: Sequence[tuple[int, str, np.ndarray]]) -> None:
    """Store (organization id, text hash, vector) rows of `model`, replacing older ones."""
    if not rows:
        return
    ids = [r[0] for r in rows]
    session.execute(
        delete(PartnerEmbedding).where(
            PartnerEmbedding.model == model, PartnerEmbedding.organization_id.in_(ids)
        )
    )
    session.add_all(
        PartnerEmbedding(organization_id=org, model=model, text_hash=h, dim=int(v.shape[0]),
                         vector=np.asarray(v, dtype="<f4").tobytes())
        for org, h, v in rows
    )  # fmt: skip
    session.flush()


def stored_need_vectors(
    session: Session, need_id: int, model: str
) -> tuple[str, np.ndarray] | None:
    """(text hash, vectors of shape (k, dim)) stored for a need by `model`, or None."""
    row = session.get(NeedEmbedding, (need_id, model))
    if row is None:
        return None
    return row.text_hash, np.frombuffer(row.vectors, dtype="<f4").reshape(-1, row.dim)


def save_need_vectors(
    session: Session, need_id: int, model: str, text_hash: str, vectors: np.ndarray
) -> None:
    """Store a need's vectors from `model`, replacing older ones."""
    session.execute(
        delete(NeedEmbedding).where(NeedEmbedding.need_id == need_id, NeedEmbedding.model == model)
    )
    session.add(NeedEmbedding(need_id=need_id, model=model, text_hash=text_hash,
                              dim=int(vectors.shape[1]),
                              vectors=np.asarray(vectors, dtype="<f4").tobytes()))  # fmt: skip
    session.flush()


def get_need(session: Session, need_id: int) -> Need | None:
    return session.get(Need, need_id)


def program_owner(session: Session, program_id: int) -> tuple[int, str] | None:
    """(id, name) of the organization running the program, if it names one."""
    row = session.execute(
        select(Organization.id, Organization.name)
        .join(Program, Program.organization_id == Organization.id)
        .where(Program.id == program_id)
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


def promised_between(
    session: Session, first: date, last: date
) -> tuple[dict[int, float], dict[int, int]]:
    """Per organization: hours of accepted engagements that fall between `first` and `last`
    (each engagement's hours spread evenly over its days, as the load figures spread them), and
    how many accepted engagements run during those days. Organizations with none left out."""
    e = Engagement
    start = func.coalesce(epoch_day(e.starts_on), epoch_day(e.asked_at))
    spans = (
        select(
            e.organization_id.label("org"),
            start.label("s"),
            epoch_day(e.ends_on).label("ed"),
            e.hours_estimated.label("h"),
        )
        .where(e.status == EngagementStatus.accepted)
        .subquery()
    )
    lo, hi = day_number(first), day_number(last)
    s = spans.c.s
    end = greatest(func.coalesce(spans.c.ed, s), s)
    overlap = greatest(least(end, hi) - greatest(s, lo) + 1, 0)
    stmt = (
        select(
            spans.c.org,
            func.sum(spans.c.h * overlap / cast(end - s + 1, Float)),
            func.sum(case((and_(s <= hi, end >= lo), 1), else_=0)),
        )
        .where(s <= hi, end >= lo)
        .group_by(spans.c.org)
    )
    hours: dict[int, float] = {}
    running: dict[int, int] = {}
    for org, h, n in session.execute(stmt):
        hours[int(org)] = float(h or 0.0)
        running[int(org)] = int(n or 0)
    return hours, running


def already_asked(session: Session, need_id: int) -> list[tuple[int, str, str]]:
    """(organization id, name, status) of partners with an open ask for the need or who
    declined it, the latest ask first."""
    stmt = (
        select(Engagement.organization_id, Organization.name, Engagement.status)
        .join(Organization, Organization.id == Engagement.organization_id)
        .where(
            Engagement.need_id == need_id,
            Engagement.status.in_(
                [
                    EngagementStatus.proposed,
                    EngagementStatus.asked,
                    EngagementStatus.accepted,
                    EngagementStatus.declined,
                ]
            ),
        )
        .order_by(Engagement.asked_at.desc(), Engagement.id.desc())
    )
    seen: dict[int, tuple[int, str, str]] = {}
    for org, name, status in session.execute(stmt):
        seen.setdefault(org, (org, name, str(getattr(status, "value", status))))  # the latest
    return list(seen.values())
