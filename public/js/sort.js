// Progressive enhancement: click a column header of a table[data-sortable] to sort it.
// The table is complete without this script; cells carry data-sort with the raw value.
(function () {
  function value(cell, numeric) {
    var raw = cell ? cell.getAttribute('data-sort') : '';
    if (raw === null) raw = cell.textContent.trim();
    if (raw === '') return null;
    if (numeric) {
      var n = Number(raw);
      return isNaN(n) ? null : n;
    }
    return raw;
  }
  function sort(table, index, numeric, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a.cells[index], numeric);
      var y = value(b.cells[index], numeric);
      if (x === null && y === null) return 0;
      if (x === null) return 1; // unknown values stay last either way
      if (y === null) return -1;
      var c = numeric ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return descending ? -c : c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function enhance(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      while (th.firstChild) button.appendChild(th.firstChild);
      var mark = document.createElement('span');
      mark.className = 'sort-mark';
      mark.setAttribute('aria-hidden', 'true');
      button.appendChild(mark);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var descending = th.getAttribute('aria-sort') === 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        sort(table, index, th.getAttribute('data-type') === 'number', descending);
      });
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), enhance);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
