// Baton default theme: deadline and review marks, and the decision log's filters.
// No dependencies; works from file:// and under any base path.
(function () {
  'use strict';

  function pad(n) { return n < 10 ? '0' + n : String(n); }
  var now = new Date();
  var today = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());

  function mark(element, className, text) {
    element.classList.add(className);
    var badge = document.createElement('span');
    badge.className = 'badge badge-' + className;
    badge.textContent = text;
    element.appendChild(badge);
  }

  // Whether a deadline passed depends on the reader's day, not the build's.
  document.querySelectorAll('[data-deadline]').forEach(function (element) {
    var deadline = element.getAttribute('data-deadline');
    if (deadline && deadline < today) { mark(element, 'overdue', 'overdue'); }
  });
  document.querySelectorAll('[data-review-by]').forEach(function (element) {
    var day = element.getAttribute('data-review-by');
    if (day && day < today) { mark(element, 'stale', 'review overdue'); }
  });

  // The handbook's navigation. A page carries its ancestors, its siblings and what it holds;
  // its collection's tree.js (loaded after this file) hands over the whole tree, drawn here open
  // at the page, each folder with a button that shows or hides what it holds.
  window.batonTree = function (nodes) {
    var list = document.querySelector('ul[data-tree-page]');
    if (!list) { return; }
    var root = list.getAttribute('data-tree-root') || '';
    var page = list.getAttribute('data-tree-page');
    var urls = [], folders = [], children = [], current = -1;
    nodes.forEach(function (node, i) {
      var link = node[1], parent = node[2];
      var inside = parent < 0 ? '' : folders[parent];
      var url = link.charAt(0) === '/' ? link.slice(1) : inside + link;
      if (url === '' || url.charAt(url.length - 1) === '/') { url += 'index.html'; }
      urls.push(url);
      folders.push(/index\.html$/.test(url) ? url.slice(0, -10) : inside);
      children.push([]);
      if (parent >= 0) { children[parent].push(i); }
      if (url === page) { current = i; }
    });
    if (current < 0) { return; }
    var open = {};
    for (var at = current; at >= 0; at = nodes[at][2]) { open[at] = true; }

    function level(folder) {
      var ul = document.createElement('ul');
      children[folder].forEach(function (child) { ul.appendChild(item(child)); });
      return ul;
    }
    function item(i) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + urls[i];
      a.textContent = nodes[i][0];
      if (i === current) { a.setAttribute('aria-current', 'page'); }
      if (nodes[i][3]) { li.className = 'folder'; }
      if (!children[i].length) {
        li.appendChild(a);
        return li;
      }
      var button = document.createElement('button');
      var sublist = null;
      button.type = 'button';
      button.className = 'tree-toggle';
      button.setAttribute('aria-label', 'Pages in ' + nodes[i][0]);
      function show(shown) {
        button.setAttribute('aria-expanded', shown ? 'true' : 'false');
        if (shown && !sublist) { sublist = li.appendChild(level(i)); }
        if (sublist) { sublist.hidden = !shown; }
      }
      button.addEventListener('click', function () {
        show(button.getAttribute('aria-expanded') !== 'true');
      });
      li.appendChild(button);
      li.appendChild(a);
      show(!!open[i]);
      return li;
    }
    var drawn = level(0);
    drawn.setAttribute('data-tree-root', root);
    drawn.setAttribute('data-tree-page', page);
    list.parentNode.replaceChild(drawn, list);
  };

  var form = document.getElementById('filters');
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-filter-row]'));
  var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
  var output = document.getElementById('filter-count');
  var params = new URLSearchParams(window.location.search);

  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted === null) { return; }
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === wanted;
    });
    if (!known) {
      var option = document.createElement('option');
      option.value = wanted;
      option.textContent = wanted + ' (0)';
      select.appendChild(option);
    }
    select.value = wanted;
  });

  function matches(row, name, value) {
    if (!value) { return true; }
    if (name === 'tag') {
      return (row.getAttribute('data-tags') || '').split('|').indexOf(value) >= 0;
    }
    return (row.getAttribute('data-' + name) || '') === value;
  }

  function apply(updateURL) {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = selects.every(function (select) {
        return matches(row, select.name, select.value);
      });
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    if (output) { output.textContent = shown + ' of ' + rows.length + ' shown'; }
    if (!updateURL) { return; }
    var query = new URLSearchParams();
    selects.forEach(function (select) {
      if (select.value) { query.set(select.name, select.value); }
    });
    var search = query.toString();
    try {
      window.history.replaceState(null, '', search ? '?' + search : window.location.pathname);
    } catch (error) {
      // Some browsers refuse to change file:// addresses; the filter still applies.
    }
  }

  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
})();
