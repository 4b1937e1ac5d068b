"use strict";
// The pairs of a corpus, weakest first (the server sorts them); each opens its own review.
(async () => {
  const body = document.querySelector("#pairs tbody");
  const response = await fetch("pairs");
  if (!response.ok) {
    document.getElementById("status").textContent = "could not load the pairs: " + response.statusText;
    return;
  }
  const pairs = await response.json();
  pairs.forEach((pair, rank) => {
    const row = body.insertRow();
    const cells = [String(rank + 1), pair.src, pair.tgt, pair.score,
      pair.mean === undefined ? "no review project" : pair.mean.toFixed(3),
      pair.weak === undefined ? "" : String(pair.weak),
      pair.beads === undefined ? "" : `${pair.reviewed} / ${pair.beads}`];
    cells.forEach((text, column) => {
      const cell = row.insertCell();
      if (column === 1 && pair.project !== null) {
        const link = document.createElement("a");
        link.href = `p/${pair.project}/`;
        link.textContent = text;
        cell.append(link);
      } else {
        cell.textContent = text;
      }
    });
  });
  document.body.dataset.ready = "1";
})();
