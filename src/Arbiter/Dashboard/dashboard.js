// Arbiter dashboard: plain JavaScript, no framework and no build step (served as is by the arbiter process).
// One /ws connection feeds every view; messages only update `state` and mark views dirty; a 100 ms timer renders the
// visible view when it is dirty, so the page paints at most 10 times a second however fast events arrive.
// All data reaches the page through textContent, never parsed as markup: venue and symbol names are untrusted text.
"use strict";

const VENUES = ["binance", "coinbase", "bybit", "gateio", "upbit", "bithumb", "okx", "kraken"];
const token = new URLSearchParams(location.search).get("token");
const ClosedKept = 50;
const ClosedShown = 20;
const HistoryWindowMs = 3600_000;

const state = {
  opps: new Map(),          // id → opportunity (open)
  closed: [],               // { opportunity, reason, time }, newest first
  venues: new Map(),        // venue → venue message
  books: new Map(),         // "venue:symbol" → top of book
  quality: new Map(),       // venue → quality record
  fx: null,                 // { rates, tether, source }
  premiums: new Map(),      // asset → premium matrix
  wallets: [],              // wallet sources, as /api/wallets
  walletChanges: [],        // newest last
  stats: null,
  markets: null,
  settings: null,
  history: { asset: null, samples: [] }, // chart samples: { t, best, raw, usdLike, kimchi }
  selected: null,           // id of the opportunity shown in the detail panel
  sort: { key: "net", dir: -1 },
};
const dirty = new Set(["header"]);
let current = "dashboard";

// ---------- small helpers ----------
function $(id) { return document.getElementById(id); }
function mark(...views) { for (const v of views) dirty.add(v); }
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function td(text, cls) { return el("td", text, cls); }
function row(cells, attrs) {
  const tr = document.createElement("tr");
  for (const c of cells) tr.appendChild(c);
  for (const [k, v] of Object.entries(attrs || {})) tr.dataset[k] = v;
  return tr;
}
function emptyRow(tbody, columns, text) {
  const cell = td(text, "empty");
  cell.colSpan = columns;
  tbody.replaceChildren(row([cell]));
}
function num(v) { return v === null || v === undefined || v === "" ? NaN : Number(v); }
function fmt(v, digits) {
  const n = num(v);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits }) : (v ?? "–");
}
function fixed(v, digits) {
  const n = num(v);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : (v ?? "–");
}
// Prices span 0.0000012345 to 150,000,000: ten significant digits keep both readable.
function price(v) {
  const n = num(v);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumSignificantDigits: 10 }) : (v ?? "–");
}
function clock(v) { return v ? new Date(v).toLocaleTimeString("en-GB") : ""; }
function when(v) { return v ? new Date(v).toLocaleString("en-GB") : ""; }
function ageSeconds(iso) { return Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000)); }
function ageText(iso) {
  if (!iso) return "–";
  const s = ageSeconds(iso);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}
function leg(l) { return `${l.venue} ${l.symbol}`; }
function byVenue(a, b) { return VENUES.indexOf(a) - VENUES.indexOf(b) || String(a).localeCompare(String(b)); }

/** Exact sum of decimal strings (quantities are exact on the server; doubles would print 4.4158700000000005). */
function decimalSum(values) {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, (String(v).split(".")[1] || "").length);
  let total = 0n;
  for (const v of values) {
    const s = String(v), neg = s.startsWith("-");
    const [i, f = ""] = (neg ? s.slice(1) : s).split(".");
    const n = BigInt((i || "0") + f.padEnd(scale, "0"));
    total += neg ? -n : n;
  }
  const neg = total < 0n;
  let digits = (neg ? -total : total).toString().padStart(scale + 1, "0");
  let text = scale ? digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale) : digits;
  if (scale) text = text.replace(/0+$/, "").replace(/\.$/, "");
  return (neg ? "-" : "") + text;
}

/** fetch with the access token as a Bearer header when the page was opened with ?token=. */
function api(path, init) {
  const options = Object.assign({}, init);
  options.headers = Object.assign({}, options.headers || {});
  if (token) options.headers.Authorization = "Bearer " + token;
  return fetch(path, options);
}

function setOptions(select, values, allLabel) {
  const wanted = (allLabel !== undefined ? [""] : []).concat(values);
  const have = [...select.options].map(o => o.value);
  if (have.length === wanted.length && have.every((v, i) => v === wanted[i])) return;
  const keep = select.value;
  select.replaceChildren(...wanted.map(v => { const o = el("option", v === "" ? allLabel : v); o.value = v; return o; }));
  if (wanted.includes(keep)) select.value = keep;
}

// ---------- the WebSocket: one connection for every view ----------
let retryMs = 1000;
function connect() {
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws" + (token ? "?token=" + encodeURIComponent(token) : "");
  const ws = new WebSocket(url);
  ws.onopen = () => { retryMs = 1000; setStatus("live", "ok"); };
  ws.onmessage = ev => {
    let message;
    try { message = JSON.parse(ev.data); } catch { setStatus("live (an unreadable message was skipped)", "bad"); return; }
    receive(message);
  };
  ws.onclose = ev => {
    const why = ev.code === 1008 ? `closed by the server: ${ev.reason || "policy violation"} (1008)` : "disconnected";
    setStatus(`${why} — retrying in ${Math.round(retryMs / 1000)} s`, "bad");
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };
}
function setStatus(text, cls) { const s = $("status"); s.textContent = text; s.className = cls; }

/** A frame is one message or a batch of messages, applied in order. */
function receive(m) {
  if (m && m.type === "batch") { for (const x of m.messages || []) apply(x); }
  else if (m) apply(m);
}

