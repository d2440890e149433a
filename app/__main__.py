"""`python -m app` is the partnermatch command."""

from app.cli import main

main()
