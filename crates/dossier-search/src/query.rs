//! The query language. Every string is a valid query: what cannot be read as an operator
//! is searched as words, and [`Query::notes`] says what was done about it.
//!
//! - `putin xi`: every word must match (the last word also as a prefix while typing);
//! - `"exact phrase"`; `-word` and `-"phrase"` exclude;
//! - `a OR b`: either (binds tighter than the implicit AND);
//! - `title:word`, `title:"a phrase"`: in the title only;
//! - `outlet:name` (part of the outlet's name), `date:2022-09-01..2022-09-15` (also a
//!   single day, `2022-09`, `2022`, and open ends `..2022-09-15`, `2022-09-01..`);
//! - `entity:"Xi Jinping"` (a canonical name or an alias, any case) and `type:PERSON`
//!   (an OntoNotes type): documents that mention it; the engine resolves them against the
//!   corpus's entities and notes names and types it does not know;
//! - the reader's own marks: `tag:name` (any case; `tag:"two words"`), `is:starred`,
//!   `note:word` and `note:"a phrase"` (a note on the document holds it, analysed like
//!   the text), each of which must hold, and `-tag:`, `-is:starred`, `-note:` exclude;
//!   the engine resolves them against the [`crate::Annotations`] it is given and notes
//!   tags it does not know.

use dossier_model::date::CalendarDate;
use dossier_model::entity::{Counting, EntityType};
use std::fmt;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Every group must match; a group matches when any of its atoms does.
    pub groups: Vec<Vec<Atom>>,
    /// No document matching one of these is returned.
    pub excluded: Vec<Atom>,
    /// Parts of outlet names, any of which must match.
    pub outlets: Vec<String>,
    /// Entities (canonical names or aliases, any case), each of which must be mentioned.
    pub entities: Vec<String>,
    /// Entity types (`PERSON`, `GPE`, ...), each of which must be mentioned.
    pub types: Vec<String>,
    pub date: Option<DateRange>,
    /// Filters on the reader's tags, stars and notes, each of which must hold.
    pub marks: Vec<MarkFilter>,
    /// Which mentions `entity:` and `type:` look at: the running text unless the user
    /// counts everything (not part of the typed query; set by the caller).
    pub counting: Counting,
    pub notes: Vec<QueryNote>,
}

impl Query {
    /// Nothing to search for and nothing to filter by.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
            && self.excluded.is_empty()
            && self.outlets.is_empty()
            && self.date.is_none()
            && self.entities.is_empty()
            && self.types.is_empty()
            && self.marks.is_empty()
    }
}

/// A filter on the reader's marks: the document has the mark, or (`negated`) has not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkFilter {
    pub mark: Mark,
    pub negated: bool,
}

/// One of the reader's marks on a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// Carries the tag of this name (any case).
    Tag(String),
    Starred,
    /// Has a note holding the word or phrase.
    Note(Atom),
}

/// A word or a phrase, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    pub kind: AtomKind,
    /// The text the user typed for it (without quotes), for messages.
    pub text: String,
    pub field: Field,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtomKind {
    /// A single word; `prefix` when it is the word being typed.
    Word { prefix: bool },
    /// Consecutive words.
    Phrase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Any,
    Title,
}

/// Inclusive date bounds; either may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<CalendarDate>,
    pub to: Option<CalendarDate>,
}

impl DateRange {
    /// As the query language and the address bar write it: `2022-09-01..2022-09-15`.
    pub fn to_param(&self) -> String {
        let side = |d: Option<CalendarDate>| d.map(|d| d.to_string()).unwrap_or_default();
        format!("{}..{}", side(self.from), side(self.to))
    }

    /// A date without a year cannot be placed in a range, so it is never inside one.
    pub fn contains(&self, date: CalendarDate) -> bool {
        date.year.is_some() && self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}

/// What the parser did with input that was not a well-formed operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryNote {
    UnclosedQuote,
    LoneMinus,
    DanglingOr,
    EmptyFilter(String),
    BadDate(String),
    /// `type:` named no entity type.
    UnknownType(String),
    /// `entity:` named no entity of the corpus.
    UnknownEntity(String),
    OnlyExclusions,
    /// The exclusions removed every document the rest of the query matched.
    AllExcluded {
        matches: usize,
        excluded: Vec<String>,
    },
    /// `name:` is not one of the filters; its name and value were searched as words.
    UnknownFilter(String),
    /// `tag:` named none of the reader's tags.
    UnknownTag(String),
    /// `is:` named something other than `starred`.
    UnknownState(String),
    /// The index's positions have not arrived yet: nothing was ranked by how near the
    /// words are, and a phrase (when `phrase`) matched its words anywhere in a document.
    Provisional {
        phrase: bool,
    },
}

