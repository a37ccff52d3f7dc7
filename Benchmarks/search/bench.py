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
import urllib.parse

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


class ResultHandler(QuietHandler):
    """Serves the site, counts every file it serves (workers' fetches included, which a page's
    resource timing misses), and takes the page's measurements as a POST to /__result."""

    def do_GET(self):
        local = self.translate_path(self.path)
        if os.path.isfile(local):
            self.server.served.append((self.path.split("?")[0], os.path.getsize(local)))
        super().do_GET()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(204)
        self.end_headers()
        self.server.answers.append(json.loads(body))
        self.server.arrived.set()


def in_browser(site, name, script, query, timeout=180):
    """Loads a page with `script` in headless Chromium over http, in real time (no virtual time
    budget, so performance.now() is the wall clock); returns what the page posts to /__result."""
    browser = chromium()
    if not browser:
        return None
    page = os.path.join(site, name)
    with open(page, "w") as out:
        out.write("<!doctype html><meta charset=utf-8><title>bench</title>" + script)
    handler = lambda *a, **k: ResultHandler(*a, directory=site, **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.answers, server.arrived, server.served = [], threading.Event(), []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    profile = tempfile.mkdtemp(prefix="baton-bench-chromium-")
    url = "http://127.0.0.1:%d/%s?q=%s" % (server.server_address[1], name,
                                          urllib.parse.quote(query))
    process = subprocess.Popen(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
         "--user-data-dir=" + profile, "--disk-cache-size=1", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server.arrived.wait(timeout)
    finally:
        process.kill()
        process.wait()
        server.shutdown()
        os.unlink(page)
        shutil.rmtree(profile, ignore_errors=True)
    if not server.answers:
        return None
    answer = server.answers[0]
    answer["files"] = [["http://host" + path, size] for path, size in server.served
                       if not path.endswith(".html") and "favicon" not in path]
    return answer


# Both pages: one cold query (nothing cached), then the same query again (warm), timed with
# performance.now(); the files are the page's resource entries with their bytes on the wire.
REPORT = """
  const ms = performance.now() - start;
  const again = performance.now();
  %s
  const warm = performance.now() - again;
  const files = performance.getEntriesByType('resource')
    .filter(e => !e.name.includes('/__result'))
    .map(e => [e.name, e.encodedBodySize || e.transferSize || 0]);
  await fetch('/__result', {method: 'POST', body: JSON.stringify(
    {query: q, total, ms, warm, files, urls})});
"""

BATON_PAGE = """<script src="search/search.js"></script><script type=module>
  const q = new URLSearchParams(location.search).get('q');
  const S = window.__batonSearch;
  S.base = 'search/';
  const query = {text: q, filters: {}, order: 'relevance', limit: 10, offset: 0};
  const start = performance.now();
  const page = await S.search(query);
  const total = page.total, urls = page.results.map(r => r.url);
""" + REPORT % "await S.search(query);" + "</script>"

PAGEFIND_PAGE = """<script type=module>
  const q = new URLSearchParams(location.search).get('q');
  const start = performance.now();
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.options({});
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  const total = found.results.length, urls = data.map(d => d.url);
""" + REPORT % ("const again2 = await pagefind.search(q + ' ');"
                " await Promise.all(again2.results.slice(0, 10).map(r => r.data()));") + "</script>"


def pagefind_queries(site, queries):
    """Pagefind's own JS in headless Chromium, one cold page per query."""
    return [in_browser(site, "pagefind-bench.html", PAGEFIND_PAGE, q) for q in queries]


def baton_browser_queries(site, queries):
    """Baton's client in headless Chromium, one cold page per query."""
    return [in_browser(site, "baton-bench.html", BATON_PAGE, q) for q in queries]


def swift_query(baton, repo, query):
    """`baton search --timings` in the repository: (engine ms, query ms)."""
    result = subprocess.run([baton, "search", query, "--timings", "--format", "json"], cwd=repo,
                            capture_output=True, text=True)
    times = {}
    for line in result.stderr.splitlines():
        if line.endswith(" ms") and ": " in line:
            name, value = line.rsplit(": ", 1)
            times[name.strip()] = float(value[:-3])
    return times


def kb(n):
    return "%.1f kB" % (n / 1000.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site")
    parser.add_argument("--generate", type=int, default=10000)
    parser.add_argument("--baton", default=os.path.join(ROOT, ".build", "release", "baton"))
    parser.add_argument("--work", default=None)
    parser.add_argument("--queries", nargs="*")
    parser.add_argument("--repo", help="the repository the site was built from (Swift timings)")
    args = parser.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="baton-search-bench-")
    if args.site:
        site = args.site
        one, three = args.queries or ["latency", "database migration review"]
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
        theirs = pagefind_queries(site, queries)
    else:
        print("Pagefind: not installed (pip install pagefind-bin)")
    browser = baton_browser_queries(site, queries) if chromium() else None

    print()
    print("Bytes are everything the query loads (client, manifest, shards, metadata, excerpts of")
    print("the first 10 results; Pagefind: its JS, WASM, index and fragments). Baton's server")
    print("here sends files raw; gzip is what a compressing host sends. Pagefind's files are")
    print("gzipped on disk. Times: headless Chromium over http, performance.now(), real time;")
    print("cold = fresh browser, warm = the same query again in the page.")
    print()
    for index, answer in enumerate(ours):
        b = answer["bytes"]
        raw = sum(b[k]["raw"] for k in ["client", "manifest", "shards", "packs", "parts"])
        gz = sum(b[k]["gzip"] for k in ["client", "manifest", "shards", "packs", "parts"])
        print('"%s" (%d hits, first 10 results)' % (answer["query"]["text"], answer["total"]))
        mine = "%s raw / %s gzip, %d files" % (kb(raw), kb(gz), b["files"] + 1)
        if browser and index < len(browser) and browser[index]:
            entry = browser[index]
            mine += "; Chromium %.1f ms cold, %.1f ms warm" % (entry["ms"], entry["warm"])
        mine += "; node %.1f ms cold, %.1f ms warm" % (answer["ms"]["cold"], answer["ms"]["warm"])
        print("   Baton:    " + mine)
        if theirs and index < len(theirs) and theirs[index]:
            entry = theirs[index]
            pf = [(n, size) for n, size in entry["files"] if "/pagefind/" in n]
            print("   Pagefind: %s, %d files; Chromium %.1f ms cold, %.1f ms warm" % (
                kb(sum(size for _, size in pf)), len(pf), entry["ms"], entry["warm"]))
        print("   Baton parts (gzip): client %s, manifest %s, shards %s, metadata %s, excerpts %s" % (
            kb(b["client"]["gzip"]), kb(b["manifest"]["gzip"]), kb(b["shards"]["gzip"]),
            kb(b["packs"]["gzip"]), kb(b["parts"]["gzip"])))
    if args.repo:
        print()
        for query in queries:
            times = swift_query(args.baton, args.repo, query)
            print("baton search %-28s corpus %.0f ms, engine %.0f ms, query %.1f ms" % (
                '"%s":' % query, times.get("corpus", 0), times.get("engine", 0),
                times.get("query", 0)))
        times = {}
        with tempfile.TemporaryDirectory() as folder:
            times = swift_query_index(args.baton, args.repo, folder)
        print("index build in Swift (10k docs: engine + files, in memory): engine %.0f ms, "
              "files %.0f ms" % (times.get("engine", 0), times.get("index files", 0)))


def swift_query_index(baton, repo, folder):
    result = subprocess.run([baton, "search", "x", "--timings", "--write-index", folder],
                            cwd=repo, capture_output=True, text=True)
    times = {}
    for line in result.stderr.splitlines():
        if line.endswith(" ms") and ": " in line:
            name, value = line.rsplit(": ", 1)
            times[name.strip()] = float(value[:-3])
    return times


if __name__ == "__main__":
    main()
