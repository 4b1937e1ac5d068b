"use strict";
// The review page: beads as rows, keyboard first. Every edit goes to the server, which
// makes it (align.review), saves the project and answers with the beads that changed.

const view = {
  data: null,     // {src, tgt, beads, tmx, edits, canUndo, canRedo, corpus}
  rows: [],       // one element per bead, in order
  lower: null,    // lower-cased sentence texts per side, for search
  bead: 0,        // the current bead
  side: "src",    // the current side
  sentence: 0,    // position of the focused sentence in the current bead's side
  lastWeak: null, // [confidence, bead] where the "next weakest" walk is
  pending: 0,     // requests not yet answered
  queue: Promise.resolve(),
};
const $ = (id) => document.getElementById(id);

function say(text, error = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", error);
}

async function request(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)};
  const response = await fetch(path, options);
  const answer = await response.json().catch(() => ({error: response.statusText}));
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

function sideCell(side, ids) {
  const sentences = view.data[side];
  const cell = document.createElement("div");
  cell.className = "side " + side;
  cell.lang = sentences.lang;
  for (const i of ids) {
    const span = document.createElement("span");
    span.className = i === 0 || sentences.paragraph[i] !== sentences.paragraph[i - 1] ? "s para" : "s";
    span.textContent = sentences.texts[i];
    cell.append(span, " ");
  }
  return cell;
}

function beadRow(bead) {
  const [src, tgt, confidence, reviewed] = bead;
  const row = document.createElement("div");
  row.className = reviewed ? "bead reviewed" : "bead";
  const score = document.createElement("div");
  score.className = "conf";
  if (reviewed) {
    score.textContent = "✓";
    score.title = "reviewed " + reviewed;
  } else {
    score.textContent = confidence.toFixed(2);
    score.style.background = `hsl(${Math.round(120 * confidence)} 75% 82%)`;
  }
  row.append(score, sideCell("src", src), sideCell("tgt", tgt));
  return row;
}

function sideIds(bead, side) {
  return view.data.beads[bead][side === "src" ? 0 : 1];
}

function showCursor(scroll = "nearest") {
  document.querySelectorAll(".bead.cur, .s.focus").forEach((e) => e.classList.remove("cur", "focus"));
  const beads = view.data.beads;
  view.bead = Math.max(0, Math.min(view.bead, beads.length - 1));
  const row = view.rows[view.bead];
  if (!row) return;
  const ids = sideIds(view.bead, view.side);
  view.sentence = Math.max(0, Math.min(view.sentence, ids.length - 1));
  row.classList.add("cur");
  const spans = row.querySelector(".side." + view.side).querySelectorAll(".s");
  if (spans[view.sentence]) spans[view.sentence].classList.add("focus");
  if (scroll) row.scrollIntoView({block: scroll});
  const [src, tgt, confidence, reviewed] = beads[view.bead];
  say(`bead ${view.bead + 1} / ${beads.length} · ${src.length}-${tgt.length} · ` +
      (reviewed ? `reviewed ${reviewed}` : `confidence ${confidence.toFixed(2)}`) +
      ` · ${view.data.edits} ${view.data.edits === 1 ? "edit" : "edits"}, saved`);
}

function history(answer) {
  view.data.edits = answer.edits;
  $("undo").disabled = !answer.canUndo;
  $("redo").disabled = !answer.canRedo;
  document.body.dataset.edits = String(answer.edits);
}

function applyChange(answer) {
  const {start, removed, beads} = answer;
  const fresh = beads.map(beadRow);
  const after = view.rows[start + removed] || null;
  view.rows.slice(start, start + removed).forEach((row) => row.remove());
  const container = $("beads");
  for (const row of fresh) container.insertBefore(row, after);
  view.rows.splice(start, removed, ...fresh);
  view.data.beads.splice(start, removed, ...beads);
  history(answer);
  if (view.bead >= start + beads.length && view.bead < start + removed) view.bead = start;
  showCursor();
}

function send(path, body) {
  view.pending += 1;
  document.body.dataset.pending = String(view.pending);
  let started = 0;
  view.queue = view.queue
    .then(() => { started = performance.now(); return request(path, body); })
    .then((answer) => (path === "write"
      ? say(`wrote ${answer.tus} TUs to ${answer.tmx}`) : applyChange(answer)))
    .then(() => { document.body.dataset.editMs = String(Math.round(performance.now() - started)); })
    .catch((error) => say(error.message, true))
    .finally(() => {
      view.pending -= 1;
      document.body.dataset.pending = String(view.pending);
    });
}

function edit(op, fields = {}) {
  send("edit", {op, bead: view.bead, side: view.side, ...fields});
}

function split() {
  for (const side of [view.side, view.side === "src" ? "tgt" : "src"]) {
    const ids = sideIds(view.bead, side);
    if (ids.length < 2) continue;
    const at = side === view.side && view.sentence > 0 ? view.sentence : 1;
    return edit("split", {side, sentence: ids[at]});
  }
  say("a bead with one sentence a side cannot be split", true);
}

function unpair() {
  const ids = sideIds(view.bead, view.side);
  if (!ids.length) return say("no sentence here", true);
  edit("unpair", {sentence: ids[view.sentence]});
}

