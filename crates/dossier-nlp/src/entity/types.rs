//! CoNLL labels to OntoNotes types: LOC splits into GPE (countries, cities, states) and
//! LOC (seas, regions, mountains), MISC into NORP (nationalities, groups) and EVENT, with
//! the gazetteer and the words names of places and events are made of.

use super::gazetteer::Gazetteer;
use crate::ner::Label;
use dossier_model::entity::EntityType;

/// Words that make a place a LOC, not a GPE ("Black Sea", "Central Asia", "Ural
/// Mountains").
const GEOGRAPHIC: &[&str] = &[
    "Sea",
    "Ocean",
    "Gulf",
    "Bay",
    "River",
    "Lake",
    "Mountains",
    "Mount",
    "Mt",
    "Strait",
    "Straits",
    "Peninsula",
    "Desert",
    "Island",
    "Islands",
    "Valley",
    "Asia",
    "Europe",
    "Africa",
    "America",
    "East",
    "West",
    "North",
    "South",
    "Arctic",
    "Antarctic",
    "Pacific",
    "Atlantic",
    "Mediterranean",
    "Caucasus",
    "Himalayas",
    "Balkans",
    "Baltic",
    "Channel",
    "Coast",
    "Region",
    "Basin",
    "Plateau",
    "Steppe",
    "Sahel",
    "Gobi",
    "Siberia",
    "Arctic",
    "Cape",
    "Isthmus",
];

/// Words that make a name an EVENT ("Winter Olympics", "Eastern Economic Forum").
const EVENTS: &[&str] = &[
    "Olympics",
    "Olympiad",
    "Games",
    "Cup",
    "Forum",
    "Summit",
    "War",
    "Championship",
    "Championships",
    "Festival",
    "Expo",
    "Revolution",
    "Exercise",
    "Exercises",
    "Drills",
    "Prix",
    "Marathon",
    "Oscars",
    "Awards",
    "Biennale",
    "Conference",
    "Congress",
    "Uprising",
];

/// Seats of government that news uses for the government itself: organisations, whatever
/// the tagger says.
const INSTITUTIONS: &[&str] = &[
    "Kremlin",
    "White House",
    "Pentagon",
    "Elysee",
    "Élysée",
    "Zhongnanhai",
    "Downing Street",
];

/// Last words that make a name an organisation even when the tagger calls it a person
/// ("Belt and Road Initiative").
const ORG_HEADS: &[&str] = &[
    "Initiative",
    "Organization",
    "Organisation",
    "Ministry",
    "Council",
    "Committee",
    "Party",
    "Agency",
    "Bank",
    "Company",
    "Corporation",
    "Group",
    "University",
    "Institute",
    "Association",
    "Union",
    "Commission",
    "Department",
    "Office",
    "Army",
    "Navy",
    "Forces",
    "News",
    "Times",
    "Post",
    "Inc",
    "Ltd",
    "Corp",
];

/// Whether `word` ends an organisation's name: a head word ("Ministry", "Party") or a
/// legislature ("Duma", "Senate").
pub fn is_org_head(word: &str) -> bool {
    ORG_HEADS.contains(&word) || matches!(word, "Duma" | "Parliament" | "Senate" | "Assembly" | "Kremlin")
}

/// The CoNLL-2003 label a type counts as when the pipeline is scored against CoNLL:
/// PERSON is PER, ORG is ORG, GPE and LOC are LOC, NORP and EVENT are MISC; dates and
/// numbers are no CoNLL entity.
pub fn conll_label(kind: EntityType) -> Option<Label> {
    match kind {
        EntityType::Person => Some(Label::Person),
        EntityType::Org => Some(Label::Organization),
        EntityType::Gpe | EntityType::Loc => Some(Label::Location),
        EntityType::Norp | EntityType::Event => Some(Label::Misc),
        _ => None,
    }
}

/// The tagger's label as a type before any refinement, one type per label, so that
/// [`conll_label`] gives the label back.
pub fn as_tagged(label: Label) -> EntityType {
    match label {
        Label::Person => EntityType::Person,
        Label::Organization => EntityType::Org,
        Label::Location => EntityType::Gpe,
        Label::Misc => EntityType::Norp,
    }
}

