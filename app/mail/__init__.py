"""Mail: an outbox written in the transaction of the write that causes it, sent over SMTP
after the commit by a worker, retried, every attempt kept; unsubscribes and bounces."""
