//! The hostile corpus of the end-to-end tests: the hand-written files of
//! `tests/fixtures/hostile/` (markup, `javascript:` links, entities, bidi overrides,
//! zero-width characters, emoji, Chinese, Cyrillic) plus two generated here because they
//! are too big to commit: a 1 MB single line and a token repeated 100,000 times.
//!
//! `cargo xtask hostile-corpus` writes it to `target/e2e-hostile-corpus/`; `cargo xtask
//! test` builds the app on it and runs `tests/e2e/tests/hostile.rs`.

use crate::{root, Result};
use std::path::PathBuf;

/// What every script payload in the fixtures would set if it ever ran.
pub const SENTINEL: &str = "window.__dossier_pwned = 1";

/// Writes the corpus (replacing an older one) and returns its folder.
pub fn write_corpus() -> Result<PathBuf> {
    let out = root().join("target/e2e-hostile-corpus");
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(&out)?;
    for entry in std::fs::read_dir(root().join("tests/fixtures/hostile"))? {
        let path = entry?.path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, out.join(name))?;
        }
    }
    std::fs::write(out.join("long-line.txt"), long_line())?;
    std::fs::write(out.join("repeated-token.txt"), repeated_token())?;
    Ok(out)
}

/// A headline, then one line of a megabyte: prose with a script payload every so often.
fn long_line() -> String {
    let mut text = String::from("A report on one very long line\n\n");
    let mut n = 0;
    while text.len() < 1_000_000 {
        n += 1;
        if n % 500 == 0 {
            text.push_str(&format!("<script>{SENTINEL}</script> "));
        }
        text.push_str(&format!(
            "Sentence {n} of the long line says the council met in Leeds. "
        ));
    }
    text.push('\n');
    text
}

/// A headline, then one word 100,000 times.
fn repeated_token() -> String {
    let mut text = String::from("The word repeated a hundred thousand times\n\n");
    text.push_str(&"buffalo ".repeat(100_000));
    text.push('\n');
    text
}
