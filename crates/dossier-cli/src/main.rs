//! `dossier-cli`: Dossier's analysis of a folder of articles on the command line, over the
//! same core the app's build step uses.
//!
//! - `entities DIR [--format json|csv] [--corrections CASE_FILE]`: every entity mention
//!   in every `.txt` file, with the corrections of a case file the app exported;
//! - `documents DIR`: what ingest made of each file (titles, outlets, dates, regions,
//!   split parts);
//! - `check DIR`: the files the build would skip, and why.
//!
//! Results go to standard output, progress and warnings to standard error. The exit
//! status is non-zero only when nothing could be read (the folder is missing or no file
//! became a document) or the output could not be written.

mod check;
mod corrections;
mod documents;
mod entities;
mod error;
mod folder;
mod progress;

use clap::{Parser, Subcommand};
use error::CliError;
use folder::Folder;
use progress::Progress;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dossier-cli",
    version,
    about = "Dossier's analysis of a folder of .txt news articles: entities, documents, and a check before building"
)]
struct Cli {
    /// No progress or summaries on standard error (warnings and errors still go there).
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Every entity mention in each .txt file of DIR, with code-point offsets into the file's
    /// text, its type and its entity linked across the folder.
    Entities {
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = entities::Format::Json)]
        format: entities::Format,
        /// A case file the app exported: its entity corrections are applied first.
        #[arg(long, value_name = "CASE_FILE")]
        corrections: Option<PathBuf>,
    },
    /// What ingest made of each .txt file of DIR (JSON): documents, titles, outlets, dates,
    /// removed and flagged regions, split parts, or why the file is skipped.
    Documents { dir: PathBuf },
    /// The files of DIR the build would skip or warn about, one `file: reason` line each.
    Check { dir: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command, Progress::new(cli.quiet)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_closed_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, progress: Progress) -> Result<(), CliError> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    match command {
        Command::Entities {
            dir,
            format,
            corrections,
        } => {
            let mut folder = Folder::read(&dir, progress)?;
            folder.warn_skipped();
            folder.require_readable()?;
            folder.recognise(progress)?;
            if let Some(path) = corrections {
                corrections::apply_case_file(&mut folder, &path, progress)?;
            }
            entities::write(&folder, format, &mut out)?;
        }
        Command::Documents { dir } => {
            let folder = Folder::read(&dir, progress)?;
            folder.require_readable()?;
            documents::write(&folder, &mut out)?;
        }
        Command::Check { dir } => {
            let folder = Folder::read(&dir, progress)?;
            check::write(&folder, progress, &mut out)?;
            folder.require_readable()?;
        }
    }
    out.flush()?;
    Ok(())
}