function nextWeakest(fromStart = false) {
  // Walks the beads not yet reviewed in weakest-first order (lowest confidence, then
  // document order), wrapping round; from the weakest of all at first and when ``fromStart``.
  const before = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const last = fromStart ? null : view.lastWeak;
  let best = null;
  let first = null;
  view.data.beads.forEach((b, n) => {
    if (b[3] || !b[0].length || !b[1].length) return;
    const key = [b[2], n];
    if (!first || before(key, first)) first = key;
    if (last && before(last, key) && (!best || before(key, best))) best = key;
  });
  const target = best || first;
  if (!target) return say("every bead is reviewed");
  view.lastWeak = target;
  moveTo(target[1], 0, "center");
}

function moveTo(bead, sentence = 0, scroll = "nearest") {
  view.bead = bead;
  view.sentence = sentence;
  showCursor(scroll);
}

function step(delta) {
  // The next or previous sentence of the current side, across beads.
  let {bead, sentence} = view;
  sentence += delta;
  while (bead >= 0 && bead < view.rows.length) {
    const ids = sideIds(bead, view.side);
    if (sentence >= 0 && sentence < ids.length) return moveTo(bead, sentence);
    bead += delta;
    if (bead < 0 || bead >= view.rows.length) return;
    sentence = delta > 0 ? 0 : sideIds(bead, view.side).length - 1;
  }
}

function search(backwards = false) {
  const query = $("search").value.trim().toLowerCase();
  if (!query) return;
  const beads = view.data.beads;
  const n = beads.length;
  for (let k = 1; k <= n; k++) {
    const bead = (view.bead + (backwards ? -k : k) + n * 2) % n;
    for (const side of ["src", "tgt"]) {
      const ids = sideIds(bead, side);
      const hit = ids.findIndex((i) => view.lower[side][i].includes(query));
      if (hit >= 0) {
        view.side = side;
        document.querySelectorAll(".bead.hit").forEach((e) => e.classList.remove("hit"));
        view.rows[bead].classList.add("hit");
        return moveTo(bead, hit, "center");
      }
    }
  }
  say(`“${query}” not found`, true);
}

const KEYS = {
  j: () => moveTo(view.bead + 1),
  k: () => moveTo(view.bead - 1),
  J: () => step(1),
  K: () => step(-1),
  h: () => { view.side = "src"; showCursor(); },
  l: () => { view.side = "tgt"; showCursor(); },
  Tab: () => { view.side = view.side === "src" ? "tgt" : "src"; showCursor(); },
  m: () => edit("merge"),
  s: split,
  x: unpair,
  ArrowUp: () => edit("move", {down: false}),
  ArrowDown: () => edit("move", {down: true}),
  c: () => { edit("confirm"); view.queue = view.queue.then(() => nextWeakest(true)); },
  n: () => nextWeakest(),
  u: () => send("undo", {}),
  U: () => send("redo", {}),
  w: () => send("write", {}),
  "/": () => { $("search").focus(); $("search").select(); },
};

function onKey(event) {
  if (event.target === $("search")) {
    if (event.key === "Enter") search(event.shiftKey);
    if (event.key === "Escape") $("search").blur();
    return;
  }
  if (event.altKey || event.metaKey) return;
  let action = KEYS[event.key];
  if (event.ctrlKey) {
    const key = event.key.toLowerCase();
    action = key === "z" ? KEYS[event.shiftKey ? "U" : "u"] : key === "y" ? KEYS.U : null;
  }
  if (!action || !view.data) return;
  event.preventDefault();
  action();
}

function onClick(event) {
  const span = event.target.closest(".s");
  const row = event.target.closest(".bead");
  if (!row) return;
  const bead = view.rows.indexOf(row);
  if (span) {
    view.side = span.parentElement.classList.contains("src") ? "src" : "tgt";
    return moveTo(bead, [...span.parentElement.querySelectorAll(".s")].indexOf(span));
  }
  moveTo(bead);
}

async function load() {
  const started = performance.now();
  try {
    view.data = await request("data");
  } catch (error) {
    return say("could not load the alignment: " + error.message, true);
  }
  const data = view.data;
  view.lower = {src: data.src.texts.map((t) => t.toLowerCase()),
                tgt: data.tgt.texts.map((t) => t.toLowerCase())};
  $("title").textContent = `${data.src.name} ↔ ${data.tgt.name} → ${data.tmx}`;
  $("pairs").hidden = !data.corpus;
  const fragment = document.createDocumentFragment();
  view.rows = data.beads.map(beadRow);
  fragment.append(...view.rows);
  $("beads").append(fragment);
  history(data);
  showCursor(null);
  document.body.dataset.loadMs = String(Math.round(performance.now() - started));
  document.body.dataset.ready = "1";
}

document.addEventListener("keydown", onKey);
$("beads").addEventListener("click", onClick);
$("weakest").addEventListener("click", () => nextWeakest());
$("undo").addEventListener("click", KEYS.u);
$("redo").addEventListener("click", KEYS.U);
$("write").addEventListener("click", KEYS.w);
load();
