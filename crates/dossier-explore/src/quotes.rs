//! Direct quotes and who said them.
//!
//! A quote is text between quotation marks (straight `"…"`, curly `“…”`, and single
//! `‘…’` when the marks cannot be apostrophes) of at least [`MIN_WORDS`] words, inside one
//! paragraph of kept text. Its speaker is an entity mention (PERSON, ORG, NORP or GPE: "the
//! Kremlin said") found by an attribution cue:
//! - right after the closing mark: `," Denisov said`, `," said Denisov`, `," he said`,
//!   `," Gazprom, the Russian gas giant, said`, `, according to the Kremlin`;
//! - before the opening mark in the same sentence: `Denisov said: "`, `Xi told Putin that
//!   China was ready to "`, `According to Li, "`;
//! - for the second half of a split quote (`"…," he said. "…"`), the first half's cue.
//!
//! "he/she" is the last PERSON named before the quote outside quotes, looking back up to
//! [`PRONOUN_LOOKBACK`] sentences, when the nearest sentence naming people names only one.
//! A quote with no cue is left out: the entity page lists only attributed quotes.

use super::sentences::kept_parts;
use dossier_model::document::{Corpus, Document};
use dossier_model::entity::{Entities, EntityId, EntityType, Mention, Place};
use dossier_model::insights::{holding, Quote};
use dossier_model::span::Span;

/// Fewer words than this between marks is a term or a scare quote ("special military
/// operation"), not something said.
pub const MIN_WORDS: usize = 4;
/// How many sentences back a pronoun may look for its person.
pub const PRONOUN_LOOKBACK: usize = 6;
/// The longest apposition between a speaker and the verb ("Gazprom, the Russian gas
/// giant, said"), in bytes.
const MAX_APPOSITION: usize = 80;

/// Speech verbs an attribution is built on ("according to" is handled apart).
const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "explained",
    "noted",
    "warned",
    "insisted",
    "continued",
    "wrote",
    "asked",
    "replied",
    "declared",
    "stressed",
    "assured",
    "tweeted",
];

/// Every attributed quote of the corpus, by document and position; `sentences[d]` are
/// document `d`'s sentences.
pub fn find_all(corpus: &Corpus, sentences: &[Vec<Span>]) -> Vec<Quote> {
    corpus
        .documents
        .iter()
        .flat_map(|doc| {
            let doc_sentences = sentences.get(doc.id.0 as usize).map_or(&[][..], Vec::as_slice);
            in_document(doc, &corpus.entities, doc_sentences)
        })
        .collect()
}

/// A quoted stretch: the opening mark's start and the closing mark's end (`outer`), the
/// words inside (`inner`), and the end of the paragraph part it sits in.
#[derive(Debug, Clone, Copy)]
struct Marked {
    outer: Span,
    inner: Span,
    part_end: u32,
}

/// Verbs whose object is the one spoken to.
const LISTENER_VERBS: &[&str] = &["told", "tells", "asked", "assured"];

/// A speaker and the words that name them.
type Attribution = (EntityId, Span);

fn in_document(doc: &Document, entities: &Entities, sentences: &[Span]) -> Vec<Quote> {
    let marked: Vec<Marked> = doc
        .paragraphs
        .iter()
        .flat_map(|&p| kept_parts(doc, p))
        .flat_map(|part| quoted(doc, part))
        .collect();
    let inside_quote = |span: Span| marked.iter().any(|q| q.outer.contains(span));
    let speakers: Vec<Speaker> = entities
        .mentions_in(doc.id)
        .iter()
        .filter(|m| m.place == Place::Text && !inside_quote(m.span))
        .filter_map(|m| {
            let kind = entities.entity(m.entity)?.kind;
            matches!(
                kind,
                EntityType::Person | EntityType::Org | EntityType::Norp | EntityType::Gpe
            )
            .then_some(Speaker { mention: *m, kind })
        })
        .collect();
    let reader = Reader {
        text: &doc.text,
        speakers: &speakers,
        sentences,
    };
    let mut out: Vec<Quote> = Vec::new();
    let mut previous: Option<(Marked, Attribution)> = None;
    for (i, q) in marked.iter().enumerate() {
        let limit = marked
            .get(i + 1)
            .map_or(q.part_end, |next| next.outer.start.min(q.part_end));
        let found = reader
            .after(q.outer.end, limit)
            .or_else(|| reader.before(q.outer.start))
            .or_else(|| {
                // The second half of a split quote: only the first half's cue between them.
                let (prev, (speaker, cue)) = previous?;
                let gap = doc.text.get(cue.end as usize..q.outer.start as usize)?;
                (prev.part_end == q.part_end
                    && cue.start >= prev.outer.end
                    && gap.chars().all(|c| c.is_whitespace() || ",.;:".contains(c)))
                .then_some((speaker, cue))
            });
        if let Some((speaker, cue)) = found {
            out.push(Quote {
                doc: doc.id,
                text: q.inner,
                speaker,
                cue,
            });
            previous = Some((*q, (speaker, cue)));
        }
    }
    out
}

