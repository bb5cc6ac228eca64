//! What the tagger sees of a token: its word, shape, affixes, neighbours and what the rest
//! of the document says about the same word.
//!
//! A feature is a short byte string: a template id byte, then the value ("\x02putin" is
//! "the lower-cased word is putin"). Strings, not numbers, so the model file can store
//! them in an `fst` (shared prefixes cost nothing) and stay readable; at run time each is
//! hashed once ([`hash`]) and looked up, so tagging allocates nothing per feature. No CoNLL
//! POS or chunk columns: real text has none.

use super::clusters::Clusters;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Feature templates: the first byte of every feature string.
mod template {
    pub const BIAS: u8 = 1;
    pub const WORD: u8 = 2;
    pub const SHAPE: u8 = 3;
    pub const SHORT: u8 = 4;
    /// Prefixes of 1..=4 chars use `PREFIX + k - 1`; suffixes `SUFFIX + k - 1`.
    pub const PREFIX: u8 = 5;
    pub const SUFFIX: u8 = 9;
    pub const FLAGS: u8 = 13;
    /// Neighbour words and short shapes at -2, -1, +1, +2 use `+ 0..4`.
    pub const NEAR_WORD: u8 = 14;
    pub const NEAR_SHORT: u8 = 18;
    pub const PREV_WORD_WORD: u8 = 22;
    pub const WORD_NEXT_WORD: u8 = 23;
    pub const SHORT_TRIGRAM: u8 = 24;
    pub const FIRST_SHAPE: u8 = 25;
    pub const HEADLINE_WORD: u8 = 26;
    pub const CASE_ELSEWHERE: u8 = 27;
    pub const PREV_WORD_SHORT: u8 = 28;
    pub const SHORT_NEXT_WORD: u8 = 29;
    /// Second pass: what the first pass called the same word elsewhere, here, before, after.
    pub const HINT: u8 = 30;
    pub const HINT_SHORT: u8 = 31;
    pub const PREV_HINT: u8 = 32;
    pub const NEXT_HINT: u8 = 33;
    /// Word clusters ([`super::super::clusters`]): coarse and fine here, fine at -1 and +1.
    pub const COARSE_CLUSTER: u8 = 34;
    pub const FINE_CLUSTER: u8 = 35;
    pub const PREV_CLUSTER: u8 = 36;
    pub const NEXT_CLUSTER: u8 = 37;
}

/// Stands in for a neighbour before the sentence start or after its end.
const BEFORE: &[u8] = b"\x01";
const AFTER: &[u8] = b"\x02";

/// Token flags, one bit each.
const CAPITALISED: u8 = 1;
const ALL_CAPS: u8 = 2;
const HAS_DIGIT: u8 = 4;
const HAS_HYPHEN: u8 = 8;
const HAS_PERIOD: u8 = 16;
const HAS_LETTER: u8 = 32;

/// FNV-1a: features are short, so a simple byte-at-a-time hash is as fast as any, and the
/// same function keys the model's table when it is loaded and when it is trained.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Feature hash to row number.
pub(crate) type FeatureIndex = HashMap<u64, u32, BuildHasherDefault<PassThrough>>;

/// The word's shape: upper case `X`, lower case `x`, digits `d`, other characters as they
/// are, runs longer than four cut to four ("Xxxx", "XX", "dddd-dd-dd").
pub(crate) fn shape(word: &str, out: &mut String) {
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = char_class(c);
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 4 {
            out.push(class);
        }
    }
}

/// The shape with every run cut to one ("Xx", "X", "d-d-d", "X.X.").
pub(crate) fn short_shape(word: &str, out: &mut String) {
    let mut last = '\0';
    for c in word.chars() {
        let class = char_class(c);
        if class != last {
            out.push(class);
        }
        last = class;
    }
}

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

fn flags(word: &str) -> u8 {
    let mut f = 0;
    if word.chars().next().is_some_and(char::is_uppercase) {
        f |= CAPITALISED;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic());
    if letters.clone().next().is_some() {
        f |= HAS_LETTER;
        if letters.clone().all(char::is_uppercase) {
            f |= ALL_CAPS;
        }
    }
    for c in word.chars() {
        match c {
            '0'..='9' => f |= HAS_DIGIT,
            '-' => f |= HAS_HYPHEN,
            '.' => f |= HAS_PERIOD,
            _ => {}
        }
    }
    f
}

/// One token's precomputed forms (ranges into [`Doc`]'s arena).
struct TokenInfo {
    lower: Range<u32>,
    shape: Range<u32>,
    short: Range<u32>,
    flags: u8,
    /// Coarse and fine word clusters, as little-endian bytes.
    clusters: Option<[u8; 4]>,
}

