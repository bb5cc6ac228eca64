//! Running commands with the project's tool paths, failing with the command named.

use crate::tool_paths::path_with_tools;
use crate::{root, Result, TaskError};
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

pub struct Cmd(Command);

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Cmd {
        let mut command = Command::new(program);
        command.current_dir(root()).env("PATH", path_with_tools());
        Cmd(command)
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Cmd {
        self.0.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Cmd {
        self.0.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Cmd {
        self.0.env_remove(key);
        self
    }

    /// Runs to completion; a non-zero exit is an error naming the command.
    pub fn run(mut self) -> Result {
        let shown = std::iter::once(self.0.get_program())
            .chain(self.0.get_args())
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        println!("$ {shown}");
        let status = self
            .0
            .status()
            .map_err(|e| TaskError(format!("cannot run {shown}: {e}")))?;
        if status.success() {
            Ok(())
        } else {
            Err(TaskError(format!("{shown} failed ({status})")))
        }
    }

    /// Runs and returns stdout, or `None` when the program is missing or fails.
    pub fn output(mut self) -> Option<String> {
        let out = self.0.output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

pub fn cargo() -> Cmd {
    Cmd::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Trunk with the corpus chosen: `corpus` or, when `None`, the repository's `seeds/`.
pub fn trunk(args: &[&str], corpus: Option<&Path>) -> Cmd {
    let cmd = Cmd::new("trunk").args(args);
    match corpus {
        Some(dir) => cmd.env("DOSSIER_CORPUS", dir),
        None => cmd.env_remove("DOSSIER_CORPUS"),
    }
}
