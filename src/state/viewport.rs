//! The graph's pan and zoom: what a drag, a wheel turn or a zoom button does to the
//! drawing's transform, kept apart from the pointer events so it is tested natively.

use std::rc::Rc;
use yew::Reducible;

/// Pan (in drawing units) and zoom of the drawing: drawn as `translate(x y) scale(s)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub x: f64,
    pub y: f64,
    pub scale: f64,
}

/// Zoom never goes past these: the graph stays findable and its labels readable.
pub const MIN_SCALE: f64 = 0.4;
pub const MAX_SCALE: f64 = 8.0;

impl Viewport {
    /// Unpanned, unzoomed.
    pub const HOME: Viewport = Viewport {
        x: 0.0,
        y: 0.0,
        scale: 1.0,
    };

    /// Zoomed by `factor` (clamped to the zoom range), the drawing point under `at`
    /// staying where it is.
    pub fn zoomed(self, factor: f64, at: (f64, f64)) -> Viewport {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let (px, py) = at;
        Viewport {
            x: px - (px - self.x) * scale / self.scale,
            y: py - (py - self.y) * scale / self.scale,
            scale,
        }
    }

    /// Moved by `(dx, dy)` drawing units.
    pub fn panned(self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }

    /// The SVG `transform` of the drawn group.
    pub fn transform(&self) -> String {
        format!("translate({:.1} {:.1}) scale({:.3})", self.x, self.y, self.scale)
    }
}

/// What the user did to the drawing.
pub enum Action {
    /// Zoom by a factor about a point of the drawing (the pointer, or its centre).
    Zoom {
        factor: f64,
        at: (f64, f64),
    },
    /// A drag: the view it started from, moved by the pointer's travel in drawing units.
    Drag {
        from: Viewport,
        dx: f64,
        dy: f64,
    },
    Reset,
}

impl Reducible for Viewport {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Zoom { factor, at } => self.zoomed(factor, at),
            Action::Drag { from, dx, dy } => from.panned(dx, dy),
            Action::Reset => Viewport::HOME,
        };
        super::changed(self, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(v: Viewport, action: Action) -> Viewport {
        *Rc::new(v).reduce(action)
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_in_place() {
        let v = reduce(
            Viewport::HOME,
            Action::Zoom {
                factor: 2.0,
                at: (100.0, 50.0),
            },
        );
        assert_eq!(
            v,
            Viewport {
                x: -100.0,
                y: -50.0,
                scale: 2.0
            }
        );
        // The drawing point (100, 50) is drawn at 100 * 2 - 100 = 100: where it was.
        assert_eq!((100.0 * v.scale + v.x, 50.0 * v.scale + v.y), (100.0, 50.0));
    }

    #[test]
    fn zoom_is_clamped_and_a_clamped_zoom_does_not_move_the_view() {
        let far_in = reduce(
            Viewport::HOME,
            Action::Zoom {
                factor: 100.0,
                at: (0.0, 0.0),
            },
        );
        assert_eq!(far_in.scale, MAX_SCALE);
        let far_out = reduce(
            Viewport::HOME,
            Action::Zoom {
                factor: 0.01,
                at: (480.0, 320.0),
            },
        );
        assert_eq!(far_out.scale, MIN_SCALE);
        let at_max = Viewport {
            x: 3.0,
            y: 4.0,
            scale: MAX_SCALE,
        };
        assert_eq!(
            reduce(
                at_max,
                Action::Zoom {
                    factor: 1.25,
                    at: (480.0, 320.0)
                }
            ),
            at_max
        );
    }

    #[test]
    fn zooming_in_then_out_returns_home() {
        let v = reduce(
            Viewport::HOME,
            Action::Zoom {
                factor: 1.25,
                at: (480.0, 320.0),
            },
        );
        let v = reduce(
            v,
            Action::Zoom {
                factor: 0.8,
                at: (480.0, 320.0),
            },
        );
        assert!((v.x.abs() + v.y.abs() + (v.scale - 1.0).abs()) < 1e-9, "{v:?}");
    }

    #[test]
    fn a_drag_moves_from_where_it_started_keeping_the_zoom() {
        let start = Viewport {
            x: 10.0,
            y: 20.0,
            scale: 2.0,
        };
        let moved = reduce(
            Viewport::HOME,
            Action::Drag {
                from: start,
                dx: 5.0,
                dy: -30.0,
            },
        );
        assert_eq!(
            moved,
            Viewport {
                x: 15.0,
                y: -10.0,
                scale: 2.0
            }
        );
    }

    #[test]
    fn reset_goes_home_and_the_transform_reads_the_view() {
        let v = Viewport {
            x: 1.25,
            y: -7.0,
            scale: 1.5,
        };
        assert_eq!(v.transform(), "translate(1.2 -7.0) scale(1.500)");
        assert_eq!(reduce(v, Action::Reset), Viewport::HOME);
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let home = Rc::new(Viewport::HOME);
        assert!(Rc::ptr_eq(&home.clone().reduce(Action::Reset), &home));
    }
}
