"""The demo data set: partners, contacts, interviews, needs and a year of asks."""
