//! Calendar dates as news text writes them: `2022-09-07`, `September 13`, `Sept. 14`,
//! `Friday, December 19, 2025`, `13 September 2022`.
//!
//! Only what ingest needs: recognising a date at the start of a string and saying how many
//! bytes it took, so callers can tell a line that *is* a date from a dateline that *starts*
//! with one. Invalid days ("February 30") are not dates.

use crate::text::word_spans;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A day of the calendar; the year is unknown when the text gives none and the context
/// cannot supply it (a Reuters dateline such as "SALVADOR, Feb 26 -").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CalendarDate {
    pub year: Option<u16>,
    pub month: u8,
    pub day: u8,
}

impl CalendarDate {
    /// A date if the day exists in that month (of that year, when known).
    pub fn new(year: Option<u16>, month: u8, day: u8) -> Option<CalendarDate> {
        let max = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 => match year {
                Some(y) if !is_leap(y) => 28,
                _ => 29,
            },
            _ => return None,
        };
        (1..=max)
            .contains(&day)
            .then_some(CalendarDate { year, month, day })
    }

    pub fn with_year(self, year: u16) -> Option<CalendarDate> {
        CalendarDate::new(Some(year), self.month, self.day)
    }

    /// Days since a fixed origin, for distances between dates and for placing them on
    /// an axis (`None` without a year).
    pub fn day_number(self) -> Option<u32> {
        let (y, m, d) = (u32::from(self.year?), u32::from(self.month), u32::from(self.day));
        // Counting from March makes February's length the year's last day.
        let (y, m) = if m <= 2 {
            (y.wrapping_sub(1), m + 9)
        } else {
            (y, m - 3)
        };
        Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d)
    }
}

fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for CalendarDate {
    /// ISO `2022-09-07` when the year is known, `7 September` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "{} {}", self.day, MONTHS[usize::from(self.month) - 1]),
        }
    }
}

/// Month number for a month name or its usual abbreviation ("Sept", "Sep.", "sep").
fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let n = MONTHS.iter().position(|m| {
        let m = m.to_ascii_lowercase();
        m == w || (w.len() <= 4 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
    })?;
    u8::try_from(n + 1).ok()
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
    .contains(&w.as_str())
}

/// Day of month from "13", "13,", "1st", "14." (punctuation after it is not part of it).
fn day_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches([',', '.', ':', ';']);
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Where a token ends once trailing punctuation is left out ("13:" ends before the colon).
fn word_end(word: &str, end: usize) -> usize {
    end - (word.len() - word.trim_end_matches([',', '.', ':', ';', ')']).len())
}

/// A plausible publication year written as four digits.
pub fn year_number(word: &str) -> Option<u16> {
    let w = word.trim_end_matches([',', '.', ':', ';', ')']);
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u16 = w.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn iso_date(word: &str) -> Option<CalendarDate> {
    let w = word.trim_end_matches([',', '.', ':']);
    let mut parts = w.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    CalendarDate::new(Some(year_number(y)?), m.parse().ok()?, d.parse().ok()?)
}

/// A date at the very start of `s` (after leading whitespace): the date and the byte
/// offset just after it (trailing punctuation glued to its last word is included).
pub fn parse_date_prefix(s: &str) -> Option<(CalendarDate, usize)> {
    let toks: Vec<(&str, usize, usize)> = word_spans(s).into_iter().map(|(st, w, e)| (w, st, e)).collect();
    let mut i = 0;
    if toks.first().is_some_and(|t| is_weekday(t.0)) {
        i = 1;
    }
    let (w0, _, e0) = *toks.get(i)?;
    if let Some(d) = iso_date(w0) {
        return Some((d, word_end(w0, e0)));
    }
    // "September 13", "Sept. 14, 2022"
    if let Some(month) = month_number(w0.trim_end_matches(',')) {
        let (w1, _, e1) = *toks.get(i + 1)?;
        let day = day_number(w1)?;
        if let Some(&(w2, _, e2)) = toks.get(i + 2) {
            if let Some(year) = year_number(w2) {
                return CalendarDate::new(Some(year), month, day).map(|d| (d, word_end(w2, e2)));
            }
        }
        return CalendarDate::new(None, month, day).map(|d| (d, word_end(w1, e1)));
    }
    // "13 September 2022", "1 March"
    if let Some(day) = day_number(w0) {
        let (w1, _, e1) = *toks.get(i + 1)?;
        let month = month_number(w1.trim_end_matches(','))?;
        if let Some(&(w2, _, e2)) = toks.get(i + 2) {
            if let Some(year) = year_number(w2) {
                return CalendarDate::new(Some(year), month, day).map(|d| (d, word_end(w2, e2)));
            }
        }
        return CalendarDate::new(None, month, day).map(|d| (d, word_end(w1, e1)));
    }
    None
}

/// The line is nothing but a date ("Friday, December 19, 2025").
pub fn parse_date_line(s: &str) -> Option<CalendarDate> {
    let (date, end) = parse_date_prefix(s)?;
    s[end..]
        .trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .is_empty()
        .then_some(date)
}

/// A dateline opening a paragraph: `Moscow, September 13: ...`, `SALVADOR, Feb 26 - ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub date: CalendarDate,
    /// Bytes of the dateline, separator and following space included.
    pub len: usize,
}

