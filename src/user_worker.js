// Dossier's document worker: runs the core (crates/dossier-worker, a bare wasm module) on
// the reader's added files off the page thread. Created from a Blob URL by
// src/user_worker.rs, so it needs no file of its own (the single-file build has none).
//
// Messages in:  { wasm: ArrayBuffer, gzipped: bool, base: Uint8Array } once, then { job: Uint8Array }.
// Messages out: { ready: true } | { progress: [done, all] } | { answer: Uint8Array } | { error: String }.
let exports = null;

const put = (bytes) => {
  const ptr = exports.alloc(bytes.length);
  new Uint8Array(exports.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
};

onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.wasm) {
      const progress = (done, all) => postMessage({ progress: [done, all] });
      const wasm = message.gzipped
        ? await new Response(new Blob([message.wasm]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
        : message.wasm;
      const { instance } = await WebAssembly.instantiate(wasm, { dossier: { progress } });
      exports = instance.exports;
      if (!exports.set_base(put(message.base), message.base.length)) {
        throw new Error("the embedded corpus did not decode in the worker");
      }
      postMessage({ ready: true });
    } else if (message.job) {
      if (!exports) throw new Error("the worker did not start");
      const length = exports.run(put(message.job), message.job.length);
      const answer = new Uint8Array(exports.memory.buffer, exports.answer_ptr(), length).slice();
      postMessage({ answer }, [answer.buffer]);
    }
  } catch (error) {
    // A trap (a bug in the core) leaves the instance unusable: the page starts a new worker.
    exports = null;
    postMessage({ error: String(error) });
  }
};