impl fmt::Display for QueryNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryNote::UnclosedQuote => f.write_str("the closing quote was missing, so the phrase runs to the end"),
            QueryNote::LoneMinus => f.write_str("a lone \u{2018}-\u{2019} excludes nothing and was ignored"),
            QueryNote::DanglingOr => f.write_str("\u{2018}OR\u{2019} needs a word on each side; it was ignored"),
            QueryNote::EmptyFilter(field) => write!(f, "\u{2018}{field}:\u{2019} has no value and was ignored"),
            QueryNote::BadDate(value) => write!(
                f,
                "\u{2018}date:{value}\u{2019} is not a date or range (try date:2022-09-01..2022-09-15); ignored"
            ),
            QueryNote::UnknownType(kind) => {
                let types: Vec<&str> = EntityType::ALL.iter().map(|t| t.label()).collect();
                write!(
                    f,
                    "\u{2018}{kind}\u{2019} is not an entity type ({}); ignored",
                    types.join(", ")
                )
            }
            QueryNote::UnknownEntity(name) => write!(f, "no entity named \u{201C}{name}\u{201D} in this corpus"),
            QueryNote::OnlyExclusions => f.write_str("only exclusions: showing every other document"),
            QueryNote::AllExcluded { matches, excluded } => {
                let said: Vec<String> = excluded.iter().map(|e| format!("\u{201C}{e}\u{201D}")).collect();
                let all = if *matches == 1 {
                    "the only match mentions".to_owned()
                } else {
                    format!("all {matches} matches mention")
                };
                write!(f, "{all} {}, which the query excludes", said.join(" or "))
            }
            QueryNote::UnknownFilter(field) => write!(
                f,
                "\u{2018}{field}:\u{2019} is not a filter (title, outlet, date, entity, type, tag, is:starred, note); its words were searched"
            ),
            QueryNote::UnknownTag(name) => write!(f, "you have no tag named \u{201C}{name}\u{201D}"),
            QueryNote::UnknownState(value) => write!(
                f,
                "\u{2018}is:{value}\u{2019} is not something a document can be (try is:starred); ignored"
            ),
            QueryNote::Provisional { phrase: true } => f.write_str(
                "the rest of the search index is still arriving: for now a phrase matches its words anywhere in a document"
            ),
            QueryNote::Provisional { phrase: false } => f.write_str(
                "the rest of the search index is still arriving: for now how near the words are does not count"
            ),
        }
    }
}

/// One lexical item of the query string.
#[derive(Debug)]
enum Item {
    Or,
    Atom { atom: Atom, negated: bool },
    Outlet(String),
    Date(DateRange),
    Entity(String),
    Type(String),
    Mark(MarkFilter),
}