/// Whether `name` is a monarch's or a pope's, with its title and regnal number ("Queen
/// Elizabeth II", "Pope John Paul II"): a person, whatever the tagger says (it sees a
/// capitalised run like an organisation's).
fn is_ruler(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let numeral = words
        .last()
        .is_some_and(|w| w.len() <= 5 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')));
    words.len() >= 3
        && numeral
        && matches!(
            words[0],
            "King"
                | "Queen"
                | "Pope"
                | "Emperor"
                | "Empress"
                | "Tsar"
                | "Czar"
                | "Sultan"
                | "Prince"
                | "Princess"
        )
}

/// Whether `name` ends in a four-digit year ("Vostok 2022", "World Cup 2018").
pub fn ends_in_year(name: &str) -> bool {
    name.rsplit_once(' ').is_some_and(|(_, last)| {
        last.len() == 4
            && last.bytes().all(|b| b.is_ascii_digit())
            && (last.starts_with("19") || last.starts_with("20"))
    })
}

/// Whether any word of `name` is in `list`, in any case ("WORLD CUP" has "Cup").
fn has_word(name: &str, list: &[&str]) -> bool {
    name.split([' ', '-'])
        .any(|w| list.contains(&w) || list.contains(&title_case(w).as_str()))
}

/// `word` with its first letter kept and the rest lower-cased, so a word of an all-caps
/// headline ("CUP", "SCOTTISH") can be looked up as news writes it in prose.
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_string() + &chars.as_str().to_lowercase()
    })
}

/// `name` as prose writes it when it is set in capitals ("HONG KONG" -> "Hong Kong"), so
/// the gazetteer and the word lists know it; other names unchanged.
pub fn as_in_prose(name: &str) -> String {
    let letters = || name.chars().filter(|c| c.is_alphabetic());
    if letters().count() >= 3 && letters().all(char::is_uppercase) {
        name.split(' ').map(title_case).collect::<Vec<_>>().join(" ")
    } else {
        name.to_owned()
    }
}

/// Words that name a tournament or a series of games rather than an organisation ("PGA
/// Tour", "World Series of Golf", "British Masters", "BellSouth Classic"): events in a
/// name of two words or more the tagger calls MISC.
const COMPETITIONS: &[&str] = &[
    "Tour", "Series", "Masters", "Slam", "Classic", "Bowl", "Trophy", "Open",
];

/// Whether `name` names an event: an event word anywhere, or a tournament ("French Open").
fn is_event(name: &str) -> bool {
    ends_in_year(name) || has_word(name, EVENTS) || (name.contains(' ') && name.ends_with(" Open"))
}

/// Words that make an organisation's name an event only when the tagger did not call it
/// an organisation: "African National Congress" and "Conference of Bishops" are bodies.
const BODY_OR_EVENT: &[&str] = &["Congress", "Conference"];

/// Groups, peoples and faiths the gazetteer (countries' demonyms) does not list: a MISC
/// that is one of them, or their plural, is a NORP.
const GROUPS: &[&str] = &[
    "English",
    "Scottish",
    "Scots",
    "Welsh",
    "Briton",
    "Saudi",
    "Moslem",
    "Serb",
    "Croat",
    "Bosniak",
    "Hutu",
    "Tutsi",
    "Swede",
    "Dane",
    "Finn",
    "Pole",
    "Scot",
    "Tajik",
    "Uzbek",
    "Kazakh",
    "Chechen",
    "Yugoslav",
    "Afrikaner",
    "Anglican",
    "Protestant",
    "Sikh",
    "Basque",
    "Flemish",
    "Walloon",
    "Tamil",
    "Kurd",
    "Shiite",
    "Sunni",
    "Palestinian",
    "Arab",
    "Latino",
    "Hispanic",
    "Maori",
    "Aborigine",
];

/// Endings of nationality adjectives and what a place's name ends in before them:
/// "Zair-ean" of "Zaire", "Ital-ian" of "Italy", "Surinam-ese" of "Suriname",
/// "Transylvan-ian" of "Transylvania".
const DEMONYM_ENDINGS: &[&str] = &["ese", "ian", "ean", "an", "ish", "i"];
const PLACE_ENDINGS: &[&str] = &["", "a", "e", "ia", "y", "o"];

