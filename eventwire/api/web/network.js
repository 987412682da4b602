// The actor network: actors as nodes, directed dyads (source → target) as curved edges, one per
// quad class, as thick as their event count and coloured by quad class. A deterministic force
// layout places the nodes; choosing one shows its timeline, counterparts and quotes.
import { $, $$, el, fmt, getJSON, QUADS, setStatus, svg, svgTitle } from "./util.js";
import { filterParams, go, parseHash } from "./app.js";

const W = 960;
const H = 620;

// Fruchterman-Reingold with a fixed start (nodes on a circle, by rank) and a fixed number of
// steps: the same data always gives the same picture.
function layout(nodes, edges) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    const ring = i % 2 ? 0.55 : 0.85;
    return { x: W / 2 + Math.cos(angle) * W * 0.4 * ring, y: H / 2 + Math.sin(angle) * H * 0.4 * ring };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = new Map();
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    links.set(key, (links.get(key) || 0) + e.count);
  }
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.5;
  // The frame nodes are kept in, with room for labels on the right.
  const [left, right, top, bottom] = [40, W - 170, 30, H - 30];
  let temperature = W / 10;
  for (let step = 0; step < 400; step++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x;
        const dy = pos[i].y - pos[j].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        // Repulsion only between near nodes (the grid variant of Fruchterman-Reingold): far
        // groups do not push each other to the frame, gravity packs them instead.
        if (d > 3 * k) continue;
        const force = (k * k) / d;
        disp[i].x += (dx / d) * force; disp[i].y += (dy / d) * force;
        disp[j].x -= (dx / d) * force; disp[j].y -= (dy / d) * force;
      }
    }
    for (const [key, weight] of links) {
      const [i, j] = key.split(",").map(Number);
      const dx = pos[i].x - pos[j].x;
      const dy = pos[i].y - pos[j].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const force = ((d * d) / k) * (1 + Math.log1p(weight) * 0.2);
      disp[i].x -= (dx / d) * force; disp[i].y -= (dy / d) * force;
      disp[j].x += (dx / d) * force; disp[j].y += (dy / d) * force;
    }
    for (let i = 0; i < n; i++) {
      // Gravity keeps separate groups of actors near the middle instead of on the frame.
      disp[i].x += (W / 2 - pos[i].x) * 0.15;
      disp[i].y += (H / 2 - pos[i].y) * 0.15;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x = Math.min(right, Math.max(left, pos[i].x + (disp[i].x / d) * Math.min(d, temperature)));
      pos[i].y = Math.min(bottom, Math.max(top, pos[i].y + (disp[i].y / d) * Math.min(d, temperature)));
    }
    temperature = Math.max(0.5, temperature * 0.985);
  }
  return pos;
}

