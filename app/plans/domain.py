"""Plans as the write path sees them: stored and changed only by the plan service, which
the routes call; a plan belongs to no one organization."""

from app.auth.models import Role
from app.domain import Domain, Summaries
from app.plans import schemas
from app.plans.models import Plan

PLANS = Domain(
    path="plans",
    label="plan",
    model=Plan,
    create=schemas.PlanStore,
    update=schemas.PlanChange,
    read=schemas.PlanRead,
    query=schemas.PlanQuery,
    summaries=Summaries(
        create="Plan recruitment for many needs at once",
        list="List recruitment plans",
        get="Get a recruitment plan",
        update="Lock, drop or swap assignments and solve again",
        delete="Delete a recruitment plan",
    ),
    write_role=Role.convener,  # conveners plan recruitment; recruiters read plans
    organization_column=None,
)
