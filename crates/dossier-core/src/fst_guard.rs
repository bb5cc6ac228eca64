//! Opens an `fst` map only after proving that reading it cannot panic.
//!
//! `fst` trusts its bytes: a node whose sizes or addresses point outside the automaton
//! makes it index out of bounds, subtract past zero or (on wasm32) fail to fit an address
//! in a `usize`, all panics. Its own checksum catches accidental damage, but not bytes that
//! were made to pass it (the store fuzzer solved both the envelope's CRC-32 and `fst`'s
//! CRC-32C). The crate offers no structural check, so this module is one: it decodes every
//! node reachable from the root exactly as `fst` 0.4 (format version 3) will, with checked
//! arithmetic, before `fst` ever sees the bytes.
//!
//! Beyond "every read is in bounds", it proves what the callers rely on:
//! - every transition points to a node strictly before the one it leaves (so no walk can
//!   cycle) that lies inside the node area;
//! - a node's inputs are strictly ascending (keys are distinct and streamed in order);
//! - every node leads to at least one key, and no path's summed output overflows a `u64`
//!   (`fst` adds outputs unchecked while it walks);
//! - the key count in the footer is the number of keys the automaton holds.
//!
//! The walk decodes each reachable node once: linear in the dictionary's size, measured in
//! docs/BENCHMARKS.md ("What the checks cost at start-up").

use std::fmt;

/// The only `fst` format this module knows, the one `fst` 0.4 writes.
const VERSION: u64 = 3;
/// Version and type, before the first node.
const HEADER: usize = 16;
/// Key count, root address and checksum, after the last node.
const FOOTER: usize = 20;
/// The address `fst` gives the final node with no transitions and no output.
const EMPTY_ADDRESS: usize = 0;
/// Nodes with more transitions than this carry a 256-byte input index.
const INDEXED_ABOVE: usize = 32;

/// What a checked dictionary holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The number of keys.
    pub keys: usize,
    /// The largest value of any key (0 when there are none).
    pub max_value: u64,
}

/// Why bytes are not a dictionary `fst` can read safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FstDamage {
    /// Shorter than an empty automaton.
    TooShort(usize),
    /// A format version this module does not check.
    Version(u64),
    /// The footer's root address is not where the last node ends.
    Root(u64),
    /// A node reachable from the root does not decode inside the automaton.
    Node { addr: usize, why: &'static str },
    /// Some path's outputs add up past `u64::MAX`.
    OutputOverflow,
    /// The footer's key count differs from the keys the automaton holds.
    KeyCount { stored: u64, found: u64 },
    /// `fst` itself refused the bytes (format or checksum).
    Refused(String),
}

