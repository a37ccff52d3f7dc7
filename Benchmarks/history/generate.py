#!/usr/bin/env python3
"""Writes a git fast-import stream for a synthetic handbook history.

usage: generate.py DOCUMENTS COMMITS | git -C NEW_REPO fast-import --quiet

Documents live in docs/teamNN/ (20 folders). The first commits add two documents each until
half are there, then each commit edits one random document, with now and then a new document
or a change outside docs/. Deterministic (fixed seed), so runs compare across machines.
"""
import random
import sys

documents, commits = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(2026)
out = sys.stdout.buffer
authors = [("Ann Example", "ann@example.com"), ("Ben Example", "ben@example.com"),
           ("Cy Example", "cy@example.com"), ("Di Example", "di@example.com")]
paths, revisions = [], {}
stamp = 1_700_000_000


def blob(path, text):
    data = text.encode()
    out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))


for number in range(commits):
    stamp += 90
    name, email = rng.choice(authors)
    message = ("change %d\n" % number).encode()
    out.write(b"commit refs/heads/main\n")
    out.write(b"author %s <%s> %d +0100\n" % (name.encode(), email.encode(), stamp))
    out.write(b"committer %s <%s> %d +0100\n" % (name.encode(), email.encode(), stamp))
    out.write(b"data %d\n%s" % (len(message), message))
    touched = []
    if len(paths) < documents and (number < documents // 2 or rng.random() < 0.3):
        for _ in range(2 if number < documents // 2 else 1):
            if len(paths) < documents:
                index = len(paths)
                path = "docs/team%02d/%05d-page-%d.md" % (index % 20, index, index)
                paths.append(path)
                revisions[path] = 0
                touched.append(path)
    else:
        path = rng.choice(paths)
        revisions[path] += 1
        touched.append(path)
    for path in touched:
        blob(path, "# %s\n\nRevision %d.\n\n%s\n" % (path, revisions[path], "Some text. " * 20))
    if number % 97 == 0:
        blob("src/file%d.c" % (number % 50), "int change = %d;\n" % number)
