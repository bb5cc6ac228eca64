//! The reader's work in IndexedDB: each [`Change`] committed in one transaction before
//! the page confirms it, so a reload or a crashed tab loses nothing confirmed.
//!
//! Its own database ([`DATABASE`]), one object store per kind, each record the typed
//! Rust struct turned into a plain JavaScript object by `serde-wasm-bindgen` (so the
//! browser's developer tools show it as it is), keyed as [`Work::change`] tells items
//! apart:
//!
//! | store            | key                                   | record        |
//! |------------------|---------------------------------------|---------------|
//! | `tags`           | the name in lower case                | `Tag`         |
//! | `stars`          | the text's hash                       | `DocKey`      |
//! | `notes`          | `[hash, start, end, created]`         | `Note`        |
//! | `corrections`    | a number counted up (the order made)  | `Correction`  |
//! | `name_lists`     | the name                              | `NameList`    |
//! | `saved_searches` | the name                              | `SavedSearch` |
//! | `meta`           | `"format"`                            | `{version}`   |
//!
//! [`STORE_VERSION`] is both the database's IndexedDB version and the `format` record's:
//! a database from a newer Dossier is refused with [`WorkStoreError::Newer`] and never
//! written. A failed commit (a full quota, a record that cannot be stored) aborts its
//! transaction, and IndexedDB's atomicity leaves everything stored before as it was.
//! An import's merge result is best stored with [`WorkStore::replace`], which writes
//! only the records that differ from the work stored before.
//!
//! Version history: 1, the stores above.

use crate::idb::{committed, describe, is_quota, settle};
use dossier_work::change::{in_stored_order, tag_key, NoteKey};
use dossier_work::work::{NameList, Note, SavedSearch, Tag};
use dossier_work::{Change, Correction, DocKey, Work};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::Hash;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    IdbDatabase, IdbFactory, IdbObjectStore, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransaction,
    IdbTransactionMode,
};

/// The page's database of the reader's work.
pub const DATABASE: &str = "dossier-work";

/// The version this build writes and the newest it reads.
pub const STORE_VERSION: u32 = 1;

const META: &str = "meta";
const FORMAT_KEY: &str = "format";
const TAGS: &str = "tags";
const STARS: &str = "stars";
const NOTES: &str = "notes";
const CORRECTIONS: &str = "corrections";
const NAME_LISTS: &str = "name_lists";
const SAVED_SEARCHES: &str = "saved_searches";
/// Every store of work (not `meta`).
const KINDS: [&str; 6] = [TAGS, STARS, NOTES, CORRECTIONS, NAME_LISTS, SAVED_SEARCHES];

/// The `format` record.
#[derive(Serialize, Deserialize)]
struct FormatRecord {
    version: u32,
}

/// Why the reader's work could not be stored or read. None of them loses anything stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkStoreError {
    /// IndexedDB is missing or refused (a private window, storage disabled).
    Unavailable(String),
    /// The browser's storage quota for this site is full.
    QuotaExceeded,
    /// Stored by a newer Dossier.
    Newer {
        found: u32,
        supported: u32,
    },
    /// A stored record this build cannot read (edited by hand, say).
    Damaged {
        store: String,
        message: String,
    },
    /// A change with a value the store cannot hold (a time past 2^53 ms).
    Unstorable(String),
    Failed(String),
}

impl fmt::Display for WorkStoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkStoreError::Unavailable(e) => write!(
                f,
                "your browser does not let this page keep your work ({e}): tags, notes and corrections last until \
                 you close the tab, so export a case file before you do"
            ),
            WorkStoreError::QuotaExceeded => write!(
                f,
                "the browser's storage for this page is full, so this change was not saved; nothing saved before \
                 was lost. Export a case file, or remove some added documents, and try again"
            ),
            WorkStoreError::Newer { found, supported } => write!(
                f,
                "your work in this browser was saved by a newer Dossier (storage version {found}; this one reads up \
                 to {supported}): open it with that Dossier. Nothing was changed"
            ),
            WorkStoreError::Damaged { store, message } => write!(
                f,
                "a saved record of your work ({store}) cannot be read ({message}), so your work was not loaded; \
                 nothing was changed"
            ),
            WorkStoreError::Unstorable(e) => {
                write!(f, "this change cannot be saved ({e}); nothing saved was changed")
            }
            WorkStoreError::Failed(e) => write!(
                f,
                "the browser's storage failed ({e}), so this change was not saved; nothing saved before was lost"
            ),
        }
    }
}

