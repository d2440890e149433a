"""Framework-free matching logic: vocabulary, embeddings, scoring, load and concentration.

Nothing here imports FastAPI, SQLAlchemy or the `app` package: plain data in, plain data out.
"""