/// Parses any string. `typing` says the user is still typing the last word, which is then
/// matched as a prefix (false when the string ends with a space).
pub fn parse(input: &str, typing: bool) -> Query {
    let mut query = Query::default();
    let items = lex(input, &mut query.notes);

    let ends_in_space = input.ends_with(char::is_whitespace);
    let last_word = items.iter().rposition(|i| {
        matches!(
            i,
            Item::Atom {
                atom: Atom {
                    kind: AtomKind::Word { .. },
                    ..
                },
                negated: false
            }
        )
    });
    let last_item = items.len().saturating_sub(1);
    let mut pending_or = false;
    let mut items = items.into_iter().enumerate().peekable();
    while let Some((i, item)) = items.next() {
        match item {
            Item::Or => {
                let has_left = query.groups.last().is_some() && !pending_or;
                let has_right = matches!(items.peek(), Some((_, Item::Atom { negated: false, .. })));
                if has_left && has_right {
                    pending_or = true;
                } else if !query.notes.contains(&QueryNote::DanglingOr) {
                    query.notes.push(QueryNote::DanglingOr);
                }
            }
            Item::Atom { mut atom, negated } => {
                if let AtomKind::Word { prefix } = &mut atom.kind {
                    *prefix =
                        typing && !ends_in_space && Some(i) == last_word && is_at_end(input, &atom.text);
                }
                if negated {
                    query.excluded.push(atom);
                } else if pending_or {
                    pending_or = false;
                    if let Some(group) = query.groups.last_mut() {
                        group.push(atom);
                    }
                } else {
                    query.groups.push(vec![atom]);
                }
            }
            Item::Outlet(name) => query.outlets.push(name),
            Item::Date(range) => query.date = Some(range),
            Item::Entity(name) => query.entities.push(name),
            Item::Type(kind) => query.types.push(kind),
            Item::Mark(mut filter) => {
                if let Mark::Note(atom) = &mut filter.mark {
                    if let AtomKind::Word { prefix } = &mut atom.kind {
                        *prefix = typing && !ends_in_space && i == last_item && is_at_end(input, &atom.text);
                    }
                }
                query.marks.push(filter);
            }
        }
    }
    if query.groups.is_empty() && !query.excluded.is_empty() {
        query.notes.push(QueryNote::OnlyExclusions);
    }
    query
}

/// Is `text` the very end of the input (so the user's cursor is on it)?
fn is_at_end(input: &str, text: &str) -> bool {
    input.trim_end().to_lowercase().ends_with(&text.to_lowercase())
}

fn lex(input: &str, notes: &mut Vec<QueryNote>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let negated = rest.starts_with('-');
        if negated {
            rest = &rest[1..];
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                notes.push(QueryNote::LoneMinus);
                continue;
            }
        }
        if rest.starts_with('"') {
            let (text, after) = quoted(&rest[1..], notes);
            rest = after;
            if let Some(atom) = phrase_or_word(text, Field::Any) {
                items.push(Item::Atom { atom, negated });
            }
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (chunk, after) = rest.split_at(end);
        rest = after;
        if chunk == "OR" && !negated {
            items.push(Item::Or);
            continue;
        }
        if let Some((field, value)) = chunk.split_once(':') {
            let field_lower = field.to_ascii_lowercase();
            if matches!(
                field_lower.as_str(),
                "title" | "outlet" | "date" | "entity" | "type" | "tag" | "is" | "note"
            ) {
                // A quoted value may contain spaces: re-read it from the quote.
                let value = if value.starts_with('"') {
                    let quote_at = input.len() - rest.len() - chunk.len() + field.len() + 1;
                    let (text, after) = quoted(&input[quote_at + 1..], notes);
                    rest = after;
                    text
                } else {
                    value
                };
                if value.trim().is_empty() {
                    notes.push(QueryNote::EmptyFilter(field_lower));
                    continue;
                }
                match field_lower.as_str() {
                    "title" => {
                        if let Some(atom) = phrase_or_word(value, Field::Title) {
                            items.push(Item::Atom { atom, negated });
                        }
                    }
                    "outlet" => items.push(Item::Outlet(value.trim().to_lowercase())),
                    "date" => match parse_date_range(value) {
                        Some(range) => items.push(Item::Date(range)),
                        None => notes.push(QueryNote::BadDate(value.to_owned())),
                    },
                    "entity" => items.push(Item::Entity(value.trim().to_owned())),
                    "type" => items.push(Item::Type(value.trim().to_uppercase())),
                    "tag" => items.push(Item::Mark(MarkFilter {
                        mark: Mark::Tag(value.to_owned()),
                        negated,
                    })),
                    "is" if value.trim().eq_ignore_ascii_case("starred") => {
                        items.push(Item::Mark(MarkFilter {
                            mark: Mark::Starred,
                            negated,
                        }))
                    }
                    "is" => notes.push(QueryNote::UnknownState(value.trim().to_owned())),
                    _ => match phrase_or_word(value, Field::Any) {
                        Some(atom) => items.push(Item::Mark(MarkFilter {
                            mark: Mark::Note(atom),
                            negated,
                        })),
                        None => notes.push(QueryNote::EmptyFilter(field_lower)),
                    },
                }
                continue;
            }
        }
        if let Some((field, value)) = unknown_filter(chunk) {
            notes.push(QueryNote::UnknownFilter(field.to_ascii_lowercase()));
            for part in [field, value] {
                if let Some(atom) = phrase_or_word(part, Field::Any) {
                    items.push(Item::Atom { atom, negated });
                }
            }
            continue;
        }
        if let Some(atom) = phrase_or_word(chunk, Field::Any) {
            items.push(Item::Atom { atom, negated });
        }
    }
    items
}

