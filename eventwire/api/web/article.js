// The article view: the text with actors, places, times, quotes and event triggers highlighted,
// the chosen event's evidence marked, and its fields beside the text.
import { $, $$, el, getJSON, QUADS, setStatus } from "./util.js";
import { filterParams, hashFor } from "./app.js";

const cache = new Map();

async function fetchArticle(id) {
  if (!cache.has(id)) {
    const { body } = await getJSON(`/api/articles/${encodeURIComponent(id)}`);
    cache.set(id, body);
  }
  return cache.get(id);
}

// Split `text` at every span boundary; each piece gets the classes of the spans covering it,
// the title of the shortest titled span, and the data of every covering span.
export function highlight(text, spans) {
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
    const titled = covering.filter((s) => s.title).sort((x, y) => (x.end - x.start) - (y.end - y.start));
    if (titled.length) mark.title = titled.map((s) => s.title).join("\n");
    for (const s of covering) if (s.data) Object.assign(mark.dataset, s.data);
    pieces.push(mark);
  }
  return pieces;
}

function actorLabel(actor) {
  if (!actor) return "–";
  return actor.code ? `${actor.name} (${actor.code})` : actor.name;
}

function placeLabel(place) {
  if (!place) return "–";
  const where = [place.admin1, place.country].filter(Boolean).join(", ");
  return `${place.name}${where ? `, ${where}` : ""}`;
}

function spansOf(record, chosen) {
  const spans = [];
  for (const actor of record.actors) {
    for (const m of actor.mentions) spans.push({ start: m.start, end: m.end, cls: "actor", title: `actor: ${actorLabel(actor)}` });
  }
  for (const place of record.places) {
    const coords = place.lat !== null ? ` (${place.lat.toFixed(2)}, ${place.lon.toFixed(2)})` : "";
    for (const m of place.mentions) spans.push({ start: m.start, end: m.end, cls: "place", title: `place: ${placeLabel(place)}${coords}` });
  }
  for (const t of record.timex) spans.push({ start: t.start, end: t.end, cls: "timex", title: `time: ${t.type} ${t.value}` });
  const actors = new Map(record.actors.map((a) => [a.id, a]));
  for (const q of record.quotes) {
    const speaker = q.speaker ? actorLabel(actors.get(q.speaker)) : "unknown speaker";
    spans.push({ start: q.start, end: q.end, cls: "quote", title: `${q.kind} quote of ${speaker}` });
  }
  for (const e of record.events) {
    spans.push({ start: e.trigger.start, end: e.trigger.end, cls: "trigger-any", title: `event: ${e.plover} (CAMEO ${e.cameo})`, data: { event: e.id } });
  }
  if (chosen) {
    spans.push({ start: chosen.evidence.start, end: chosen.evidence.end, cls: "evidence" });
    spans.push({ start: chosen.trigger.start, end: chosen.trigger.end, cls: "trigger" });
  }
  return spans;
}

function field(name, value) {
  return [el("dt", { textContent: name }), el("dd", {}, value === null || value === undefined || value === "" ? "–" : value)];
}

function eventFields(record, event) {
  const actors = new Map(record.actors.map((a) => [a.id, a]));
  const places = new Map(record.places.map((p) => [p.id, p]));
  const quotes = new Map(record.quotes.map((q) => [q.id, q]));
  const place = places.get(event.location);
  const date = event.date ? `${event.date} (${event.date_precision || "?"}, from ${event.date_basis === "timex" ? "a stated date" : "the report date"})` : "undated";
  const quote = quotes.get(event.quote);
  return [
    ...field("Type", `${event.plover}${event.mode ? ` · mode ${event.mode}` : ""}`),
    ...field("CAMEO", `${event.cameo} · Goldstein ${event.goldstein}`),
    ...field("Quad class", `${event.quad} ${QUADS[event.quad]?.name || ""}`),
    ...field("Contexts", event.contexts.join(", ")),
    ...field("Source", actorLabel(actors.get(event.source))),
    ...field("Target", actorLabel(actors.get(event.target))),
    ...field("Date", date),
    ...field("Place", place ? `${placeLabel(place)}${place.lat !== null ? ` (${place.lat.toFixed(3)}, ${place.lon.toFixed(3)})` : ""}` : null),
    ...field("Dead / injured", event.dead === null && event.injured === null ? null : `${event.dead ?? "–"} / ${event.injured ?? "–"}`),
    ...field("Factual", event.factual ? `yes (${event.modality})` : `no (${event.modality})`),
    ...field("Confidence", Number(event.confidence).toFixed(2)),
    ...field("Trigger", event.trigger.text),
    ...field("In quote", quote ? `“${quote.text}”` : null),
    ...field("Evidence", record.text.slice(event.evidence.start, event.evidence.end)),
  ];
}

