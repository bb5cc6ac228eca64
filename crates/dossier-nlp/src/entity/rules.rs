//! Rule-found entities (dates, times, numbers): every rule's matches, first rule wins.

use dossier_model::entity::EntityType;
use dossier_model::span::Span;
use regex::Regex;

/// A pattern and the type of what it matches.
pub struct Rule {
    regex: Regex,
    kind: EntityType,
}

impl Rule {
    /// Compiles `pattern` with ASCII word boundaries: a Unicode `\b` keeps the regex
    /// crate off its fast DFA for non-ASCII text (four times slower on BBC), and every
    /// boundary here sits next to ASCII letters or digits anyway.
    pub fn new(pattern: &str, kind: EntityType) -> Rule {
        Rule {
            regex: compile(&pattern.replace(r"\b", r"(?-u:\b)")),
            kind,
        }
    }
}

/// A stretch of text a rule claims.
/// Compiles a rule's pattern; the patterns are constants, so a failure is a bug
/// caught by every test.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("entity rule {pattern:?} does not compile: {e}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub span: Span,
    pub kind: EntityType,
}

/// Every date, time and number rule.
pub struct Rules(Vec<Rule>);

impl Rules {
    pub fn new(rules: Vec<Rule>) -> Rules {
        Rules(rules)
    }
}

/// Matches of every rule in `text`, sorted by start and never overlapping. Where matches
/// overlap, dates and times beat money, percentages and quantities, which beat ordinals
/// and bare numbers ("2,000 tonnes" over "2,000"); within one tier the longer match wins
/// ("24 February 2022" over "February 2022").
pub fn find(rules: &Rules, text: &str) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    for rule in &rules.0 {
        for m in rule.regex.find_iter(text) {
            // "COVID-19", "Su-35": a number glued to a word by a hyphen is part of a name.
            let glued = text[..m.start()]
                .strip_suffix('-')
                .is_some_and(|b| b.ends_with(char::is_alphanumeric));
            if m.start() < m.end() && !glued {
                all.push(Found {
                    span: Span::new(m.start(), m.end()),
                    kind: rule.kind,
                });
            }
        }
    }
    all.sort_by_key(|f| (tier(f.kind), std::cmp::Reverse(f.span.len()), f.span.start));
    let mut taken = Vec::new();
    for found in all {
        claim(&mut taken, found);
    }
    taken
}

fn tier(kind: EntityType) -> u8 {
    match kind {
        EntityType::Date | EntityType::Time => 0,
        EntityType::Money | EntityType::Percent | EntityType::Quantity => 1,
        _ => 2,
    }
}

/// Inserts `found` into the sorted, non-overlapping `taken` unless it overlaps.
pub fn claim(taken: &mut Vec<Found>, found: Found) {
    let at = taken.partition_point(|t| t.span.end <= found.span.start);
    if taken.get(at).is_some_and(|t| t.span.start < found.span.end) {
        return;
    }
    taken.insert(at, found);
}
