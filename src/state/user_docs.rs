//! The reader's own documents as the page shows them: the stored files, messages,
//! progress, the panel and drop overlay, and which corpus the views read. The browser
//! store and the worker (in `views::user_docs`) only dispatch [`Action`]s; the
//! rules (which answer becomes the corpus, when the views remount) live here.

use crate::corpus::CorpusHandle;
use crate::user_store::StoredFile;
use std::rc::Rc;
use yew::Reducible;

/// What is being done while adding, with steps done and steps in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub what: &'static str,
    pub done: usize,
    pub all: usize,
}

/// What the panel shows and the views read.
#[derive(Clone, PartialEq)]
pub struct State {
    /// The embedded corpus, shown when nothing is added.
    base: CorpusHandle,
    /// The corpus the views read: the embedded one, or it merged with the added files.
    pub current: CorpusHandle,
    /// Shared with the previous state until it changes: the files carry their bytes.
    pub files: Rc<Vec<StoredFile>>,
    pub messages: Vec<String>,
    /// Stored files the last merge could not read (stored by an older version, or
    /// judged differently since), by id, with the reason: shown with a Remove button until
    /// removed, and made anew by each merge, so they never pile up.
    pub unreadable: Vec<(u32, String)>,
    pub progress: Option<Progress>,
    /// Rebuilds asked for so far: the worker's job for the latest is the only one whose
    /// answer becomes the corpus (a remove during an add supersedes the add's job).
    pub jobs: u32,
    pub open: bool,
    pub dragging: bool,
    /// Bumped on every new corpus: it keys the views' subtree, so they remount and no
    /// view keeps results or ids memoised from the previous corpus.
    pub generation: u32,
    /// A rebuild was asked for before the embedded corpus had arrived whole (the worker
    /// needs all of it): it runs when [`Action::Base`] brings the rest.
    waiting: bool,
}

/// How the worker's job ended, as the page reports it.
pub enum Outcome {
    /// The merged corpus, and why some files could not be added.
    Merged {
        corpus: CorpusHandle,
        /// File name and reason.
        refused: Vec<(String, String)>,
    },
    /// The job, or the worker, failed: the message says which.
    Failed(String),
}

pub enum Action {
    /// The embedded corpus, now whole: first the file's head arrives, then the rest
    /// (`corpus::load`). Same documents and ids, so the views are not remounted.
    Base(CorpusHandle),
    /// The files stored before, brought back at start.
    Restored(Vec<StoredFile>),
    /// Something failed (the store, a file, the export): the message names it.
    Message(String),
    Dismiss,
    TogglePanel,
    /// Files are being dragged over the page (`true`), or left it or were dropped.
    Dragging(bool),
    /// `total` files are being added: earlier messages go.
    AddStarted {
        total: usize,
    },
    /// A file committed to the browser store.
    Added(StoredFile),
    /// A file kept for this tab only (no browser store): it takes the next free id.
    AddedForTab {
        name: String,
        added_ms: u64,
        bytes: Vec<u8>,
    },
    /// `done` of `total` files are saved or refused.
    Saving {
        done: usize,
        total: usize,
    },
    /// The files are all saved or refused; the corpus is rebuilt if any was saved.
    AddFinished {
        stored_any: bool,
    },
    /// One stored file (`Some(id)`) or all were removed; the corpus is rebuilt.
    Removed(Option<u32>),
    /// The worker's progress on the current job.
    Progress(Progress),
    /// The worker answered job `ticket` (a [`State::jobs`] count).
    JobDone {
        ticket: u32,
        outcome: Outcome,
    },
}

impl State {
    pub fn new(base: CorpusHandle) -> State {
        State {
            current: base.clone(),
            base,
            files: Rc::default(),
            messages: Vec::new(),
            unreadable: Vec::new(),
            progress: None,
            jobs: 0,
            open: false,
            dragging: false,
            generation: 0,
            waiting: false,
        }
    }

