#!/usr/bin/env python3
"""Checks the labelled post set (posts.jsonl) and its roster (roster.csv), and prints the
composition: posts by category, by finding kind, and outcomes per pack.

    python3 tests/data/eval/check.py            # exit 0 when every check passes
    python3 tests/data/eval/check.py tests/data/eval/heldout.jsonl   # the held-out set

The optional argument names the post file (default: posts.jsonl next to this script); a bare
file name is looked up next to this script. Ids are p### in posts.jsonl and h### in
heldout.jsonl; all ids in one file share the first post's letter.

Checks: valid JSON per line; the fields id, text, findings, outcomes, note; unique ids;
finding kinds from docs/packs.md ("Finding kinds"); outcomes for exactly the five bundled
packs, each one of allow|advise|needs_permission|breach; note starts with a known category;
benign posts carry no person.* finding; phone numbers lie in the Ofcom drama ranges;
labelled NHS numbers pass the modulus-11 check and unlabelled 10-digit groups fail it;
the roster has the contract's header and only known roles.
"""
import collections
import csv
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
PACKS = ["salterlee-2017", "willow-lane-2021", "firm-foundations-2025", "polymat-2023", "protocol-2010"]
OUTCOMES = ["allow", "advise", "needs_permission", "breach"]
KINDS = [
    "person.pupil", "person.staff", "person.parent", "person.governor",
    "personal_data.phone", "personal_data.email", "personal_data.postcode", "personal_data.address",
    "personal_data.date_of_birth", "personal_data.nhs_number", "personal_data.ni_number",
    "school.name", "school.contact", "staff_cue",
    "language.profanity", "language.slur", "language.insult", "language.threat", "language.derogatory",
    "topic.politics", "topic.religion", "topic.health", "topic.internal", "topic.gossip",
    "topic.chain_mail", "topic.anger",
    "disclaimer", "link", "link.shortener",
]
CATEGORIES = ["benign", "person", "personal_data", "language", "topic", "staff", "link", "edge"]
ROSTER_HEADER = ("id,role,given_name,family_name,preferred_name,date_of_birth,email,phone,"
                 "year_group,left_on,restricted,photo_consent").split(",")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def nhs_valid(digits):
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def phone_numbers(text):
    """UK-looking phone numbers in the text, normalised to national digits."""
    out = []
    for m in re.finditer(r"(?:\+44\s?|\(?0)[\d()\s-]{8,16}\d", text):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        if len(digits) == 11:
            out.append(digits)
    return out


