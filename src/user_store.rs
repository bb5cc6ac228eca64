//! The reader's added files in IndexedDB (through `rexie`), so they survive a reload or a
//! crashed tab.
//!
//! Only the raw files are stored (name, bytes, when added), never derived data: the app
//! re-processes them at start-up, so a new app version reads old files unchanged. A file is
//! written here *before* it is processed, in its own transaction: a crash while
//! processing loses nothing already committed, and a failed write (a full quota) leaves
//! every stored file as it was.

use js_sys::{Object, Reflect, Uint8Array};
use rexie::{ObjectStore, Rexie, TransactionMode, TransactionResult};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

const DATABASE: &str = "dossier-user-documents";
const FILES: &str = "files";

/// One added file as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The key IndexedDB gave it.
    pub id: u32,
    pub name: String,
    /// When it was added, as milliseconds since the Unix epoch.
    pub added_ms: u64,
    pub bytes: Vec<u8>,
}

/// Why the browser store could not do what was asked. Nothing stored is lost by any of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserStoreError {
    /// IndexedDB is missing or refused (a private window, storage disabled).
    Unavailable(String),
    /// The browser's storage quota for this site is full.
    QuotaExceeded {
        name: String,
    },
    Failed(String),
}

impl fmt::Display for UserStoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UserStoreError::Unavailable(e) => write!(
                f,
                "your browser does not let this page store documents ({e}): added documents last until you close the tab"
            ),
            UserStoreError::QuotaExceeded { name } => write!(
                f,
                "{name} was not added: the browser's storage for this site is full. Remove some added documents and try again; nothing stored was lost"
            ),
            UserStoreError::Failed(e) => write!(f, "the browser store failed: {e}"),
        }
    }
}

impl std::error::Error for UserStoreError {}

fn failed(e: rexie::Error) -> UserStoreError {
    UserStoreError::Failed(e.to_string())
}

/// Opens (creating on first use) the database of added files.
pub async fn open() -> Result<Rexie, UserStoreError> {
    Rexie::builder(DATABASE)
        .version(1)
        .add_object_store(ObjectStore::new(FILES).key_path("id").auto_increment(true))
        .build()
        .await
        .map_err(|e| UserStoreError::Unavailable(e.to_string()))
}

/// Every stored file, oldest first. Records that are not files (written by hand in the
/// developer tools, say) are skipped.
pub async fn all(db: &Rexie) -> Result<Vec<StoredFile>, UserStoreError> {
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadOnly)
        .map_err(failed)?;
    let values = tx
        .store(FILES)
        .map_err(failed)?
        .get_all(None, None)
        .await
        .map_err(failed)?;
    Ok(values.iter().filter_map(from_js).collect())
}

/// Stores one file and commits it; returns it with its key.
pub async fn add(
    db: &Rexie,
    name: &str,
    bytes: Vec<u8>,
    added_ms: u64,
) -> Result<StoredFile, UserStoreError> {
    let record = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&record, &k.into(), &v).map(|_| ());
    set("name", name.into())
        .and_then(|()| set("added", JsValue::from_f64(added_ms as f64)))
        .and_then(|()| set("bytes", Uint8Array::from(bytes.as_slice()).into()))
        .map_err(|e| UserStoreError::Failed(format!("{e:?}")))?;
    let quota = |e: &dyn fmt::Debug| {
        let text = format!("{e:?}");
        if text.contains("QuotaExceeded") {
            UserStoreError::QuotaExceeded {
                name: name.to_owned(),
            }
        } else {
            UserStoreError::Failed(text)
        }
    };
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadWrite)
        .map_err(failed)?;
    let key = tx
        .store(FILES)
        .map_err(failed)?
        .add(&record.into(), None)
        .await
        .map_err(|e| quota(&e))?;
    match tx.done().await {
        Ok(TransactionResult::Committed) => {}
        Ok(TransactionResult::Aborted) => {
            return Err(UserStoreError::QuotaExceeded {
                name: name.to_owned(),
            })
        }
        Err(e) => return Err(quota(&e)),
    }
    let id = key.as_f64().map_or(0, |k| k as u32);
    Ok(StoredFile {
        id,
        name: name.to_owned(),
        added_ms,
        bytes,
    })
}

/// Removes one stored file.
pub async fn remove(db: &Rexie, id: u32) -> Result<(), UserStoreError> {
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadWrite)
        .map_err(failed)?;
    tx.store(FILES)
        .map_err(failed)?
        .delete(JsValue::from(id))
        .await
        .map_err(failed)?;
    tx.done().await.map_err(failed).map(|_| ())
}

/// Removes every stored file.
pub async fn clear(db: &Rexie) -> Result<(), UserStoreError> {
    let tx = db
        .transaction(&[FILES], TransactionMode::ReadWrite)
        .map_err(failed)?;
    tx.store(FILES).map_err(failed)?.clear().await.map_err(failed)?;
    tx.done().await.map_err(failed).map(|_| ())
}

fn from_js(value: &JsValue) -> Option<StoredFile> {
    let get = |k: &str| Reflect::get(value, &k.into()).ok();
    Some(StoredFile {
        id: get("id")?.as_f64()? as u32,
        name: get("name")?.as_string()?,
        added_ms: get("added")?.as_f64()? as u64,
        bytes: get("bytes")?.dyn_into::<Uint8Array>().ok()?.to_vec(),
    })
}