impl std::error::Error for WorkStoreError {}

/// A DOM error as the store reports it: a full quota named as such.
impl From<JsValue> for WorkStoreError {
    fn from(error: JsValue) -> WorkStoreError {
        if is_quota(&error) {
            WorkStoreError::QuotaExceeded
        } else {
            WorkStoreError::Failed(describe(&error))
        }
    }
}

fn unavailable(error: JsValue) -> WorkStoreError {
    WorkStoreError::Unavailable(describe(&error))
}

/// An open database of the reader's work; closed when dropped.
#[derive(Debug)]
pub struct WorkStore {
    db: IdbDatabase,
}

impl WorkStore {
    /// Opens the database called `name` (the page's is [`DATABASE`], a test's its own).
    pub async fn open_named(name: &str) -> Result<WorkStore, WorkStoreError> {
        let factory = factory()?;
        let request = factory.open_with_u32(name, STORE_VERSION).map_err(unavailable)?;
        let upgrading = request.clone();
        let on_upgrade = Closure::once_into_js(move || create_stores(&upgrading));
        request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let db = match settle(&request).await {
            Ok(db) => db.dyn_into::<IdbDatabase>().map_err(unavailable)?,
            Err(e)
                if e.dyn_ref::<web_sys::DomException>()
                    .is_some_and(|d| d.name() == "VersionError") =>
            {
                return Err(newer_database(&factory, name).await);
            }
            Err(e) => return Err(unavailable(e)),
        };
        // Another tab opening a newer version waits for this one to let go.
        let closing = db.clone();
        let on_version_change = Closure::once_into_js(move || closing.close());
        db.set_onversionchange(Some(on_version_change.unchecked_ref()));
        let store = WorkStore { db };
        store.check_format().await?;
        Ok(store)
    }

    /// Refuses a database whose `format` record a newer Dossier wrote.
    async fn check_format(&self) -> Result<(), WorkStoreError> {
        let tx = self.transaction(&[META], IdbTransactionMode::Readonly)?;
        let request = object_store(&tx, META)?.get(&FORMAT_KEY.into())?;
        let value = settle(&request).await?;
        let format: FormatRecord = from_js(META, value)?;
        if format.version > STORE_VERSION {
            return Err(WorkStoreError::Newer {
                found: format.version,
                supported: STORE_VERSION,
            });
        }
        Ok(())
    }

    /// All of the stored work, in stored order (the order [`Work::change`] keeps).
    pub async fn load(&self) -> Result<Work, WorkStoreError> {
        let tx = self.transaction(&KINDS, IdbTransactionMode::Readonly)?;
        let all = |store: &str| object_store(&tx, store).and_then(|s| Ok(s.get_all()?));
        let requests = [
            all(TAGS)?,
            all(STARS)?,
            all(NOTES)?,
            all(CORRECTIONS)?,
            all(NAME_LISTS)?,
            all(SAVED_SEARCHES)?,
        ];
        let [tags, stars, notes, corrections, name_lists, saved_searches] = requests;
        let work = Work {
            tags: records(TAGS, settle(&tags).await?)?,
            stars: records(STARS, settle(&stars).await?)?,
            notes: records(NOTES, settle(&notes).await?)?,
            corrections: records(CORRECTIONS, settle(&corrections).await?)?,
            name_lists: records(NAME_LISTS, settle(&name_lists).await?)?,
            saved_searches: records(SAVED_SEARCHES, settle(&saved_searches).await?)?,
        };
        Ok(in_stored_order(work))
    }

