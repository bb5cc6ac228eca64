//! Graph layout for the co-occurrence view: where each entity's node goes, and which
//! labels fit.
//!
//! [`layout`] is Fruchterman–Reingold: every pair of nodes repels (`k² / d`), every
//! edge pulls its ends together (`d² / k`, scaled by its weight), a weak pull towards the
//! centre keeps loose nodes from drifting off, and each step moves a node at most the
//! current temperature, which cools linearly to zero. The repulsion is computed for
//! every pair: the graph view shows the top N nodes (150 by default, "show more"
//! beyond), where the exact O(n²) loop takes a few milliseconds (docs/BENCHMARKS.md) and
//! a Barnes–Hut tree would only add approximation. The result is scaled (same factor on
//! both axes) and centred into the drawing box.
//!
//! Layouts are deterministic: the starting positions come from a seeded xorshift
//! generator written here (a `rand` generator's values may change between crate
//! versions, and a graph that rearranges itself after an upgrade looks like a bug).
//!
//! [`place_labels`] then shows the labels of the biggest nodes first, each at the first
//! of eight places around its node (below, above, right, left, the corners) that stays in the box and
//! touches no shown label and no node. The few biggest ([`LabelConfig::always`]) are the
//! centre of the story and sit where the drawing is most crowded, so for them a place
//! that covers a smaller node is better than none: they take the free place if there is
//! one, else the nearby place (eight directions, up to three label heights out) that
//! covers the fewest nodes, still never over another label (the page draws labels with a
//! halo, so the node behind stays visible around the text).
//!
//! ```
//! use dossier_explore::layout::{layout, LayoutConfig};
//!
//! let config = LayoutConfig::new(400.0, 300.0);
//! let points = layout(&[3.0, 1.0, 1.0], &[(0, 1, 2.0), (0, 2, 1.0)], &config);
//! assert_eq!(points.len(), 3);
//! assert!(points.iter().all(|p| p.x >= 20.0 && p.x <= 380.0 && p.y >= 20.0 && p.y <= 280.0));
//! ```

/// A position in the drawing, in pixels from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned rectangle: top-left corner, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    /// Do the two rectangles share any area (touching edges do not count)?
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }

    fn contains(&self, inner: &Rect) -> bool {
        inner.x >= self.x
            && inner.y >= self.y
            && inner.x + inner.w <= self.x + self.w
            && inner.y + inner.h <= self.y + self.h
    }

    /// Does the circle at `c` with radius `r` reach into the rectangle?
    fn meets_circle(&self, c: Point, r: f32) -> bool {
        let dx = c.x - c.x.clamp(self.x, self.x + self.w);
        let dy = c.y - c.y.clamp(self.y, self.y + self.h);
        dx * dx + dy * dy < r * r
    }
}

/// The drawing box and how long to simulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutConfig {
    pub width: f32,
    pub height: f32,
    /// Space kept free on every side (for node radii and labels).
    pub margin: f32,
    pub iterations: u32,
    /// Seed of the starting positions: the same seed and graph give the same layout.
    pub seed: u64,
}

impl LayoutConfig {
    /// A `width` x `height` box with 20 px margins, 300 iterations, seed 1.
    pub fn new(width: f32, height: f32) -> LayoutConfig {
        LayoutConfig {
            width,
            height,
            margin: 20.0,
            iterations: 300,
            seed: 1,
        }
    }
}

/// Pull towards the centre, relative to an edge's pull: enough to keep unconnected
/// nodes and small components in view, too weak to squash clusters.
const GRAVITY: f32 = 0.05;