function apply(m) {
  switch (m.type) {
    case "snapshot":
      state.opps.clear();
      for (const o of m.opportunities || []) state.opps.set(o.id, o);
      state.venues.clear(); state.books.clear();
      applyVenues(m.venues, m.books);
      state.stats = m.stats || null;
      state.fx = m.fx || null;
      for (const p of m.premiums || []) state.premiums.set(p.asset, p);
      for (const q of m.quality || []) state.quality.set(q.venue, q);
      if (m.wallets) { state.wallets = m.wallets; state.walletChanges = m.walletChanges || []; }
      loadClosed();
      mark("header", "dashboard", "opportunities", "wallets");
      break;
    case "opportunity.opened": case "opportunity.updated": case "opportunity.transferChanged":
      state.opps.set(m.opportunity.id, m.opportunity); mark("opportunities"); break;
    case "opportunity.closed":
      state.opps.delete(m.opportunity.id);
      addClosed(m.opportunity, m.closeReason, m.time);
      mark("opportunities"); break;
    case "books": applyVenues(null, m.books); mark("dashboard"); break;
    case "venue": state.venues.set(m.venue, Object.assign(state.venues.get(m.venue) || {}, m)); mark("dashboard"); break;
    case "stats": state.stats = m.stats; applyVenues(m.venues, m.books); mark("header", "dashboard"); break;
    case "fx": state.fx = m; mark("header", "dashboard"); break;
    case "premiums":
      for (const p of m.premiums || []) { state.premiums.set(p.asset, p); extendHistory(p); }
      mark("dashboard"); break;
    case "quality": if (m.quality) state.quality.set(m.quality.venue, m.quality); mark("dashboard"); break;
    case "wallet": if (m.change) applyWalletChange(m.change); mark("wallets"); break;
    case "error": setStatus(`live (the server refused a message: ${m.error})`, "bad"); break;
    default: break; // a newer server's message type: nothing to show for it here
  }
}
function applyVenues(list, books) {
  for (const v of list || []) state.venues.set(v.venue, v);
  for (const b of books || []) state.books.set(b.venue + ":" + b.symbol, b);
}
function addClosed(opportunity, reason, time) {
  if (state.closed.some(c => c.opportunity.id === opportunity.id)) return;
  state.closed.unshift({ opportunity, reason: reason || "", time });
  if (state.closed.length > ClosedKept) state.closed.length = ClosedKept;
}
async function loadClosed() {
  try {
    const r = await api("/api/opportunities");
    if (!r.ok) return;
    const body = await r.json();
    const known = new Set(state.closed.map(c => c.opportunity.id));
    const older = (body.recentClosed || []).filter(e => !known.has(e.opportunity.id))
      .map(e => ({ opportunity: e.opportunity, reason: e.closeReason || "", time: e.time }));
    state.closed = state.closed.concat(older).sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, ClosedKept);
    mark("opportunities");
  } catch { /* the live table still works; the closed list fills from closed messages */ }
}

// ---------- header ----------
function renderHeader() {
  const s = state.stats;
  // clientsDropped: { queueFull, sendTimeout } (a plain number from older servers).
  const d = s && s.clientsDropped;
  const droppedCount = d === undefined || d === null ? null : typeof d === "number" ? d : (d.queueFull || 0) + (d.sendTimeout || 0);
  const dropped = droppedCount === null ? "" : ` · ${droppedCount} clients dropped`;
  $("stats").textContent = s ? `· ${state.opps.size} open · ${s.opportunitiesSeen} seen · ${fmt(s.frames, 0)} frames · ${s.clients} clients${dropped}` : "";
  const r = state.fx && (state.fx.rates || []).find(x => x.pair === "USD/KRW");
  $("fx-summary").textContent = !r ? "" : r.rate === null ? "· USD/KRW missing" : `· USD/KRW ${fmt(r.rate, 2)} (${r.status}, ${ageText(r.time)})`;
}

// ---------- views and routing ----------
const views = {
  dashboard: { render: renderDashboard, enter: () => loadHistory(true) },
  opportunities: { render: renderOpportunities },
  markets: { render: renderMarkets, enter: loadMarkets },
  wallets: { render: renderWallets, enter: loadWallets },
  settings: { render: renderSettings, enter: loadSettings },
  history: { render: () => {}, enter: loadHistoryTable },
};
function route() {
  const name = location.hash.slice(1);
  current = Object.hasOwn(views, name) ? name : "dashboard";
  for (const v of Object.keys(views)) $("view-" + v).hidden = v !== current;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.getAttribute("href") === "#" + current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  mark(current);
  if (views[current].enter) views[current].enter();
}

function tick() {
  if (dirty.has("header")) { dirty.delete("header"); renderHeader(); }
  if (dirty.has(current)) { dirty.delete(current); views[current].render(); }
}

// ---------- Dashboard ----------
function bookCounts(venue) {
  let synced = 0, total = 0;
  for (const b of state.books.values()) if (b.venue === venue) { total++; if (b.state === "Synced") synced++; }
  return `${synced}/${total}`;
}
function renderDashboard() {
  const vb = $("venues").tBodies[0];
  const venues = [...state.venues.values()].sort((a, b) => byVenue(a.venue, b.venue));
  if (venues.length === 0) emptyRow(vb, 9, "Waiting for the first venue status…");
  else vb.replaceChildren(...venues.map(v => {
    const c = v.counters || {}, q = state.quality.get(v.venue);
    const errors = (c.malformed ?? 0) + (c.gaps ?? 0) + (c.checksumMismatches ?? 0) + (c.queueOverflows ?? 0) + (c.restFailures ?? 0);
    return row([td(v.venue), td(v.connection, "l " + v.connection), td(bookCounts(v.venue)),
      td(q ? fmt(q.score, 2) : "–"), td(q ? (q.excluded ? "excluded" : "no") : "–", q && q.excluded ? "l err" : "l"),
      td(fmt(c.frames ?? 0, 0)), td(fmt(errors, 0), errors ? "err" : ""), td(fmt(c.resyncs ?? 0, 0)), td(fmt(c.reconnects ?? 0, 0))], { venue: v.venue });
  }));

  const fb = $("fx").tBodies[0], rates = (state.fx && state.fx.rates) || [];
  if (rates.length === 0) emptyRow(fb, 5, "No FX state yet.");
  else fb.replaceChildren(...rates.map(r => row([td(r.pair), td(r.rate === null ? "–" : fmt(r.rate, 6)), td(r.status, "l " + r.status),
    td(r.time ? ageText(r.time) : "–"), td(r.source, "l dim")], { pair: r.pair })));
  const tb = $("tether").tBodies[0], tether = (state.fx && state.fx.tether) || [];
  if (tether.length === 0) emptyRow(tb, 4, "No KRW tether market.");
  else tb.replaceChildren(...tether.map(t => row([td(t.venue), td(t.symbol, "l"), td(price(t.mid)), td(fixed(t.bps, 2), num(t.bps) >= 0 ? "pos" : "neg")])));

  renderTopPremiums();
  renderHeatmap();
  renderChart();
}