function shortName(name, max = 26) {
  if (!name) return "?";
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

function draw(data) {
  const { nodes, edges } = data;
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((node, i) => [node.id, { ...pos[i], node }]));
  const maxEvents = Math.max(1, ...nodes.map((node) => node.events));
  const radius = (node) => 5 + 11 * Math.sqrt(node.events / maxEvents);
  const maxCount = Math.max(1, ...edges.map((e) => e.count));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "network-svg",
    "aria-label": `Network of ${nodes.length} actors and ${edges.length} dyads` });
  const defs = svg("defs");
  for (const q of [1, 2, 3, 4]) {
    defs.append(svg("marker", { id: `arrow-q${q}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
      orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, svg("path", { d: "M0,0L10,5L0,10z", class: `fill-q${q}` })));
  }
  root.append(defs);
  const edgeLayer = svg("g", { class: "edges" });
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.max(1, Math.hypot(dx, dy));
    // Bend to the right of the direction of travel, more for higher quads: A→B and B→A, and the
    // four quad classes of one dyad, run side by side instead of on top of each other.
    const bend = 10 + 9 * (e.quad - 1);
    const cx = (a.x + b.x) / 2 - (dy / d) * bend;
    const cy = (a.y + b.y) / 2 + (dx / d) * bend;
    const rb = radius(b.node) + 2;
    const tx = b.x - ((b.x - cx) / Math.max(1, Math.hypot(b.x - cx, b.y - cy))) * rb;
    const ty = b.y - ((b.y - cy) / Math.max(1, Math.hypot(b.x - cx, b.y - cy))) * rb;
    const path = svg("path", { d: `M${a.x},${a.y}Q${cx},${cy} ${tx},${ty}`, class: `edge stroke-q${e.quad}`,
      "stroke-width": 1 + 5 * Math.sqrt(e.count / maxCount), "marker-end": `url(#arrow-q${e.quad})` },
      svgTitle(`${a.node.name} → ${b.node.name}: ${e.count} ${QUADS[e.quad].name} event${e.count === 1 ? "" : "s"}`));
    path.dataset.source = e.source;
    path.dataset.target = e.target;
    edgeLayer.append(path);
  }
  root.append(edgeLayer);
  const nodeLayer = svg("g", { class: "nodes" });
  for (const [id, { x, y, node }] of at) {
    const label = `${node.name || "?"}${node.code ? ` (${node.code})` : ""}: ${node.events} events with a counterpart`;
    const group = svg("g", { class: "node", transform: `translate(${x} ${y})`, tabindex: 0, role: "button",
      "aria-label": `${label}. Show details.` },
      svg("circle", { r: radius(node) }),
      svg("text", { x: radius(node) + 4, y: 4, class: "node-label" }, shortName(node.name)),
      svgTitle(label));
    group.dataset.id = id;
    const choose = () => chooseActor(node, root);
    group.addEventListener("click", choose);
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose();
      }
    });
    nodeLayer.append(group);
  }
  root.append(nodeLayer);
  $("#network-chart").replaceChildren(root);
}