    /// Stores one change in one transaction; resolves once the transaction has
    /// committed. On any error the transaction is aborted: nothing of it is stored.
    pub async fn commit(&self, change: &Change) -> Result<(), WorkStoreError> {
        let tx = self.transaction(touched(change), IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        match write(&tx, change).await {
            Ok(()) => done.await.map_err(WorkStoreError::from),
            Err(error) => {
                // Already aborted when a request failed; the abort's own error is not news.
                let _ = tx.abort();
                let _ = done.await;
                Err(error)
            }
        }
    }

    /// Stores `after` in place of `before` (what is stored now: the page's work, loaded
    /// and changed since) in one transaction, writing only the records that differ: the
    /// same result as committing `Change::Replace(after)`, for an import that adds a
    /// little to a large work. Rewriting every record of 10,000 notes took 0.9 to 2.2 s
    /// in Chromium here, against the case file's 1 s target (issue 22).
    pub async fn replace(&self, before: &Work, after: &Work) -> Result<(), WorkStoreError> {
        let tx = self.transaction(&KINDS, IdbTransactionMode::Readwrite)?;
        let done = committed(&tx);
        match write_differences(&tx, before, after) {
            Ok(()) => done.await.map_err(WorkStoreError::from),
            Err(error) => {
                let _ = tx.abort();
                let _ = done.await;
                Err(error)
            }
        }
    }

    /// Removes all of the reader's work (the database stays, with its version).
    pub async fn clear(&self) -> Result<(), WorkStoreError> {
        self.commit(&Change::Clear).await
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, WorkStoreError> {
        let names = stores
            .iter()
            .map(|&s| JsValue::from_str(s))
            .collect::<js_sys::Array>();
        Ok(self.db.transaction_with_str_sequence_and_mode(&names, mode)?)
    }
}

impl Drop for WorkStore {
    fn drop(&mut self) {
        self.db.close();
    }
}

fn factory() -> Result<IdbFactory, WorkStoreError> {
    gloo::utils::window()
        .indexed_db()
        .map_err(unavailable)?
        .ok_or_else(|| WorkStoreError::Unavailable("no IndexedDB".to_owned()))
}

/// The stores of version 1 and its `format` record, in the upgrade's own transaction.
fn create_stores(request: &IdbOpenDbRequest) {
    let Some(db) = request
        .result()
        .ok()
        .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
    else {
        return;
    };
    for name in [META, TAGS, STARS, NOTES, NAME_LISTS, SAVED_SEARCHES] {
        let _ = db.create_object_store(name);
    }
    let counted = IdbObjectStoreParameters::new();
    counted.set_auto_increment(true);
    let _ = db.create_object_store_with_optional_parameters(CORRECTIONS, &counted);
    let format = to_js(&FormatRecord {
        version: STORE_VERSION,
    });
    if let (Some(tx), Ok(format)) = (request.transaction(), format) {
        let _ = tx
            .object_store(META)
            .and_then(|meta| meta.put_with_key(&format, &FORMAT_KEY.into()));
    }
}

/// The error for a database whose IndexedDB version is above this build's: opened
/// without a version to learn it, and closed again untouched.
async fn newer_database(factory: &IdbFactory, name: &str) -> WorkStoreError {
    let found = match factory.open(name) {
        Ok(request) => settle(&request)
            .await
            .ok()
            .and_then(|db| db.dyn_into::<IdbDatabase>().ok())
            .map(|db| {
                let version = db.version() as u32;
                db.close();
                version
            }),
        Err(_) => None,
    };
    WorkStoreError::Newer {
        // Above ours, or IndexedDB would not have refused.
        found: found.unwrap_or(STORE_VERSION + 1),
        supported: STORE_VERSION,
    }
}

/// The stores a change writes: the transaction's scope.
fn touched(change: &Change) -> &'static [&'static str] {
    match change {
        Change::SetTag(_) | Change::DeleteTag { .. } | Change::TagDocs { .. } => &[TAGS],
        Change::Star { .. } => &[STARS],
        Change::PutNote(_) | Change::DeleteNote { .. } => &[NOTES],
        Change::Correct(_) | Change::UndoCorrections { .. } | Change::RevertCorrection { .. } => {
            &[CORRECTIONS]
        }
        Change::PutNameList(_) | Change::DeleteNameList { .. } => &[NAME_LISTS],
        Change::PutSavedSearch(_) | Change::DeleteSavedSearch { .. } => &[SAVED_SEARCHES],
        Change::Replace(_) | Change::Clear => &KINDS,
    }
}

/// Issues the requests that store `change` in `tx`. Writes are not awaited one by one: a
/// failed one aborts the transaction, which `commit` hears.
async fn write(tx: &IdbTransaction, change: &Change) -> Result<(), WorkStoreError> {
    match change {
        Change::SetTag(tag) => put_tag(tx, tag),
        Change::DeleteTag { name } => delete(tx, TAGS, &tag_key(name).into()),
        Change::TagDocs { tag, .. } => {
            // The one record it touches, changed as the page's work is.
            let request = object_store(tx, TAGS)?.get(&tag_key(tag).into())?;
            let stored = settle(&request).await?;
            let mut work = Work {
                tags: optional_record(TAGS, stored)?.into_iter().collect(),
                ..Work::default()
            };
            work.change(change);
            work.tags.iter().try_for_each(|tag| put_tag(tx, tag))
        }
        Change::Star { doc, on: true } => put_star(tx, doc),
        Change::Star { doc, on: false } => delete(tx, STARS, &doc.hash.to_string().into()),
        Change::PutNote(note) => put_note(tx, note),
        Change::DeleteNote { doc, span, created } => {
            let key = NoteKey {
                doc: doc.hash,
                span: *span,
                created: *created,
            };
            delete(tx, NOTES, &note_key(key))
        }
        Change::Correct(correction) => add_correction(tx, correction),
        Change::UndoCorrections { count } => {
            let keys = correction_keys(tx).await?;
            let kept = keys.len().saturating_sub(*count);
            keys[kept..]
                .iter()
                .try_for_each(|key| delete(tx, CORRECTIONS, key))
        }
        Change::RevertCorrection { index } => {
            let keys = correction_keys(tx).await?;
            keys.get(*index)
                .map_or(Ok(()), |key| delete(tx, CORRECTIONS, key))
        }
        Change::PutNameList(list) => put_name_list(tx, list),
        Change::DeleteNameList { name } => delete(tx, NAME_LISTS, &name.into()),
        Change::PutSavedSearch(search) => put_saved_search(tx, search),
        Change::DeleteSavedSearch { name } => delete(tx, SAVED_SEARCHES, &name.into()),
        Change::Replace(work) => {
            clear_all(tx)?;
            // In stored order, so of two items with one key the one kept is the one
            // `Work::change` keeps.
            let work = in_stored_order(work.clone());
            work.tags.iter().try_for_each(|t| put_tag(tx, t))?;
            work.stars.iter().try_for_each(|d| put_star(tx, d))?;
            work.notes.iter().try_for_each(|n| put_note(tx, n))?;
            work.corrections.iter().try_for_each(|c| add_correction(tx, c))?;
            work.name_lists.iter().try_for_each(|l| put_name_list(tx, l))?;
            work.saved_searches
                .iter()
                .try_for_each(|s| put_saved_search(tx, s))
        }
        Change::Clear => clear_all(tx),
    }
}

/// The writes that turn the stored `before` into `after`.
fn write_differences(tx: &IdbTransaction, before: &Work, after: &Work) -> Result<(), WorkStoreError> {
    let (before, after) = (in_stored_order(before.clone()), in_stored_order(after.clone()));
    let by_name = |t: &Tag| tag_key(&t.name);
    differences(
        &before.tags,
        &after.tags,
        by_name,
        |t| put_tag(tx, t),
        |t| delete(tx, TAGS, &by_name(t).into()),
    )?;
    let by_hash = |d: &DocKey| d.hash;
    differences(
        &before.stars,
        &after.stars,
        by_hash,
        |d| put_star(tx, d),
        |d| delete(tx, STARS, &d.hash.to_string().into()),
    )?;
    differences(
        &before.notes,
        &after.notes,
        NoteKey::of,
        |n| put_note(tx, n),
        |n| delete(tx, NOTES, &note_key(NoteKey::of(n))),
    )?;
    let by_name = |l: &NameList| l.name.clone();
    differences(
        &before.name_lists,
        &after.name_lists,
        by_name,
        |l| put_name_list(tx, l),
        |l| delete(tx, NAME_LISTS, &l.name.as_str().into()),
    )?;
    let by_name = |s: &SavedSearch| s.name.clone();
    differences(
        &before.saved_searches,
        &after.saved_searches,
        by_name,
        |s| put_saved_search(tx, s),
        |s| delete(tx, SAVED_SEARCHES, &s.name.as_str().into()),
    )?;
    // Corrections are a list: an import appends to it; anything else rewrites it.
    let added = match after.corrections.strip_prefix(before.corrections.as_slice()) {
        Some(added) => added,
        None => {
            object_store(tx, CORRECTIONS)?.clear()?;
            &after.corrections
        }
    };
    added.iter().try_for_each(|c| add_correction(tx, c))
}

/// Puts the items of `after` that `before` lacks or has otherwise, and deletes those
/// only `before` has, matched by `key` (the store's key for them).
fn differences<T: PartialEq, K: Eq + Hash>(
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> K,
    mut put_one: impl FnMut(&T) -> Result<(), WorkStoreError>,
    delete_one: impl FnMut(&T) -> Result<(), WorkStoreError>,
) -> Result<(), WorkStoreError> {
    let stored: HashMap<K, &T> = before.iter().map(|item| (key(item), item)).collect();
    let kept: HashSet<K> = after.iter().map(&key).collect();
    for item in after {
        if stored.get(&key(item)) != Some(&item) {
            put_one(item)?;
        }
    }
    before
        .iter()
        .filter(|item| !kept.contains(&key(item)))
        .try_for_each(delete_one)
}

fn put_tag(tx: &IdbTransaction, tag: &Tag) -> Result<(), WorkStoreError> {
    put(tx, TAGS, tag, &tag_key(&tag.name).into())
}

fn put_star(tx: &IdbTransaction, doc: &DocKey) -> Result<(), WorkStoreError> {
    put(tx, STARS, doc, &doc.hash.to_string().into())
}

fn put_note(tx: &IdbTransaction, note: &Note) -> Result<(), WorkStoreError> {
    put(tx, NOTES, note, &note_key(NoteKey::of(note)))
}

fn put_name_list(tx: &IdbTransaction, list: &NameList) -> Result<(), WorkStoreError> {
    put(tx, NAME_LISTS, list, &list.name.as_str().into())
}

fn put_saved_search(tx: &IdbTransaction, search: &SavedSearch) -> Result<(), WorkStoreError> {
    put(tx, SAVED_SEARCHES, search, &search.name.as_str().into())
}

fn add_correction(tx: &IdbTransaction, correction: &Correction) -> Result<(), WorkStoreError> {
    object_store(tx, CORRECTIONS)?.add(&to_js(correction)?)?;
    Ok(())
}

/// A note's key as IndexedDB orders keys: an array compared item by item. The record
/// is written first, so a time past what a JavaScript number holds exactly is refused
/// there, before it could make two keys one.
fn note_key(key: NoteKey) -> JsValue {
    let numbers = [key.span.start, key.span.end].map(|n| JsValue::from_f64(f64::from(n)));
    let [start, end] = numbers;
    js_sys::Array::of4(
        &key.doc.to_string().into(),
        &start,
        &end,
        &JsValue::from_f64(key.created as f64),
    )
    .into()
}

/// The corrections' keys, in the order made.
async fn correction_keys(tx: &IdbTransaction) -> Result<Vec<JsValue>, WorkStoreError> {
    let request = object_store(tx, CORRECTIONS)?.get_all_keys()?;
    Ok(js_sys::Array::from(&settle(&request).await?).to_vec())
}

fn put<T: Serialize>(
    tx: &IdbTransaction,
    store: &str,
    value: &T,
    key: &JsValue,
) -> Result<(), WorkStoreError> {
    let record = to_js(value)?;
    object_store(tx, store)?.put_with_key(&record, key)?;
    Ok(())
}

fn delete(tx: &IdbTransaction, store: &str, key: &JsValue) -> Result<(), WorkStoreError> {
    object_store(tx, store)?.delete(key)?;
    Ok(())
}

fn clear_all(tx: &IdbTransaction) -> Result<(), WorkStoreError> {
    KINDS.iter().try_for_each(|&store| {
        object_store(tx, store)?.clear()?;
        Ok(())
    })
}

fn object_store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, WorkStoreError> {
    Ok(tx.object_store(name)?)
}

/// A record as a plain object (not a `Map`), as JSON would have it.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, WorkStoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| WorkStoreError::Unstorable(e.to_string()))
}

fn from_js<T: DeserializeOwned>(store: &str, value: JsValue) -> Result<T, WorkStoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| WorkStoreError::Damaged {
        store: store.to_owned(),
        message: e.to_string(),
    })
}

fn optional_record<T: DeserializeOwned>(store: &str, value: JsValue) -> Result<Option<T>, WorkStoreError> {
    if value.is_undefined() {
        return Ok(None);
    }
    from_js(store, value).map(Some)
}

fn records<T: DeserializeOwned>(store: &str, values: JsValue) -> Result<Vec<T>, WorkStoreError> {
    js_sys::Array::from(&values)
        .iter()
        .map(|value| from_js(store, value))
        .collect()
}