/// Recognises a dateline: one to four capitalised place words, a comma, a date, then a
/// colon or a dash. The place must be capitalised so ordinary sentences ("On Monday, ...")
/// are not datelines.
pub fn parse_dateline(s: &str) -> Option<Dateline> {
    let comma = s.find(',')?;
    let place = &s[..comma];
    let place_words: Vec<&str> = place.split_whitespace().collect();
    if place_words.is_empty()
        || place_words.len() > 4
        || !place_words.iter().all(|w| crate::text::starts_upper(w))
        || place_words
            .iter()
            .any(|w| is_weekday(w) || month_number(w).is_some())
    {
        return None;
    }
    let (date, used) = parse_date_prefix(&s[comma + 1..])?;
    let mut pos = skip_spaces(s, comma + 1 + used);
    let sep = s[pos..].chars().next()?;
    if !matches!(sep, ':' | '-' | '\u{2013}' | '\u{2014}') {
        return None;
    }
    pos = skip_spaces(s, pos + sep.len_utf8());
    Some(Dateline { date, len: pos })
}

fn skip_spaces(s: &str, from: usize) -> usize {
    from + (s[from..].len() - s[from..].trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: Option<u16>, m: u8, day: u8) -> CalendarDate {
        CalendarDate::new(y, m, day).unwrap()
    }

    #[test]
    fn parses_the_forms_news_pages_use() {
        let cases = [
            ("2022-09-07 Listen", Some((d(Some(2022), 9, 7), 10))),
            ("September 13: Russia", Some((d(None, 9, 13), 12))),
            ("Sept. 14. The visit", Some((d(None, 9, 14), 8))),
            ("Friday, December 19, 2025", Some((d(Some(2025), 12, 19), 25))),
            ("13 September 2022", Some((d(Some(2022), 9, 13), 17))),
            ("Tuesday, 1 March", Some((d(None, 3, 1), 16))),
            ("February 30, 2022", None),
            ("May I come in", None),
            ("Most Popular", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date_prefix(input), expected, "{input}");
        }
    }

    #[test]
    fn a_date_line_is_only_a_date() {
        assert!(parse_date_line("Friday, December 19, 2025").is_some());
        assert!(parse_date_line("September 13: Russia is touting").is_none());
    }

    #[test]
    fn datelines_need_a_capitalised_place_and_a_separator() {
        let s = "Moscow, September 13: Russia is touting its support";
        let dl = parse_dateline(s).unwrap();
        assert_eq!(dl.date, d(None, 9, 13));
        assert_eq!(&s[dl.len..], "Russia is touting its support");
        let r = "SALVADOR, Feb 26 - Showers continued";
        assert_eq!(&r[parse_dateline(r).unwrap().len..], "Showers continued");
        assert!(parse_dateline("On Monday, September 13, he said").is_none());
        assert!(parse_dateline("In February, weeks before the war").is_none());
    }

    #[test]
    fn display_is_iso_or_day_month() {
        assert_eq!(d(Some(2022), 9, 7).to_string(), "2022-09-07");
        assert_eq!(d(None, 2, 26).to_string(), "26 February");
    }
}
