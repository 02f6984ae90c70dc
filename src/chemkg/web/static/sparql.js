// ChemKG SPARQL page. With the vendored YASGUI (make vendor) the textarea becomes YASGUI's editor
// (highlighting, completion of ChemKG's prefixes, classes and properties) and results show in its
// table, raw response and a bar chart; without it, the query runs from the textarea into a plain table.
// Our own code writes data only with textContent (never innerHTML), so nothing from a result executes.
(function () {
  "use strict";
  const form = document.getElementById("sparql-form");
  const editor = document.getElementById("query");
  const autorun = document.getElementById("sparql-script").dataset.autorun === "true";

  const results = document.getElementById("results");
  const status = document.getElementById("status");
  const count = document.getElementById("count");
  const links = { share: "share", csv: "download-csv", json: "download-json" };

  function updateLinks() {
    const q = encodeURIComponent(editor.value);
    document.getElementById(links.share).href = "/sparql?query=" + q;
    document.getElementById(links.csv).href = "/sparql?query=" + q + "&format=csv";
    document.getElementById(links.json).href = "/sparql?query=" + q + "&format=json";
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    const base = "https://w3id.org/chemkg/";
    if (term.type === "uri" && term.value.startsWith(base)) {
      const a = document.createElement("a");
      a.href = "/" + term.value.slice(base.length);
      a.textContent = term.value.slice(base.length);
      td.appendChild(a);
    } else if (term.type === "uri" && /^https?:\/\//i.test(term.value)) {
      // only web addresses become links: a query can make any IRI, javascript: ones too
      const a = document.createElement("a");
      a.href = term.value;
      a.rel = "nofollow noopener";
      a.textContent = term.value;
      td.appendChild(a);
    } else if (term.type === "uri") {
      td.textContent = term.value;
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) {
        const lang = document.createElement("span");
        lang.className = "muted small";
        lang.textContent = " @" + term["xml:lang"];
        td.appendChild(lang);
      }
    }
    return td;
  }

  function table(data) {
    const vars = data.head.vars || [];
    const t = document.createElement("table");
    t.className = "data";
    const head = t.createTHead().insertRow();
    vars.forEach(function (v) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    const body = t.createTBody();
    data.results.bindings.forEach(function (b) {
      const row = body.insertRow();
      vars.forEach(function (v) { row.appendChild(cell(b[v])); });
    });
    return t;
  }

  function show(node) {
    results.replaceChildren(node);
    results.hidden = false;
  }

  async function run(event) {
    if (event) event.preventDefault();
    updateLinks();
    history.replaceState(null, "", "/sparql?query=" + encodeURIComponent(editor.value));
    status.textContent = status.dataset.running;
    status.className = "muted small";
    count.textContent = "";
    results.hidden = true;
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: "query=" + encodeURIComponent(editor.value),
    });
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).error.detail; } catch (e) { /* not JSON */ }
      status.textContent = response.status + ": " + detail;
      status.className = "notice error";
      return;
    }
    status.textContent = response.headers.get("X-ChemKG-Note") || "";
    status.className = status.textContent ? "notice" : "muted small";
    if (type.includes("sparql-results+json")) {
      const data = await response.json();
      if (data.boolean !== undefined) {
        const p = document.createElement("p");
        p.textContent = "ASK → " + data.boolean;
        show(p);
        return;
      }
      const n = data.results.bindings.length;
      count.textContent = "(" + n + " " + status.dataset.rows + ")";
      if (n === 0) {
        const p = document.createElement("p");
        p.className = "empty";
        p.textContent = status.dataset.empty;
        show(p);
      } else {
        show(table(data));
      }
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      show(pre);
    }
  }

  function startPlain() {
    if (document.querySelector("script[src*='yasgui.min.js']")) {
      document.getElementById("editor-note").hidden = false; // the assets are announced but did not load
    }
    form.addEventListener("submit", run);
    editor.addEventListener("input", updateLinks);
    editor.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") run(e);
    });
    document.querySelectorAll("a.example").forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        editor.value = a.dataset.query;
        run();
      });
    });
    if (autorun) run();
  }

  // -- YASGUI ----------------------------------------------------------------------------------------
  function startYasgui() {
    const Yasgui = window.Yasgui.Yasqe ? window.Yasgui : window.Yasgui.Yasgui || window.Yasgui.default;
    if (!Yasgui || !Yasgui.Yasqe || !Yasgui.Yasr) return false;
    const Yasqe = Yasgui.Yasqe;
    const Yasr = Yasgui.Yasr;
    const vocabulary = JSON.parse(document.getElementById("sparql-vocabulary").textContent);
    registerCompleters(Yasqe, vocabulary);
    Yasr.registerPlugin("chart", BarChart);

    const holder = document.getElementById("yasqe");
    holder.hidden = false;
    editor.hidden = true;
    document.getElementById("editor-help").hidden = false;
    const yasqe = new Yasqe(holder, {
      value: editor.value,
      persistenceId: null,
      autocompleters: ["variables", "chemkgPrefixes", "chemkgClasses", "chemkgProperties"],
      requestConfig: {
        endpoint: "/sparql",
        method: "POST",
        acceptHeaderSelect: "application/sparql-results+json",
        acceptHeaderGraph: "text/turtle",
      },
      createShareableLink: function (y) { return location.origin + "/sparql?query=" + encodeURIComponent(y.getValue()); },
      consumeShareLink: null,
      editorHeight: "360px",
    });
    const resultsHolder = document.getElementById("yasr");
    resultsHolder.hidden = false;
    const yasr = new Yasr(resultsHolder, {
      persistenceId: null,
      prefixes: vocabulary.prefixes,
      pluginOrder: ["table", "chart", "response"],
      defaultPlugin: "table",
      getDownloadFileName: function () { return "chemkg-results"; },
    });
    const status = document.getElementById("status");
    const count = document.getElementById("count");

    function sync() {
      editor.value = yasqe.getValue();
      updateLinks();
      history.replaceState(null, "", "/sparql?query=" + encodeURIComponent(editor.value));
    }
    yasqe.on("change", function () { editor.value = yasqe.getValue(); updateLinks(); });
    yasqe.on("query", function () { sync(); status.textContent = status.dataset.running; count.textContent = ""; });
    yasqe.on("queryResponse", function (_y, response, duration) {
      yasr.setResponse(response, duration);
      const headers = (response && response.headers) || {};
      const note = typeof headers.get === "function" ? headers.get("X-ChemKG-Note") : headers["x-chemkg-note"];
      status.textContent = note || "";
      status.className = note ? "notice" : "muted small";
      const results = yasr.results;
      if (results && results.getBindings && results.getBindings()) {
        count.textContent = "(" + results.getBindings().length + " " + status.dataset.rows + ")";
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); yasqe.query().catch(function () {}); });
    document.querySelectorAll("a.example").forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        yasqe.setValue(a.dataset.query);
        yasqe.query().catch(function () {});
      });
    });
    window.chemkgEditor = { yasqe: yasqe, yasr: yasr };
    if (autorun) yasqe.query().catch(function () {});
    return true;
  }

  // Completion from ChemKG's own vocabulary, never from the web (YASGUI's defaults ask LOV and prefix.cc).
  function registerCompleters(Yasqe, vocabulary) {
    const ours = Object.keys(vocabulary.prefixes).map(function (p) { return p + ": <" + vocabulary.prefixes[p] + ">"; });
    Yasqe.forkAutocompleter("prefixes", {
      name: "chemkgPrefixes",
      persistenceId: null,
      get: function (yasqe) {
        return Promise.resolve(Yasqe.Autocompleters.prefixes.get(yasqe)).then(function (bundled) {
          return ours.concat((bundled || []).filter(function (b) { return ours.indexOf(b) < 0; }));
        });
      },
    }, false);
    function terms(list) {
      return function (_yasqe, token) {
        const typed = ((token && token.string) || "").trim().replace(/^</, "").toLowerCase();
        return Promise.resolve(list.filter(function (t) {
          return !typed || t.curie.toLowerCase().indexOf(typed) === 0 || t.label.toLowerCase().indexOf(typed) >= 0
            || t.curie.toLowerCase().split(":")[1].indexOf(typed) === 0;
        }).map(function (t) { return t.curie; }));
      };
    }
    const keep = function (_yasqe, _token, suggestion) { return suggestion; };
    const asIs = function (_yasqe, token) { return token; };
    Yasqe.forkAutocompleter("class", { name: "chemkgClasses", get: terms(vocabulary.classes), preProcessToken: asIs, postProcessSuggestion: keep }, false);
    Yasqe.forkAutocompleter("property", { name: "chemkgProperties", get: terms(vocabulary.properties), preProcessToken: asIs, postProcessSuggestion: keep }, false);
  }

  // A bar chart of the first numeric column against the other columns of each row, drawn as SVG.
  function BarChart(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = document.getElementById("status").dataset.chart;
  }
  function isNumber(term) {
    return term && term.type !== "uri" && term.value !== "" && !isNaN(Number(term.value)) &&
      /#(integer|decimal|double|float|int|long)$/.test(term.datatype || "");
  }
  BarChart.prototype.columns = function () {
    const results = this.yasr.results;
    if (!results || !results.getVariables || !results.getBindings || !results.getBindings()) return null;
    const vars = results.getVariables();
    const rows = results.getBindings();
    const numeric = vars.find(function (v) { return rows.length && rows.every(function (r) { return !r[v] || isNumber(r[v]); }) && rows.some(function (r) { return r[v]; }); });
    if (!numeric || vars.length < 2) return null;
    return { value: numeric, labels: vars.filter(function (v) { return v !== numeric; }), rows: rows.slice(0, 60) };
  };
  BarChart.prototype.canHandleResults = function () { return this.columns() !== null; };
  BarChart.prototype.getIcon = function () {
    const icon = document.createElement("span");
    icon.textContent = "▮";
    return icon;
  };
  BarChart.prototype.draw = function () {
    const chart = this.columns();
    const ns = "http://www.w3.org/2000/svg";
    const wrap = document.createElement("div");
    wrap.className = "chemkg-chart";
    if (!chart) {
      wrap.textContent = document.getElementById("status").dataset.chartHint;
      this.yasr.resultsEl.appendChild(wrap);
      return;
    }
    const max = Math.max.apply(null, chart.rows.map(function (r) { return r[chart.value] ? Number(r[chart.value].value) : 0; }).concat([1]));
    const barHeight = 22, labelWidth = 320, width = 900;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (chart.rows.length * barHeight + 10));
    svg.setAttribute("width", "100%");
    svg.setAttribute("role", "img");
    chart.rows.forEach(function (row, i) {
      const label = chart.labels.map(function (v) {
        const term = row[v];
        if (!term) return "";
        return term.type === "uri" ? term.value.replace(/^.*[\/#]/, "") : term.value;
      }).filter(Boolean).join(" · ");
      const value = row[chart.value] ? Number(row[chart.value].value) : 0;
      const y = i * barHeight + 5;
      const text = document.createElementNS(ns, "text");
      text.setAttribute("x", labelWidth - 8);
      text.setAttribute("y", y + 15);
      text.setAttribute("text-anchor", "end");
      text.setAttribute("font-size", "12");
      text.textContent = label.length > 48 ? label.slice(0, 47) + "…" : label;
      const bar = document.createElementNS(ns, "rect");
      bar.setAttribute("x", labelWidth);
      bar.setAttribute("y", y + 3);
      bar.setAttribute("height", barHeight - 6);
      bar.setAttribute("width", Math.max(1, (width - labelWidth - 70) * value / max));
      bar.setAttribute("fill", "#2f6f8f");
      const number = document.createElementNS(ns, "text");
      number.setAttribute("x", labelWidth + (width - labelWidth - 70) * value / max + 6);
      number.setAttribute("y", y + 15);
      number.setAttribute("font-size", "12");
      number.textContent = String(value);
      svg.appendChild(text);
      svg.appendChild(bar);
      svg.appendChild(number);
    });
    wrap.appendChild(svg);
    this.svg = svg;
    this.yasr.resultsEl.appendChild(wrap);
  };
  BarChart.prototype.download = function () {
    const svg = this.svg;
    if (!svg) return undefined;
    return {
      getData: function () { return new XMLSerializer().serializeToString(svg); },
      contentType: "image/svg+xml",
      title: "Download chart",
      filename: "chemkg-chart.svg",
    };
  };

  if (!(window.Yasgui && startYasgui())) startPlain();
})();
