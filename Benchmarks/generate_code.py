#!/usr/bin/env python3
"""Generate a code repository with a small decision log, for Baton's history-pass benchmark.

Usage:
    python3 Benchmarks/generate_code.py OUT_DIR [--commits 25000] [--files 600] [--records 50]
                                        [--seed 1]

Creates a new git repository at OUT_DIR (which must not exist or be empty) shaped like an
application's: several hundred source files in nested folders (Sources/<Module>/<area>/...,
Tests/<Module>/..., three to six levels deep), a README.md in some module folders, and a decision
log of --records Markdown records in docs/decisions/ with a baton.yml naming it. Most commits
edit one to four source files; a few hundred add or edit a decision record (one record is
renamed); some source files are added or renamed along the way; about one change in twenty
comes as a pull request (a topic branch of one to three commits and a merge commit, while main
moves on).

The history has exactly --commits commits, written in one stream through `git fast-import`,
then repacked as `git gc` would (so delta chains and object order are a real repository's).
Output depends only on the arguments. Only the Python 3 standard library and git are used.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time

START = 1546851600  # 2019-01-07 09:00 UTC
SPAN = 7 * 365 * 86400

MODULES = ["Core", "Network", "Storage", "Billing", "Accounts", "Search", "Render", "Jobs",
           "Metrics", "Auth", "Payments", "Notifications"]
AREAS = ["Models", "Services", "Views", "Controllers", "Internal", "Support", "Protocols",
         "Extensions", "Caching", "Encoding"]
LEAVES = ["Common", "Legacy", "V2", "Experimental", "Helpers", "Adapters"]
NOUNS = ["Account", "Invoice", "Session", "Request", "Response", "Token", "Ledger", "Queue",
         "Worker", "Index", "Cursor", "Policy", "Report", "Schedule", "Profile", "Message",
         "Channel", "Router", "Encoder", "Decoder", "Snapshot", "Migration", "Gateway", "Limiter"]
WORDS = ("the a and or if then use keep move add remove replace adopt cache queue service data "
         "request response client server store index schema deploy release build test error "
         "retry timeout budget cost risk review owner decision option latency throughput").split()
PEOPLE = [(f"Dev {i:02d}", f"dev{i:02d}@code.example") for i in range(40)]


class Repo:
  """The files of the branch being written: path -> list of lines."""

  def __init__(self, rng: random.Random) -> None:
    self.rng = rng
    self.files: dict[str, list[str]] = {}
    self.sources: list[str] = []
    self.records: list[str] = []
    self.serial = 0

  def code_line(self) -> str:
    r = self.rng
    return (f"    let {r.choice(WORDS)}{r.randrange(1000)} = {r.choice(NOUNS)}"
            f".{r.choice(WORDS)}({r.randrange(100)})")

  def source_path(self) -> str:
    r = self.rng
    self.serial += 1
    top = "Sources" if r.random() < 0.75 else "Tests"
    parts = [top, r.choice(MODULES), r.choice(AREAS)]
    if r.random() < 0.6:
      parts.append(r.choice(LEAVES))
      if r.random() < 0.3:
        parts.append(f"Part{r.randrange(4)}")
    return "/".join(parts) + f"/{r.choice(NOUNS)}{self.serial}.swift"

  def new_source(self) -> str:
    path = self.source_path()
    name = path.rsplit("/", 1)[1][:-6]
    body = [self.code_line() for _ in range(self.rng.randint(15, 60))]
    self.files[path] = [f"struct {name} {{", "  func run() {", *body, "  }", "}"]
    self.sources.append(path)
    return path

  def edit(self, path: str) -> None:
    lines = self.files[path]
    r = self.rng
    for _ in range(r.randint(1, 3)):
      at = r.randrange(2, max(3, len(lines) - 2))
      if r.random() < 0.5 and len(lines) > 10:
        lines[at] = self.code_line()
      else:
        lines.insert(at, self.code_line())

  def sentence(self) -> str:
    words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(6, 16))]
    return " ".join(words).capitalize() + "."

  def new_record(self, day: str) -> str:
    number = len(self.records) + 1
    title = " ".join(self.rng.choice(WORDS) for _ in range(4)).capitalize()
    path = f"docs/decisions/{number:04d}-{title.lower().replace(' ', '-')}.md"
    self.files[path] = ["---", "status: proposed", f"date: {day}", "---",
                        f"# {number}. {title}", "", "## Context", "",
                        *(self.sentence() for _ in range(4)), "", "## Decision", "",
                        *(self.sentence() for _ in range(3)), ""]
    self.records.append(path)
    return path

  def edit_record(self, path: str) -> None:
    lines = self.files[path]
    if lines[1] == "status: proposed" and self.rng.random() < 0.5:
      lines[1] = "status: accepted"
    else:
      lines.insert(len(lines) - 1, self.sentence())


def blob(data: bytes) -> bytes:
  """A fast-import data command, without the optional newline after the data."""
  return b"data %d\n%s" % (len(data), data)


def change(repo: Repo, rng: random.Random, day: str, record_rate: float) -> tuple[str, list]:
  """One commit's message and file operations ("M", path) / ("D", path) on `repo`."""
  ops: list = []
  if rng.random() < record_rate and (repo.records or repo.wanted_records):
    if len(repo.records) < repo.wanted_records and (not repo.records or rng.random() < 0.3):
      path = repo.new_record(day)
      return f"Propose decision {path.rsplit('/', 1)[1][:4]}", [("M", path)]
    path = rng.choice(repo.records)
    if not repo.renamed and rng.random() < 0.02:
      repo.renamed = True
      new = path.replace(".md", "-revised.md")
      repo.files[new] = repo.files.pop(path)
      repo.records[repo.records.index(path)] = new
      return "Rename a decision", [("D", path), ("M", new)]
    repo.edit_record(path)
    return "Update a decision", [("M", path)]
  roll = rng.random()
  if roll < 0.01 or len(repo.sources) < 20:
    path = repo.new_source()
    return f"Add {path.rsplit('/', 1)[1]}", [("M", path)]
  if roll < 0.015:
    old = rng.choice(repo.sources)
    new = repo.source_path()
    repo.files[new] = repo.files.pop(old)
    repo.sources[repo.sources.index(old)] = new
    return "Move a source file", [("D", old), ("M", new)]
  if roll < 0.02:
    module = rng.choice(MODULES)
    path = f"Sources/{module}/README.md"
    repo.files.setdefault(path, [f"# {module}", ""]).append(repo.sentence())
    return f"Document {module}", [("M", path)]
  touched = {rng.choice(repo.sources) for _ in range(rng.randint(1, 4))}
  for path in touched:
    repo.edit(path)
  return "Change " + ", ".join(p.rsplit("/", 1)[1] for p in sorted(touched)), [
    ("M", p) for p in sorted(touched)]


