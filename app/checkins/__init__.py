"""The convener's check-in list: what to do this week about each partner, and why."""