/// Whether one word of a MISC name is a nationality or group: listed (in any case, or as
/// a plural), a listed nationality's "-man" ("Frenchman"), or a listed place's adjective
/// ("Zairean", "Californian"). A word merely ending like one is not: "Kasabian",
/// "Guardian", "Spider-Man".
fn is_demonym_word(word: &str, gazetteer: &Gazetteer) -> bool {
    let word = title_case(word);
    let singular = word.strip_suffix('s').unwrap_or(&word);
    let listed = |w: &str| gazetteer.kind(w) == Some(EntityType::Norp) || GROUPS.contains(&w);
    let of_place = |stem: &str| {
        PLACE_ENDINGS.iter().any(|e| {
            matches!(
                gazetteer.kind(&format!("{stem}{e}")),
                Some(EntityType::Gpe | EntityType::Loc)
            )
        })
    };
    let man = ["man", "men", "woman", "women"]
        .iter()
        .any(|m| word.strip_suffix(m).is_some_and(listed));
    listed(&word)
        || listed(singular)
        || man
        || (!word.contains('-')
            && DEMONYM_ENDINGS.iter().any(|e| {
                singular
                    .strip_suffix(e)
                    .is_some_and(|stem| stem.len() >= 3 && of_place(stem))
            }))
}

/// Words that may come before a nationality in a group's name ("South Korean", "Latin
/// American", "Bosnian Serbs", "S. African").
fn qualifies_demonym(word: &str) -> bool {
    matches!(
        title_case(word).as_str(),
        "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Central"
            | "Latin"
            | "Roman"
            | "Far"
            | "Middle"
            | "N."
            | "S."
            | "Bosnian"
            | "Iraqi"
            | "Turkish"
    )
}

/// Whether a MISC name is a nationality or group: every word one, or a qualifier before
/// one ("Iraqi Kurds", "South Korean", "Roman Catholic").
fn is_group(name: &str, gazetteer: &Gazetteer) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    words.len() <= 3
        && is_demonym_word(last, gazetteer)
        && before
            .iter()
            .all(|w| qualifies_demonym(w) || is_demonym_word(w, gazetteer))
}

/// The OntoNotes type of a name the tagger labelled `label`, or `None` when it is none
/// of the name types (a MISC that is neither a group nor an event: "Covid-19", "Nasdaq").
/// A name set in capitals is judged as prose writes it ("WORLD CUP" as "World Cup").
pub fn refine(label: Label, name: &str, gazetteer: &Gazetteer) -> Option<EntityType> {
    let name = &as_in_prose(name);
    let listed = gazetteer.kind(name);
    let bare = name.strip_prefix("the ").unwrap_or(name);
    if INSTITUTIONS.contains(&bare) {
        return Some(EntityType::Org);
    }
    let last_word = name.rsplit(' ').next().unwrap_or(name);
    if is_ruler(name) {
        return Some(EntityType::Person);
    }
    match label {
        Label::Person if ORG_HEADS.contains(&last_word) => Some(EntityType::Org),
        Label::Person => Some(EntityType::Person),
        Label::Organization if is_event(name) && !has_word(name, BODY_OR_EVENT) => Some(EntityType::Event),
        Label::Organization => Some(EntityType::Org),
        Label::Location => Some(match listed {
            Some(kind) => kind,
            None if has_word(name, GEOGRAPHIC) => EntityType::Loc,
            // An unlisted single place name is most often a smaller town.
            None => EntityType::Gpe,
        }),
        Label::Misc => match listed {
            Some(kind) => Some(kind),
            None if is_event(name) || name == "Olympic" => Some(EntityType::Event),
            None if name.contains(' ') && has_word(name, COMPETITIONS) => Some(EntityType::Event),
            // "Euro 96", "Trofej Beograd 96": a tournament with its year in two digits.
            None if name.contains(' ')
                && last_word.len() == 2
                && last_word.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Some(EntityType::Event)
            }
            None if is_group(name, gazetteer) => Some(EntityType::Norp),
            None if has_word(name, GEOGRAPHIC) && name.contains(' ') => Some(EntityType::Loc),
            None => demonym_like(name, gazetteer).then_some(EntityType::Norp),
        },
    }
}

