//! Corrections applied to the recognised entities: a pure function of the build's
//! entities and the list, so every view, export and the CLI see one result, and undo is
//! applying the list without its last corrections.
//!
//! ```
//! use dossier_model::entity::{Entities, Entity, EntityId, EntityType};
//! use dossier_work::apply::apply;
//! use dossier_work::correction::{Correction, EntityRef};
//! use dossier_work::doc_key::DocHashes;
//!
//! let mut base = Entities::default();
//! base.entities.push(Entity::new(EntityId(0), "Xi", EntityType::Person));
//! let rename = Correction::Rename {
//!     entity: EntityRef::new("Xi", EntityType::Person),
//!     to: "Xi Jinping".into(),
//! };
//! let fixed = apply(&base, &[], &DocHashes::new(&[]), &[rename]);
//! assert_eq!(fixed.entities.entities[0].name, "Xi Jinping");
//! assert_eq!(fixed.entities.entities[0].aliases, ["Xi"]);
//! ```
//!
//! Written to run on every change: the work is proportional to the mentions a
//! correction touches, not to the corpus. A name index finds entities, each entity keeps
//! the places of its mentions, and mentions that go are marked and swept once at the
//! end, where ids are compacted and counts recomputed (`Entities::recount`).

use crate::correction::{Correction, EntityRef, MentionRef};
use crate::doc_key::{span_fits, ContentHash, DocHashes, DocKey};
use dossier_model::document::Document;
use dossier_model::entity::{Entities, Entity, EntityId, EntityType, Mention, MentionCounts};
use dossier_model::Span;
use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hasher};

#[cfg(test)]
mod tests;

/// The corrected entities, and the corrections that found nothing to correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub entities: Entities,
    pub unapplied: Vec<Unapplied>,
}

/// A correction left out, by its position in the list, and why: after a rebuild its
/// entity or document may be gone. The list keeps it; the review shows the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unapplied {
    pub index: usize,
    pub reason: Skip,
}

/// Why a correction changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// No entity has this name (or alias) and type.
    NoEntity(EntityRef),
    /// This build has no document with this text.
    NoDocument(ContentHash),
    /// The document has no mention exactly at this span.
    NoMention(Span),
    /// The span is empty or not on the text's character boundaries.
    BadSpan(Span),
    /// A name that is empty or only spaces.
    EmptyName,
    /// A merge of an entity into itself.
    SameEntity,
    /// The entity has no such alias.
    NoAlias(String),
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::NoEntity(e) => write!(f, "no {} entity is called {:?} any more", e.kind.label(), e.name),
            Skip::NoDocument(hash) => {
                write!(f, "this corpus has no document with the text it names ({hash})")
            }
            Skip::NoMention(span) => write!(f, "no mention at bytes {}..{} any more", span.start, span.end),
            Skip::BadSpan(span) => write!(
                f,
                "bytes {}..{} are not a passage of the document",
                span.start, span.end
            ),
            Skip::EmptyName => write!(f, "an entity's name cannot be empty"),
            Skip::SameEntity => write!(f, "an entity cannot be merged into itself"),
            Skip::NoAlias(alias) => write!(f, "the entity has no alias {alias:?}"),
        }
    }
}

/// `base` with `corrections` applied in order. `documents` and `hashes` are the build's
/// (the mentions' texts, and what document keys name). Never panics, whatever the
/// corrections say: one that cannot apply is skipped and listed.
pub fn apply(
    base: &Entities,
    documents: &[Document],
    hashes: &DocHashes,
    corrections: &[Correction],
) -> Applied {
    let mut working = Working::new(base, documents, hashes);
    let mut unapplied = Vec::new();
    for (index, correction) in corrections.iter().enumerate() {
        if let Err(reason) = working.apply(correction) {
            unapplied.push(Unapplied { index, reason });
        }
    }
    Applied {
        entities: working.finish(base),
        unapplied,
    }
}

/// The entity id of a mention that was dropped; swept in [`Working::finish`].
const DROPPED: EntityId = EntityId(u32::MAX);

/// How an entity may be found by name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    /// By its canonical name or an alias: what a correction names.
    NameOrAlias,
    /// By its canonical name only: the entity a rename or retype would collide with.
    Name,
}

