/* Baton search client: no dependencies, no eval, no HTML parsing: text goes in as text nodes (works under script-src 'self').
 * The tokeniser and the ranking mirror Sources/BatonSearch (SearchTokenizer.swift,
 * SearchEngine.swift) exactly; a test compares the two. Markup: see templates/search/search.html. */
(function () {
  'use strict';
  var S = window.__batonSearch = window.__batonSearch || {};
  var script = typeof document === 'undefined' ? null : document.currentScript;
  var data = {}, pending = {};

  /* ---- loading: every index file is a script calling put(name, data) ---- */
  S.put = function (name, value) { data[name] = value; };
  S.base = S.base || 'search/';
  S.loadScript = S.loadScript || function (url) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = url;
      tag.async = true;
      tag.onload = function () { tag.remove(); resolve(); };
      tag.onerror = function () { tag.remove(); reject(new Error('cannot load ' + url)); };
      document.head.appendChild(tag);
    });
  };
  // Over http(s) a file is fetched and its data (the JSON between `put("name",` and the last
  // `)`) parsed: in Chromium a cold query finished 6-16 ms sooner than with each file run as a
  // script. From disk (file://), where fetch is blocked, and without fetch, files load as scripts.
  var fetchable = typeof fetch === 'function' && typeof location !== 'undefined' &&
    /^https?:$/.test(location.protocol);
  function fetchFile(name, url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('cannot load ' + url);
      return response.text();
    }).then(function (text) {
      var open = text.indexOf('",'), close = text.lastIndexOf(')');
      data[name] = JSON.parse(text.slice(open + 2, close));
    });
  }
  function load(name) {
    if (!pending[name]) {
      var url = S.base + name + '.js';
      pending[name] = (fetchable ? fetchFile(name, url) : S.loadScript(url)).then(function () {
        if (!(name in data)) throw new Error('index file ' + name + ' did not load');
        return data[name];
      });
      pending[name].catch(function () { delete pending[name]; });
    }
    return pending[name];
  }
  S.manifest = function () { return load('manifest'); };

  /* ---- tokeniser (SearchTokenizer.swift) ---- */
  var WORD = /[\p{L}\p{N}\p{M}]/u, UPPER = /^\p{Lu}$/u, LOWER = /^\p{Ll}$/u;
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var SPELLED = { 'ß': 'ss', 'ς': 'σ', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'ı': 'i' };
  function isCJK(c) {
    return c !== 0x30fb && (c >= 0x1100 && c <= 0x11ff || c >= 0x3040 && c <= 0x30ff ||
      c >= 0x3130 && c <= 0x318f || c >= 0x31f0 && c <= 0x31ff || c >= 0x3400 && c <= 0x4dbf ||
      c >= 0x4e00 && c <= 0x9fff || c >= 0xac00 && c <= 0xd7af || c >= 0xf900 && c <= 0xfaff ||
      c >= 0xff66 && c <= 0xff9f || c >= 0x20000 && c <= 0x2ffff);
  }
  // 1 word, 2 CJK, 3 joiner, 0 other
  function classify(ch) {
    var c = ch.codePointAt(0);
    if (c < 128) {
      if (c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122) return 1;
      return c === 95 || c === 46 || c === 45 || c === 39 ? 3 : 0;
    }
    if (c === 0x2019) return 3;
    if (isCJK(c)) return 2;
    return WORD.test(ch) ? 1 : 0;
  }
  function fold(s) {
    if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
    return s.toLowerCase().normalize('NFKD').replace(MARKS, '').normalize('NFC')
      .replace(/[ßςæœøđłı]/g, function (c) { return SPELLED[c]; });
  }
  function stem(t) {
    if (t.length <= 3 || !/^[a-z]+$/.test(t)) return t;
    if (/ies$/.test(t) && t.length > 4) return t.slice(0, -3) + 'y';
    if (/sses$/.test(t)) return t.slice(0, -2);
    if (/s$/.test(t) && !/(ss|us|is)$/.test(t)) return t.slice(0, -1);
    return t;
  }
  function camelParts(chars) {
    var parts = [], start = 0;
    for (var i = 1; i < chars.length; i++) {
      if (LOWER.test(chars[i - 1]) && UPPER.test(chars[i]) ||
        UPPER.test(chars[i - 1]) && UPPER.test(chars[i]) && i + 1 < chars.length && LOWER.test(chars[i + 1])) {
        parts.push(chars.slice(start, i).join(''));
        start = i;
      }
    }
    parts.push(chars.slice(start).join(''));
    return parts;
  }
  // Tokens of a text: [term, role, start, end] with role 0 base, 1 part, 2 compound and UTF-16
  // offsets of the run the term came from (for highlighting).
  function tokens(text) {
    var out = [], chars = Array.from(text), offsets = [], at = 0, group = [], i = 0, j, k;
    for (k = 0; k < chars.length; k++) { offsets.push(at); at += chars[k].length; }
    offsets.push(at);
    function flush() {
      if (group.length >= 2) out.push([stem(group.join('')), 2, 0, 0]);
      group = [];
    }
    while (i < chars.length) {
      var kind = classify(chars[i]);
      if (kind === 1) {
        for (j = i; j < chars.length && classify(chars[j]) === 1;) j++;
        var word = chars.slice(i, j), folded = fold(word.join(''));
        out.push([stem(folded), 0, offsets[i], offsets[j]]);
        var parts = word.length > 1 ? camelParts(word) : [];
        if (parts.length >= 2) {
          for (k = 0; k < parts.length; k++) out.push([stem(fold(parts[k])), 1, offsets[i], offsets[j]]);
        }
        group.push(folded);
        if (j + 1 < chars.length && classify(chars[j]) === 3 && classify(chars[j + 1]) === 1) {
          i = j + 1;
        } else {
          flush();
          i = j;
        }
      } else if (kind === 2) {
        flush();
        for (j = i; j < chars.length && classify(chars[j]) === 2;) j++;
        var run = Array.from(fold(chars.slice(i, j).join('')));
        if (run.length === 1) {
          out.push([run[0], 0, offsets[i], offsets[j]]);
        } else {
          // Folding may merge characters; offsets stay exact when it does not.
          var same = run.length === j - i;
          for (k = 0; k + 1 < run.length; k++) {
            out.push([run[k] + run[k + 1], 0, same ? offsets[i + k] : offsets[i], same ? offsets[i + k + 2] : offsets[j]]);
          }
          out.push([run[run.length - 1], 1, same ? offsets[j - 1] : offsets[i], offsets[j]]);
        }
        i = j;
      } else {
        flush();
        i++;
      }
    }
    flush();
    return out;
  }
  function queryTerms(text) {
    var list = [], seen = {}, all = tokens(text);
    for (var i = 0; i < all.length; i++) {
      var term = all[i][0], required = all[i][1] === 0;
      if (Object.prototype.hasOwnProperty.call(seen, term)) {
        if (required) list[seen[term]].required = true;
      } else {
        seen[term] = list.length;
        list.push({ term: term, required: required });
      }
    }
    return list;
  }
  function prefixes(term) {
    var chars = Array.from(term);
    return chars.length >= 3 || chars.length === 1 && isCJK(term.codePointAt(0));
  }
  S.tokens = tokens;
  S.queryTerms = queryTerms;

  /* ---- postings: base64 VLQ ---- */
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', VALUE = new Int8Array(128);
  for (var d = 0; d < 64; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  function decode(s, facet, visit) {
    var i = 0, n = s.length, doc = -1;
    function next() {
      var value = 0, scale = 1, digit;
      do {
        digit = VALUE[s.charCodeAt(i++)];
        value += (digit & 31) * scale;
        scale *= 32;
      } while (digit & 32 && i < n);
      return value;
    }
    while (i < n) {
      doc += next() + 1;
      if (facet) visit(doc, 0, 0);
      else { var impact = next(); visit(doc, impact, next()); }
    }
  }

  /* ---- searching (SearchEngine.swift) ---- */
  function shardRange(manifest, term, prefix) {
    var shards = manifest.shards, low = 0, high = shards.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (shards[middle][0] <= term) low = middle; else high = middle - 1;
    }
    var last = low;
    while (prefix && last + 1 < shards.length && shards[last + 1][0].startsWith(term)) last++;
    return [low, last];
  }
  // Calls visit(candidate, postings) for the term and, with prefix, the terms it begins.
  function scan(manifest, shardData, term, prefix, visit) {
    var range = shardRange(manifest, term, prefix);
    for (var s = range[0]; s <= range[1]; s++) {
      var flat = shardData[s], low = 0, high = flat.length / 2;
      while (low < high) {
        var middle = (low + high) >> 1;
        if (flat[middle * 2] < term) low = middle + 1; else high = middle;
      }
      for (var i = low * 2; i < flat.length; i += 2) {
        var candidate = flat[i];
        if (candidate !== term && !(prefix && candidate.startsWith(term))) return;
        visit(candidate, flat[i + 1]);
      }
    }
  }
  var FACETS = ['kind', 'status', 'tag', 'owner', 'team'];
  function facetTerms(query) {
    var out = [];
    FACETS.forEach(function (facet) {
      var values = ((query.filters || {})[facet] || []).filter(Boolean);
      if (values.length) out.push(values.map(function (v) { return ':' + facet + '=' + v.toLowerCase(); }));
    });
    return out;
  }
  // The ranked documents: {total, slice(start, end) → [{doc, score, passage}]}.
  function hits(query) {
    var terms = queryTerms(query.text || ''), groups = facetTerms(query);
    return S.manifest().then(function (manifest) {
      var needed = {};
      function need(term, prefix) {
        var range = shardRange(manifest, term, prefix);
        for (var s = range[0]; s <= range[1]; s++) needed[s] = true;
      }
      terms.forEach(function (t) { need(t.term, prefixes(t.term)); });
      groups.forEach(function (g) { g.forEach(function (t) { need(t, false); }); });
      var list = Object.keys(needed);
      return Promise.all(list.map(function (s) { return load('t/' + manifest.shards[s][1]); }))
        .then(function (loaded) {
          var shardData = {};
          list.forEach(function (s, i) { shardData[s] = loaded[i]; });
          return rank(manifest, shardData, terms, groups, query.order);
        });
    });
  }
  // Per query term, the best [weight, passage] of each document in typed arrays indexed by
  // document number (-1: no match), and the documents in the order they were first matched.
  function termMatches(manifest, shardData, term) {
    var docs = manifest.docs, weights = new Int32Array(docs).fill(-1), passages = new Int32Array(docs);
    var named = new Uint8Array(docs);
    var list = [], cap = UNCAPPED;
    // A longer word counts at most three quarters of the word itself at its best (the exact term
    // comes first), so a common word does not rank by the rare words it begins.
    scan(manifest, shardData, term, prefixes(term), function visit(candidate, s) {
      var exact = candidate === term, i = 0, n = s.length, doc = -1, value, scale, digit, weight, passage;
      var top = 0;
      while (i < n) {
        for (value = 0, scale = 1; ; scale *= 32) {
          digit = VALUE[s.charCodeAt(i++)]; value += (digit & 31) * scale; if (!(digit & 32 && i < n)) break;
        }
        doc += value + 1;
        for (value = 0, scale = 1; ; scale *= 32) {
          digit = VALUE[s.charCodeAt(i++)]; value += (digit & 31) * scale; if (!(digit & 32 && i < n)) break;
        }
        // Twice the impact, plus 1 when the word is in the title or identifier.
        if (value & 1) named[doc] = 1;
        value = value >> 1;
        if (exact && value > top) top = value;
        weight = exact ? value : Math.min(Math.floor(value * 3 / 4), cap);
        for (passage = 0, scale = 1; ; scale *= 32) {
          digit = VALUE[s.charCodeAt(i++)]; passage += (digit & 31) * scale; if (!(digit & 32 && i < n)) break;
        }
        var current = weights[doc];
        if (current < 0) list.push(doc);
        else if (current > weight || current === weight && passages[doc] <= passage) continue;
        weights[doc] = weight;
        passages[doc] = passage;
      }
      if (exact) cap = Math.floor(top * 3 / 4);
    });
    return { weights: weights, passages: passages, named: named, list: list };
  }
  function rank(manifest, shardData, terms, groups, order) {
    var matches = terms.map(function (t) { return termMatches(manifest, shardData, t.term); });
    // Candidates: the documents of every required term and of every filter group.
    var sets = [];
    terms.forEach(function (t, i) {
      if (t.required) sets.push({ list: matches[i].list, members: matches[i].weights });
    });
    groups.forEach(function (group) {
      var allowed = new Int32Array(manifest.docs).fill(-1), list = [];
      group.forEach(function (term) {
        scan(manifest, shardData, term, false, function (candidate, postings) {
          decode(postings, true, function (doc) { if (allowed[doc] < 0) { allowed[doc] = 0; list.push(doc); } });
        });
      });
      sets.push({ list: list, members: allowed });
    });
    if (!sets.length) return { total: 0, slice: function () { return []; } };
    var smallest = sets.reduce(function (a, b) { return b.list.length < a.list.length ? b : a; });
    // Each candidate as one number that sorts natively: relevance is score descending, then
    // document number; date is document number.
    var keys = new Float64Array(smallest.list.length), scores = new Int32Array(manifest.docs);
    var best = new Int32Array(manifest.docs), found = 0, count = terms.length, byDate = order === 'date';
    smallest.list.forEach(function scoreCandidate(doc) {
      for (var k = 0; k < sets.length; k++) if (sets[k].members[doc] < 0) return;
      var score = 0, passage = 0, frequency = UNCAPPED, required = 0, named = 0;
      for (var i = 0; i < count; i++) {
        var match = matches[i], weight = match.weights[doc];
        if (weight < 0) continue;
        score += weight;
        if (terms[i].required) { required++; named += match.named[doc]; }
        if (terms[i].required && match.list.length < frequency) {
          frequency = match.list.length;
          passage = match.passages[doc];
        }
      }
      // Every word of the query in the title: the document is most likely the one sought.
      if (required > 0 && named === required) score += Math.floor(score / 2);
      scores[doc] = score;
      best[doc] = passage;
      keys[found++] = byDate ? doc : (SCORES - score) * DOCS + doc;
    });
    keys = keys.subarray(0, found).sort();
    return {
      total: found,
      slice: function (start, end) {
        var out = [];
        for (var i = start; i < Math.min(end, found); i++) {
          var doc = keys[i] % DOCS;
          out.push({ doc: doc, score: scores[doc], passage: best[doc] });
        }
        return out;
      }
    };
  }
  // UNCAPPED stands for no limit where a small integer keeps V8's optimised code on integers
  // (Infinity would make it a float and throw the code away mid-query).
  var DOCS = 16777216, SCORES = 67108864, UNCAPPED = 0x3fffffff;
  var warmed = false;
  function warm() {
    if (warmed) return;
    warmed = true;
    // Ranking and highlighting run on made-up data when the manifest arrives (25-70 ms of the
    // main thread once), so that V8 has optimised them before the first real query: unoptimised,
    // ranking a three-word query took 16-24 ms in Chromium; optimised, 3-6 ms. The postings are
    // shaped like real ones (gaps, impacts with and without the title bit, and passages vary; a
    // word's longer forms share documents with it; a filter term exists), since each branch the
    // ranking takes on real data must have run here: code optimised without it is thrown away
    // when the branch first runs, mid-query.
    var seed = 7, docs = 2000;
    function random(n) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; }
    function vlq(value, out) {
      do { var digit = value & 31; value = Math.floor(value / 32); out.push(DIGITS[digit | (value ? 32 : 0)]); } while (value);
    }
    function postings(count, facet) {
      var out = [], doc = -1;
      for (var n = 0; n < count && doc < docs - 2; n++) {
        var next = Math.min(docs - 1, doc + 1 + random(Math.max(1, Math.floor(2 * docs / count))));
        vlq(next - doc - 1, out);
        doc = next;
        if (!facet) { vlq(random(400) * 2 + (random(4) === 0 ? 1 : 0), out); vlq(random(40), out); }
      }
      return out.join('');
    }
    // The shard goes through JSON.parse and the query through the tokeniser, as real ones do, so
    // their strings are of the same kinds (V8 compiles for the kinds it has seen).
    var shard = JSON.parse(JSON.stringify([':kind=warm', postings(1500, true), 'warma', postings(1200),
      'warmb', postings(2500), 'warmbs', postings(800), 'warmbz', postings(600), 'warmbzz', postings(2),
      'warmc', postings(300), 'warmcy', postings(200), 'warmcyy', postings(1)]));
    var fake = { docs: docs, shards: [['', '']] }, data = { 0: shard };
    var queries = [queryTerms('warmb warma warmc'), queryTerms('warmb warmCy'), queryTerms('warma')];
    for (var n = 0; n < 3; n++) {
      queries.forEach(function (terms, i) {
        rank(fake, data, terms, i === 2 ? facetTerms({ filters: { kind: ['warm'] } }) : [],
          n % 2 ? 'date' : 'relevance').slice(0, 10);
      });
    }
    tokens('Warm up: parseHeaders, snake_case, v1.2, café, 数据库');
  }
  // A hit with its metadata and excerpt: {doc, score, id, title, kind, status, date, url,
  // anchor, tags, owner, team, excerpt}; url is relative to the site's root, with #anchor.
  // One file per hit, named from the manifest and the hit alone; a file holds that part of
  // `manifest.bundle` consecutive documents, so hits it holds share one request (load keeps it).
  function describe(manifest, hit) {
    var part = Math.floor(hit.passage / manifest.part), bundle = Math.floor(hit.doc / manifest.bundle);
    return load('x/' + manifest.groups[Math.floor(hit.doc / manifest.group)] + '-' + bundle + '-' + part)
      .then(function (files) {
        var file = files[hit.doc - bundle * manifest.bundle];
        var record = file[0], passage = file[1][hit.passage - part * manifest.part] || ['', ''];
        return {
          doc: hit.doc, score: hit.score, id: record[0], title: record[1], kind: record[2],
          status: record[3] || null, date: record[4] || null, tags: record[6], owner: record[7] || null,
          team: record[8] || null, anchor: passage[0] || null, excerpt: passage[1],
          url: record[5] + (passage[0] ? '#' + passage[0] : '')
        };
      });
  }
  // Resolves after the next frame is painted (or 50 ms, where no frame comes: a hidden tab).
  function nextFrame() {
    return new Promise(function (resolve) {
      if (typeof requestAnimationFrame !== 'function') return resolve();
      var timer = setTimeout(resolve, 50);
      requestAnimationFrame(function () { clearTimeout(timer); setTimeout(resolve, 0); });
    });
  }
  // search({text, filters: {kind: [...], ...}, order: 'relevance'|'date', limit, offset})
  // → Promise of {total, results: [described hit]}.
  // The page of results a query asks for; each(result, index, total) is called for results in
  // order as soon as they and those before them have loaded. With `each` (the search box) the
  // first result's file is asked for alone, and the others once it is on screen: each request
  // costs the page's main thread a little, and nine more at once hold up the frame that shows
  // the first. Without it, all of the page's files are asked for at once.
  function searchPage(query, each) {
    return Promise.all([hits(query), S.manifest()]).then(function (both) {
      var ranked = both[0], offset = query.offset || 0, ready = 0;
      var page = ranked.slice(offset, offset + (query.limit || 10)), results = [];
      // Results from..<to of the page: each is handed to `each` once it and those before it
      // have loaded.
      function show(from, to) {
        return Promise.all(page.slice(from, to).map(function (hit, i) {
          return describe(both[1], hit).then(function (result) {
            results[from + i] = result;
            while (each && ready < page.length && results[ready]) each(results[ready], ready++, ranked.total);
          });
        }));
      }
      var shown = each && page.length > 1 ?
        show(0, 1).then(nextFrame).then(function () { return show(1); }) : show(0);
      return shown.then(function () { return { total: ranked.total, results: results }; });
    });
  }
  S.search = function (query) { return searchPage(query, null); };
  // Optimises the ranking code ahead of the first query (the search box calls it once its
  // manifest is in); results are the same with or without it.
  S.warm = warm;

  /* ---- the page ---- */
  if (typeof document === 'undefined') return;
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  // The excerpt as text nodes, with the words the query matched in <mark>.
  function highlight(target, text, terms) {
    var ranges = [];
    tokens(text).forEach(function (token) {
      if (token[1] === 2) return;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i].term;
        if (token[0] === term || prefixes(term) && token[0].startsWith(term)) {
          ranges.push([token[2], token[3]]);
          return;
        }
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    ranges.forEach(function (range) {
      if (range[0] < at) { if (range[1] > at) range[0] = at; else return; }
      if (range[0] > at) target.appendChild(document.createTextNode(text.slice(at, range[0])));
      target.appendChild(element('mark', '', text.slice(range[0], range[1])));
      at = range[1];
    });
    if (at < text.length) target.appendChild(document.createTextNode(text.slice(at)));
  }
  function init() {
    var box = document.getElementById('baton-search');
    if (!box) return;
    var input = box.querySelector('#baton-search-input') || box.querySelector('input[type="search"]');
    if (!input) return;
    var root = box.getAttribute('data-root');
    if (root === null) {
      var tag = script || document.querySelector('script[src$="search.js"]');
      root = tag ? tag.src.replace(/[^/]*\/[^/]*$/, '') : '';
    }
    if (root && !/\/$/.test(root)) root += '/';
    S.base = root + 'search/';
    var list = box.querySelector('#baton-search-results');
    if (!list) { list = element('ul'); list.id = 'baton-search-results'; box.appendChild(list); }
    var status = box.querySelector('#baton-search-status');
    if (!status) { status = element('p'); status.id = 'baton-search-status'; box.insertBefore(status, list); }
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    var more = element('button', 'baton-search-more', 'More results');
    more.type = 'button';
    more.hidden = true;
    list.after(more);
    var filterBox = box.querySelector('#baton-search-filters'), sort = box.querySelector('#baton-search-sort');
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Search results');
    list.hidden = true;
    // A text box that controls the list (its arrow keys move through it); not role=combobox,
    // which axe-core 3 does not allow on an input.
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('autocomplete', 'off');
    var params = new URLSearchParams(location.search), active = -1, shown = 0, sequence = 0, timer = 0;
    input.value = params.get('q') || input.value;
    if (sort && params.get('sort')) sort.value = params.get('sort');

    function filters() {
      var chosen = {};
      if (!filterBox) return chosen;
      filterBox.querySelectorAll('input[type="checkbox"]:checked').forEach(function (box) {
        (chosen[box.name] = chosen[box.name] || []).push(box.value);
      });
      return chosen;
    }
    function buildFilters(manifest) {
      if (!filterBox || filterBox.getAttribute('data-built')) return;
      filterBox.setAttribute('data-built', '1');
      FACETS.forEach(function (facet) {
        var values = (manifest.facets[facet] || []).slice()
          .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, 30);
        if (!values.length) return;
        var group = element('fieldset', 'baton-search-facet');
        group.appendChild(element('legend', '', facet));
        var wanted = params.getAll(facet);
        values.forEach(function (value) {
          var label = element('label'), check = element('input');
          check.type = 'checkbox';
          check.name = facet;
          check.value = value[0];
          check.checked = wanted.indexOf(value[0]) >= 0;
          label.appendChild(check);
          label.appendChild(document.createTextNode(' ' + value[0] + ' '));
          label.appendChild(element('span', 'baton-search-count', '(' + value[1] + ')'));
          group.appendChild(label);
        });
        filterBox.appendChild(group);
      });
      filterBox.hidden = false;
    }
    function remember() {
      var next = new URLSearchParams(location.search), chosen = filters();
      ['q', 'sort'].concat(FACETS).forEach(function (key) { next.delete(key); });
      if (input.value) next.set('q', input.value);
      if (sort && sort.value !== 'relevance') next.set('sort', sort.value);
      FACETS.forEach(function (facet) { (chosen[facet] || []).forEach(function (v) { next.append(facet, v); }); });
      var search = next.toString();
      try { history.replaceState(history.state, '', location.pathname + (search ? '?' + search : '') + location.hash); } catch (e) { /* file:// in some browsers */ }
    }
    function options() { return list.querySelectorAll('[role="option"]'); }
    function activate(index) {
      var all = options();
      if (!all.length) { active = -1; input.removeAttribute('aria-activedescendant'); return; }
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) { option.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    }
    function open(isOpen) {
      list.hidden = !isOpen;
      if (!isOpen) { active = -1; input.removeAttribute('aria-activedescendant'); more.hidden = true; }
    }
    function item(terms, result) {
      var node = element('li', 'baton-search-result'), link = element('a');
      node.id = 'baton-search-option-' + shown++;
      node.setAttribute('role', 'option');
      node.setAttribute('aria-selected', 'false');
      if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(result.url)) link.href = root + result.url;
      link.tabIndex = -1;
      link.appendChild(element('span', 'baton-search-title', result.title));
      var badge = [result.kind, result.status, result.date].filter(Boolean).join(' · ');
      link.appendChild(element('span', 'baton-search-badge', badge));
      var excerpt = element('span', 'baton-search-excerpt');
      highlight(excerpt, result.excerpt, terms);
      link.appendChild(excerpt);
      node.appendChild(link);
      list.appendChild(node);
    }
    function announce(total, text) {
      status.textContent = total === 0 ? 'No results' :
        total + (total === 1 ? ' result' : ' results') + (text ? ' for “' + text + '”' : '');
    }
    // Results are shown in order as they load: the first can be read before the tenth arrives.
    function run(append) {
      var text = input.value.trim(), chosen = filters(), number = ++sequence;
      // The address follows the query once its results are shown (or it fails): updating it
      // takes the page's main thread 1-5 ms in Chromium, which the first result would wait for
      // if it ran while the query's files load.
      if (!text && !Object.keys(chosen).length) { remember(); open(false); list.textContent = ''; status.textContent = ''; return; }
      var terms = queryTerms(text), started = false;
      function start() {
        started = true;
        if (!append) { list.textContent = ''; shown = 0; }
      }
      var query = { text: text, filters: chosen, order: sort ? sort.value : 'relevance', limit: 10, offset: append ? shown : 0 };
      searchPage(query, function (result, index, total) {
        if (number !== sequence) return;
        if (!started) { start(); announce(total, text); open(true); }
        item(terms, result);
      }).then(function (page) {
        if (number !== sequence) return;
        if (!started) start();
        more.hidden = shown >= page.total;
        open(page.total > 0);
        announce(page.total, text);
      }, function (error) {
        if (number === sequence) status.textContent = 'Search is unavailable: ' + error.message;
      }).then(function () { if (number === sequence) remember(); });
    }
    // After a pause the query runs at once (a paste, or the first key); while typing, 120 ms
    // after the last key.
    var lastInput = -Infinity;
    function schedule() {
      var now = Date.now(), typing = now - lastInput < 120;
      lastInput = now;
      clearTimeout(timer);
      if (typing) timer = setTimeout(function () { run(false); }, 120); else run(false);
    }
    function prepare() { S.manifest().then(function (manifest) { buildFilters(manifest); warm(); }, function () {}); }
    input.addEventListener('input', schedule);
    input.addEventListener('focus', prepare);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (list.hidden && options().length) open(true);
        activate(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Enter') {
        var all = options(), target = all[active >= 0 ? active : 0];
        var link = target && target.querySelector('a[href]');
        if (link) { event.preventDefault(); location.href = link.href; }
      } else if (event.key === 'Escape') {
        if (!list.hidden) open(false); else { input.value = ''; run(false); }
      }
    });
    more.addEventListener('click', function () { run(true); });
    if (filterBox) { filterBox.hidden = true; filterBox.addEventListener('change', function () { run(false); }); prepare(); }
    if (sort) sort.addEventListener('change', function () { run(false); });
    document.addEventListener('keydown', function (event) {
      var target = event.target, tag = target && target.tagName;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
    if (input.value || FACETS.some(function (f) { return params.has(f); })) {
      S.manifest().then(function (manifest) { buildFilters(manifest); run(false); }, function () { run(false); });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
