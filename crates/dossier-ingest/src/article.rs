//! One article's structure, decided from the position of its lines: the headline (or a
//! title derived from the lead), page and publication dates, the dateline, captions under
//! the headline, the footer after the story, repeated lines, spliced headlines, outlet.
//!
//! The story is the run of *content* lines (full sentences of some length); what stands
//! before it is the page header, what stands after it the page footer. Short lines without
//! sentence punctuation are furniture there, while the same lines inside the story (a
//! subheading, a list) are kept.

// Line indices address parallel vectors (`lines`, `Pass::whole`, `Pass::taken`), so loops
// over index ranges are the clear form here.
#![allow(clippy::needless_range_loop)]

use super::lines::{is_list_item, Line};
use super::outlet::find_outlet;
use super::spliced::spliced_headlines;
use dossier_model::date::{parse_date_line, parse_date_prefix, parse_dateline, year_number};
use dossier_model::document::{DateSource, DatedFact, Outlet, Region, RegionKind, Title, TitleSource};
use dossier_model::span::Span;
use dossier_model::text::{ends_with_full_stop, normalise_line, word_count, word_spans};
use unicode_segmentation::UnicodeSegmentation;

/// A headline is at most this long; longer first lines are the story's lead.
const MAX_HEADLINE_WORDS: usize = 25;
/// Footer lines without sentence punctuation up to this length are page chrome; longer
/// ones (an author's biography) are kept.
const MAX_FOOTER_LABEL_WORDS: usize = 12;
/// A derived title keeps this many words of the lead sentence.
const DERIVED_TITLE_WORDS: usize = 12;
/// A shared tail must be this long for two lines to count as one repeated.
const MIN_REPEATED_WORDS: usize = 4;

/// What ingest learns about one article. Spans point into the file's text.
pub(crate) struct ArticleFacts {
    pub title: Title,
    pub published: Option<DatedFact>,
    pub saved: Option<DatedFact>,
    pub outlet: Option<Outlet>,
    pub regions: Vec<Region>,
}

/// Per-line verdicts while the passes run.
struct Pass<'a> {
    text: &'a str,
    lines: &'a [Line],
    /// A whole-line region, if the line is furniture or metadata.
    whole: Vec<Option<RegionKind>>,
    /// Regions covering part of a line (or a line cut in two), in file coordinates.
    parts: Vec<Region>,
    /// Lines already fully accounted for by `parts`.
    taken: Vec<bool>,
}

impl<'a> Pass<'a> {
    fn line(&self, i: usize) -> &'a str {
        &self.text[self.lines[i].span.range()]
    }

    /// Still an ordinary line of text (not furniture, metadata or taken).
    fn live(&self, i: usize) -> bool {
        self.whole[i].is_none() && !self.taken[i]
    }

    fn live_lines(&self) -> Vec<usize> {
        (0..self.lines.len()).filter(|&i| self.live(i)).collect()
    }
}

