//! Files holding several articles: where a new one starts.
//!
//! A new article starts at a headline-shaped line that follows a finished paragraph,
//! with evidence that a different story follows: a dateline or byline right after it, or
//! text whose vocabulary barely overlaps the text before it. A subheading inside one story
//! shares the story's words; the next story does not.

use super::lines::{is_list_item, Line};
use dossier_model::date::{parse_date_line, parse_dateline};
use dossier_model::document::RegionKind;
use dossier_model::text::ends_with_full_stop;
use std::collections::HashSet;
use unicode_segmentation::UnicodeSegmentation;

/// Headlines are between three and twenty words.
const HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 3..=20;
/// A question longer than this is a quote, not a headline.
const MAX_QUESTION_WORDS: usize = 8;
/// Each side of a split must have at least this much prose for the vocabulary test.
const MIN_SIDE_WORDS: usize = 100;
/// At most this share of the smaller side's vocabulary may recur on the other side.
const MAX_SHARED_VOCABULARY: f64 = 0.2;

/// Indices of lines that start a new article (never 0).
pub(crate) fn article_starts(text: &str, lines: &[Line], furniture: &[Option<RegionKind>]) -> Vec<usize> {
    let live: Vec<usize> = (0..lines.len()).filter(|&i| furniture[i].is_none()).collect();
    let mut starts = Vec::new();
    let mut current_start = 0;
    for (k, &i) in live.iter().enumerate() {
        let (Some(&prev), Some(&next)) = (k.checked_sub(1).and_then(|p| live.get(p)), live.get(k + 1)) else {
            continue;
        };
        let line = &text[lines[i].span.range()];
        let next_text = &text[lines[next].span.range()];
        let continues = next_text.chars().next().is_some_and(char::is_lowercase);
        if !is_headline_candidate(line, &lines[i]) || !lines[prev].ends_sentence || continues {
            continue;
        }
        let next_end = starts_after(&live, k, lines, text);
        // An all-capitals line between paragraphs is a subheading unless a dateline or a
        // byline says otherwise.
        let shouting = !line.chars().any(char::is_lowercase);
        let evidence = parse_dateline(next_text).is_some()
            || is_byline(next_text)
            || (!shouting && different_story(text, &lines[current_start..i], &lines[i + 1..next_end]));
        if evidence {
            starts.push(i);
            current_start = i;
        }
    }
    starts
}

/// The end (exclusive) of the text after candidate `live[k]`: the next candidate or the
/// end of the file, so a third story does not dilute the comparison.
fn starts_after(live: &[usize], k: usize, lines: &[Line], text: &str) -> usize {
    live[k + 1..]
        .iter()
        .copied()
        .find(|&j| is_headline_candidate(&text[lines[j].span.range()], &lines[j]))
        .unwrap_or(lines.len())
}

/// Short, capitalised, and not ending like a sentence: a teaser's ellipsis may end a
/// headline, and so may a question when it is short and has no comma ("What now for
/// British tennis?"); a longer question is a quote in the story.
fn is_headline_candidate(line: &str, shape: &Line) -> bool {
    let question = line.ends_with('?');
    HEADLINE_WORDS.contains(&shape.words)
        && !ends_with_full_stop(line)
        && !(question && (shape.words > MAX_QUESTION_WORDS || line.contains(',')))
        && !line.ends_with([':', ',', ';'])
        && !is_list_item(line)
        && parse_date_line(line).is_none()
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// "By Jane Doe", "By Jane Doe, BBC News".
fn is_byline(line: &str) -> bool {
    line.strip_prefix("By ")
        .is_some_and(|rest| rest.split_whitespace().count() <= 6 && !rest.ends_with('.'))
}

fn different_story(text: &str, before: &[Line], after: &[Line]) -> bool {
    let (a, a_words) = vocabulary(text, before);
    let (b, b_words) = vocabulary(text, after);
    if a_words < MIN_SIDE_WORDS || b_words < MIN_SIDE_WORDS {
        return false;
    }
    let shared = a.intersection(&b).count() as f64;
    let smaller = a.len().min(b.len()).max(1) as f64;
    shared / smaller <= MAX_SHARED_VOCABULARY
}

/// Distinctive words (lower-cased, five letters or more) and the number of words seen.
fn vocabulary(text: &str, lines: &[Line]) -> (HashSet<String>, usize) {
    let mut set = HashSet::new();
    let mut n = 0;
    for line in lines {
        for word in text[line.span.range()].unicode_words() {
            n += 1;
            if word.chars().count() >= 5 && word.chars().all(char::is_alphabetic) {
                set.insert(word.to_lowercase());
            }
        }
    }
    (set, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    fn starts(text: &str) -> Vec<String> {
        let lines = split_lines(text);
        let furniture = vec![None; lines.len()];
        article_starts(text, &lines, &furniture)
            .into_iter()
            .map(|i| text[lines[i].span.range()].to_owned())
            .collect()
    }

    #[test]
    fn a_headline_followed_by_a_dateline_starts_an_article() {
        let text = "First story\n\nThe first story is told here in full sentences.\n\nSecond Story Headline Here\n\nPARIS, March 3 - A second story starts with its dateline and goes on.\n";
        assert_eq!(starts(text), ["Second Story Headline Here"]);
    }

    #[test]
    fn a_subheading_is_not_a_new_article() {
        let text = "Heading\n\nThe minister said the budget would cut taxes for families and raise spending on schools.\n\nTax changes\n\nThe budget cuts taxes for families, the minister said, and schools get more spending.\n";
        assert!(starts(text).is_empty());
    }
}