function renderTopPremiums() {
  const cells = [];
  for (const m of state.premiums.values()) for (const c of m.cells || []) cells.push({ asset: m.asset, c });
  cells.sort((a, b) => num(b.c.bps) - num(a.c.bps));
  const body = $("top-premiums").tBodies[0];
  if (cells.length === 0) { emptyRow(body, 5, "No premium matrix yet."); return; }
  body.replaceChildren(...cells.slice(0, 8).map(({ asset, c }) => row([td(asset), td(leg(c.buy), "l"), td(leg(c.sell), "l"), td(c.kind, "l"),
    td(fixed(c.bps, 2), num(c.bps) >= 0 ? "pos" : "neg")])));
}

const kindLetter = { raw: "R", usdLike: "U", kimchi: "K" };
function matrixAsset() {
  const select = $("matrix-asset");
  const assets = [...state.premiums.keys()].sort();
  setOptions(select, assets);
  if (!select.value && assets.length) select.value = assets.includes("BTC") ? "BTC" : assets[0];
  return select.value;
}
function instrumentKey(i) { return i.venue + ":" + i.symbol; }
function instrumentOrder(list) {
  const seen = new Map();
  for (const i of list) seen.set(instrumentKey(i), i);
  return [...seen.values()].sort((a, b) => byVenue(a.venue, b.venue) || a.symbol.localeCompare(b.symbol));
}
function renderHeatmap() {
  const asset = matrixAsset(), table = $("heatmap");
  const m = state.premiums.get(asset);
  $("matrix-time").textContent = m ? `as of ${clock(m.time)}` : "";
  table.dataset.asset = asset || "";
  table.dataset.time = m ? m.time : "";
  if (!m || !(m.cells || []).length) {
    table.tHead.replaceChildren();
    emptyRow(table.tBodies[0], 1, "No premium matrix for this asset yet.");
    return;
  }
  const rows = instrumentOrder(m.cells.map(c => c.buy)), cols = instrumentOrder(m.cells.map(c => c.sell));
  const cells = new Map(m.cells.map(c => [instrumentKey(c.buy) + ">" + instrumentKey(c.sell), c]));
  let scale = 5;
  for (const c of m.cells) scale = Math.max(scale, Math.abs(num(c.bps)) || 0);
  const head = row([el("th", "buy ↓ · sell →", "l")].concat(cols.map(c => {
    const th = el("th", `${c.venue} ${c.symbol}`); th.scope = "col"; return th;
  })));
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...rows.map(r => {
    const th = el("th", `${r.venue} ${r.symbol}`, "l"); th.scope = "row";
    return row([th].concat(cols.map(c => {
      const cell = cells.get(instrumentKey(r) + ">" + instrumentKey(c));
      if (!cell) return td("–", "dim");
      const v = num(cell.bps), strength = Math.min(1, Math.abs(v) / scale);
      const t = td(fixed(cell.bps, 2), "cell");
      t.appendChild(el("span", kindLetter[cell.kind] || cell.kind, "kind"));
      t.style.background = v >= 0 ? `rgba(63,185,80,${(0.12 + 0.7 * strength).toFixed(3)})` : `rgba(248,81,73,${(0.12 + 0.7 * strength).toFixed(3)})`;
      t.title = `buy ${leg(r)}, sell ${leg(c)}: ${cell.bps} bps (${cell.kind})`;
      t.dataset.buy = instrumentKey(r); t.dataset.sell = instrumentKey(c); t.dataset.bps = cell.bps; t.dataset.kind = cell.kind;
      return t;
    })));
  }));
}

// The chart: one sample per second from /api/premiums/history, extended live from "premiums" messages.
function sampleOf(matrix) {
  const s = { t: Date.parse(matrix.time), best: null, raw: null, usdLike: null, kimchi: null };
  for (const c of matrix.cells || []) {
    const v = num(c.bps);
    if (s.best === null || v > s.best) s.best = v;
    if (s[c.kind] === null || s[c.kind] === undefined || v > s[c.kind]) s[c.kind] = v;
  }
  return s;
}
function extendHistory(matrix) {
  const h = state.history;
  if (matrix.asset !== h.asset || !(matrix.cells || []).length) return;
  const s = sampleOf(matrix), last = h.samples[h.samples.length - 1];
  if (last && s.t - last.t < 1000) return;
  h.samples.push(s);
  while (h.samples.length && h.samples[0].t < s.t - HistoryWindowMs) h.samples.shift();
}
let historyLoading = false;
async function loadHistory(force) {
  const asset = $("matrix-asset").value || matrixAsset();
  if (!asset || historyLoading || (!force && current !== "dashboard")) return;
  historyLoading = true;
  try {
    const r = await api("/api/premiums/history?asset=" + encodeURIComponent(asset));
    if (!r.ok) { $("chart-legend").textContent = `premium history: HTTP ${r.status}`; return; }
    const body = await r.json();
    state.history = {
      asset,
      samples: (body.samples || []).map(x => ({ t: Date.parse(x.time), best: num(x.bestBps), raw: x.raw === null ? null : num(x.raw),
        usdLike: x.usdLike === null ? null : num(x.usdLike), kimchi: x.kimchi === null ? null : num(x.kimchi) })),
    };
    mark("dashboard");
  } catch { $("chart-legend").textContent = "premium history unavailable"; }
  finally { historyLoading = false; }
}
const series = [["best", "#58a6ff", 2.2, "best cell"], ["raw", "#a371f7", 1, "raw"], ["usdLike", "#d29922", 1, "USD-like"], ["kimchi", "#3fb950", 1, "kimchi"]];
function svg(tag, attrs, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
function renderChart() {
  const host = $("chart"), h = state.history, samples = h.samples;
  if ($("matrix-asset").value && h.asset !== $("matrix-asset").value) loadHistory(true);
  const legend = $("chart-legend");
  if (!h.asset || samples.length < 2) {
    host.replaceChildren(el("p", h.asset ? `Collecting ${h.asset} premium samples…` : "No premium history yet.", "note"));
    return;
  }
  const W = 1000, H = 220, L = 52, R = 10, T = 10, B = 24;
  let lo = 0, hi = 0;
  for (const s of samples) for (const [k] of series) if (s[k] !== null && Number.isFinite(s[k])) { lo = Math.min(lo, s[k]); hi = Math.max(hi, s[k]); }
  if (hi - lo < 1) hi = lo + 1;
  const t0 = samples[0].t, t1 = samples[samples.length - 1].t || t0 + 1;
  const x = t => L + (W - L - R) * (t - t0) / Math.max(1, t1 - t0);
  const y = v => T + (H - T - B) * (hi - v) / (hi - lo);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, "aria-hidden": "true" });
  for (const v of [hi, (hi + lo) / 2, lo]) {
    root.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid" }));
    root.appendChild(svg("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end", class: "axis" }, fmt(v, 1)));
  }
  if (lo < 0 && hi > 0) root.appendChild(svg("line", { x1: L, x2: W - R, y1: y(0), y2: y(0), class: "zero" }));
  root.appendChild(svg("text", { x: L, y: H - 6, class: "axis" }, clock(new Date(t0).toISOString())));
  root.appendChild(svg("text", { x: W - R, y: H - 6, "text-anchor": "end", class: "axis" }, clock(new Date(t1).toISOString())));
  for (const [k, color, width] of series) {
    const points = samples.filter(s => s[k] !== null && Number.isFinite(s[k])).map(s => `${x(s.t).toFixed(1)},${y(s[k]).toFixed(1)}`);
    if (points.length > 1) root.appendChild(svg("polyline", { points: points.join(" "), fill: "none", stroke: color, "stroke-width": width, "data-series": k }));
  }
  host.replaceChildren(root);
  const last = samples[samples.length - 1];
  legend.replaceChildren(el("span", `${h.asset}, bps, ${samples.length} samples; now best ${fmt(last.best, 2)}`));
  for (const [, color, , label] of series) {
    const sw = el("span", "", "swatch"); sw.style.background = color;
    legend.appendChild(sw); legend.appendChild(el("span", label));
  }
}

