//! The timeline: DATE mentions resolved to calendar ranges, relative to the document's
//! publication date.
//!
//! Absolute forms ("2022", "September 2022", "February 24, 2022", ISO dates) need no
//! anchor; every relative form ("Wednesday", "yesterday", "next week", "February 24",
//! "June", "three years ago") needs the document's publication date with its year, and is
//! left out without one. Rules, in the words of news writing:
//! - a weekday is the most recent such day on or before the article date ("Wednesday" in
//!   an article of Wednesday 2022-09-07 is that day), the next one on or after it when
//!   the mention says "next"/"this" or its sentence speaks of the future ("will", "is due
//!   to", "is scheduled", "is expected to", "upcoming"); "last Wednesday" is strictly before;
//! - a day or month without a year takes the article's year, or the year before when that
//!   would put it more than [`FUTURE_LIMIT_DAYS`] after the article (news looks back more
//!   than ahead: "February 24" in a January article is last February); "last June" is the
//!   most recent June before the article's month, "next June" the first after it;
//! - "this/next/last week|month|year" are the calendar week (Monday to Sunday), month or
//!   year holding the article date, or the one after or before it; "N days/weeks/months/
//!   years ago" go back from the article date.
//!
//! Anything else (decades, seasons, "the past two weeks", holidays) is left out rather
//! than guessed.
//!
//! A document without a publication date still says when things happen ("the summit on
//! September 15-16"): a day or month without a year then takes the year the document
//! itself states most often (in its own dated mentions, "2022"), or else the year most of
//! the corpus's dated documents were published in. Weekdays and "next week" need the
//! day itself and stay out.

use dossier_model::date::CalendarDate;
use dossier_model::document::Corpus;
use dossier_model::entity::{EntityType, Place};
use dossier_model::insights::{holding, DatedMention, Precision};
use dossier_model::span::Span;
use time::{Date, Duration, Month, Weekday};

/// A day or month without a year further than this after the article date is read as
/// last year's.
pub const FUTURE_LIMIT_DAYS: i64 = 183;

/// Every resolvable DATE mention of the corpus outside removed text, by document and
/// position; `sentences[d]` are document `d`'s sentences.
pub fn resolve_all(corpus: &Corpus, sentences: &[Vec<Span>]) -> Vec<DatedMention> {
    let mut out = Vec::new();
    let corpus_year = most_common(
        corpus
            .documents
            .iter()
            .filter_map(|d| d.published.and_then(|p| p.date.year).map(i32::from)),
    );
    for doc in &corpus.documents {
        let anchor = doc
            .published
            .and_then(|p| to_date(p.date.year?, p.date.month, p.date.day));
        let year = match anchor {
            Some(_) => None,
            None => stated_year(corpus, doc).or(corpus_year),
        };
        let doc_sentences = sentences.get(doc.id.0 as usize).map_or(&[][..], Vec::as_slice);
        for m in corpus.entities.mentions_in(doc.id) {
            let is_date = corpus
                .entities
                .entity(m.entity)
                .is_some_and(|e| e.kind == EntityType::Date);
            if !is_date || m.place != Place::Text {
                continue;
            }
            // A mention cut by a sentence boundary ("Jan. 5") is shown with both sentences.
            let first = holding(doc_sentences, m.span);
            let last = holding(
                doc_sentences,
                Span::new(m.span.end as usize - 1, m.span.end as usize),
            );
            let (Some(first), Some(last)) = (first, last) else {
                continue;
            };
            let sentence = Span {
                start: first.start,
                end: last.end,
            };
            let cx = Context {
                anchor,
                year,
                future: speaks_of_future(doc.slice(sentence)),
            };
            if let Some((start, end, precision)) = resolve(doc.slice(m.span), cx) {
                out.push(DatedMention {
                    doc: doc.id,
                    mention: m.span,
                    start: from_date(start),
                    end: from_date(end),
                    precision,
                    sentence,
                });
            }
        }
    }
    out
}

/// The DATE mentions of `doc` in its running text, as the entity index has them.
fn date_mentions<'a>(
    corpus: &'a Corpus,
    doc: &'a dossier_model::document::Document,
) -> impl Iterator<Item = Span> + 'a {
    corpus.entities.mentions_in(doc.id).iter().filter_map(|m| {
        let is_date = corpus
            .entities
            .entity(m.entity)
            .is_some_and(|e| e.kind == EntityType::Date);
        (is_date && m.place == Place::Text).then_some(m.span)
    })
}

