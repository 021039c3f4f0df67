/* The actor graph page (kg viz). Every string from the graph (names,
   evidence, quotes, titles) comes from documents and is untrusted: it reaches
   the page only through textContent or the canvas, never as markup.

   vis-network lays the graph out and draws nodes and edges; this script
   paints the labels (readable at any zoom, most connected actors first, never
   on top of each other), moves actors without relations aside, and handles
   focus on one actor's neighbourhood, the minimum-degree slider, the relation
   filter, search and the details panel. Evidence lives in a second JSON block
   that is parsed only when first needed. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodeInfo = data.nodeInfo, edgeInfo = data.edgeInfo;

  function el(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function label(id) {
    return nodeInfo[id] ? nodeInfo[id].names[0] : id;
  }

  /* ---- The evidence table, parsed on first use ------------------------ */

  var evidence = null;
  function evidenceTable() {
    if (evidence === null) evidence = JSON.parse(document.getElementById("graph-evidence").textContent);
    return evidence;
  }

  var edgeIndex = {};
  data.edges.forEach(function (edge, index) { edgeIndex[edge.id] = index; });

  function documentAt(index) {
    var row = index >= 0 ? evidenceTable().documents[index] : null;
    return row ? { iri: row[0], id: row[1], title: row[2], date: row[3] } : null;
  }

  /* Every sentence supporting an edge, in document order. */
  function edgeEvidence(id) {
    var table = evidenceTable();
    return (table.edges[edgeIndex[id]] || []).map(function (row) {
      return { text: table.strings[row[0]], doc: documentAt(row[1]), start: row[2], end: row[3],
        confidence: row[4], method: row[5] >= 0 ? table.strings[row[5]] : null };
    });
  }

  function statementsOf(id) {
    var table = evidenceTable();
    return (table.statements[id] || []).map(function (row) {
      return { text: table.strings[row[0]], quoteType: table.strings[row[1]], doc: documentAt(row[2]),
        mentions: row[3].map(function (index) { return data.nodes[index].id; }) };
    });
  }

  function documentText(doc) {
    if (!doc) return "source unknown";
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

  /* ---- Tooltips, made when an item is first hovered -------------------- */

  function nodeTooltip(id) {
    var info = nodeInfo[id], tip = el("div", null, "kg-tip");
    tip.appendChild(el("strong", info.names[0]));
    tip.appendChild(el("div", info.cls, "muted"));
    if (info.names.length > 1) tip.appendChild(el("div", "Also: " + info.names.slice(1).join("; ")));
    tip.appendChild(el("div", plural(info.degree, "relation"), "muted"));
    return tip;
  }

  var TIP_SENTENCES = 3;
  var NO_EVIDENCE = "No supporting sentence: a standing fact (e.g. from the actor dictionary)";
  function edgeTooltip(id) {
    var edge = edges.get(id), info = edgeInfo[id], tip = el("div", null, "kg-tip");
    tip.appendChild(el("strong", label(edge.from) + " " + info.relation + " " + label(edge.to)));
    var count = info.sentences;
    tip.appendChild(el("div", count ? plural(count, "supporting sentence") +
      (count > TIP_SENTENCES ? " (click for all)" : "") : NO_EVIDENCE, "muted"));
    edgeEvidence(id).slice(0, TIP_SENTENCES).forEach(function (item) {
      tip.appendChild(el("blockquote", item.text));
      tip.appendChild(el("div", documentText(item.doc), "muted"));
    });
    return tip;
  }

  /* ---- Graph structure --------------------------------------------------- */

  var degree = {}, sizeOf = {}, adjacent = {}, maxDegree = 0;
  data.nodes.forEach(function (node) {
    degree[node.id] = nodeInfo[node.id].degree;
    sizeOf[node.id] = node.size;
    adjacent[node.id] = [];
    maxDegree = Math.max(maxDegree, degree[node.id]);
  });
  data.edges.forEach(function (edge) {
    adjacent[edge.from].push(edge);
    if (edge.to !== edge.from) adjacent[edge.to].push(edge);
  });
  function isIsolated(id) { return degree[id] === 0; }

  // Most connected first; ties by name, so the order is the same every time.
  var byRank = data.nodes.map(function (node) { return node.id; }).sort(function (a, b) {
    return degree[b] - degree[a] || (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0);
  });
  var rank = {};
  byRank.forEach(function (id, index) { rank[id] = index; });
  var isolatedIds = byRank.filter(isIsolated);
  var connectedIds = byRank.filter(function (id) { return !isIsolated(id); });

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    // Actors without relations take no part in the layout: they are put aside.
    return isIsolated(node.id) ? Object.assign({ physics: false }, node) : node;
  }));
  var edges = new vis.DataSet(data.edges);

  /* ---- What is shown: relation types, minimum degree, focus -------------- */

  var shown = {}, minDegree = 0, focusId = null, visible = {};
  document.querySelectorAll("#relation-filter input").forEach(function (box) {
    shown[box.value] = box.checked;
  });

  function computeVisible() {
    var neighbours = {};
    if (focusId !== null) {
      adjacent[focusId].forEach(function (edge) {
        if (shown[edgeInfo[edge.id].relation]) neighbours[edge.from === focusId ? edge.to : edge.from] = true;
      });
    }
    visible = {};
    data.nodes.forEach(function (node) {
      var id = node.id;
      visible[id] = focusId === null ? degree[id] >= minDegree
        : id === focusId || (neighbours[id] === true && degree[id] >= minDegree);
    });
  }
  computeVisible();

  var visibleNodes = new vis.DataView(nodes, { filter: function (node) { return visible[node.id]; } });
  var visibleEdges = new vis.DataView(edges, {
    filter: function (edge) { return shown[edgeInfo[edge.id].relation] && visible[edge.from] && visible[edge.to]; }
  });

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: visibleNodes, edges: visibleEdges }, data.options);
  var status = document.getElementById("status");
  var summary = data.nodes.length + " actors, " + plural(data.counts.edges, "edge");
  var laidOut = false;
  // Screen pixels around the nodes, for labels (most go below their node).
  var FIT_MARGIN = { x: 70, top: 24, bottom: 48 };

  /* Hidden nodes leave vis-network; their place is kept in the DataSet so
     that they come back where they were. */
  var stored = {};
  function storePositions() {
    var positions = network.getPositions(), changes = [];
    Object.keys(positions).forEach(function (id) {
      var at = positions[id], was = stored[id];
      if (!was || was.x !== at.x || was.y !== at.y) {
        stored[id] = at;
        changes.push({ id: id, x: at.x, y: at.y });
      }
    });
    if (changes.length) nodes.update(changes);
  }

  var shownCount = document.getElementById("shown-count");
  function applyFilters() {
    if (laidOut) storePositions();
    computeVisible();
    visibleNodes.refresh();
    visibleEdges.refresh();
    var count = visibleNodes.length;
    shownCount.textContent = count + " of " + plural(data.nodes.length, "actor") + " shown" +
      (focusId !== null ? " (the neighbourhood of " + label(focusId) + ")." : ".");
  }

  /* The box around nodes `ids` at `xs`, `ys` (canvas units), or null. */
  function boundingBox(ids, xs, ys) {
    if (!ids.length) return null;
    var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    ids.forEach(function (id, i) {
      var size = sizeOf[id];
      box.left = Math.min(box.left, xs[i] - size); box.right = Math.max(box.right, xs[i] + size);
      box.top = Math.min(box.top, ys[i] - size); box.bottom = Math.max(box.bottom, ys[i] + size);
    });
    return box;
  }

  function boxOfNodes(ids) {
    var positions = network.getPositions(ids);
    return boundingBox(ids, ids.map(function (id) { return positions[id].x; }),
      ids.map(function (id) { return positions[id].y; }));
  }

  /* Like vis-network's fit, with room left around the nodes for their
     labels (FIT_MARGIN) and for the names of the list of actors without
     relations, which stand right of their nodes: the largest scale at which
     all of it fits, found by bisection. */
  function fitShown(animate) {
    var ids = visibleNodes.getIds();
    if (!ids.length) return;
    var positions = network.getPositions(ids), list = listShown();
    var items = ids.map(function (id) {
      return { x: positions[id].x, y: positions[id].y, r: sizeOf[id],
        right: list && isIsolated(id) ? listPlan.labelWidths[id] : 0 };
    });
    function extent(scale) {
      var e = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
      items.forEach(function (item) {
        e.left = Math.min(e.left, scale * (item.x - item.r));
        e.right = Math.max(e.right, scale * (item.x + item.r) + item.right);
        e.top = Math.min(e.top, scale * (item.y - item.r));
        e.bottom = Math.max(e.bottom, scale * (item.y + item.r));
      });
      return e;
    }
    var width = Math.max(container.clientWidth - 2 * FIT_MARGIN.x, 50);
    var height = Math.max(container.clientHeight - FIT_MARGIN.top - FIT_MARGIN.bottom, 50);
    var low = 0.001, high = 1.5;
    for (var step = 0; step < 40; step++) {
      var middle = (low + high) / 2, e = extent(middle);
      if (e.right - e.left <= width && e.bottom - e.top <= height) low = middle; else high = middle;
    }
    var scale = low, at = extent(scale);
    if (animate) document.body.setAttribute("data-moving", "true");
    network.moveTo({
      position: { x: (at.left + at.right) / 2 / scale,
        y: (at.top + at.bottom) / 2 / scale + (FIT_MARGIN.bottom - FIT_MARGIN.top) / 2 / scale },
      scale: scale, animation: animate ? { duration: 350, easingFunction: "easeInOutQuad" } : false });
  }
  network.on("animationFinished", function () { document.body.removeAttribute("data-moving"); });

  /* ---- Layout ------------------------------------------------------------ */

  network.on("stabilizationProgress", function (params) {
    status.textContent = "Laying out " + data.nodes.length + " actors\u2026 " +
      Math.round(100 * params.iterations / params.total) + "%";
  });

  /* Actors without any relation are listed apart, by class and name, their
     names right of their nodes, instead of floating in the middle of the
     graph: in columns right of the rest, or in rows under it, whichever
     leaves the rest the larger scale. The list is planned in screen pixels,
     the rest of the graph gets the remainder of the canvas. */
  var LIST_GAP = { right: 70, below: 64 };  // pixels between the rest (and its labels) and the list
  var LIST_ROW = 24, LIST_MIN_ROW = 18;
  var isolatedBlock = null, listPlan = { width: 0, height: 0 };
  function listShown() {
    return isolatedBlock !== null && focusId === null && isolatedIds.some(function (id) { return visible[id]; });
  }

  function planList(box) {
    if (!isolatedIds.length) return { width: 0, height: 0 };
    var measureContext = document.createElement("canvas").getContext("2d"), widths = {}, labelWidth = 0;
    isolatedIds.forEach(function (id) {
      widths[id] = layoutText(measureContext, id, fontSize(id, 0)).width + 12;
      labelWidth = Math.max(labelWidth, widths[id]);
    });
    var count = isolatedIds.length, column = labelWidth + 24;
    var canvasWidth = container.clientWidth - 2 * FIT_MARGIN.x;
    var canvasHeight = container.clientHeight - FIT_MARGIN.top - FIT_MARGIN.bottom;
    // Right: rows squeeze together before a second or third column is added
    // (zoom in to read a longer list).
    var columns = Math.min(3, Math.ceil(count / (Math.floor(canvasHeight / LIST_MIN_ROW) + 1)));
    var rows = Math.ceil(count / columns);
    var right = { side: "right", rows: rows, columns: columns,
      rowPixels: Math.min(LIST_ROW, canvasHeight / Math.max(1, rows - 1)), columnPixels: column,
      width: LIST_GAP.right + (columns - 1) * column + labelWidth, height: 0 };
    // Below: as many columns as the width takes, in reading order.
    columns = Math.max(1, Math.min(count, Math.floor((canvasWidth - labelWidth) / column) + 1));
    rows = Math.ceil(count / columns);
    var below = { side: "below", rows: rows, columns: columns, rowPixels: LIST_ROW, columnPixels: column,
      width: 0, height: LIST_GAP.below + (rows - 1) * LIST_ROW, span: (columns - 1) * column + labelWidth };
    var plan = fitScale(box, below.width, below.height) > fitScale(box, right.width, right.height) ? below : right;
    plan.labelWidths = widths;
    return plan;
  }

  function placeIsolated() {
    if (!isolatedIds.length) return;
    var isolated = isolatedIds.slice().sort(function (a, b) {
      var ca = nodeInfo[a].cls, cb = nodeInfo[b].cls;
      return ca < cb ? -1 : ca > cb ? 1 : label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0;
    });
    var box = boxOfNodes(connectedIds) || { left: 0, right: 0, top: 0, bottom: 0 };
    var plan = listPlan, scale = fitScale(box, plan.width, plan.height);
    var rowGap = plan.rowPixels / scale, columnGap = plan.columnPixels / scale, left, top, place;
    if (plan.side === "right") {
      left = box.right + LIST_GAP.right / scale;
      top = (box.top + box.bottom) / 2 - (plan.rows - 1) * rowGap / 2;
      place = function (index) { return [Math.floor(index / plan.rows), index % plan.rows]; };
    } else {
      left = (box.left + box.right) / 2 - plan.span / scale / 2;
      top = box.bottom + LIST_GAP.below / scale;
      place = function (index) { return [index % plan.columns, Math.floor(index / plan.columns)]; };
    }
    nodes.update(isolated.map(function (id, index) {
      var cell = place(index);
      return { id: id, x: Math.round(left + cell[0] * columnGap), y: Math.round(top + cell[1] * rowGap) };
    }));
    isolatedBlock = { left: left, top: top, count: isolated.length };
  }

  /* About the scale fitShown chooses for nodes spread over `box`, in the
     canvas less `extraWidth` and `extraHeight` pixels. */
  function fitScale(box, extraWidth, extraHeight) {
    var width = Math.max(container.clientWidth - 2 * FIT_MARGIN.x - (extraWidth || 0), 50);
    var height = Math.max(container.clientHeight - FIT_MARGIN.top - FIT_MARGIN.bottom - (extraHeight || 0), 50);
    return Math.min(1.5, width / Math.max(box.right - box.left, 1), height / Math.max(box.bottom - box.top, 1));
  }

  /* Physics knows nothing of labels: nudge actors apart until the labels of
     the most connected ones fit below their nodes at the scale of the first
     fit. Overlapping footprints (a node and its label) push each other apart
     along the shorter overlap. Only as many labels as fill a third of the
     canvas get room: packed denser, spreading the actors apart would only
     shrink the fit. */
  var ROOM_SHARE = 0.35;
  function makeRoomForLabels() {
    var ids = connectedIds;
    if (ids.length < 2) return;
    var positions = network.getPositions(ids), count = ids.length;
    var xs = ids.map(function (id) { return positions[id].x; }), ys = ids.map(function (id) { return positions[id].y; });
    var measureContext = document.createElement("canvas").getContext("2d");
    var budget = ROOM_SHARE * (container.clientWidth - listPlan.width - 2 * FIT_MARGIN.x) *
      (container.clientHeight - listPlan.height - FIT_MARGIN.top - FIT_MARGIN.bottom);
    var labelled = 0;
    for (var used = 0; labelled < count; labelled++) {
      var first = layoutText(measureContext, ids[labelled], fontSize(ids[labelled], 0));
      used += (first.width + 10) * (first.lines.length * first.lineHeight + 12);
      if (used > budget) break;
    }
    for (var round = 0; round < 60; round++) {
      var scale = fitScale(boundingBox(ids, xs, ys), listPlan.width, listPlan.height);
      // Footprints a little larger than needed: the first fit may come out
      // a few percent smaller than this round's guess.
      var pad = 4 / scale, room = 1.06 / scale, boxes = [], cell = 0;
      for (var i = 0; i < count; i++) {
        var r = sizeOf[ids[i]] + pad, half = r, below = r;
        if (i < labelled) {
          var text = layoutText(measureContext, ids[i], fontSize(ids[i], scale));
          half = Math.max(r, (text.width + 6) * room / 2);
          below = r + (text.lines.length * text.lineHeight + 4) * room;
        }
        boxes.push({ x1: xs[i] - half, x2: xs[i] + half, y1: ys[i] - r, y2: ys[i] + below });
        cell = Math.max(cell, 2 * half, r + below);
      }
      var grid = {}, dx = new Array(count).fill(0), dy = new Array(count).fill(0), moved = false;
      for (i = 0; i < count; i++) {
        var key = Math.floor(xs[i] / cell) + "," + Math.floor(ys[i] / cell);
        (grid[key] = grid[key] || []).push(i);
      }
      for (i = 0; i < count; i++) {
        var gx = Math.floor(xs[i] / cell), gy = Math.floor(ys[i] / cell);
        for (var a = gx - 1; a <= gx + 1; a++) {
          for (var b = gy - 1; b <= gy + 1; b++) {
            (grid[a + "," + b] || []).forEach(function (j) {
              if (j <= i) return;
              var p = boxes[i], q = boxes[j];
              var ox = Math.min(p.x2, q.x2) - Math.max(p.x1, q.x1), oy = Math.min(p.y2, q.y2) - Math.max(p.y1, q.y1);
              if (ox <= 0 || oy <= 0) return;
              moved = true;
              if (ox < oy) {
                var sx = (xs[i] < xs[j] || (xs[i] === xs[j] && i < j)) ? -1 : 1;
                dx[i] += sx * ox / 2; dx[j] -= sx * ox / 2;
              } else {
                var sy = (ys[i] < ys[j] || (ys[i] === ys[j] && i < j)) ? -1 : 1;
                dy[i] += sy * oy / 2; dy[j] -= sy * oy / 2;
              }
            });
          }
        }
      }
      if (!moved) break;
      for (i = 0; i < count; i++) { xs[i] += 0.6 * dx[i]; ys[i] += 0.6 * dy[i]; }
    }
    // One DataSet update: vis-network's moveNode redraws once per node.
    nodes.update(ids.map(function (id, index) { return { id: id, x: Math.round(xs[index]), y: Math.round(ys[index]) }; }));
  }

  // Physics only finds the layout; left on, a large graph keeps moving and
  // burns CPU, and nodes a user drags would spring back.
  function layoutDone() {
    network.setOptions({ physics: { enabled: false } });
    listPlan = planList(boxOfNodes(connectedIds) || { left: 0, right: 1, top: 0, bottom: 1 });
    makeRoomForLabels();
    placeIsolated();
    laidOut = true;
    storePositions();
    fitShown(false);
    network.redraw();  // now, so that the labels are placed when the page says it is ready
    status.textContent = data.nodes.length ? summary : "No actors in this graph";
    document.body.setAttribute("data-stabilized", "true");
  }

  /* ---- Labels ------------------------------------------------------------
     Painted on the canvas after vis-network draws, in screen pixels: never
     smaller than 12 px, larger for the most connected actors and when zoomed
     in. They are placed in order of priority (the selected, hovered and
     focused actors, then by number of relations) below, right, left, above
     or diagonally off their node, and a label that would cover another
     label or another node is left out until the user zooms in. */

  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  var hovered = null, drawnLabels = [], measure = {};
  // The top tenth of actors (3 to 12) have bold labels that may cover a
  // node, never another label.
  var mustShow = Math.max(3, Math.min(12, Math.ceil(data.nodes.length / 10)));

  function fontSize(id, scale) {
    var base = 12 + 4 * Math.sqrt(maxDegree ? degree[id] / maxDegree : 0);
    return Math.round(2 * Math.min(26, Math.max(base, 13 * scale))) / 2;
  }

  function bold(id) { return rank[id] < mustShow && degree[id] > 0; }

  /* The label of `id` at `px`, wrapped in at most two lines. */
  function layoutText(ctx, id, px) {
    var key = id + "\u0000" + px, cached = measure[key];
    if (cached) return cached;
    ctx.font = (bold(id) ? "600 " : "") + px + "px " + FONT;
    var maxWidth = 12 * px, words = label(id).split(/\s+/), lines = [], line = "";
    words.forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > maxWidth) { lines.push(line); line = word; } else line = next;
    });
    lines.push(line);
    // Names in the list of actors without relations keep to one line.
    var maxLines = isIsolated(id) ? 1 : 2;
    if (lines.length > maxLines) lines = lines.slice(0, maxLines - 1).concat([lines.slice(maxLines - 1).join(" ")]);
    if (ctx.measureText(lines[lines.length - 1]).width > maxWidth) {
      var last = lines[lines.length - 1];
      while (last.length > 1 && ctx.measureText(last + "\u2026").width > maxWidth) last = last.slice(0, -1);
      lines[lines.length - 1] = last + "\u2026";
    }
    var width = Math.max.apply(null, lines.map(function (text) { return ctx.measureText(text).width; }));
    cached = measure[key] = { lines: lines, width: Math.ceil(width), lineHeight: Math.ceil(px * 1.2) };
    return cached;
  }

  /* Boxes on a coarse grid, to test overlaps quickly. */
  function BoxGrid() { this.cells = {}; }
  BoxGrid.prototype.span = function (box, visit) {
    for (var i = Math.floor(box.x1 / 64); i <= Math.floor(box.x2 / 64); i++) {
      for (var j = Math.floor(box.y1 / 64); j <= Math.floor(box.y2 / 64); j++) {
        if (visit(i + "," + j) === false) return false;
      }
    }
    return true;
  };
  BoxGrid.prototype.add = function (box) {
    var cells = this.cells;
    this.span(box, function (key) { (cells[key] = cells[key] || []).push(box); });
  };
  BoxGrid.prototype.hits = function (box, except) {
    var cells = this.cells;
    return !this.span(box, function (key) {
      var list = cells[key] || [];
      for (var k = 0; k < list.length; k++) {
        var other = list[k];
        if (other.id !== except && other.x1 < box.x2 && box.x1 < other.x2 && other.y1 < box.y2 && box.y1 < other.y2) {
          return false;
        }
      }
      return true;
    });
  };

  function labelOrder(ids) {
    var first = [];
    network.getSelectedNodes().concat(hovered !== null ? [hovered] : [], focusId !== null ? [focusId] : [])
      .forEach(function (id) { if (visible[id] && first.indexOf(id) === -1) first.push(id); });
    return first.concat(ids.filter(function (id) { return first.indexOf(id) === -1; })
      .sort(function (a, b) { return rank[a] - rank[b]; }));
  }

  function drawLabels(ctx) {
    var canvas = ctx.canvas, ratio = canvas.width / (canvas.clientWidth || 1);
    var width = canvas.clientWidth, height = canvas.clientHeight;
    var scale = network.getScale(), origin = network.canvasToDOM({ x: 0, y: 0 });
    var ids = visibleNodes.getIds(), positions = network.getPositions(ids), screen = {};
    // Obstacles: every node, and apart the top actors' nodes, which no label covers.
    var labels = new BoxGrid(), obstacles = new BoxGrid(), topNodes = new BoxGrid();
    ids.forEach(function (id) {
      var at = positions[id], r = Math.max(3, sizeOf[id] * scale);
      var p = screen[id] = { x: origin.x + at.x * scale, y: origin.y + at.y * scale, r: r };
      var box = { id: id, x1: p.x - r, y1: p.y - r, x2: p.x + r, y2: p.y + r };
      obstacles.add(box);
      if (rank[id] < mustShow) topNodes.add(box);
    });
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var list = listShown();
    if (list) {
      var caption = "No relations (" + isolatedBlock.count + ")";
      ctx.font = "italic 12px " + FONT;
      var captionWidth = ctx.measureText(caption).width;
      var cx = Math.max(2, Math.min(width - captionWidth - 2, origin.x + isolatedBlock.left * scale - 6));
      var cy = Math.max(2, origin.y + isolatedBlock.top * scale - 30);
      ctx.fillStyle = "#5a6375";
      ctx.fillText(caption, cx, cy);
      labels.add({ id: null, x1: cx, y1: cy, x2: cx + captionWidth, y2: cy + 15 });
    }
    var placed = [], forced = {};
    network.getSelectedNodes().concat(hovered !== null ? [hovered] : []).forEach(function (id) { forced[id] = true; });
    labelOrder(ids).forEach(function (id) {
      var p = screen[id];
      if (p.x < -50 || p.y < -50 || p.x > width + 50 || p.y > height + 50) return;
      var px = fontSize(id, scale), text = layoutText(ctx, id, px);
      var w = text.width, h = text.lines.length * text.lineHeight;
      // Below, right, left, above, then the diagonals; in the list of
      // actors without relations, only right.
      var d = p.r * 0.75 + 2, right = { x: p.x + p.r + 4, y: p.y - h / 2, align: "left" };
      var candidates = (list && isIsolated(id) ? [right] : [
        { x: p.x - w / 2, y: p.y + p.r + 2, align: "center" }, right,
        { x: p.x - p.r - 4 - w, y: p.y - h / 2, align: "right" }, { x: p.x - w / 2, y: p.y - p.r - 2 - h, align: "center" },
        { x: p.x + d, y: p.y + d, align: "left" }, { x: p.x + d, y: p.y - d - h, align: "left" },
        { x: p.x - d - w, y: p.y + d, align: "right" }, { x: p.x - d - w, y: p.y - d - h, align: "right" }
      ]).map(function (at) {
        return { id: id, x1: at.x - 2, y1: at.y - 1, x2: at.x + w + 2, y2: at.y + h + 1, align: at.align };
      })
        .filter(function (box) { return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= width && box.y2 <= height; });
      var free = candidates.filter(function (box) { return !labels.hits(box); });
      var chosen = free.filter(function (box) { return !obstacles.hits(box, id); })[0];
      if (!chosen && (forced[id] || id === focusId || rank[id] < mustShow)) {
        chosen = free.filter(function (box) { return !topNodes.hits(box, id); })[0] || (forced[id] && free[0]);
      }
      if (!chosen && forced[id]) chosen = candidates[0];
      if (!chosen) return;
      labels.add(chosen);
      placed.push({ id: id, text: text, px: px, box: chosen });
    });
    placed.forEach(function (item) {
      ctx.font = (bold(item.id) ? "600 " : "") + item.px + "px " + FONT;
      item.text.lines.forEach(function (line, index) {
        var room = item.text.width - ctx.measureText(line).width;
        var x = item.box.x1 + 2 + (item.box.align === "left" ? 0 : item.box.align === "right" ? room : room / 2);
        var y = item.box.y1 + 1 + index * item.text.lineHeight;
        ctx.lineWidth = 3.5;
        ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
        ctx.strokeText(line, x, y);
        ctx.fillStyle = forced[item.id] ? "#000000" : "#1d2330";
        ctx.fillText(line, x, y);
      });
    });
    ctx.restore();
    drawnLabels = placed.map(function (item) {
      return { id: item.id, text: item.text.lines.join(" "), px: item.px,
        x1: item.box.x1, y1: item.box.y1, x2: item.box.x2, y2: item.box.y2 };
    });
  }
  network.on("afterDrawing", drawLabels);

  /* ---- Details panel ----------------------------------------------------- */

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
    var related = adjacent[id];
    details.appendChild(el("h2", "Relations (" + related.length + ")"));
    var list = el("ul");
    related.forEach(function (edge) {
      var info = edgeInfo[edge.id], item = el("li");
      var text = label(edge.from) + " " + info.relation + " " + label(edge.to) + " (" + info.sentences + ")";
      item.appendChild(linkButton(text, function () { selectEdge(edge.id); }));
      list.appendChild(item);
    });
    details.appendChild(list);
    if (info.statements) {
      var statements = statementsOf(id);
      details.appendChild(el("h2", "Statements (" + statements.length + ")"));
      var quotes = el("ol");
      statements.forEach(function (quote) {
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

  /* Where one piece of evidence comes from: document, confidence, method, offsets. */
  function appendSource(entry, item) {
    entry.appendChild(el("div", documentText(item.doc), "source"));
    var facts = [];
    if (item.confidence !== null) facts.push("confidence " + item.confidence);
    if (item.method) facts.push(item.method);
    if (item.start !== null) facts.push("chars " + item.start + "\u2013" + item.end);
    if (facts.length) entry.appendChild(el("div", facts.join(" \u00b7 "), "source"));
  }

  /* Every supporting sentence; a sentence that several documents repeat
     (a reprinted wire story) is shown once with its first sources, the
     others a click away. */
  var SOURCES_SHOWN = 3;
  function showEdge(id) {
    var edge = edges.get(id), info = edgeInfo[id], found = edgeEvidence(id);
    var heading = el("h3");
    heading.append(label(edge.from) + " ", el("span", info.relation, "relation"), " " + label(edge.to));
    heading.querySelector(".relation").style.color = edge.color;
    details.replaceChildren(heading);
    if (info.predicates.length) details.appendChild(definitionList([["Stated as", info.predicates.join(", ")]]));
    details.appendChild(el("h2", "Evidence (" + found.length + ")"));
    if (!found.length) details.appendChild(el("p", NO_EVIDENCE, "hint"));
    var groups = [], byText = {};
    found.forEach(function (item) {
      if (!Object.prototype.hasOwnProperty.call(byText, item.text)) {
        byText[item.text] = groups.length;
        groups.push([]);
      }
      groups[byText[item.text]].push(item);
    });
    var list = el("ol");
    groups.forEach(function (items) {
      var entry = el("li");
      entry.appendChild(el("blockquote", items[0].text));
      if (items.length > 1) entry.appendChild(el("div", "in " + items.length + " documents", "source"));
      items.slice(0, SOURCES_SHOWN).forEach(function (item) { appendSource(entry, item); });
      if (items.length > SOURCES_SHOWN) {
        var more = linkButton("and " + (items.length - SOURCES_SHOWN) + " more", function () {
          more.remove();
          items.slice(SOURCES_SHOWN).forEach(function (item) { appendSource(entry, item); });
        });
        entry.appendChild(more);
      }
      list.appendChild(entry);
    });
    details.appendChild(list);
  }


  /* ---- Focus on one actor's neighbourhood -------------------------------- */

  var showAllButton = document.getElementById("show-all");
  function focusOn(id) {
    focusId = id;
    applyFilters();
    network.selectNodes([id]);
    fitShown(true);
    showNode(id);
    showAllButton.hidden = false;
    status.textContent = label(id) + " and " + plural(visibleNodes.length - 1, "neighbour");
    document.body.setAttribute("data-focus", id);
  }

  function showAll() {
    if (focusId === null) return;
    focusId = null;
    applyFilters();
    network.unselectAll();
    fitShown(true);
    showAllButton.hidden = true;
    status.textContent = summary;
    document.body.removeAttribute("data-focus");
  }

  function selectEdge(id) {
    if (visibleEdges.get(id)) network.selectEdges([id]);
    showEdge(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) focusOn(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearDetails();
  });

  var titled = {};
  network.on("hoverNode", function (params) {
    hovered = params.node;
    if (!titled[params.node]) {
      titled[params.node] = true;
      nodes.update({ id: params.node, title: nodeTooltip(params.node) });
    }
  });
  network.on("blurNode", function () { hovered = null; });
  network.on("hoverEdge", function (params) {
    if (!titled[params.edge]) {
      titled[params.edge] = true;
      edges.update({ id: params.edge, title: edgeTooltip(params.edge) });
    }
  });

  showAllButton.addEventListener("click", showAll);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.tagName !== "INPUT") showAll();
  });

  /* ---- Controls ---------------------------------------------------------- */

  document.getElementById("relation-filter").addEventListener("change", function (event) {
    shown[event.target.value] = event.target.checked;
    applyFilters();
  });

  var slider = document.getElementById("min-degree"), sliderValue = document.getElementById("min-degree-value");
  function setMinDegree(value) {
    minDegree = Number(value);
    slider.value = String(minDegree);
    sliderValue.textContent = String(minDegree);
    applyFilters();
  }
  slider.addEventListener("input", function () { setMinDegree(slider.value); });
  slider.addEventListener("change", function () { fitShown(true); });

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
    if (id) focusOn(id);
    else status.textContent = "No actor named \u201c" + query + "\u201d";
  });
  document.getElementById("fit").addEventListener("click", function () { fitShown(true); });

  // vis-network never stabilises an empty network, so it never says so.
  if (data.nodes.length) network.once("stabilizationIterationsDone", layoutDone);
  else layoutDone();

  // For tests and the browser console.
  window.kgGraph = { network: network, nodes: nodes, edges: edges, visibleNodes: visibleNodes,
    visibleEdges: visibleEdges, find: find, selectNode: focusOn, focusOn: focusOn, showAll: showAll,
    selectEdge: selectEdge, setMinDegree: setMinDegree,
    labels: function () { network.redraw(); return drawnLabels.slice(); },
    evidenceLoaded: function () { return evidence !== null; } };
})();
