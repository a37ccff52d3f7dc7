#!/usr/bin/env python3
"""Measures Baton's search index against Pagefind on the same pages.

    bench.py [--site DIR] [--generate N] [--baton PATH] [--work DIR]

With --site, DIR is a built Baton site (`baton build` output: HTML pages and search/).
Without it, a synthetic corpus of N documents (default 10,000) is generated as Markdown in a git
repository and as matching HTML pages, and Baton's index is written with
`baton search --write-index`.

Reports: index size on disk; for a one-word and a three-word query, the bytes a browser loads
(client + manifest + shards + metadata + excerpts for the first 10 results), raw and gzipped;
query time in node (cold: files read and parsed; warm: as when typing on). When Pagefind is
installed (`pip install pagefind-bin`), it indexes the same HTML and the same queries are run
through its own JavaScript in headless Chromium over http, counting every file it fetches.
"""
import argparse
import gzip
import http.server
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import html

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLIENT = os.path.join(ROOT, "templates", "search", "search.js")


def words_list(rng, size):
    """A vocabulary of made-up but pronounceable words, ranked for a Zipf distribution."""
    syllables = ["ka", "to", "ri", "men", "sa", "lo", "de", "ploy", "bat", "on", "gra", "ph",
                 "que", "ue", "shar", "ding", "in", "dex", "ver", "sion", "pol", "icy", "ra",
                 "te", "lim", "it", "ca", "che", "mi", "gra", "tion", "re", "view", "sto", "re"]
    common = ["the", "and", "of", "to", "a", "in", "is", "for", "we", "that", "with", "will",
              "on", "be", "this", "are", "as", "it", "by", "from", "deploy", "deployment",
              "database", "postgres", "review", "policy", "incident", "release", "search",
              "migration", "cache", "latency", "security", "budget", "onboarding", "pipeline"]
    vocabulary = list(common)
    seen = set(vocabulary)
    while len(vocabulary) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            vocabulary.append(word)
    return vocabulary


def generate(folder, count, seed=7):
    """Writes `count` Markdown documents under folder/repo and matching HTML under folder/site."""
    rng = random.Random(seed)
    vocabulary = words_list(rng, 20000)
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]

    def words(n):
        return " ".join(rng.choices(vocabulary, weights, k=n))

    repo, site = os.path.join(folder, "repo"), os.path.join(folder, "site")
    statuses = ["proposed", "accepted", "rejected", "superseded", "deprecated"]
    tags = ["database", "operations", "security", "process", "frontend", "hiring", "cost"]
    titles = []
    for index in range(count):
        kind = ["decisions", "updates", "handbook"][index % 3]
        title = words(rng.randint(3, 7)).capitalize()
        date = "20%02d-%02d-%02d" % (rng.randint(18, 25), rng.randint(1, 12), rng.randint(1, 28))
        sections = []
        for name in rng.sample(["Context", "Decision", "Consequences", "Options", "Notes",
                                "Summary", "Progress", "Next steps"], rng.randint(2, 5)):
            paragraphs = [words(rng.randint(20, 90)) + "." for _ in range(rng.randint(1, 4))]
            sections.append((name, paragraphs))
        if kind == "decisions":
            name = "%04d-%s.md" % (index + 1, "-".join(title.lower().split()[:4]))
            front = "status: %s\nowner: \"@user%d\"\n" % (rng.choice(statuses), rng.randint(1, 80))
        elif kind == "updates":
            name = "%s-update-%d.md" % (date, index)
            front = "author: \"@user%d\"\nteam: team%d\nstatus: on-track\n" % (
                rng.randint(1, 80), rng.randint(1, 8))
        else:
            name = "page-%d.md" % index
            front = "owner: \"@user%d\"\n" % rng.randint(1, 80)
        front += "date: %s\ntags: [%s]\n" % (date, ", ".join(rng.sample(tags, 2)))
        body = "# %s\n\n" % title + "".join(
            "## %s\n\n%s\n\n" % (heading, "\n\n".join(paragraphs)) for heading, paragraphs in sections)
        path = os.path.join(repo, kind, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as out:
            out.write("---\n" + front + "---\n" + body)
        page = os.path.join(site, kind, name[:-3], "index.html")
        os.makedirs(os.path.dirname(page), exist_ok=True)
        with open(page, "w") as out:
            out.write("<!doctype html><html lang=en><head><meta charset=utf-8><title>%s</title>"
                      "</head><body><main><h1>%s</h1>%s</main></body></html>" % (
                          html.escape(title), html.escape(title), "".join(
                              "<h2 id=\"%s\">%s</h2>%s" % (
                                  heading.lower().replace(" ", "-"), heading,
                                  "".join("<p>%s</p>" % html.escape(p) for p in paragraphs))
                              for heading, paragraphs in sections)))
        titles.append(title)
    subprocess.run(["git", "init", "-q", repo], check=True)
    return repo, site, vocabulary, titles


def tree_size(folder):
    total, files = 0, 0
    for base, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
            files += 1
    return total, files


def baton_queries(site, queries):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump([{"text": q, "limit": 10} for q in queries], out)
    result = subprocess.run(["node", os.path.join(HERE, "query.js"), site, CLIENT, out.name],
                            check=True, capture_output=True, text=True)
    os.unlink(out.name)
    return json.loads(result.stdout)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = lambda *a, **k: QuietHandler(*a, directory=folder, **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium():
    for name in ["chromium", "chromium-browser", "google-chrome"]:
        path = shutil.which(name)
        if path:
            return path
    return None


def pagefind_queries(site, queries, limit):
    """Runs Pagefind's own JS in headless Chromium; returns [{query, bytes, files, ms, results}]."""
    browser = chromium()
    if not browser:
        return None
    page = os.path.join(site, "pagefind-bench.html")
    with open(page, "w") as out:
        out.write("""<!doctype html><meta charset=utf-8><pre id=out></pre><script type=module>
const queries = %s;
const results = [];
for (const q of queries) {
  const pagefind = await import('./pagefind/pagefind.js?' + encodeURIComponent(q));
  await pagefind.options({});
  const before = performance.getEntriesByType('resource').length;
  const start = performance.now();
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, %d).map(r => r.data()));
  const ms = performance.now() - start;
  const entries = performance.getEntriesByType('resource');
  results.push({query: q, total: found.results.length, ms,
    urls: data.map(d => d.url), files: entries.map(e => [e.name, e.encodedBodySize])});
  performance.clearResourceTimings();
}
document.getElementById('out').textContent = JSON.stringify(results);
</script>""" % (json.dumps(queries), limit))
    server = serve(site)
    try:
        url = "http://127.0.0.1:%d/pagefind-bench.html" % server.server_address[1]
        dump = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
             "--disk-cache-size=1", "--virtual-time-budget=60000", "--dump-dom", url],
            capture_output=True, text=True, timeout=300).stdout
    finally:
        server.shutdown()
        os.unlink(page)
    start = dump.find("<pre id=\"out\">")
    text = dump[start + len("<pre id=\"out\">"):dump.find("</pre>", start)]
    try:
        return json.loads(html.unescape(text))
    except ValueError:
        return None


