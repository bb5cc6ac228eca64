//! Titles and other words that precede a name but are not part of it: "President Xi
//! Jinping" is the person "Xi Jinping", "the Kremlin" is "Kremlin" for linking.
//!
//! The tagger, trained on CoNLL where titles are outside names, still glues a title to a
//! name when news capitalises it ("Prime Minister Narendra Modi"); stripping them here
//! makes the canonical name and the highlight the name alone.

use super::gazetteer::Gazetteer;
use dossier_model::entity::EntityType;

/// Capitalised words that are titles or offices, never the first word of a person's name.
const TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Foreign",
    "Defence",
    "Defense",
    "Finance",
    "Chancellor",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "General",
    "Gen",
    "Gen.",
    "Colonel",
    "Col.",
    "Captain",
    "Capt.",
    "Admiral",
    "Adm.",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Governor",
    "Gov.",
    "Mayor",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Ambassador",
    "Envoy",
    "Premier",
    "Leader",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Executive",
    "Pope",
    "Sheikh",
    "Emir",
    "Judge",
    "Justice",
    "Professor",
    "Prof.",
    "Deputy",
    "Counsellor",
    "Councillor",
    "Mister",
    "Madame",
    "Comrade",
    "Speaker",
    "Supreme",
    "Commander",
    "Marshal",
    "Crown",
    "Sultan",
    "Ayatollah",
    "Archbishop",
    "Bishop",
    "Rev.",
    "Father",
    "Officer",
];

/// Lower-case particles that start a surname ("de Silva", "van Gaal").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "al", "bin", "ibn",
];

/// A title, an office, or a lower-case word ("leader") other than a surname's particle:
/// none starts a person's name.
fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
        || (word.chars().next().is_some_and(char::is_lowercase) && !PARTICLES.contains(&word))
}

/// Whether a PERSON mention cannot start at `word`, followed by `next`. A nationality
/// counts only before a title ("Chinese President Xi"): "Christian Lindner" keeps its
/// first name.
fn starts_no_name(word: &str, next: &str, gazetteer: &Gazetteer) -> bool {
    is_title(word) || (gazetteer.kind(word) == Some(EntityType::Norp) && is_title(next))
}

/// How many bytes to drop from the start of a mention of `kind` whose text is `surface`:
/// titles before a person's name, and a leading "the" before any name (CoNLL's annotation
/// keeps "the" outside names, so a "The" inside a mention is a sentence start).
pub fn leading_noise(surface: &str, kind: EntityType, gazetteer: &Gazetteer) -> usize {
    let mut cut = 0;
    let mut rest = surface;
    loop {
        let Some((word, after)) = rest.split_once(' ') else {
            return cut;
        };
        let strip = word.eq_ignore_ascii_case("the")
            || (kind == EntityType::Person
                && starts_no_name(word, after.split(' ').next().unwrap_or(""), gazetteer));
        if !strip || after.trim().is_empty() {
            return cut;
        }
        let skipped = rest.len() - after.trim_start().len();
        cut += skipped;
        rest = &rest[skipped..];
    }
}

/// How many bytes to drop from the end: a possessive ("Putin's", "Reuters'").
pub fn trailing_possessive(surface: &str) -> usize {
    for ending in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(stem) = surface.strip_suffix(ending) {
            if !stem.is_empty() && !stem.ends_with(' ') {
                return ending.len();
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_the_are_stripped_from_the_front() {
        let g = Gazetteer::embedded();
        for (surface, kind, name) in [
            ("President Xi Jinping", EntityType::Person, "Xi Jinping"),
            ("Chinese President Xi Jinping", EntityType::Person, "Xi Jinping"),
            ("Mr Putin", EntityType::Person, "Putin"),
            ("Mr. Putin", EntityType::Person, "Putin"),
            ("Dr Anthony Fauci", EntityType::Person, "Anthony Fauci"),
            (
                "Prime Minister Narendra Modi",
                EntityType::Person,
                "Narendra Modi",
            ),
            (
                "Russian leader Vladimir Putin",
                EntityType::Person,
                "Vladimir Putin",
            ),
            ("the Kremlin", EntityType::Org, "Kremlin"),
            (
                "The Shanghai Cooperation Organization",
                EntityType::Org,
                "Shanghai Cooperation Organization",
            ),
            ("President", EntityType::Person, "President"),
            ("Xi Jinping", EntityType::Person, "Xi Jinping"),
            ("General Motors", EntityType::Org, "General Motors"),
            ("Prince", EntityType::Person, "Prince"),
            ("Christian Lindner", EntityType::Person, "Christian Lindner"),
            ("de Silva", EntityType::Person, "de Silva"),
            ("van der Westhuizen", EntityType::Person, "van der Westhuizen"),
        ] {
            let cut = leading_noise(surface, kind, &g);
            assert_eq!(&surface[cut..], name, "{surface}");
        }
    }

    #[test]
    fn possessives_are_stripped_from_the_end() {
        for (surface, name) in [
            ("Putin's", "Putin"),
            ("Putin\u{2019}s", "Putin"),
            ("Reuters'", "Reuters"),
            ("Xi Jinping", "Xi Jinping"),
        ] {
            assert_eq!(&surface[..surface.len() - trailing_possessive(surface)], name);
        }
    }
}
