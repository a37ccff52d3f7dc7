#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (Fuzz/Corpus/<target>/) from the project's own files.

Documents, baton.yml and people.yml come from site/ and the test fixtures; the caches' seeds
come from a site built with `baton build` (pass its folder, e.g. a copy of site/ after a build):
each seed is a selector byte and a payload, as fuzz-caches frames them.
  Fuzz/seeds.py /tmp/built-site
"""
import glob, hashlib, os, struct, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fuzz", "Corpus")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def front_matter(text):
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        return text[4:text.index("\n---\n", 4)]
    return None


documents = sorted(glob.glob(os.path.join(ROOT, "site", "**", "*.md"), recursive=True))
for path in documents[:12]:
    text = open(path, encoding="utf-8").read()
    put("fuzz-document", text[:8000])
    if (yaml := front_matter(text)) is not None:
        put("fuzz-front-matter", yaml)
for path in glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "hostile-yaml", "*")):
    text = open(path, encoding="utf-8").read()[:4000]
    put("fuzz-front-matter", front_matter(text) or text)
    put("fuzz-configuration", text)
    put("fuzz-people", text)
for name in ["parsed-nested-lists-then-brackets.md", "refused-fence-in-html-comment.md"]:
    put("fuzz-document", open(os.path.join(ROOT, "Tests", "Fixtures", "hostile-markdown", name)).read()[:6000])
put("fuzz-configuration", open(os.path.join(ROOT, "site", "baton.yml")).read())
put("fuzz-configuration", "title: T\ncollections:\n  decisions: { path: decisions, kind: decision }\n"
    "kinds:\n  rfc:\n    statuses: [draft, done]\n    sections:\n      - { name: Motivation, aliases: [Context], required: true }\n"
    "rules:\n  stale-page: off\npeople: people.yml\nreview-period-days: 90\n")
put("fuzz-people", "people:\n  - handle: ada\n    name: Ada Lovelace\n    team: core\n    timezone: Europe/London\n"
    "    emails: [ada@example.com]\nteams:\n  - name: core\n    members: [ada]\n")
put("fuzz-people", "- handle: grace\n  timezone: America/New_York\n")
for query in ["postgres", "status:accepted \"on call\" +pager -draft", "Café naïve ÆØÅ 東京", "a* b~ c^2"]:
    put("fuzz-search", query)

if len(sys.argv) > 1:
    cache = os.path.join(sys.argv[1], ".baton", "cache")
    history = open(os.path.join(cache, "history-v2.bin"), "rb").read()
    (length,) = struct.unpack_from("<Q", history, 8)
    put("fuzz-caches", b"\x00" + history[24:24 + length])
    statuses = open(os.path.join(cache, "statuses-v1.txt"), "rb").read()
    put("fuzz-caches", b"\x01" + statuses[statuses.index(b"\n") + 1:])
    for state in glob.glob(os.path.join(cache, "build-v1", "*", "state.bin")):
        put("fuzz-caches", b"\x02" + open(state, "rb").read()[8:-8])
    for record in glob.glob(os.path.join(cache, "site-v1", "*")):
        put("fuzz-caches", b"\x03" + open(record, "rb").read()[8:-8])
    put("fuzz-caches", b"\x05" + statuses[:64])
    put("fuzz-caches", b"\x06" + b'{"version": 1, "findings": []}')
