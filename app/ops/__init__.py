"""Operations: Prometheus metrics, liveness and readiness, the offline API docs, and how many
threads a process's numeric libraries may use."""
