"""Held-out violation suite for the compliance judge (issue 22).

Written apart from the judge, without reading its code, its lexicon or its own suite, so that
it measures whether the judge generalises beyond its author's sentences. Phrasings (en, zh) live
in `phrasings_*.yaml`; cases are built from scripted calls of the project's own engine
(`bases.py`), text-borne (`cases.py`) or structural (`dialogue_cases.py`, `identity_cases.py`,
`call_cases.py`); `measure.py` scores them through `evaluators.compliance.score_compliance` only.

    python -m tests.compliance_heldout.measure [--misses N] [--language en|zh]
    python -m pytest -q -p no:cacheprovider tests/compliance_heldout

Do not tune the judge on these phrasings: add what they teach to the judge's own suite, in new
words, and keep this one for measuring.
"""