impl fmt::Display for FstDamage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FstDamage::TooShort(len) => write!(f, "{len} bytes is too short for an automaton"),
            FstDamage::Version(v) => write!(f, "automaton format version {v}, expected {VERSION}"),
            FstDamage::Root(addr) => write!(f, "root address {addr} is not the last node"),
            FstDamage::Node { addr, why } => write!(f, "node at byte {addr}: {why}"),
            FstDamage::OutputOverflow => write!(f, "a key's value overflows"),
            FstDamage::KeyCount { stored, found } => {
                write!(f, "footer counts {stored} keys, the automaton holds {found}")
            }
            FstDamage::Refused(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for FstDamage {}

/// Checks `bytes` structurally, then hands them to `fst` and verifies its checksum.
pub fn open_map(bytes: Vec<u8>) -> Result<(fst::Map<Vec<u8>>, Shape), FstDamage> {
    let shape = check(&bytes)?;
    let map = fst::Map::new(bytes).map_err(|e| FstDamage::Refused(e.to_string()))?;
    map.as_fst()
        .verify()
        .map_err(|e| FstDamage::Refused(e.to_string()))?;
    Ok((map, shape))
}

/// Proves that `fst` can open and walk `bytes` without a panic, and what they hold.
pub fn check(bytes: &[u8]) -> Result<Shape, FstDamage> {
    if bytes.len() < HEADER + FOOTER {
        return Err(FstDamage::TooShort(bytes.len()));
    }
    let version = read_u64(bytes, 0);
    if version != VERSION {
        return Err(FstDamage::Version(version));
    }
    let footer = bytes.len() - FOOTER;
    let stored_keys = read_u64(bytes, footer);
    let root = read_u64(bytes, footer + 8);
    // The root is the last node written: its last byte sits just before the footer. Only
    // the automaton that holds just the empty key has no nodes and the empty root.
    let root = match usize::try_from(root) {
        Ok(EMPTY_ADDRESS) if footer == HEADER => EMPTY_ADDRESS,
        Ok(addr) if addr != EMPTY_ADDRESS && addr == footer - 1 => addr,
        _ => return Err(FstDamage::Root(root)),
    };
    let nodes = Nodes { bytes, footer };
    let order = reachable(&nodes, root)?;
    // Every transition points below its node, so ascending address order visits each
    // node's targets before the node itself.
    let mut totals: Vec<Totals> = Vec::with_capacity(order.len());
    let mut transitions = Vec::new();
    for &addr in &order {
        let node = nodes.decode(addr, &mut transitions)?;
        let mut total = Totals {
            keys: u64::from(node.final_output.is_some()),
            max_value: node.final_output,
        };
        for t in &transitions {
            let at = order.binary_search(&t.target).map_err(|_| FstDamage::Node {
                addr,
                why: "a transition leads to no node",
            })?;
            let target = totals[at];
            total.keys = total.keys.saturating_add(target.keys);
            let value = target
                .max_value
                .and_then(|v| v.checked_add(t.output))
                .ok_or(FstDamage::OutputOverflow)?;
            total.max_value = Some(total.max_value.map_or(value, |m| m.max(value)));
        }
        if total.keys == 0 && addr != root {
            return Err(FstDamage::Node {
                addr,
                why: "no key ends at or after it",
            });
        }
        totals.push(total);
    }
    // Every reachable node lies below the root, so the root's totals come last.
    let root_totals = totals.last().copied().unwrap_or(Totals {
        keys: 0,
        max_value: None,
    });
    let found = root_totals.keys;
    if found != stored_keys {
        return Err(FstDamage::KeyCount {
            stored: stored_keys,
            found,
        });
    }
    let max_value = root_totals.max_value.unwrap_or(0);
    let keys = usize::try_from(found).map_err(|_| FstDamage::KeyCount {
        stored: stored_keys,
        found,
    })?;
    Ok(Shape { keys, max_value })
}

/// Keys at and after a node, and the largest value among them (`None`: no key).
#[derive(Debug, Clone, Copy)]
struct Totals {
    keys: u64,
    max_value: Option<u64>,
}

/// Every node reachable from `root`, in ascending address order (each decoded once here
/// to find its targets, and once more by the caller).
fn reachable(nodes: &Nodes<'_>, root: usize) -> Result<Vec<usize>, FstDamage> {
    let mut seen = vec![false; nodes.footer];
    let mut order = Vec::new();
    let mut stack = vec![root];
    let mut transitions = Vec::new();
    seen[root] = true;
    while let Some(addr) = stack.pop() {
        order.push(addr);
        nodes.decode(addr, &mut transitions)?;
        for t in &transitions {
            if !seen[t.target] {
                seen[t.target] = true;
                stack.push(t.target);
            }
        }
    }
    order.sort_unstable();
    Ok(order)
}

/// One decoded transition.
#[derive(Debug, Clone, Copy)]
struct Transition {
    output: u64,
    target: usize,
}

/// What the caller needs of one decoded node besides its transitions.
struct Node {
    /// `Some(output)` when a key ends here.
    final_output: Option<u64>,
}

/// The node area of an automaton: `bytes[HEADER..footer]`.
struct Nodes<'a> {
    bytes: &'a [u8],
    footer: usize,
}

