"""Research code: measures of the matching, kept out of the service.

`ranking` scores rankings on the labelled set (bench/data/ranking_eval), `typed` judges needs
typed in words the way a convener would (bench/data/typed_needs) and tunes the fit label, and
`simulation` plays a year of asks under two recruiting policies. The notebooks, `bench/` and
the tests run them; they use `matching/`, and nothing under `app/` or `matching/` imports them
(tests/app/test_architecture.py checks), so the service never loads them.
"""