/// A document ready for feature extraction: sentences of tokens, their forms, and
/// document-level evidence about each word.
pub(crate) struct Doc {
    arena: String,
    tokens: Vec<TokenInfo>,
    pub(crate) sentences: Vec<Range<usize>>,
    /// Per sentence: every letter in it is upper case (a CoNLL-style headline).
    headline: Vec<bool>,
    /// Per token: bit 1 when the same word is lower case elsewhere in the document, bit 2
    /// when it is capitalised elsewhere away from a sentence start.
    case_elsewhere: Vec<u8>,
    /// Per token: what the first pass called the same word elsewhere (0: nothing known,
    /// 1: outside any entity, 2 + label index), filled in by [`Doc::set_hints`].
    hints: Vec<u8>,
}

impl Doc {
    /// Prepares `words`, cut into `sentences` (ranges of `words`).
    pub(crate) fn new(words: &[&str], sentences: Vec<Range<usize>>, clusters: &Clusters) -> Doc {
        let mut arena = String::new();
        let mut tokens = Vec::with_capacity(words.len());
        let push = |arena: &mut String, f: &dyn Fn(&mut String)| {
            let start = arena.len() as u32;
            f(arena);
            start..arena.len() as u32
        };
        for word in words {
            let lower = push(&mut arena, &|a| {
                a.extend(word.chars().flat_map(char::to_lowercase))
            });
            let shape = push(&mut arena, &|a| shape(word, a));
            let short = push(&mut arena, &|a| short_shape(word, a));
            let clusters = clusters
                .get(&arena[lower.start as usize..lower.end as usize])
                .map(|(coarse, fine)| {
                    let ([a, b], [c, d]) = (coarse.to_le_bytes(), fine.to_le_bytes());
                    [a, b, c, d]
                });
            tokens.push(TokenInfo {
                lower,
                shape,
                short,
                flags: flags(word),
                clusters,
            });
        }
        let headline = sentences
            .iter()
            .map(|s| {
                let f = tokens[s.clone()].iter().filter(|t| t.flags & HAS_LETTER != 0);
                f.clone().count() > 1 && f.clone().all(|t| t.flags & ALL_CAPS != 0)
            })
            .collect();
        let mut doc = Doc {
            arena,
            tokens,
            sentences,
            headline,
            case_elsewhere: Vec::new(),
            hints: vec![0; words.len()],
        };
        doc.case_elsewhere = doc.case_evidence();
        doc
    }

    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    fn text(&self, r: &Range<u32>) -> &[u8] {
        &self.arena.as_bytes()[r.start as usize..r.end as usize]
    }

    fn lower(&self, i: usize) -> &str {
        let r = &self.tokens[i].lower;
        &self.arena[r.start as usize..r.end as usize]
    }

    /// For each token, how the same word is written elsewhere: a capitalised word that is
    /// lower case elsewhere is probably an ordinary word at a sentence start or in a title.
    fn case_evidence(&self) -> Vec<u8> {
        // (lower-case uses, capitalised uses away from a sentence start and headlines)
        let mut seen: HashMap<&str, (u32, u32)> = HashMap::new();
        let mut own = vec![(false, false); self.len()];
        for (s, range) in self.sentences.iter().enumerate() {
            for i in range.clone() {
                let f = self.tokens[i].flags;
                if f & HAS_LETTER == 0 {
                    continue;
                }
                let is_lower = f & CAPITALISED == 0 && f & ALL_CAPS == 0;
                let is_cap_mid = f & CAPITALISED != 0 && i != range.start && !self.headline[s];
                own[i] = (is_lower, is_cap_mid);
                let entry = seen.entry(self.lower(i)).or_default();
                entry.0 += u32::from(is_lower);
                entry.1 += u32::from(is_cap_mid);
            }
        }
        (0..self.len())
            .map(|i| {
                let (lower, cap) = seen.get(self.lower(i)).copied().unwrap_or_default();
                let lower = lower - u32::from(own[i].0);
                let cap = cap - u32::from(own[i].1);
                u8::from(lower > 0) | (u8::from(cap > 0) << 1)
            })
            .collect()
    }