def generate(out: str, commits: int, files: int, records: int, seed: int) -> dict:
  rng = random.Random(seed)
  main = Repo(rng)
  main.wanted_records = records
  main.renamed = False
  env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, LC_ALL="C")
  run = lambda *a: subprocess.run(["git", "-C", out, *a], check=True, env=env,
                                  stdout=subprocess.DEVNULL)
  run("init", "-q")
  run("symbolic-ref", "HEAD", "refs/heads/main")
  proc = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet", "--done"],
                          stdin=subprocess.PIPE, env=env)
  assert proc.stdin
  parts: list[bytes] = []

  def emit(ref: str, mark: int, ts: int, message: str, ops: list, state: Repo,
           parents: list[int]) -> None:
    name, email = rng.choice(PEOPLE)
    who = f"{name} <{email}> {ts} +0000".encode()
    head = [b"commit " + ref.encode(), b"mark :%d" % mark, b"author " + who,
            b"committer " + who, blob(message.encode())]
    head += [b"from :%d" % parents[0]] if parents else []
    head += [b"merge :%d" % p for p in parents[1:]]
    body = []
    for op, path in ops:
      if op == "D":
        body.append(b"D " + path.encode())
      else:
        data = ("\n".join(state.files[path]) + "\n").encode()
        body.append(b"M 100644 inline " + path.encode() + b"\n" + blob(data))
    parts.append(b"\n".join(head + body) + b"\n\n")
    if sum(map(len, parts)) > 1 << 20:
      proc.stdin.write(b"".join(parts))
      parts.clear()

  # A record commit now and then: about 6 per 500 commits, so a few hundred in all.
  record_rate = min(0.5, 6 * records / max(1, commits))
  config = ("collections:\n  decisions: { path: docs/decisions, kind: decision }\n").encode()
  ts = START
  step = SPAN // max(1, commits)
  mark = 0
  tip = 0
  i = 0
  merges = 0
  while i < commits:
    ts += rng.randint(1, 2 * step)
    day = time.strftime("%Y-%m-%d", time.gmtime(ts))
    if i == 0:
      mark += 1
      for _ in range(files // 3):
        main.new_source()
      main.files["baton.yml"] = config.decode().splitlines()
      emit("refs/heads/main", mark, ts, "Initial import",
           [("M", p) for p in sorted(main.files)], main, [])
      tip = mark
      i += 1
      continue
    branch = rng.randint(1, 3)
    if rng.random() < 0.05 and i + branch + 2 <= commits:
      # A pull request: topic commits on a copy, one commit on main meanwhile, then a merge.
      topic = Repo(rng)
      topic.files = {p: list(lines) for p, lines in main.files.items()}
      topic.sources, topic.records = list(main.sources), list(main.records)
      topic.serial, topic.wanted_records, topic.renamed = main.serial + 100000, 0, True
      base, touched = tip, {}
      for k in range(branch):
        mark += 1
        message, ops = change(topic, rng, day, record_rate)
        emit("refs/heads/topic", mark, ts + k, message, ops, topic, [base] if k == 0 else [])
        touched.update({p: op for op, p in ops})
      topic_tip = mark
      mark += 1
      while True:
        message, ops = change(main, rng, day, 0)
        if not any(p in touched for _, p in ops):
          break
      emit("refs/heads/main", mark, ts + branch, message, ops, main, [tip])
      tip = mark
      for path, op in touched.items():
        if op == "D":
          main.files.pop(path, None)
          if path in main.sources:
            main.sources.remove(path)
        else:
          main.files[path] = list(topic.files[path])
          if path.endswith(".swift") and path not in main.sources:
            main.sources.append(path)
          if path.endswith(".md") and path.startswith("docs/") and path not in main.records:
            main.records.append(path)
      main.records = [r for r in main.records if r in main.files]
      mark += 1
      ops = [(op, p) for p, op in touched.items()]
      emit("refs/heads/main", mark, ts + branch + 1, f"Merge pull request #{merges + 1}", ops,
           main, [tip, topic_tip])
      tip = mark
      merges += 1
      i += branch + 2
      continue
    mark += 1
    message, ops = change(main, rng, day, record_rate)
    emit("refs/heads/main", mark, ts, message, ops, main, [])
    tip = mark
    i += 1
  parts.append(b"done\n")
  proc.stdin.write(b"".join(parts))
  proc.stdin.close()
  if proc.wait() != 0:
    raise SystemExit("git fast-import failed")
  run("update-ref", "-d", "refs/heads/topic")
  run("reset", "-q", "--hard", "main")
  run("repack", "-a", "-d", "-f", "-q", "--window=10", "--depth=50")
  return dict(commits=commits, files=len(main.files), records=len(main.records), merges=merges)


def main() -> None:
  ap = argparse.ArgumentParser(description="Generate a code repository with a decision log.")
  ap.add_argument("out", metavar="OUT_DIR", help="new or empty folder for the repository")
  ap.add_argument("--commits", type=int, default=25000, help="number of commits (at least 1)")
  ap.add_argument("--files", type=int, default=600, help="about how many source files at HEAD")
  ap.add_argument("--records", type=int, default=50, help="decision records at HEAD")
  ap.add_argument("--seed", type=int, default=1, help="random seed (same seed, same repository)")
  args = ap.parse_args()
  if args.commits < 1:
    ap.error("--commits must be at least 1")
  out = os.path.abspath(args.out)
  if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
    ap.error(f"{out} exists and is not an empty folder; refusing to write into it")
  os.makedirs(out, exist_ok=True)
  t0 = time.monotonic()
  stats = generate(out, args.commits, args.files, args.records, args.seed)
  stats["seconds"] = round(time.monotonic() - t0, 1)
  print(" ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)


if __name__ == "__main__":
  main()
