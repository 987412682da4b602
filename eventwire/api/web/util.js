// Small shared helpers: DOM and SVG builders, JSON fetch, quad classes. Text is only ever set with
// textContent (never innerHTML), so nothing from an article can become markup.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export const QUADS = {
  1: { name: "verbal cooperation", cls: "q1" },
  2: { name: "material cooperation", cls: "q2" },
  3: { name: "verbal conflict", cls: "q3" },
  4: { name: "material conflict", cls: "q4" },
};

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "attrs") for (const [a, v] of Object.entries(value)) node.setAttribute(a, v);
    else node[key] = value;
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

export function svgTitle(text) {
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = text;
  return title;
}

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.statusText);
    throw new Error(detail);
  }
  // X-Total-Count-Capped: the count stopped at X-Total-Count; at least that many match.
  return {
    body,
    total: response.headers.has("X-Total-Count") ? Number(response.headers.get("X-Total-Count")) : null,
    capped: response.headers.get("X-Total-Count-Capped") === "true",
  };
}

export const fmt = (n) => Number(n ?? 0).toLocaleString("en");

// The quad-class legend, shared by the timeline, the map and the network.
export function quadLegend() {
  return Object.entries(QUADS).map(([q, info]) =>
    el("span", { className: "legend-item" }, el("span", { className: `swatch ${info.cls}` }), `${q} ${info.name}`));
}

export function setStatus(text) {
  $("#status").textContent = text;
}

// Round a positive maximum up to a "nice" axis end, and give the tick step.
export function niceScale(max, ticks = 5) {
  if (max <= 0) return { end: 1, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const clean = Math.max(1, Math.round(step));
  return { end: Math.ceil(max / clean) * clean, step: clean };
}
