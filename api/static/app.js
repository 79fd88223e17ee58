// The mediamon dashboard: plain JS on the read-only API, charts by the vendored Chart.js.
// Every text that comes from the data (titles, names, outlets, phrases) goes into the page with
// textContent or as chart labels drawn on a canvas, never as HTML; links are made only for http(s) URLs.
"use strict";

(() => {
  const COLORS = ["#2f6fdb", "#e8590c", "#2b8a3e", "#ae3ec9", "#f59f00", "#0c8599", "#c92a2a", "#5c940d",
    "#364fc7", "#862e9c"];
  const PREFERRED_TOPIC = "medtop:06000000";
  const ARTICLES_PER_PAGE = 25;
  const state = { meta: null, filters: {}, topic: null, charts: {}, articles: null, loads: 0 };
  const $ = (selector) => document.querySelector(selector);
  const shorten = (label) => (String(label).length > 24 ? `${String(label).slice(0, 23)}…` : String(label));
  const categoryTicks = { callback(value) { return shorten(this.getLabelForValue(value)); } };
  const form = $("#filters");

  // --- the API ---------------------------------------------------------------------------------

  function toQuery(params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === null || value === undefined || value === "" || value === false) continue;
      if (Array.isArray(value)) value.forEach((item) => query.append(key, item));
      else query.append(key, String(value));
    }
    return query.toString();
  }

  async function api(name, params = {}) {
    const query = toQuery(params);
    const url = `/api/${name}${query ? "?" + query : ""}`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const headers = { Accept: "application/json" };
      const token = sessionStorage.getItem("mediamon-token");
      if (token) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(url, { headers });
      if (response.status === 401 && attempt === 0) {
        const given = window.prompt("This mediamon API needs its access token:");
        if (given) {
          sessionStorage.setItem("mediamon-token", given.trim());
          continue;
        }
      }
      if (!response.ok) {
        let detail = "";
        try { detail = JSON.stringify((await response.json()).detail); } catch (err) { detail = ""; }
        throw new Error(`${name}: HTTP ${response.status} ${detail}`);
      }
      return response.json();
    }
    throw new Error(`${name}: not authorised`);
  }

  function setCsv(name, params) {
    document.querySelectorAll(`a[data-csv="${name}"]`).forEach((link) => {
      link.href = `/api/${name}.csv?${toQuery(params)}`;
      link.setAttribute("download", `${name}.csv`);
    });
  }

  // --- dates ----------------------------------------------------------------------------------

  const parseDay = (text) => new Date(`${text}T00:00:00Z`);
  const formatDay = (when) => when.toISOString().slice(0, 10);
  const addDays = (text, days) => formatDay(new Date(parseDay(text).getTime() + days * 86400000));
  const maxDay = (a, b) => (a > b ? a : b);

  function periodEnd(period, grain) {
    if (grain === "day") return period;
    if (grain === "week") return addDays(period, 6);
    const start = parseDay(period);
    return formatDay(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)));
  }

  // --- filters (kept in the URL's #fragment, so a view can be shared) ---------------------------

  function readHash() {
    const found = {};
    const hash = new URLSearchParams(location.hash.slice(1));
    for (const key of ["start", "end", "grain", "outlet", "entity", "topic", "by_outlet"]) {
      const value = hash.get(key);
      if (value !== null && value.length <= 200) found[key] = value;
    }
    return found;
  }

  function writeFilters(filters) {
    for (const [key, value] of Object.entries(filters)) {
      const field = form.elements.namedItem(key);
      if (!field) continue;
      if (field.type === "checkbox") field.checked = value === true || value === "1";
      else field.value = value || "";
    }
  }

  function readForm() {
    const data = new FormData(form);
    return {
      start: data.get("start"),
      end: data.get("end"),
      grain: data.get("grain") || "week",
      outlet: data.get("outlet") || "",
      entity: (data.get("entity") || "").trim(),
      topic: data.get("topic") || "",
      by_outlet: data.get("by_outlet") === "on",
    };
  }

  function saveHash(filters) {
    const copy = { ...filters, by_outlet: filters.by_outlet ? "1" : "" };
    history.replaceState(null, "", `#${toQuery(copy)}`);
  }

  const common = () => ({
    start: state.filters.start,
    end: state.filters.end,
    outlet: state.filters.outlet ? [state.filters.outlet] : [],
  });

  // --- DOM helpers ------------------------------------------------------------------------------

  function text(tag, content, className) {
    const node = document.createElement(tag);
    node.textContent = content === null || content === undefined ? "" : String(content);
    if (className) node.className = className;
    return node;
  }

  function fillSlots(slot, value) {
    document.querySelectorAll(`[data-slot="${slot}"]`).forEach((node) => { node.textContent = value; });
  }

  function showError(panel, error) {
    const section = $(panel);
    section.querySelectorAll(".error").forEach((node) => node.remove());
    section.appendChild(text("p", String(error.message || error), "error"));
  }

  function clearErrors(panel) {
    $(panel).querySelectorAll(".error").forEach((node) => node.remove());
  }

  // --- charts ---------------------------------------------------------------------------------

  function draw(id, config, onPick) {
    const canvas = document.getElementById(id);
    if (state.charts[id]) state.charts[id].destroy();
    config.options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "nearest", intersect: true },
      plugins: { legend: { display: config.data.datasets.length > 1, position: "bottom" } },
      ...config.options,
    };
    if (onPick) {
      config.options.onClick = (event, elements, chart) => {
        const hits = chart.getElementsAtEventForMode(event, "nearest", { intersect: true }, true);
        if (hits.length) onPick(hits[0].datasetIndex, hits[0].index, chart);
      };
    }
    const chart = new window.Chart(canvas, config);
    state.charts[id] = chart;
    const points = config.data.datasets.reduce((sum, set) => sum + set.data.filter((v) => v !== null).length, 0);
    canvas.dataset.points = String(points);
    canvas.dataset.total = String(config.data.datasets.reduce(
      (sum, set) => sum + set.data.reduce((a, v) => a + (typeof v === "number" ? v : 0), 0), 0));
    return chart;
  }

  function seriesDatasets(rows) {
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    const lines = [...new Set(rows.map((r) => r.outlet))];
    const datasets = lines.map((line, i) => {
      const byPeriod = new Map(rows.filter((r) => r.outlet === line).map((r) => [r.period, r.articles]));
      return {
        label: line === null ? "all outlets" : line,
        outlet: line,
        data: periods.map((p) => byPeriod.get(p) ?? 0),
        borderColor: COLORS[i % COLORS.length],
        backgroundColor: COLORS[i % COLORS.length] + "33",
        pointRadius: periods.length > 120 ? 0 : 2,
        pointHitRadius: 6,
        tension: 0.15,
        fill: lines.length === 1,
      };
    });
    return { periods, datasets };
  }

  // --- panels ---------------------------------------------------------------------------------

  async function loadEntityVolume() {
    const entity = state.filters.entity;
    fillSlots("entity", entity || "(no entity)");
    if (!entity) return;
    const params = { ...common(), entity, grain: state.filters.grain, by_outlet: state.filters.by_outlet };
    setCsv("entity-volume", params);
    const answer = await api("entity-volume", params);
    const { periods, datasets } = seriesDatasets(answer.rows);
    draw("chart-entity-volume", { type: "line", data: { labels: periods, datasets },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
    (dataset, index, chart) => {
      const period = periods[index];
      const outlet = chart.data.datasets[dataset].outlet;
      showArticles({ entity: [entity], start: period, end: periodEnd(period, state.filters.grain),
        outlet: outlet ? [outlet] : common().outlet },
      `${entity}, ${state.filters.grain} of ${period}${outlet ? ", " + outlet : ""}`);
    });
  }

  async function loadTopicVolume() {
    const topic = state.topic;
    const known = (state.meta.topics || []).find((t) => t.code === topic);
    fillSlots("topic", known ? `${known.label} (${topic})` : topic || "(no topic)");
    if (!topic) return;
    const params = { ...common(), topic, grain: state.filters.grain, by_outlet: state.filters.by_outlet };
    setCsv("topic-volume", params);
    const answer = await api("topic-volume", params);
    const { periods, datasets } = seriesDatasets(answer.rows);
    draw("chart-topic-volume", { type: "line", data: { labels: periods, datasets },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } },
    (dataset, index, chart) => {
      const period = periods[index];
      const outlet = chart.data.datasets[dataset].outlet;
      showArticles({ topic, start: period, end: periodEnd(period, state.filters.grain),
        outlet: outlet ? [outlet] : common().outlet },
      `${known ? known.label : topic}, ${state.filters.grain} of ${period}${outlet ? ", " + outlet : ""}`);
    });
  }

  async function loadTopEntities() {
    const params = { ...common(), topic: state.filters.topic, limit: 15 };
    setCsv("top-entities", params);
    const answer = await api("top-entities", params);
    const rows = answer.rows;
    draw("chart-top-entities", {
      type: "bar",
      data: {
        labels: rows.map((r) => r.entity),
        datasets: [
          { label: "this window", data: rows.map((r) => r.articles), backgroundColor: COLORS[0] },
          { label: "window before", data: rows.map((r) => r.previous_articles), backgroundColor: "#c5cfe0" },
        ],
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: categoryTicks } } },
    }, (dataset, index) => focusEntity(rows[index].entity));
    const body = $("#table-top-entities tbody");
    body.replaceChildren();
    rows.forEach((r) => {
      const row = document.createElement("tr");
      row.append(text("td", r.entity), text("td", r.entity_type), text("td", r.articles, "num"),
        text("td", r.previous_articles, "num"),
        text("td", (r.change > 0 ? "+" : "") + r.change, `num ${r.change > 0 ? "up" : r.change < 0 ? "down" : ""}`));
      row.addEventListener("click", () => showArticles({ ...common(), entity: [r.entity_id], topic: state.filters.topic },
        `${r.entity}, ${state.filters.start} to ${state.filters.end}`));
      body.appendChild(row);
    });
  }

  async function loadShareOfVoice() {
    const params = { ...common(), grain: state.filters.grain };
    setCsv("share-of-voice", params);
    const answer = await api("share-of-voice", params);
    const periods = [...new Set(answer.rows.map((r) => r.period))].sort();
    const entities = [...new Map(answer.rows.map((r) => [r.entity_id, r.entity])).entries()];
    const datasets = entities.map(([id, name], i) => {
      const byPeriod = new Map(answer.rows.filter((r) => r.entity_id === id).map((r) => [r.period, r.share]));
      return { label: name, entityId: id, data: periods.map((p) => byPeriod.get(p) ?? 0),
        backgroundColor: COLORS[i % COLORS.length] };
    });
    draw("chart-share-of-voice", { type: "bar", data: { labels: periods, datasets },
      options: { scales: { x: { stacked: true }, y: { stacked: true, max: 1, ticks: { format: { style: "percent" } } } } } },
    (dataset, index, chart) => {
      const period = periods[index];
      const set = chart.data.datasets[dataset];
      showArticles({ entity: [set.entityId], start: period, end: periodEnd(period, state.filters.grain),
        outlet: common().outlet }, `${set.label}, ${state.filters.grain} of ${period}`);
    });
  }

  async function loadCooccurrences() {
    const entity = state.filters.entity;
    if (!entity) return;
    const params = { ...common(), entity, limit: 12 };
    setCsv("cooccurrences", params);
    const answer = await api("cooccurrences", params);
    const rows = answer.rows;
    draw("chart-cooccurrences", {
      type: "bar",
      data: { labels: rows.map((r) => r.entity),
        datasets: [{ label: `share of ${entity}'s articles`, data: rows.map((r) => r.share), backgroundColor: COLORS[2] }] },
      options: { indexAxis: "y",
        scales: { x: { beginAtZero: true, max: 1, ticks: { format: { style: "percent" } } }, y: { ticks: categoryTicks } } },
    }, (dataset, index) => showArticles({ ...common(), entity: [entity, rows[index].entity_id] },
      `${entity} with ${rows[index].entity}`));
  }

  async function loadSpikes() {
    const params = { ...common(), limit: 15 };
    setCsv("spikes", params);
    const answer = await api("spikes", params);
    const body = $("#table-spikes tbody");
    body.replaceChildren();
    if (!answer.rows.length) body.appendChild(text("tr", "")).appendChild(text("td", "no spikes in this window"));
    answer.rows.forEach((s) => {
      const row = document.createElement("tr");
      row.append(text("td", s.entity), text("td", s.day), text("td", s.articles, "num"),
        text("td", s.baseline_mean.toFixed(2), "num"), text("td", s.ratio.toFixed(1), "num"),
        text("td", s.z_score.toFixed(1), "num"));
      row.addEventListener("click", () => {
        showArticles({ entity: [s.entity_id], start: s.day, end: s.day, outlet: common().outlet }, `${s.entity} on ${s.day}`);
      });
      body.appendChild(row);
    });
    return answer.rows;
  }

  async function loadKeyphrases() {
    const start = maxDay(state.filters.start, addDays(state.filters.end, -6));
    const params = { start, end: state.filters.end, outlet: common().outlet, limit: 12 };
    setCsv("emerging-keyphrases", params);
    const answer = await api("emerging-keyphrases", params);
    const body = $("#table-keyphrases tbody");
    body.replaceChildren();
    answer.rows.forEach((p) => {
      const row = document.createElement("tr");
      row.append(text("td", p.phrase), text("td", p.articles, "num"), text("td", p.expected.toFixed(1), "num"),
        text("td", `×${p.growth.toFixed(1)}`, "num"));
      row.addEventListener("click", () => showArticles({ phrase: p.phrase, start, end: state.filters.end,
        outlet: common().outlet }, `“${p.phrase}”, ${start} to ${state.filters.end}`));
      body.appendChild(row);
    });
  }

  // --- the articles behind a selection ---------------------------------------------------------

  function showArticles(params, label) {
    state.articles = { params, label, offset: 0 };
    return loadArticles();
  }

  async function loadArticles() {
    const { params, label, offset } = state.articles;
    const query = { ...params, limit: ARTICLES_PER_PAGE, offset };
    setCsv("articles", { ...params, limit: 1000 });
    $("#articles-title").textContent = label;
    const answer = await api("articles", query);
    const list = $("#articles-list");
    list.replaceChildren();
    list.start = offset + 1;
    answer.rows.forEach((a) => {
      const item = document.createElement("li");
      if (/^https?:\/\//i.test(a.url)) {
        const link = text("a", a.title);
        link.href = a.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        item.appendChild(link);
      } else {
        item.appendChild(text("span", a.title));
      }
      item.appendChild(text("span", `${a.day} · ${a.outlet}`, "meta"));
      list.appendChild(item);
    });
    const last = Math.min(offset + answer.rows.length, answer.total);
    $("#articles-count").textContent = answer.total
      ? `${offset + 1}–${last} of ${answer.total} article${answer.total === 1 ? "" : "s"}` : "no articles";
    $("#articles-prev").disabled = offset === 0;
    $("#articles-next").disabled = offset + ARTICLES_PER_PAGE >= answer.total;
    $("#panel-articles").dataset.total = String(answer.total);
  }

  // --- orchestration --------------------------------------------------------------------------

  async function guarded(panel, work) {
    clearErrors(panel);
    try {
      return await work();
    } catch (error) {
      showError(panel, error);
      return null;
    }
  }

  async function focusEntity(entity) {
    state.filters.entity = entity;
    writeFilters({ entity });
    saveHash(state.filters);
    await Promise.all([
      guarded("#panel-entity-volume", loadEntityVolume),
      guarded("#panel-cooccurrences", loadCooccurrences),
      guarded("#panel-articles", () => showArticles({ ...common(), entity: [entity] },
        `${entity}, ${state.filters.start} to ${state.filters.end}`)),
    ]);
  }

  async function chooseDefaults() {
    if (!state.filters.entity) {
      // the strongest spike of a person (what monitors watch most), else any spike, else the top entity
      const spikes = await api("spikes", { ...common(), limit: 50 });
      const person = spikes.rows.find((s) => s.entity_type === "PERSON") || spikes.rows[0];
      if (person) state.filters.entity = person.entity;
      else {
        const top = await api("top-entities", { ...common(), limit: 1 });
        state.filters.entity = top.rows.length ? top.rows[0].entity : "";
      }
    }
    const topics = state.meta.topics || [];
    state.topic = state.filters.topic
      || (topics.some((t) => t.code === PREFERRED_TOPIC) ? PREFERRED_TOPIC : topics.length ? topics[0].code : null);
  }

  async function refresh() {
    document.body.dataset.ready = "0";
    await guarded("#panel-entity-volume", chooseDefaults);
    writeFilters(state.filters);
    saveHash(state.filters);
    const entity = state.filters.entity;
    await Promise.all([
      guarded("#panel-entity-volume", loadEntityVolume),
      guarded("#panel-topic-volume", loadTopicVolume),
      guarded("#panel-top-entities", loadTopEntities),
      guarded("#panel-share-of-voice", loadShareOfVoice),
      guarded("#panel-cooccurrences", loadCooccurrences),
      guarded("#panel-spikes", loadSpikes),
      guarded("#panel-keyphrases", loadKeyphrases),
      guarded("#panel-articles", () => showArticles(
        { ...common(), entity: entity ? [entity] : [], topic: state.filters.topic },
        `${entity || "all"}${state.filters.topic ? ", " + state.filters.topic : ""}, ${state.filters.start} to ${state.filters.end}`)),
    ]);
    state.loads += 1;
    document.body.dataset.loads = String(state.loads);
    document.body.dataset.ready = "1";
  }

  function fillSelect(name, options) {
    const select = form.elements.namedItem(name);
    options.forEach(([value, label]) => {
      const option = text("option", label);
      option.value = value;
      select.appendChild(option);
    });
  }

  let entityLookup = null;
  function suggestEntities() {
    clearTimeout(entityLookup);
    entityLookup = setTimeout(async () => {
      const q = form.elements.namedItem("entity").value.trim();
      if (q.length < 2) return;
      try {
        const answer = await api("entities", { q, limit: 15 });
        const list = $("#entity-options");
        list.replaceChildren(...answer.rows.map((e) => {
          const option = document.createElement("option");
          option.value = e.name;
          option.label = `${e.type} · ${e.articles} articles`;
          return option;
        }));
      } catch (error) { /* suggestions are optional */ }
    }, 200);
  }

  function defaultFilters() {
    const end = state.meta.last_day;
    return { start: maxDay(state.meta.first_day, addDays(end, -364)), end, grain: "week", outlet: "", entity: "",
      topic: "", by_outlet: false };
  }

  async function start() {
    try {
      state.meta = await api("meta");
    } catch (error) {
      $("#status").textContent = `The API is not ready: ${error.message}`;
      $("#status").className = "error";
      return;
    }
    const meta = state.meta;
    if (!meta.last_day) {
      $("#status").textContent = "The snapshot has no articles yet.";
      return;
    }
    $("#status").textContent = `${meta.articles.toLocaleString("en")} articles, ${meta.first_day} to ${meta.last_day}`;
    fillSelect("outlet", meta.outlets.map((o) => [o.outlet, `${o.outlet} (${o.articles})`]));
    fillSelect("topic", meta.topics.map((t) => [t.code, `${t.label} (${t.articles})`]));
    const fromHash = readHash();
    state.filters = { ...defaultFilters(), ...fromHash, by_outlet: fromHash.by_outlet === "1" };
    writeFilters(state.filters);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      state.filters = readForm();
      refresh();
    });
    form.addEventListener("reset", (event) => {
      event.preventDefault();
      state.filters = defaultFilters();
      refresh();
    });
    form.elements.namedItem("entity").addEventListener("input", suggestEntities);
    $("#articles-prev").addEventListener("click", () => {
      state.articles.offset = Math.max(0, state.articles.offset - ARTICLES_PER_PAGE);
      guarded("#panel-articles", loadArticles);
    });
    $("#articles-next").addEventListener("click", () => {
      state.articles.offset += ARTICLES_PER_PAGE;
      guarded("#panel-articles", loadArticles);
    });
    await refresh();
  }

  window.mediamon = { state, refresh, showArticles, focusEntity };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
