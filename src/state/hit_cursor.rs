//! The reader's search-hit cursor: which hit `n` / `p` (or the buttons) have reached,
//! wrapping round the document's hits.

use std::rc::Rc;
use yew::Reducible;

/// The current hit, once the user has stepped to one.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct State {
    pub current: Option<usize>,
}

pub enum Action {
    /// One hit on (or back) among `count`: the first step forward goes to the first hit,
    /// the first step back to the last.
    Step { forward: bool, count: usize },
    /// Another query or document: no hit is current.
    Clear,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let current = match action {
            Action::Step { count: 0, .. } => self.current,
            Action::Step { forward, count } => Some(match (self.current, forward) {
                (None, true) => 0,
                (None, false) => count - 1,
                (Some(i), true) => (i + 1) % count,
                (Some(i), false) => (i + count - 1) % count,
            }),
            Action::Clear => None,
        };
        super::changed(self, State { current })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(count: usize, forward: &[bool]) -> Option<usize> {
        forward
            .iter()
            .map(|&forward| Action::Step { forward, count })
            .fold(Rc::new(State::default()), Reducible::reduce)
            .current
    }

    #[test]
    fn next_starts_at_the_first_hit_and_previous_at_the_last() {
        assert_eq!(steps(3, &[true]), Some(0));
        assert_eq!(steps(3, &[false]), Some(2));
    }

    #[test]
    fn stepping_wraps_round() {
        assert_eq!(steps(3, &[true, true, true, true]), Some(0));
        assert_eq!(steps(3, &[true, false]), Some(2));
        assert_eq!(steps(3, &[false, true]), Some(0));
    }

    #[test]
    fn no_hits_no_cursor_and_clear_forgets_it() {
        assert_eq!(steps(0, &[true, false]), None);
        let state = Rc::new(State { current: Some(1) }).reduce(Action::Clear);
        assert_eq!(state.current, None);
    }
}
