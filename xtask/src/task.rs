//! What every command shares: its error ([`TaskError`], a message saying what to do) and
//! the repository's root.

use std::path::PathBuf;

/// A failed step, with what to do about it.
#[derive(Debug)]
pub struct TaskError(pub String);

impl std::fmt::Display for TaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for TaskError {
    fn from(e: std::io::Error) -> Self {
        TaskError(e.to_string())
    }
}

pub type Result<T = ()> = std::result::Result<T, TaskError>;

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}
