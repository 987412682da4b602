// eventwire web UI: stats, filtered events table, article view with highlighted spans.
// Plain DOM, no dependencies. Text goes in with textContent only (never innerHTML).
"use strict";

const PAGE_SIZE = 500;
const $ = (sel) => document.querySelector(sel);
const articleCache = new Map();

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.statusText);
    throw new Error(detail);
  }
  return body;
}

async function loadStats() {
  try {
    const stats = await getJSON("/api/stats");
    for (const dd of document.querySelectorAll("[data-stat]")) {
      dd.textContent = Number(stats[dd.dataset.stat] ?? 0).toLocaleString("en");
    }
  } catch (err) {
    $("#status").textContent = `Could not load counts: ${err.message}`;
  }
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData($("#filters"))) {
    if (String(value).trim()) params.set(name, String(value).trim());
  }
  return params;
}

function actorCell(name, code) {
  if (!name && !code) return "–";
  return el("span", {}, name || "", code ? el("code", { className: "code" }, code) : null);
}

function casualties(row) {
  if (row.dead === null && row.injured === null) return "–";
  return `${row.dead ?? "–"} / ${row.injured ?? "–"}`;
}

function eventRow(row) {
  const open = el("button", {
    type: "button",
    className: "row-open",
    textContent: row.date || "undated",
    title: "Show the article",
  });
  open.setAttribute("aria-label", `${row.date || "undated"}: ${row.plover} – show article ${row.title || row.article_id}`);
  const place = row.place_name ? `${row.place_name}${row.place_country ? ` (${row.place_country})` : ""}` : "–";
  const tr = el("tr", {},
    el("td", {}, open),
    el("td", {}, row.plover),
    el("td", {}, el("code", {}, row.cameo)),
    el("td", {}, actorCell(row.source_name, row.source_code)),
    el("td", {}, actorCell(row.target_name, row.target_code)),
    el("td", {}, place),
    el("td", { className: "num" }, casualties(row)),
    el("td", {}, row.factual ? "yes" : `no (${row.modality})`),
    el("td", { className: "num" }, Number(row.confidence).toFixed(2)),
    el("td", {}, row.outlet || "–"),
    el("td", { className: "evidence-cell" }, row.evidence),
  );
  tr.dataset.articleId = row.article_id;
  tr.dataset.eventId = row.event_id;
  tr.addEventListener("click", () => showArticle(row, tr));
  return tr;
}

async function loadEvents() {
  const params = filterParams();
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  params.set("limit", String(PAGE_SIZE));
  const status = $("#status");
  status.textContent = "Loading events…";
  try {
    const rows = await getJSON(`/api/events?${params}`);
    $("#events tbody").replaceChildren(...rows.map(eventRow));
    status.textContent = rows.length === 0 ? "No events match these filters."
      : rows.length === PAGE_SIZE ? `Showing the first ${PAGE_SIZE} events; narrow the filters to see others.`
      : `${rows.length} event${rows.length === 1 ? "" : "s"}.`;
  } catch (err) {
    $("#events tbody").replaceChildren();
    status.textContent = `Could not load events: ${err.message}`;
  }
}

// Split `text` at every span boundary; each piece gets the classes of the spans covering it.
function highlight(text, spans) {
  const valid = spans.filter((s) => s.start < s.end && s.start >= 0 && s.end <= text.length);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (covering.length === 0) {
      pieces.push(document.createTextNode(piece));
      continue;
    }
    const mark = el("mark", { textContent: piece });
    mark.className = [...new Set(covering.map((s) => s.cls))].join(" ");
    const titled = covering.find((s) => s.title);
    if (titled) mark.title = titled.title;
    pieces.push(mark);
  }
  return pieces;
}

async function showArticle(row, tr) {
  for (const selected of document.querySelectorAll("#events tr.selected")) selected.classList.remove("selected");
  tr.classList.add("selected");
  const section = $("#article");
  try {
    if (!articleCache.has(row.article_id)) {
      articleCache.set(row.article_id, await getJSON(`/api/articles/${encodeURIComponent(row.article_id)}`));
    }
  } catch (err) {
    $("#status").textContent = `Could not load the article: ${err.message}`;
    return;
  }
  const record = articleCache.get(row.article_id);
  const event = record.events.find((e) => e.id === row.event_id);
  const spans = [];
  for (const actor of record.actors) {
    const title = actor.code ? `${actor.name} (${actor.code})` : actor.name;
    for (const m of actor.mentions) spans.push({ start: m.start, end: m.end, cls: "actor", title });
  }
  if (event) {
    spans.push({ start: event.evidence.start, end: event.evidence.end, cls: "evidence" });
    spans.push({ start: event.trigger.start, end: event.trigger.end, cls: "trigger", title: `trigger: ${event.plover} ${event.cameo}` });
  }
  $("#article-heading").textContent = record.title || record.id;
  const meta = [record.outlet, record.published].filter(Boolean).join(" · ");
  const link = record.url ? el("a", { href: record.url, rel: "noopener noreferrer", textContent: "original" }) : null;
  $("#article-meta").replaceChildren(meta, link && meta ? " · " : "", link || "");
  $("#event-summary").textContent = event
    ? `${event.plover} (CAMEO ${event.cameo}): ${row.source_name || "unknown"} → ${row.target_name || "unknown"}` +
      `${row.date ? `, ${row.date}` : ""}${row.place_name ? `, ${row.place_name}` : ""}`
    : "";
  const body = $("#article-text");
  body.replaceChildren(...highlight(record.text, spans));
  section.hidden = false;
  $("#article-heading").focus({ preventScroll: true });
  const first = body.querySelector("mark.evidence") || section;
  first.scrollIntoView({ block: "center" });
}

function restoreFilters() {
  const params = new URLSearchParams(location.search);
  for (const field of $("#filters").elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = $("#filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    loadEvents();
  });
  // Reset clears the fields first, then the table follows.
  form.addEventListener("reset", () => setTimeout(loadEvents, 0));
  restoreFilters();
  loadStats();
  loadEvents();
});
