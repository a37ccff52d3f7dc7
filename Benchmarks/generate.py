#!/usr/bin/env python3
"""Generate a benchmark corpus for Baton: a git repository of decisions, updates and handbook pages.

Usage:
    python3 Benchmarks/generate.py OUT_DIR [--documents 10000] [--commits 50000] [--seed 1]

Creates a new git repository at OUT_DIR (which must not exist or be empty) holding about 40%
decision records (decisions/NNNN-slug.md), 30% status updates (updates/YYYY-MM-DD-slug.md) and
30% handbook pages (handbook/<area>/<topic>/slug.md), plus baton.yml, people.yml and .mailmap at
the root, in the formats of site/ (see site/handbook/process/writing-a-good-decision-record.md).

The history has exactly --commits commits (at least one; with one, every document lands in it),
written in one stream through `git fast-import`. Documents are created over eight years by many
authors, edited again and again (text edits, proposed -> accepted/rejected, supersede chains,
review dates bumped), some renamed or moved between folders, and in longer histories the whole
decision log is moved from doc/adr/ to decisions/ once, so rename tracking has work to do.
Some changes come as pull requests: a topic branch of one to three commits and a merge commit.
Most decisions use Baton's own front matter; some are MADR or adr-tools (Nygard) records.
At HEAD every relative link resolves and every @mention is in people.yml.

Output depends only on the arguments: the same seed gives the same repository, commit ids
included. Only the Python 3 standard library and the git command line are used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import posixpath
import re
import subprocess
import sys
import time
import unicodedata

import random

# ---------------------------------------------------------------------------------------------
# Vocabulary

WORDS = """
the a an and or but if then so because while when where which that this these those it its we
our they their you your team service system data request response user customer client server
cache queue database index schema migration deploy deployment release build pipeline test
tests coverage latency throughput error errors failure retry timeout budget cost risk review
approval owner decision proposal context option options consequence consequences tradeoff
performance security privacy compliance audit access token key secret rotation policy process
handbook page guide runbook incident alert alerts oncall rotation escalation metric metrics
dashboard log logs trace traces storage backup restore region replica primary secondary
network traffic load balancer gateway endpoint api version versions contract breaking change
changes feature flag flags rollout rollback canary staging production environment cluster node
nodes container image registry dependency dependencies library framework language tool tools
editor workflow branch merge commit history document documents record records note notes
meeting async written weekly monthly quarter quarterly roadmap milestone goal goals scope
estimate effort plan plans week weeks month months day days hour hours minute minutes should
must may will can could would need needs needed use used using keep kept move moved remove
removed add added adopt adopted replace replaced support supported measure measured reduce
reduced improve improved simple simpler clear clearer small smaller large larger fast faster
slow slower safe safer stable new old existing current future first second last next every
each most many few more less other same different main shared internal external public private
critical minor major default optional required explicit implicit manual automatic consistent
reliable expensive cheap fragile robust across between within without after before during
until since about over under into onto from with for to of in on at by as is are was were be
been being has have had do does did not no yes also only still already often rarely usually
""".split()

TECH = """
Postgres MySQL SQLite Redis Kafka RabbitMQ NATS Elasticsearch OpenSearch ClickHouse S3 MinIO
Kubernetes Nomad Terraform Pulumi Ansible Docker Podman Envoy NGINX HAProxy Grafana Prometheus
Loki Jaeger OpenTelemetry Sentry Vault GraphQL gRPC REST OpenAPI Protobuf JSON YAML TOML
Swift Go Rust Python TypeScript Kotlin Java React Vue Svelte Bazel Gradle Make GitHub GitLab
Buildkite Renovate Dependabot Argo Flux Helm Istio Linkerd Cloudflare Fastly Let's-Encrypt
""".split()

PURPOSES = """
the job queue|session storage|feature flags|search|audit logs|metrics|tracing|the build system
|service discovery|secrets|configuration|background jobs|email delivery|the public API
|internal APIs|mobile releases|schema migrations|incident response|on-call handover|log retention
|backups|rate limiting|authentication|authorisation|billing events|webhooks|the data warehouse
|dependency updates|code review|release notes|the design system|documentation|load testing
""".replace("\n", "").split("|")

VERBS = ["Use", "Adopt", "Standardise on", "Move to", "Replace the legacy stack with",
         "Evaluate", "Deprecate the old client for", "Introduce", "Self-host", "Stop using"]

TAGS = """architecture security performance process api data infra frontend backend mobile
testing release observability cost privacy compliance tooling ci storage search oncall
documentation accessibility reliability networking""".split()

FIRST = """Ada Grace Linus Margaret Alan Barbara Edsger Donald Frances Ken Dennis Radia Tim Vint
Hedy Katherine Dorothy Annie Bjarne Guido Yukihiro Anders Sophie Lucía José Zoë Chloé Amara
Kenji Noor Priya Arjun Mei Wei Hiroshi Sakura Olu Chidi Fatima Omar Ingrid Lars Sven Astrid
Mateo Valentina Camila Diego Rafael Beatriz Emil Hana Tomás Nadia Yusuf Leila Kofi Aisha""".split()

LAST = """Lovelace Hopper Torvalds Hamilton Turing Liskov Dijkstra Knuth Allen Thompson Ritchie
Perlman Berners-Lee Cerf Lamarr Johnson Vaughan Easley Stroustrup Rossum Matsumoto Hejlsberg
Wilson García Núñez Okafor Tanaka Haddad Sharma Chen Wang Sato Adeyemi Eze Rahman Nilsson
Berg Larsen Rossi Silva Costa Müller Novak Kowalski Dubois Moreau Yilmaz Mensah Diallo""".split()

TEAMS = ["platform", "payments", "search", "infra", "docs", "security", "data", "mobile",
         "growth", "support"]

ZONES = [("Europe/London", "+0000"), ("Europe/Berlin", "+0100"), ("Europe/Madrid", "+0100"),
         ("America/New_York", "-0500"), ("America/Los_Angeles", "-0800"),
         ("America/Sao_Paulo", "-0300"), ("Asia/Tokyo", "+0900"), ("Asia/Kolkata", "+0530"),
         ("Australia/Sydney", "+1000"), ("Africa/Lagos", "+0100"), ("Africa/Nairobi", "+0300")]

AREAS = {
  "engineering": ["architecture", "testing", "code-review", "releases", "languages/swift",
                  "languages/go", "languages/python"],
  "operations": ["oncall", "incidents", "runbooks/databases", "runbooks/network", "capacity"],
  "security": ["access", "secrets", "vulnerabilities", "compliance"],
  "people": ["onboarding", "hiring", "time-off", "career"],
  "product": ["discovery", "roadmap", "research"],
  "data": ["warehouse", "privacy", "retention"],
  "support": ["escalations", "tooling"],
  "company": ["values", "meetings", "writing"],
}

LANGS = {
  "yaml": ["service: {w}\nreplicas: {n}\ntimeout: {n}s\nfeatures:\n  - {w}\n  - {w}"],
  "sql": ["SELECT id, {w}, created_at\nFROM {w}_{w}\nWHERE {w} > {n}\nORDER BY created_at DESC"
          "\nLIMIT {n};"],
  "python": ["def {w}_{w}(items):\n    total = 0\n    for item in items:\n        total += "
             "item.{w}\n    return total / max(len(items), {n})"],
  "go": ["func {W}{W}(ctx context.Context) error {{\n\tif err := {w}.Ping(ctx); err != nil "
         "{{\n\t\treturn fmt.Errorf(\"{w}: %w\", err)\n\t}}\n\treturn nil\n}}"],
  "swift": ["struct {W}{W}: Sendable {{\n  let {w}: Int\n  let {w}Limit = {n}\n\n  func "
            "isOver(_ value: Int) -> Bool {{ value > {w}Limit }}\n}}"],
  "bash": ["set -euo pipefail\nexport {W}_TIMEOUT={n}\n./scripts/{w}.sh --{w} --retries {n}"
           "\ncurl -fsS https://{w}.internal.example/health"],
}


# ---------------------------------------------------------------------------------------------
# Text


class Text:
  """Random but deterministic English-looking Markdown built from the word lists."""

  def __init__(self, rng: random.Random, people: list[Person], teams: list[str]) -> None:
    self.rng = rng
    self.handles = [p.handle for p in people]
    self.teams = teams

  def word(self) -> str:
    return self.rng.choice(WORDS)

  def sentence(self, lo: int = 7, hi: int = 20) -> str:
    rng = self.rng
    words = rng.choices(WORDS, k=rng.randint(lo, hi))
    r = rng.random()
    if r < 0.12:
      i = rng.randrange(len(words))
      words[i] = f"`{words[i]}_{rng.choice(WORDS)}`"
    elif r < 0.2:
      i = rng.randrange(len(words))
      words[i] = f"**{words[i]}**"
    elif r < 0.27:
      words.insert(rng.randrange(len(words)), rng.choice(TECH))
    elif r < 0.31:
      words.insert(rng.randrange(len(words)), "@" + rng.choice(self.handles))
    elif r < 0.34:
      w = rng.choice(WORDS)
      host = re.sub(r"[^a-z0-9]", "", rng.choice(TECH).lower())
      words.append(f"([{w} notes](https://{host}.example/{w}))")
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice(".....?!")

  def paragraph(self, lo: int = 2, hi: int = 5) -> str:
    return "\n".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

  def bullets(self, lo: int = 2, hi: int = 6, ordered: bool = False, tasks: bool = False) -> str:
    out = []
    for i in range(self.rng.randint(lo, hi)):
      mark = f"{i + 1}." if ordered else "-"
      if tasks:
        mark += " [x]" if self.rng.random() < 0.5 else " [ ]"
      out.append(f"{mark} {self.sentence(4, 12)}")
    return "\n".join(out)

  def table(self) -> str:
    rng = self.rng
    cols = rng.randint(2, 4)
    head = [rng.choice(WORDS) for _ in range(cols)]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * cols]
    for _ in range(rng.randint(2, 6)):
      cells = [rng.choice([rng.choice(WORDS), str(rng.randint(1, 999)), rng.choice(TECH)])
               for _ in range(cols)]
      rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)

  def code(self) -> str:
    rng = self.rng
    lang = rng.choice(list(LANGS))
    tpl = rng.choice(LANGS[lang])
    out = []
    pos = 0
    # Fill {w}, {W} and {n} one by one so each gets its own value.
    for m in re.finditer(r"\{[wWn]\}", tpl):
      out.append(tpl[pos:m.start()])
      k = m.group()[1]
      out.append(rng.choice(WORDS) if k == "w" else rng.choice(WORDS).capitalize() if k == "W"
                 else str(rng.randint(1, 500)))
      pos = m.end()
    out.append(tpl[pos:])
    body = "".join(out).replace("{{", "{").replace("}}", "}")
    return f"```{lang}\n{body}\n```"

  def block(self) -> str:
    r = self.rng.random()
    if r < 0.55:
      return self.paragraph()
    if r < 0.72:
      return self.bullets(ordered=self.rng.random() < 0.3)
    if r < 0.82:
      return self.table()
    if r < 0.93:
      return self.code()
    return "> " + self.sentence()

  def mentions(self, k: int) -> list[str]:
    pool = self.rng.sample(self.handles, min(k, len(self.handles)))
    return ["@" + h for h in pool]


def slugify(title: str, words: int = 7) -> str:
  s = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
  return "-".join(s.split("-")[:words]) or "untitled"


def link(target: Doc, label: str, anchor: str = "") -> str:
  """A placeholder for a link to a document, resolved against current paths at render time."""
  return f"\x01{target.key}\x02{label}\x02{anchor}\x01"


LINK_RE = re.compile("\x01(\\d+)\x02([^\x02]*)\x02([^\x01]*)\x01")


# ---------------------------------------------------------------------------------------------
# Model


class Person:
  __slots__ = ("handle", "name", "team", "zone", "offset", "email", "alias")

  def __init__(self, handle: str, name: str, team: str, zone: str, offset: str) -> None:
    self.handle, self.name, self.team, self.zone, self.offset = handle, name, team, zone, offset
    self.email = f"{handle}@example.com"
    self.alias: tuple[str, str] | None = None  # an older identity mapped by .mailmap


class Doc:
  """One document's current state; `render` gives its Markdown."""

  def __init__(self, key: int, kind: str) -> None:
    self.key = key
    self.kind = kind
    self.path = ""
    self.committed_path = ""  # the path in the last commit that wrote this document
    self.links: list[Doc] = []  # documents this one links to
    self.backlinks: dict[int, Doc] = {}  # documents linking here, by key, insertion-ordered
    self.rendered = b""


