"""Partner Match: a service that ranks CTE partners for a need and watches partner load."""
