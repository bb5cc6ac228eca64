//! Document-level consistency: a name recognised once is recognised at its other
//! mentions in the same document, and so are the parts of a person's name ("Putin" after
//! "Vladimir Putin"). The tagger decides sentence by sentence and misses a name it found
//! elsewhere when the context is thin (a headline, a caption).

use super::names::Context;
use super::rules::{claim, Found};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use dossier_model::entity::EntityType;
use dossier_model::span::Span;
use std::collections::HashMap;

/// Adds to `names` (sorted, non-overlapping) every other occurrence in `text` of a name
/// already in it or of a part of a person's name, at word boundaries, outside page chrome.
pub fn propagate(text: &str, names: &mut Vec<Found>, cx: &Context) {
    let mut patterns: HashMap<&str, Option<EntityType>> = HashMap::new();
    let known: Vec<(Span, EntityType)> = names.iter().map(|f| (f.span, f.kind)).collect();
    for &(span, kind) in &known {
        let surface = &text[span.range()];
        if surface.chars().count() >= 2 {
            note(&mut patterns, surface, kind);
        }
        if kind == EntityType::Person && surface.contains(' ') {
            for part in surface.split(' ') {
                if part.chars().count() >= 2
                    && part.starts_with(char::is_uppercase)
                    && !cx.is_common_word(part)
                {
                    note(&mut patterns, part, kind);
                }
            }
        }
    }
    let patterns: Vec<(&str, EntityType)> = patterns
        .into_iter()
        .filter_map(|(surface, kind)| Some((surface, kind?)))
        .collect();
    if patterns.is_empty() {
        return;
    }
    // Building fails only past size limits far above a document's names; without the
    // automaton the tagger's own mentions stand.
    // A document's few dozen names are searched once: an NFA, which skips the DFA's
    // construction, is the faster whole.
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(patterns.iter().map(|(s, _)| s))
    else {
        return;
    };
    for m in automaton.find_iter(text) {
        let span = Span::new(m.start(), m.end());
        if at_word_boundaries(text, span) && !cx.in_chrome(span) {
            let found = Found {
                span,
                kind: patterns[m.pattern().as_usize()].1,
            };
            replace_parts(names, found);
            claim(names, found);
        }
    }
}

/// Removes from `names` the mentions of `found`'s type that lie inside it, when nothing
/// else overlaps it: the tagger, deciding word by word, may find "Xi" where the document
/// elsewhere says "Xi Jinping" ("legislator and Xi Jinping Li Zhanshu met"), and the
/// full name wins.
fn replace_parts(names: &mut Vec<Found>, found: Found) {
    let first = names.partition_point(|n| n.span.end <= found.span.start);
    let overlapping = names[first..]
        .iter()
        .take_while(|n| n.span.start < found.span.end)
        .count();
    let parts = &names[first..first + overlapping];
    let inside = |n: &Found| found.span.start <= n.span.start && n.span.end <= found.span.end;
    if overlapping > 0
        && parts
            .iter()
            .all(|n| inside(n) && n.kind == found.kind && n.span != found.span)
    {
        names.drain(first..first + overlapping);
    }
}

/// Records that `surface` names a `kind`; a surface seen with two types is ambiguous
/// and is not propagated.
fn note<'t>(patterns: &mut HashMap<&'t str, Option<EntityType>>, surface: &'t str, kind: EntityType) {
    patterns
        .entry(surface)
        .and_modify(|k| {
            if *k != Some(kind) {
                *k = None;
            }
        })
        .or_insert(Some(kind));
}

fn at_word_boundaries(text: &str, span: Span) -> bool {
    let before = text[..span.start as usize].chars().next_back();
    let after = text[span.end as usize..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer::Gazetteer;
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_name_parts_recur_at_word_boundaries() {
        let text = "Vladimir Putin met Xi. Putin said Putinism is dead; Moscow agreed. Moscow.";
        let gazetteer = Gazetteer::embedded();
        let lower = HashSet::new();
        let cx = Context {
            gazetteer: &gazetteer,
            lower_words: &lower,
            chrome: &[Span::new(67, 74)],
            spliced: &[],
        };
        let mut names = vec![
            Found {
                span: Span::new(0, 14),
                kind: EntityType::Person,
            },
            Found {
                span: Span::new(52, 58),
                kind: EntityType::Gpe,
            },
        ];
        propagate(text, &mut names, &cx);
        let got: Vec<&str> = names.iter().map(|f| &text[f.span.range()]).collect();
        assert_eq!(got, ["Vladimir Putin", "Putin", "Moscow"]);
        assert_eq!(names[1].kind, EntityType::Person);
    }

    #[test]
    fn a_full_name_replaces_the_part_the_tagger_found() {
        let text = "Xi Jinping spoke. The legislator and Xi Jinping Li Zhanshu met.";
        let gazetteer = Gazetteer::embedded();
        let lower = HashSet::new();
        let cx = Context {
            gazetteer: &gazetteer,
            lower_words: &lower,
            chrome: &[],
            spliced: &[],
        };
        let at = |s: &str, from: usize| {
            let start = from + text[from..].find(s).expect("in text");
            Found {
                span: Span::new(start, start + s.len()),
                kind: EntityType::Person,
            }
        };
        let mut names = vec![at("Xi Jinping", 0), at("Xi", 18), at("Li Zhanshu", 0)];
        propagate(text, &mut names, &cx);
        let got: Vec<&str> = names.iter().map(|f| &text[f.span.range()]).collect();
        assert_eq!(got, ["Xi Jinping", "Xi Jinping", "Li Zhanshu"]);
    }
}
