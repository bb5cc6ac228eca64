//! The reader's work as the page shows it: what the browser's store holds, and whether
//! it can keep more.
//!
//! A change is shown only once the store has committed it ([`Action::Confirmed`]); one
//! the store refuses changes nothing and says why ([`Action::Refused`]). When the store
//! cannot open at all (a private window that allows no storage), work is kept for this
//! visit only and the page says so: the reader can still export it as a case file.

use dossier_work::change::Change;
use dossier_work::Work;
use std::rc::Rc;
use yew::Reducible;

/// Whether the reader's work is kept between visits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Storage {
    /// The store is being opened and read: nothing can be changed yet, so a change
    /// made now cannot be lost under the stored work arriving.
    #[default]
    Opening,
    /// Every change is committed to the browser's storage before it shows.
    Kept,
    /// No storage (why): changes show but last only as long as the page.
    ForThisVisit(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Behind an `Rc`: views compare it by pointer, and a change makes a new one.
    pub work: Rc<Work>,
    pub storage: Storage,
    /// Why the last change was not kept, until the reader dismisses it.
    pub refused: Option<String>,
    /// What the last change did, in words ("Merged A into B"), while the reader may
    /// want to see it.
    pub last: Option<Said>,
}

impl State {
    /// Whether changes can be made now.
    pub fn is_open(&self) -> bool {
        self.storage != Storage::Opening
    }
}

/// What a change did, in words, and whether Undo takes it back (a correction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub text: String,
    pub undoable: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The stored work, read at start-up.
    Loaded(Work),
    /// The store could not be opened (why): work lasts for this visit.
    Unavailable(String),
    /// The store committed this change (or, without one, it was made), with what it
    /// did in words when it is a correction the reader may want to undo.
    Confirmed(Change, Option<String>),
    /// The store refused a change: why, in words. The work is unchanged.
    Refused(String),
    /// The reader closed the message.
    Dismiss,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded(work) => {
                next.work = Rc::new(work);
                next.storage = Storage::Kept;
            }
            Action::Unavailable(why) => next.storage = Storage::ForThisVisit(why),
            Action::Confirmed(change, said) => {
                let mut work = (*next.work).clone();
                work.change(&change);
                next.work = Rc::new(work);
                next.refused = None;
                next.last = said.map(|text| Said {
                    text,
                    undoable: matches!(change, Change::Correct(_)),
                });
            }
            Action::Refused(why) => next.refused = Some(why),
            Action::Dismiss => {
                next.refused = None;
                next.last = None;
            }
        }
        super::changed(self, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_work::work::NameList;

    fn list(name: &str) -> Change {
        Change::PutNameList(NameList {
            name: name.into(),
            names: vec!["Xi Jinping".into()],
        })
    }

    #[test]
    fn nothing_changes_before_the_store_is_read() {
        let state = Rc::new(State::default());
        assert!(!state.is_open());
        let state = state.reduce(Action::Loaded(Work::default()));
        assert!(state.is_open());
        assert_eq!(state.storage, Storage::Kept);
    }

    #[test]
    fn a_confirmed_change_shows_and_a_refused_one_does_not() {
        let state = Rc::new(State::default()).reduce(Action::Loaded(Work::default()));
        let state = state.reduce(Action::Confirmed(list("Suspects"), None));
        assert_eq!(state.work.name_lists.len(), 1);
        let before = state.work.clone();
        let state = state.reduce(Action::Refused("the browser's storage is full".into()));
        assert!(
            Rc::ptr_eq(&before, &state.work),
            "a refused change leaves the work as it was"
        );
        assert_eq!(state.refused.as_deref(), Some("the browser's storage is full"));
        let state = state.reduce(Action::Confirmed(list("Witnesses"), Some("Saved".into())));
        assert_eq!(
            state.refused, None,
            "a change that is kept clears the old message"
        );
        assert_eq!(
            state.last.as_ref().map(|s| (s.text.as_str(), s.undoable)),
            Some(("Saved", false))
        );
        assert_eq!(state.work.name_lists.len(), 2);
    }

    #[test]
    fn only_a_correction_offers_undo() {
        use dossier_model::entity::EntityType;
        use dossier_work::{Correction, EntityRef};
        let state = Rc::new(State::default()).reduce(Action::Loaded(Work::default()));
        let correction = Change::Correct(Correction::NotAnEntity {
            entity: EntityRef::new("GMT", EntityType::Org),
        });
        let state = state.reduce(Action::Confirmed(
            correction,
            Some("GMT is no longer an entity".into()),
        ));
        assert!(state.last.as_ref().is_some_and(|s| s.undoable));
        assert_eq!(state.work.corrections.len(), 1);
        let state = state.reduce(Action::Confirmed(list("Suspects"), Some("Saved".into())));
        assert!(
            state.last.as_ref().is_some_and(|s| !s.undoable),
            "Undo would take back the correction"
        );
    }

    #[test]
    fn without_storage_work_lasts_the_visit_and_says_so() {
        let state = Rc::new(State::default()).reduce(Action::Unavailable("no IndexedDB".into()));
        assert!(state.is_open());
        let state = state.reduce(Action::Confirmed(list("Suspects"), None));
        assert_eq!(state.work.name_lists.len(), 1);
        assert_eq!(state.storage, Storage::ForThisVisit("no IndexedDB".into()));
    }

    #[test]
    fn dismissing_twice_costs_no_render() {
        let state = Rc::new(State::default()).reduce(Action::Dismiss);
        let again = state.clone().reduce(Action::Dismiss);
        assert!(Rc::ptr_eq(&state, &again));
    }
}