    /// Asks for the corpus to be made again from the embedded one and the files: at once
    /// when there are none, else by the worker's job number [`State::jobs`].
    fn rebuild(&mut self) {
        if !self.files.is_empty() && !self.base.is_complete() {
            self.waiting = true;
            self.progress = Some(Progress {
                what: "Waiting for the articles to load",
                done: 0,
                all: self.files.len(),
            });
            return;
        }
        self.waiting = false;
        self.jobs += 1;
        if self.files.is_empty() {
            self.current = self.base.clone();
            self.generation += 1;
        } else {
            self.progress = Some(Progress {
                what: "Reading your documents",
                done: 0,
                all: self.files.len(),
            });
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Base(base) if base == self.base => {}
            Action::Base(base) => {
                let shown_base = self.current == self.base;
                self.base = base;
                if self.waiting {
                    self.rebuild();
                } else if shown_base {
                    self.current = self.base.clone();
                }
            }
            Action::Restored(files) if !files.is_empty() => {
                self.files = Rc::new(files);
                self.rebuild();
            }
            Action::Restored(_) => {}
            Action::Message(m) => self.messages.push(m),
            Action::Dismiss => self.messages.clear(),
            Action::TogglePanel => self.open = !self.open,
            Action::Dragging(on) => self.dragging = on,
            Action::AddStarted { total } => {
                self.messages.clear();
                self.progress = Some(saving(0, total));
            }
            Action::Added(file) => Rc::make_mut(&mut self.files).push(file),
            Action::AddedForTab {
                name,
                added_ms,
                bytes,
            } => {
                let id = self.files.iter().map(|f| f.id).max().map_or(1, |m| m + 1);
                Rc::make_mut(&mut self.files).push(StoredFile {
                    id,
                    name,
                    added_ms,
                    bytes,
                });
            }
            Action::Saving { done, total } => self.progress = Some(saving(done, total)),
            Action::AddFinished { stored_any } => {
                self.progress = None;
                if stored_any {
                    self.rebuild();
                }
            }
            Action::Removed(id) => {
                Rc::make_mut(&mut self.files).retain(|f| id.is_some_and(|id| f.id != id));
                self.unreadable.retain(|(at, _)| id.is_some_and(|id| *at != id));
                self.rebuild();
            }
            Action::Progress(p) => self.progress = Some(p),
            Action::JobDone { ticket, .. } if ticket != self.jobs => {}
            Action::JobDone { outcome, .. } => {
                self.progress = None;
                match outcome {
                    Outcome::Merged { corpus, refused } => {
                        self.current = corpus;
                        self.generation += 1;
                        self.unreadable.clear();
                        for (name, reason) in refused {
                            let stored = self.files.iter().find(|f| {
                                f.name == name && !self.unreadable.iter().any(|(id, _)| *id == f.id)
                            });
                            match stored {
                                Some(f) => self.unreadable.push((f.id, reason)),
                                None => self.messages.push(reason),
                            }
                        }
                    }
                    Outcome::Failed(m) => self.messages.push(m),
                }
            }
        }
    }
}

