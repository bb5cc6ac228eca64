//! The standard rule set: dates and times first, then money, percentages, quantities,
//! ordinals and cardinals. Its own module so that [`rules`](super::rules) knows no
//! particular rule and [`dates`](super::dates) and [`numbers`](super::numbers) know no
//! other, while their tests see the rules compete as recognition runs them.

use super::rules::Rules;
use super::{dates, numbers};

/// Every rule, dates before numbers (the first rule to claim a span wins).
pub fn standard() -> Rules {
    let mut all = dates::rules();
    all.extend(numbers::rules());
    Rules::new(all)
}

#[cfg(test)]
mod tests {
    use super::super::rules::{find, Found};
    use super::*;
    use dossier_model::entity::EntityType;

    fn found(text: &str) -> Vec<(String, EntityType)> {
        find(&standard(), text)
            .into_iter()
            .map(|Found { span, kind }| (text[span.range()].to_owned(), kind))
            .collect()
    }

    #[test]
    fn dates_and_times() {
        use EntityType::{Date, Time};
        for (text, want) in [
            (
                "The summit on September 15-16 in Samarkand",
                vec![("September 15-16", Date)],
            ),
            ("Moscow, September 13: talks", vec![("September 13", Date)]),
            // A range is one date; its second day is part of it, not a number.
            ("From September 1 to 7, Russia", vec![("September 1 to 7", Date)]),
            ("on September 15 and 16.", vec![("September 15 and 16", Date)]),
            (
                "from 1 to 7 September 2022",
                vec![("1 to 7 September 2022", Date)],
            ),
            ("on September 15 and then", vec![("September 15", Date)]),
            ("date 2022-09-07 here", vec![("2022-09-07", Date)]),
            ("He spoke on Wednesday.", vec![("Wednesday", Date)]),
            ("They meet next week.", vec![("next week", Date)]),
            ("since February 24, 2022,", vec![("February 24, 2022", Date)]),
            ("Trade rose last year.", vec![("last year", Date)]),
            ("as in the 1990s when", vec![("the 1990s", Date)]),
            ("on 24 February 2022.", vec![("24 February 2022", Date)]),
            ("three years ago", vec![("three years ago", Date)]),
            ("in 2022 and", vec![("2022", Date)]),
            ("at 10:30 am local time", vec![("10:30 am", Time)]),
            ("this morning he said", vec![("this morning", Time)]),
            ("They may meet in May 2023.", vec![("May 2023", Date)]),
            ("sales over Christmas fell", vec![("Christmas", Date)]),
            ("No date here at all.", vec![]),
        ] {
            let want: Vec<(String, EntityType)> = want.into_iter().map(|(s, k)| (s.to_owned(), k)).collect();
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn money_percentages_quantities_ordinals_and_cardinals() {
        use EntityType::*;
        for (text, want) in [
            ("a deal worth $1.13bn for", vec![("$1.13bn", Money)]),
            ("it cost £600m last", vec![("£600m", Money)]),
            ("paid 10 million dollars", vec![("10 million dollars", Money)]),
            ("profits rose 76% in", vec![("76%", Percent)]),
            ("up 10 per cent on", vec![("10 per cent", Percent)]),
            ("a 50 km stretch", vec![("50 km", Quantity)]),
            ("shipped 2,000 tonnes of", vec![("2,000 tonnes", Quantity)]),
            ("the first meeting", vec![("first", Ordinal)]),
            ("its 22nd summit", vec![("22nd", Ordinal)]),
            ("a crowd of 50,000 people", vec![("50,000", Cardinal)]),
            ("two leaders", vec![("two", Cardinal)]),
            ("more than 2,000 people", vec![("2,000", Cardinal)]),
            ("G20 and COVID", vec![]),
        ] {
            let got: Vec<(&str, EntityType)> = find(&standard(), text)
                .into_iter()
                .map(|Found { span, kind }| (&text[span.range()], kind))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