/// Analyses the lines of one article. `furniture` holds each line's verdict from
/// [`super::furniture::classify`]. Returns `None` when nothing but furniture is left.
pub(crate) fn analyse(text: &str, lines: &[Line], furniture: &[Option<RegionKind>]) -> Option<ArticleFacts> {
    let mut pass = Pass {
        text,
        lines,
        whole: furniture.to_vec(),
        parts: Vec::new(),
        taken: vec![false; lines.len()],
    };
    mark_repeated_lines(&mut pass);
    let mut published = None;
    let mut saved = None;

    // The header: page dates and labelled dates before the headline, then the headline.
    let mut title = None;
    let mut title_line = None;
    for i in 0..lines.len() {
        if !pass.live(i) {
            if published.is_none() && pass.whole[i].is_some() {
                published = labelled_date(pass.line(i), lines[i].span.start as usize);
            }
            continue;
        }
        if let Some(date) = parse_date_line(pass.line(i)) {
            pass.whole[i] = Some(RegionKind::PageDate);
            saved = Some(DatedFact {
                date,
                span: lines[i].span,
                source: DateSource::PageHeader,
            });
            continue;
        }
        if is_headline_shaped(pass.line(i), &lines[i]) {
            pass.whole[i] = Some(RegionKind::Headline);
            title = Some(Title {
                text: clean_title(pass.line(i)),
                source: TitleSource::Headline(lines[i].span),
            });
            title_line = Some(i);
        }
        break;
    }

    // The story runs from the first to the last content line; a text without any full
    // sentence is all story.
    let live = pass.live_lines();
    let first_content = live
        .iter()
        .copied()
        .find(|&i| lines[i].is_content())
        .or(live.first().copied());
    let (title, first_content, last_content) = match (title, first_content) {
        (None, None) => return None,
        (Some(title), None) => (title, lines.len(), lines.len() - 1),
        (title, Some(first)) => {
            let last = live
                .iter()
                .copied()
                .rfind(|&i| lines[i].is_content())
                .unwrap_or(first);
            let title = title.unwrap_or_else(|| derived_title(text, lines[first].span));
            (title, first, last)
        }
    };

    // Between the headline and the story: a dated line under the headline is the
    // publication date; a line shown twice (an image's alt text, then its caption) is a
    // caption. Other lines there (a venue, a kick-off time) are left alone.
    let header_start = title_line.map_or(0, |t| t + 1);
    for i in header_start..first_content {
        if !pass.live(i) {
            continue;
        }
        let line = pass.line(i);
        match parse_date_line(line) {
            Some(date) if date.year.is_some() => {
                pass.whole[i] = Some(RegionKind::Dateline);
                published.get_or_insert(DatedFact {
                    date,
                    span: lines[i].span,
                    source: DateSource::Label,
                });
                continue;
            }
            _ => {}
        }
        if let Some(fact) = labelled_date(line, lines[i].span.start as usize) {
            published.get_or_insert(fact);
        } else if pass.whole.get(i + 1) == Some(&Some(RegionKind::Duplicate)) {
            pass.whole[i] = Some(RegionKind::Caption);
        }
    }

    // After the story: once page furniture has begun (a share bar, "Source link"), short
    // labels are furniture too; so are a bracketed disclaimer and a line that introduces
    // furniture ("... at the following addresses:"). Before any furniture, a short line
    // after the story (a fixture list, a credit) is still the story's.
    let mut furniture_began = false;
    for i in last_content + 1..lines.len() {
        if !pass.live(i) {
            furniture_began |= pass.whole[i].is_some_and(|k| k != RegionKind::Caption);
            continue;
        }
        let line = pass.line(i);
        let next_is_furniture = pass.whole.get(i + 1).is_some_and(|k| k.is_some());
        let label =
            !lines[i].ends_sentence && lines[i].words <= MAX_FOOTER_LABEL_WORDS && !is_list_item(line);
        let bracketed = line.starts_with('(') && line.ends_with(')');
        if (furniture_began && label) || bracketed || (line.ends_with(':') && next_is_furniture) {
            pass.whole[i] = Some(RegionKind::Footer);
        }
    }

    // The dateline opens one of the first two paragraphs.
    for &i in live
        .iter()
        .filter(|&&i| i >= first_content && pass.live(i))
        .take(2)
    {
        if let Some(dl) = parse_dateline(pass.line(i)) {
            let start = lines[i].span.start as usize;
            let dl_text = pass.line(i)[..dl.len].trim_end();
            pass.parts.push(Region {
                span: Span::new(start, start + dl_text.len()),
                kind: RegionKind::Dateline,
            });
            if published.is_none() {
                published = Some(DatedFact {
                    date: dl.date,
                    span: Span::new(start, start + dl_text.len()),
                    source: DateSource::Dateline,
                });
            }
            break;
        }
    }

    // Headlines of other stories glued into paragraphs.
    for i in first_content..=last_content.min(lines.len().saturating_sub(1)) {
        if !pass.live(i) {
            continue;
        }
        let start = lines[i].span.start as usize;
        for (s, e) in spliced_headlines(pass.line(i)) {
            if pass
                .parts
                .iter()
                .any(|r| r.span.contains(Span::new(start + s, start + s)))
            {
                continue;
            }
            pass.parts.push(Region {
                span: Span::new(start + s, start + e),
                kind: RegionKind::SplicedHeadline,
            });
        }
    }

    if let Some(fact) = published.as_mut() {
        if fact.date.year.is_none() {
            if let Some(date) = context_year(text, lines).and_then(|y| fact.date.with_year(y)) {
                fact.date = date;
            }
        }
    }

    let outlet = find_outlet_in_chrome(&pass);
    let mut regions = pass.parts;
    regions.extend(pass.whole.iter().zip(lines).filter_map(|(kind, line)| {
        kind.map(|kind| Region {
            span: line.span,
            kind,
        })
    }));
    regions.sort_by_key(|r| (r.span.start, r.span.end));
    Some(ArticleFacts {
        title,
        published,
        saved,
        outlet,
        regions,
    })
}

