//! The model file: what `cargo xtask train-ner` writes and [`Model::from_bytes`] reads.
//!
//! Layout, like the corpus store: `MAGIC` (8 bytes), format version (u32 LE), CRC-32 of the
//! payload (u32 LE), payload length (u64 LE), then a `postcard` payload: the label names
//! (a model for other labels is refused, not misread), the transition weights (f32, a few
//! hundred), the emission scale, the feature strings as an `fst` map to row numbers, and
//! the rows: for each feature in `fst` order a LEB128 bit mask of the tags it has a weight
//! for, then one i8 code per set bit; last, the word clusters as an `fst` map from
//! lower-cased word to `coarse << 16 | fine`.
//!
//! Codes are square-law, not linear: code `q` stands for `sign(q) * (q / 127)^2 * scale`.
//! Perceptron weights are heavy-tailed: a few features (the bias, strong shapes) weigh a
//! hundred times what most do, and a linear i8 scale either clips the big ones or rounds
//! the small ones away; either costs F1 (measured by `cargo xtask train-ner`). Near-zero
//! weights are pruned when training quantises them, so most rows hold one or two bytes.
//!
//! [`Model::from_bytes`]: super::Model::from_bytes

use super::clusters::Clusters;
use super::features::{hash, FeatureIndex};
use super::label::{Label, N_TAGS};
use dossier_format::envelope::{self, Fault, Subject};
use dossier_format::fst_guard::{self, FstDamage};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

pub const MAGIC: [u8; 8] = *b"DOSSNER\0";
/// Bump when features, tags or the layout change.
pub const FORMAT_VERSION: u32 = 3;
const TRANSITIONS: usize = (N_TAGS + 1) * N_TAGS;

/// How envelope faults are told for the tagger's model.
const MODEL_FILE: Subject = Subject {
    data: "model",
    format: "NER model",
    marker: "Dossier's NER model marker",
    reader: "this code",
    remedy: "retrain it",
};