/// Positions for `nodes` (their weights: a heavier node pushes others further away, as
/// it is drawn bigger) joined by `edges` (`(a, b, weight)`, node indices). Edges with an
/// unknown end, loops and weights that are not finite and positive are ignored; every
/// point lies inside the box less its margins (at its centre when the box is smaller
/// than the margins).
pub fn layout(nodes: &[f32], edges: &[(u32, u32, f32)], config: &LayoutConfig) -> Vec<Point> {
    let n = nodes.len();
    let frame = inner_box(config);
    if n == 0 {
        return Vec::new();
    }
    let edges = clean_edges(n, edges);
    let max_node = nodes
        .iter()
        .copied()
        .filter(|w| w.is_finite() && *w > 0.0)
        .fold(0.0f32, f32::max);
    // Repulsion scale per node: 0.5 for the lightest, 1.5 for the heaviest.
    let push: Vec<f32> = nodes
        .iter()
        .map(|&w| {
            if max_node > 0.0 && w.is_finite() && w > 0.0 {
                0.5 + w / max_node
            } else {
                0.5
            }
        })
        .collect();

    // Simulate in a unit-area square; the result is fitted to the box afterwards.
    let k = (1.0 / n as f32).sqrt();
    let mut rng = XorShift::new(config.seed);
    let mut pos: Vec<Point> = (0..n)
        .map(|_| Point {
            x: rng.unit() - 0.5,
            y: rng.unit() - 0.5,
        })
        .collect();
    let mut disp = vec![Point { x: 0.0, y: 0.0 }; n];
    let iterations = config.iterations.max(1);
    let start_temperature = 0.1;
    for step in 0..iterations {
        let temperature = start_temperature * (1.0 - step as f32 / iterations as f32);
        disp.fill(Point { x: 0.0, y: 0.0 });
        for i in 0..n {
            let (pi, si) = (pos[i], push[i]);
            let mut acc = disp[i];
            for j in i + 1..n {
                let dx = pi.x - pos[j].x;
                let dy = pi.y - pos[j].y;
                let d2 = (dx * dx + dy * dy).max(1e-6);
                // k²/d along the unit vector (dx, dy)/d: k² (dx, dy) / d².
                let f = k * k * si * push[j] / d2;
                acc.x += dx * f;
                acc.y += dy * f;
                disp[j].x -= dx * f;
                disp[j].y -= dy * f;
            }
            disp[i] = acc;
        }
        for &(a, b, w) in &edges {
            let (a, b) = (a as usize, b as usize);
            let dx = pos[a].x - pos[b].x;
            let dy = pos[a].y - pos[b].y;
            // d²/k along the unit vector: d (dx, dy) / k.
            let f = (dx * dx + dy * dy).sqrt() * w / k;
            disp[a].x -= dx * f;
            disp[a].y -= dy * f;
            disp[b].x += dx * f;
            disp[b].y += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&mut disp) {
            let r = (p.x * p.x + p.y * p.y).sqrt();
            d.x -= p.x * r * GRAVITY / k;
            d.y -= p.y * r * GRAVITY / k;
            let len = (d.x * d.x + d.y * d.y).sqrt();
            if len > 0.0 && len.is_finite() {
                let step = len.min(temperature) / len;
                p.x += d.x * step;
                p.y += d.y * step;
            }
        }
    }
    fit(&pos, frame)
}

