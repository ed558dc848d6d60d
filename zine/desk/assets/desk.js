// The desk page: follows the server's events, redraws what changed, sends ticks and switches.
"use strict";

const $ = (id) => document.getElementById(id);
let shown = -1;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

async function refresh() {
  const response = await fetch("/state", { cache: "no-store" });
  const state = await response.json();
  if (state.version < shown) return;
  shown = state.version;
  draw(state);
}

function draw(state) {
  const status = $("status");
  const error = $("error");
  error.hidden = !state.error;
  error.textContent = state.error || "";
  if (state.building) { status.textContent = "Building…"; status.className = "status busy"; }
  else if (state.error) { status.textContent = "Not built: see the error"; status.className = "status bad"; }
  else if (state.pages) { status.textContent = `Up to date · built in ${state.seconds} s`; status.className = "status"; }
  document.body.dataset.version = state.version;
  document.body.dataset.building = state.building ? "yes" : "no";
  if (!state.pages) return;  // nothing built yet: keep what is there
  $("title").textContent = state.title;
  document.title = `${state.title} · zine desk`;
  drawDownloads(state.downloads);
  drawPages(state.pages);
  drawSheets(state);
  $("recipe").textContent = state.recipe || "";
  $("fill").textContent = state.fill || "";
  drawWarnings(state.warnings, state.checks);
  drawSwitches(state.switches);
  drawThreads(state.contributions);
}

function drawDownloads(downloads) {
  $("downloads").replaceChildren(...downloads.map((d, i) =>
    el("a", { href: d.href, download: d.name, text: i === 0 ? "Reading PDF" : "Print PDF", title: d.name })));
}

function sameImages(box, sources) {
  const imgs = box.querySelectorAll("img");
  return imgs.length === sources.length && [...imgs].every((img, i) => img.getAttribute("src") === sources[i]);
}

function drawPages(pages) {
  $("page-count").textContent = `· ${plural(pages.length, "page")}`;
  const box = $("pages");
  if (sameImages(box, pages)) return;
  const figures = [...box.children];
  pages.forEach((src, i) => {
    const figure = figures[i];
    if (figure) {
      const img = figure.querySelector("img");
      if (img.getAttribute("src") !== src) img.setAttribute("src", src);
    } else {
      box.append(el("figure", { class: "page" }, el("img", { src, alt: `Page ${i + 1}`, "data-page": i + 1 }),
                     el("figcaption", { text: String(i + 1) })));
    }
  });
  figures.slice(pages.length).forEach((figure) => figure.remove());
}

function drawSheets(state) {
  const label = state.sheet_label ? ` of ${state.sheet_label}` : "";
  $("sheet-count").textContent = state.sheets ? `· ${plural(state.sheets, "sheet")}${label}` : "";
  $("sheet-count").dataset.sheets = state.sheets || 0;
  const box = $("sheets");
  if (sameImages(box, state.sides.map((s) => s.image))) return;
  const rows = new Map();
  for (const side of state.sides) {
    if (!rows.has(side.sheet)) rows.set(side.sheet, el("div", { class: "sheet", "data-sheet": side.sheet },
      el("div", { class: "sheet-name", text: `Sheet ${side.sheet}` })));
    const pages = side.pages.length ? ` · pages ${side.pages.join(", ")}` : " · blank";
    rows.get(side.sheet).append(el("figure", {},
      el("img", { src: side.image, alt: `Sheet ${side.sheet} ${side.side}` }),
      el("figcaption", { text: `${side.side}${pages}` })));
  }
  box.replaceChildren(...rows.values());
}

function drawWarnings(warnings, checks) {
  const lines = [...warnings.map((text) => ({ text, kind: "warning" })),
                 ...(checks || []).map((text) => ({ text, kind: text.startsWith("error:") ? "error" : "warning" }))];
  $("warning-count").textContent = checks === null ? "· checking…" : `· ${lines.length}`;
  const items = lines.map((w) => el("li", { class: w.kind, text: w.text }));
  if (!items.length && checks !== null) items.push(el("li", { class: "none", text: "None: ready to print." }));
  $("warnings").replaceChildren(...items);
}

