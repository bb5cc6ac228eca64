//! The reader's added files in IndexedDB, so they survive a reload or a crashed tab.
//!
//! Only the raw files are stored (name, bytes, when added), never derived data: the app
//! re-processes them at start-up, so a new app version reads old files unchanged. A file is
//! written here *before* it is processed, in its own transaction: a crash while
//! processing loses nothing already committed, and a failed write (a full quota) aborts
//! only its own transaction, leaving every stored file as it was.
//!
//! Written on `web-sys` directly, with the steps shared in [`crate::idb`].

use crate::idb::{committed, describe, is_quota, settle};
use js_sys::{Object, Reflect, Uint8Array};
use std::fmt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbTransaction, IdbTransactionMode};

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

fn failed(error: JsValue) -> UserStoreError {
    UserStoreError::Failed(describe(&error))
}

/// Opens (creating on first use) the database of added files.
pub async fn open() -> Result<IdbDatabase, UserStoreError> {
    let unavailable = |e: JsValue| UserStoreError::Unavailable(describe(&e));
    let factory = gloo::utils::window()
        .indexed_db()
        .map_err(unavailable)?
        .ok_or_else(|| UserStoreError::Unavailable("no IndexedDB".to_owned()))?;
    let request = factory.open_with_u32(DATABASE, 1).map_err(unavailable)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Some(db) = upgrading
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            let params = IdbObjectStoreParameters::new();
            params.set_key_path(&"id".into());
            params.set_auto_increment(true);
            let _ = db.create_object_store_with_optional_parameters(FILES, &params);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = settle(&request).await.map_err(unavailable)?;
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| UserStoreError::Unavailable("IndexedDB gave no database".to_owned()))
}

fn transaction(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, UserStoreError> {
    db.transaction_with_str_and_mode(FILES, mode).map_err(failed)
}

/// Every stored file, oldest first. Records that are not files (written by hand in the
/// developer tools, say) are skipped.
pub async fn all(db: &IdbDatabase) -> Result<Vec<StoredFile>, UserStoreError> {
    let tx = transaction(db, IdbTransactionMode::Readonly)?;
    let request = tx.object_store(FILES).and_then(|s| s.get_all()).map_err(failed)?;
    let values = settle(&request).await.map_err(failed)?;
    Ok(js_sys::Array::from(&values)
        .iter()
        .filter_map(|v| from_js(&v))
        .collect())
}

/// Stores one file and waits for the commit; returns it with its key.
pub async fn add(
    db: &IdbDatabase,
    name: &str,
    bytes: Vec<u8>,
    added_ms: u64,
) -> Result<StoredFile, UserStoreError> {
    let record = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&record, &k.into(), &v).map(|_| ());
    set("name", name.into())
        .and_then(|()| set("added", JsValue::from_f64(added_ms as f64)))
        .and_then(|()| set("bytes", Uint8Array::from(bytes.as_slice()).into()))
        .map_err(failed)?;
    let refused = |e: JsValue| {
        if is_quota(&e) {
            UserStoreError::QuotaExceeded {
                name: name.to_owned(),
            }
        } else {
            failed(e)
        }
    };
    let tx = transaction(db, IdbTransactionMode::Readwrite)?;
    let request = tx
        .object_store(FILES)
        .and_then(|s| s.add(&record))
        .map_err(refused)?;
    let key = settle(&request).await.map_err(refused);
    committed(&tx).await.map_err(refused)?;
    let id = key?.as_f64().map_or(0, |k| k as u32);
    Ok(StoredFile {
        id,
        name: name.to_owned(),
        added_ms,
        bytes,
    })
}

/// Removes one stored file.
pub async fn remove(db: &IdbDatabase, id: u32) -> Result<(), UserStoreError> {
    let tx = transaction(db, IdbTransactionMode::Readwrite)?;
    let request = tx
        .object_store(FILES)
        .and_then(|s| s.delete(&JsValue::from(id)))
        .map_err(failed)?;
    settle(&request).await.map_err(failed)?;
    committed(&tx).await.map_err(failed)
}

/// Removes every stored file.
pub async fn clear(db: &IdbDatabase) -> Result<(), UserStoreError> {
    let tx = transaction(db, IdbTransactionMode::Readwrite)?;
    let request = tx.object_store(FILES).and_then(|s| s.clear()).map_err(failed)?;
    settle(&request).await.map_err(failed)?;
    committed(&tx).await.map_err(failed)
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
