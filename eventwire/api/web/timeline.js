// The timeline: events per day (or week, month) stacked by quad class, and counts by PLOVER type.
import { $, el, fmt, getJSON, niceScale, QUADS, setStatus, svg, svgTitle } from "./util.js";
import { filterParams, go, parseHash } from "./app.js";

// Each PLOVER type's quad class, as the PLOVER manual (0.8) assigns them.
const TYPE_QUAD = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2,
  REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3, PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};
const DAY_MS = 86400000;

const toDate = (iso) => new Date(`${iso}T00:00:00Z`);
const isoDay = (d) => d.toISOString().slice(0, 10);

function binStart(iso, bin) {
  if (bin === "month") return `${iso.slice(0, 7)}`;
  if (bin === "week") {
    const d = toDate(iso);
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS);
    return isoDay(monday);
  }
  return iso;
}

function nextBin(key, bin) {
  if (bin === "month") {
    const [y, m] = key.split("-").map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  return isoDay(new Date(toDate(key).getTime() + (bin === "week" ? 7 : 1) * DAY_MS));
}

// The inclusive date range a bin covers, as since/until filter values.
function binRange(key, bin) {
  if (bin === "month") return [key, key];
  if (bin === "week") return [key, isoDay(new Date(toDate(key).getTime() + 6 * DAY_MS))];
  return [key, key];
}

function chooseBin(first, last, wanted) {
  if (wanted && wanted !== "auto") return wanted;
  const days = (toDate(last) - toDate(first)) / DAY_MS;
  return days <= 120 ? "day" : days <= 3 * 365 ? "week" : "month";
}

function binned(byDay, bin) {
  if (!byDay.length) return [];
  const counts = new Map();
  for (const { date, quad, count } of byDay) {
    const key = binStart(date, bin);
    if (!counts.has(key)) counts.set(key, { 1: 0, 2: 0, 3: 0, 4: 0 });
    counts.get(key)[quad] += count;
  }
  const out = [];
  const last = binStart(byDay[byDay.length - 1].date, bin);
  for (let key = binStart(byDay[0].date, bin); ; key = nextBin(key, bin)) {
    const c = counts.get(key) || { 1: 0, 2: 0, 3: 0, 4: 0 };
    out.push({ key, counts: c, total: c[1] + c[2] + c[3] + c[4] });
    if (key >= last || out.length > 5000) break;
  }
  return out;
}

function filterTo(range) {
  const { params } = parseHash();
  const next = filterParams(params);
  next.set("since", range[0]);
  next.set("until", range[1]);
  go("events", null, next);
}

function drawTimeline(bins, bin, container) {
  const width = Math.max(640, container.clientWidth || 960);
  const height = 300;
  const m = { top: 12, right: 12, bottom: 42, left: 48 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const max = Math.max(1, ...bins.map((b) => b.total));
  const { end, step } = niceScale(max);
  const y = (v) => m.top + plotH - (v / end) * plotH;
  const barW = plotW / bins.length;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": `Events per ${bin} by quad class, ${bins[0].key} to ${bins[bins.length - 1].key}` });
  for (let v = 0; v <= end; v += step) {
    root.append(svg("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: "grid" }),
      svg("text", { x: m.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, String(v)));
  }
  bins.forEach((b, i) => {
    const group = svg("g", { class: "bar" });
    let base = 0;
    for (const q of [1, 2, 3, 4]) {
      const n = b.counts[q];
      if (!n) continue;
      group.append(svg("rect", { x: m.left + i * barW + (barW > 3 ? 0.5 : 0), width: Math.max(1, barW - (barW > 3 ? 1 : 0)),
        y: y(base + n), height: y(base) - y(base + n), class: `fill-q${q}` }));
      base += n;
    }
    if (b.total) {
      const detail = [1, 2, 3, 4].filter((q) => b.counts[q]).map((q) => `${b.counts[q]} ${QUADS[q].name}`).join(", ");
      group.append(svgTitle(`${bin === "week" ? "week of " : ""}${b.key}: ${b.total} event${b.total === 1 ? "" : "s"} (${detail})`));
      // A wide invisible target makes thin bars easy to hit.
      group.prepend(svg("rect", { x: m.left + i * barW, width: Math.max(barW, 4), y: m.top, height: plotH, class: "hit" }));
      group.addEventListener("click", () => filterTo(binRange(b.key, bin)));
    }
    root.append(group);
  });
  const labelEvery = Math.max(1, Math.ceil(90 / barW));
  bins.forEach((b, i) => {
    if (i % labelEvery) return;
    const x = m.left + i * barW + barW / 2;
    root.append(svg("line", { x1: x, x2: x, y1: m.top + plotH, y2: m.top + plotH + 5, class: "axis" }),
      svg("text", { x, y: m.top + plotH + 20, class: "tick", "text-anchor": "middle" }, b.key));
  });
  root.append(svg("line", { x1: m.left, x2: width - m.right, y1: m.top + plotH, y2: m.top + plotH, class: "axis" }),
    svg("text", { x: 12, y: m.top + plotH / 2, class: "axis-label", transform: `rotate(-90 12 ${m.top + plotH / 2})`, "text-anchor": "middle" }, "events"));
  container.replaceChildren(root);
}

function drawTypes(byType, container) {
  const rowH = 22;
  const width = Math.max(480, Math.min(900, container.clientWidth || 700));
  const labelW = 110;
  const max = Math.max(1, ...byType.map((t) => t.count));
  const root = svg("svg", { viewBox: `0 0 ${width} ${byType.length * rowH + 6}`, width, height: byType.length * rowH + 6,
    role: "img", "aria-label": "Events by PLOVER type" });
  byType.forEach((t, i) => {
    const w = ((width - labelW - 60) * t.count) / max;
    const g = svg("g", { class: "bar", transform: `translate(0 ${i * rowH + 3})` },
      svg("text", { x: labelW - 8, y: 15, class: "tick", "text-anchor": "end" }, t.plover),
      svg("rect", { x: labelW, y: 2, width: Math.max(1, w), height: rowH - 6, class: `fill-q${TYPE_QUAD[t.plover] || 0}` }),
      svg("text", { x: labelW + w + 6, y: 15, class: "tick" }, fmt(t.count)),
      svgTitle(`${t.plover}: ${t.count} events — show them`));
    g.addEventListener("click", () => {
      const next = filterParams(parseHash().params);
      next.set("type", t.plover);
      go("events", null, next);
    });
    root.append(g);
  });
  container.replaceChildren(root);
}

function drawTable(bins, bin) {
  const rows = bins.filter((b) => b.total).map((b) => el("tr", {},
    el("th", { scope: "row" }, b.key),
    ...[1, 2, 3, 4].map((q) => el("td", { className: "num" }, String(b.counts[q]))),
    el("td", { className: "num" }, String(b.total)),
    el("td", {}, el("button", { type: "button", className: "link", textContent: "show events",
      onclick: () => filterTo(binRange(b.key, bin)) }))));
  $("#timeline-table").replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, bin), ...[1, 2, 3, 4].map((q) => el("th", { scope: "col", title: QUADS[q].name }, `quad ${q}`)),
      el("th", { scope: "col" }, "total"), el("th", { scope: "col" }, el("span", { className: "visually-hidden" }, "action")))),
    el("tbody", {}, ...rows));
}