/// The quotes of one paragraph part, in order, of at least [`MIN_WORDS`] words.
fn quoted(doc: &Document, part: Span) -> Vec<Marked> {
    let text = doc.slice(part);
    let base = part.start as usize;
    let mut found = Vec::new();
    let mut open: Option<(char, usize)> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match (open, c) {
            (None, '"' | '\u{201C}') => open = Some((c, i)),
            (None, '\u{2018}') if !prev.is_some_and(char::is_alphanumeric) => open = Some((c, i)),
            // A new opening curly mark abandons an unclosed one.
            (Some(_), '\u{201C}') => open = Some((c, i)),
            (Some(('"', at)), '"') | (Some(('\u{201C}', at)), '\u{201D}') => {
                found.push((at, i, c.len_utf8()));
                open = None;
            }
            // A closing single mark, not an apostrophe: not followed by a letter.
            (Some(('\u{2018}', at)), '\u{2019}') if !next.is_some_and(char::is_alphanumeric) => {
                found.push((at, i, c.len_utf8()));
                open = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    found
        .into_iter()
        .filter_map(|(open_at, close_at, close_len)| {
            let inside_start = open_at + text[open_at..].chars().next()?.len_utf8();
            let inside = &text[inside_start..close_at];
            let trimmed = inside.trim_start();
            let start = inside_start + (inside.len() - trimmed.len());
            let end = start + trimmed.trim_end().len();
            (trimmed.split_whitespace().count() >= MIN_WORDS).then(|| Marked {
                outer: Span::new(base + open_at, base + close_at + close_len),
                inner: Span::new(base + start, base + end),
                part_end: part.end,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct Speaker {
    mention: Mention,
    kind: EntityType,
}

/// Reads attribution cues in one document's text.
struct Reader<'a> {
    text: &'a str,
    /// Mentions that can speak, outside quotes and removed text, in text order.
    speakers: &'a [Speaker],
    sentences: &'a [Span],
}

impl Reader<'_> {
    /// A cue right after a closing mark at `from`, before `limit`.
    fn after(&self, from: u32, limit: u32) -> Option<Attribution> {
        let window = self.text.get(from as usize..limit as usize)?;
        let skipped = window.len()
            - window
                .trim_start_matches(|c: char| c.is_whitespace() || ",;\u{2014}\u{2013}".contains(c))
                .len();
        let at = from as usize + skipped;
        self.pronoun_verb(at)
            .or_else(|| self.speaker_verb(at))
            .or_else(|| self.verb_speaker(at))
    }

    /// A cue in the quote's sentence before its opening mark at `open`: the last speech
    /// verb there with a speaker beside it.
    fn before(&self, open: u32) -> Option<Attribution> {
        let sentence = holding(self.sentences, Span::new(open as usize, open as usize + 1))?;
        let window = self.text.get(sentence.start as usize..open as usize)?;
        let starts = word_starts(window);
        starts.iter().rev().find_map(|&w| {
            let at = sentence.start as usize + w;
            let verb = verb_at(self.text, at)?;
            let subject = || {
                (verb != "according to")
                    .then(|| {
                        self.speaker_ending_before(at)
                            .or_else(|| self.pronoun_ending_before(at))
                    })
                    .flatten()
            };
            subject().or_else(|| self.verb_speaker(at))
        })
    }

    /// "he said", "She added" at `at`.
    fn pronoun_verb(&self, at: usize) -> Option<Attribution> {
        let word = word_at(self.text, at)?;
        if !matches!(word.to_lowercase().as_str(), "he" | "she") {
            return None;
        }
        let verb_at_ = skip_spaces(self.text, at + word.len());
        let verb = verb_at(self.text, verb_at_).filter(|v| *v != "according to")?;
        let speaker = self.last_person_before(Span::new(at, at))?;
        Some((speaker, Span::new(at, verb_at_ + verb.len())))
    }

    /// "Denisov said", "the Kremlin said", "Gazprom, the Russian gas giant, said" at `at`.
    fn speaker_verb(&self, at: usize) -> Option<Attribution> {
        let start = skip_article(self.text, at);
        let speaker = self.speaker_at(start)?;
        let mut next = speaker.mention.span.end as usize;
        if self.text[next..].starts_with(',') {
            let rest = &self.text[next + 1..];
            let close = rest.find(',').filter(|&c| c <= MAX_APPOSITION)?;
            if rest[..close].contains(['.', '"', '\u{201C}', '\u{201D}']) {
                return None;
            }
            next += 1 + close + 1;
        }
        let verb_start = skip_spaces(self.text, next);
        if verb_start == next {
            return None;
        }
        let verb = verb_at(self.text, verb_start).filter(|v| *v != "according to")?;
        Some((speaker.mention.entity, Span::new(at, verb_start + verb.len())))
    }

    /// "said Denisov", "said the Kremlin", "according to the Tass news agency" at `at`. Not
    /// "told Putin" nor "asked Putin": the name after those verbs is the listener.
    fn verb_speaker(&self, at: usize) -> Option<Attribution> {
        let verb = verb_at(self.text, at).filter(|v| !LISTENER_VERBS.contains(v))?;
        let after = skip_spaces(self.text, at + verb.len());
        if verb == "according to" {
            // The first name within a few words, before any punctuation: "according to the
            // Russian defence ministry".
            let rest = &self.text[after..];
            let reach = rest
                .find(|c: char| ",.;:\"\u{201C}\u{201D}()".contains(c))
                .unwrap_or(rest.len())
                .min(40);
            let end = after + reach;
            let first = self
                .speakers
                .partition_point(|s| (s.mention.span.start as usize) < after);
            let s = self
                .speakers
                .get(first)
                .filter(|s| (s.mention.span.end as usize) <= end)?;
            return Some((s.mention.entity, Span::new(at, s.mention.span.end as usize)));
        }
        let start = skip_article(self.text, after);
        let speaker = self.speaker_at(start)?;
        Some((
            speaker.mention.entity,
            Span::new(at, speaker.mention.span.end as usize),
        ))
    }

    /// "Denisov said" / "Gazprom, the gas giant, said" read backwards from the verb at `verb`.
    fn speaker_ending_before(&self, verb: usize) -> Option<Attribution> {
        let before = self.text[..verb].trim_end();
        let direct = self.speaker_ending_at(before.len());
        let apposed = || {
            let inner = before.strip_suffix(',')?;
            // "Russia's ambassador to China, Andrey Denisov, said": the apposition is the
            // speaker's name.
            let named = self.speaker_ending_at(inner.len()).filter(|s| {
                s.kind == EntityType::Person
                    && inner[..s.mention.span.start as usize].trim_end().ends_with(',')
            });
            if named.is_some() {
                return named;
            }
            let comma = inner.rfind(',')?;
            (inner.len() - comma <= MAX_APPOSITION && !inner[comma..].contains('.'))
                .then(|| self.speaker_ending_at(comma))
                .flatten()
        };
        let s = direct.or_else(apposed)?;
        let start = article_before(self.text, s.mention.span.start as usize);
        let verb_word = verb_at(self.text, verb)?;
        Some((s.mention.entity, Span::new(start, verb + verb_word.len())))
    }

    /// "he said" read backwards from the verb at `verb`.
    fn pronoun_ending_before(&self, verb: usize) -> Option<Attribution> {
        let before = self.text[..verb].trim_end();
        let start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + 1);
        if !matches!(before[start..].to_lowercase().as_str(), "he" | "she") {
            return None;
        }
        let speaker = self.last_person_before(Span::new(start, start))?;
        let verb_word = verb_at(self.text, verb)?;
        Some((speaker, Span::new(start, verb + verb_word.len())))
    }

    fn speaker_at(&self, start: usize) -> Option<&Speaker> {
        let i = self
            .speakers
            .partition_point(|s| (s.mention.span.start as usize) < start);
        self.speakers
            .get(i)
            .filter(|s| s.mention.span.start as usize == start)
    }

    fn speaker_ending_at(&self, end: usize) -> Option<&Speaker> {
        let i = self
            .speakers
            .partition_point(|s| (s.mention.span.end as usize) < end);
        self.speakers
            .get(i)
            .filter(|s| s.mention.span.end as usize == end)
    }

    /// The one PERSON named in the nearest sentence (up to [`PRONOUN_LOOKBACK`] back) that
    /// names any person before `at`; `None` when that sentence names two.
    fn last_person_before(&self, at: Span) -> Option<EntityId> {
        let here = self.sentences.partition_point(|s| s.start <= at.start);
        let persons = |from: u32, to: u32| {
            self.speakers.iter().filter(move |s| {
                s.kind == EntityType::Person && s.mention.span.start >= from && s.mention.span.end <= to
            })
        };
        for sentence in self.sentences[..here].iter().rev().take(PRONOUN_LOOKBACK) {
            let mut named = persons(sentence.start, sentence.end.min(at.start)).map(|s| s.mention.entity);
            if let Some(first) = named.next() {
                return named.all(|e| e == first).then_some(first);
            }
        }
        None
    }
}

/// The speech verb starting at `at` (a whole word), or "according to".
fn verb_at(text: &str, at: usize) -> Option<&'static str> {
    let word = word_at(text, at)?;
    let lower = word.to_lowercase();
    if lower == "according" {
        let rest = text.get(at + word.len()..)?;
        let to = rest.get(..4).is_some_and(|w| w.eq_ignore_ascii_case(" to "));
        return to.then_some("according to");
    }
    VERBS.iter().copied().find(|v| *v == lower)
}

/// The word (letters only) starting at `at`, if a word starts there.
fn word_at(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..)?;
    if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Byte offsets of the words of `s`.
fn word_starts(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_alpha = false;
    for (i, c) in s.char_indices() {
        let alpha = c.is_alphabetic();
        if alpha && !prev_alpha {
            out.push(i);
        }
        prev_alpha = alpha;
    }
    out
}

/// `at` moved past "the " (the article is not part of "the Kremlin"'s mention).
fn skip_article(text: &str, at: usize) -> usize {
    match text.get(at..at + 4) {
        Some(w) if w.eq_ignore_ascii_case("the ") => at + 4,
        _ => at,
    }
}

/// `start` moved back over a "the " before it, so a cue reads "the Kremlin said".
fn article_before(text: &str, start: usize) -> usize {
    match start.checked_sub(4).and_then(|s| text.get(s..start)) {
        Some(w) if w.eq_ignore_ascii_case("the ") => start - 4,
        _ => start,
    }
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

#[cfg(test)]
mod tests {
    use super::super::sentences::sentences;
    use super::*;
    use crate::fixture;
    use EntityType::*;

    /// The quotes of `body` (after a headline) as (quoted words, speaker's name, cue).
    fn quotes(body: &str, names: &[(&str, EntityType)]) -> Vec<(String, String, String)> {
        let corpus = fixture::corpus(&format!("Leaders meet at the summit\n\n{body}\n"), names);
        let doc = &corpus.documents[0];
        let found = find_all(&corpus, &[sentences(doc)]);
        found
            .iter()
            .map(|q| {
                let speaker = corpus.entities.entity(q.speaker).map_or("?", |e| e.name.as_str());
                (
                    doc.slice(q.text).to_owned(),
                    speaker.to_owned(),
                    doc.slice(q.cue).to_owned(),
                )
            })
            .collect()
    }

    /// Quoted words, speaker's name, cue.
    type Expected = (&'static str, &'static str, &'static str);

    #[test]
    fn attributes_quotes_by_their_cues() {
        let people: &[(&str, EntityType)] = &[
            ("Andrey Denisov", Person),
            ("Denisov", Person),
            ("Yuri Ushakov", Person),
            ("Kremlin", Org),
            ("Gazprom", Org),
            ("Xi", Person),
            ("Putin", Person),
            ("Tass", Org),
        ];
        let cases: &[(&str, &[Expected])] = &[
            (
                "\u{201C}The summit will be very interesting for everyone,\u{201D} Denisov said.",
                &[("The summit will be very interesting for everyone,", "Denisov", "Denisov said")],
            ),
            (
                "\"We are getting ready for it now,\" said Denisov.",
                &[("We are getting ready for it now,", "Denisov", "said Denisov")],
            ),
            (
                "\"This meeting is of special significance,\" Denisov says.",
                &[("This meeting is of special significance,", "Denisov", "Denisov says")],
            ),
            (
                "\"The sanctions will not work at all,\" the Kremlin said on Monday.",
                &[("The sanctions will not work at all,", "Kremlin", "the Kremlin said")],
            ),
            (
                "\"Payments will be made in yuan,\" Gazprom, the Russian gas giant, said.",
                &[("Payments will be made in yuan,", "Gazprom", "Gazprom, the Russian gas giant, said")],
            ),
            (
                "Andrey Denisov spoke on Wednesday. \u{201C}We will have a regular meeting soon,\u{201D} he said.",
                &[("We will have a regular meeting soon,", "Andrey Denisov", "he said")],
            ),
            (
                "Denisov said: \"The two leaders will meet in Samarkand.\"",
                &[("The two leaders will meet in Samarkand.", "Denisov", "Denisov said")],
            ),
            (
                "At the time, Xi told Putin that China was ready to \"strengthen communication and coordination\" with Russia.",
                &[("strengthen communication and coordination", "Xi", "Xi told")],
            ),
            (
                "\"Li will meet with Putin next week,\" according to Tass.",
                &[("Li will meet with Putin next week,", "Tass", "according to Tass")],
            ),
            (
                "\"We see how they have put Russia in a corner,\" Denisov added. \"Russia made an important choice then.\"",
                &[
                    ("We see how they have put Russia in a corner,", "Denisov", "Denisov added"),
                    ("Russia made an important choice then.", "Denisov", "Denisov added"),
                ],
            ),
            (
                "\"I do not want to say that,\" Yuri Ushakov told reporters.",
                &[("I do not want to say that,", "Yuri Ushakov", "Yuri Ushakov told")],
            ),
        ];
        for (body, expected) in cases {
            let expected: Vec<(String, String, String)> = expected
                .iter()
                .map(|(t, s, c)| (t.to_string(), s.to_string(), c.to_string()))
                .collect();
            assert_eq!(quotes(body, people), expected, "{body}");
        }
    }

    #[test]
    fn leaves_out_what_is_not_an_attributed_quote() {
        let people: &[(&str, EntityType)] = &[("Xi", Person), ("Putin", Person), ("Russia", Gpe)];
        for body in [
            // A scare quote is too short.
            "Putin launched a \u{201C}special military operation\u{201D} in February, Xi said.",
            // No cue at all.
            "\"The meeting is very important for the region,\" the report read.",
            // Two people named before "he": ambiguous.
            "Xi met Putin in Samarkand today. \"We will talk about many things,\" he said.",
            // Apostrophes are not quotation marks.
            "Russia\u{2019}s and Putin\u{2019}s plans for the talks are clear, Xi said.",
            // An unclosed mark.
            "\"The talks went well and will go on, Xi said.",
        ] {
            assert_eq!(quotes(body, people), [], "{body}");
        }
    }

    #[test]
    fn single_marks_quote_only_when_they_cannot_be_apostrophes() {
        let people: &[(&str, EntityType)] = &[("Xi", Person)];
        assert_eq!(
            quotes(
                "\u{2018}The partnership has no limits at all,\u{2019} Xi said.",
                people
            ),
            [(
                "The partnership has no limits at all,".to_owned(),
                "Xi".to_owned(),
                "Xi said".to_owned()
            )]
        );
    }
}