function chooseEvent(params, id, eventId) {
  params.set("event", eventId);
  // Choosing an event replaces the history entry: Back still returns to the events list.
  history.replaceState(null, "", hashFor("article", id, params));
  showArticle(params, id, { focusEvidence: true });
}

function eventButton(record, event, chosen, params, id) {
  const actors = new Map(record.actors.map((a) => [a.id, a]));
  const who = `${actors.get(event.source)?.name || "?"} → ${actors.get(event.target)?.name || "?"}`;
  const button = el("button", { type: "button", className: "ann-event" },
    el("span", { className: `type-badge q${event.quad}`, textContent: event.plover }),
    ` ${event.cameo} · ${who}${event.date ? ` · ${event.date}` : ""}`);
  button.setAttribute("aria-pressed", String(event === chosen));
  button.dataset.event = event.id;
  button.addEventListener("click", () => chooseEvent(params, id, event.id));
  return el("li", {}, button);
}

function applyLayers() {
  const text = $("#article-text");
  for (const box of $$(".layers input[data-layer]")) text.classList.toggle(`hide-${box.dataset.layer}`, !box.checked);
}

export async function showArticle(params, id, { focusEvidence = false } = {}) {
  let record;
  try {
    record = await fetchArticle(id);
  } catch (err) {
    setStatus(`Could not load the article: ${err.message}`);
    return;
  }
  const chosen = record.events.find((e) => e.id === params.get("event")) || record.events[0] || null;
  const back = filterParams(params);
  back.delete("event");
  $("#article-back").href = hashFor("events", null, back);
  $("#article-heading").textContent = record.title || record.id;
  const meta = [record.outlet, record.published, record.source].filter(Boolean).join(" · ");
  const link = record.url ? el("a", { href: record.url, rel: "noopener noreferrer", textContent: "original" }) : null;
  $("#article-meta").replaceChildren(meta, link && meta ? " · " : "", link || "");

  const body = $("#article-text");
  body.replaceChildren(...highlight(record.text, spansOf(record, chosen)));
  for (const mark of $$("mark[data-event]", body)) {
    mark.addEventListener("click", () => chooseEvent(params, id, mark.dataset.event));
  }
  applyLayers();

  $("#event-fields-box").hidden = !chosen;
  $("#event-fields").replaceChildren(...(chosen ? eventFields(record, chosen) : []));
  $("#side-events-heading").textContent = `Events (${record.events.length})`;
  $("#article-events").replaceChildren(...record.events.map((e) => eventButton(record, e, chosen, params, id)));

  const actorItems = record.actors.map((a) => el("li", {},
    el("span", { className: "swatch-inline actor" }), ` ${a.name}`,
    a.code ? el("code", { className: "code", textContent: ` ${a.code}` }) : null,
    a.title ? el("span", { className: "muted", textContent: ` · ${a.title}` }) : null,
    el("span", { className: "muted", textContent: ` · ${a.mentions.length}×` })));
  $("#side-actors-heading").textContent = `Actors (${record.actors.length})`;
  $("#article-actors").replaceChildren(...actorItems);
  $("#side-places-heading").textContent = `Places (${record.places.length})`;
  $("#article-places").replaceChildren(...record.places.map((p) => el("li", {},
    el("span", { className: "swatch-inline place" }), ` ${placeLabel(p)}`,
    el("span", { className: "muted", textContent: ` · ${p.feature}${p.geonameid ? ` · GeoNames ${p.geonameid}` : ""}` }))));
  $("#side-times-heading").textContent = `Times (${record.timex.length})`;
  $("#article-times").replaceChildren(...record.timex.map((t) => el("li", {},
    el("span", { className: "swatch-inline timex" }), ` “${t.text}” → `, el("code", { textContent: t.value }),
    el("span", { className: "muted", textContent: ` ${t.type}` }))));
  const actors = new Map(record.actors.map((a) => [a.id, a]));
  $("#side-quotes-heading").textContent = `Quotes (${record.quotes.length})`;
  $("#article-quotes").replaceChildren(...record.quotes.map((q) => el("li", {},
    el("strong", { textContent: q.speaker ? actors.get(q.speaker)?.name || q.speaker : "unknown" }),
    `: “${q.text}”`, el("span", { className: "muted", textContent: ` (${q.kind})` }))));

  setStatus(`${record.events.length} events in this article${chosen ? `; showing ${chosen.plover} (${chosen.id})` : ""}.`);
  const evidence = $("mark.evidence", body);
  if (focusEvidence) {
    const pressed = $(`#article-events button[data-event="${CSS.escape(chosen.id)}"]`);
    if (pressed) pressed.focus({ preventScroll: true });
  } else {
    $("#article-heading").focus({ preventScroll: true });
  }
  (evidence || $("#view-article")).scrollIntoView({ block: "center" });
}

document.addEventListener("DOMContentLoaded", () => {
  for (const box of $$(".layers input[data-layer]")) box.addEventListener("change", applyLayers);
});