def kb(n):
    return "%.1f kB" % (n / 1000.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site")
    parser.add_argument("--generate", type=int, default=10000)
    parser.add_argument("--baton", default=os.path.join(ROOT, ".build", "release", "baton"))
    parser.add_argument("--work", default=None)
    parser.add_argument("--queries", nargs="*")
    args = parser.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="baton-search-bench-")
    if args.site:
        site = args.site
        one, three = args.queries or ["deployment", "database migration review"]
    else:
        if not os.path.exists(os.path.join(work, "site", "search", "manifest.js")):
            repo, site, vocabulary, titles = generate(work, args.generate)
            subprocess.run([args.baton, "search", "--write-index", site, "--repo", repo,
                            "--limit", "1", "x"], check=True, capture_output=True)
        site = os.path.join(work, "site")
        one, three = "migration", "database migration review"
        if args.queries:
            one, three = args.queries[0], args.queries[1]
    queries = [one, three]

    size, files = tree_size(os.path.join(site, "search"))
    print("Baton index: %s in %d files (%s)" % (kb(size), files, os.path.join(site, "search")))
    client = open(CLIENT, "rb").read()
    print("client search.js: %s raw, %s gzip" % (kb(len(client)), kb(len(gzip.compress(client)))))
    ours = baton_queries(site, queries)

    theirs = None
    if shutil.which("pagefind") or subprocess.run(
            [sys.executable, "-m", "pagefind_bin", "--version"], capture_output=True).returncode == 0:
        shutil.rmtree(os.path.join(site, "pagefind"), ignore_errors=True)
        command = ["pagefind"] if shutil.which("pagefind") else [sys.executable, "-m", "pagefind_bin"]
        subprocess.run(command + ["--site", site, "--silent"], check=True)
        pf_size, pf_files = tree_size(os.path.join(site, "pagefind"))
        print("Pagefind index: %s in %d files" % (kb(pf_size), pf_files))
        theirs = pagefind_queries(site, queries, 10)
    else:
        print("Pagefind: not installed (pip install pagefind-bin)")

    print()
    print("%-28s %-34s %s" % ("query (first 10 results)", "Baton: raw / gzip, files, ms", "Pagefind: bytes, files, ms"))
    for index, answer in enumerate(ours):
        b = answer["bytes"]
        raw = sum(b[k]["raw"] for k in ["client", "manifest", "shards", "packs", "parts"])
        gz = sum(b[k]["gzip"] for k in ["client", "manifest", "shards", "packs", "parts"])
        mine = "%s / %s, %d+1 files, %.1f ms (warm %.1f)" % (
            kb(raw), kb(gz), b["files"], answer["ms"]["cold"], answer["ms"]["warm"])
        other = "-"
        if theirs and index < len(theirs):
            entry = theirs[index]
            pf_bytes = sum(size for name, size in entry["files"] if "/pagefind/" in name)
            pf_count = sum(1 for name, _ in entry["files"] if "/pagefind/" in name)
            other = "%s, %d files, %.1f ms" % (kb(pf_bytes), pf_count, entry["ms"])
        print("%-28s %-34s %s" % ('"%s" (%d hits)' % (answer["query"]["text"], answer["total"]), mine, other))
        print("   Baton parts: client %s, manifest %s, shards %s, metadata %s, excerpts %s (gzip)" % (
            kb(b["client"]["gzip"]), kb(b["manifest"]["gzip"]), kb(b["shards"]["gzip"]),
            kb(b["packs"]["gzip"]), kb(b["parts"]["gzip"])))
    if theirs:
        print("(Pagefind's files are gzip-compressed on disk; its bytes are what it fetches.)")


if __name__ == "__main__":
    main()
