// ChemKG SPARQL page: runs the query against /sparql and shows the answer as a table.
// Data is only ever written with textContent (never innerHTML), so nothing from a result executes.
(function () {
  "use strict";
  const form = document.getElementById("sparql-form");
  const editor = document.getElementById("query");
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
    if (term.type === "uri") {
      const a = document.createElement("a");
      const base = "https://w3id.org/chemkg/";
      a.href = term.value.startsWith(base) ? "/" + term.value.slice(base.length) : term.value;
      a.textContent = term.value.startsWith(base) ? term.value.slice(base.length) : term.value;
      td.appendChild(a);
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
  if (document.getElementById("sparql-script").dataset.autorun === "true") run();
})();
