//! The `ingest` fuzz target: libFuzzer's bytes into `dossier_fuzz::ingest`, which must never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::ingest(data));
