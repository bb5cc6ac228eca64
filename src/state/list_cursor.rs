//! The document list's keyboard selection: which row Up and Down have reached, and
//! which one Enter opens.

use std::rc::Rc;
use yew::Reducible;

/// The selected row, if the keys have picked one; the search box points at it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct State {
    pub selected: Option<usize>,
}

pub enum Action {
    /// Down or Up in a list of `count` rows: the first key picks the first row.
    Down {
        count: usize,
    },
    Up {
        count: usize,
    },
    /// The list changed (a new search or facet pick): nothing is picked.
    Clear,
}

impl State {
    /// The row Enter opens in a list of `count` rows: the selected one, or the first.
    pub fn target(&self, count: usize) -> Option<usize> {
        (count > 0).then(|| self.selected.unwrap_or(0))
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let selected = match action {
            Action::Down { count } if count > 0 => Some(self.selected.map_or(0, |s| (s + 1).min(count - 1))),
            Action::Up { count } if count > 0 => Some(self.selected.map_or(0, |s| s.saturating_sub(1))),
            Action::Clear => None,
            Action::Down { .. } | Action::Up { .. } => self.selected,
        };
        super::changed(self, State { selected })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: impl IntoIterator<Item = Action>) -> Option<usize> {
        actions
            .into_iter()
            .fold(Rc::new(State::default()), Reducible::reduce)
            .selected
    }

    #[test]
    fn the_first_key_picks_the_first_row() {
        assert_eq!(run([Action::Down { count: 3 }]), Some(0));
        assert_eq!(run([Action::Up { count: 3 }]), Some(0));
    }

    #[test]
    fn down_and_up_stop_at_the_ends() {
        let down = |n| (0..n).map(|_| Action::Down { count: 3 });
        assert_eq!(run(down(2)), Some(1));
        assert_eq!(run(down(5)), Some(2));
        assert_eq!(
            run(down(2).chain([Action::Up { count: 3 }, Action::Up { count: 3 }])),
            Some(0)
        );
    }

    #[test]
    fn an_empty_list_picks_nothing_and_clear_forgets_the_pick() {
        assert_eq!(run([Action::Down { count: 0 }, Action::Up { count: 0 }]), None);
        assert_eq!(run([Action::Down { count: 3 }, Action::Clear]), None);
    }

    #[test]
    fn enter_opens_the_pick_or_the_first_row() {
        assert_eq!(State::default().target(4), Some(0));
        assert_eq!(State { selected: Some(2) }.target(4), Some(2));
        assert_eq!(State::default().target(0), None);
    }
}
