"""People: accounts that sign in to the pages with an email and a password, invited by an admin
or a convener, with password resets by mail; disabling one ends its sessions and keys."""
