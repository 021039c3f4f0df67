/* The actor graph page (kg viz). Every string from the graph (names,
   evidence, quotes, titles) comes from documents and is untrusted: it reaches
   the page only through textContent or the canvas, never as markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodeInfo = data.nodeInfo, edgeInfo = data.edgeInfo, documents = data.documents;

  function el(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }

  function label(id) {
    return nodeInfo[id] ? nodeInfo[id].names[0] : id;
  }

  function documentText(iri) {
    var doc = documents[iri];
    if (!doc) return iri ? "source: " + iri : "source unknown";
    var parts = [doc.title ? "\u201c" + doc.title + "\u201d" : "", "(" + doc.id + ")", doc.date || ""];
    return parts.filter(Boolean).join(" ");
  }

  /* The same spelling-insensitive key as kg.graphio.name_key, so the search
     box accepts what `kg export --actor` accepts. */
  function nameKey(text) {
    var key = String(text).normalize("NFKC").toLowerCase().trim();
    key = key.replace(/[\u2018\u2019]/g, "'").replace(/^the\s+/, "").replace(/'s$/, "");
    key = key.replace(/\./g, "").replace(/[\u2010-\u2015-]/g, " ");
    return key.replace(/\s+/g, " ").trim();
  }

  function nodeTooltip(id) {
    var info = nodeInfo[id], tip = el("div", null, "kg-tip");
    tip.appendChild(el("strong", info.names[0]));
    tip.appendChild(el("div", info.cls, "muted"));
    if (info.names.length > 1) tip.appendChild(el("div", "Also: " + info.names.slice(1).join("; ")));
    tip.appendChild(el("div", info.degree + " relation" + (info.degree === 1 ? "" : "s"), "muted"));
    return tip;
  }

  var TIP_SENTENCES = 3;
  var NO_EVIDENCE = "No supporting sentence: background knowledge (e.g. the actor dictionary)";
  function edgeTooltip(id, edge) {
    var info = edgeInfo[id], tip = el("div", null, "kg-tip");
    tip.appendChild(el("strong", label(edge.from) + " " + info.relation + " " + label(edge.to)));
    var count = info.evidence.length;
    tip.appendChild(el("div", count ? count + " supporting sentence" + (count === 1 ? "" : "s") +
      (count > TIP_SENTENCES ? " (click for all)" : "") : NO_EVIDENCE, "muted"));
    info.evidence.slice(0, TIP_SENTENCES).forEach(function (item) {
      tip.appendChild(el("blockquote", item.text));
      tip.appendChild(el("div", documentText(item.doc), "muted"));
    });
    return tip;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, { title: nodeTooltip(node.id) });
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    return Object.assign({}, edge, { title: edgeTooltip(edge.id, edge) });
  }));

  var shown = {};
  document.querySelectorAll("#relation-filter input").forEach(function (box) {
    shown[box.value] = box.checked;
  });
  var visibleEdges = new vis.DataView(edges, {
    filter: function (edge) { return shown[edgeInfo[edge.id].relation]; }
  });

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: visibleEdges }, data.options);
  var status = document.getElementById("status");
  var summary = data.nodes.length + " actors, " + data.edges.length + " relations, " +
    data.assertionCount + " sentences";

  network.on("stabilizationProgress", function (params) {
    status.textContent = "Laying out " + data.nodes.length + " actors\u2026 " +
      Math.round(100 * params.iterations / params.total) + "%";
  });
  // Physics only finds the layout; left on, a large graph keeps moving and
  // burns CPU, and nodes a user drags would spring back.
  function layoutDone() {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    status.textContent = data.nodes.length ? summary : "No actors in this graph";
    document.body.setAttribute("data-stabilized", "true");
  }
  // vis-network never stabilises an empty network, so it never says so.
  if (data.nodes.length) network.once("stabilizationIterationsDone", layoutDone);
  else layoutDone();

  var details = document.getElementById("details");
  function clearDetails(text) {
    details.replaceChildren(el("p", text || "Nothing selected.", "hint"));
  }

  function definitionList(rows) {
    var list = el("dl");
    rows.forEach(function (row) {
      if (!row[1]) return;
      list.appendChild(el("dt", row[0]));
      list.appendChild(el("dd", row[1]));
    });
    return list;
  }

  function linkButton(text, onClick) {
    var button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }

  function showNode(id) {
    var info = nodeInfo[id];
    details.replaceChildren(el("h3", info.names[0]), definitionList([
      ["Class", info.cls],
      ["Also", info.names.slice(1).join("; ")],
      ["IRI", id]
    ]));
    var related = data.edges.filter(function (edge) { return edge.from === id || edge.to === id; });
    details.appendChild(el("h2", "Relations (" + related.length + ")"));
    var list = el("ul");
    related.forEach(function (edge) {
      var info = edgeInfo[edge.id], item = el("li");
      var text = label(edge.from) + " " + info.relation + " " + label(edge.to) +
        " (" + info.evidence.length + ")";
      item.appendChild(linkButton(text, function () { selectEdge(edge.id); }));
      list.appendChild(item);
    });
    details.appendChild(list);
    if (info.statements.length) {
      details.appendChild(el("h2", "Statements (" + info.statements.length + ")"));
      var quotes = el("ol");
      info.statements.forEach(function (quote) {
        var item = el("li");
        item.appendChild(el("blockquote", quote.text));
        var about = quote.mentions.length ? "; mentions " + quote.mentions.map(label).join(", ") : "";
        item.appendChild(el("div", quote.quoteType + about, "source"));
        item.appendChild(el("div", documentText(quote.doc), "source"));
        quotes.appendChild(item);
      });
      details.appendChild(quotes);
    }
  }

  function showEdge(id) {
    var edge = edges.get(id), info = edgeInfo[id];
    var heading = el("h3");
    heading.append(label(edge.from) + " ", el("span", info.relation, "relation"), " " + label(edge.to));
    heading.querySelector(".relation").style.color = edge.color.color;
    details.replaceChildren(heading);
    if (info.predicates.length) details.appendChild(definitionList([["Stated as", info.predicates.join(", ")]]));
    details.appendChild(el("h2", "Evidence (" + info.evidence.length + ")"));
    if (!info.evidence.length) details.appendChild(el("p", NO_EVIDENCE, "hint"));
    var list = el("ol");
    info.evidence.forEach(function (item) {
      var entry = el("li");
      entry.appendChild(el("blockquote", item.text));
      entry.appendChild(el("div", documentText(item.doc), "source"));
      var facts = [];
      if (item.confidence !== null) facts.push("confidence " + item.confidence);
      if (item.method) facts.push(item.method);
      if (item.start !== null) facts.push("chars " + item.start + "\u2013" + item.end);
      if (facts.length) entry.appendChild(el("div", facts.join(" \u00b7 "), "source"));
      list.appendChild(entry);
    });
    details.appendChild(list);
  }

  function selectNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  function selectEdge(id) {
    if (visibleEdges.get(id)) network.selectEdges([id]);
    showEdge(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearDetails();
  });

  document.getElementById("relation-filter").addEventListener("change", function (event) {
    shown[event.target.value] = event.target.checked;
    visibleEdges.refresh();
  });

  // Every name of every actor, for the search box and its suggestions.
  var byName = {}, suggestions = document.getElementById("actor-names");
  Object.keys(nodeInfo).sort().forEach(function (id) {
    nodeInfo[id].names.forEach(function (name) {
      var key = nameKey(name);
      if (!(key in byName)) byName[key] = id;
      var option = document.createElement("option");
      option.value = name;
      suggestions.appendChild(option);
    });
  });

  function find(query) {
    var key = nameKey(query);
    if (!key) return null;
    if (key in byName) return byName[key];
    var partial = Object.keys(byName).sort().filter(function (name) { return name.indexOf(key) !== -1; });
    return partial.length ? byName[partial[0]] : null;
  }

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search-input").value;
    var id = find(query);
    if (id) {
      selectNode(id);
      status.textContent = summary;
    } else {
      status.textContent = "No actor named \u201c" + query + "\u201d";
    }
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });

  // For tests and the browser console.
  window.kgGraph = { network: network, nodes: nodes, edges: edges, visibleEdges: visibleEdges,
    find: find, selectNode: selectNode, selectEdge: selectEdge };
})();
