"""Every table, imported in one place so Alembic and the tests see the whole metadata."""

from app.auth.models import ApiKey
from app.db import Base
from app.engagements.models import Agreement, Engagement
from app.holds.models import Hold
from app.integrations.models import IdempotencyKey
from app.interviews.models import Interview, TemperatureCheck
from app.links.models import PartnerLink
from app.load.models import KeptLoad, KeptLoadsState, RiskTransition
from app.mail.models import MailAttempt, MailMessage, MailSuppression
from app.matches.models import IndexChange, NeedEmbedding, PartnerEmbedding
from app.needs.models import Need
from app.ops.claims import BackgroundJob
from app.organizations.models import Contact, Organization
from app.people.models import Invitation, PasswordReset, Person
from app.plans.models import Plan
from app.programs.models import Program
from app.vocabularies.models import VocabularyEntry
from app.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from app.writes.models import WriteRecord

__all__ = [
    "Agreement",
    "ApiKey",
    "BackgroundJob",
    "Base",
    "Contact",
    "Engagement",
    "Hold",
    "IdempotencyKey",
    "IndexChange",
    "Invitation",
    "Interview",
    "KeptLoad",
    "KeptLoadsState",
    "MailAttempt",
    "MailMessage",
    "MailSuppression",
    "Need",
    "NeedEmbedding",
    "Organization",
    "PartnerLink",
    "PasswordReset",
    "Person",
    "PartnerEmbedding",
    "Plan",
    "Program",
    "RiskTransition",
    "TemperatureCheck",
    "VocabularyEntry",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WriteRecord",
]
