#!/usr/bin/env python3
"""Measures Baton's search index against Pagefind on the same pages.

    bench.py [--site DIR] [--generate N] [--baton PATH] [--work DIR]

With --site, DIR is a built Baton site (`baton build` output: HTML pages and search/).
Without it, a synthetic corpus of N documents (default 10,000) is generated as Markdown in a git
repository and as matching HTML pages, and Baton's index is written with
`baton search --write-index`.

Reports: index size on disk; for a one-word and a three-word query, the bytes a browser loads
(client + manifest + shards + the first 10 results' metadata and excerpts), raw and gzipped;
query time in headless Chromium (the API on a bare page, and the site's own search page as a
reader uses it: see UI_SCRIPT) and in node (cold: files read and parsed; warm: as when typing
on); a known-item ranking comparison (queries made from the site's documents.json). When
Pagefind is installed (`pip install pagefind-bin`), it indexes the same HTML and the same queries
are run through its own JavaScript in headless Chromium over http, counting every file it
fetches.
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


def in_browser(site, name, script, query, timeout=180, page=None, extra=None):
    """Loads a page with `script` in headless Chromium over http, in real time (no virtual time
    budget, so performance.now() is the wall clock); returns what the page posts to /__result.

    `page` replaces the whole page's HTML; `extra` maps more paths under the site to their text
    (written for the run, then removed). The files are served by serve.js under node (a static
    server that answers in well under a millisecond, as a real host does) or, without node, by
    Python's http.server, which takes several milliseconds a file and so adds to every time."""
    browser = chromium()
    if not browser:
        return None
    written = dict(extra or {})
    name, _, extra_query = name.partition("?")
    written[name] = page if page is not None else (
        "<!doctype html><meta charset=utf-8><title>bench</title>" + script)
    for path, text in written.items():
        with open(os.path.join(site, path), "w") as out:
            out.write(text)
    server = StaticServer(site)
    profile = tempfile.mkdtemp(prefix="baton-bench-chromium-")
    url = "http://127.0.0.1:%d/%s?%sbq=%s" % (server.port, name, extra_query,
                                             urllib.parse.quote(query))
    process = subprocess.Popen(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
         "--user-data-dir=" + profile, "--disk-cache-size=1", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, TMPDIR=profile))  # Chromium's own temporary files go with it
    try:
        server.arrived.wait(timeout)
    finally:
        process.kill()
        process.wait()
        server.shutdown()
        for path in written:
            os.unlink(os.path.join(site, path))
        shutil.rmtree(profile, ignore_errors=True)
    if not server.answers:
        return None
    answer = server.answers[0]
    answer["files"] = [["http://host" + path, size] for path, size in server.served
                       if not path.endswith(".html") and "favicon" not in path]
    return answer


class StaticServer:
    """The bench's web server: serve.js under node when there is node, else Python's."""

    def __init__(self, site):
        self.answers, self.arrived, self.served = [], threading.Event(), []
        self.node = None
        if shutil.which("node"):
            self.node = subprocess.Popen(["node", os.path.join(HERE, "serve.js"), site],
                                         stdout=subprocess.PIPE, text=True)
            first = self.node.stdout.readline().split()
            self.port = int(first[1])
            threading.Thread(target=self._read, daemon=True).start()
        else:
            handler = lambda *a, **k: ResultHandler(*a, directory=site, **k)  # noqa: E731
            self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            self.http.answers, self.http.arrived = self.answers, self.arrived
            self.http.served = self.served
            self.port = self.http.server_address[1]
            threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def _read(self):
        for line in self.node.stdout:
            kind, _, rest = line.rstrip("\n").partition(" ")
            if kind == "SERVED":
                path, _, size = rest.rpartition(" ")
                self.served.append((path, int(size)))
            elif kind == "RESULT":
                self.answers.append(json.loads(rest))
                self.arrived.set()

    def shutdown(self):
        if self.node:
            self.node.kill()
            self.node.wait()
        else:
            self.http.shutdown()


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
  const q = new URLSearchParams(location.search).get('bq');
  const S = window.__batonSearch;
  S.base = 'search/';
  const query = {text: q, filters: {}, order: 'relevance', limit: 10, offset: 0};
  const start = performance.now();
  const page = await S.search(query);
  const total = page.total, urls = page.results.map(r => r.url);