// ---------- Opportunities ----------
const rowsById = new Map();
function transferMode() { return $("f-mode").value === "transfer"; }
function netOf(o) { return transferMode() ? num(o.transfer && o.transfer.netProfitUsd) : num(o.netProfitUsd); }
function bpsOf(o) { return transferMode() ? num(o.transfer && o.transfer.netPremiumBps) : num(o.netPremiumBps); }
const sortKeys = {
  asset: o => o.asset, buy: o => leg(o.buy), sell: o => leg(o.sell), size: o => num(o.size),
  net: netOf, bps: bpsOf, age: o => Date.now() - Date.parse(o.firstSeen),
};
function visibleOpportunities() {
  const asset = $("f-asset").value, venue = $("f-venue").value, minText = $("f-min").value.trim();
  const min = minText === "" ? null : Number(minText), transfer = transferMode();
  const list = [...state.opps.values()].filter(o =>
    (!asset || o.asset === asset) && (!venue || o.buy.venue === venue || o.sell.venue === venue)
    && (!transfer || (o.transfer && o.transfer.available)) && (min === null || !Number.isFinite(min) || netOf(o) >= min));
  const key = sortKeys[state.sort.key], dir = state.sort.dir;
  list.sort((a, b) => {
    const x = key(a), y = key(b);
    const c = typeof x === "string" ? (x < y ? -1 : x > y ? 1 : 0) : (x - y); // ordinal, like the API's own orderings
    return (c || 0) * dir || a.id - b.id;
  });
  return list;
}
function transferText(t) {
  if (!t) return "–";
  return t.available ? `${t.network}: ${fmt(t.netProfitUsd, 2)} USD` : `n/a (${t.unavailable})`;
}
function oppRow(o) {
  let tr = rowsById.get(o.id);
  if (!tr) {
    tr = row(Array.from({ length: 11 }, (_, i) => td("", [1, 2, 9].includes(i) ? "l" : "")), { id: String(o.id) });
    tr.tabIndex = 0;
    tr.addEventListener("click", () => select(o.id));
    tr.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(o.id); } });
    rowsById.set(o.id, tr);
  }
  const net = netOf(o), bps = bpsOf(o);
  const texts = [o.asset, leg(o.buy), leg(o.sell), fmt(o.size, 8), price(o.buy.averagePrice), price(o.sell.averagePrice),
    fixed(net, 2), fixed(bps, 1), `${o.buy.levels}/${o.sell.levels}`, transferText(o.transfer), ageText(o.firstSeen)];
  const cells = tr.cells;
  for (let i = 0; i < texts.length; i++) if (cells[i].textContent !== texts[i]) cells[i].textContent = texts[i];
  cells[6].className = net >= 0 ? "pos" : "neg";
  cells[7].className = bps >= 0 ? "pos" : "neg";
  tr.classList.toggle("selected", o.id === state.selected);
  return tr;
}
function renderOpportunities() {
  const assets = new Set([...state.opps.values()].map(o => o.asset));
  for (const a of state.premiums.keys()) assets.add(a);
  setOptions($("f-asset"), [...assets].sort(), "all");
  setOptions($("f-venue"), VENUES, "all");
  $("net-header").textContent = transferMode() ? "Transfer net USD" : "Net USD";
  for (const th of $("opps").tHead.querySelectorAll("th[data-sort]")) {
    th.setAttribute("aria-sort", th.dataset.sort === state.sort.key ? (state.sort.dir > 0 ? "ascending" : "descending") : "none");
  }
  const list = visibleOpportunities(), body = $("opps").tBodies[0];
  for (const id of rowsById.keys()) if (!state.opps.has(id)) rowsById.delete(id);
  if (list.length === 0) {
    emptyRow(body, 11, state.opps.size ? "No open opportunity matches the filters." : "No open opportunities.");
  } else {
    const rows = list.map(oppRow);
    const same = body.children.length === rows.length && rows.every((r, i) => body.children[i] === r);
    if (!same) body.replaceChildren(...rows);
  }
  $("opp-count").textContent = `${list.length} shown of ${state.opps.size} open`;
  renderDetail();
  renderClosed();
}
function sortBy(key) {
  if (state.sort.key === key) state.sort.dir = -state.sort.dir;
  else state.sort = { key, dir: ["size", "net", "bps"].includes(key) ? -1 : 1 };
  mark("opportunities");
}
function renderClosed() {
  const body = $("closed-opps").tBodies[0];
  if (state.closed.length === 0) { emptyRow(body, 8, "None closed yet."); return; }
  body.replaceChildren(...state.closed.slice(0, ClosedShown).map(c => {
    const o = c.opportunity;
    return row([td(o.asset), td(leg(o.buy), "l"), td(leg(o.sell), "l"), td(fixed(o.peakNetProfitUsd, 2)), td(fixed(o.peakNetPremiumBps, 1)),
      td(fmt(o.durationMs / 1000, 1)), td(c.reason, "l"), td(clock(c.time), "l")], { id: String(o.id) });
  }));
}

