//! Reading a corpus folder: the only module in the core that touches the file system.
//!
//! Used by the app's build script (and later the command-line tool). Reading is separate
//! from decoding so that tests, fuzzers and the browser can hand bytes to
//! the crate's `ingest` directly; its `load_corpus` reads and ingests a folder.

use crate::decode::{DecodeError, MAX_FILE_BYTES};
use std::fmt;
use std::path::{Path, PathBuf};

/// One corpus file's name (relative to the corpus folder) and raw bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> SourceFile {
        SourceFile {
            name: name.into(),
            bytes,
        }
    }
}

/// A folder that could not be listed at all.
#[derive(Debug)]
pub struct ReadDirError {
    pub dir: PathBuf,
    pub source: std::io::Error,
}

impl fmt::Display for ReadDirError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read corpus folder {}: {}",
            self.dir.display(),
            self.source
        )
    }
}

impl std::error::Error for ReadDirError {}

/// A file in the folder that could not be read (permissions, a vanished file) or was too
/// large to read ([`MAX_FILE_BYTES`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableFile {
    pub name: String,
    pub reason: String,
}

/// Every `*.txt` file directly in `dir`, sorted by name so builds are reproducible, plus
/// the files that could not be read.
pub fn read_corpus_dir(dir: &Path) -> Result<(Vec<SourceFile>, Vec<UnreadableFile>), ReadDirError> {
    let err = |source| ReadDirError {
        dir: dir.to_owned(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(err)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")))
        .collect();
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    let mut unreadable = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_file(&path) {
            Ok(bytes) => files.push(SourceFile { name, bytes }),
            Err(reason) => unreadable.push(UnreadableFile { name, reason }),
        }
    }
    Ok((files, unreadable))
}

/// A file's bytes, unless it is over [`MAX_FILE_BYTES`] (checked before reading, so a
/// huge file costs no memory) or cannot be read.
fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    let bytes = usize::try_from(size).unwrap_or(usize::MAX);
    if bytes > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        }
        .to_string());
    }
    std::fs::read(path).map_err(|e| e.to_string())
}
