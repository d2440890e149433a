"""Living beside a CRM: idempotent POSTs, bulk import and export, rate limits."""