class Decision(Doc):
  def __init__(self, key: int, num: int) -> None:
    super().__init__(key, "decision")
    self.num = num
    self.style = "baton"
    self.title = ""
    self.slug = ""
    self.status = "proposed"
    self.owner: Person | None = None
    self.deciders: list[str] = []
    self.consulted: list[str] = []
    self.informed: list[str] = []
    self.date = ""
    self.respond_by = ""
    self.tags: list[str] = []
    self.supersedes: list[Decision] = []
    self.superseded_by: list[Decision] = []
    self.related: list[Decision] = []
    self.sections: list[list] = []  # [heading, [blocks]]
    self.cta = ""
    self.keep_cta = False  # some authors leave the call to action in after acceptance


class Update(Doc):
  def __init__(self, key: int) -> None:
    super().__init__(key, "update")
    self.title = ""
    self.author: Person | None = None
    self.date = ""
    self.team = ""
    self.status = "on-track"
    self.sections: list[list] = []
    self.cta = ""


class Page(Doc):
  def __init__(self, key: int) -> None:
    super().__init__(key, "page")
    self.title = ""
    self.owner: Person | None = None
    self.review_field = "review-by"
    self.review_date = ""
    self.tags: list[str] = []
    self.order = 1
    self.sections: list[list] = []


