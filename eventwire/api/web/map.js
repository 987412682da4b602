// The map: countries shaded by their events, event locations as circles coloured by their most
// frequent quad class. Shapes: Natural Earth 1:110m countries from the world-atlas package,
// vendored in vendor/countries-110m.json (see vendor/README.md), drawn in an equirectangular
// projection. Zoom with the buttons, the mouse wheel or +/-; pan by dragging or the arrow keys.
import { $, el, fmt, getJSON, QUADS, setStatus, svg, svgTitle } from "./util.js";
import { filterParams, go, parseHash } from "./app.js";

const W = 960;
const H = 480;
const WORLD = [0, (90 - 84) / 180 * H, W, (84 + 58) / 180 * H]; // without Antarctica
const project = (lon, lat) => [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];
const unproject = (x, y) => [(x / W) * 360 - 180, 90 - (y / H) * 180];

let shapes = null; // [{id, name, d}]
let view = [...WORLD];
let state = { places: [], byNumeric: new Map() };

async function loadShapes() {
  if (shapes) return shapes;
  const response = await fetch("/static/vendor/countries-110m.json");
  if (!response.ok) throw new Error(`map shapes: HTTP ${response.status}`);
  const topo = await response.json();
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  // TopoJSON arcs are quantized and delta-encoded.
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return project(x * sx + tx, y * sy + ty);
    });
  });
  const ring = (indexes) => {
    const points = [];
    for (const i of indexes) {
      const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      arc.forEach((p, j) => { if (!(j === 0 && points.length)) points.push(p); });
    }
    return `M${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")}Z`;
  };
  shapes = topo.objects.countries.geometries
    .filter((g) => g.id !== "010") // Antarctica: no events, and half the map in this projection
    .map((g) => {
      const polygons = g.type === "Polygon" ? [g.arcs] : g.arcs;
      return { id: g.id || null, name: g.properties?.name || "", d: polygons.map((rings) => rings.map(ring).join("")).join("") };
    });
  return shapes;
}

function shade(count, max) {
  if (!count) return "land";
  const level = Math.min(5, 1 + Math.floor((Math.log(count) / Math.log(max + 1)) * 5));
  return `land shade-${level}`;
}

function dominantQuad(byQuad) {
  let best = 1;
  for (const q of [1, 2, 3, 4]) if (byQuad[q] > byQuad[best]) best = q;
  return best;
}

function filterBy(key, value) {
  const next = filterParams(parseHash().params);
  next.set(key, value);
  go("events", null, next);
}

function zoomFactor() {
  return WORLD[2] / view[2];
}

function draw() {
  const container = $("#map-chart");
  const maxCountry = Math.max(1, ...[...state.byNumeric.values()].map((c) => c.count));
  const root = svg("svg", { viewBox: view.join(" "), role: "img", "aria-label": "Map of event locations",
    preserveAspectRatio: "xMidYMid meet", class: "map-svg" });
  root.append(svg("rect", { x: -W, y: -H, width: 3 * W, height: 3 * H, class: "sea" }));
  const k = zoomFactor();
  const countries = svg("g", { "stroke-width": 0.5 / k });
  for (const shape of shapes) {
    const c = shape.id ? state.byNumeric.get(shape.id) : null;
    const path = svg("path", { d: shape.d, class: shade(c?.count || 0, maxCountry), "fill-rule": "evenodd" },
      svgTitle(`${shape.name}: ${c ? `${fmt(c.count)} events` : "no events"}`));
    if (c) path.addEventListener("click", () => filterBy("country", c.country));
    countries.append(path);
  }
  root.append(countries);
  const maxPlace = Math.max(1, ...state.places.map((p) => p.count));
  const points = svg("g", { class: "points" });
  // Biggest first, so small circles stay on top and clickable.
  for (const place of [...state.places].sort((a, b) => b.count - a.count)) {
    const [x, y] = project(place.lon, place.lat);
    const r = (3 + 11 * Math.sqrt(place.count / maxPlace)) / k;
    const q = dominantQuad(place.by_quad);
    const detail = [1, 2, 3, 4].filter((n) => place.by_quad[n]).map((n) => `${place.by_quad[n]} ${QUADS[n].name}`).join(", ");
    const label = `${place.name || "unnamed place"}${place.country ? ` (${place.country})` : ""}: ${place.count} event${place.count === 1 ? "" : "s"} — ${detail}`;
    const dot = svg("circle", { cx: x, cy: y, r, class: `point fill-q${q}`, "stroke-width": 1.2 / k, tabindex: 0,
      role: "button", "aria-label": `${label}. Show these events.` }, svgTitle(label));
    dot.addEventListener("click", () => filterBy("place", place.name));
    dot.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        filterBy("place", place.name);
      }
    });
    points.append(dot);
  }
  root.append(points);
  container.replaceChildren(root);
  enablePanZoom(root);
}

function setView(next) {
  const [, , w, h] = next;
  const width = Math.min(W, Math.max(20, w));
  const height = (width * h) / w;
  const x = Math.min(W - width, Math.max(0, next[0]));
  const y = Math.min(H - height, Math.max(0, next[1]));
  view = [x, y, width, height];
  draw();
}

