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
WELL_FORMED = {
    "number": re.compile(r"^\d{6}-\d{3,}$"),
    "id": re.compile(r"^[\w.-]+$"),
    "car": re.compile(r"^(\d{6}-\d{3,}-\d+|car-\d{6}-\d{3,})$"),
}
# Well-formed values that exist nowhere, so the 404 path is fuzzed too.
UNKNOWN = {"number": "000000-000", "id": "fuzz-unknown", "car": "car-000000-000"}
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
    for name, value in list(params.items()):
        # a corrective action's number: one the fuzz pass opened, never one of another test's (whose worker is
        # gone: an action on it waits for the update deadline)
        kind = "car" if name == "number" and case.path.startswith("/api/v1/corrective-actions/") else name
        known = VALUES.get(kind)
        if not known or not isinstance(value, str) or not WELL_FORMED[kind].match(value):
            continue
        if value not in known:
            params[name] = random.choice(known) if random.random() < PROBABILITY else UNKNOWN[kind]