    /// Records what a first pass tagged (one label per token, `None` outside entities), as
    /// hints for the second: each token learns the majority call on the same word at its
    /// other occurrences, so a name recognised once is recognised everywhere.
    pub(crate) fn set_hints(&mut self, labels: &[Option<usize>]) {
        const CALLS: usize = 1 + super::label::Label::ALL.len();
        // u32: a hostile file repeats one word more than 65,535 times.
        let mut counts: HashMap<&str, [u32; CALLS]> = HashMap::new();
        let call = |l: Option<usize>| l.map_or(0, |l| l + 1);
        for (i, &l) in labels.iter().enumerate() {
            if self.tokens[i].flags & HAS_LETTER != 0 {
                counts.entry(self.lower(i)).or_insert([0; CALLS])[call(l)] += 1;
            }
        }
        let hints: Vec<u8> = (0..self.len())
            .map(|i| {
                let Some(mut c) = counts.get(self.lower(i)).copied() else {
                    return 0;
                };
                c[call(labels[i])] -= 1;
                let best = (0..CALLS)
                    .max_by_key(|&k| (c[k], std::cmp::Reverse(k)))
                    .unwrap_or(0);
                if c[best] == 0 {
                    0
                } else {
                    1 + best as u8
                }
            })
            .collect();
        self.hints = hints;
    }

    /// Forgets the hints (a first pass sees none).
    pub(crate) fn clear_hints(&mut self) {
        self.hints.fill(0);
    }

