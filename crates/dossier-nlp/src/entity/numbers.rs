//! Numbers by rule: MONEY, PERCENT, QUANTITY (a number and a unit), ORDINAL and CARDINAL.
//! A number that is part of money, a percentage or a measure is that, not a cardinal;
//! [`super::rules`] keeps the first rule that claims a stretch of text.

use super::rules::Rule;
use dossier_model::entity::EntityType;

/// A number in digits ("2,000", "1.13") or words ("two", "a dozen").
const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a dozen|dozens of|hundreds of|thousands of))";
const SCALE: &str = r"(?:\s?(?:bn|m|tn|k|billion|million|trillion|thousand)\b)";
const CURRENCY: &str =
    r"(?:US dollars|dollars|euros|pounds|yuan|renminbi|roubles|rubles|rupees|yen|francs|dinars|riyals|lira)";
const UNIT: &str = r"(?:km|kilometres|kilometers|miles|metres|meters|kg|kilograms|tonnes|tons|barrels|litres|liters|cubic metres|cubic meters|bcm|square kilometres|square miles|mph|km/h|degrees|acres|hectares|feet|ft|inches|cm|mm|gigawatts|megawatts|GW|MW|kWh|troops|soldiers)";

pub fn rules() -> Vec<Rule> {
    let money = [
        format!(r"[$£€¥]\s?{NUM}{SCALE}?"),
        format!(r"\b(?:US|A|C|HK)\$\s?{NUM}{SCALE}?"),
        format!(r"\b{NUM}(?:\s(?:million|billion|trillion))?\s{CURRENCY}\b"),
    ];
    let percent = [format!(r"\b{NUM}\s?(?:%|per\s?cent\b|percent\b)")];
    let quantity = [format!(r"\b{NUM}(?:\s(?:million|billion))?[\s-]?{UNIT}\b")];
    let ordinal = [
        r"\b\d+(?:st|nd|rd|th)\b".to_owned(),
        r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|hundredth)\b".to_owned(),
    ];
    let cardinal = [format!(r"\b{NUM}(?:\s(?:million|billion|trillion|thousand))?\b")];
    let mut out = Vec::new();
    out.extend(money.iter().map(|p| Rule::new(p, EntityType::Money)));
    out.extend(percent.iter().map(|p| Rule::new(p, EntityType::Percent)));
    out.extend(quantity.iter().map(|p| Rule::new(p, EntityType::Quantity)));
    out.extend(ordinal.iter().map(|p| Rule::new(p, EntityType::Ordinal)));
    out.extend(cardinal.iter().map(|p| Rule::new(p, EntityType::Cardinal)));
    out
}