fn saving(done: usize, all: usize) -> Progress {
    Progress {
        what: "Saving",
        done,
        all,
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        super::changed(self, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_search::{index::build, Engine};

    fn handle() -> CorpusHandle {
        let corpus = ingest(Vec::new());
        let index = build(&corpus);
        CorpusHandle::new(Engine::new(corpus, index))
    }

    fn file(id: u32, name: &str) -> StoredFile {
        StoredFile {
            id,
            name: name.to_owned(),
            added_ms: 0,
            bytes: name.as_bytes().to_vec(),
        }
    }

    fn run(state: State, actions: impl IntoIterator<Item = Action>) -> State {
        let end = actions.into_iter().fold(Rc::new(state), Reducible::reduce);
        (*end).clone()
    }

    #[test]
    fn restored_files_start_a_job_and_nothing_restored_changes_nothing() {
        let base = handle();
        let s = run(State::new(base.clone()), [Action::Restored(Vec::new())]);
        assert!(s == State::new(base.clone()));
        let s = run(State::new(base), [Action::Restored(vec![file(1, "a.txt")])]);
        assert_eq!(s.jobs, 1);
        assert_eq!(
            s.progress.map(|p| (p.what, p.done, p.all)),
            Some(("Reading your documents", 0, 1))
        );
    }

    fn head_handle() -> CorpusHandle {
        let corpus = ingest(Vec::new());
        let index = build(&corpus);
        CorpusHandle::head(Engine::new(corpus, index))
    }

    #[test]
    fn the_whole_corpus_replaces_its_head_without_a_remount() {
        let head = head_handle();
        let whole = handle();
        let s = run(State::new(head), [Action::Base(whole.clone())]);
        assert!(s.current == whole && s.generation == 0 && s.jobs == 0);
    }

    #[test]
    fn files_restored_before_the_texts_wait_for_them() {
        let s = run(
            State::new(head_handle()),
            [Action::Restored(vec![file(1, "a.txt")])],
        );
        assert_eq!(s.jobs, 0, "the worker needs the whole embedded corpus");
        assert_eq!(
            s.progress.map(|p| p.what),
            Some("Waiting for the articles to load")
        );
        let whole = handle();
        let s = run(s, [Action::Base(whole.clone())]);
        assert_eq!(s.jobs, 1);
        assert_eq!(s.progress.map(|p| p.what), Some("Reading your documents"));
        assert!(
            s.current != whole,
            "the merged corpus, not the embedded one, comes next"
        );
    }

    #[test]
    fn adding_saves_each_file_reports_refusals_and_rebuilds_once() {
        let s = State::new(handle());
        let s = run(
            State {
                messages: vec!["old".into()],
                ..s
            },
            [
                Action::AddStarted { total: 2 },
                Action::Added(file(4, "a.txt")),
                Action::Saving { done: 1, total: 2 },
                Action::Message("b.exe is not a text file".into()),
                Action::Saving { done: 2, total: 2 },
            ],
        );
        assert_eq!(s.progress, Some(saving(2, 2)));
        assert_eq!(s.messages, ["b.exe is not a text file"]);
        assert_eq!(s.jobs, 0);
        let s = run(s, [Action::AddFinished { stored_any: true }]);
        assert_eq!((s.files.len(), s.jobs), (1, 1));
    }

    #[test]
    fn nothing_saved_means_no_rebuild() {
        let s = run(
            State::new(handle()),
            [
                Action::AddStarted { total: 1 },
                Action::AddFinished { stored_any: false },
            ],
        );
        assert_eq!((s.jobs, s.progress), (0, None));
    }

    #[test]
    fn a_file_kept_for_the_tab_takes_the_next_free_id() {
        let s = run(
            State::new(handle()),
            [
                Action::Added(file(7, "a.txt")),
                Action::AddedForTab {
                    name: "b.txt".into(),
                    added_ms: 5,
                    bytes: b"b".to_vec(),
                },
            ],
        );
        let ids: Vec<u32> = s.files.iter().map(|f| f.id).collect();
        assert_eq!(ids, [7, 8]);
        let first = run(
            State::new(handle()),
            [Action::AddedForTab {
                name: "c.txt".into(),
                added_ms: 0,
                bytes: Vec::new(),
            }],
        );
        assert_eq!(first.files[0].id, 1);
    }

    #[test]
    fn only_the_latest_jobs_answer_becomes_the_corpus() {
        let base = handle();
        let merged = handle();
        let s = run(
            State::new(base.clone()),
            [
                Action::Restored(vec![file(1, "a.txt"), file(2, "b.txt")]),
                Action::Removed(Some(1)),
                Action::JobDone {
                    ticket: 1,
                    outcome: Outcome::Failed("stale".into()),
                },
            ],
        );
        assert!(s.messages.is_empty() && s.current == base && s.jobs == 2);
        let s = run(
            s,
            [Action::JobDone {
                ticket: 2,
                outcome: Outcome::Merged {
                    corpus: merged.clone(),
                    refused: vec![
                        ("b.txt".into(), "b.txt was not added: it is empty".into()),
                        ("c.txt".into(), "c.txt is empty".into()),
                    ],
                },
            }],
        );
        assert!(s.current == merged);
        assert_eq!((s.generation, s.progress), (1, None));
        assert_eq!(s.messages, ["c.txt is empty"], "not stored: a message");
        assert_eq!(
            s.unreadable,
            [(2, "b.txt was not added: it is empty".to_owned())],
            "stored: offered for removal"
        );
        let s = run(s, [Action::Removed(Some(2))]);
        assert!(s.unreadable.is_empty() && s.files.is_empty());
    }

    #[test]
    fn removing_everything_shows_the_embedded_corpus_at_once() {
        let base = handle();
        let s = State {
            current: handle(),
            files: Rc::new(vec![file(1, "a.txt"), file(2, "b.txt")]),
            ..State::new(base.clone())
        };
        let s = run(s, [Action::Removed(None)]);
        assert!(s.files.is_empty() && s.current == base);
        assert_eq!((s.generation, s.jobs, s.progress), (1, 1, None));
    }

    #[test]
    fn a_failed_job_says_so_and_stops_the_progress() {
        let s = run(
            State::new(handle()),
            [
                Action::Restored(vec![file(1, "a.txt")]),
                Action::Progress(Progress {
                    what: "Finding names",
                    done: 1,
                    all: 3,
                }),
                Action::JobDone {
                    ticket: 1,
                    outcome: Outcome::Failed("the worker stopped".into()),
                },
            ],
        );
        assert_eq!(
            (s.messages.as_slice(), s.progress),
            (&["the worker stopped".to_owned()][..], None)
        );
    }

    #[test]
    fn the_panel_toggles_the_overlay_follows_the_drag_and_dismiss_clears() {
        let s = run(
            State::new(handle()),
            [
                Action::TogglePanel,
                Action::Dragging(true),
                Action::Message("m".into()),
                Action::Dismiss,
            ],
        );
        assert!(s.open && s.dragging && s.messages.is_empty());
        let s = run(s, [Action::TogglePanel, Action::Dragging(false)]);
        assert!(!s.open && !s.dragging);
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let s = Rc::new(State::new(handle()));
        assert!(Rc::ptr_eq(&s.clone().reduce(Action::Dragging(false)), &s));
    }
}
