// The dashboard: reads /api/v1/ every few seconds and draws it; charts by uPlot (served from the jar).
"use strict";
(function () {
  const REFRESH_MS = 5000;
  const state = { page: 0, size: 25, sort: "hashrate_1m", order: "desc", q: "" };
  const $ = (id) => document.getElementById(id);

  function hashrate(h) {
    if (h == null || !isFinite(h)) return "–";
    const units = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"];
    let i = 0;
    while (h >= 1000 && i < units.length - 1) { h /= 1000; i++; }
    return h.toFixed(h >= 100 ? 0 : h >= 10 ? 1 : 2) + " " + units[i];
  }
  const ms = (v) => v == null ? "–" : v < 10 ? v.toFixed(2) + " ms" : v.toFixed(0) + " ms";
  const count = (n) => n == null ? "–" : Number(n).toLocaleString("en");
  function ago(unixMs) {
    if (unixMs == null) return "never";
    const s = Math.max(0, Math.round((Date.now() - unixMs) / 1000));
    return s < 60 ? s + " s ago" : s < 3600 ? Math.round(s / 60) + " min ago" : Math.round(s / 3600) + " h ago";
  }
  function duration(s) {
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d ? d + " d " : "") + (d || h ? h + " h " : "") + m + " min";
  }
  function text(id, value) { $(id).textContent = value; }
  async function json(path) {
    const r = await fetch(path, { cache: "no-store" });
    const body = await r.json();
    if (!r.ok) throw Object.assign(new Error(body.error || r.status), { status: r.status });
    return body;
  }

  function showPool(p) {
    text("n-hashrate-1m", hashrate(p.hashrate["1m"].hashes_per_second));
    text("n-hashrate-10m", hashrate(p.hashrate["10m"].hashes_per_second));
    text("n-hashrate-1h", hashrate(p.hashrate["1h"].hashes_per_second));
    text("n-workers", count(p.workers.tracked));
    text("n-connections", count(p.connections) + " / " + count(p.channels));
    text("n-shares", count(p.last_minute.accepted) + " accepted, " + count(p.last_minute.refused) + " refused");
    text("n-latency", ms(p.last_minute.deferral_p50_ms) + " / " + ms(p.last_minute.deferral_p99_ms));
    text("n-blocks", count(p.blocks.found) + " / " + (p.blocks.submitted == null ? "none" : count(p.blocks.submitted)));
    text("n-jobs", p.job_source.kind + (p.job_source.healthy ? ", fresh" : ": " + p.job_source.problem));
    text("n-mint", p.mint_link.mode + (p.mint_link.reachable ? ", reachable" : ", UNREACHABLE"));
    text("n-uptime", duration(p.uptime_seconds));
    const bad = !p.job_source.healthy || !p.mint_link.reachable;
    $("status").className = bad ? "bad" : "";
    text("status", (bad ? "attention: " : "running, ") + "updated " + new Date().toLocaleTimeString());
  }

  // ---- charts ----
  const charts = {};
  function chart(id, series, format) {
    const el = $(id);
    const opts = {
      width: Math.max(280, el.clientWidth), height: 200,
      scales: { x: { time: true } },
      series: [{}].concat(series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: false,
        value: (u, v) => format(v) }))),
      axes: [{}, { size: 86, values: (u, vals) => vals.map(format) }],
      legend: { live: true },
    };
    charts[id] = new uPlot(opts, [[]].concat(series.map(() => [])), el);
  }
  function makeCharts() {
    chart("c-hashrate", [{ label: "hashrate", color: "#174ea6" }], hashrate);
    chart("c-shares", [{ label: "accepted/s", color: "#1b6e20" }, { label: "refused/s", color: "#a11212" }],
      (v) => v == null ? "–" : v.toFixed(v < 10 ? 2 : 0));
    chart("c-latency", [{ label: "p50", color: "#174ea6" }, { label: "p99", color: "#8a4b00" }], ms);
    window.addEventListener("resize", () => {
      for (const id in charts) charts[id].setSize({ width: Math.max(280, $(id).clientWidth), height: 200 });
    });
  }
  function showHistory(h) {
    charts["c-hashrate"].setData([h.unix_seconds, h.hashrate_1m]);
    charts["c-shares"].setData([h.unix_seconds, h.accepted_per_second, h.refused_per_second]);
    charts["c-latency"].setData([h.unix_seconds, h.deferral_p50_ms, h.deferral_p99_ms]);
  }

  // ---- workers ----
  function cell(row, value, cls, code) {
    const td = document.createElement("td");
    if (cls) td.className = cls;
    if (code) { const c = document.createElement("code"); c.textContent = value; td.appendChild(c); } else td.textContent = value;
    row.appendChild(td);
  }
  function showWorkers(p) {
    const body = document.querySelector("#workers tbody");
    body.replaceChildren();
    for (const w of p.workers) {
      const tr = document.createElement("tr");
      cell(tr, w.name === "" ? "(default)" : w.name);
      cell(tr, w.locking_key === "" ? "(none)" : w.locking_key.slice(0, 10) + "…" + w.locking_key.slice(-6), "", true);
      tr.lastChild.title = w.locking_key;
      cell(tr, hashrate(w.hashrate_1m), "num");
      cell(tr, hashrate(w.hashrate_10m), "num");
      cell(tr, hashrate(w.hashrate_1h), "num");
      cell(tr, count(w.accepted), "num");
      cell(tr, count(w.rejected), "num");
      cell(tr, count(w.quotes), "num");
      cell(tr, count(w.ecash), "num");
      cell(tr, ago(w.last_share_unix_ms));
      body.appendChild(tr);
    }
    if (p.workers.length === 0) {
      const tr = document.createElement("tr");
      const td = document.createElement("td");
      td.colSpan = 10;
      td.textContent = p.search ? "No worker matches “" + p.search + "”." : "No worker yet.";
      tr.appendChild(td);
      body.appendChild(tr);
    }
    const pages = Math.max(1, Math.ceil(p.total / p.size));
    text("page-info", "page " + (p.page + 1) + " of " + pages + " (" + count(p.total) + " workers)");
    $("prev").disabled = p.page === 0;
    $("next").disabled = p.page + 1 >= pages;
    for (const th of document.querySelectorAll("#workers th")) {
      th.setAttribute("aria-sort", th.dataset.sort === p.sort ? (p.order === "asc" ? "ascending" : "descending") : "none");
    }
  }
  function sortHeaders() {
    for (const th of document.querySelectorAll("#workers th")) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      b.addEventListener("click", () => {
        const key = th.dataset.sort;
        if (state.sort === key) state.order = state.order === "asc" ? "desc" : "asc";
        else { state.sort = key; state.order = key === "name" || key === "locking_key" ? "asc" : "desc"; }
        state.page = 0;
        refreshWorkers();
      });
      th.replaceChildren(b);
    }
  }
  async function refreshWorkers() {
    const qs = new URLSearchParams({ page: state.page, size: state.size, sort: state.sort, order: state.order, q: state.q });
    showWorkers(await json("/api/v1/workers?" + qs));
    const key = state.q.trim().toLowerCase();
    if (/^[0-9a-f]{66}$/.test(key)) {
      try {
        const m = await json("/api/v1/workers/" + key);
        $("miner").hidden = false;
        text("miner-key", m.locking_key);
        text("miner-totals", m.workers.length + " worker(s): " + hashrate(m.totals.hashrate_1m) + " over 1 min, "
          + count(m.totals.accepted) + " accepted, " + count(m.totals.rejected) + " rejected, "
          + count(m.totals.quotes) + " quotes carrying " + count(m.totals.ecash) + " hash of ecash");
      } catch (e) { $("miner").hidden = true; }
    } else {
      $("miner").hidden = true;
    }
  }

  // ---- mint ----
  function showMint(m) {
    const el = $("mint");
    el.replaceChildren();
    const p = document.createElement("p");
    if (m.mode === "remote") {
      p.textContent = "Remote mint at " + (m.address || "?") + (m.reachable ? ", reachable. " : ", UNREACHABLE. ") + m.note + ".";
      el.appendChild(p);
      return;
    }
    const q = m.quotes_by_state;
    p.textContent = "Keysets: " + m.keysets.map((k) => k.id + (k.active ? " (active)" : "")).join(", ")
      + ". Quotes: " + Object.keys(q).map((s) => s + " " + count(q[s].count)).join(", ")
      + ". Ecash issued " + count(q.ISSUED ? q.ISSUED.amount : 0) + " hash, redeemed " + count(m.redeemed.amount)
      + " hash (" + count(m.redeemed.count) + " proofs). Signatures/s: " + m.signatures_per_second.toFixed(2) + ".";
    el.appendChild(p);
  }

  async function refresh() {
    try {
      const [pool, history, mint] = await Promise.all([json("/api/v1/pool"), json("/api/v1/pool/history"), json("/api/v1/mint")]);
      showPool(pool);
      showHistory(history);
      showMint(mint);
      await refreshWorkers();
    } catch (e) {
      $("status").className = "bad";
      text("status", "cannot read the pool: " + e.message);
    }
  }

  $("search").addEventListener("submit", (e) => { e.preventDefault(); state.q = $("q").value; state.page = 0; refreshWorkers(); });
  $("prev").addEventListener("click", () => { if (state.page > 0) { state.page--; refreshWorkers(); } });
  $("next").addEventListener("click", () => { state.page++; refreshWorkers(); });
  sortHeaders();
  makeCharts();
  refresh();
  setInterval(refresh, REFRESH_MS);
})();