/// A line that repeats its neighbour, or repeats it behind a label ("HomeWorld" glued to
/// the headline, "You are currently viewing ...") or behind a dateline.
///
/// Only the top of the article is searched (up to its third paragraph of prose), where
/// scrapers repeat headlines and standfirsts; further down, a repeated line is the story's
/// own (a results table).
fn mark_repeated_lines(pass: &mut Pass<'_>) {
    let live = pass.live_lines();
    let top_end = live
        .iter()
        .copied()
        .filter(|&i| pass.lines[i].is_content())
        .nth(2)
        .unwrap_or(pass.lines.len());
    for pair in live.windows(2).take_while(|pair| pair[1] < top_end) {
        let (a, b) = (pair[0], pair[1]);
        if !pass.live(a) || !pass.live(b) {
            continue;
        }
        let (la, lb) = (pass.line(a), pass.line(b));
        if normalise_line(la) == normalise_line(lb) {
            pass.whole[b] = Some(RegionKind::Duplicate);
        } else if la.len() > lb.len() && la.ends_with(lb) && word_count(lb) >= MIN_REPEATED_WORDS {
            resolve_prefixed_copy(pass, a, b);
        } else if lb.len() > la.len() && lb.ends_with(la) && word_count(la) >= MIN_REPEATED_WORDS {
            resolve_prefixed_copy(pass, b, a);
        }
    }
}

/// `long` is `short` with something in front. A dateline in front makes `long` the real
/// paragraph and `short` the copy; anything else in front is a label, and `long` goes.
fn resolve_prefixed_copy(pass: &mut Pass<'_>, long: usize, short: usize) {
    let prefix_len = pass.line(long).len() - pass.line(short).len();
    if parse_dateline(pass.line(long)).is_some_and(|dl| dl.len <= prefix_len + 1) {
        pass.whole[short] = Some(RegionKind::Duplicate);
        return;
    }
    let start = pass.lines[long].span.start as usize;
    let copy_start = start + prefix_len;
    pass.parts.push(Region {
        span: Span::new(start, copy_start),
        kind: RegionKind::Breadcrumb,
    });
    pass.parts.push(Region {
        span: Span::new(copy_start, pass.lines[long].span.end as usize),
        kind: RegionKind::Duplicate,
    });
    pass.taken[long] = true;
}

/// Short, and not ending like a sentence or a label (an ellipsis is a headline's teaser).
fn is_headline_shaped(line: &str, shape: &Line) -> bool {
    (1..=MAX_HEADLINE_WORDS).contains(&shape.words)
        && !ends_with_full_stop(line)
        && !line.ends_with(':')
        && !is_list_item(line)
}

/// A headline without the spaces and stray punctuation pages leave around it.
fn clean_title(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title made from the lead's first sentence, cut to a dozen words.
fn derived_title(text: &str, lead: Span) -> Title {
    let paragraph = &text[lead.range()];
    let first = paragraph
        .split_sentence_bounds()
        .next()
        .unwrap_or(paragraph)
        .trim_end();
    let span = Span::new(lead.start as usize, lead.start as usize + first.len());
    let words: Vec<&str> = first.split_whitespace().collect();
    let text = if words.len() > DERIVED_TITLE_WORDS + 2 {
        let cut = words[..DERIVED_TITLE_WORDS].join(" ");
        format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':']))
    } else {
        words.join(" ")
    };
    Title {
        text,
        source: TitleSource::Derived(span),
    }
}

/// "date 2022-09-07", "Published: September 7, 2022", "Updated Sept. 8, 2022" inside a
/// line. `offset` is the line's start in the file.
fn labelled_date(line: &str, offset: usize) -> Option<DatedFact> {
    let words = word_spans(line);
    for (k, &(_, word, end)) in words.iter().enumerate() {
        let label = word.trim_end_matches(':').to_lowercase();
        if !matches!(label.as_str(), "date" | "published" | "updated" | "posted" | "on")
            || k + 1 == words.len()
        {
            continue;
        }
        if label == "on"
            && !(k > 0 && matches!(words[k - 1].1.to_lowercase().as_str(), "published" | "posted"))
        {
            continue;
        }
        let rest_start = end + (line[end..].len() - line[end..].trim_start_matches([':', ' ']).len());
        if let Some((date, used)) = parse_date_prefix(&line[rest_start..]) {
            let lead = line[rest_start..].len() - line[rest_start..].trim_start().len();
            let span = Span::new(offset + rest_start + lead, offset + rest_start + used);
            return Some(DatedFact {
                date,
                span,
                source: DateSource::Label,
            });
        }
    }
    None
}

