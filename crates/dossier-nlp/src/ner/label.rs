//! Entity labels and the BILOU tags the tagger predicts over them.
//!
//! BILOU (Begin, Inside, Last, Unit, Outside) rather than BIO: a tagger that must say where
//! an entity *ends* learns single-word names and name boundaries better (Ratinov and Roth,
//! 2009), and the decoder forbids impossible sequences ("I-PER" after "O") outright.

/// What kind of thing a mention names. CoNLL-2003's four types for now; a later step maps
/// them to OntoNotes types. To add a type, add a variant and list it in [`Label::ALL`]
/// (the model file names its labels, so an old model is refused, not misread).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    Person,
    Organization,
    Location,
    Misc,
}

impl Label {
    /// Every label, in the order the model's tag indices use.
    pub const ALL: [Label; 4] = [Label::Person, Label::Organization, Label::Location, Label::Misc];

    /// CoNLL's name for the label ("PER", "ORG", "LOC", "MISC").
    pub fn conll(self) -> &'static str {
        match self {
            Label::Person => "PER",
            Label::Organization => "ORG",
            Label::Location => "LOC",
            Label::Misc => "MISC",
        }
    }

    pub fn from_conll(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|label| label.conll() == name)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// Entities of a tokenised sentence: tokens `start..end` name a `label`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// The number of tags: "O" plus B, I, L and U for every label.
pub(crate) const N_TAGS: usize = 1 + 4 * Label::ALL.len();
/// The tag index standing for "before the sentence" in transition tables.
pub(crate) const START: usize = N_TAGS;
pub(crate) const OUTSIDE: u8 = 0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

fn tag(label: Label, part: Part) -> u8 {
    (1 + 4 * label.index() + part as usize) as u8
}

fn split(tag: u8) -> Option<(Label, Part)> {
    let t = usize::from(tag).checked_sub(1)?;
    let label = *Label::ALL.get(t / 4)?;
    let part = [Part::Begin, Part::Inside, Part::Last, Part::Unit][t % 4];
    Some((label, part))
}

/// The label a tag belongs to, if it is not "O".
pub(crate) fn label_of(tag: u8) -> Option<Label> {
    split(tag).map(|(label, _)| label)
}

/// Whether tag `to` may follow `from` ([`START`] at the beginning of a sentence): inside
/// an entity only its own Inside or Last may follow; outside one, only O, Begin or Unit.
pub(crate) fn allowed(from: usize, to: usize) -> bool {
    let open = u8::try_from(from)
        .ok()
        .and_then(split)
        .filter(|(_, p)| matches!(p, Part::Begin | Part::Inside));
    let next = u8::try_from(to).ok().and_then(split);
    match (open, next) {
        (Some((label, _)), Some((l, p))) => l == label && matches!(p, Part::Inside | Part::Last),
        (Some(_), None) => false,
        (None, Some((_, p))) => matches!(p, Part::Begin | Part::Unit),
        (None, None) => true,
    }
}

/// Whether a sentence may end on this tag (not inside an open entity).
pub(crate) fn allowed_last(tag: usize) -> bool {
    allowed(tag, usize::from(OUTSIDE))
}

/// BILOU tags for `len` tokens with these (non-overlapping) entities.
pub(crate) fn encode(len: usize, entities: &[Entity]) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; len];
    for e in entities.iter().filter(|e| e.start < e.end && e.end <= len) {
        if e.end - e.start == 1 {
            tags[e.start] = tag(e.label, Part::Unit);
            continue;
        }
        tags[e.start] = tag(e.label, Part::Begin);
        for t in &mut tags[e.start + 1..e.end - 1] {
            *t = tag(e.label, Part::Inside);
        }
        tags[e.end - 1] = tag(e.label, Part::Last);
    }
    tags
}

/// The entities a tag sequence spells. Decoded sequences are always well formed; a
/// malformed one (a lone Inside) still yields the longest reading instead of nothing.
pub(crate) fn decode(tags: &[u8]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let here = split(t);
        if let Some((start, label)) = open {
            if !matches!(here, Some((l, Part::Inside | Part::Last)) if l == label) {
                out.push(Entity { start, end: i, label });
                open = None;
            }
        }
        match here {
            Some((label, Part::Unit)) => out.push(Entity {
                start: i,
                end: i + 1,
                label,
            }),
            Some((label, Part::Last)) => {
                let start = open.map_or(i, |(s, _)| s);
                out.push(Entity {
                    start,
                    end: i + 1,
                    label,
                });
                open = None;
            }
            Some((label, Part::Begin | Part::Inside)) if open.is_none() => open = Some((i, label)),
            _ => {}
        }
    }
    if let Some((start, label)) = open {
        out.push(Entity {
            start,
            end: tags.len(),
            label,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for label in Label::ALL {
            assert_eq!(Label::from_conll(label.conll()), Some(label));
        }
        assert_eq!(Label::from_conll("GPE"), None);
    }

    #[test]
    fn encodes_and_decodes_bilou() {
        let entities = vec![
            Entity {
                start: 0,
                end: 2,
                label: Label::Person,
            },
            Entity {
                start: 3,
                end: 4,
                label: Label::Location,
            },
            Entity {
                start: 4,
                end: 7,
                label: Label::Organization,
            },
        ];
        let tags = encode(8, &entities);
        assert_eq!(tags.len(), 8);
        assert_eq!(tags[2], OUTSIDE);
        assert_eq!(decode(&tags), entities);
    }

    #[test]
    fn transitions_inside_an_entity_stay_in_it() {
        let b_per = usize::from(tag(Label::Person, Part::Begin));
        let l_per = usize::from(tag(Label::Person, Part::Last));
        let i_org = usize::from(tag(Label::Organization, Part::Inside));
        let u_loc = usize::from(tag(Label::Location, Part::Unit));
        assert!(allowed(START, b_per));
        assert!(!allowed(START, l_per));
        assert!(allowed(b_per, l_per));
        assert!(!allowed(b_per, i_org));
        assert!(!allowed(b_per, 0));
        assert!(allowed(l_per, u_loc));
        assert!(!allowed_last(b_per));
        assert!(allowed_last(u_loc));
    }
}
