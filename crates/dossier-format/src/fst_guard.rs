//! Opens an `fst` map only after proving that reading it cannot panic.
//!
//! `fst` trusts its bytes: a node whose sizes or addresses point outside the automaton
//! makes it index out of bounds, subtract past zero or (on wasm32) fail to fit an address
//! in a `usize`, all panics. Its own checksum catches accidental damage, but not bytes that
//! were made to pass it (the store fuzzer solved both the envelope's CRC-32 and `fst`'s
//! CRC-32C). The crate offers no structural check, so this module is one: it decodes every
//! node exactly as `fst` 0.4 (format version 3) will, with checked arithmetic, before `fst`
//! ever sees the bytes.
//!
//! Beyond "every read is in bounds", it proves what the callers rely on:
//! - the nodes tile the area between header and footer, the root last, as `fst` writes
//!   them; every transition leads to the end of a node strictly before the one it leaves
//!   (so no walk can cycle) or to the empty final node;
//! - a node's inputs are strictly ascending (keys are distinct and streamed in order), and
//!   a large node's input index agrees with them (lookups find what streams find);
//! - every node leads to at least one key, and no path's summed output overflows a `u64`
//!   (`fst` adds outputs unchecked while it walks);
//! - the key count in the footer is the number of keys the automaton holds.
//!
//! Each node is decoded twice (down the tiling, then up for the counts): linear in the
//! dictionary's size, measured in docs/BENCHMARKS.md ("What the checks cost at start-up").

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
    /// Over 4 GiB: larger than any dictionary Dossier builds, and than wasm32 can address.
    TooLarge(usize),
    /// A format version this module does not check.
    Version(u64),
    /// The footer's root address is not where the last node ends.
    Root(u64),
    /// A node does not decode inside the automaton, or breaks a rule above.
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
            FstDamage::TooLarge(len) => write!(f, "{len} bytes is too large for an automaton"),
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
    if root == EMPTY_ADDRESS {
        return match stored_keys {
            1 => Ok(Shape {
                keys: 1,
                max_value: 0,
            }),
            stored => Err(FstDamage::KeyCount { stored, found: 1 }),
        };
    }
    let nodes = Nodes { bytes, footer };
    let order = tile(&nodes, root)?;
    // `order` runs down from the root, so walking it backwards visits each node after
    // every node its transitions lead to.
    let mut totals = vec![Totals::default(); order.addrs.len()];
    let mut transitions = Vec::new();
    for (at, &addr) in order.addrs.iter().enumerate().rev() {
        let node = nodes.decode(addr, &mut transitions)?;
        let mut total = Totals {
            keys: u64::from(node.final_output.is_some()),
            max_value: node.final_output,
        };
        for t in &transitions {
            let target = match t.target {
                EMPTY_ADDRESS => Totals {
                    keys: 1,
                    max_value: Some(0),
                },
                addr => match order.position[addr] {
                    NO_NODE => {
                        return Err(FstDamage::Node {
                            addr,
                            why: "a transition leads inside a node",
                        })
                    }
                    position => totals[position as usize],
                },
            };
            total.keys = total.keys.saturating_add(target.keys);
            let value = target
                .max_value
                .and_then(|v| v.checked_add(t.output))
                .ok_or(FstDamage::OutputOverflow)?;
            total.max_value = Some(total.max_value.map_or(value, |m| m.max(value)));
        }
        if total.keys == 0 && stored_keys != 0 {
            return Err(FstDamage::Node {
                addr,
                why: "no key ends at or after it",
            });
        }
        totals[at] = total;
    }
    let found = totals[0].keys;
    if found != stored_keys {
        return Err(FstDamage::KeyCount {
            stored: stored_keys,
            found,
        });
    }
    let keys = usize::try_from(found).map_err(|_| FstDamage::KeyCount {
        stored: stored_keys,
        found,
    })?;
    Ok(Shape {
        keys,
        max_value: totals[0].max_value.unwrap_or(0),
    })
}

/// Keys at and after a node, and the largest value among them (`None`: no key).
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    keys: u64,
    max_value: Option<u64>,
}

/// No node ends at this address.
const NO_NODE: u32 = u32::MAX;

/// The nodes of an automaton, found by walking down from the root.
struct Tiling {
    /// Each node's last byte, the root first, descending.
    addrs: Vec<usize>,
    /// For each address of the node area, the position in `addrs` of the node ending
    /// there, or [`NO_NODE`]: a transition must lead to the end of a node.
    position: Vec<u32>,
}

/// `fst` writes its nodes one after another after the header, the root last, so they
/// tile the node area: the node before one ends just below its first byte. Walking them
/// so decodes every node once (reachable or not) and names where each one ends.
fn tile(nodes: &Nodes<'_>, root: usize) -> Result<Tiling, FstDamage> {
    if u32::try_from(nodes.footer).is_err() {
        return Err(FstDamage::TooLarge(nodes.bytes.len()));
    }
    let mut tiling = Tiling {
        addrs: Vec::new(),
        position: vec![NO_NODE; nodes.footer],
    };
    let mut transitions = Vec::new();
    let mut addr = root;
    loop {
        let node = nodes.decode(addr, &mut transitions)?;
        // The area is under `u32::MAX` bytes and each node takes one at least.
        tiling.position[addr] = tiling.addrs.len() as u32;
        tiling.addrs.push(addr);
        if node.first_byte == HEADER {
            return Ok(tiling);
        }
        addr = node.first_byte - 1;
    }
}

/// One decoded transition.
#[derive(Debug, Clone, Copy)]
struct Transition {
    output: u64,
    target: usize,
}

/// What the caller needs of one decoded node besides its transitions.
struct Node {
    /// Where the node starts (its address is its last byte).
    first_byte: usize,
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
    /// (cleared first). Every byte it reads lies in the node area, and every target is the
    /// empty node or lies in the area below the node's first byte.
    fn decode(&self, addr: usize, transitions: &mut Vec<Transition>) -> Result<Node, FstDamage> {
        transitions.clear();
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
                Ok(Node {
                    first_byte: end,
                    final_output: None,
                })
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
                Ok(Node {
                    first_byte: end,
                    final_output: None,
                })
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
            // Lookups read the index, streams the inputs: they must agree, so each input
            // maps to its transition and every other byte to none (at or past `ntrans`).
            let table = &self.bytes[sizes_at - index..sizes_at];
            let mut expected = [usize::MAX; 256];
            for i in 0..ntrans {
                expected[usize::from(input(i))] = i;
            }
            let agrees = table.iter().zip(expected).all(|(&got, want)| match want {
                usize::MAX => usize::from(got) >= ntrans,
                i => usize::from(got) == i,
            });
            if !agrees {
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
        Ok(Node {
            first_byte: end,
            final_output,
        })
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
            // A near miss is found by lookup exactly when streaming found it.
            let longer = [k.as_slice(), &[0x80]].concat();
            for near in [&k[..k.len().saturating_sub(1)], &longer[..]] {
                let streamed = all.binary_search_by(|p| p.0.as_slice().cmp(near)).ok();
                assert_eq!(map.get(near), streamed.map(|i| all[i].1));
            }
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
    fn every_one_byte_damage_of_a_small_map_is_refused_or_harmless() {
        // Two nodes, one with an output: every byte of the node area set to a value that
        // zeroes, maxes or half-fills a size, an address delta or a state.
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