function zoomAt(factor, cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2) {
  const w = view[2] / factor;
  const h = view[3] / factor;
  setView([cx - (cx - view[0]) / factor, cy - (cy - view[1]) / factor, w, h]);
}

function fit() {
  if (!state.places.length) {
    setView([...WORLD]);
    return;
  }
  const xy = state.places.map((p) => project(p.lon, p.lat));
  const xs = xy.map((p) => p[0]);
  const ys = xy.map((p) => p[1]);
  const pad = 25;
  let [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  // Keep the world's aspect ratio.
  const aspect = WORLD[2] / WORLD[3];
  let w = Math.max(x1 - x0, 120);
  let h = Math.max(y1 - y0, 60);
  if (w / h > aspect) h = w / aspect;
  else w = h * aspect;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  setView([cx - w / 2, cy - h / 2, w, h]);
}

function enablePanZoom(root) {
  let drag = null;
  root.addEventListener("pointerdown", (event) => {
    if (event.target.classList.contains("point")) return;
    drag = { x: event.clientX, y: event.clientY, view: [...view], scale: view[2] / root.getBoundingClientRect().width };
  });
  root.addEventListener("pointermove", (event) => {
    if (!drag) return;
    // Capture only once the pointer really moves, so that a plain click still reaches a country.
    if (!drag.captured && Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) {
      root.setPointerCapture(event.pointerId);
      drag.captured = true;
    }
    if (!drag.captured) return;
    const dx = (event.clientX - drag.x) * drag.scale;
    const dy = (event.clientY - drag.y) * drag.scale;
    root.setAttribute("viewBox", [drag.view[0] - dx, drag.view[1] - dy, drag.view[2], drag.view[3]].join(" "));
  });
  root.addEventListener("pointerup", (event) => {
    if (!drag) return;
    const moved = drag.captured;
    const dx = (event.clientX - drag.x) * drag.scale;
    const dy = (event.clientY - drag.y) * drag.scale;
    const start = drag.view;
    drag = null;
    if (moved) setView([start[0] - dx, start[1] - dy, start[2], start[3]]);
  });
  root.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = root.getBoundingClientRect();
    const cx = view[0] + ((event.clientX - box.left) / box.width) * view[2];
    const cy = view[1] + ((event.clientY - box.top) / box.height) * view[3];
    zoomAt(event.deltaY < 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
}

function placeList() {
  const items = state.places.slice(0, 30).map((p) => el("li", {},
    el("button", { type: "button", className: "link", onclick: () => filterBy("place", p.name) },
      el("span", { className: `swatch fill-q${dominantQuad(p.by_quad)}` }), ` ${p.name || "?"}`,
      p.country ? el("span", { className: "muted", textContent: ` ${p.country}` }) : null),
    el("span", { className: "count", textContent: fmt(p.count) })));
  $("#map-places").replaceChildren(...items);
}

export async function showMap(params) {
  setStatus("Loading the map…");
  const query = filterParams(params);
  query.delete("actor_label");
  try {
    const [, places, stats] = await Promise.all([
      loadShapes(),
      getJSON(`/api/places?${query}`),
      getJSON(`/api/stats?${query}`),
    ]);
    state = {
      places: places.body,
      byNumeric: new Map(stats.body.by_country.filter((c) => c.numeric).map((c) => [c.numeric, c])),
    };
    const located = state.places.reduce((n, p) => n + p.count, 0);
    fit();
    placeList();
    $("#map-note").textContent = `${fmt(located)} of ${fmt(stats.body.events)} matching events have a location, at ${fmt(state.places.length)} places. `
      + "Countries are shaded by events located in them (else by their source actor's country). Click a circle or a country to list its events.";
    setStatus(`${fmt(stats.body.events)} events match.`);
  } catch (err) {
    setStatus(`Could not load the map: ${err.message}`);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#map-zoom-in").addEventListener("click", () => zoomAt(1.6));
  $("#map-zoom-out").addEventListener("click", () => zoomAt(1 / 1.6));
  $("#map-fit").addEventListener("click", fit);
  $("#map-world").addEventListener("click", () => setView([...WORLD]));
  $("#map-bbox").addEventListener("click", () => {
    const [west, north] = unproject(view[0], view[1]);
    const [east, south] = unproject(view[0] + view[2], view[1] + view[3]);
    const r = (v) => Math.round(v * 100) / 100;
    filterBy("bbox", [r(Math.max(-180, west)), r(Math.max(-90, south)), r(Math.min(180, east)), r(Math.min(90, north))].join(","));
  });
  $("#map-chart").addEventListener("keydown", (event) => {
    if (event.target.classList?.contains("point") && (event.key === "Enter" || event.key === " ")) return;
    const step = view[2] / 8;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[event.key]) {
      event.preventDefault();
      setView([view[0] + moves[event.key][0], view[1] + moves[event.key][1], view[2], view[3]]);
    } else if (event.key === "+" || event.key === "=") zoomAt(1.6);
    else if (event.key === "-") zoomAt(1 / 1.6);
  });
});