/// The entities while corrections apply.
struct Working<'a> {
    documents: &'a [Document],
    hashes: &'a DocHashes,
    entities: Vec<Entity>,
    /// Merged away or not an entity.
    gone: Vec<bool>,
    /// Per document, sorted by start and never overlapping, dropped ones included until
    /// the end (so a mention is found by its start).
    mentions: Vec<Vec<Mention>>,
    members: Members,
    /// Names and aliases by type, to candidate entities. Keyed by a hash of the name in
    /// lowercase ([`name_key`]) rather than the name, so building it allocates no string
    /// per entity; candidates are checked on use, which also makes a name an entity no
    /// longer has (or a colliding hash) find nothing.
    names: HashMap<(u64, EntityType), Named>,
}

/// The entities a name key leads to: nearly always one, so one needs no allocation.
enum Named {
    One(usize),
    Many(Vec<usize>),
}

impl Named {
    fn ids(&self) -> &[usize] {
        match self {
            Named::One(id) => std::slice::from_ref(id),
            Named::Many(ids) => ids,
        }
    }
}

/// Per entity, where its mentions are, as (document, span start): the build's laid out
/// flat by entity (`placed[first[id]..first[id + 1]]`, two allocations for the lot),
/// and those placed since in `added`. Entries go stale when a mention moves; each use
/// checks the mention still belongs to the entity.
struct Members {
    first: Vec<usize>,
    placed: Vec<(usize, u32)>,
    added: Vec<Vec<(usize, u32)>>,
}

impl Members {
    fn new(base: &Entities) -> Members {
        let count = base.entities.len();
        let known = |m: &&Mention| (m.entity.0 as usize) < count;
        let mut first = vec![0; count + 1];
        for m in base.mentions.iter().flatten().filter(known) {
            first[m.entity.0 as usize + 1] += 1;
        }
        for id in 0..count {
            first[id + 1] += first[id];
        }
        let mut next = first.clone();
        let mut placed = vec![(0, 0); first[count]];
        for (doc, found) in base.mentions.iter().enumerate() {
            for m in found.iter().filter(known) {
                let at = &mut next[m.entity.0 as usize];
                placed[*at] = (doc, m.span.start);
                *at += 1;
            }
        }
        Members {
            first,
            placed,
            added: vec![Vec::new(); count],
        }
    }

    fn push(&mut self, id: usize, doc: usize, start: u32) {
        self.added[id].push((doc, start));
    }

    /// A new entity's (empty) list.
    fn grow(&mut self) {
        self.added.push(Vec::new());
    }

    /// How many places are listed (stale ones included): the mention count `find` ranks by.
    fn count(&self, id: usize) -> usize {
        self.built(id).len() + self.added[id].len()
    }

    fn built(&self, id: usize) -> &[(usize, u32)] {
        match (self.first.get(id), self.first.get(id + 1)) {
            (Some(&start), Some(&end)) => &self.placed[start..end],
            _ => &[],
        }
    }

    /// Every place listed for `id`; those added since the build are taken.
    fn take(&mut self, id: usize) -> Vec<(usize, u32)> {
        let mut places = self.built(id).to_vec();
        places.append(&mut self.added[id]);
        places
    }
}

