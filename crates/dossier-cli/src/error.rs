//! What can stop a command, each with a message a user can act on.

use dossier_ingest::source::ReadDirError;
use dossier_nlp::ner::ModelError;
use dossier_work::case_file::ImportError;
use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum CliError {
    /// The folder could not be listed (missing, not a folder, no permission).
    ReadDir(ReadDirError),
    /// The folder holds no `.txt` file.
    NoTextFiles { dir: PathBuf },
    /// Every `.txt` file was skipped: nothing became a document.
    NothingReadable { dir: PathBuf, skipped: usize },
    /// The case file of `--corrections` cannot be read.
    ReadCaseFile { path: PathBuf, error: io::Error },
    /// The case file is no case file for this corpus (damaged, newer, another corpus).
    CaseFile { path: PathBuf, error: ImportError },
    /// The tagger embedded in the core does not load (a broken build).
    Model(ModelError),
    /// Standard output could not be written.
    Write(io::Error),
}

impl CliError {
    /// A closed pipe (`dossier-cli entities DIR | head`) ends the output early but is no
    /// failure: the reader had what it wanted.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, CliError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::ReadDir(e) => write!(f, "{e}"),
            CliError::NoTextFiles { dir } => write!(
                f,
                "{} holds no .txt file: nothing to read (Dossier reads the .txt files directly in the folder)",
                dir.display()
            ),
            CliError::NothingReadable { dir, skipped } => write!(
                f,
                "none of the {skipped} .txt files in {} could be read as an article (reasons above)",
                dir.display()
            ),
            CliError::ReadCaseFile { path, error } => {
                write!(f, "cannot read the case file {}: {error}", path.display())
            }
            CliError::CaseFile { path, error } => write!(f, "{}: {error}", path.display()),
            CliError::Model(e) => write!(
                f,
                "the entity tagger built into this program cannot be read: {e}. Rebuild it \
                 (`cargo build --release -p dossier-cli`)"
            ),
            CliError::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for CliError {}

impl From<ReadDirError> for CliError {
    fn from(e: ReadDirError) -> CliError {
        CliError::ReadDir(e)
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> CliError {
        CliError::Write(e)
    }
}

/// Our rows always serialise, so a JSON error is an I/O error underneath.
impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> CliError {
        CliError::Write(e.into())
    }
}

/// Likewise for CSV; the I/O error is unwrapped so a closed pipe is seen as one.
impl From<csv::Error> for CliError {
    fn from(e: csv::Error) -> CliError {
        if !e.is_io_error() {
            return CliError::Write(io::Error::other(e));
        }
        match e.into_kind() {
            csv::ErrorKind::Io(e) => CliError::Write(e),
            kind => CliError::Write(io::Error::other(format!("{kind:?}"))),
        }
    }
}
