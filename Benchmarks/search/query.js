#!/usr/bin/env node
// Runs queries through the real search client (templates/search/search.js) against a built
// index, each in a fresh context with an empty cache, and reports results, the files a browser
// would load and the time taken.
//
//   node query.js SITE_DIR CLIENT_JS QUERIES_JSON
//
// QUERIES_JSON: [{"text": "...", "filters": {...}, "order": "relevance", "limit": 10}, ...]
// Prints one JSON object per query, as an array.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const zlib = require('zlib');

const [siteDir, clientPath, queriesPath] = process.argv.slice(2);
if (!queriesPath) {
  console.error('usage: node query.js SITE_DIR CLIENT_JS QUERIES_JSON');
  process.exit(64);
}
const client = fs.readFileSync(clientPath);
const queries = JSON.parse(fs.readFileSync(queriesPath, 'utf8'));

function fresh() {
  const loaded = [];
  const context = vm.createContext({ console });
  context.window = context;
  context.__batonSearch = {
    base: path.join(siteDir, 'search') + '/',
    loadScript(url) {
      const code = fs.readFileSync(url);
      loaded.push({ file: path.relative(siteDir, url), bytes: code.length, gzip: zlib.gzipSync(code).length });
      vm.runInContext(code.toString('utf8'), context, { filename: url });
      return Promise.resolve();
    },
  };
  vm.runInContext(client.toString('utf8'), context, { filename: clientPath });
  return { S: context.__batonSearch, loaded };
}

function sum(list, key) { return list.reduce((total, item) => total + item[key], 0); }

(async () => {
  const out = [];
  for (const query of queries) {
    const cold = fresh();
    const start = process.hrtime.bigint();
    const page = await cold.S.search(query);
    const coldMs = Number(process.hrtime.bigint() - start) / 1e6;
    // Warm: the same files already in memory, as when typing on.
    const warmStart = process.hrtime.bigint();
    await cold.S.search(query);
    const warmMs = Number(process.hrtime.bigint() - warmStart) / 1e6;
    // After the warm-up the search page runs (made-up data through the same code): the same
    // results, or the warm-up changed something it must not.
    const warmedUp = fresh();
    warmedUp.S.warm();
    const afterWarmUp = await warmedUp.S.search(query);
    const files = cold.loaded;
    const group = (prefix) => files.filter((f) => f.file.startsWith('search/' + prefix));
    const bytes = (list) => ({ raw: sum(list, 'bytes'), gzip: sum(list, 'gzip') });
    const rows = (results) => results.map((r) => ({
      url: r.url, score: r.score, title: r.title, id: r.id, kind: r.kind, status: r.status,
      anchor: r.anchor, excerpt: r.excerpt,
    }));
    out.push({
      query,
      total: page.total,
      results: rows(page.results),
      afterWarmUp: { total: afterWarmUp.total, results: rows(afterWarmUp.results) },
      bytes: {
        client: { raw: client.length, gzip: zlib.gzipSync(client).length },
        manifest: bytes(group('manifest')),
        shards: bytes(group('t/')),
        packs: bytes(group('m/')),
        parts: bytes(group('x/')),
        files: files.length,
      },
      ms: { cold: coldMs, warm: warmMs },
    });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})().catch((error) => { console.error(error); process.exit(1); });
