// Registers the service worker that keeps a hosted Dossier working offline. Only over
// http(s): a page opened as a file cannot have one (and needs none: it is self-contained).
// Once the app has its whole corpus (`dossier:settled`, src/boot.rs), so that caching the
// build (every view's code, the document worker's wasm) never competes for the network
// with the code and data a reader is waiting for. `document.baseURI` follows the build's `<base href>`, so under a sub-path such
// as `/dossier/` the worker is `/dossier/sw.js` and controls `/dossier/` only.
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  const workers = navigator.serviceWorker;
  // This page's build: its wasm, which Trunk names by a hash of its contents (Trunk's
  // preload link, which the release build turns into a plain marker: xtask/src/dist.rs).
  const wasm = document.querySelector('link[rel="dossier-wasm"], link[rel="preload"][href$="_bg.wasm"]');
  // A page that runs an older build than its worker must reload: the new worker deleted
  // that build's cache, and the page's remaining files would come from a build they do not
  // belong to. Once per build and tab, so a page the network serves past an emptied cache
  // can never reload for ever. The address holds the search and the view: both survive.
  const reload = () => {
    const key = "dossier-reloaded-for";
    if (wasm && sessionStorage.getItem(key) === wasm.href) return;
    if (wasm) sessionStorage.setItem(key, wasm.href);
    location.reload();
  };
  // A page that already had a worker and gets another one: a new build's worker took over.
  // (The first worker of a first visit takes over a page that had none: no reload then.)
  let controlled = Boolean(workers.controller);
  workers.addEventListener("controllerchange", () => {
    if (controlled) reload();
    controlled = true;
  });
  // The worker may have changed before this script ran, unheard: ask the one in charge
  // whether this page's wasm is among its files. (A worker of `trunk serve` has none.)
  workers.addEventListener("message", (event) => {
    const files = event.data && event.data.files;
    if (wasm && Array.isArray(files) && files.length > 0 && !files.includes(wasm.href)) reload();
  });
  workers.startMessages();
  if (workers.controller) workers.controller.postMessage("files?");
  const register = () =>
    workers
      .register(new URL("sw.js", document.baseURI))
      .catch((error) => console.warn("Dossier works online only: no service worker", error));
  if (window.dossierSettled) register();
  else addEventListener("dossier:settled", register, { once: true });
}