/// Why bytes are not a usable model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Foreign, stale, cut short or damaged bytes.
    Envelope(Fault),
    Payload(String),
    Labels {
        found: Vec<String>,
    },
    Features(FstDamage),
    Inconsistent(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Envelope(fault) => fault.told(&MODEL_FILE).fmt(f),
            ModelError::Payload(e) => write!(f, "model payload cannot be decoded: {e}"),
            ModelError::Labels { found } => {
                write!(f, "the model's labels {found:?} are not the ones this code knows")
            }
            ModelError::Features(e) => write!(f, "the model's feature table is damaged: {e}"),
            ModelError::Inconsistent(what) => write!(f, "the model is inconsistent: {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

impl From<Fault> for ModelError {
    fn from(fault: Fault) -> ModelError {
        ModelError::Envelope(fault)
    }
}

#[derive(Serialize, Deserialize)]
struct Payload {
    labels: Vec<String>,
    transitions: Vec<f32>,
    scale: f32,
    #[serde(with = "serde_bytes")]
    features: Vec<u8>,
    #[serde(with = "serde_bytes")]
    weights: Vec<u8>,
    #[serde(with = "serde_bytes")]
    clusters: Vec<u8>,
}

/// A quantised model before encoding: transitions (`(N_TAGS + 1) * N_TAGS`, the last row
/// for the sentence start), the emission scale, and each feature string with its weight
/// code per tag.
pub(crate) struct Parts {
    pub transitions: Vec<f32>,
    pub scale: f32,
    pub features: Vec<(Vec<u8>, [i8; N_TAGS])>,
    pub clusters: Clusters,
}

/// A decoded model: feature hash to row, rows of `N_TAGS` codes, what each code weighs
/// (indexed by the code's byte), transitions.
pub(crate) struct Tables {
    pub index: FeatureIndex,
    pub rows: Vec<i8>,
    pub weights: [f32; 256],
    pub transitions: Vec<f32>,
    pub clusters: Clusters,
}

/// The square-law code for weight `w` when code 127 stands for `scale`.
pub(crate) fn quantise(w: f32, scale: f32) -> i8 {
    let q = (w.abs() / scale).min(1.0).sqrt() * 127.0;
    (q.round() as i8) * if w < 0.0 { -1 } else { 1 }
}

/// The weight code `q` stands for.
pub(crate) fn dequantise(q: i8, scale: f32) -> f32 {
    let r = f32::from(q) / 127.0;
    r * r.abs() * scale
}
/// Encodes `parts`; rows of all zeros are left out.
pub(crate) fn encode(mut parts: Parts) -> Vec<u8> {
    parts.features.retain(|(_, row)| row.iter().any(|&w| w != 0));
    parts.features.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    parts.features.dedup_by(|a, b| a.0 == b.0);
    let mut builder = fst::MapBuilder::memory();
    let mut weights = Vec::new();
    for (row, (key, ws)) in parts.features.iter().enumerate() {
        // Keys are sorted and unique, which is all insertion can fail on.
        let _ = builder.insert(key, row as u64);
        let mask = ws
            .iter()
            .enumerate()
            .filter(|(_, &w)| w != 0)
            .fold(0u32, |m, (t, _)| m | 1 << t);
        push_leb128(&mut weights, mask);
        weights.extend(ws.iter().filter(|&&w| w != 0).map(|&w| w as u8));
    }
    let mut words: Vec<(&str, (u16, u16))> = parts.clusters.iter().collect();
    words.sort_unstable();
    let mut clusters = fst::MapBuilder::memory();
    for (word, (coarse, fine)) in words {
        // Words are sorted and unique, which is all insertion can fail on.
        let _ = clusters.insert(word, u64::from(coarse) << 16 | u64::from(fine));
    }
    let payload = Payload {
        labels: Label::ALL.iter().map(|l| l.conll().to_owned()).collect(),
        transitions: parts.transitions,
        scale: parts.scale,
        features: builder.into_inner().unwrap_or_default(),
        weights,
        clusters: clusters.into_inner().unwrap_or_default(),
    };
    // Serialising plain structs into a Vec cannot fail.
    let payload = postcard::to_allocvec(&payload).unwrap_or_default();
    envelope::seal(&MAGIC, FORMAT_VERSION, &payload)
}

/// Decodes and checks model bytes.
pub(crate) fn decode(bytes: &[u8]) -> Result<Tables, ModelError> {
    let payload = envelope::open(bytes, &MAGIC, FORMAT_VERSION)?;
    let payload: Payload = postcard::from_bytes(payload).map_err(|e| ModelError::Payload(e.to_string()))?;
    if !payload
        .labels
        .iter()
        .map(String::as_str)
        .eq(Label::ALL.iter().map(|l| l.conll()))
    {
        return Err(ModelError::Labels {
            found: payload.labels,
        });
    }
    if payload.transitions.len() != TRANSITIONS {
        return Err(ModelError::Inconsistent(
            "the transition table has the wrong size",
        ));
    }
    let map = open_map(payload.features)?;
    if map.len() > payload.weights.len() {
        return Err(ModelError::Inconsistent("more features than weight rows"));
    }
    let mut index = FeatureIndex::default();
    index.reserve(map.len());
    let mut rows = vec![0i8; map.len() * N_TAGS];
    let mut at = 0;
    let mut stream = map.stream();
    let mut row = 0usize;
    while let Some((key, value)) = fst::Streamer::next(&mut stream) {
        if value != row as u64 {
            return Err(ModelError::Inconsistent("feature rows are out of order"));
        }
        let mask = read_leb128(&payload.weights, &mut at)
            .ok_or(ModelError::Inconsistent("a weight row is cut short"))?;
        if mask >> N_TAGS != 0 {
            return Err(ModelError::Inconsistent(
                "a weight row names a tag that does not exist",
            ));
        }
        for t in (0..N_TAGS).filter(|t| mask & (1 << t) != 0) {
            let &w = payload
                .weights
                .get(at)
                .ok_or(ModelError::Inconsistent("a weight row is cut short"))?;
            rows[row * N_TAGS + t] = w as i8;
            at += 1;
        }
        index.insert(hash(key), row as u32);
        row += 1;
    }
    if at != payload.weights.len() {
        return Err(ModelError::Inconsistent(
            "weights are left over after the last feature",
        ));
    }
    let mut weights = [0.0; 256];
    for (byte, w) in weights.iter_mut().enumerate() {
        *w = dequantise(byte as u8 as i8, payload.scale);
    }
    Ok(Tables {
        index,
        rows,
        weights,
        transitions: payload.transitions,
        clusters: decode_clusters(payload.clusters)?,
    })
}

/// The model's `fst` maps, proved safe to walk and checksummed ([`dossier_format::fst_guard`]):
/// the envelope's CRC only proves the payload is what was sealed.
fn open_map(bytes: Vec<u8>) -> Result<fst::Map<Vec<u8>>, ModelError> {
    fst_guard::open_map(bytes)
        .map(|(map, _)| map)
        .map_err(ModelError::Features)
}

fn decode_clusters(bytes: Vec<u8>) -> Result<Clusters, ModelError> {
    let map = open_map(bytes)?;
    let mut words = HashMap::with_capacity(map.len());
    let mut stream = map.stream();
    while let Some((word, value)) = fst::Streamer::next(&mut stream) {
        let word = std::str::from_utf8(word)
            .map_err(|_| ModelError::Inconsistent("a clustered word is not UTF-8"))?;
        if value >> 32 != 0 {
            return Err(ModelError::Inconsistent("a word cluster is out of range"));
        }
        words.insert(word.into(), ((value >> 16) as u16, value as u16));
    }
    Ok(Clusters::from_words(words))
}

fn push_leb128(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_leb128(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let &b = bytes.get(*at)?;
        *at += 1;
        value |= u32::from(b & 0x7F).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Parts {
        let mut transitions = vec![0.0; TRANSITIONS];
        transitions[3] = -7.5;
        let mut putin = [0i8; N_TAGS];
        putin[4] = 100;
        putin[0] = -20;
        Parts {
            transitions,
            clusters: Clusters::from_words([("moscow".into(), (2, 700))].into_iter().collect()),
            scale: 40.0,
            features: vec![
                (b"\x02putin".to_vec(), putin),
                (b"\x02zero".to_vec(), [0; N_TAGS]),
            ],
        }
    }

    #[test]
    fn round_trips_and_drops_empty_rows() {
        let tables = decode(&encode(tiny())).unwrap();
        assert_eq!(tables.index.len(), 1);
        let row = tables.index[&hash(b"\x02putin")] as usize;
        assert_eq!(tables.rows[row * N_TAGS + 4], 100);
        assert_eq!(tables.rows[row * N_TAGS], -20);
        assert_eq!(tables.transitions[3], -7.5);
        assert_eq!(tables.weights[100], dequantise(100, 40.0));
        assert_eq!(tables.clusters.get("moscow"), Some((2, 700)));
        assert_eq!(tables.clusters.len(), 1);
    }

    #[test]
    fn square_law_codes_keep_small_weights_and_big_ones() {
        let scale = 100.0;
        assert_eq!(quantise(100.0, scale), 127);
        assert_eq!(quantise(-500.0, scale), -127, "clipped at the scale");
        assert_eq!(quantise(0.0, scale), 0);
        // A weight of 1% of the scale still gets a code of its own (linear i8 would give 1).
        assert_eq!(quantise(1.0, scale), 13);
        for w in [0.5f32, -2.0, 10.0, -60.0, 99.0] {
            let back = dequantise(quantise(w, scale), scale);
            assert!(
                (back - w).abs() <= 0.08 * w.abs().max(1.0),
                "{w} came back as {back}"
            );
        }
    }

    #[test]
    fn leb128_round_trips() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 1 << 16, u32::MAX] {
            push_leb128(&mut out, v);
        }
        let mut at = 0;
        for v in [0, 1, 127, 128, 1 << 16, u32::MAX] {
            assert_eq!(read_leb128(&out, &mut at), Some(v));
        }
        assert_eq!(read_leb128(&[0x80], &mut 0), None);
    }

    #[test]
    fn refuses_damaged_bytes_with_a_reason() {
        let good = encode(tiny());
        assert_eq!(
            decode(&good[..3]).err(),
            Some(ModelError::Envelope(Fault::TooShort { len: 3 }))
        );
        let mut bad = good.clone();
        bad[0] = b'X';
        assert_eq!(decode(&bad).err(), Some(ModelError::Envelope(Fault::WrongMarker)));
        let mut future = good.clone();
        future[8] = 9;
        assert_eq!(
            decode(&future).err(),
            Some(ModelError::Envelope(Fault::WrongVersion {
                found: 9,
                expected: FORMAT_VERSION
            }))
        );
        assert!(matches!(
            decode(&good[..good.len() - 1]),
            Err(ModelError::Envelope(Fault::Truncated { .. }))
        ));
        for at in dossier_format::envelope::HEADER_LEN..good.len() {
            let mut flipped = good.clone();
            flipped[at] ^= 0x55;
            assert!(matches!(
                decode(&flipped),
                Err(ModelError::Envelope(Fault::Checksum { .. }))
            ));
        }
    }

    #[test]
    fn refuses_well_checksummed_nonsense() {
        // A valid envelope around a payload that is not a model must still be refused.
        let payload = postcard::to_allocvec(&Payload {
            labels: vec!["PER".into()],
            transitions: vec![],
            scale: 1.0,
            clusters: vec![],
            features: vec![],
            weights: vec![],
        })
        .unwrap();
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&payload);
        assert!(matches!(decode(&bytes), Err(ModelError::Labels { .. })));
    }
}
