// The network pages: draw the graph data block with vis-network, settle the layout, then switch
// physics off; filters hide and show through the DataSets; the side panel shows facts and evidence.
// Every text from the graph is written with textContent (never innerHTML), so names stay inert.
(function () {
  "use strict";

  var scriptStart = performance.now();
  var graph = JSON.parse(document.getElementById("graph-data").textContent);
  var page = JSON.parse(document.getElementById("page-data").textContent);
  var nodes = new vis.DataSet(graph.nodes);
  var edges = new vis.DataSet(graph.edges);
  var container = document.getElementById("network");
  var panel = document.getElementById("panel");
  var statusLine = document.getElementById("status");
  var fieldSelect = document.getElementById("filter-field");
  var roundSelect = document.getElementById("filter-round");
  var typeBoxes = Array.prototype.slice.call(document.querySelectorAll("#type-filter input[type=checkbox]"));
  var state = { settled: false, settledAt: null, stabilizationIterations: null, selected: null,
    timings: { scriptStart: scriptStart, parsed: performance.now() } };

  var network = new vis.Network(container, { nodes: new vis.DataSet(), edges: new vis.DataSet() }, graph.options);

  function settle(iterations) {
    if (state.settled) return;
    network.off("stabilizationProgress");
    // Stop the simulation for good: a settled layout no longer moves or costs CPU.
    network.setOptions({ physics: { enabled: false } });
    state.settled = true;
    state.settledAt = performance.now();
    state.stabilizationIterations = iterations;
    document.body.setAttribute("data-settled", "true");
    // Stabilisation fitted every node; with a filter from the address, fit the visible ones.
    if (fieldSelect.value || roundSelect.value) network.fit({ animation: false });
    updateStatus();
  }
  network.on("stabilizationProgress", function (p) { state.stabilizationIterations = p.iterations; });
  network.once("stabilizationIterationsDone", function () { settle(state.stabilizationIterations); });
  network.setData({ nodes: nodes, edges: edges });
  state.timings.dataSet = performance.now();

  // ------------------------------------------------------------------ clusters and labels
  // Around a focus, items are grouped by field into one box each (the server says which and how many);
  // a click on a box opens it. Filters by field or round work on the items, so they open every box.
  var clusterIds = (page.clusters || []).map(function (c) { return "cluster:" + c.id; });
  state.openedClusters = [];
  // Our own record of closed boxes: vis-network's isCluster() logs an error for an id it does not know.
  var liveClusters = {};
  function isBox(id) { return Boolean(liveClusters[id]); }
  function clusterItems() {
    (page.clusters || []).forEach(function (c) {
      var id = "cluster:" + c.id;
      if (state.openedClusters.indexOf(id) >= 0 || liveClusters[id]) return;
      liveClusters[id] = true;
      network.cluster({
        joinCondition: function (n) { return n.clusterField === c.id; },
        clusterNodeProperties: {
          id: "cluster:" + c.id, label: c.name + " · " + c.count, shape: "box", level: 2,
          color: { background: "#fff4c2", border: "#c9a227" }, font: { size: 14 }, borderWidth: 2,
          title: c.count + " measures / projects / indicators in " + c.name + " — click to open",
        },
      });
    });
  }
  function openCluster(id) {
    if (!isBox(id)) return;
    delete liveClusters[id];
    network.openCluster(id);
    if (state.openedClusters.indexOf(id) < 0) state.openedClusters.push(id);
  }
  function openAllClusters() { clusterIds.forEach(openCluster); }
  clusterItems();
  if (nodes.length === 0) settle(0);

  // ------------------------------------------------------------------ helpers
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }
  function vizHref(id, depth) {
    return "/viz/" + encodeURIComponent(id) + (depth ? "?depth=" + depth : "");
  }
  var domainNames = {};
  page.domains.forEach(function (d) { domainNames[d.id] = d.name; });
  function nameOf(id) {
    var n = nodes.get(id);
    return n ? n.name : (domainNames[id] || id);
  }
  function show(value) {
    if (Array.isArray(value)) return value.map(show).join("、");
    if (value !== null && typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function factsTable(facts) {
    var dl = el("dl", null, "facts");
    Object.keys(facts).sort().forEach(function (k) {
      var v = facts[k];
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return;
      dl.appendChild(el("dt", k));
      dl.appendChild(el("dd", show(v)));
    });
    return dl;
  }

  function evidenceList(evidence) {
    var wrap = el("section", null, "evidence");
    wrap.appendChild(el("h3", "出处 evidence (" + evidence.length + ")"));
    if (!evidence.length) {
      wrap.appendChild(el("p", "No document evidence (reference data).", "hint"));
      return wrap;
    }
    var ol = el("ol");
    evidence.forEach(function (ev) {
      var li = el("li");
      var doc = page.documents[ev.document];
      var head = el("p", null, "source");
      head.appendChild(el("span", doc ? doc.title : ev.document, "document"));
      if (doc && doc.number) head.appendChild(el("span", " " + doc.number, "number"));
      li.appendChild(head);
      li.appendChild(el("p", ev.locator, "locator"));
      li.appendChild(el("blockquote", ev.quote, "quote"));
      if (ev.note) li.appendChild(el("p", ev.note, "note"));
      ol.appendChild(li);
    });
    wrap.appendChild(ol);
    return wrap;
  }

  function clearPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
  }

  // ------------------------------------------------------------------ side panel
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    state.selected = { kind: "node", id: id };
    clearPanel();
    panel.setAttribute("data-kind", "node");
    panel.appendChild(el("h2", n.name, "title"));
    panel.appendChild(el("p", n.type + (n.facts.kind ? " · " + n.facts.kind : "") + " · " + id, "subtitle"));
    var links = el("p", null, "links");
    links.appendChild(link(vizHref(id, 1), "expand (depth 1)"));
    links.appendChild(document.createTextNode(" · "));
    links.appendChild(link(vizHref(id, 2), "depth 2"));
    links.appendChild(document.createTextNode(" · "));
    links.appendChild(link("/api/nodes/" + encodeURIComponent(id), "JSON"));
    panel.appendChild(links);
    panel.appendChild(factsTable(n.facts));
    var related = network.getConnectedEdges(id).map(function (eid) { return edges.get(eid); })
      .filter(function (e) { return e && !e.hidden; });
    if (related.length) {
      var sec = el("section", null, "related");
      sec.appendChild(el("h3", "关系 relationships (" + related.length + ")"));
      var ul = el("ul");
      related.forEach(function (e) {
        var li = el("li");
        var a = link("#", (e.from === id ? "→ " + nameOf(e.to) : "← " + nameOf(e.from)) + " · " + e.type +
          (e.props.mechanism ? " · " + e.props.mechanism : ""));
        a.addEventListener("click", function (ev) { ev.preventDefault(); network.selectEdges([e.id]); showEdge(e.id); });
        li.appendChild(a);
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      panel.appendChild(sec);
    }
    panel.appendChild(evidenceList(n.evidence));
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    state.selected = { kind: "edge", id: id };
    clearPanel();
    panel.setAttribute("data-kind", "edge");
    var title = el("h2", null, "title");
    title.appendChild(link(vizHref(e.from, 1), nameOf(e.from)));
    title.appendChild(document.createTextNode(" → "));
    title.appendChild(link(vizHref(e.to, 1), nameOf(e.to)));
    panel.appendChild(title);
    panel.appendChild(el("p", e.type + " · " + id, "subtitle"));
    var facts = {};
    Object.keys(e.props).forEach(function (k) { facts[k] = e.props[k]; });
    if (e.domains.length) facts.domains = e.domains.map(function (d) { return domainNames[d] || d; });
    panel.appendChild(factsTable(facts));
    panel.appendChild(evidenceList(e.evidence));
  }

  function handleClick(params) {
    if (params.nodes && params.nodes.length && isBox(params.nodes[0])) {
      openCluster(params.nodes[0]);
      return;
    }
    if (params.nodes && params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges && params.edges.length) showEdge(params.edges[0]);
  }
  network.on("click", handleClick);
  network.on("doubleClick", function (params) {
    if (params.nodes && params.nodes.length && !isBox(params.nodes[0]))
      window.location.href = vizHref(params.nodes[0], 1);
  });

  // ------------------------------------------------------------------ filters

  function applyFilters() {
    var field = fieldSelect.value;
    var round = roundSelect.value;
    if (field || round) openAllClusters();
    var hiddenTypes = {};
    typeBoxes.forEach(function (b) { if (!b.checked) hiddenTypes[b.value] = true; });
    var typeVisible = {};
    nodes.forEach(function (n) { typeVisible[n.id] = n.id === page.focus || !hiddenTypes[n.legend]; });
    var degree = {};
    var edgeUpdates = [];
    edges.forEach(function (e) {
      var visible = typeVisible[e.from] && typeVisible[e.to];
      // A field filter keeps what the sources tie to that field; a round filter drops facts of other
      // rounds but keeps timeless ones (a county's city).
      if (visible && field) visible = e.domains.indexOf(field) >= 0;
      if (visible && round && e.rounds.length) visible = e.rounds.indexOf(round) >= 0;
      if (visible) {
        degree[e.from] = (degree[e.from] || 0) + 1;
        degree[e.to] = (degree[e.to] || 0) + 1;
      }
      if (Boolean(e.hidden) === visible) edgeUpdates.push({ id: e.id, hidden: !visible });
    });
    var filtering = Boolean(field || round);
    var nodeUpdates = [];
    nodes.forEach(function (n) {
      var visible = typeVisible[n.id] && (!filtering || n.id === page.focus || degree[n.id] > 0);
      if (Boolean(n.hidden) === visible) nodeUpdates.push({ id: n.id, hidden: !visible });
    });
    edges.update(edgeUpdates);
    nodes.update(nodeUpdates);
    var params = new URLSearchParams(window.location.search);
    ["field", "round"].forEach(function (k) { params.delete(k); });
    if (field) params.set("field", field);
    if (round) params.set("round", round);
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    if (state.settled) network.fit({ animation: false });
    updateStatus();
  }

  function visibleCounts() {
    var n = nodes.get({ filter: function (x) { return !x.hidden; } }).length;
    var e = edges.get({ filter: function (x) { return !x.hidden; } }).length;
    return { nodes: n, edges: e };
  }
  function updateStatus() {
    var c = visibleCounts();
    statusLine.textContent = c.nodes + " of " + page.shown + " drawn nodes and " + c.edges +
      " relationships visible" + (page.truncated ? " (graph bounded to " + page.shown + " of " + page.total + ")" : "") +
      (state.settled ? "" : " — settling…");
  }

  var initial = new URLSearchParams(window.location.search);
  if (initial.get("field")) fieldSelect.value = initial.get("field");
  if (initial.get("round")) roundSelect.value = initial.get("round");
  fieldSelect.addEventListener("change", applyFilters);
  roundSelect.addEventListener("change", applyFilters);
  typeBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  applyFilters();

  var allLabels = document.getElementById("all-labels");
  function applyLabels() {
    var updates = [];
    nodes.forEach(function (n) {
      if (n.fullLabel === undefined) return;
      updates.push({ id: n.id, label: allLabels.checked ? n.fullLabel : " " });
    });
    nodes.update(updates);
  }
  if (allLabels) allLabels.addEventListener("change", applyLabels);
  var openButton = document.getElementById("open-clusters");
  if (openButton) openButton.addEventListener("click", openAllClusters);

  // ------------------------------------------------------------------ search / focus
  var datalist = document.getElementById("node-names");
  nodes.forEach(function (n) { datalist.appendChild(el("option", null)).value = n.name; });
  document.getElementById("focus-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("focus-input").value.trim();
    if (!q) return;
    var hit = nodes.get({ filter: function (n) { return n.name === q || n.id === q; } })[0] ||
      nodes.get({ filter: function (n) { return n.name.indexOf(q) >= 0; } })[0];
    if (!hit) {
      // Not drawn here: the server resolves short names, aliases and pinyin.
      window.location.href = "/find?q=" + encodeURIComponent(q);
      return;
    }
    if (hit.hidden) nodes.update({ id: hit.id, hidden: false });
    var path = network.findNode(hit.id);
    if (path.length > 1) openCluster(path[0]);
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.3, animation: { duration: 400 } });
    showNode(hit.id);
  });

  if (page.focus) {
    network.selectNodes([page.focus]);
    showNode(page.focus);
  }

  state.timings.ready = performance.now();
  // For people poking around in the console, and for the browser tests.
  window.shanhai = {
    network: network, nodes: nodes, edges: edges, page: page, state: state,
    applyFilters: applyFilters, handleClick: handleClick, showNode: showNode, showEdge: showEdge,
    clusterIds: clusterIds, openCluster: openCluster, openAllClusters: openAllClusters,
    closedClusters: function () { return Object.keys(liveClusters); },
  };
})();