impl<'a> Working<'a> {
    fn new(base: &Entities, documents: &'a [Document], hashes: &'a DocHashes) -> Working<'a> {
        // Counts and document lists are left out: `finish` recounts them.
        let entities: Vec<Entity> = base
            .entities
            .iter()
            .map(|e| Entity {
                id: e.id,
                name: e.name.clone(),
                kind: e.kind,
                aliases: e.aliases.clone(),
                counts: MentionCounts::default(),
                documents: Vec::new(),
                text_documents: Vec::new(),
            })
            .collect();
        let mut working = Working {
            documents,
            hashes,
            gone: vec![false; entities.len()],
            entities,
            mentions: base.mentions.clone(),
            members: Members::new(base),
            names: HashMap::with_capacity(2 * base.entities.len()),
        };
        for id in 0..working.entities.len() {
            working.index_names(id);
        }
        working
    }

    fn apply(&mut self, correction: &Correction) -> Result<(), Skip> {
        match correction {
            Correction::Rename { entity, to } => self.rename(entity, to),
            Correction::Merge { from, into } => {
                let (from, into) = (self.entity(from)?, self.entity(into)?);
                if from == into {
                    return Err(Skip::SameEntity);
                }
                self.merge(from, into);
                Ok(())
            }
            Correction::SplitMention { mention, into } => self.split_mention(mention, into),
            Correction::SplitAlias { entity, alias } => self.split_alias(entity, alias),
            Correction::Retype { entity, to } => self.retype(entity, *to),
            Correction::NotAnEntity { entity } => {
                let id = self.entity(entity)?;
                for (doc, i) in self.take_mentions(id) {
                    self.mentions[doc][i].entity = DROPPED;
                }
                self.gone[id] = true;
                Ok(())
            }
            Correction::NotAMention { mention } => {
                let (doc, i) = self.mention(mention)?;
                self.mentions[doc][i].entity = DROPPED;
                Ok(())
            }
            Correction::Add {
                mention,
                kind,
                everywhere,
            } => self.add(mention, *kind, *everywhere),
        }
    }

    fn rename(&mut self, entity: &EntityRef, to: &str) -> Result<(), Skip> {
        let id = self.entity(entity)?;
        let to = non_empty(to)?;
        let kind = self.entities[id].kind;
        if let Some(other) = self.find(to, kind, Some(id), Match::Name) {
            self.merge(id, other);
            return Ok(());
        }
        let e = &mut self.entities[id];
        if e.name != to {
            let old = std::mem::replace(&mut e.name, to.to_owned());
            e.aliases.retain(|a| a != to);
            self.add_alias(id, &old);
            self.index(to, kind, id);
        }
        Ok(())
    }

    fn split_mention(&mut self, mention: &MentionRef, into: &EntityRef) -> Result<(), Skip> {
        let (doc, i) = self.mention(mention)?;
        let target = self.found_or_made(non_empty(&into.name)?, into.kind, None, Match::NameOrAlias);
        let documents = self.documents;
        let m = &mut self.mentions[doc][i];
        if m.entity.0 as usize != target {
            m.entity = EntityId(target as u32);
            let span = m.span;
            self.members.push(target, doc, span.start);
            let text = documents[doc].text.get(span.range()).unwrap_or_default();
            self.add_alias(target, text.trim());
        }
        Ok(())
    }

    fn split_alias(&mut self, entity: &EntityRef, alias: &str) -> Result<(), Skip> {
        let id = self.entity(entity)?;
        let alias = non_empty(alias)?;
        let Some(at) = self.entities[id]
            .aliases
            .iter()
            .position(|a| same_words(a, alias))
        else {
            return Err(Skip::NoAlias(alias.to_owned()));
        };
        self.entities[id].aliases.remove(at);
        let kind = self.entities[id].kind;
        let target = self.found_or_made(alias, kind, Some(id), Match::Name);
        for (doc, i) in self.take_mentions(id) {
            let m = &mut self.mentions[doc][i];
            let text = self.documents.get(doc).and_then(|d| d.text.get(m.span.range()));
            let to = if text.is_some_and(|t| same_words(t.trim(), alias)) {
                target
            } else {
                id
            };
            m.entity = EntityId(to as u32);
            self.members.push(to, doc, m.span.start);
        }
        Ok(())
    }

    fn retype(&mut self, entity: &EntityRef, to: EntityType) -> Result<(), Skip> {
        let id = self.entity(entity)?;
        if self.entities[id].kind == to {
            return Ok(());
        }
        self.entities[id].kind = to;
        match self.find(&self.entities[id].name, to, Some(id), Match::Name) {
            Some(other) => self.merge(id, other),
            None => self.index_names(id),
        }
        Ok(())
    }

    fn add(&mut self, mention: &MentionRef, kind: EntityType, everywhere: bool) -> Result<(), Skip> {
        let doc = self.document(&mention.doc)?;
        let documents = self.documents;
        let text = &documents[doc].text;
        if !span_fits(text, mention.span) {
            return Err(Skip::BadSpan(mention.span));
        }
        let selected = &text[mention.span.range()];
        let name = non_empty(selected)?;
        // The span without the spaces a selection may have caught.
        let start = mention.span.start as usize + (selected.len() - selected.trim_start().len());
        let span = Span::new(start, start + name.len());
        let target = self.found_or_made(name, kind, None, Match::NameOrAlias);
        self.place(doc, span, target, true);
        if everywhere {
            for (d, document) in documents.iter().enumerate() {
                // `contains` first: the standard library's vectorised search for short
                // needles, which rules most documents out several times faster than
                // `match_indices` walks them.
                if !document.text.contains(name) {
                    continue;
                }
                for (at, _) in document.text.match_indices(name) {
                    let found = Span::new(at, at + name.len());
                    if whole_words(&document.text, found) && (d, found) != (doc, span) {
                        self.place(d, found, target, false);
                    }
                }
            }
        }
        Ok(())
    }

    /// Puts a mention of `target` at `span` of document `doc` (a valid span). Mentions
    /// it overlaps give way when `replace`; otherwise it is only placed where none is.
    fn place(&mut self, doc: usize, span: Span, target: usize, replace: bool) {
        if self.mentions.len() <= doc {
            self.mentions.resize(doc + 1, Vec::new());
        }
        let list = &mut self.mentions[doc];
        let first = list.partition_point(|m| m.span.end <= span.start);
        let last = first
            + list[first..]
                .iter()
                .take_while(|m| m.span.start < span.end)
                .count();
        if !replace && list[first..last].iter().any(|m| m.entity != DROPPED) {
            return;
        }
        let mention = Mention {
            span,
            entity: EntityId(target as u32),
            place: self.documents[doc].place_of(span),
        };
        list.splice(first..last, [mention]);
        self.members.push(target, doc, span.start);
    }

    /// `from`'s mentions, name and aliases to `into`; `from` goes.
    fn merge(&mut self, from: usize, into: usize) {
        for (doc, i) in self.take_mentions(from) {
            self.mentions[doc][i].entity = EntityId(into as u32);
            self.members.push(into, doc, self.mentions[doc][i].span.start);
        }
        let name = std::mem::take(&mut self.entities[from].name);
        let aliases = std::mem::take(&mut self.entities[from].aliases);
        self.gone[from] = true;
        for alias in std::iter::once(name).chain(aliases) {
            self.add_alias(into, &alias);
        }
    }

    /// The entity a correction names.
    fn entity(&self, entity: &EntityRef) -> Result<usize, Skip> {
        self.find(&entity.name, entity.kind, None, Match::NameOrAlias)
            .ok_or_else(|| Skip::NoEntity(entity.clone()))
    }

    /// The live entity of type `kind` called `name` (not `except`): the best match first
    /// (exact name, name in another case, alias), then the one with most mentions, then
    /// the oldest, so the answer never depends on hash order.
    fn find(&self, name: &str, kind: EntityType, except: Option<usize>, how: Match) -> Option<usize> {
        let name = name.trim();
        let candidates = self.names.get(&(name_key(name), kind))?;
        candidates
            .ids()
            .iter()
            .copied()
            .filter(|&id| Some(id) != except && !self.gone[id] && self.entities[id].kind == kind)
            .filter_map(|id| {
                let e = &self.entities[id];
                let rank = if e.name == name {
                    3
                } else if same_words(&e.name, name) {
                    2
                } else if how == Match::Name {
                    return None;
                } else if e.aliases.iter().any(|a| a == name) {
                    1
                } else if e.aliases.iter().any(|a| same_words(a, name)) {
                    0
                } else {
                    return None;
                };
                Some(((rank, self.members.count(id), Reverse(id)), id))
            })
            .max()
            .map(|(_, id)| id)
    }

    /// The entity [`Working::find`] finds, or a new one of that name and type.
    fn found_or_made(&mut self, name: &str, kind: EntityType, except: Option<usize>, how: Match) -> usize {
        if let Some(id) = self.find(name, kind, except, how) {
            return id;
        }
        let id = self.entities.len();
        self.entities.push(Entity::new(EntityId(id as u32), name, kind));
        self.gone.push(false);
        self.members.grow();
        self.index(name, kind, id);
        id
    }

    /// The document a key names, in this build.
    fn document(&self, key: &DocKey) -> Result<usize, Skip> {
        self.hashes
            .resolve(key)
            .map(|id| id.0 as usize)
            .filter(|&doc| doc < self.documents.len())
            .ok_or(Skip::NoDocument(key.hash))
    }

    /// The live mention at exactly this span, as (document, position).
    fn mention(&self, mention: &MentionRef) -> Result<(usize, usize), Skip> {
        let doc = self.document(&mention.doc)?;
        self.at(doc, mention.span.start)
            .filter(|&i| {
                self.mentions[doc][i].span == mention.span && self.mentions[doc][i].entity != DROPPED
            })
            .map(|i| (doc, i))
            .ok_or(Skip::NoMention(mention.span))
    }

    /// The position of the mention starting at `start` in document `doc`.
    fn at(&self, doc: usize, start: u32) -> Option<usize> {
        let list = self.mentions.get(doc)?;
        list.binary_search_by_key(&start, |m| m.span.start).ok()
    }

    /// Where entity `id`'s mentions are now, as (document, position); its list is
    /// emptied (the caller moves or drops each mention, and records where it went).
    fn take_mentions(&mut self, id: usize) -> Vec<(usize, usize)> {
        let entity = EntityId(id as u32);
        let mut found: Vec<(usize, usize)> = self
            .members
            .take(id)
            .into_iter()
            .filter_map(|(doc, start)| {
                let i = self.at(doc, start)?;
                (self.mentions[doc][i].entity == entity).then_some((doc, i))
            })
            .collect();
        // A mention moved away and back is listed twice.
        found.sort_unstable();
        found.dedup();
        found
    }

    fn add_alias(&mut self, id: usize, alias: &str) {
        let e = &mut self.entities[id];
        if alias.is_empty() || e.name == alias || e.aliases.iter().any(|a| a == alias) {
            return;
        }
        e.aliases.push(alias.to_owned());
        let kind = e.kind;
        self.index(alias, kind, id);
    }

    fn index_names(&mut self, id: usize) {
        let e = &self.entities[id];
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            index_key(&mut self.names, name_key(name), e.kind, id);
        }
    }

    fn index(&mut self, name: &str, kind: EntityType, id: usize) {
        index_key(&mut self.names, name_key(name), kind, id);
    }

    /// The corrected entities: dropped mentions swept, entities that went (or that
    /// corrections left without a mention) removed, ids compacted in order, counts
    /// recomputed.
    fn finish(self, base: &Entities) -> Entities {
        let count = self.entities.len();
        let mut has_mention = vec![false; count];
        for m in self.mentions.iter().flatten() {
            if let Some(has) = has_mention.get_mut(m.entity.0 as usize) {
                *has = true;
            }
        }
        let mut had_mention = vec![false; base.entities.len()];
        for m in base.mentions.iter().flatten() {
            if let Some(had) = had_mention.get_mut(m.entity.0 as usize) {
                *had = true;
            }
        }
        // An entity the build gave no mention keeps its place: corrections did not empty it.
        let keep = |id: usize| !self.gone[id] && (has_mention[id] || had_mention.get(id) == Some(&false));
        let mut new_id = vec![None; count];
        let mut entities = Vec::with_capacity(count);
        for (id, mut e) in self.entities.into_iter().enumerate() {
            if keep(id) {
                new_id[id] = Some(EntityId(entities.len() as u32));
                e.id = EntityId(entities.len() as u32);
                entities.push(e);
            }
        }
        let mentions = self
            .mentions
            .into_iter()
            .map(|found| {
                found
                    .into_iter()
                    .filter_map(|m| {
                        let entity = (*new_id.get(m.entity.0 as usize)?)?;
                        Some(Mention { entity, ..m })
                    })
                    .collect()
            })
            .collect();
        let mut entities = Entities { entities, mentions };
        entities.recount();
        entities
    }
}

