"""Signed webhooks (Standard Webhooks): endpoints, a database outbox written with each change,
and a worker per process that delivers it with retries, logging every attempt."""
