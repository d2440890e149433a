"""Partner self-service links: one-use, expiring pages a convener sends a partner contact."""
