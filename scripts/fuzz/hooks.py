"""Schemathesis hooks of the fuzz pass (scripts/fuzz/schemathesis.ts loads this file).

Schemathesis cannot invent a complaint number or a staff id that exists, so most requests would stop at
a 404. Before each call, a path parameter that is well-formed becomes, most of the time, one of the values
the fuzz pass seeded (FUZZ_VALUES: {"number": [...], "id": [...]}); malformed values are left as generated,
so the API's own refusals are still fuzzed.

On top of what schemathesis generates, one call in eight puts a hostile value into one of its query or path
parameters (control characters, NUL, a lone surrogate's bytes, an overlong value, text that is fine but unusual),
marked by the header X-Fuzz-Hostile (the parameter), so the summary counts them: every parameter, not only
bodies, meets the text PostgreSQL cannot hold.
"""

import json
import os
import random
import re

import schemathesis
from schemathesis.core.parameters import RAW_QUERY_STRING_KEY, RawQueryString

VALUES = json.loads(os.environ.get("FUZZ_VALUES", "{}"))
WELL_FORMED = {
    "number": re.compile(r"^\d{6}-\d{3,}$"),
    "id": re.compile(r"^[\w.-]+$"),
    "car": re.compile(r"^(\d{6}-\d{3,}-\d+|car-\d{6}-\d{3,})$"),
}
# Well-formed values that exist nowhere, so the 404 path is fuzzed too.
UNKNOWN = {"number": "000000-000", "id": "fuzz-unknown", "car": "car-000000-000"}
PROBABILITY = 0.85
HOSTILE_PROBABILITY = 0.125
HOSTILE = ["a\x00b", "\x01", "x\x1fy", "\x7f", "\r\n", "x" * 6000, "\u202eabc", "\U0001f600" * 40, "' OR 1=1 --"]
# a lone surrogate cannot be a Python str on the wire: its (CESU-8) bytes, percent-encoded in a raw query string
HOSTILE_QUERY_ONLY = ["%ED%A0%80", "a%ED%B0%80b", "%FF%FE"]
# Hypothesis resets the global `random` before each example: a generator of its own, seeded per round
RNG = random.Random(os.environ.get("FUZZ_SEED", "0"))


def query_names(case):
    """The names of the operation's query parameters."""
    try:
        return [parameter.name for parameter in case.operation.query]
    except Exception:  # an operation without query parameters
        return []


def put_hostile_value(case):
    """Puts a hostile value into one query or path parameter of `case`; returns where, or None."""
    places = [("query", name) for name in query_names(case)]
    places += [("path", name) for name in (case.path_parameters or {})]
    if not places:
        return None
    where, name = RNG.choice(places)
    value = RNG.choice(HOSTILE + HOSTILE_QUERY_ONLY if where == "query" else HOSTILE)
    if value in HOSTILE_QUERY_ONLY:
        query = {key: item for key, item in (case.query or {}).items() if key != name}
        case.query = {**query, RAW_QUERY_STRING_KEY: RawQueryString(f"{name}={value}")}
    elif where == "query":
        case.query = {**(case.query or {}), name: value}
    else:
        case.path_parameters[name] = value
    return f"{where}.{name}"


@schemathesis.hook
def before_call(context, case, kwargs):
    """A well-formed number or id is one the fuzz pass seeded (85 %) or one that exists nowhere.

    Schemathesis also reuses values from earlier responses (the complaint and staff lists); those name
    what other tests, or the fuzzing admin itself, rely on (a rotated token would lock the fuzzer out).
    """
    if RNG.random() < HOSTILE_PROBABILITY:
        where = put_hostile_value(case)
        if where:
            case.headers = {**(case.headers or {}), "X-Fuzz-Hostile": where}
            return
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
            params[name] = RNG.choice(known) if RNG.random() < PROBABILITY else UNKNOWN[kind]
