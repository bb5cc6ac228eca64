//! DATE and TIME by rule: calendar dates, weekdays, relative dates, decades, durations and
//! times of day, as English news writes them. The tagger knows only names, and these
//! patterns are regular enough that rules beat a model here.

use super::rules::Rule;
use dossier_model::entity::EntityType;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
/// "May" alone is a verb far more often than a month: full months stand alone except it.
const MONTH_ALONE: &str =
    r"(?:January|February|March|April|June|July|August|September|October|November|December)";
/// Holidays are dates (OntoNotes), though the tagger, seeing a capital, calls them names.
pub const HOLIDAYS: &[&str] = &[
    "Christmas",
    "Christmas Day",
    "Christmas Eve",
    "Easter",
    "New Year",
    "New Year's Day",
    "New Year's Eve",
    "Ramadan",
    "Thanksgiving",
    "Boxing Day",
    "Hanukkah",
    "Diwali",
    "Eid",
];
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const DAY: &str = r"\d{1,2}(?:st|nd|rd|th)?";
/// Between the two days of a range: "15-16", "1 to 7", "15 and 16", "3 through 5". A
/// range is one date, and its second day no bare number.
const RANGE: &str = r"(?:\s*[-\u{2013}]\s*|\s+(?:to|and|through|until|till)\s+)";
const NUMBER_WORD: &str = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a few|several|\d+)";

/// The date and time patterns, compiled once.
pub fn rules() -> Vec<Rule> {
    let date = [
        // 2022-09-07
        r"\b\d{4}-\d{2}-\d{2}\b".to_owned(),
        // September 15-16, 2022 / September 1 to 7 / Sept. 13 / February 24, 2022 / September 2022
        format!(r"\b{MONTH}\s+(?:{DAY}(?:{RANGE}{DAY})?(?:,?\s+\d{{4}})?|\d{{4}})\b"),
        // 15-16 September 2022 / 1 to 7 September / 24 February
        format!(r"\b{DAY}(?:{RANGE}{DAY})?\s+{MONTH}(?:,?\s+\d{{4}})?\b"),
        // (last|next) Wednesday, Wednesday
        format!(r"\b(?:(?:last|next|this)\s+)?{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"),
        format!(r"\b(?:(?:last|next|this|early|late|mid-?)\s*)?{MONTH_ALONE}\b"),
        r"(?i)\b(?:last|next|this|the past|the coming|the previous|the same)\s+(?:week|month|year|decade|century|weekend|spring|summer|autumn|fall|winter)\b".to_owned(),
        r"(?i)\b(?:yesterday|today|tomorrow)\b".to_owned(),
        // the 1990s, the '90s
        r"\b(?:the\s+)?(?:1[89]|20)\d0s\b".to_owned(),
        // three years ago, the past two weeks, 10 days
        format!(r"(?i)\b(?:the\s+(?:past|last|next)\s+)?{NUMBER_WORD}\s+(?:years?|months?|weeks?|days?|decades?)(?:\s+(?:ago|earlier|later|old))?\b"),
        format!(r"\b(?:{})\b", HOLIDAYS.join("|")),
        // a year standing alone: 1900-2099
        r"\b(?:19|20)\d{2}\b".to_owned(),
    ];
    let time = [
        // 10:30, 10:30 am GMT; with a dot ("10.30") only with am/pm, else it is a decimal
        r"(?i)\b\d{1,2}:\d{2}\s*(?:am\b|pm\b|a\.m\.|p\.m\.)?(?:\s+(?:GMT|UTC|BST|EST|EDT|PST|CET|MSK)\b)?"
            .to_owned(),
        r"(?i)\b\d{1,2}\.\d{2}\s*(?:am\b|pm\b|a\.m\.|p\.m\.)".to_owned(),
        r"(?i)\b\d{1,2}\s*(?:am\b|pm\b|a\.m\.|p\.m\.)".to_owned(),
        r"(?i)\b(?:this|yesterday|tomorrow|that|last|early|late)\s+(?:morning|afternoon|evening|night)\b"
            .to_owned(),
        r"(?i)\b(?:tonight|midnight|noon|overnight)\b".to_owned(),
    ];
    let mut out: Vec<Rule> = date.iter().map(|p| Rule::new(p, EntityType::Date)).collect();
    out.extend(time.iter().map(|p| Rule::new(p, EntityType::Time)));
    out
}
