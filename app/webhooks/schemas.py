"""Bodies of the webhook routes, and the event every delivery carries."""

import json
from datetime import datetime
from http import HTTPStatus
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
)

from app.load.schemas import Transition
from app.schemas import InputModel, ListQuery, ReadModel, Url, shown_once
from app.webhooks import targets
from app.webhooks.models import DeliveryStatus, EventType


def _http_url(value: str) -> str:
    # The URL's syntax only: this runs on the event loop, so no DNS here. The addresses are
    # checked by the service (in a thread) and again at every delivery.
    try:
        targets.parse(value)
    except targets.Refused as exc:
        raise ValueError(exc.reason) from None
    return value


def _unique(events: list[EventType]) -> list[EventType]:
    return list(dict.fromkeys(events))


def _parsed(value: object) -> object:
    # The outbox keeps the body exactly as sent (text); the API shows it as JSON.
    return json.loads(value) if isinstance(value, str) else value


WebhookUrl = Annotated[Url, StringConstraints(min_length=1), AfterValidator(_http_url)]
EventList = Annotated[list[EventType], Field(min_length=1, max_length=20), AfterValidator(_unique)]


class WebhookCreate(InputModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://crm.example.org/hooks/partner-match",
                    "events": ["engagement.created", "engagement.status_changed"],
                }
            ]
        }
    )

    url: WebhookUrl = Field(
        description=(
            "Where events are POSTed: an http(s) URL on a public internet address, without a "
            "user name or password."
        )
    )
    events: EventList = Field(description="The event types to receive (at least one).")


class WebhookRead(ReadModel):
    id: int
    url: str
    events: list[EventType]
    created_at: datetime
    disabled_at: datetime | None = Field(
        description="When deliveries stopped (the receiver answered 410 Gone); null: active."
    )
    disabled_reason: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def active(self) -> bool:
        return self.disabled_at is None


class WebhookCreated(WebhookRead):
    secret: str = shown_once(
        "`whsec_...`: verifies the signature of every delivery. Shown only here."
    )


class WebhookQuery(ListQuery):
    pass


class AttemptRead(ReadModel):
    attempt: int = Field(description="1 for the first try.")
    attempted_at: datetime
    status_code: int | None = Field(description="The receiver's HTTP status; null: no answer.")
    error: str | None = Field(
        description=(
            "Why no answer came, in a few words: connection refused, timed out, or refused "
            "(the target is not a public address)."
        )
    )
    duration_ms: float

    @computed_field(  # type: ignore[prop-decorator]
        description=(
            "What happened, in a few words: `HTTP 500 Internal Server Error`, `connection "
            "refused`, `refused: address 10.0.0.1 is private`. The receiver's answer itself is "
            "never kept: it could be what an internal service says."
        )
    )
    @property
    def summary(self) -> str:
        if self.status_code is None:
            return self.error or "no answer"
        try:
            return f"HTTP {self.status_code} {HTTPStatus(self.status_code).phrase}"
        except ValueError:  # a status with no standard name
            return f"HTTP {self.status_code}"


class DeliveryRead(ReadModel):
    id: int
    event_id: str = Field(description="The event's id, sent as the `webhook-id` header.")
    event_type: EventType
    status: DeliveryStatus
    created_at: datetime
    attempt_count: int
    next_attempt_at: datetime | None = Field(description="When the next try is due, if pending.")
    completed_at: datetime | None = Field(description="When it succeeded or was given up.")
    payload: Annotated[
        dict[str, Any], BeforeValidator(_parsed), Field(description="The event body sent.")
    ]
    attempts: list[AttemptRead] = Field(description="Every try, newest first.")


class DeliveryQuery(ListQuery):
    status: DeliveryStatus | None = None


class Event(BaseModel):
    """The body of every delivery."""

    id: str
    type: EventType
    created_at: datetime
    data: dict[str, Any]


class RiskChanged(Transition):
    """The data of `partner.risk_changed`: a risk transition and whose it is."""

    organization_id: int