/// `foo:bar`, a filter this language does not have: a name of letters, a colon and a
/// value. "10:30" and a web address ("https://...") are not filters.
fn unknown_filter(chunk: &str) -> Option<(&str, &str)> {
    let (field, value) = chunk.split_once(':')?;
    let is_name = field.len() >= 2 && field.chars().all(|c| c.is_alphabetic());
    (is_name && !value.is_empty() && !value.starts_with('/')).then_some((field, value))
}

/// The text up to the closing quote (or the end, with a note), and what follows it.
fn quoted<'a>(after_quote: &'a str, notes: &mut Vec<QueryNote>) -> (&'a str, &'a str) {
    match after_quote.find('"') {
        Some(close) => (&after_quote[..close], &after_quote[close + 1..]),
        None => {
            notes.push(QueryNote::UnclosedQuote);
            (after_quote, "")
        }
    }
}

/// A chunk of several words ("Putin-Xi", "a phrase") is a phrase; one word is a word;
/// punctuation alone is nothing.
fn phrase_or_word(text: &str, field: Field) -> Option<Atom> {
    use unicode_segmentation::UnicodeSegmentation;
    let words = text.unicode_words().count();
    let kind = match words {
        0 => return None,
        1 => AtomKind::Word { prefix: false },
        _ => AtomKind::Phrase,
    };
    Some(Atom {
        kind,
        text: text.trim().to_owned(),
        field,
    })
}

/// Reads a `date:` value: `2022-09-01..2022-09-15`, `2022-09`, `2022`, `..2022-09-15`,
/// `2022-09-01..`; `None` when it is not a range.
pub fn parse_date_range(value: &str) -> Option<DateRange> {
    match value.split_once("..") {
        Some((from, to)) => {
            let from = if from.is_empty() {
                None
            } else {
                Some(date_bound(from, false)?)
            };
            let to = if to.is_empty() {
                None
            } else {
                Some(date_bound(to, true)?)
            };
            if from.is_none() && to.is_none() {
                return None;
            }
            Some(DateRange { from, to })
        }
        None => Some(DateRange {
            from: Some(date_bound(value, false)?),
            to: Some(date_bound(value, true)?),
        }),
    }
}