function miniTimeline(timeline) {
  const dated = timeline.filter((t) => t.date);
  if (!dated.length) return el("p", { className: "note", textContent: "No dated events." });
  const months = new Map();
  for (const t of dated) {
    const key = t.date.slice(0, 7);
    if (!months.has(key)) months.set(key, { 1: 0, 2: 0, 3: 0, 4: 0 });
    months.get(key)[t.quad] += t.count;
  }
  const keys = [...months.keys()].sort();
  const all = [];
  for (let key = keys[0]; key <= keys[keys.length - 1];) {
    all.push(key);
    const [y, m] = key.split("-").map(Number);
    key = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  const width = 300;
  const height = 70;
  const barW = Math.min(24, width / all.length);
  const max = Math.max(1, ...[...months.values()].map((c) => c[1] + c[2] + c[3] + c[4]));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height + 14}`, width: "100%", role: "img",
    "aria-label": `Events per month, ${all[0]} to ${all[all.length - 1]}` });
  all.forEach((key, i) => {
    const c = months.get(key);
    if (!c) return;
    let base = 0;
    const group = svg("g", {}, svgTitle(`${key}: ${[1, 2, 3, 4].filter((q) => c[q]).map((q) => `${c[q]} ${QUADS[q].name}`).join(", ")}`));
    for (const q of [1, 2, 3, 4]) {
      if (!c[q]) continue;
      const h = (c[q] / max) * height;
      group.append(svg("rect", { x: i * barW, width: Math.max(1, barW - 1), y: height - base - h, height: h, class: `fill-q${q}` }));
      base += h;
    }
    root.append(group);
  });
  root.append(svg("text", { x: 0, y: height + 12, class: "tick" }, all[0]),
    svg("text", { x: width, y: height + 12, class: "tick", "text-anchor": "end" }, all[all.length - 1]));
  return root;
}

async function chooseActor(node, root) {
  for (const g of $$(".node", root)) g.classList.toggle("chosen", g.dataset.id === node.id);
  for (const path of $$(".edge", root)) {
    const mine = path.dataset.source === node.id || path.dataset.target === node.id;
    path.classList.toggle("dim", !mine);
  }
  const panel = $("#actor-panel");
  panel.replaceChildren(el("h3", { id: "actor-heading", textContent: node.name || "?" }), el("p", { className: "note", textContent: "Loading…" }));
  try {
    const [{ body: actor }, { body: quotes }] = await Promise.all([
      getJSON(`/api/actors/${encodeURIComponent(node.id)}?recent=0`),
      getJSON(`/api/quotes?speaker_id=${encodeURIComponent(node.id)}&limit=3`),
    ]);
    const counterparts = new Map();
    for (const c of actor.counterparts) {
      const key = `${c.id}|${c.role}`;
      if (!counterparts.has(key)) counterparts.set(key, { ...c, count: 0 });
      counterparts.get(key).count += c.count;
    }
    const top = [...counterparts.values()].sort((a, b) => b.count - a.count).slice(0, 8);
    const showEvents = el("button", { type: "button", textContent: `Show its ${fmt(actor.events)} events` });
    showEvents.addEventListener("click", () => {
      const next = filterParams(parseHash().params);
      next.set("actor_id", actor.id);
      next.set("actor_label", actor.name || actor.id);
      go("events", null, next);
    });
    panel.replaceChildren(...[
      el("h3", { id: "actor-heading", textContent: actor.name || "?" }),
      el("p", { className: "meta" }, [actor.code, actor.type, actor.country, actor.sector].filter(Boolean).join(" · ")),
      actor.titles.length ? el("p", {}, el("span", { className: "muted" }, "Titles: "), actor.titles.slice(0, 4).join("; ")) : null,
      el("p", {}, `${fmt(actor.events)} events · ${fmt(actor.articles)} articles · ${fmt(actor.mentions)} mentions`),
      el("h4", { textContent: "Events per month" }),
      miniTimeline(actor.timeline),
      el("h4", { textContent: "Counterparts" }),
      top.length ? el("ul", { className: "ann-list" }, ...top.map((c) => el("li", {},
        c.role === "target" ? "→ " : "← ", c.name || "?", c.code ? el("code", { className: "code", textContent: ` ${c.code}` }) : null,
        el("span", { className: "count", textContent: fmt(c.count) })))) : el("p", { className: "note", textContent: "None." }),
      quotes.length ? el("h4", { textContent: "Quoted" }) : null,
      quotes.length ? el("ul", { className: "ann-list quotes" }, ...quotes.map((q) => el("li", {}, `“${q.text}”`,
        el("span", { className: "muted", textContent: ` — ${q.outlet || ""} ${q.published || ""}` })))) : null,
      showEvents,
    ].filter(Boolean));
  } catch (err) {
    panel.replaceChildren(el("h3", { id: "actor-heading", textContent: node.name || "?" }),
      el("p", { className: "note", textContent: `Could not load the actor: ${err.message}` }));
  }
}

export async function showNetwork(params) {
  const size = params.get("n") || "40";
  $("#network-size").value = size;
  setStatus("Loading the network…");
  const query = filterParams(params);
  query.delete("actor_label");
  query.set("max_actors", size);
  try {
    const { body } = await getJSON(`/api/network?${query}`);
    if (!body.nodes.length) {
      $("#network-chart").replaceChildren(el("p", { className: "note", textContent: "No events with both a source and a target match these filters." }));
    } else {
      draw(body);
    }
    const dyadEvents = body.edges.reduce((n, e) => n + e.count, 0);
    $("#network-note").textContent = `${fmt(body.nodes.length)} of ${fmt(body.actors_total)} actors with a counterpart, `
      + `${fmt(body.edges.length)} dyads by quad class, ${fmt(dyadEvents)} events. Edges run from source to target; thicker means more events.`;
    setStatus(`${fmt(body.nodes.length)} actors shown.`);
  } catch (err) {
    setStatus(`Could not load the network: ${err.message}`);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#network-size").addEventListener("change", () => {
    const { params } = parseHash();
    params.set("n", $("#network-size").value);
    go("network", null, params);
  });
});