    /// Calls `sink` with every feature of token `i` of sentence `s`. `buf` is scratch
    /// space, reused across calls so extraction does not allocate.
    pub(crate) fn features(&self, s: usize, i: usize, buf: &mut Vec<u8>, sink: &mut impl FnMut(&[u8])) {
        use template::*;
        let range = &self.sentences[s];
        let t = &self.tokens[i];
        let word = self.text(&t.lower);
        let short = self.text(&t.short);
        let near = |offset: isize, f: fn(&TokenInfo) -> &Range<u32>| -> &[u8] {
            let j = i as isize + offset;
            if j < range.start as isize {
                BEFORE
            } else if j >= range.end as isize {
                AFTER
            } else {
                self.text(f(&self.tokens[j as usize]))
            }
        };
        let mut emit = |parts: &[&[u8]], template: u8| {
            buf.clear();
            buf.push(template);
            for (k, p) in parts.iter().enumerate() {
                if k > 0 {
                    buf.push(0);
                }
                buf.extend_from_slice(p);
            }
            sink(buf);
        };
        emit(&[], BIAS);
        emit(&[word], WORD);
        emit(&[self.text(&t.shape)], SHAPE);
        emit(&[short], SHORT);
        let lower = self.lower(i);
        let n_chars = lower.chars().count();
        for k in 1..=4.min(n_chars.saturating_sub(1)) {
            let pre_end = lower.char_indices().nth(k).map_or(lower.len(), |(b, _)| b);
            let suf_start = lower.char_indices().nth(n_chars - k).map_or(0, |(b, _)| b);
            emit(&[&lower.as_bytes()[..pre_end]], PREFIX + k as u8 - 1);
            emit(&[&lower.as_bytes()[suf_start..]], SUFFIX + k as u8 - 1);
        }
        emit(&[&[t.flags]], FLAGS);
        fn lower_of(t: &TokenInfo) -> &Range<u32> {
            &t.lower
        }
        fn short_of(t: &TokenInfo) -> &Range<u32> {
            &t.short
        }
        let (w_prev, w_next) = (near(-1, lower_of), near(1, lower_of));
        let (s_prev, s_next) = (near(-1, short_of), near(1, short_of));
        for (k, offset) in [-2isize, -1, 1, 2].into_iter().enumerate() {
            emit(&[near(offset, lower_of)], NEAR_WORD + k as u8);
            emit(&[near(offset, short_of)], NEAR_SHORT + k as u8);
        }
        emit(&[w_prev, word], PREV_WORD_WORD);
        emit(&[word, w_next], WORD_NEXT_WORD);
        emit(&[s_prev, short, s_next], SHORT_TRIGRAM);
        emit(&[w_prev, short], PREV_WORD_SHORT);
        emit(&[short, w_next], SHORT_NEXT_WORD);
        if i == range.start {
            emit(&[self.text(&t.shape)], FIRST_SHAPE);
        }
        if self.headline[s] {
            emit(&[word], HEADLINE_WORD);
        }
        let first = u8::from(i == range.start);
        emit(
            &[&[self.case_elsewhere[i], t.flags & (CAPITALISED | ALL_CAPS), first]],
            CASE_ELSEWHERE,
        );
        if let Some(c) = &t.clusters {
            emit(&[&c[..2]], COARSE_CLUSTER);
            emit(&[&c[2..]], FINE_CLUSTER);
        }
        let near_cluster = |j: isize| -> Option<&[u8]> {
            let j = usize::try_from(j).ok().filter(|j| range.contains(j))?;
            self.tokens[j].clusters.as_ref().map(|c| &c[2..])
        };
        if let Some(c) = near_cluster(i as isize - 1) {
            emit(&[c], PREV_CLUSTER);
        }
        if let Some(c) = near_cluster(i as isize + 1) {
            emit(&[c], NEXT_CLUSTER);
        }
        let hint = self.hints[i];
        if hint != 0 {
            emit(&[&[hint]], HINT);
            emit(&[&[hint], short], HINT_SHORT);
        }
        let near_hint = |j: isize| -> Option<u8> {
            let j = usize::try_from(j).ok().filter(|j| range.contains(j))?;
            Some(self.hints[j]).filter(|&h| h != 0)
        };
        if let Some(h) = near_hint(i as isize - 1) {
            emit(&[&[h]], PREV_HINT);
        }
        if let Some(h) = near_hint(i as isize + 1) {
            emit(&[&[h]], NEXT_HINT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(word: &str) -> (String, String) {
        let (mut long, mut short) = (String::new(), String::new());
        shape(word, &mut long);
        short_shape(word, &mut short);
        (long, short)
    }

    #[test]
    fn shapes_classify_characters() {
        assert_eq!(shapes("Samarkand"), ("Xxxxx".into(), "Xx".into()));
        assert_eq!(shapes("NATO"), ("XXXX".into(), "X".into()));
        assert_eq!(shapes("1996-08-22"), ("dddd-dd-dd".into(), "d-d-d".into()));
        assert_eq!(shapes("U.S."), ("X.X.".into(), "X.X.".into()));
        assert_eq!(shapes("Éric"), ("Xxxx".into(), "Xx".into()));
    }

    #[test]
    fn flags_mark_case_digits_and_hyphens() {
        assert_eq!(flags("Putin"), CAPITALISED | HAS_LETTER);
        assert_eq!(flags("SCO"), CAPITALISED | ALL_CAPS | HAS_LETTER);
        assert_eq!(
            flags("F-16"),
            CAPITALISED | ALL_CAPS | HAS_LETTER | HAS_DIGIT | HAS_HYPHEN
        );
        assert_eq!(flags(","), 0);
    }

    fn features_of(doc: &Doc, s: usize, i: usize) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        doc.features(s, i, &mut Vec::new(), &mut |f| out.push(f.to_vec()));
        out
    }

    #[test]
    fn features_cover_word_affixes_and_neighbours() {
        let doc = Doc::new(
            &["Putin", "met", "Xi"],
            std::iter::once(0..3).collect(),
            &Clusters::default(),
        );
        let f = features_of(&doc, 0, 1);
        let has = |t: u8, v: &[u8]| f.iter().any(|x| x[0] == t && &x[1..] == v);
        assert!(has(template::WORD, b"met"));
        assert!(has(template::PREFIX, b"m"));
        assert!(has(template::SUFFIX + 1, b"et"));
        assert!(!has(template::SUFFIX + 2, b"met"), "no affix as long as the word");
        assert!(has(template::NEAR_WORD + 1, b"putin"));
        assert!(has(template::NEAR_WORD + 3, AFTER));
        assert!(has(template::PREV_WORD_WORD, b"putin\0met"));
        assert!(
            !f.iter().any(|x| x[0] == template::HINT),
            "no hints before a first pass"
        );
    }

    #[test]
    fn document_evidence_and_hints_look_at_other_occurrences() {
        let words = [
            "Bank", "shares", "rose", ".", "The", "bank", "said", "Bank", "Putin", "Putin",
        ];
        let mut doc = Doc::new(&words, vec![0..4, 4..10], &Clusters::default());
        assert_eq!(
            doc.case_elsewhere[0],
            1 | 2,
            "lower case and capitalised mid-sentence elsewhere"
        );
        assert_eq!(doc.case_elsewhere[4], 0, "'the' appears nowhere else");
        let mut labels = vec![None; words.len()];
        labels[8] = Some(0);
        doc.set_hints(&labels);
        assert_eq!(doc.hints[9], 2, "the other 'Putin' was a person");
        assert_eq!(doc.hints[8], 1, "the other 'Putin' was outside");
        assert_eq!(doc.hints[2], 0, "'rose' occurs once");
        doc.clear_hints();
        assert!(doc.hints.iter().all(|&h| h == 0));
    }

    #[test]
    fn a_word_repeated_past_any_small_counter_still_gets_its_hint() {
        // The hostile corpus has a file of one word repeated: counts must not overflow.
        let words = vec!["spam"; 70_001];
        let mut doc = Doc::new(&words, vec![0..70_000, 70_000..words.len()], &Clusters::default());
        let mut labels = vec![None; words.len()];
        labels[0] = Some(0);
        doc.set_hints(&labels);
        assert_eq!(doc.hints[1], 1, "most other 'spam's were outside");
    }
}