def check_roster(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != ROSTER_HEADER:
        err(path.name, f"header is {rows[0]}")
    roles = collections.Counter()
    ids = set()
    for n, row in enumerate(rows[1:], 2):
        rec = dict(zip(rows[0], row))
        if len(row) != len(rows[0]):
            err(f"{path.name}:{n}", f"{len(row)} cells")
        if rec["id"] in ids:
            err(f"{path.name}:{n}", f"duplicate id {rec['id']}")
        ids.add(rec["id"])
        if rec["role"] not in ("pupil", "staff", "parent", "governor"):
            err(f"{path.name}:{n}", f"role {rec['role']}")
        roles[rec["role"]] += 1
        if rec["phone"] and not re.fullmatch(r"07700 900\d{3}", rec["phone"]):
            err(f"{path.name}:{n}", f"phone outside the drama range: {rec['phone']}")
        if rec["email"] and not re.search(r"@(hillside\.sch\.uk|example\.(com|org))$", rec["email"]):
            err(f"{path.name}:{n}", f"e-mail domain: {rec['email']}")
    return roles


def post_file():
    if len(sys.argv) > 2:
        sys.exit("usage: check.py [POSTS.jsonl]")
    if len(sys.argv) == 1:
        return HERE / "posts.jsonl"
    path = pathlib.Path(sys.argv[1])
    if not path.exists() and (HERE / path.name).exists() and path.parent == pathlib.Path("."):
        path = HERE / path.name
    return path


def main():
    roles = check_roster(HERE / "roster.csv")
    path = post_file()
    posts = []
    ids = set()
    id_letter = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            err(where, f"invalid JSON: {e}")
            continue
        if list(o) != ["id", "text", "findings", "outcomes", "note"]:
            err(where, f"fields {list(o)}")
            continue
        if id_letter is None:
            id_letter = o["id"][:1] if o["id"][:1] in ("p", "h") else "p"
        if not re.fullmatch(id_letter + r"\d{3}", o["id"]) or o["id"] in ids:
            err(where, f"bad or duplicate id {o['id']}")
        ids.add(o["id"])
        if not isinstance(o["text"], str) or not o["text"] or len(o["text"]) > 300:
            err(where, "text empty or over 300 characters")
        f = o["findings"]
        if not isinstance(f, list) or len(set(f)) != len(f):
            err(where, "findings is not a list of distinct kinds")
        for k in f:
            if k not in KINDS:
                err(where, f"unknown finding kind {k}")
        if not isinstance(o["outcomes"], dict) or sorted(o["outcomes"]) != sorted(PACKS):
            err(where, f"outcomes must name exactly {PACKS}")
        else:
            for p, v in o["outcomes"].items():
                if v not in OUTCOMES:
                    err(where, f"{p}: outcome {v}")
        cat = o["note"].split(":", 1)[0]
        if cat not in CATEGORIES or ":" not in o["note"]:
            err(where, f"note must start with one of {CATEGORIES} and ':'")
        if cat == "benign" and any(k.startswith("person.") for k in f):
            err(where, "benign post with a person finding")
        text = o["text"]
        school_phone = "01632960123"
        for digits in phone_numbers(text):
            if not (digits.startswith("07700900") or digits.startswith("01632960")):
                err(where, f"phone number outside the drama ranges: {digits}")
            if digits == school_phone and "school.contact" not in f:
                err(where, "school phone without school.contact")
        for m in re.finditer(r"(?<![\d+])(\d{3})[ ]?(\d{3})[ ]?(\d{4})(?!\d)", text):
            digits = "".join(m.groups())
            if digits.startswith("0"):
                continue  # a phone number
            labelled = "personal_data.nhs_number" in f
            if nhs_valid(digits) and not labelled:
                err(where, f"valid NHS number {digits} not labelled")
            if not nhs_valid(digits) and labelled and not any(
                    nhs_valid("".join(x.groups())) for x in re.finditer(r"(\d{3})[ ]?(\d{3})[ ]?(\d{4})", text)):
                err(where, "nhs_number labelled but no valid NHS number in the text")
        if "hillside.sch.uk" in text and "school.contact" not in f:
            err(where, "school e-mail domain without school.contact")
        posts.append(o)

    by_cat = collections.Counter(o["note"].split(":", 1)[0] for o in posts)
    by_kind = collections.Counter(k for o in posts for k in o["findings"])
    no_findings = sum(1 for o in posts if not o["findings"])
    print(f"roster: {sum(roles.values())} people: " + ", ".join(f"{r} {c}" for r, c in sorted(roles.items())))
    print(f"posts: {len(posts)} ({path.name})")
    print("by category:")
    for c in CATEGORIES:
        print(f"  {c:15} {by_cat[c]:4}")
    benign_allow = sum(1 for o in posts if o["note"].startswith("benign") and set(o["outcomes"].values()) == {"allow"})
    print(f"  (benign allowed by every pack: {benign_allow})")
    print("by finding kind:")
    for k in KINDS:
        print(f"  {k:28} {by_kind[k]:4}")
    print(f"  {'(no finding)':28} {no_findings:4}")
    print("outcomes per pack:")
    print(f"  {'pack':24}" + "".join(f"{x:>18}" for x in OUTCOMES))
    for p in PACKS:
        c = collections.Counter(o["outcomes"][p] for o in posts if p in o["outcomes"])
        print(f"  {p:24}" + "".join(f"{c[x]:18}" for x in OUTCOMES))
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
