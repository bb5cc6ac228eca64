//! Progress on standard error, so standard output stays clean for the results.
//!
//! On a terminal each stage draws an `indicatif` bar (or a spinner when its length is
//! unknown) and leaves one summary line; elsewhere (a log, a pipe, a test) only the summary
//! lines are written; with `--quiet` nothing is.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Bars and summaries: standard error is a terminal.
    Bars,
    /// Summaries only.
    Lines,
    Quiet,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        if quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            Progress::Bars
        } else {
            Progress::Lines
        }
    }

    /// A stage of unknown length (one call into the core): a spinner.
    pub fn stage(self, message: &str) -> Stage {
        let bar = (self == Progress::Bars).then(|| {
            let bar = ProgressBar::new_spinner().with_message(message.to_owned());
            bar.set_style(style("{spinner} {msg} [{elapsed}]"));
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Stage::start(self, bar)
    }

    /// A stage over `len` items: a bar.
    pub fn counted(self, message: &str, len: usize) -> Stage {
        let bar = (self == Progress::Bars).then(|| {
            let bar = ProgressBar::new(len as u64).with_message(message.to_owned());
            bar.set_style(style("{msg} {wide_bar} {pos}/{len} [{elapsed}, {eta} left]"));
            bar
        });
        Stage::start(self, bar)
    }

    /// A line for the user that is not a result (a skipped file), unless quiet.
    pub fn note(self, line: &str) {
        if self != Progress::Quiet {
            eprintln!("{line}");
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    // The templates are constants; should one not parse, plain bars do.
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// One stage under way.
pub struct Stage {
    progress: Progress,
    bar: Option<ProgressBar>,
    started: Instant,
}

impl Stage {
    fn start(progress: Progress, bar: Option<ProgressBar>) -> Stage {
        Stage {
            progress,
            bar,
            started: Instant::now(),
        }
    }

    /// `done` items of a counted stage are finished.
    pub fn set(&self, done: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }

    /// Ends the stage with a summary line and the time it took.
    pub fn finish(self, summary: &str) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        self.progress.note(&format!(
            "{summary} ({:.1} s)",
            self.started.elapsed().as_secs_f64()
        ));
    }
}
