"""Schemathesis hooks of the fuzz pass (scripts/fuzz/schemathesis.ts loads this file).

Schemathesis cannot invent a complaint number or a staff id that exists, so most requests would stop at
a 404. Before each call, a path parameter that is well-formed becomes, most of the time, one of the values
the fuzz pass seeded (FUZZ_VALUES: {"number": [...], "id": [...]}); malformed values are left as generated,
so the API's own refusals are still fuzzed.
"""

import json
import os
import random
import re

import schemathesis

VALUES = json.loads(os.environ.get("FUZZ_VALUES", "{}"))
WELL_FORMED = {"number": re.compile(r"^\d{6}-\d{3,}$"), "id": re.compile(r"^[\w.-]+$")}
# Well-formed values that exist nowhere, so the 404 path is fuzzed too.
UNKNOWN = {"number": "000000-000", "id": "fuzz-unknown"}
PROBABILITY = 0.85


@schemathesis.hook
def before_call(context, case, kwargs):
    """A well-formed number or id is one the fuzz pass seeded (85 %) or one that exists nowhere.

    Schemathesis also reuses values from earlier responses (the complaint and staff lists); those name
    what other tests, or the fuzzing admin itself, rely on (a rotated token would lock the fuzzer out).
    """
    params = case.path_parameters
    if not params:
        return
    for name, known in VALUES.items():
        value = params.get(name)
        if not isinstance(value, str) or not WELL_FORMED[name].match(value):
            continue
        if value not in known:
            params[name] = random.choice(known) if random.random() < PROBABILITY else UNKNOWN[name]
