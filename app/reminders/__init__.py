"""Mail sent on a schedule to the people who use the service (reminders, later digests): each
module reads what it needs of the domains and is imported by nothing but `app.workers`, so no
domain depends on the people it mails."""