function drawSwitches(switches) {
  const form = $("switches");
  $("settings-note").textContent = switches.length ? "Each change is written to zine.toml."
    : "Add a zine.toml to the project to change its settings here.";
  if (form.contains(document.activeElement)) return;  // not under the reader's hand
  form.replaceChildren(...switches.map((s) => {
    const select = el("select", { name: s.key });
    select.append(el("option", { value: "", text: `${s.unset} (default)` }));
    for (const c of s.choices) select.append(el("option", { value: c.value, text: c.label }));
    if (s.value && !s.choices.some((c) => c.value === s.value)) {  // written by hand: shown as it is
      select.append(el("option", { value: s.value, text: s.value }));
    }
    select.value = s.value ?? "";
    select.addEventListener("change", () => send("/switch", { key: s.key, value: select.value || null }));
    return el("label", {}, s.label, select);
  }));
}

function drawThreads(contributions) {
  const box = $("threads");
  if (!contributions.length) {
    box.replaceChildren(el("p", { class: "note", text: "No comments: this zine quotes none." }));
    return;
  }
  box.replaceChildren(...contributions.map((c) => {
    const count = el("input", { type: "number", min: 1, max: 1000, value: 5, "aria-label": "How many" });
    const button = el("button", { type: "button", text: "Pick the top" });
    button.addEventListener("click", () => send("/top", { contribution: c.index, n: Number(count.value) }));
    return el("section", { class: "thread", "data-contribution": c.index },
      el("div", { class: "thread-head" }, el("h3", { text: c.title })),
      el("div", { class: "file", text: `${c.comments_file} · pick saved in ${c.pick_file}` }),
      el("div", { class: "top" }, button, count, el("span", { text: "most liked" })),
      el("ul", { class: "comments" }, ...c.comments.map((node) => comment(c.index, node))));
  }));
}

function everyone(node) { return [node, ...node.replies.flatMap(everyone)]; }

function comment(index, node) {
  const box = el("input", { type: "checkbox", "data-comment": node.id, "aria-label": `Print comment ${node.id}` });
  box.checked = node.picked;
  box.addEventListener("change", () => send("/pick", { contribution: index, id: node.id, on: box.checked }));
  const bits = [el("b", { text: node.author || "no name" })];
  if (node.date) bits.push(` · ${node.date}`);
  if (node.likes !== null) bits.push(` · ♥ ${node.likes}`);
  bits.push(` · ${plural(node.words, "word")} · #${node.id}`);
  const item = el("li", { class: `comment${node.picked ? "" : " out"}` },
    el("label", { class: "row" }, box,
       el("div", {}, el("div", { class: "meta" }, ...bits), el("div", { class: "opening", text: node.opening }))));
  if (node.replies.length) {
    const all = everyone(node);
    const picked = all.filter((n) => n.picked).length;
    const thread = el("input", { type: "checkbox", "data-thread": node.id, "aria-label": `Print thread ${node.id}` });
    thread.checked = picked === all.length;
    thread.indeterminate = picked > 0 && picked < all.length;
    thread.addEventListener("change", () =>
      send("/pick", { contribution: index, id: node.id, on: thread.checked, thread: true }));
    item.append(el("label", { class: "whole" }, thread, `whole thread (${plural(all.length, "comment")})`));
    item.append(el("ul", {}, ...node.replies.map((reply) => comment(index, reply))));
  }
  return item;
}

async function send(path, body) {
  $("status").textContent = "Saving…";
  $("status").className = "status busy";
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" },
                                       body: JSON.stringify(body) });
  if (!response.ok) {
    const answer = await response.json().catch(() => ({ error: `Error: ${response.status}` }));
    $("error").hidden = false;
    $("error").textContent = answer.error;
  }
}

const events = new EventSource("/events");
events.addEventListener("update", refresh);
refresh();