""" + REPORT % "await S.search(query);" + "</script>"

PAGEFIND_PAGE = """<script type=module>
  const q = new URLSearchParams(location.search).get('bq');
  const start = performance.now();
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.options({});
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  const total = found.results.length, urls = data.map(d => d.url);
""" + REPORT % ("const again2 = await pagefind.search(q + ' ');"
                " await Promise.all(again2.results.slice(0, 10).map(r => r.data()));") + "</script>"


# The reader's view: the site's own search page (search/index.html, its markup, styles and
# client as built), loaded fresh. Right after the load event (the page preloads the manifest
# while it loads, as it does for every reader) the whole query arrives as one input event, as a
# paste or the last key after a pause does; the time runs from that event until the results are
# in the list and the next frame is painted. Warm: the box is cleared, and after a pause the same
# query is entered again.
UI_SCRIPT = """
(function () {
  var q = new URLSearchParams(location.search).get('bq');
  var input = document.querySelector('#baton-search input[type="search"]');
  var status = document.getElementById('baton-search-status');
  function painted() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }
  // Enters a query; resolves with [ms to the first result painted, ms to all painted]. Typed:
  // one key every 150 ms (a fast typist), timed from the last key.
  var typed = new URLSearchParams(location.search).get('mode') === 'typed';
  function key(text) {
    input.value = text;
    input.dispatchEvent(new Event('input', {bubbles: true}));
  }
  function enter(text) {
    var keys = typed ? Array.from(text).map(function (_, i) { return text.slice(0, i + 1); }) : [text];
    var chain = Promise.resolve();
    keys.slice(0, -1).forEach(function (prefix) {
      chain = chain.then(function () { key(prefix); return pause(150); });
    });
    return chain.then(function () { return measure(text); });
  }
  function measure(text) {
    var start = performance.now(), first = null, wanted = '“' + text + '”';
    window.__benchStart = window.__benchStart || start;
    key(text);
    return new Promise(function (resolve) {
      function check() {
        var list = document.getElementById('baton-search-results');
        var line = status.textContent, total = parseInt(line, 10) || 0;
        var ours = line.indexOf(wanted) >= 0 || /No results/.test(line);
        if (!ours) return;
        if (first === null && list.children.length) {
          first = painted().then(function () { return performance.now() - start; });
        }
        if (list.children.length >= Math.min(10, total)) {
          observer.disconnect();
          painted().then(function () {
            var all = performance.now() - start;
            (first || Promise.resolve(all)).then(function (ms) { resolve([ms, all]); });
          });
        }
      }
      var observer = new MutationObserver(check);
      observer.observe(document.getElementById('baton-search'),
                       {childList: true, characterData: true, subtree: true});
      check();
    });
  }
  function pause(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  window.addEventListener('load', function () {
    var urls, total, cold;
    input.focus();
    window.__batonSearch.manifest().then(function () { return pause(100); }).then(function () {
      return enter(q);
    }).then(function (ms) {
      cold = ms;
      urls = Array.from(document.querySelectorAll('#baton-search-results a'))
        .map(function (a) { return a.getAttribute('href'); });
      total = parseInt(status.textContent, 10) || 0;
      input.value = '';
      input.dispatchEvent(new Event('input', {bubbles: true}));
      return pause(300);
    }).then(function () { return enter(q); }).then(function (warm) {
      return fetch('/__result', {method: 'POST', body: JSON.stringify(
        {query: q, total: total, first: cold[0], ms: cold[1], warmFirst: warm[0], warm: warm[1],
         urls: urls,
         timeline: performance.getEntriesByType('resource').concat(performance.getEntriesByType('mark')).map(function (e) {
           return [e.name.replace(/^.*\\/search\\//, ''), Math.round(e.startTime - window.__benchStart),
                   Math.round((e.responseEnd || e.startTime) - window.__benchStart)]; })})});
    });
  });
})();
"""


def baton_ui_queries(site, queries, typed=False):
    """The site's search page in headless Chromium, one fresh browser per query."""
    with open(os.path.join(site, "search", "index.html")) as page:
        html_text = page.read()
    tag = '<script src="../search/search.js" defer></script>'
    if tag not in html_text:
        return [None for _ in queries]
    html_text = html_text.replace(tag, tag + '<script src="bench-ui.js" defer></script>')
    name = "search/bench-ui.html" + ("?mode=typed&" if typed else "")
    return [in_browser(site, name, None, q, page=html_text,
                       extra={"search/bench-ui.js": UI_SCRIPT}) for q in queries]


def pagefind_queries(site, queries):
    """Pagefind's own JS in headless Chromium, one cold page per query."""
    return [in_browser(site, "pagefind-bench.html", PAGEFIND_PAGE, q) for q in queries]


def baton_browser_queries(site, queries):
    """Baton's client in headless Chromium, one cold page per query."""
    return [in_browser(site, "baton-bench.html", BATON_PAGE, q) for q in queries]


# Known-item ranking: queries made from the corpus where the document wanted is known.
STOP = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "at", "from", "faq",
        "is", "our", "we", "how"}


