"""The one write path: every record any door stores (API routes, imports, web pages, the demo
loader) is created, changed or deleted by `service.WriteService`, which calls
`after_write.after_write` in the same transaction for the write's consequences."""