export async function showTimeline(params) {
  const bin = params.get("bin") || "auto";
  $("#timeline-bin").value = bin;
  setStatus("Loading the timeline…");
  let stats;
  try {
    const query = filterParams(params);
    query.delete("actor_label");
    ({ body: stats } = await getJSON(`/api/stats?${query}`));
  } catch (err) {
    setStatus(`Could not load the timeline: ${err.message}`);
    return;
  }
  const chart = $("#timeline-chart");
  if (!stats.by_day.length) {
    chart.replaceChildren(el("p", { className: "note", textContent: "No events dated to the day match these filters." }));
    $("#timeline-table").replaceChildren();
  } else {
    const chosen = chooseBin(stats.by_day[0].date, stats.by_day[stats.by_day.length - 1].date, bin);
    const bins = binned(stats.by_day, chosen);
    drawTimeline(bins, chosen, chart);
    drawTable(bins, chosen);
  }
  drawTypes(stats.by_type, $("#type-chart"));
  const shown = stats.by_day.reduce((n, d) => n + d.count, 0);
  $("#timeline-note").textContent = `${fmt(shown)} of ${fmt(stats.events)} matching events are dated to the day and shown; `
    + `${fmt(stats.imprecise)} are dated only to a month or year, ${fmt(stats.undated)} are undated. Click a bar to list its events.`;
  setStatus(`${fmt(stats.events)} events match.`);
}

document.addEventListener("DOMContentLoaded", () => {
  $("#timeline-bin").addEventListener("change", () => {
    const { params } = parseHash();
    params.set("bin", $("#timeline-bin").value);
    go("timeline", null, params);
  });
});