def title_words(title):
    return [w for w in "".join(c.lower() if c.isalnum() else " " for c in title).split()]


def known_items(site, count=20, seed=11):
    """Up to `count` (kind, query, page) triples from the site's documents.json: half the full
    title of a document whose title is unique, half two or three of its title's words that no
    other title holds together."""
    path = os.path.join(site, "documents.json")
    if not os.path.exists(path):
        return []
    with open(path) as source:
        documents = json.load(source)
    titles = {}
    for document in documents:
        titles.setdefault(document["title"].lower(), []).append(document)
    word_sets = [set(title_words(d["title"])) for d in documents]
    rng = random.Random(seed)
    unique = [d for d in documents if len(titles[d["title"].lower()]) == 1]
    rng.shuffle(unique)
    items = []
    for document in unique:
        page = document["path"].rsplit(".", 1)[0] + "/index.html"
        if not os.path.exists(os.path.join(site, page)):
            continue
        if len(items) < count // 2:
            items.append(("title", document["title"], page))
            continue
        words = [w for w in title_words(document["title"]) if w not in STOP and not w.isdigit()]
        for size in (2, 3):
            if len(words) < size:
                break
            chosen = rng.sample(words, size)
            if sum(1 for other in word_sets if set(chosen) <= other) == 1:
                items.append(("words", " ".join(chosen), page))
                break
        if len(items) >= count:
            break
    return items


def same_page(url, page):
    url = urllib.parse.unquote(url.split("#")[0].split("?")[0])
    while url.startswith("../"):
        url = url[3:]
    url = url.lstrip("/")
    trim = lambda u: u[: -len("index.html")] if u.endswith("index.html") else u  # noqa: E731
    return trim(url).rstrip("/") == trim(page).rstrip("/")


def rank_of(urls, page):
    for position, url in enumerate(urls):
        if same_page(url, page):
            return position + 1
    return None


PAGEFIND_RANKING_PAGE = """<script type=module>
  const queries = JSON.parse(new URLSearchParams(location.search).get('bq'));
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.options({});
  const urls = [];
  for (const q of queries) {
    const found = await pagefind.search(q);
    const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
    urls.push(data.map(d => d.url));
  }
  await fetch('/__result', {method: 'POST', body: JSON.stringify({urls})});
</script>"""


def ranking_report(site, items, pagefind):
    """Prints the rank of each known item for Baton (its client under node) and Pagefind."""
    queries = [query for _, query, _ in items]
    ours = baton_queries(site, queries)
    theirs = None
    if pagefind:
        answer = in_browser(site, "pagefind-ranking.html", PAGEFIND_RANKING_PAGE,
                            json.dumps(queries), timeout=600)
        theirs = answer["urls"] if answer else None
    print("Known-item ranking (%d queries from the corpus: %d full titles, %d title words; rank of "
          "the document wanted in the first 10, - = not there)" % (
              len(items), sum(1 for i in items if i[0] == "title"),
              sum(1 for i in items if i[0] == "words")))
    print("   %-52s %6s %9s" % ("query", "Baton", "Pagefind"))
    ranks = {"Baton": [], "Pagefind": []}
    for index, (_, query, page) in enumerate(items):
        mine = rank_of([r["url"] for r in ours[index]["results"]], page)
        other = rank_of(theirs[index], page) if theirs else None
        ranks["Baton"].append(mine)
        ranks["Pagefind"].append(other)
        print("   %-52s %6s %9s" % (query[:52], mine or "-",
                                    (other or "-") if theirs else "n/a"))
    for name, values in ranks.items():
        if name == "Pagefind" and not theirs:
            continue
        mrr = sum(1.0 / r for r in values if r) / max(1, len(values))
        print("   %-9s MRR@10 %.3f, hits@1 %d/%d, hits@3 %d/%d, hits@10 %d/%d" % (
            name + ":", mrr, sum(1 for r in values if r == 1), len(values),
            sum(1 for r in values if r and r <= 3), len(values),
            sum(1 for r in values if r), len(values)))