impl Nodes<'_> {
    /// Decodes the node whose last byte is `addr` the way `fst` does, into `transitions`
    /// (cleared first). Every byte it reads lies in the node area, and so does every target.
    fn decode(&self, addr: usize, transitions: &mut Vec<Transition>) -> Result<Node, FstDamage> {
        transitions.clear();
        if addr == EMPTY_ADDRESS {
            return Ok(Node {
                final_output: Some(0),
            });
        }
        let bad = |why| FstDamage::Node { addr, why };
        if addr < HEADER || addr >= self.footer {
            return Err(bad("outside the node area"));
        }
        // `below(n)`: the position `n` bytes before `addr`, if still in the node area.
        let below = |n: usize| {
            addr.checked_sub(n)
                .filter(|&at| at >= HEADER)
                .ok_or(bad("runs past the start of the automaton"))
        };
        let state = self.bytes[addr];
        match state >> 6 {
            // One transition to the node written just before, no output.
            0b11 => {
                let end = below(input_len(state))?;
                let target = end
                    .checked_sub(1)
                    .filter(|&t| t >= HEADER)
                    .ok_or(bad("no node before it"))?;
                transitions.push(Transition { output: 0, target });
                Ok(Node { final_output: None })
            }
            // One transition with its own address and output.
            0b10 => {
                let sizes_at = below(input_len(state) + 1)?;
                let (tsize, osize) = pack_sizes(self.bytes[sizes_at]).ok_or(bad("pack size over 8"))?;
                if tsize == 0 {
                    return Err(bad("a transition without an address"));
                }
                let end = below(input_len(state) + 1 + tsize + osize)?;
                let output = read_uint(self.bytes, end, osize);
                let delta = read_uint(self.bytes, sizes_at - tsize, tsize);
                let target = target_of(end, delta).ok_or(bad("a transition leaves the automaton"))?;
                transitions.push(Transition { output, target });
                Ok(Node { final_output: None })
            }
            // Any number of transitions, maybe final.
            _ => self.decode_any(addr, state, transitions),
        }
    }

    fn decode_any(
        &self,
        addr: usize,
        state: u8,
        transitions: &mut Vec<Transition>,
    ) -> Result<Node, FstDamage> {
        let bad = |why| FstDamage::Node { addr, why };
        let below = |n: usize| {
            addr.checked_sub(n)
                .filter(|&at| at >= HEADER)
                .ok_or(bad("runs past the start of the automaton"))
        };
        let is_final = state & 0b0100_0000 != 0;
        let (ntrans, ntrans_len) = match usize::from(state & 0b0011_1111) {
            // The count did not fit the state byte: it is the byte before, where 1 (never
            // needed, one transition always fits) stands for 256.
            0 => match self.bytes[below(1)?] {
                1 => (256, 1),
                n => (usize::from(n), 1),
            },
            n => (n, 0),
        };
        let sizes_at = below(ntrans_len + 1)?;
        let (tsize, osize) = pack_sizes(self.bytes[sizes_at]).ok_or(bad("pack size over 8"))?;
        if ntrans > 0 && tsize == 0 {
            return Err(bad("a transition without an address"));
        }
        let index = if ntrans > INDEXED_ABOVE { 256 } else { 0 };
        // Below the pack sizes: the input index, the inputs (last first), the addresses,
        // the outputs, the final output.
        let inputs_at = below(ntrans_len + 1 + index + ntrans)?;
        let addrs_at = below(ntrans_len + 1 + index + ntrans + ntrans * tsize)?;
        let outputs_at = below(ntrans_len + 1 + index + ntrans + ntrans * (tsize + osize))?;
        let final_osize = if is_final { osize } else { 0 };
        let end = below(ntrans_len + 1 + index + ntrans + ntrans * (tsize + osize) + final_osize)?;
        // Input `i` is at `inputs_at + ntrans - 1 - i`; ascending inputs make distinct keys
        // in order, and the index must send each input to its own transition.
        let input = |i: usize| self.bytes[inputs_at + ntrans - 1 - i];
        if (1..ntrans).any(|i| input(i - 1) >= input(i)) {
            return Err(bad("inputs out of order"));
        }
        if index > 0 {
            let table = &self.bytes[sizes_at - index..sizes_at];
            if (0..ntrans).any(|i| usize::from(table[usize::from(input(i))]) != i) {
                return Err(bad("the input index disagrees with the inputs"));
            }
        }
        for i in 0..ntrans {
            // Address `i` is the `i`-th from the top of its block, likewise outputs.
            let delta = read_uint(self.bytes, addrs_at + (ntrans - 1 - i) * tsize, tsize);
            let output = read_uint(self.bytes, outputs_at + (ntrans - 1 - i) * osize, osize);
            let target = target_of(end, delta).ok_or(bad("a transition leaves the automaton"))?;
            transitions.push(Transition { output, target });
        }
        let final_output = is_final.then(|| read_uint(self.bytes, end, final_osize));
        Ok(Node { final_output })
    }
}

/// 1 when the input byte is stored before the state byte, 0 when the state byte encodes
/// one of `fst`'s common inputs.
fn input_len(state: u8) -> usize {
    usize::from(state & 0b0011_1111 == 0)
}

/// Transition address and output sizes, each at most 8 bytes.
fn pack_sizes(byte: u8) -> Option<(usize, usize)> {
    let (tsize, osize) = (usize::from(byte >> 4), usize::from(byte & 0x0f));
    (tsize <= 8 && osize <= 8).then_some((tsize, osize))
}

/// Where a transition leads: `end - delta` (0 is the empty final node), which must be a
/// node in the area before this one.
fn target_of(end: usize, delta: u64) -> Option<usize> {
    if delta == 0 {
        return Some(EMPTY_ADDRESS);
    }
    let target = end.checked_sub(usize::try_from(delta).ok()?)?;
    (target >= HEADER).then_some(target)
}

