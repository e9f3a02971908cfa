// teipress search: reads the Pagefind index written by `teipress build` and shows results and
// filters on search.html. The edition's only script. Everything from the index is inserted as
// text (textContent, createElement), never as HTML, so nothing in a TEI file can become script.
const FILTERS = ["year", "person", "place", "organisation", "type"];
const PAGE_SIZE = 20;

const form = document.getElementById("tp-search-form");
const box = document.getElementById("tp-search-q");
const fieldset = document.getElementById("tp-search-filters");
const statusLine = document.getElementById("tp-search-status");
const list = document.getElementById("tp-search-results");
const help = document.getElementById("tp-search-help");

// The words it says are written into the page by search.xsl, in the edition's language, as data-*
// of the filters' fieldset and of the status line; English only for a page made before that.
const ENGLISH = {
  year: "Year", person: "Person", place: "Place", organisation: "Organisation", type: "Document type",
  any: "any", prompt: "Type a word or a name.", searching: "Searching…",
  foundOne: "{n} document found.", foundMany: "{n} documents found.",
  foundFirst: "{n} documents found; the first {shown} are shown.",
  unreadable: "The search index cannot be read here (see How to search below).",
};

function word(holder, key, values = {}) {
  const said = holder && holder.dataset[key] !== undefined ? holder.dataset[key] : ENGLISH[key];
  return said.replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

// "1 document", "2 documents"; French says "0 document" too: the language's own plural rule.
function found(count) {
  if (count > PAGE_SIZE) return word(statusLine, "foundFirst", { n: count, shown: PAGE_SIZE });
  const language = (statusLine.closest("[lang]") || document.documentElement).lang || "en";
  let one = count === 1;
  try {
    one = new Intl.PluralRules(language).select(count) === "one";
  } catch (error) { /* an unknown language tag: the English rule */ }
  return word(statusLine, one ? "foundOne" : "foundMany", { n: count });
}

function element(tag, text, attributes = {}) {
  const made = document.createElement(tag);
  if (text !== undefined && text !== null) made.textContent = text;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  return made;
}

// Pagefind's excerpt marks the matches with <mark>; keep those, everything else as text.
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body;
  const paragraph = element("p", null, { class: "search-snippet" });
  for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
    paragraph.append(node.nodeName === "MARK" ? element("mark", node.textContent)
                                              : document.createTextNode(node.textContent));
  }
  return paragraph;
}

// The result opens at the passage that holds the first match: the last paragraph, list item,
// note or heading with an id (Pagefind's anchors) that starts at or before it. Names inside a
// paragraph have ids too and are passed over; so is a match before the first passage (the
// title and metadata at the top of the page), in favour of a later one.
const PASSAGES = new Set(["p", "li", "dd", "div", "section", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"]);

function occurrence(data) {
  const passages = (data.anchors || []).filter((a) => a.id && PASSAGES.has(a.element));
  for (const location of data.locations || []) {
    let anchor = null;
    for (const candidate of passages) {
      if (candidate.location <= location && (!anchor || candidate.location >= anchor.location)) anchor = candidate;
    }
    if (anchor) return `${data.url}#${encodeURIComponent(anchor.id)}`;
  }
  return data.url;
}

function chosenFilters() {
  const chosen = {};
  for (const name of FILTERS) {
    const select = document.getElementById(`tp-filter-${name}`);
    const value = select ? select.value : new URLSearchParams(location.search).get(name);
    if (value) chosen[name] = value;
  }
  return chosen;
}

function buildFilters(available, params) {
  let any = false;
  for (const name of FILTERS) {
    const values = available[name] ? Object.entries(available[name]) : [];
    if (!values.length) continue;
    any = true;
    const id = `tp-filter-${name}`;
    const wrapper = element("p", null, { class: "search-filter" });
    wrapper.append(element("label", word(fieldset, name), { for: id }));
    const select = element("select", null, { id, name });
    select.append(element("option", word(fieldset, "any"), { value: "" }));
    values.sort((a, b) => a[0].localeCompare(b[0]));
    for (const [value, count] of values) {
      const option = element("option", `${value} (${count})`, { value });
      if (params.get(name) === value) option.selected = true;
      select.append(option);
    }
    wrapper.append(select);
    fieldset.append(wrapper);
  }
  fieldset.hidden = !any;
}

async function showResults(pagefind, query, filters) {
  list.replaceChildren();
  if (!query && !Object.keys(filters).length) {
    statusLine.textContent = word(statusLine, "prompt");
    return;
  }
  const search = await pagefind.search(query || null, { filters });
  const results = search ? search.results : [];
  statusLine.textContent = word(statusLine, "searching");
  const shown = await Promise.all(results.slice(0, PAGE_SIZE).map((result) => result.data()));
  for (const data of shown) {
    const item = element("li", null, { class: "search-result" });
    const heading = element("h2", null, { class: "search-result-title" });
    heading.append(element("a", data.meta.title || data.url, { href: occurrence(data) }));
    item.append(heading);
    if (data.meta.date) item.append(element("p", data.meta.date, { class: "search-result-date" }));
    item.append(excerpt(data.excerpt || ""));
    list.append(item);
  }
  // Said last, so that "found" means the list is complete (screen readers hear it once).
  statusLine.textContent = found(results.length);
}

// A large edition is indexed in chunks: html/pagefind/ lists the other bundles (pagefind-2/, …),
// which Pagefind merges into one search (results ranked together, filters counted together).
async function otherBundles() {
  const entry = await (await fetch("./pagefind/pagefind-entry.json")).json();
  return (entry.teipress_merge || []).map((folder) => new URL(`${folder}/`, location.href).pathname);
}

async function start() {
  const params = new URLSearchParams(location.search);
  box.value = params.get("q") || "";
  let pagefind;
  try {
    pagefind = await import("./pagefind/pagefind.js");
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
    for (const bundle of await otherBundles()) await pagefind.mergeIndex(bundle, { excerptLength: 24 });
  } catch (error) {
    statusLine.textContent = word(statusLine, "unreadable");
    return;
  }
  help.hidden = true;
  buildFilters(await pagefind.filters(), params);
  await showResults(pagefind, box.value.trim(), chosenFilters());
  fieldset.addEventListener("change", () => form.requestSubmit());
}

start();
