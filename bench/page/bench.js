// One engine per page load, so bytes and start-up are measured from a cold page.
// Every engine is timed with the same clock (performance.now) around the same call: a
// query in, ranked document ids out. Relevance ids are read after the timed runs.

const engine = new URLSearchParams(location.search).get("engine");
const state = { engine, ready: false, error: null, buildMs: null, readyMs: null, docs: null };
window.benchState = state;
// performance.now() is coarsened to 0.1 ms on a page that is not cross-origin isolated,
// and one query can take far less: each timing runs the query back to back until at
// least MIN_SPAN_MS have passed (at least once) and divides by the runs, so every engine
// is timed to about 1/20 of the clock's grain, fast or slow.
const RUNS = 5;
const MIN_SPAN_MS = 2;

async function docs() {
  const response = await fetch("/docs.json");
  return response.json();
}

async function setUp() {
  if (engine === "dossier") {
    const wasm = await import("/dossier/dossier_bench_engine.js");
    await wasm.default();
    const bytes = new Uint8Array(await (await fetch("/corpus.bin")).arrayBuffer());
    const t0 = performance.now();
    state.docs = wasm.load(bytes);
    state.buildMs = performance.now() - t0; // decode only: the index was built at build time
    // The entity recogniser over every document, in wasm (read after the queries).
    window.benchTagging = () => {
      const t1 = performance.now();
      const tokens = wasm.tag_all();
      return { tokens, ms: performance.now() - t1 };
    };
    return { search: async (q, top) => Array.from(wasm.search(q, top)) };
  }
  if (engine === "minisearch") {
    const { default: MiniSearch } = await import("/npm/minisearch/dist/es/index.js");
    const all = await docs();
    const t0 = performance.now();
    const index = new MiniSearch({
      fields: ["title", "body"],
      searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2, combineWith: "AND" },
    });
    index.addAll(all);
    state.buildMs = performance.now() - t0;
    state.docs = all.length;
    return { search: async (q, top) => index.search(q).slice(0, top).map((r) => r.id) };
  }
  if (engine === "flexsearch") {
    const { Document } = await import("/npm/flexsearch/dist/flexsearch.bundle.module.min.mjs");
    const all = await docs();
    const t0 = performance.now();
    const index = new Document({ tokenize: "forward", document: { id: "id", index: ["title", "body"] } });
    for (const d of all) index.add(d);
    state.buildMs = performance.now() - t0;
    state.docs = all.length;
    return {
      search: async (q, top) => {
        // Title hits first, then body hits, without duplicates.
        const seen = new Set();
        for (const field of index.search(q, { limit: top })) {
          for (const id of field.result) seen.add(id);
        }
        return Array.from(seen).slice(0, top);
      },
    };
  }
  if (engine === "orama") {
    // Orama 3 with typo tolerance (one edit), every term required (threshold 0, as
    // MiniSearch's AND) and the title boosted as for MiniSearch; ids are strings to Orama.
    const { create, insertMultiple, search } = await import("/npm/@orama/orama/dist/browser/index.js");
    const all = await docs();
    const t0 = performance.now();
    const db = create({ schema: { title: "string", body: "string" } });
    await insertMultiple(db, all.map((d) => ({ id: String(d.id), title: d.title, body: d.body })));
    state.buildMs = performance.now() - t0;
    state.docs = all.length;
    return {
      search: async (q, top) =>
        (
          await search(db, {
            term: q,
            properties: ["title", "body"],
            boost: { title: 3 },
            tolerance: 1,
            threshold: 0,
            limit: top,
          })
        ).hits.map((h) => Number(h.id)),
    };
  }
  if (engine === "pagefind") {
    const pagefind = await import("/pagefind/pagefind.js");
    // On the page's thread, not in Pagefind's worker: the worker's fetches (its wasm, the
    // index chunks) would escape the page's Resource Timing, which counts the bytes, and
    // DevTools' throttling of the page. Same files, same queries.
    await pagefind.options({ noWorker: true });
    const t0 = performance.now();
    await pagefind.init();
    state.buildMs = performance.now() - t0; // load only: the index was built natively
    const ids = new Map();
    return {
      search: async (q, top) => (await pagefind.search(q)).results.slice(0, top),
      ids: async (results) => {
        const out = [];
        for (const r of results) {
          if (!ids.has(r.id)) ids.set(r.id, Number((await r.data()).meta.docid));
          out.push(ids.get(r.id));
        }
        return out;
      },
    };
  }
  throw new Error(`unknown engine ${engine}`);
}

// `?first=WORD` (`cargo xtask bench`, on a throttled link): as soon as the engine is up,
// search WORD and load what a results page shows (for Pagefind, the first FIRST_SHOWN
// results' titles and excerpts, as its default UI does); `firstResultMs` is from
// navigation to then, and `firstResultBytes` what the page had fetched by then.
const first = new URLSearchParams(location.search).get("first");
const FIRST_SHOWN = 5;

async function firstResult(runner) {
  const results = await runner.search(first, FIRST_SHOWN);
  if (runner.ids) await runner.ids(results);
  if (results.length === 0) throw new Error(`no result for ${first}`);
  state.firstResultMs = performance.now();
  state.firstResultBytes = window.benchBytes();
}

let runner = null;
setUp()
  .then(async (r) => {
    runner = r;
    state.readyMs = performance.now();
    if (first) await firstResult(r);
    state.ready = true;
    document.getElementById("status").textContent = `${engine} ready`;
  })
  .catch((e) => {
    state.error = String(e && e.stack ? e.stack : e);
    document.getElementById("status").textContent = state.error;
  });

// Bytes fetched so far (the page, scripts, wasm, index files), as the browser reports.
window.benchBytes = () => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  return (nav ? nav.transferSize : 0) + resources.reduce((n, r) => n + r.transferSize, 0);
};

// Per query: one warm-up run, then the median of RUNS timings (each of as many
// back-to-back runs as fill MIN_SPAN_MS); ids of the top hits.
window.benchRun = async (queries, top) => {
  const out = [];
  for (const q of queries) {
    await runner.search(q, top);
    const times = [];
    let last = null;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      let runs = 0;
      let elapsed = 0;
      do {
        last = await runner.search(q, top);
        runs += 1;
        elapsed = performance.now() - t0;
      } while (elapsed < MIN_SPAN_MS);
      times.push(elapsed / runs);
    }
    times.sort((a, b) => a - b);
    const ids = runner.ids ? await runner.ids(last) : last;
    out.push({ ms: times[Math.floor(RUNS / 2)], ids });
  }
  return out;
};