/// The year the article talks about most, to complete a dateline such as
/// "Moscow, September 13:".
fn context_year(text: &str, lines: &[Line]) -> Option<u16> {
    let mut counts: Vec<(u16, usize)> = Vec::new();
    for line in lines {
        for word in text[line.span.range()].split(|c: char| !c.is_ascii_alphanumeric()) {
            if let Some(y) = year_number(word) {
                match counts.iter_mut().find(|(cy, _)| *cy == y) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((y, 1)),
                }
            }
        }
    }
    counts.into_iter().max_by_key(|&(y, n)| (n, y)).map(|(y, _)| y)
}

/// The outlet, looked for in page chrome only: furniture, footer, captions and datelines.
fn find_outlet_in_chrome(pass: &Pass<'_>) -> Option<Outlet> {
    let chrome_lines = (0..pass.lines.len())
        .filter(|&i| !matches!(pass.whole[i], None | Some(RegionKind::Headline)))
        .map(|i| pass.lines[i].span);
    let dateline_lines = pass
        .parts
        .iter()
        .filter(|r| r.kind == RegionKind::Dateline)
        .filter_map(|r| {
            pass.lines
                .iter()
                .find(|l| l.span.contains(r.span))
                .map(|l| l.span)
        });
    for span in chrome_lines.chain(dateline_lines) {
        let line = &pass.text[span.range()];
        if let Some(name) = find_outlet(line) {
            let start = span.start as usize + name.start as usize;
            return Some(Outlet {
                name: line[name.range()].to_owned(),
                span: Span::new(start, start + name.len()),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::furniture;
    use crate::lines::split_lines;
    use dossier_model::date::CalendarDate;

    fn facts(text: &str) -> ArticleFacts {
        let lines = split_lines(text);
        let furniture: Vec<_> = lines
            .iter()
            .map(|l| furniture::classify(&text[l.span.range()], l.words, false))
            .collect();
        analyse(text, &lines, &furniture).unwrap()
    }

    #[test]
    fn labelled_dates_inside_a_bar() {
        let f = labelled_date(" date 2022-09-07 Listen 3 min", 10).unwrap();
        assert_eq!(f.date, CalendarDate::new(Some(2022), 9, 7).unwrap());
        assert_eq!(f.span, Span::new(16, 26));
        assert!(labelled_date("Published on March 3, 2021", 0).is_some());
        assert!(labelled_date("He went on Tuesday, 1 March", 0).is_none());
    }

    #[test]
    fn a_first_line_that_is_a_sentence_gives_a_derived_title() {
        let f = facts("Xi Jinping and Vladimir Putin are expected to meet at a summit in Uzbekistan next week as part of a trip. More follows.\n\nSecond paragraph is here and it is long enough to count.\n");
        assert!(f.title.is_derived());
        assert_eq!(
            f.title.text,
            "Xi Jinping and Vladimir Putin are expected to meet at a summit\u{2026}"
        );
    }

    #[test]
    fn a_file_of_furniture_only_has_no_article() {
        let text = "SHARE THIS ARTICLE\n\nAdvertisement\n";
        let lines = split_lines(text);
        let furniture: Vec<_> = lines
            .iter()
            .map(|l| furniture::classify(&text[l.span.range()], l.words, false))
            .collect();
        assert!(analyse(text, &lines, &furniture).is_none());
    }

    #[test]
    fn the_year_comes_from_the_text_around_a_dateline() {
        let f = facts("SCO Summit 2022: Leaders Meet\nMoscow, September 13: Russia is touting its support from China this week, as leaders prepare to meet.\n");
        let p = f.published.unwrap();
        assert_eq!(
            (p.date.to_string(), p.source),
            ("2022-09-13".to_owned(), DateSource::Dateline)
        );
    }
}