// The detail panel: the depth walk of both legs, fees, FX and the transfer route; kept open while the row lives.
let detailShown = null;
function select(id) { state.selected = id; detailShown = null; mark("opportunities"); tick(); }
function renderDetail() {
  const panel = $("opp-detail");
  if (state.selected === null) { panel.hidden = true; return; }
  const open = state.opps.get(state.selected);
  const closed = open ? null : state.closed.find(c => c.opportunity.id === state.selected);
  const o = open || (closed && closed.opportunity);
  if (!o) { panel.hidden = true; return; }
  const key = open ? open : closed;
  if (detailShown === key) return; // unchanged since the last paint
  detailShown = key;
  panel.hidden = false;
  $("detail-title").textContent = `#${o.id} ${o.asset}: buy ${leg(o.buy)} → sell ${leg(o.sell)}`;
  const body = $("detail-body");
  const status = el("p", open ? "open" : `closed (${closed.reason || "no reason given"}) at ${clock(closed.time)}`, open ? "open" : "closed");
  status.id = "detail-status";
  const summary = kv([["Size", o.size + " " + o.asset], ["Gross profit", fixed(o.grossProfitUsd, 2) + " USD"], ["Net profit", fixed(o.netProfitUsd, 2) + " USD"],
    ["Net premium", fixed(o.netPremiumBps, 2) + " bps"], ["First seen", when(o.firstSeen)], ["Last updated", when(o.lastUpdated)]]);
  const legs = el("div", null, "legs");
  legs.appendChild(legView("buy", "Buy on", o.buy, o.asset));
  legs.appendChild(legView("sell", "Sell on", o.sell, o.asset));
  body.replaceChildren(status, summary, legs, transferView(o.transfer, o.asset));
}
function kv(pairs) {
  const dl = el("dl", null, "kv");
  for (const [k, v, id] of pairs) { dl.appendChild(el("dt", k)); const dd = el("dd", v); if (id) dd.id = id; dl.appendChild(dd); }
  return dl;
}
function legView(side, verb, l, asset) {
  const box = el("div");
  box.appendChild(el("h3", `${verb} ${l.venue} ${l.symbol} (${l.quote})`));
  const fills = l.fills || [];
  const table = el("table"); table.id = `detail-${side}-fills`;
  table.appendChild(el("caption", `${fills.length} level${fills.length === 1 ? "" : "s"} consumed, in walk order`));
  const head = el("thead"); head.appendChild(row(["Level", "Price", `Quantity (${asset})`, `Notional (${l.quote})`].map(t => { const th = el("th", t); th.scope = "col"; return th; })));
  table.appendChild(head);
  const tbody = el("tbody");
  let notional = 0;
  fills.forEach((f, i) => {
    const n = num(f.price) * num(f.quantity);
    notional += n;
    tbody.appendChild(row([td(String(i + 1)), td(f.price), td(f.quantity), td(fmt(n, 8))]));
  });
  table.appendChild(tbody);
  const foot = el("tfoot");
  foot.appendChild(row([el("th", "Total", "l"), td(""), td(decimalSum(fills.map(f => f.quantity))), td(fmt(notional, 8))]));
  table.appendChild(foot);
  const scroll = el("div", null, "scroll"); scroll.appendChild(table);
  box.appendChild(scroll);
  const fee = notional * num(l.feeRate);
  box.appendChild(kv([["Average price", l.averagePrice + " " + l.quote, `detail-${side}-avg`], ["Levels", String(l.levels)],
    ["Fee rate", fmt(num(l.feeRate) * 100, 4) + " %"], ["Fee amount", fmt(fee, 8) + " " + l.quote, `detail-${side}-fee`],
    ["FX rate used", `1 ${l.quote} = ${l.fxRate} USD`]]));
  return box;
}
function transferView(t, asset) {
  const box = el("div");
  box.appendChild(el("h3", "Transfer route"));
  if (!t) { box.appendChild(el("p", "No transfer quote.", "note")); return box; }
  if (!t.available) {
    const p = el("p", `Unavailable: ${t.unavailable}`, "note"); p.id = "detail-transfer";
    box.appendChild(p);
    return box;
  }
  const list = kv([["Network", t.network], ["Withdraw fee", `${t.withdrawFee} ${asset}`], ["Fee", fixed(t.feeUsd, 2) + " USD"],
    ["Net after transfer", fixed(t.netProfitUsd, 2) + " USD"], ["Net premium after transfer", fixed(t.netPremiumBps, 2) + " bps"],
    ["Min profitable size", t.minProfitableSize === null ? "–" : `${t.minProfitableSize} ${asset}`]]);
  list.id = "detail-transfer";
  box.appendChild(list);
  return box;
}