# ---------------------------------------------------------------------------------------------
# Generator


class Generator:
  def __init__(self, documents: int, commits: int, seed: int) -> None:
    self.rng = random.Random(seed)
    self.n_docs = documents
    self.n_commits = max(1, commits)
    self.people = self.make_people()
    self.teams = sorted({p.team for p in self.people})
    self.text = Text(self.rng, self.people, self.teams)
    self.docs: list[Doc] = []
    self.decisions: list[Decision] = []
    self.by_kind: list[list[Doc]] = [[], [], []]  # pages, decisions, updates
    self.used_paths: set[str] = set()
    self.decision_dir = "decisions"
    self.width = max(4, len(str(int(documents * 0.4) + 10)))
    self.update_slugs: set[str] = set()

  # People -------------------------------------------------------------------------------------

  def make_people(self) -> list[Person]:
    rng = self.rng
    count = max(6, min(80, self.n_docs // 100 + 6))
    teams = TEAMS[: max(3, min(len(TEAMS), count // 6))]
    people: list[Person] = []
    seen: set[str] = set()
    while len(people) < count:
      first, last = rng.choice(FIRST), rng.choice(LAST)
      if (first, last) in seen:
        continue
      seen.add((first, last))
      ascii_first = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
      base = re.sub(r"[^a-z]", "", ascii_first.lower()) or "user"
      handle = base
      i = 2
      while any(p.handle == handle for p in people):
        handle = f"{base}{last[0].lower()}" if i == 2 else f"{base}{i}"
        i += 1
      zone, offset = rng.choice(ZONES)
      p = Person(handle, f"{first} {last}", teams[len(people) % len(teams)], zone, offset)
      if rng.random() < 0.25 or len(people) == 1:
        if rng.random() < 0.5:
          p.alias = (p.name, f"{handle}@old-corp.example")
        else:
          p.alias = (handle, f"{handle}@laptop.local")
      people.append(p)
    return people

  def people_yml(self) -> str:
    out = ["# Generated by Benchmarks/generate.py", "people:"]
    for p in self.people:
      out += [f"  - handle: {p.handle}", f"    name: {p.name}", f"    team: {p.team}",
              f"    timezone: {p.zone}"]
    return "\n".join(out) + "\n"

  def mailmap(self) -> str:
    out = ["# Older identities mapped to the canonical ones"]
    for p in self.people:
      if p.alias:
        out.append(f"{p.name} <{p.email}> {p.alias[0]} <{p.alias[1]}>")
    return "\n".join(out) + "\n"

  def baton_yml(self) -> str:
    return (
      "title: Benchmark handbook\n"
      "base-url: https://handbook.bench.example/\n"
      "repository: https://git.bench.example/acme/handbook\n"
      "collections:\n"
      f"  decisions: {{ path: {self.decision_dir}, kind: decision }}\n"
      "  updates:   { path: updates,   kind: update }\n"
      "  handbook:  { path: handbook,  kind: page }\n"
      "people: people.yml\n"
      "review-period-days: 180\n")

  # Helpers ------------------------------------------------------------------------------------

  def person(self) -> Person:
    return self.rng.choice(self.people)

  def responders(self) -> str:
    rng = self.rng
    names = self.text.mentions(rng.randint(1, 2))
    if rng.random() < 0.5:
      names.append("@" + rng.choice(self.teams))
    return " and ".join(names)

  def pick_links(self, doc: Doc, k: int) -> None:
    if not self.docs:
      return
    for _ in range(k):
      if self.rng.random() < 0.6 and self.decisions:
        target: Doc = self.rng.choice(self.decisions)
      else:
        target = self.rng.choice(self.docs)
      if target is doc or target.key in [d.key for d in doc.links]:
        continue
      doc.links.append(target)
      target.backlinks[doc.key] = doc

  def link_to(self, target: Doc) -> str:
    rng = self.rng
    if isinstance(target, Decision):
      anchor = ""
      if rng.random() < 0.3:
        anchor = {"baton": "context", "madr": "decision-outcome", "nygard": "decision"}[
          target.style]
      label = rng.choice([f"ADR-{target.num:0{self.width}d}", target.title,
                          f"decision {target.num}"])
      return link(target, label, anchor)
    label = target.title if rng.random() < 0.7 else "this page"
    return link(target, label, "summary" if isinstance(target, Page) and rng.random() < 0.2
                else "")

  def body_blocks(self, doc: Doc, n: int) -> list[str]:
    blocks = [self.text.block() for _ in range(n)]
    for target in doc.links:
      i = self.rng.randrange(len(blocks))
      blocks[i] = blocks[i] + "\n\nSee " + self.link_to(target) + " for the background."
    return blocks

  def unique_path(self, path: str) -> str:
    if path not in self.used_paths:
      return path
    stem = path[:-3]
    i = 2
    while f"{stem}-{i}.md" in self.used_paths:
      i += 1
    return f"{stem}-{i}.md"

  # Creating documents -------------------------------------------------------------------------

  def new_decision(self, date: str) -> Decision:
    rng = self.rng
    d = Decision(len(self.docs), len(self.decisions) + 1)
    r = rng.random()
    d.style = "baton" if r < 0.75 else "madr" if r < 0.9 else "nygard"
    d.title = f"{rng.choice(VERBS)} {rng.choice(TECH)} for {rng.choice(PURPOSES)}"
    d.slug = slugify(d.title, 5)
    d.owner = self.person()
    d.deciders = ["@" + d.owner.handle] + [m for m in self.text.mentions(rng.randint(0, 2))
                                           if m != "@" + d.owner.handle]
    d.consulted = ["@" + rng.choice(self.teams)]
    d.informed = ["@" + rng.choice(self.teams)]
    d.date = date
    d.tags = sorted(rng.sample(TAGS, rng.randint(1, 3)))
    if d.style == "baton":
      d.status = "proposed" if rng.random() < 0.85 else "accepted"
    else:
      d.status = "accepted"
    if d.status == "proposed":
      d.respond_by = shift(date, rng.randint(7, 21))
    prior = [x for x in self.decisions[-300:] if x.style == "baton"]
    if prior:
      d.related = rng.sample(prior, min(len(prior), rng.randint(0, 2)))
    self.pick_links(d, rng.randint(0, 3))
    ctx = "Context and Problem Statement" if d.style == "madr" else "Context"
    d.sections = [[ctx, self.body_blocks(d, rng.randint(2, 4))]]
    if d.style == "baton":
      d.sections.append(["Proposal", [self.text.paragraph(2, 4), self.text.bullets()]])
      opts = []
      for i in range(rng.randint(2, 3)):
        opts.append(f"### Option {i + 1}: {rng.choice(TECH)}\n\n"
                    + "\n".join(f"- {'good' if j % 2 == 0 else 'bad'}: {self.text.sentence(4, 10)}"
                                for j in range(rng.randint(2, 4))))
      d.sections.append(["Options Considered", opts])
      d.sections.append(["Consequences", [self.text.bullets()]])
    elif d.style == "madr":
      d.sections.append(["Decision Drivers", [self.text.bullets()]])
      d.sections.append(["Considered Options", [self.text.bullets(2, 4)]])
      d.sections.append(["Decision Outcome", [
        f'Chosen option: "{rng.choice(TECH)}", because {self.text.sentence(6, 14).lower()}',
        "### Consequences\n\n" + "\n".join(
          f"* {'Good' if j % 2 == 0 else 'Bad'}, because {self.text.sentence(4, 10).lower()}"
          for j in range(rng.randint(2, 4)))]])
    else:
      d.sections.append(["Decision", [self.text.paragraph(1, 3)]])
      d.sections.append(["Consequences", [self.text.paragraph(1, 3)]])
    d.cta = f"{self.responders()}: review and approve or object by {d.respond_by}."
    self.decisions.append(d)
    return d

  def new_update(self, date: str) -> Update:
    rng = self.rng
    u = Update(len(self.docs))
    u.author = self.person()
    u.team = u.author.team
    u.date = date
    u.status = rng.choices(["on-track", "at-risk", "blocked", "done"], [6, 2, 1, 1])[0]
    week = dt.date.fromisoformat(date).isocalendar()[1]
    topic = rng.choice(PURPOSES)
    u.title = f"{u.team.capitalize()}: {topic}, week {week}"
    slug = slugify(f"{u.team}-{topic}", 3)
    name = f"{date}-{slug}"
    i = 2
    while name in self.update_slugs:
      name = f"{date}-{slug}-{i}"
      i += 1
    self.update_slugs.add(name)
    u.path = f"updates/{name}.md"
    self.pick_links(u, rng.randint(0, 2))
    u.sections = [
      ["Summary", self.body_blocks(u, 1)],
      ["Progress", [self.text.bullets(2, 6)] + ([self.text.table()] if rng.random() < 0.3
                                                else [])],
      ["Blockers", ["None." if u.status in ("on-track", "done") else self.text.paragraph(1, 3)]],
      ["Next Steps", [self.text.bullets(1, 4, tasks=rng.random() < 0.4)]],
    ]
    u.cta = f"{self.responders()}: please unblock us by {shift(date, rng.randint(3, 14))}."
    return u

  def new_page(self, date: str) -> Page:
    rng = self.rng
    p = Page(len(self.docs))
    p.owner = self.person()
    area = rng.choice(list(AREAS))
    sub = rng.choice(AREAS[area] + [""])
    p.title = f"{rng.choice(['How we handle', 'Guide to', 'Policy on', 'Working with', 'FAQ:'])}" \
              f" {rng.choice(PURPOSES)}"
    if rng.random() < 0.5:
      p.title += f" ({rng.choice(TECH)})"
    folder = posixpath.join("handbook", area, sub) if sub else posixpath.join("handbook", area)
    p.path = self.unique_path(f"{folder}/{slugify(p.title)}.md")
    p.tags = sorted(rng.sample(TAGS, rng.randint(1, 3)))
    p.order = rng.randint(1, 20)
    self.set_review(p, date)
    self.pick_links(p, rng.randint(0, 3))
    p.sections = [["Summary", [self.text.paragraph(1, 3)]]]
    blocks = self.body_blocks(p, rng.randint(3, 8))
    for i in range(0, len(blocks), 2):
      heading = " ".join(rng.choices(WORDS, k=rng.randint(1, 4))).capitalize()
      p.sections.append([f"{heading}", blocks[i:i + 2]])
    return p

  def set_review(self, p: Page, date: str) -> None:
    if self.rng.random() < 0.7:
      p.review_field, p.review_date = "review-by", shift(date, self.rng.randint(120, 1100))
    else:
      p.review_field, p.review_date = "reviewed", date

  def decision_path(self, d: Decision) -> str:
    return f"{self.decision_dir}/{d.num:0{self.width}d}-{d.slug}.md"

  # Rendering ----------------------------------------------------------------------------------

  def resolve(self, doc: Doc, text: str) -> str:
    base = posixpath.dirname(doc.path)

    def sub(m: re.Match) -> str:
      target = self.docs[int(m.group(1))]
      rel = posixpath.relpath(target.path, base)
      anchor = "#" + m.group(3) if m.group(3) else ""
      return f"[{m.group(2)}]({rel}{anchor})"

    return LINK_RE.sub(sub, text)

  def render(self, doc: Doc) -> bytes:
    if isinstance(doc, Decision):
      text = self.render_decision(doc)
    elif isinstance(doc, Update):
      text = self.render_update(doc)
    else:
      assert isinstance(doc, Page)
      text = self.render_page(doc)
    if doc.links:
      text = self.resolve(doc, text)
    return text.encode("utf-8")

  def ids(self, ds: list[Decision]) -> str:
    return "[" + ", ".join(f'"{x.num:0{self.width}d}"' for x in ds) + "]"

  @staticmethod
  def sections(secs: list[list]) -> list[str]:
    out = []
    for heading, blocks in secs:
      out += [f"## {heading}", ""]
      for b in blocks:
        out += [b, ""]
    return out

  def render_decision(self, d: Decision) -> str:
    assert d.owner
    out: list[str] = []
    if d.style == "baton":
      out += ["---", f"status: {d.status}", f'owner: "@{d.owner.handle}"',
              "deciders: [" + ", ".join(f'"{x}"' for x in d.deciders) + "]",
              f'consulted: ["{d.consulted[0]}"]', f'informed: ["{d.informed[0]}"]',
              f"date: {d.date}"]
      if d.respond_by:
        out.append(f"respond-by: {d.respond_by}")
      out.append("tags: [" + ", ".join(d.tags) + "]")
      if d.supersedes:
        out.append("supersedes: " + self.ids(d.supersedes))
      if d.superseded_by:
        out.append("superseded-by: " + self.ids(d.superseded_by))
      if d.related:
        out.append("related: " + self.ids(d.related))
      out += ["---", f"# {d.num}. {d.title}", ""]
      out += self.sections(d.sections)
      if d.status == "proposed" or d.keep_cta:
        out += ["## Call to Action", "", d.cta, ""]
    elif d.style == "madr":
      out += ["---", f"status: {d.status}", f"date: {d.date}",
              "deciders: [" + ", ".join(f'"{x}"' for x in d.deciders) + "]",
              "tags: [" + ", ".join(d.tags) + "]", "---", f"# {d.title}", ""]
      out += self.sections(d.sections)
    else:
      out += [f"# {d.num}. {d.title}", "", f"Date: {d.date}", "", "## Status", "",
              d.status.capitalize(), ""]
      out += self.sections(d.sections)
    return "\n".join(out)

  def render_update(self, u: Update) -> str:
    assert u.author
    out = ["---", f'author: "@{u.author.handle}"', f"date: {u.date}", f"team: {u.team}",
           f"status: {u.status}", "---", f"# {u.title}", ""]
    out += self.sections(u.sections)
    if u.status == "blocked":
      out += ["## Call to Action", "", u.cta, ""]
    return "\n".join(out)

  def render_page(self, p: Page) -> str:
    assert p.owner
    out = ["---", f'owner: "@{p.owner.handle}"', f"{p.review_field}: {p.review_date}",
           "tags: [" + ", ".join(p.tags) + "]", f"order: {p.order}", "---", f"# {p.title}", ""]
    out += self.sections(p.sections)
    return "\n".join(out)

  # Edits --------------------------------------------------------------------------------------

  def edit_text(self, doc: Doc) -> str:
    rng = self.rng
    secs = doc.sections  # type: ignore[attr-defined]
    sec = rng.choice(secs)
    blocks = sec[1]
    if rng.random() < 0.5 or not blocks:
      blocks.append(self.text.block() if sec[0] != "Summary" else self.text.sentence())
      return "Expand"
    i = rng.randrange(len(blocks))
    if "\x01" in blocks[i]:  # keep links stable: append rather than replace
      blocks[i] = blocks[i] + "\n" + self.text.sentence()
    else:
      blocks[i] = self.text.block() if sec[0] != "Summary" else self.text.paragraph(1, 3)
    return rng.choice(["Reword", "Clarify", "Fix typos in", "Update", "Tighten"])


def shift(date: str, days: int) -> str:
  return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()


# ---------------------------------------------------------------------------------------------
# The history, written as a git fast-import stream


START = int(dt.datetime(2019, 1, 7, 9, 0, tzinfo=dt.timezone.utc).timestamp())
END = int(dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.timezone.utc).timestamp())


class Stream:
  """Buffers fast-import commands and feeds them to the child process in large writes."""

  def __init__(self, proc: subprocess.Popen) -> None:
    self.proc = proc
    self.parts: list[bytes] = []
    self.size = 0
    self.mark = 0

  def write(self, b: bytes) -> None:
    self.parts.append(b)
    self.size += len(b)
    if self.size > 1 << 20:
      self.flush()

  def flush(self) -> None:
    assert self.proc.stdin
    self.proc.stdin.write(b"".join(self.parts))
    self.parts = []
    self.size = 0

  def next_mark(self) -> int:
    self.mark += 1
    return self.mark

  def blob(self, data: bytes) -> int:
    m = self.next_mark()
    self.write(b"blob\nmark :%d\ndata %d\n%s\n" % (m, len(data), data))
    return m


def ident(name: str, email: str, ts: int, offset: str) -> bytes:
  return f"{name} <{email}> {ts} {offset}".encode("utf-8")


def plan_slots(rng: random.Random, n: int) -> list[str]:
  """Kinds of the n commits in order: 'main', 'topic' (on a pull-request branch) or 'merge'."""
  kinds = ["main"] * n
  i = 1
  while i < n:
    k = rng.randint(1, 3)
    if rng.random() < 0.06 and i + k < n:
      for j in range(i, i + k):
        kinds[j] = "topic"
      kinds[i + k] = "merge"
      i += k + 1
    else:
      i += 1
  return kinds


def generate(out: str, documents: int, commits: int, seed: int) -> dict:
  g = Generator(documents, commits, seed)
  rng = g.rng
  n = g.n_commits
  kinds = plan_slots(rng, n)
  content = [i for i, k in enumerate(kinds) if k != "merge"]

  # Which documents each content commit creates, in creation order; kinds interleaved.
  order = ["decision"] * int(documents * 0.4) + ["update"] * int(documents * 0.3)
  order += ["page"] * (documents - len(order))
  rng.shuffle(order)
  slots = sorted(rng.randrange(len(content)) for _ in range(documents))
  if slots:
    slots[0] = 0
  creations: dict[int, list[str]] = {}
  for s, kind in zip(slots, order):
    creations.setdefault(content[s], []).append(kind)

  # One commit moves the whole decision log from doc/adr/ to decisions/.
  move_at = content[len(content) * 3 // 10] if len(content) >= 20 else -1
  if move_at > 0:
    g.decision_dir = "doc/adr"

  env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, LC_ALL="C")
  run = lambda *a: subprocess.run(["git", "-C", out, *a], check=True, env=env,
                                  stdout=subprocess.DEVNULL)
  run("init", "-q")
  run("symbolic-ref", "HEAD", "refs/heads/main")
  # glibc returns large blocks (fast-import's delta indexes of big trees) to the kernel on every
  # free unless told otherwise; keeping them saves a few seconds of page faults.
  fi_env = dict(env, MALLOC_MMAP_THRESHOLD_="1073741824", MALLOC_TRIM_THRESHOLD_="1073741824")
  proc = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet", "--done"],
                          stdin=subprocess.PIPE, env=fi_env)
  st = Stream(proc)

  tree: dict[str, int] = {}  # path -> blob mark, the state of the branch being written
  main_tip = 0
  topic_tip = 0
  topic_base: dict[str, int | None] = {}
  topic_author: Person | None = None
  pr_number = 0
  stats = {"renames": 0, "status_changes": 0, "supersedes": 0, "merges": 0}

  def when(i: int) -> int:
    step = (END - START) // n
    return START + step * i + (rng.randrange(step // 2) if step > 2 else 0)

  for i, kind in enumerate(kinds):
    ts = when(i)
    date = dt.datetime.fromtimestamp(ts, dt.timezone.utc).date().isoformat()
    if kind == "merge":
      assert topic_author
      pr_number += 1
      stats["merges"] += 1
      mark = st.next_mark()
      msg = f"Merge pull request #{pr_number} from {topic_author.handle}/topic-{pr_number}\n"
      lines = [b"commit refs/heads/main", b"mark :%d" % mark,
               b"author " + ident(topic_author.name, topic_author.email, ts, topic_author.offset),
               b"committer " + ident("Forge", "noreply@forge.example", ts, "+0000"),
               b"data %d" % len(msg.encode()), msg.encode(),
               b"from :%d" % main_tip, b"merge :%d" % topic_tip]
      for path, base in topic_base.items():
        now = tree.get(path)
        if now == base:
          continue
        lines.append(b"D " + path.encode() if now is None
                     else b"M 100644 :%d %s" % (now, path.encode()))
      st.write(b"\n".join(lines) + b"\n\n")
      main_tip = mark
      topic_base = {}
      continue

    pending: dict[str, bytes | None] = {}  # path -> new content or None for deleted
    touched: list[Doc] = []
    subjects: list[str] = []
    author = g.person()

    def touch(doc: Doc) -> None:
      if doc not in touched:
        touched.append(doc)

    if i == 0:
      pending["baton.yml"] = g.baton_yml().encode()
      pending["people.yml"] = g.people_yml().encode()
      pending[".mailmap"] = g.mailmap().encode()
      subjects.append("Start the handbook")

    if i == move_at:
      old_dir = g.decision_dir
      g.decision_dir = "decisions"
      for d in g.decisions:
        d.path = g.decision_path(d)
        touch(d)
        for b in d.backlinks.values():
          touch(b)
      pending["baton.yml"] = g.baton_yml().encode()
      subjects.append(f"Move the decision log from {old_dir}/ to decisions/")
      stats["renames"] += len(g.decisions)

    for k in creations.get(i, []):
      if k == "decision":
        doc: Doc = g.new_decision(date)
        doc.path = g.decision_path(doc)  # type: ignore[arg-type]
        assert isinstance(doc, Decision)
        if doc.style == "baton" and rng.random() < 0.06:
          olds = [x for x in g.decisions[-200:-1] if x.style == "baton"
                  and x.status == "accepted"]
          if olds:
            old = rng.choice(olds)
            old.status = "superseded"
            old.superseded_by.append(doc)
            doc.supersedes.append(old)
            touch(old)
            stats["supersedes"] += 1
        assert doc.owner
        author = doc.owner
        subjects.append(f"Propose ADR-{doc.num:0{g.width}d}: {doc.title}"
                        if doc.status == "proposed" else f"Record decision {doc.num}: {doc.title}")
      elif k == "update":
        doc = g.new_update(date)
        assert isinstance(doc, Update) and doc.author
        author = doc.author
        subjects.append(f"Add {doc.team} update for {date}")
      else:
        doc = g.new_page(date)
        assert isinstance(doc, Page) and doc.owner
        author = doc.owner
        subjects.append(f"Add handbook page '{doc.title}'")
      g.used_paths.add(doc.path)
      g.docs.append(doc)
      g.by_kind[("page", "decision", "update").index(doc.kind)].append(doc)
      touch(doc)

    if not creations.get(i) and i != 0 and i != move_at and g.docs:
      # Handbook pages are living documents and get most edits; decisions are edited mostly
      # while proposed; updates are rarely touched once posted. A commit edits one kind. (This
      # also keeps fast-import quick: the flat decisions/ and updates/ trees are costly to
      # rewrite, so fewer commits touch them.)
      pool = rng.choices(g.by_kind, [0.83, 0.14, 0.03])[0] or g.docs
      for _ in range(rng.choice([1, 1, 1, 1, 2, 2, 3])):
        if rng.random() < 0.6:
          doc = pool[len(pool) - 1 - rng.randrange(min(60, len(pool)))]
        else:
          doc = rng.choice(pool)
        r = rng.random()
        if isinstance(doc, Decision):
          if doc.status == "proposed" and r < 0.75:
            doc.status = "accepted" if doc.supersedes else rng.choices(
              ["accepted", "rejected"], [5, 1])[0]
            doc.keep_cta = rng.random() < 0.3
            assert doc.owner
            author = doc.owner
            subjects.append(f"{'Accept' if doc.status == 'accepted' else 'Reject'} "
                            f"ADR-{doc.num:0{g.width}d}")
            stats["status_changes"] += 1
          elif doc.status == "accepted" and r < 0.02:
            doc.status = "deprecated"
            subjects.append(f"Deprecate ADR-{doc.num:0{g.width}d}")
            stats["status_changes"] += 1
          elif r < 0.03 and doc.style == "baton":
            doc.title = f"{rng.choice(VERBS)} {rng.choice(TECH)} for {rng.choice(PURPOSES)}"
            doc.slug = slugify(doc.title, 5)
            doc.path = g.decision_path(doc)
            for b in doc.backlinks.values():
              touch(b)
            subjects.append(f"Retitle ADR-{doc.num:0{g.width}d}")
            stats["renames"] += 1
          else:
            subjects.append(f"{g.edit_text(doc)} ADR-{doc.num:0{g.width}d}")
        elif isinstance(doc, Update):
          if doc.status in ("blocked", "at-risk") and r < 0.4:
            doc.status = "on-track"
            subjects.append(f"Mark {posixpath.basename(doc.path)} on track")
          else:
            subjects.append(f"{g.edit_text(doc)} {posixpath.basename(doc.path)}")
        else:
          assert isinstance(doc, Page)
          if r < 0.25:
            g.set_review(doc, date)
            subjects.append(f"Review {doc.path}")
          elif r < 0.31:
            old = doc.path
            area = rng.choice(list(AREAS))
            sub = rng.choice(AREAS[area])
            doc.path = g.unique_path(f"handbook/{area}/{sub}/{posixpath.basename(old)}")
            g.used_paths.add(doc.path)
            for b in doc.backlinks.values():
              touch(b)
            subjects.append(f"Move {posixpath.basename(old)} to handbook/{area}/{sub}/")
            stats["renames"] += 1
          else:
            subjects.append(f"{g.edit_text(doc)} {doc.path}")
        touch(doc)
        if rng.random() < 0.7:
          author = doc.owner if isinstance(doc, (Decision, Page)) and doc.owner else author

    for doc in touched:
      data = g.render(doc)
      if doc.committed_path and doc.committed_path != doc.path:
        pending[doc.committed_path] = None
      if data != doc.rendered or doc.path != doc.committed_path:
        pending[doc.path] = data
      doc.rendered = data
      doc.committed_path = doc.path

    # Emit blobs, then the commit.
    lines = []
    for path, data in pending.items():
      if data is None:
        if path in tree:
          if kind == "topic":
            topic_base.setdefault(path, tree[path])
          del tree[path]
          lines.append(b"D " + path.encode())
      else:
        m = st.blob(data)
        if kind == "topic":
          topic_base.setdefault(path, tree.get(path))
        tree[path] = m
        lines.append(b"M 100644 :%d %s" % (m, path.encode()))
    name, email = author.name, author.email
    if author.alias and rng.random() < 0.3:
      name, email = author.alias
    if not subjects:
      subjects.append("Tidy up")
    subject = subjects[0] if len(subjects) == 1 or i == 0 else f"Update {len(subjects)} documents"
    details = subjects[1:] if i == 0 else subjects
    body = "" if len(subjects) == 1 else "\n" + "".join(f"- {s}\n" for s in details)
    msg = (subject + "\n" + body).encode("utf-8")
    mark = st.next_mark()
    ref = b"refs/heads/topic" if kind == "topic" else b"refs/heads/main"
    head = [b"commit " + ref, b"mark :%d" % mark,
            b"author " + ident(name, email, ts, author.offset),
            b"committer " + ident(name, email, ts + rng.randrange(60), author.offset),
            b"data %d" % len(msg), msg]
    if kind == "topic":
      if kinds[i - 1] != "topic":
        head.append(b"from :%d" % main_tip)
        topic_author = author
      topic_tip = mark
    else:
      main_tip = mark
    st.write(b"\n".join(head + lines) + b"\n\n")

  st.write(b"done\n")
  st.flush()
  assert proc.stdin
  proc.stdin.close()
  if proc.wait() != 0:
    raise SystemExit("git fast-import failed")
  if pr_number:
    run("update-ref", "-d", "refs/heads/topic")
  run("reset", "-q", "--hard", "main")
  stats.update(commits=n, documents=len(g.docs), people=len(g.people),
               decisions=len(g.decisions), pull_requests=pr_number)
  return stats


def main() -> None:
  ap = argparse.ArgumentParser(description="Generate a Baton benchmark repository.")
  ap.add_argument("out", metavar="OUT_DIR", help="new or empty folder for the repository")
  ap.add_argument("--documents", type=int, default=10000, help="number of documents at HEAD")
  ap.add_argument("--commits", type=int, default=50000, help="number of commits (at least 1)")
  ap.add_argument("--seed", type=int, default=1, help="random seed (same seed, same repository)")
  args = ap.parse_args()
  if args.documents < 0:
    ap.error("--documents must not be negative")
  out = os.path.abspath(args.out)
  if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
    ap.error(f"{out} exists and is not an empty folder; refusing to write into it")
  os.makedirs(out, exist_ok=True)
  t0 = time.monotonic()
  stats = generate(out, args.documents, args.commits, args.seed)
  stats["seconds"] = round(time.monotonic() - t0, 1)
  print(" ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)


if __name__ == "__main__":
  main()