/// The year `doc`'s own dated mentions name most often ("2022", "February 24, 2022").
fn stated_year(corpus: &Corpus, doc: &dossier_model::document::Document) -> Option<i32> {
    most_common(date_mentions(corpus, doc).filter_map(|span| {
        let words = words_of(doc.slice(span));
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        absolute(&words).map(|(start, _, _)| start.year())
    }))
}

/// The most frequent of `years`, the latest on a tie.
fn most_common(years: impl Iterator<Item = i32>) -> Option<i32> {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for y in years {
        *counts.entry(y).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(y, n)| (n, y)).map(|(y, _)| y)
}

/// What a mention is read against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The document's publication date, when known with its year.
    pub anchor: Option<Date>,
    /// Without an anchor: the year a day or month without one is read in (see the
    /// module doc), when there is one to go by.
    pub year: Option<i32>,
    /// The sentence speaks of what is to come.
    pub future: bool,
}

/// Words that put a sentence's weekday after the article date.
fn speaks_of_future(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    [
        " will ",
        "'ll ",
        "\u{2019}ll ",
        " is due ",
        " are due ",
        " is scheduled",
        " are scheduled",
        " is expected to",
        " are expected to",
        " upcoming ",
        " is set to ",
        " are set to ",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A DATE mention's text resolved to an inclusive range of days and its precision.
pub fn resolve(text: &str, cx: Context) -> Option<(Date, Date, Precision)> {
    let words = words_of(text);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    absolute(&words).or_else(|| match cx.anchor {
        Some(at) => relative(&words, at, cx.future),
        None => in_year(&words, cx.year?),
    })
}

/// A mention's words, lower-cased, without commas and trailing full stops; a range of
/// days written out ("15 and 16", "1 to 7", "15 - 16") becomes one word, "15-16", as the
/// entity rules make it one DATE.
fn words_of(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let is_day = |w: &str| days(w).is_some_and(|(a, b)| a == b);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        match (words.get(i + 1).map(String::as_str), words.get(i + 2)) {
            (Some("and" | "to" | "through" | "until" | "-" | "\u{2013}"), Some(last))
                if is_day(&words[i]) && is_day(last) =>
            {
                out.push(format!("{}-{last}", words[i]));
                i += 3;
            }
            _ => {
                out.push(words[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// A day or month without its year, in year `y` (a document without a date).
fn in_year(words: &[&str], y: i32) -> Option<(Date, Date, Precision)> {
    match words {
        [m, d] => {
            let (month, days) = month(m).zip(days(d)).or_else(|| month(d).zip(days(m)))?;
            day_range(y, month, days)
        }
        [m] => month_range(y, month(m)?),
        _ => None,
    }
}

/// Forms that carry their year.
fn absolute(words: &[&str]) -> Option<(Date, Date, Precision)> {
    match words {
        [w] if w.len() == 10 => {
            let day = iso(w)?;
            Some((day, day, Precision::Day))
        }
        [y] => year_range(year(y)?),
        [m, y] => {
            let (month, y) = (month(m)?, year(y)?);
            month_range(y, month)
        }
        [a, b, y] => {
            let y = year(y)?;
            let (month, days) = month(a).zip(days(b)).or_else(|| month(b).zip(days(a)))?;
            day_range(y, month, days)
        }
        _ => None,
    }
}

/// Forms read against the article date `at`.
fn relative(words: &[&str], at: Date, future: bool) -> Option<(Date, Date, Precision)> {
    let day = |d: Date| Some((d, d, Precision::Day));
    match words {
        ["today"] => day(at),
        ["yesterday"] => day(at - Duration::days(1)),
        ["tomorrow"] => day(at + Duration::days(1)),
        [modifier @ ("last" | "next" | "this" | "the"), rest @ ..] if !rest.is_empty() => {
            let (step, rest) = match (*modifier, rest) {
                ("last", _) => (-1, rest),
                ("next", _) => (1, rest),
                ("this", _) => (0, rest),
                (_, ["previous", r @ ..]) | (_, ["past", r @ ..]) => (-1, r),
                (_, ["coming", r @ ..]) => (1, r),
                _ => return None,
            };
            shifted(rest, at, step)
        }
        [w] | [w, "morning" | "afternoon" | "evening" | "night"] if weekday(w).is_some() => {
            let target = weekday(w)?;
            day(if future {
                on_or_after(at, target)
            } else {
                on_or_before(at, target)
            })
        }
        [n, unit, "ago"] => ago(number(n)?, unit, at),
        [m, d] => {
            let (month, days) = month(m).zip(days(d)).or_else(|| month(d).zip(days(m)))?;
            let y = year_for(at, month, days.0)?;
            day_range(y, month, days)
        }
        [m] => {
            let month = month(m)?;
            month_range(year_for(at, month, 1)?, month)
        }
        _ => None,
    }
}

/// "last/next/this" + weekday, month, week, month or year (`step` -1, 1 or 0).
fn shifted(rest: &[&str], at: Date, step: i32) -> Option<(Date, Date, Precision)> {
    let ([what] | [what, "morning" | "afternoon" | "evening" | "night"]) = rest else {
        return None;
    };
    if let Some(target) = weekday(what) {
        let d = match step {
            -1 => on_or_before(at - Duration::days(1), target),
            1 => on_or_after(at + Duration::days(1), target),
            _ => on_or_after(at, target),
        };
        return Some((d, d, Precision::Day));
    }
    if let Some(m) = month(what) {
        let y = at.year();
        let y = match step {
            -1 if u8::from(m) >= u8::from(at.month()) => y - 1,
            1 if u8::from(m) <= u8::from(at.month()) => y + 1,
            _ => y,
        };
        return month_range(y, m);
    }
    match *what {
        "week" => {
            let monday = on_or_before(at, Weekday::Monday) + Duration::weeks(i64::from(step));
            Some((monday, monday + Duration::days(6), Precision::Week))
        }
        "month" => {
            let index = at.year() * 12 + i32::from(u8::from(at.month())) - 1 + step;
            let m = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
            month_range(index.div_euclid(12), m)
        }
        "year" => year_range(at.year() + step),
        _ => None,
    }
}

/// "three years ago", "10 days ago", "a month ago".
fn ago(n: i64, unit: &str, at: Date) -> Option<(Date, Date, Precision)> {
    match unit.trim_end_matches('s') {
        "day" => {
            let d = at - Duration::days(n);
            Some((d, d, Precision::Day))
        }
        "week" => {
            let monday = on_or_before(at - Duration::weeks(n), Weekday::Monday);
            Some((monday, monday + Duration::days(6), Precision::Week))
        }
        "month" => {
            let index = at.year() * 12 + i32::from(u8::from(at.month())) - 1 - i32::try_from(n).ok()?;
            let m = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
            month_range(index.div_euclid(12), m)
        }
        "year" => year_range(at.year() - i32::try_from(n).ok()?),
        _ => None,
    }
}

/// The year of a day of `month` written without one: the article's, or the one before
/// when that is more than [`FUTURE_LIMIT_DAYS`] after the article date.
fn year_for(at: Date, month: Month, day: u8) -> Option<i32> {
    let same = Date::from_calendar_date(at.year(), month, day.min(28)).ok()?;
    Some(if (same - at).whole_days() > FUTURE_LIMIT_DAYS {
        at.year() - 1
    } else {
        at.year()
    })
}

fn on_or_before(at: Date, target: Weekday) -> Date {
    let back = (7 + at.weekday().number_days_from_monday() - target.number_days_from_monday()) % 7;
    at - Duration::days(i64::from(back))
}

fn on_or_after(at: Date, target: Weekday) -> Date {
    let ahead = (7 + target.number_days_from_monday() - at.weekday().number_days_from_monday()) % 7;
    at + Duration::days(i64::from(ahead))
}

fn day_range(y: i32, month: Month, (from, to): (u8, u8)) -> Option<(Date, Date, Precision)> {
    let start = Date::from_calendar_date(y, month, from).ok()?;
    let end = Date::from_calendar_date(y, month, to).ok()?;
    (start <= end).then_some((start, end, Precision::Day))
}

fn month_range(y: i32, month: Month) -> Option<(Date, Date, Precision)> {
    let start = Date::from_calendar_date(y, month, 1).ok()?;
    let end = Date::from_calendar_date(y, month, month.length(y)).ok()?;
    Some((start, end, Precision::Month))
}

fn year_range(y: i32) -> Option<(Date, Date, Precision)> {
    let start = Date::from_calendar_date(y, Month::January, 1).ok()?;
    let end = Date::from_calendar_date(y, Month::December, 31).ok()?;
    Some((start, end, Precision::Year))
}

/// A day or a range of days of one month: "24", "15-16", "1st", "15–16".
fn days(word: &str) -> Option<(u8, u8)> {
    let one = |w: &str| -> Option<u8> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let d: u8 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    };
    match word.split_once(['-', '\u{2013}']) {
        Some((a, b)) => Some((one(a)?, one(b)?)),
        None => one(word).map(|d| (d, d)),
    }
}

fn year(word: &str) -> Option<i32> {
    let y = dossier_model::date::year_number(word)?;
    Some(i32::from(y))
}

fn iso(word: &str) -> Option<Date> {
    let mut parts = word.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    to_date(u16::try_from(year(y)?).ok()?, m.parse().ok()?, d.parse().ok()?)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month from its name or abbreviation ("sept", "feb", "mid-june" is not one).
fn month(word: &str) -> Option<Month> {
    let i = MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && word.len() <= 4 && m.starts_with(word)))?;
    Month::try_from(u8::try_from(i + 1).ok()?).ok()
}

fn weekday(word: &str) -> Option<Weekday> {
    use Weekday::*;
    [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday]
        .into_iter()
        .find(|d| d.to_string().eq_ignore_ascii_case(word))
}

fn number(word: &str) -> Option<i64> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        _ => WORDS
            .iter()
            .position(|w| *w == word)
            .and_then(|i| i64::try_from(i).ok())
            .or_else(|| word.parse().ok().filter(|n| (1..=200).contains(n))),
    }
}

fn to_date(year: u16, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(i32::from(year), Month::try_from(month).ok()?, day).ok()
}

fn from_date(d: Date) -> CalendarDate {
    CalendarDate {
        year: u16::try_from(d.year()).ok(),
        month: u8::from(d.month()),
        day: d.day(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
    }

    /// A mention's range as ISO strings, read in an article of `at`.
    fn check(text: &str, at: Option<Date>, future: bool) -> Option<(String, String, Precision)> {
        resolve(
            text,
            Context {
                anchor: at,
                year: None,
                future,
            },
        )
        .map(|(s, e, p)| (from_date(s).to_string(), from_date(e).to_string(), p))
    }

    /// Mention, article date, future sentence, expected range and precision.
    type Case = (
        &'static str,
        Option<Date>,
        bool,
        Option<(&'static str, &'static str, Precision)>,
    );

    #[test]
    fn resolves_the_forms_of_the_issue() {
        use Precision::*;
        let wed = Some(on(2022, 9, 7)); // a Wednesday
        let cases: [Case; 27] = [
            ("Wednesday", wed, false, Some(("2022-09-07", "2022-09-07", Day))),
            ("Monday", wed, false, Some(("2022-09-05", "2022-09-05", Day))),
            ("Thursday", wed, false, Some(("2022-09-01", "2022-09-01", Day))),
            ("Thursday", wed, true, Some(("2022-09-08", "2022-09-08", Day))),
            (
                "Friday morning",
                wed,
                false,
                Some(("2022-09-02", "2022-09-02", Day)),
            ),
            (
                "next Wednesday",
                wed,
                false,
                Some(("2022-09-14", "2022-09-14", Day)),
            ),
            (
                "last Wednesday",
                wed,
                false,
                Some(("2022-08-31", "2022-08-31", Day)),
            ),
            ("today", wed, false, Some(("2022-09-07", "2022-09-07", Day))),
            ("yesterday", wed, false, Some(("2022-09-06", "2022-09-06", Day))),
            ("tomorrow", wed, false, Some(("2022-09-08", "2022-09-08", Day))),
            ("next week", wed, false, Some(("2022-09-12", "2022-09-18", Week))),
            (
                "last month",
                wed,
                false,
                Some(("2022-08-01", "2022-08-31", Month)),
            ),
            ("this year", wed, false, Some(("2022-01-01", "2022-12-31", Year))),
            ("February 24", wed, false, Some(("2022-02-24", "2022-02-24", Day))),
            (
                "September 15-16",
                wed,
                false,
                Some(("2022-09-15", "2022-09-16", Day)),
            ),
            (
                "15-16 September",
                wed,
                false,
                Some(("2022-09-15", "2022-09-16", Day)),
            ),
            ("Sept. 14", wed, false, Some(("2022-09-14", "2022-09-14", Day))),
            ("June", wed, false, Some(("2022-06-01", "2022-06-30", Month))),
            ("2022", None, false, Some(("2022-01-01", "2022-12-31", Year))),
            (
                "September 2022",
                None,
                false,
                Some(("2022-09-01", "2022-09-30", Month)),
            ),
            (
                "February 24, 2022",
                None,
                false,
                Some(("2022-02-24", "2022-02-24", Day)),
            ),
            ("2022-09-07", None, false, Some(("2022-09-07", "2022-09-07", Day))),
            (
                "three years ago",
                wed,
                false,
                Some(("2019-01-01", "2019-12-31", Year)),
            ),
            // Relative forms need the article date.
            ("Wednesday", None, false, None),
            ("February 24", None, false, None),
            ("the 1990s", wed, false, None),
            ("February 30", wed, false, None),
        ];
        for (text, at, future, expected) in cases {
            let expected = expected.map(|(s, e, p)| (s.to_owned(), e.to_owned(), p));
            assert_eq!(check(text, at, future), expected, "{text:?} at {at:?}");
        }
    }

    #[test]
    fn a_day_far_ahead_of_the_article_is_last_year() {
        let jan = Some(on(2023, 1, 10));
        assert_eq!(check("December 20", jan, false).unwrap().0, "2022-12-20");
        assert_eq!(check("February 24", jan, false).unwrap().0, "2023-02-24");
        assert_eq!(check("next June", jan, false).unwrap().0, "2023-06-01");
        assert_eq!(check("last January", jan, false).unwrap().0, "2022-01-01");
        assert_eq!(check("last month", jan, false).unwrap().0, "2022-12-01");
    }

    #[test]
    fn places_a_documents_date_mentions_with_their_sentences() {
        use dossier_model::entity::EntityType::Date as D;
        let corpus = super::super::fixture::corpus(
            "Leaders meet at the summit\n\ndate 2022-09-07\n\nDenisov spoke on Wednesday. The summit will be held on September 15-16.\n",
            &[("Wednesday", D), ("September 15-16", D), ("Denisov", EntityType::Person)],
        );
        let doc = &corpus.documents[0];
        let s = vec![super::super::sentences::sentences(doc)];
        let dated: Vec<(&str, String, String, &str)> = resolve_all(&corpus, &s)
            .iter()
            .map(|d| {
                (
                    doc.slice(d.mention),
                    d.start.to_string(),
                    d.end.to_string(),
                    doc.slice(d.sentence),
                )
            })
            .collect();
        assert_eq!(
            dated,
            [
                (
                    "Wednesday",
                    "2022-09-07".into(),
                    "2022-09-07".into(),
                    "Denisov spoke on Wednesday."
                ),
                (
                    "September 15-16",
                    "2022-09-15".into(),
                    "2022-09-16".into(),
                    "The summit will be held on September 15-16."
                ),
            ]
        );
    }

    #[test]
    fn future_words_move_a_weekday_ahead() {
        assert!(speaks_of_future("The summit will be held on Thursday."));
        assert!(speaks_of_future("He is expected to arrive on Friday."));
        assert!(!speaks_of_future("He said on Wednesday that talks went well."));
    }

    #[test]
    fn an_undated_document_places_days_in_the_year_it_states() {
        use dossier_model::entity::EntityType::Date as D;
        let corpus = super::super::fixture::corpus(
            "Leaders meet at the summit\n\nThe 2022 summit will be held on September 15-16. Denisov spoke on Wednesday.\n",
            &[("2022", D), ("September 15-16", D), ("Wednesday", D)],
        );
        let doc = &corpus.documents[0];
        assert!(doc.published.is_none());
        let s = vec![super::super::sentences::sentences(doc)];
        let dated: Vec<(&str, String)> = resolve_all(&corpus, &s)
            .iter()
            .map(|d| (doc.slice(d.mention), d.start.to_string()))
            .collect();
        // "Wednesday" needs the day itself: left out.
        assert_eq!(
            dated,
            [
                ("2022", "2022-01-01".to_owned()),
                ("September 15-16", "2022-09-15".to_owned())
            ]
        );
        let year_only = Context {
            anchor: None,
            year: Some(2021),
            future: false,
        };
        assert_eq!(resolve("June", year_only).map(|r| r.2), Some(Precision::Month));
        assert_eq!(resolve("next week", year_only), None);
    }

    /// A date range is one DATE mention ("September 15 and 16"): the timeline reads it as
    /// the days it spans, as it reads "September 15-16".
    #[test]
    fn ranges_of_days_written_out_span_their_days() {
        let wed = Some(on(2022, 9, 7));
        for (text, from, to) in [
            ("September 15 and 16", "2022-09-15", "2022-09-16"),
            ("September 1 to 7", "2022-09-01", "2022-09-07"),
            ("15 - 16 September", "2022-09-15", "2022-09-16"),
            ("September 15-16", "2022-09-15", "2022-09-16"),
        ] {
            assert_eq!(
                check(text, wed, false),
                Some((from.to_owned(), to.to_owned(), Precision::Day)),
                "{text}"
            );
        }
        assert_eq!(check("September 15 and 2023", wed, false), None);
    }
}