// ---------- Markets ----------
async function loadMarkets() {
  try {
    const r = await api("/api/markets");
    if (!r.ok) { $("markets-status").textContent = `markets: HTTP ${r.status}`; return; }
    state.markets = await r.json();
    state.marketsLoaded = new Date().toISOString();
    mark("markets");
  } catch { $("markets-status").textContent = "markets unavailable"; }
}
function renderMarkets() {
  const m = state.markets, table = $("markets");
  if (!m) { emptyRow(table.tBodies[0], 1, "Loading…"); return; }
  const venues = m.venues || [];
  $("markets-status").textContent = `${(m.assets || []).length} assets on two or more of ${venues.length} venues · loaded ${clock(state.marketsLoaded)}`;
  const head = row([el("th", "Asset", "l")].concat(venues.map(v => { const th = el("th", v, "l"); th.scope = "col"; return th; })));
  table.tHead.replaceChildren(head);
  if (!(m.assets || []).length) emptyRow(table.tBodies[0], venues.length + 1, "No asset is listed on two venues yet.");
  else table.tBodies[0].replaceChildren(...m.assets.map(a => {
    const th = el("th", a.asset, "l"); th.scope = "row";
    return row([th].concat(venues.map(v => {
      const listings = (a.listings || []).filter(l => l.venue === v);
      const cell = td(listings.length ? null : "–", listings.length ? "l" : "l dim");
      for (const l of listings) { const line = el("div", `${l.symbol} · ${l.quote}`); line.dataset.symbol = l.symbol; line.dataset.quote = l.quote; cell.appendChild(line); }
      cell.dataset.asset = a.asset; cell.dataset.venue = v;
      return cell;
    })), { asset: a.asset });
  }));
  const cb = $("collisions").tBodies[0];
  if (!(m.collisions || []).length) emptyRow(cb, 5, "No ticker collisions.");
  else cb.replaceChildren(...m.collisions.map(c => row([td(c.asset), td((c.venues || []).join(" / "), "l"), td(c.network, "l"),
    td((c.contracts || []).join(" ≠ "), "l"), td(c.reason, "l")])));
  const db = $("discovery").tBodies[0];
  if (!(m.discovery || []).length) emptyRow(db, 5, "The market lists were fetched once at start; no periodic refresh runs in this process.");
  else db.replaceChildren(...m.discovery.map(d => row([td(d.venue), td(fmt(d.markets, 0)), td(when(d.lastSuccess), "l"),
    td(when(d.lastFailure), "l " + (d.lastFailure ? "err" : "")), td(d.lastError || "", "l")])));
}

// ---------- Wallets ----------
async function loadWallets() {
  try {
    const r = await api("/api/wallets");
    if (!r.ok) return;
    const body = await r.json();
    state.wallets = body.wallets || [];
    state.walletChanges = body.walletChanges || [];
    mark("wallets");
  } catch { /* the snapshot's wallets stay shown */ }
}
function applyWalletChange(c) {
  state.walletChanges.push(c);
  if (state.walletChanges.length > 200) state.walletChanges.shift();
  const source = state.wallets.find(s => s.venue === c.venue);
  if (!source) return;
  let wallet = (source.assets || []).find(a => a.asset === c.asset);
  if (!wallet) { if (!c.current) return; wallet = { asset: c.asset, depositOpen: null, withdrawOpen: null, networks: [] }; (source.assets ||= []).push(wallet); }
  const i = wallet.networks.findIndex(n => n.network === c.network);
  if (c.current) { if (i >= 0) wallet.networks[i] = c.current; else wallet.networks.push(c.current); }
  else if (i >= 0) wallet.networks.splice(i, 1);
}
function openText(v) { return v === true ? "open" : v === false ? "closed" : "unknown"; }
function renderWallets() {
  const assets = new Set();
  for (const s of state.wallets) for (const a of s.assets || []) assets.add(a.asset);
  setOptions($("w-asset"), [...assets].sort(), "all");
  const only = $("w-asset").value, rows = [];
  for (const s of [...state.wallets].sort((a, b) => byVenue(a.venue, b.venue))) {
    for (const a of s.assets || []) {
      if (only && a.asset !== only) continue;
      if (!(a.networks || []).length) {
        rows.push(row([td(s.venue), td(a.asset, "l"), td("–", "l dim"), td("", "l"), td(openText(a.depositOpen), "l " + openText(a.depositOpen)),
          td(openText(a.withdrawOpen), "l " + openText(a.withdrawOpen)), td("–"), td("–"), td("–"), td("", "l")], { venue: s.venue, asset: a.asset, network: "" }));
      }
      for (const n of a.networks || []) {
        rows.push(row([td(s.venue), td(a.asset, "l"), td(n.network, "l"), td(n.venueNetwork, "l dim"),
          td(openText(n.depositOpen), "l " + openText(n.depositOpen)), td(openText(n.withdrawOpen), "l " + openText(n.withdrawOpen)),
          td(n.withdrawFee ?? "–"), td(n.withdrawMin ?? "–"), td(n.confirmations ?? "–"), td(n.contract || "", "l dim")],
          { venue: s.venue, asset: a.asset, network: n.network }));
      }
    }
  }
  const body = $("wallets").tBodies[0];
  if (rows.length === 0) emptyRow(body, 10, state.wallets.length ? "No wallet status for this asset." : "No wallet status yet.");
  else body.replaceChildren(...rows);
  $("wallets-count").textContent = `${rows.length} networks`;
  const sb = $("wallet-sources").tBodies[0];
  if (!state.wallets.length) emptyRow(sb, 8, "No wallet-status source in this process.");
  else sb.replaceChildren(...[...state.wallets].sort((a, b) => byVenue(a.venue, b.venue)).map(s => row([td(s.venue), td(s.source || "–", "l dim"),
    td(s.keyed ? (s.apiKey || "set") : "public (no key)", "l"), td(when(s.lastSuccess), "l"), td(when(s.lastFailure), "l " + (s.lastFailure ? "err" : "")),
    td(s.lastError || "", "l"), td(fmt(s.fetches, 0)), td(fmt(s.failures, 0))], { venue: s.venue })));
  const cb = $("wallet-changes").tBodies[0];
  const changes = state.walletChanges.filter(c => !only || c.asset === only).slice(-50).reverse();
  const describe = n => n ? `deposit ${openText(n.depositOpen)}, withdraw ${openText(n.withdrawOpen)}` : "none";
  if (changes.length === 0) emptyRow(cb, 6, "No status change since start.");
  else cb.replaceChildren(...changes.map(c => row([td(clock(c.time)), td(c.venue, "l"), td(c.asset, "l"), td(c.network, "l"),
    td(describe(c.previous), "l"), td(describe(c.current), "l")])));
}