/// The box less its margins, or its centre point when the margins leave nothing.
fn inner_box(config: &LayoutConfig) -> Rect {
    let finite = |v: f32| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let (w, h, m) = (finite(config.width), finite(config.height), finite(config.margin));
    let (x0, x1) = if 2.0 * m <= w {
        (m, w - m)
    } else {
        (w / 2.0, w / 2.0)
    };
    let (y0, y1) = if 2.0 * m <= h {
        (m, h - m)
    } else {
        (h / 2.0, h / 2.0)
    };
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

/// Edges between two different known nodes with a finite positive weight, weights
/// scaled so the heaviest is 1.
fn clean_edges(n: usize, edges: &[(u32, u32, f32)]) -> Vec<(u32, u32, f32)> {
    let kept: Vec<(u32, u32, f32)> = edges
        .iter()
        .copied()
        .filter(|&(a, b, w)| a != b && (a as usize) < n && (b as usize) < n && w.is_finite() && w > 0.0)
        .collect();
    let max = kept.iter().map(|e| e.2).fold(0.0f32, f32::max);
    kept.into_iter().map(|(a, b, w)| (a, b, w / max)).collect()
}

/// Scales `pos` by one factor on both axes and centres it in `frame`.
fn fit(pos: &[Point], frame: Rect) -> Vec<Point> {
    let finite = pos.iter().filter(|p| p.x.is_finite() && p.y.is_finite());
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for p in finite {
        x0 = x0.min(p.x);
        x1 = x1.max(p.x);
        y0 = y0.min(p.y);
        y1 = y1.max(p.y);
    }
    let (bw, bh) = ((x1 - x0).max(0.0), (y1 - y0).max(0.0));
    let scale_x = if bw > 0.0 { frame.w / bw } else { f32::MAX };
    let scale_y = if bh > 0.0 { frame.h / bh } else { f32::MAX };
    let scale = scale_x.min(scale_y);
    let scale = if scale == f32::MAX { 0.0 } else { scale };
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (fx, fy) = (frame.x + frame.w / 2.0, frame.y + frame.h / 2.0);
    pos.iter()
        .map(|p| {
            if p.x.is_finite() && p.y.is_finite() {
                Point {
                    x: (fx + (p.x - cx) * scale).clamp(frame.x, frame.x + frame.w),
                    y: (fy + (p.y - cy) * scale).clamp(frame.y, frame.y + frame.h),
                }
            } else {
                Point { x: fx, y: fy }
            }
        })
        .collect()
}

/// A small xorshift64* generator: enough spread for starting positions, and the same
/// numbers on every platform and version.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        // Zero is xorshift's one fixed point; any other seed works.
        XorShift(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let r = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (r >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// How labels are drawn and how many at most.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelConfig {
    /// Height of a label's box, in pixels.
    pub height: f32,
    /// Space between a node's edge and its label.
    pub gap: f32,
    pub max_labels: usize,
    /// The biggest nodes labelled even where no place is free (see the module doc).
    pub always: usize,
    /// Labels must lie inside this (the drawing).
    pub bounds: Rect,
}

/// Where to draw the labels of nodes at `points` with `radii` and label `widths`: the
/// biggest nodes (by radius, ties to the lower index) are served first; each gets the
/// first of below, above, right, left and the corners that stays in the bounds and overlaps no label
/// already shown and no node, or `None` (its label is hidden). The first
/// `config.always` of them get a place all the same (the nearby one covering the fewest
/// nodes, overlapping no label) whenever their label fits the bounds at all. At most
/// `config.max_labels` are shown. Nodes beyond the shortest of the three slices get
/// `None`.
pub fn place_labels(
    points: &[Point],
    radii: &[f32],
    widths: &[f32],
    config: &LabelConfig,
) -> Vec<Option<Rect>> {
    let n = points.len();
    let usable = n.min(radii.len()).min(widths.len());
    let radius = |i: usize| {
        let r = radii[i];
        if r.is_finite() && r > 0.0 {
            r
        } else {
            0.0
        }
    };
    let mut order: Vec<usize> = (0..usable).collect();
    order.sort_by(|&a, &b| radius(b).total_cmp(&radius(a)).then(a.cmp(&b)));
    let mut placed: Vec<Option<Rect>> = vec![None; n];
    let mut shown: Vec<Rect> = Vec::new();
    let h = config.height;
    for (rank, i) in order.into_iter().enumerate() {
        if shown.len() >= config.max_labels {
            break;
        }
        let (p, r, w) = (points[i], radius(i), widths[i]);
        if !(w.is_finite() && w > 0.0 && h.is_finite() && h > 0.0) {
            continue;
        }
        let g = r + config.gap.max(0.0);
        let in_bounds_and_apart =
            |rect: &Rect| config.bounds.contains(rect) && !shown.iter().any(|s| s.overlaps(rect));
        let nodes_met = |rect: &Rect| {
            (0..usable)
                .filter(|&j| rect.meets_circle(points[j], radius(j)))
                .count()
        };
        let found = around(p, g, w, h, 0.0)
            .into_iter()
            .find(|rect| in_bounds_and_apart(rect) && nodes_met(rect) == 0)
            .or_else(|| {
                if rank >= config.always {
                    return None;
                }
                // Nearest ring first; within a ring, the place covering the fewest nodes.
                (0..3)
                    .flat_map(|ring| around(p, g, w, h, ring as f32 * h))
                    .enumerate()
                    .filter(|(_, rect)| in_bounds_and_apart(rect))
                    .min_by_key(|(k, rect)| (nodes_met(rect), *k))
                    .map(|(_, rect)| rect)
            });
        if let Some(rect) = found {
            shown.push(rect);
            placed[i] = Some(rect);
        }
    }
    placed
}

/// Places for a `w` x `h` label around a node at `p`, `g` from its centre plus `out`:
/// below, above, right, left, then the four corners.
fn around(p: Point, g: f32, w: f32, h: f32, out: f32) -> [Rect; 8] {
    let g = g + out;
    let (below, above) = (p.y + g, p.y - g - h);
    let (right, left) = (p.x + g, p.x - g - w);
    let (centre_x, middle_y) = (p.x - w / 2.0, p.y - h / 2.0);
    // Corners sit diagonally off the node: the label's near corner at 45 degrees.
    let d = g * std::f32::consts::FRAC_1_SQRT_2;
    [
        (centre_x, below),
        (centre_x, above),
        (right, middle_y),
        (left, middle_y),
        (p.x + d, p.y + d),
        (p.x + d, p.y - d - h),
        (p.x - d - w, p.y + d),
        (p.x - d - w, p.y - d - h),
    ]
    .map(|(x, y)| Rect { x, y, w, h })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A random graph: `n` nodes with weights, `m` edges, from a fixed seed.
    fn graph(n: u32, m: usize, seed: u64) -> (Vec<f32>, Vec<(u32, u32, f32)>) {
        let mut rng = XorShift::new(seed);
        let nodes = (0..n).map(|_| 1.0 + 99.0 * rng.unit()).collect();
        let edges = (0..m)
            .map(|_| {
                let a = (rng.unit() * n as f32) as u32;
                let b = (rng.unit() * n as f32) as u32;
                (a, b, 1.0 + 9.0 * rng.unit())
            })
            .collect();
        (nodes, edges)
    }

    #[test]
    fn same_input_same_layout() {
        let (nodes, edges) = graph(80, 300, 7);
        let config = LayoutConfig::new(800.0, 600.0);
        let a = layout(&nodes, &edges, &config);
        assert_eq!(a, layout(&nodes, &edges, &config));
        let other = LayoutConfig { seed: 2, ..config };
        assert_ne!(a, layout(&nodes, &edges, &other));
    }

    #[test]
    fn points_stay_inside_the_box() {
        for (n, m) in [(1, 0), (2, 1), (30, 0), (150, 1500)] {
            let (nodes, edges) = graph(n, m, 3);
            let config = LayoutConfig::new(640.0, 480.0);
            let points = layout(&nodes, &edges, &config);
            assert_eq!(points.len(), n as usize);
            for p in points {
                assert!(
                    (20.0..=620.0).contains(&p.x) && (20.0..=460.0).contains(&p.y),
                    "{n}: {p:?}"
                );
            }
        }
        let one = layout(&[1.0], &[], &LayoutConfig::new(100.0, 50.0));
        assert_eq!(one, [Point { x: 50.0, y: 25.0 }]);
        assert!(layout(&[], &[(0, 1, 1.0)], &LayoutConfig::new(100.0, 50.0)).is_empty());
    }

    #[test]
    fn bad_input_gives_finite_points() {
        let nodes = [f32::NAN, -1.0, f32::INFINITY, 2.0];
        let edges = [
            (0, 9, 1.0),
            (1, 1, 1.0),
            (2, 3, f32::NAN),
            (0, 3, -2.0),
            (1, 2, 1.0),
        ];
        for config in [
            LayoutConfig::new(300.0, 200.0),
            LayoutConfig::new(10.0, f32::NAN),
            LayoutConfig {
                iterations: 0,
                ..LayoutConfig::new(-5.0, 0.0)
            },
        ] {
            let points = layout(&nodes, &edges, &config);
            assert_eq!(points.len(), 4);
            assert!(
                points.iter().all(|p| p.x.is_finite() && p.y.is_finite()),
                "{config:?}"
            );
        }
    }

    #[test]
    fn connected_nodes_end_closer_than_unconnected() {
        let (nodes, edges) = graph(100, 250, 11);
        let points = layout(&nodes, &edges, &LayoutConfig::new(800.0, 800.0));
        let dist = |a: u32, b: u32| {
            let (p, q) = (points[a as usize], points[b as usize]);
            ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt()
        };
        let linked: std::collections::HashSet<(u32, u32)> =
            edges.iter().flat_map(|&(a, b, _)| [(a, b), (b, a)]).collect();
        let (mut near, mut far) = (Vec::new(), Vec::new());
        for a in 0..100 {
            for b in a + 1..100 {
                if linked.contains(&(a, b)) {
                    near.push(dist(a, b));
                } else {
                    far.push(dist(a, b));
                }
            }
        }
        let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
        assert!(
            mean(&near) < 0.75 * mean(&far),
            "{} vs {}",
            mean(&near),
            mean(&far)
        );
    }

    #[test]
    fn shown_labels_overlap_nothing() {
        let (nodes, edges) = graph(120, 600, 5);
        let config = LayoutConfig::new(900.0, 600.0);
        let points = layout(&nodes, &edges, &config);
        let radii: Vec<f32> = nodes.iter().map(|w| 3.0 + w.sqrt()).collect();
        let widths: Vec<f32> = (0..120).map(|i| 30.0 + (i * 37 % 90) as f32).collect();
        let labels = LabelConfig {
            height: 14.0,
            gap: 2.0,
            max_labels: 40,
            always: 0,
            bounds: Rect {
                x: 0.0,
                y: 0.0,
                w: 900.0,
                h: 600.0,
            },
        };
        let placed = place_labels(&points, &radii, &widths, &labels);
        let shown: Vec<(usize, Rect)> = placed
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.map(|r| (i, r)))
            .collect();
        assert!(shown.len() >= 10 && shown.len() <= 40, "{} shown", shown.len());
        for (k, (i, a)) in shown.iter().enumerate() {
            assert!(labels.bounds.contains(a));
            assert_eq!((a.w, a.h), (widths[*i], 14.0));
            for (_, b) in &shown[k + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
            for j in 0..120 {
                assert!(!a.meets_circle(points[j], radii[j]), "label {i} on node {j}");
            }
        }
        // The biggest node is served first, and here one of its four places is free.
        let biggest = (0..120)
            .max_by(|&a, &b| radii[a].total_cmp(&radii[b]).then(b.cmp(&a)))
            .unwrap();
        assert!(placed[biggest].is_some());
        let none = LabelConfig {
            max_labels: 0,
            ..labels
        };
        assert!(place_labels(&points, &radii, &widths, &none)
            .iter()
            .all(Option::is_none));
        assert_eq!(place_labels(&points, &radii[..3], &widths, &labels).len(), 120);
    }

    /// A big node ringed by small ones so close that every place around it covers one.
    fn crowded() -> (Vec<Point>, Vec<f32>, Vec<f32>) {
        let centre = Point { x: 200.0, y: 150.0 };
        let mut points = vec![centre];
        let mut radii = vec![20.0];
        for k in 0..16 {
            let a = k as f32 * std::f32::consts::TAU / 16.0;
            points.push(Point {
                x: centre.x + 34.0 * a.cos(),
                y: centre.y + 34.0 * a.sin(),
            });
            radii.push(6.0);
        }
        let widths = vec![60.0; points.len()];
        (points, radii, widths)
    }

    fn crowded_config(always: usize) -> LabelConfig {
        LabelConfig {
            height: 14.0,
            gap: 2.0,
            max_labels: 40,
            always,
            bounds: Rect {
                x: 0.0,
                y: 0.0,
                w: 400.0,
                h: 300.0,
            },
        }
    }

    #[test]
    fn the_biggest_names_are_labelled_even_in_a_crowd() {
        let (points, radii, widths) = crowded();
        let hidden = place_labels(&points, &radii, &widths, &crowded_config(0));
        assert_eq!(hidden[0], None, "no free place next to the big node");
        let placed = place_labels(&points, &radii, &widths, &crowded_config(1));
        let label = placed[0].expect("the biggest node is labelled");
        // Over as few small nodes as any nearby place, and over no other label.
        assert!(!label.meets_circle(points[0], radii[0]), "{label:?}");
        for other in placed.iter().skip(1).flatten() {
            assert!(!label.overlaps(other), "{other:?}");
        }
    }
}