def median_answer(answers):
    """The answers of several runs of one query, with each time replaced by its median."""
    answers = [a for a in answers if a]
    if not answers:
        return None
    merged = dict(answers[0])
    for key in ["ms", "warm", "first", "warmFirst"]:
        values = sorted(a[key] for a in answers if key in a)
        if values:
            merged[key] = values[len(values) // 2]
    return merged


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
    parser.add_argument("--runs", type=int, default=5,
                        help="fresh browsers per query for Baton's times (the median is shown)")
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
    browser = ui = typed = None
    if chromium():
        browser = [median_answer(runs) for runs in zip(
            *[baton_browser_queries(site, queries) for _ in range(args.runs)])]
        ui = [median_answer(runs) for runs in zip(
            *[baton_ui_queries(site, queries) for _ in range(args.runs)])]
        typed = [median_answer(runs) for runs in zip(
            *[baton_ui_queries(site, queries, typed=True) for _ in range(args.runs)])]

    print()
    print("Bytes are everything the query loads (client, manifest, shards, metadata, excerpts of")
    print("the first 10 results; Pagefind: its JS, WASM, index and fragments). Baton's server")
    print("here (serve.js under node) sends files raw; gzip is what a compressing host sends. Pagefind's files are")
    print("gzipped on disk. Times: headless Chromium over http, performance.now(), real time,")
    print("Baton's the median of %d fresh browsers (Pagefind: one). API: S.search() on a bare page" % args.runs)
    print("right after the client loaded, nothing else loaded (Pagefind: import, search, data() of")
    print("10); cold = fresh browser, warm = the same query again. Search page: the site's own")
    print("search/index.html in a fresh browser; once it has loaded and its manifest is in (the")
    print("page loads the manifest and warms its ranking code while loading, as for every reader),")
    print("and 100 ms later, the query arrives as one input event (a paste, or the last key after")
    print("a pause); times run to the")
    print("first result painted and to all 10 painted (results show in order as they load); warm:")
    print("entered again after a pause.")
    print("Typed: the same page, the query typed a key every 150 ms (each key after a pause of")
    print("120 ms or more runs a search, so earlier keys have loaded files); timed from the last key.")
    print()
    for index, answer in enumerate(ours):
        b = answer["bytes"]
        raw = sum(b[k]["raw"] for k in ["client", "manifest", "shards", "packs", "parts"])
        gz = sum(b[k]["gzip"] for k in ["client", "manifest", "shards", "packs", "parts"])
        print('"%s" (%d hits, first 10 results)' % (answer["query"]["text"], answer["total"]))
        mine = "%s raw / %s gzip, %d files" % (kb(raw), kb(gz), b["files"] + 1)
        if browser and index < len(browser) and browser[index]:
            entry = browser[index]
            mine += "; API %.1f ms cold, %.1f ms warm" % (entry["ms"], entry["warm"])
        mine += "; node %.1f ms cold, %.1f ms warm" % (answer["ms"]["cold"], answer["ms"]["warm"])
        print("   Baton:    " + mine)
        if ui and index < len(ui) and ui[index]:
            entry = ui[index]
            print("   Baton search page: cold %.1f ms to the first result, %.1f ms to all painted;"
                  " warm %.1f ms" % (entry["first"], entry["ms"], entry["warm"]))
        if typed and index < len(typed) and typed[index]:
            entry = typed[index]
            loaded = sum(size for name, size in entry["files"]
                         if "/search/t/" in name or "/search/x/" in name or "manifest" in name)
            print("   Baton search page, typed (a key every 150 ms), from the last key: %.1f ms to"
                  " the first result, %.1f ms to all painted; %s raw loaded while typing" % (
                      entry["first"], entry["ms"], kb(loaded)))
        if theirs and index < len(theirs) and theirs[index]:
            entry = theirs[index]
            pf = [(n, size) for n, size in entry["files"] if "/pagefind/" in n]
            print("   Pagefind: %s, %d files; Chromium %.1f ms cold, %.1f ms warm" % (
                kb(sum(size for _, size in pf)), len(pf), entry["ms"], entry["warm"]))
        print("   Baton parts (gzip): client %s, manifest %s, shards %s, results (metadata and "
              "excerpts) %s" % (
                  kb(b["client"]["gzip"]), kb(b["manifest"]["gzip"]), kb(b["shards"]["gzip"]),
                  kb(b["packs"]["gzip"] + b["parts"]["gzip"])))
    items = known_items(site)
    if items:
        print()
        ranking_report(site, items, theirs is not None)
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
