"""Server-rendered web pages for recruiters and conveners, under /ui, behind a session cookie."""
