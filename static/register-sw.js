// Registers the service worker that keeps a hosted Dossier working offline. Only over
// http(s): a page opened as a file cannot have one (and needs none: it is self-contained).
// After `load`, so that caching the build never competes with the first start for the
// network. `document.baseURI` follows the build's `<base href>`, so under a sub-path such
// as `/dossier/` the worker is `/dossier/sw.js` and controls `/dossier/` only.
if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  addEventListener("load", () => {
    navigator.serviceWorker
      .register(new URL("sw.js", document.baseURI))
      .catch((error) => console.warn("Dossier works online only: no service worker", error));
  });
}
