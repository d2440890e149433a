"""Programs: who asks partners (a pathway, an academy, an initiative), with their goals."""
