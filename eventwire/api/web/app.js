// eventwire web UI: one page, five views chosen by the URL hash (#/events, #/article/<id>,
// #/timeline, #/map, #/network). The filter form above them is shared: its values live in the
// hash's query, so every view shows the same events and a URL reproduces what is on screen.
// Plain DOM and SVG, no dependencies, nothing fetched from outside this server.
import { $, $$, el, fmt, getJSON, quadLegend, setStatus } from "./util.js";
import { showArticle } from "./article.js";
import { showTimeline } from "./timeline.js";
import { showMap } from "./map.js";
import { showNetwork } from "./network.js";

const VIEWS = ["events", "article", "timeline", "map", "network"];
// Query keys that belong to a view, not to the filter.
const VIEW_KEYS = new Set(["sort", "limit", "offset", "event", "bin", "n"]);
// Sort keys whose natural first click is descending (biggest or newest first).
const DESC_FIRST = new Set(["date", "confidence", "dead"]);

// -- routing -----------------------------------------------------------------------------------

export function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const [view, ...rest] = path.split("/");
  return {
    view: VIEWS.includes(view) ? view : "events",
    arg: rest.length ? decodeURIComponent(rest.join("/")) : null,
    params: new URLSearchParams(query),
  };
}

export function hashFor(view, arg = null, params = new URLSearchParams()) {
  const query = params.toString();
  return `#/${view}${arg !== null ? `/${encodeURIComponent(arg)}` : ""}${query ? `?${query}` : ""}`;
}

export function go(view, arg = null, params = new URLSearchParams()) {
  const target = hashFor(view, arg, params);
  if (location.hash === target) render();
  else location.hash = target;
}

// The filter part of a query (without view keys).
export function filterParams(params) {
  const out = new URLSearchParams();
  for (const [key, value] of params) if (!VIEW_KEYS.has(key) && value.trim()) out.set(key, value.trim());
  return out;
}

function formParams() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData($("#filters"))) {
    if (String(value).trim()) params.set(name, String(value).trim());
  }
  return params;
}

function syncForm(params) {
  for (const field of $("#filters").elements) {
    if (field.name) field.value = params.get(field.name) ?? "";
  }
  const chip = $("#actor-chip");
  if (params.get("actor_id")) {
    chip.replaceChildren(`Actor: ${params.get("actor_label") || params.get("actor_id")} `,
      el("button", { type: "button", className: "link", textContent: "remove", onclick: () => {
        $("#f-actor-id").value = "";
        applyFilters();
      } }));
    chip.hidden = false;
  } else {
    chip.hidden = true;
  }
}

function applyFilters() {
  const { view, params } = parseHash();
  const next = formParams();
  if (next.get("actor_id") && params.get("actor_label")) next.set("actor_label", params.get("actor_label"));
  for (const key of ["sort", "limit", "bin", "n"]) if (params.get(key)) next.set(key, params.get(key));
  go(view === "article" ? "events" : view, null, next);
}

// -- stats header ------------------------------------------------------------------------------

export function showTotals(totals) {
  for (const dd of $$("[data-stat]")) dd.textContent = fmt(totals[dd.dataset.stat]);
}

async function loadTotals() {
  try {
    const { body } = await getJSON("/api/stats?breakdown=false");
    showTotals(body.totals);
  } catch (err) {
    setStatus(`Could not load counts: ${err.message}`);
  }
}

// -- events table ------------------------------------------------------------------------------

function actorCell(name, code) {
  if (!name && !code) return "–";
  return el("span", {}, name || "", code ? el("code", { className: "code", textContent: code }) : null);
}

function casualties(row) {
  if (row.dead === null && row.injured === null) return "–";
  return `${row.dead ?? "–"} / ${row.injured ?? "–"}`;
}

function openRow(row, params) {
  const next = filterParams(params);
  next.set("event", row.event_id);
  go("article", row.article_id, next);
}

function eventRow(row, params) {
  const place = row.place_name ? `${row.place_name}${row.place_country ? ` (${row.place_country})` : ""}` : "–";
  const tr = el("tr", { tabIndex: 0, className: `quad-${row.quad}` },
    el("td", { className: "nowrap" }, row.date || "undated"),
    el("td", {}, el("span", { className: `type-badge q${row.quad}`, textContent: row.plover })),
    el("td", {}, el("code", { textContent: row.cameo })),
    el("td", {}, actorCell(row.source_name, row.source_code)),
    el("td", {}, actorCell(row.target_name, row.target_code)),
    el("td", {}, place),
    el("td", { className: "num" }, casualties(row)),
    el("td", {}, row.factual ? "yes" : `no (${row.modality})`),
    el("td", { className: "num" }, Number(row.confidence).toFixed(2)),
    el("td", {}, row.outlet || "–"),
    el("td", { className: "evidence-cell" }, row.evidence),
  );
  tr.setAttribute("aria-label", `${row.date || "undated"} ${row.plover} ${row.source_name || ""} → ${row.target_name || ""}: open the article`);
  tr.dataset.articleId = row.article_id;
  tr.dataset.eventId = row.event_id;
  tr.addEventListener("click", () => openRow(row, params));
  tr.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openRow(row, params);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const sibling = event.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling;
      if (sibling) sibling.focus();
    }
  });
  return tr;
}