/// `2022-09-15`, `2022-09` or `2022`; a partial date widens to its first or last day.
fn date_bound(text: &str, end: bool) -> Option<CalendarDate> {
    let mut parts = text.split('-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
    let day: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
    if parts.next().is_some() {
        return None;
    }
    let m = month.unwrap_or(if end { 12 } else { 1 });
    match day {
        Some(d) => CalendarDate::new(Some(year), m, d),
        // The last day of the month is the largest that exists.
        None if end => (28..=31).rev().find_map(|d| CalendarDate::new(Some(year), m, d)),
        None => CalendarDate::new(Some(year), m, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(group: &[Atom]) -> Vec<&str> {
        group.iter().map(|a| a.text.as_str()).collect()
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let q = parse(r#"putin "xi jinping" -trump -"white house""#, false);
        assert_eq!(q.groups.len(), 2);
        assert_eq!(q.groups[1][0].kind, AtomKind::Phrase);
        assert_eq!(q.excluded.len(), 2);
        assert_eq!(q.excluded[1].text, "white house");
        assert!(q.notes.is_empty());
    }

    #[test]
    fn or_joins_neighbours() {
        let q = parse("summit putin OR xi", false);
        assert_eq!(q.groups.len(), 2);
        assert_eq!(words(&q.groups[1]), vec!["putin", "xi"]);
        assert_eq!(parse("OR putin", false).notes, vec![QueryNote::DanglingOr]);
        assert_eq!(parse("putin OR", false).notes, vec![QueryNote::DanglingOr]);
    }

    #[test]
    fn last_word_is_a_prefix_only_while_typing() {
        let q = parse("putin sam", true);
        assert_eq!(q.groups[1][0].kind, AtomKind::Word { prefix: true });
        assert_eq!(q.groups[0][0].kind, AtomKind::Word { prefix: false });
        assert_eq!(
            parse("putin sam ", true).groups[1][0].kind,
            AtomKind::Word { prefix: false }
        );
        assert_eq!(
            parse("putin sam", false).groups[1][0].kind,
            AtomKind::Word { prefix: false }
        );
    }

    #[test]
    fn fields_and_filters() {
        let q = parse(
            r#"title:"summit talks" outlet:Press date:2022-09-01..2022-09-15"#,
            false,
        );
        assert_eq!(q.groups[0][0].field, Field::Title);
        assert_eq!(q.groups[0][0].kind, AtomKind::Phrase);
        assert_eq!(q.outlets, vec!["press"]);
        let range = q.date.unwrap();
        assert_eq!(range.from, CalendarDate::new(Some(2022), 9, 1));
        assert_eq!(range.to, CalendarDate::new(Some(2022), 9, 15));
        let month = parse("date:2022-02", false).date.unwrap();
        assert_eq!(month.to, CalendarDate::new(Some(2022), 2, 28));
        assert_eq!(parse("date:..2022", false).date.unwrap().from, None);
    }

    #[test]
    fn malformed_input_still_searches_and_says_so() {
        let q = parse(r#""xi jinping"#, false);
        assert_eq!(q.groups[0][0].text, "xi jinping");
        assert_eq!(q.notes, vec![QueryNote::UnclosedQuote]);
        assert_eq!(parse("putin -", false).notes, vec![QueryNote::LoneMinus]);
        assert_eq!(
            parse("date:soon", false).notes,
            vec![QueryNote::BadDate("soon".into())]
        );
        assert_eq!(
            parse("outlet:", false).notes,
            vec![QueryNote::EmptyFilter("outlet".into())]
        );
        let q = parse("entity:\"Xi Jinping\" type:gpe putin", false);
        assert_eq!(q.entities, vec!["Xi Jinping"]);
        assert_eq!(q.types, vec!["GPE"]);
        assert_eq!(q.groups.len(), 1);
        assert!(q.notes.is_empty());
        assert_eq!(parse("-trade", false).notes, vec![QueryNote::OnlyExclusions]);
        assert!(parse("?!", false).is_empty());
    }

    /// The note on an unknown `type:` lists every type a reader can filter by, the new
    /// name types (issue 19) included, and those parse like the others.
    #[test]
    fn an_unknown_type_note_lists_every_type() {
        let note = QueryNote::UnknownType("THING".into()).to_string();
        for kind in EntityType::ALL {
            assert!(note.contains(kind.label()), "{note} lacks {}", kind.label());
        }
        assert_eq!(parse("type:work_of_art treaty", false).types, vec!["WORK_OF_ART"]);
        assert_eq!(EntityType::from_label("work_of_art"), Some(EntityType::WorkOfArt));
    }

    /// The note on an unknown filter names every filter, the reader's marks included.
    #[test]
    fn an_unknown_filter_note_lists_the_marks_filters() {
        let note = QueryNote::UnknownFilter("colour".into()).to_string();
        for filter in ["tag", "is:starred", "note"] {
            assert!(note.contains(filter), "{note} lacks {filter}");
        }
        let q = parse("tag:a:b -tag:\"Two Words\"", false);
        assert_eq!(
            q.marks,
            [
                MarkFilter {
                    mark: Mark::Tag("a:b".into()),
                    negated: false
                },
                MarkFilter {
                    mark: Mark::Tag("Two Words".into()),
                    negated: true
                }
            ]
        );
        assert!(!q.is_empty());
    }

    #[test]
    fn joined_words_become_a_phrase_and_unknown_fields_are_text() {
        assert_eq!(parse("Putin-Xi", false).groups[0][0].kind, AtomKind::Phrase);
        assert_eq!(parse("at 10:30", false).groups.len(), 2);
    }
}