/// A nationality or group the list lacks, one hyphenated word with a listed part
/// ("pro-Russian", "Russian-speaking"); "Dutch Olympic Committee" is not a group.
fn demonym_like(name: &str, gazetteer: &Gazetteer) -> bool {
    !name.contains(' ')
        && name
            .split('-')
            .any(|w| gazetteer.kind(w) == Some(EntityType::Norp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_labels_become_ontonotes_types() {
        use EntityType::*;
        let g = Gazetteer::embedded();
        for (label, name, want) in [
            (Label::Location, "Samarkand", Some(Gpe)),
            (Label::Location, "Uzbekistan", Some(Gpe)),
            (Label::Location, "Sea of Japan", Some(Loc)),
            (Label::Location, "Black Sea", Some(Loc)),
            (Label::Location, "Central Asia", Some(Loc)),
            (Label::Location, "Asia", Some(Loc)),
            (Label::Location, "Smallville", Some(Gpe)),
            (Label::Misc, "Russian", Some(Norp)),
            (Label::Misc, "Chinese", Some(Norp)),
            (Label::Misc, "Muslims", Some(Norp)),
            (Label::Misc, "US", Some(Gpe)),
            (Label::Misc, "Vostok 2022", Some(Event)),
            (Label::Misc, "Winter Olympics", Some(Event)),
            (Label::Misc, "Eastern Economic Forum", Some(Event)),
            (Label::Organization, "Eastern Economic Forum", Some(Event)),
            (Label::Misc, "World Cup", Some(Event)),
            (Label::Misc, "pro-Russian", Some(Norp)),
            (Label::Misc, "Covid-19", None),
            (Label::Misc, "French Open", Some(Event)),
            (Label::Misc, "Dutch Olympic Committee", None),
            (Label::Organization, "Gazprom", Some(Org)),
            (Label::Person, "Xi Jinping", Some(Person)),
            (Label::Location, "Kremlin", Some(Org)),
            (Label::Person, "Road Initiative", Some(Org)),
        ] {
            assert_eq!(refine(label, name, &g), want, "{name}");
        }
    }

    /// Names of the CoNLL train split's kinds that typing used to drop or mistype: groups
    /// the gazetteer lacks, all-caps headlines, competitions, bodies named "Congress".
    #[test]
    fn groups_competitions_and_capitals_keep_their_type() {
        use EntityType::*;
        let g = Gazetteer::embedded();
        for (label, name, want) in [
            (Label::Misc, "English", Some(Norp)),
            (Label::Misc, "SCOTTISH", Some(Norp)),
            (Label::Misc, "Moslems", Some(Norp)),
            (Label::Misc, "Surinamese", Some(Norp)),
            (Label::Misc, "Californian", Some(Norp)),
            (Label::Misc, "Frenchman", Some(Norp)),
            (Label::Misc, "Kasabian", None),
            (Label::Misc, "Guardian", None),
            (Label::Misc, "Spider-Man", None),
            (Label::Misc, "Duran Duran", None),
            (Label::Misc, "Politicians", None),
            (Label::Misc, "Iraqi Kurds", Some(Norp)),
            (Label::Misc, "South Korean", Some(Norp)),
            (Label::Misc, "West Indian", Some(Norp)),
            (Label::Misc, "North Africans", Some(Norp)),
            (Label::Misc, "Roman Catholic", Some(Norp)),
            (Label::Misc, "WORLD CUP", Some(Event)),
            (Label::Misc, "AFRICAN NATIONS CUP", Some(Event)),
            (Label::Misc, "U.S. OPEN", Some(Event)),
            (Label::Misc, "PGA Tour", Some(Event)),
            (Label::Misc, "World Series of Golf", Some(Event)),
            (Label::Misc, "Tour of the Netherlands", Some(Event)),
            (Label::Misc, "TOUR OF NETHERLANDS", Some(Event)),
            (Label::Misc, "Euro 96", Some(Event)),
            (Label::Misc, "Olympic", Some(Event)),
            (Label::Misc, "Nasdaq", None),
            (Label::Misc, "FTSE 100", None),
            (Label::Location, "NEW YORK", Some(Gpe)),
            (Label::Organization, "African National Congress", Some(Org)),
            (Label::Organization, "World Cup", Some(Event)),
            (Label::Organization, "Queen Elizabeth II", Some(Person)),
            (Label::Misc, "Pope John Paul II", Some(Person)),
            (Label::Misc, "World War II", Some(Event)),
        ] {
            assert_eq!(refine(label, name, &g), want, "{name}");
        }
    }
}