function currentSort(params) {
  return params.get("sort") || "-date";
}

function sortHeaders(params) {
  const sort = currentSort(params);
  const key = sort.replace(/^-/, "");
  for (const th of $$("#events th[data-sort]")) {
    const mine = th.dataset.sort === key;
    th.setAttribute("aria-sort", mine ? (sort.startsWith("-") ? "descending" : "ascending") : "none");
    th.querySelector("button").dataset.arrow = mine ? (sort.startsWith("-") ? "▼" : "▲") : "";
  }
}

// Each sortable header's label becomes a button: a click sorts by it, a second click reverses.
function makeSortButtons() {
  for (const th of $$("#events th[data-sort]")) {
    const button = el("button", { type: "button", className: "sort" }, ...th.childNodes);
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const { params } = parseHash();
      const now = currentSort(params);
      const key = th.dataset.sort;
      let next;
      if (now.replace(/^-/, "") === key) next = now.startsWith("-") ? key : `-${key}`;
      else next = DESC_FIRST.has(key) ? `-${key}` : key;
      params.set("sort", next);
      params.delete("offset");
      go("events", null, params);
    });
  }
}

async function showEvents(params) {
  const limit = Number(params.get("limit") || $("#page-size").value || 50);
  const offset = Number(params.get("offset") || 0);
  $("#page-size").value = String(limit);
  sortHeaders(params);
  const query = filterParams(params);
  query.delete("actor_label");
  query.set("sort", currentSort(params));
  query.set("limit", String(limit));
  query.set("offset", String(offset));
  setStatus("Loading events…");
  try {
    const { body: rows, total, capped } = await getJSON(`/api/events?${query}`);
    $("#events tbody").replaceChildren(...rows.map((row) => eventRow(row, params)));
    const first = rows.length ? offset + 1 : 0;
    // A capped total is a lower bound: "10,000+", and the next page exists while pages are full.
    const shown = capped ? `${fmt(total)}+` : fmt(total);
    $("#page-info").textContent = `${fmt(first)}–${fmt(offset + rows.length)} of ${shown}`;
    $("#page-prev").disabled = offset === 0;
    $("#page-next").disabled = capped ? rows.length < limit : offset + rows.length >= total;
    setStatus(total === 0 ? "No events match these filters." : `${shown} event${total === 1 && !capped ? "" : "s"} match.`);
  } catch (err) {
    $("#events tbody").replaceChildren();
    setStatus(`Could not load events: ${err.message}`);
  }
}

function page(delta) {
  const { params } = parseHash();
  const limit = Number(params.get("limit") || $("#page-size").value || 50);
  const offset = Math.max(0, Number(params.get("offset") || 0) + delta * limit);
  params.set("offset", String(offset));
  go("events", null, params);
}

// -- view switching ----------------------------------------------------------------------------

const LOADERS = { events: showEvents, article: showArticle, timeline: showTimeline, map: showMap, network: showNetwork };
let lastView = null;

async function render() {
  const { view, arg, params } = parseHash();
  syncForm(params);
  for (const section of $$(".view")) section.hidden = section.id !== `view-${view}`;
  for (const link of $$("nav a[data-view]")) {
    const mine = link.dataset.view === view || (view === "article" && link.dataset.view === "events");
    if (mine) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
    // Switching views keeps the filter.
    const keep = filterParams(params);
    link.href = hashFor(link.dataset.view, null, keep);
  }
  if (view !== lastView && view !== "article" && lastView !== null) $("#view").focus({ preventScroll: true });
  lastView = view;
  await LOADERS[view](params, arg);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const legend of $$(".legend.quads")) legend.replaceChildren(...quadLegend());
  makeSortButtons();
  const form = $("#filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (form.reportValidity()) applyFilters();
  });
  // Reset clears the fields first (including the hidden actor id), then the view follows.
  form.addEventListener("reset", () => setTimeout(() => {
    $("#f-actor-id").value = "";
    applyFilters();
  }, 0));
  $("#page-prev").addEventListener("click", () => page(-1));
  $("#page-next").addEventListener("click", () => page(1));
  $("#page-size").addEventListener("change", () => {
    const { params } = parseHash();
    params.set("limit", $("#page-size").value);
    params.delete("offset");
    go("events", null, params);
  });
  window.addEventListener("hashchange", render);
  loadTotals();
  render();
});
