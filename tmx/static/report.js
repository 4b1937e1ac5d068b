/* Sorting (any table with data-sort buttons) and filtering (each pair's bead table). */
(function () {
  "use strict";
  function num(v) { var x = Number(v); return isNaN(x) ? v : x; }
  document.querySelectorAll("button[data-sort]").forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.parentNode, table = th.closest("table"), body = table.tBodies[0];
      var key = button.dataset.sort;
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = num(a.dataset[key]), y = num(b.dataset[key]);
        return (x < y ? -1 : x > y ? 1 : num(a.dataset.n) - num(b.dataset.n)) * dir;
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
  document.querySelectorAll("section.pair").forEach(function (section) {
    var controls = section.querySelector(".controls"), table = section.querySelector("table.all");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var q = controls.querySelector(".q"), kind = controls.querySelector(".kind-filter");
    var weak = controls.querySelector(".weak-only"), limit = controls.querySelector(".limit");
    function apply() {
      var text = q.value.trim().toLowerCase(), t = parseFloat(limit.value), shown = 0;
      rows.forEach(function (row) {
        var ok = (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
          (!kind.value || row.dataset.kind === kind.value) &&
          (!weak.checked || parseFloat(row.dataset.conf) < t);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      controls.querySelector(".shown").textContent = shown + " of " + rows.length + " beads shown";
    }
    [q, kind, weak, limit].forEach(function (el) { el.addEventListener("input", apply); });
    section.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var row = link && document.getElementById(link.getAttribute("href").slice(1));
      if (row && row.hidden) { q.value = ""; kind.value = ""; weak.checked = false; apply(); }
    });
    controls.hidden = false;
    apply();
  });
}());