/// Lists entity `id` under a name key.
fn index_key(names: &mut HashMap<(u64, EntityType), Named>, key: u64, kind: EntityType, id: usize) {
    match names.entry((key, kind)) {
        Entry::Vacant(slot) => {
            slot.insert(Named::One(id));
        }
        Entry::Occupied(mut slot) => match slot.get_mut() {
            Named::One(first) if *first != id => {
                let ids = vec![*first, id];
                slot.insert(Named::Many(ids));
            }
            Named::Many(ids) if ids.last() != Some(&id) => ids.push(id),
            _ => {}
        },
    }
}

/// A hash of `name` without surrounding spaces, in lowercase: equal for names
/// [`same_words`] calls equal.
fn name_key(name: &str) -> u64 {
    let name = name.trim();
    let mut hasher = DefaultHasher::new();
    // Most names are short and ASCII: lowercased on the stack and hashed in one call,
    // since hashing char by char was a third of applying no correction to BBC.
    let mut ascii = [0u8; 48];
    match ascii.get_mut(..name.len()) {
        Some(lower) if name.is_ascii() => {
            lower.copy_from_slice(name.as_bytes());
            lower.make_ascii_lowercase();
            hasher.write(lower);
        }
        _ => {
            for c in name.chars().flat_map(char::to_lowercase) {
                let mut utf8 = [0; 4];
                hasher.write(c.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
    hasher.finish()
}

/// `name` without surrounding spaces, unless that leaves nothing.
fn non_empty(name: &str) -> Result<&str, Skip> {
    Some(name.trim()).filter(|n| !n.is_empty()).ok_or(Skip::EmptyName)
}

/// Equal ignoring case, without allocating.
fn same_words(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `span` of `text` starts and ends at word edges ("Ford" in "Ford's", not in
/// "Fordham").
fn whole_words(text: &str, span: Span) -> bool {
    let before = text[..span.start as usize].chars().next_back();
    let after = text[span.end as usize..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
