"""The outcomes dashboard: the playbook's five categories over a period, as JSON and CSV."""