/// A little-endian unsigned integer of `size` bytes (0 bytes: 0).
fn read_uint(bytes: &[u8], at: usize, size: usize) -> u64 {
    bytes[at..at + size]
        .iter()
        .rev()
        .fold(0, |n, &b| (n << 8) | u64::from(b))
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    read_uint(bytes, at, 8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};
    use proptest::prelude::*;

    fn build(pairs: &[(Vec<u8>, u64)]) -> Vec<u8> {
        let mut sorted = pairs.to_vec();
        sorted.sort();
        sorted.dedup_by(|a, b| a.0 == b.0);
        let mut builder = MapBuilder::memory();
        for (k, v) in &sorted {
            builder.insert(k, *v).expect("sorted, distinct keys");
        }
        builder.into_inner().expect("in memory")
    }

    /// What `fst` itself reads from bytes `check` accepted: every key and value by
    /// streaming, and each key again by lookup. Panics if `fst` does.
    fn walk(bytes: &[u8]) -> Vec<(Vec<u8>, u64)> {
        let map = Map::new(bytes.to_vec()).expect("fst opens what the check passed");
        let mut stream = map.stream();
        let mut all = Vec::new();
        while let Some((k, v)) = stream.next() {
            all.push((k.to_vec(), v));
        }
        for (k, v) in &all {
            assert_eq!(map.get(k), Some(*v));
        }
        let prefix = fst::automaton::Str::new("a").starts_with();
        let mut prefixed = map.search(prefix).into_stream();
        while prefixed.next().is_some() {}
        all
    }

    fn assert_shape(pairs: &[(Vec<u8>, u64)]) {
        let bytes = build(pairs);
        let shape = check(&bytes).expect("a built map passes");
        let all = walk(&bytes);
        assert_eq!(shape.keys, all.len());
        assert_eq!(shape.max_value, all.iter().map(|p| p.1).max().unwrap_or(0));
    }

    #[test]
    fn built_maps_of_every_node_kind_pass_with_their_shape() {
        let key = |s: &str| s.as_bytes().to_vec();
        assert_shape(&[]);
        assert_shape(&[(vec![], 0)]);
        assert_shape(&[(vec![], 7)]);
        assert_shape(&[(key("a"), 0)]);
        assert_shape(&[(key("a"), 1), (key("ab"), u64::MAX)]);
        assert_shape(&[
            (key("putin"), 3),
            (key("putting"), 9),
            (key("xi"), 2),
            (key("jinping"), 0),
        ]);
        // Over 32 transitions from one node (an input index), and all 256 bytes.
        assert_shape(
            &(0..40u8)
                .map(|b| (vec![b'k', b], u64::from(b)))
                .collect::<Vec<_>>(),
        );
        assert_shape(&(0..=255u8).map(|b| (vec![b], 1 << 40)).collect::<Vec<_>>());
        // Far transitions: wide addresses.
        let many: Vec<_> = (0..5000u64)
            .map(|i| (format!("{:x}", i * 7919).into_bytes(), i))
            .collect();
        assert_shape(&many);
    }

    #[test]
    fn damaged_headers_and_footers_are_named() {
        let bytes = build(&[(b"samarkand".to_vec(), 4)]);
        assert_eq!(check(&bytes[..20]), Err(FstDamage::TooShort(20)));
        let mut v2 = bytes.clone();
        v2[0] = 2;
        assert_eq!(check(&v2), Err(FstDamage::Version(2)));
        let root_at = bytes.len() - 12;
        let mut root = bytes.clone();
        root[root_at..root_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(check(&root), Err(FstDamage::Root(u64::MAX)));
        let count_at = bytes.len() - 20;
        let mut count = bytes.clone();
        count[count_at] = 2;
        assert_eq!(check(&count), Err(FstDamage::KeyCount { stored: 2, found: 1 }));
    }

    #[test]
    fn a_transition_pointing_forward_is_refused() {
        // One key: the root is a one-transition node whose address delta, if zeroed
        // or made too large, must not be followed.
        let bytes = build(&[(b"ab".to_vec(), 300)]);
        for at in 16..bytes.len() - 20 {
            for value in [0u8, 0x7f, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] = value;
                if check(&damaged).is_ok() {
                    walk(&damaged);
                }
            }
        }
    }

    proptest! {
        /// Any map `fst` builds passes, with its true key count and largest value.
        #[test]
        fn every_built_map_passes(pairs in proptest::collection::vec(
            (proptest::collection::vec(any::<u8>(), 0..6), any::<u64>()), 0..60)) {
            assert_shape(&pairs);
        }

        /// Damage anywhere is refused or harmless: whatever passes, `fst` walks without a
        /// panic, and holds what the check says.
        #[test]
        fn damaged_maps_never_panic_fst(
            pairs in proptest::collection::vec(
                (proptest::collection::vec(any::<u8>(), 0..5), 0u64..1 << 20), 1..40),
            damage in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        ) {
            let mut bytes = build(&pairs);
            let len = bytes.len();
            for (at, value) in damage {
                bytes[at.index(len)] = value;
            }
            if let Ok(shape) = check(&bytes) {
                let all = walk(&bytes);
                prop_assert_eq!(shape.keys, all.len());
                prop_assert!(all.iter().all(|p| p.1 <= shape.max_value));
            }
        }
    }
}
