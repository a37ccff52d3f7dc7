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