// ---------- Settings ----------
const fieldOfKey = {
  "engine:minnetprofitusd": "s-minNetProfitUsd", "engine:minnetpremiumbps": "s-minNetPremiumBps", "engine:updatethreshold": "s-updateThreshold",
  "alerts:dedup:growthfactor": "s-growthFactor", "alerts:dedup:cooldown": "s-cooldown", "alerts:status:venuedownafter": "s-venueDownAfter",
  "alerts:status:watchedassets": "s-watchedAssets",
};
async function loadSettings() {
  try {
    const r = await api("/api/settings");
    if (!r.ok) { $("settings-result").textContent = `settings: HTTP ${r.status}`; return; }
    state.settings = await r.json();
    fillSettingsForm();
    mark("settings");
  } catch { $("settings-result").textContent = "settings unavailable"; }
}
function fillSettingsForm() {
  const s = state.settings;
  if (!s) return;
  const e = s.engine || {}, alerts = s.alerts || {};
  $("s-minNetProfitUsd").value = e.minNetProfitUsd ?? "";
  $("s-minNetPremiumBps").value = e.minNetPremiumBps ?? "";
  $("s-updateThreshold").value = e.updateThreshold ?? "";
  $("s-growthFactor").value = (alerts.dedup || {}).growthFactor ?? "";
  $("s-cooldown").value = (alerts.dedup || {}).cooldown ?? "";
  $("s-venueDownAfter").value = (alerts.status || {}).venueDownAfter ?? "";
  $("s-watchedAssets").value = ((alerts.status || {}).watchedAssets || []).join(", ");
  const fees = e.takerFees || {};
  $("s-fees").replaceChildren(...Object.keys(fees).sort(byVenue).map(v => {
    const input = el("input"); input.id = "s-fee-" + v; input.className = "num"; input.value = fees[v]; input.inputMode = "decimal"; input.autocomplete = "off";
    const label = el("label", v); label.appendChild(input); return label;
  }));
  const enabled = new Set(s.enabledVenues || []);
  $("s-venues").replaceChildren(...VENUES.map(v => {
    const box = el("input"); box.type = "checkbox"; box.id = "s-venue-" + v; box.value = v; box.checked = enabled.has(v);
    const label = el("label", null, "check"); label.appendChild(box); label.appendChild(document.createTextNode(v)); return label;
  }));
  $("s-webhooks").replaceChildren(...(alerts.webhooks || []).map((w, i) => {
    const input = el("input"); input.id = "s-webhook-" + i; input.className = "num"; input.value = w.minNetProfitUsd; input.inputMode = "decimal"; input.autocomplete = "off";
    const label = el("label", `Webhook ${i} (${w.url}) min net USD`); label.appendChild(input); return label;
  }));
  for (const input of $("settings-form").querySelectorAll("input")) input.removeAttribute("aria-invalid");
}
/** The partial document of what the operator changed (unchanged fields are not sent, so they are not made overrides). */
function settingsChanges() {
  const s = state.settings, e = s.engine || {}, alerts = s.alerts || {};
  const body = {}, engine = {}, dedup = {}, status = {};
  const text = id => $(id).value.trim();
  for (const k of ["minNetProfitUsd", "minNetPremiumBps"]) if (text("s-" + k) !== String(e[k] ?? "")) engine[k] = text("s-" + k);
  const threshold = text("s-updateThreshold");
  if (threshold !== String(e.updateThreshold ?? "")) engine.updateThreshold = threshold !== "" && Number.isFinite(Number(threshold)) ? Number(threshold) : threshold;
  const fees = {};
  for (const v of Object.keys(e.takerFees || {})) if (text("s-fee-" + v) !== String(e.takerFees[v])) fees[v] = text("s-fee-" + v);
  if (Object.keys(fees).length) engine.takerFees = fees;
  if (Object.keys(engine).length) body.engine = engine;
  const enabled = VENUES.filter(v => $("s-venue-" + v).checked);
  const before = (s.enabledVenues || []).slice().sort(byVenue);
  if (enabled.join(",") !== before.join(",")) body.enabledVenues = enabled;
  if (text("s-growthFactor") !== String((alerts.dedup || {}).growthFactor ?? "")) dedup.growthFactor = text("s-growthFactor");
  if (text("s-cooldown") !== String((alerts.dedup || {}).cooldown ?? "")) dedup.cooldown = text("s-cooldown");
  if (text("s-venueDownAfter") !== String((alerts.status || {}).venueDownAfter ?? "")) status.venueDownAfter = text("s-venueDownAfter");
  const watched = text("s-watchedAssets").split(",").map(x => x.trim()).filter(x => x);
  if (watched.join(",") !== ((alerts.status || {}).watchedAssets || []).join(",")) status.watchedAssets = watched;
  const hooks = (alerts.webhooks || []).map((w, i) => ({ index: i, minNetProfitUsd: text("s-webhook-" + i), was: String(w.minNetProfitUsd) }))
    .filter(h => h.minNetProfitUsd !== h.was).map(h => ({ index: h.index, minNetProfitUsd: h.minNetProfitUsd }));
  const a = {};
  if (Object.keys(dedup).length) a.dedup = dedup;
  if (Object.keys(status).length) a.status = status;
  if (hooks.length) a.webhooks = hooks;
  if (Object.keys(a).length) body.alerts = a;
  return body;
}
async function saveSettings(ev) {
  ev.preventDefault();
  const result = $("settings-result"), errors = $("settings-errors");
  errors.replaceChildren();
  for (const input of $("settings-form").querySelectorAll("input")) input.removeAttribute("aria-invalid");
  if (!state.settings) { result.textContent = "Settings are not loaded yet."; return; }
  const body = settingsChanges();
  if (Object.keys(body).length === 0) { result.textContent = "No changes to save."; result.className = ""; return; }
  result.textContent = "Saving…"; result.className = "";
  try {
    const r = await api("/api/settings", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (r.ok) {
      state.settings = await r.json();
      fillSettingsForm();
      mark("settings");
      result.textContent = `Saved at ${clock(new Date().toISOString())}.`; result.className = "msg-ok";
      return;
    }
    const text = await r.text();
    let list = null;
    try { list = JSON.parse(text).errors; } catch { list = null; }
    if (!Array.isArray(list) || list.length === 0) list = [`HTTP ${r.status}: ${text || r.statusText}`];
    for (const message of list) {
      errors.appendChild(el("li", message));
      const key = String(message).split(" ")[0].toLowerCase();
      const id = fieldOfKey[key] || (key.startsWith("engine:takerfees:") ? "s-fee-" + key.split(":")[2] : null);
      if (id && $(id)) $(id).setAttribute("aria-invalid", "true");
    }
    result.textContent = `Not saved: ${list.length} error${list.length === 1 ? "" : "s"}.`; result.className = "err";
  } catch (e) {
    errors.appendChild(el("li", "The request failed: " + e.message));
    result.textContent = "Not saved."; result.className = "err";
  }
}
function renderSettings() {
  const host = $("settings-current"), s = state.settings;
  if (!s) { host.replaceChildren(el("p", "Loading…", "note")); return; }
  const parts = [];
  for (const [section, value] of Object.entries(s)) {
    if (section === "credentials") continue;
    parts.push(el("h3", section));
    const rows = [];
    flatten(value, "", rows);
    const table = el("table"); table.dataset.section = section;
    const body = el("tbody");
    for (const [k, v] of rows) { const th = el("th", k, "l"); th.scope = "row"; body.appendChild(row([th, td(v, "l")], { key: k })); }
    table.appendChild(body);
    const scroll = el("div", null, "scroll"); scroll.appendChild(table); parts.push(scroll);
  }
  parts.push(el("h3", "credentials"));
  const creds = s.credentials || [];
  if (creds.length === 0) parts.push(el("p", "No trading keys configured.", "note"));
  else {
    const table = el("table"); table.id = "credentials";
    const head = el("thead"); head.appendChild(row(["Venue", "API key", "API secret", "Passphrase"].map(t => { const th = el("th", t, "l"); th.scope = "col"; return th; })));
    const body = el("tbody");
    for (const c of creds) body.appendChild(row([td(c.venue), td(c.apiKey, "l"), td(c.apiSecret, "l"), td(c.passphrase, "l")], { venue: c.venue }));
    table.appendChild(head); table.appendChild(body);
    const scroll = el("div", null, "scroll"); scroll.appendChild(table); parts.push(scroll);
  }
  host.replaceChildren(...parts);
}
function flatten(value, prefix, out) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) out.push([prefix || "(none)", "–"]);
    for (const k of keys) flatten(value[k], prefix ? prefix + "." + k : k, out);
  } else if (Array.isArray(value) && value.some(x => x !== null && typeof x === "object")) {
    if (value.length === 0) out.push([prefix, "none"]);
    value.forEach((x, i) => flatten(x, `${prefix}[${i}]`, out));
  } else {
    out.push([prefix, Array.isArray(value) ? (value.length ? value.join(", ") : "none") : value === null ? "–" : String(value)]);
  }
}

