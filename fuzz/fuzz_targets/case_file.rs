//! The `case_file` fuzz target: libFuzzer's bytes into `dossier_fuzz::case_file`, which must never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier_fuzz::case_file(data));
