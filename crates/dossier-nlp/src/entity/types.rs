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

/// Whether `name` ends in a four-digit year ("Vostok 2022", "World Cup 2018").
pub fn ends_in_year(name: &str) -> bool {
    name.rsplit_once(' ').is_some_and(|(_, last)| {
        last.len() == 4
            && last.bytes().all(|b| b.is_ascii_digit())
            && (last.starts_with("19") || last.starts_with("20"))
    })
}

/// Whether any word of `name` is in `list`.
fn has_word(name: &str, list: &[&str]) -> bool {
    name.split([' ', '-']).any(|w| list.contains(&w))
}

/// Whether `name` names an event: an event word anywhere, or a tournament ("French Open").
fn is_event(name: &str) -> bool {
    ends_in_year(name) || has_word(name, EVENTS) || (name.contains(' ') && name.ends_with(" Open"))
}

/// The OntoNotes type of a name the tagger labelled `label`, or `None` when it is none
/// of the name types (a MISC that is neither a group nor an event: "Covid-19", "English").
pub fn refine(label: Label, name: &str, gazetteer: &Gazetteer) -> Option<EntityType> {
    let listed = gazetteer.kind(name);
    let bare = name.strip_prefix("the ").unwrap_or(name);
    if INSTITUTIONS.contains(&bare) {
        return Some(EntityType::Org);
    }
    match label {
        Label::Person if name.rsplit(' ').next().is_some_and(|w| ORG_HEADS.contains(&w)) => {
            Some(EntityType::Org)
        }
        Label::Person => Some(EntityType::Person),
        Label::Organization if is_event(name) => Some(EntityType::Event),
        Label::Organization => Some(EntityType::Org),
        Label::Location => Some(match listed {
            Some(kind) => kind,
            None if has_word(name, GEOGRAPHIC) => EntityType::Loc,
            // An unlisted single place name is most often a smaller town.
            None => EntityType::Gpe,
        }),
        Label::Misc => match listed {
            Some(kind) => Some(kind),
            None if is_event(name) => Some(EntityType::Event),
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
}