// ---------- History (SQLite store) ----------
function historyQuery() {
  const q = new URLSearchParams({ limit: "50" });
  const asset = $("history-asset").value.trim(), venue = $("history-venue").value.trim();
  const from = $("history-from").value, to = $("history-to").value;
  if (asset) q.set("asset", asset);
  if (venue) q.set("venue", venue);
  if (from) q.set("from", new Date(from).toISOString());
  if (to) q.set("to", new Date(to).toISOString());
  return q.toString();
}
async function loadHistoryTable() {
  const status = $("history-status");
  try {
    const q = historyQuery();
    const [o, a] = await Promise.all([api("/api/history/opportunities?" + q), api("/api/history/alerts?" + q)]);
    if (!o.ok) { status.textContent = o.status === 404 ? "history is off (Storage:Enabled=false)" : "history: HTTP " + o.status; return; }
    const opps = (await o.json()).opportunities || [], alerts = a.ok ? ((await a.json()).alerts || []) : [];
    const ob = $("history-opps").tBodies[0], ab = $("history-alerts").tBodies[0];
    ob.replaceChildren(...opps.map(r => row([td(r.asset), td(r.buyVenue + " " + r.buySymbol, "l"), td(r.sellVenue + " " + r.sellSymbol, "l"),
      td(when(r.firstSeen), "l"), td(when(r.closedAt), "l"), td(r.closeReason || "open", "l"), td(fmt(r.peakNetProfitUsd, 2)),
      td(fmt(r.peakNetPremiumBps, 2)), td(fmt(r.durationMs / 1000, 1))])));
    ab.replaceChildren(...alerts.map(r => row([td(when(r.queuedAt)), td(r.sink, "l"), td(r.asset || "", "l"), td(fmt(r.netProfitUsd, 2)), td(r.state, "l")])));
    status.textContent = opps.length + " opportunities, " + alerts.length + " alerts";
  } catch { status.textContent = "history unavailable"; }
}

// ---------- wiring ----------
for (const form of document.querySelectorAll("form.filters")) form.addEventListener("submit", e => e.preventDefault());
$("history-form").addEventListener("submit", e => { e.preventDefault(); loadHistoryTable(); });
for (const id of ["f-asset", "f-venue", "f-min", "f-mode"]) { $(id).addEventListener("input", () => mark("opportunities")); $(id).addEventListener("change", () => mark("opportunities")); }
for (const th of $("opps").tHead.querySelectorAll("th[data-sort]")) th.querySelector("button").addEventListener("click", () => sortBy(th.dataset.sort));
$("detail-close").addEventListener("click", () => { state.selected = null; detailShown = null; mark("opportunities"); });
$("matrix-asset").addEventListener("change", () => { state.history = { asset: $("matrix-asset").value, samples: [] }; mark("dashboard"); loadHistory(true); });
$("w-asset").addEventListener("change", () => mark("wallets"));
$("settings-form").addEventListener("submit", saveSettings);
$("settings-reload").addEventListener("click", () => { $("settings-errors").replaceChildren(); $("settings-result").textContent = ""; loadSettings(); });
window.addEventListener("hashchange", route);

setInterval(tick, 100); // at most 10 paints per second, of the visible view only
setInterval(() => mark("header", "dashboard", "opportunities"), 1000); // ages keep counting between messages
setInterval(() => { if (current === "dashboard") loadHistory(false); }, 5000);
setInterval(() => { if (current === "markets") loadMarkets(); }, 30_000);
setInterval(() => { if (current === "history") loadHistoryTable(); }, 10_000);
route();
connect();
