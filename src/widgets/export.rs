//! Export buttons: CSV or JSON made by the core ([`dossier_explore::export`]) and
//! handed to the browser as a download. Nothing leaves the machine: the file is a local
//! blob URL, revoked once the download has started.

use dossier_explore::export::export_file_name;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::prelude::*;

/// A file format to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// What is exported, for the file name and the label ("mentions").
    pub kind: AttrValue,
    /// Carried in the file name (a search, an entity's name).
    #[prop_or_default]
    pub query: AttrValue,
    pub formats: Vec<Format>,
    /// Makes the file's text; an error is shown instead of downloading.
    pub make: Callback<Format, Result<String, String>>,
}

/// "Export mentions: CSV · JSON".
#[component]
pub fn Export(props: &ExportProps) -> Html {
    let error = use_state(|| None::<String>);
    html! {
        <span class="export" role="group" aria-label={format!("Export {}", props.kind)}>
            <span class="export-label">{ format!("Export {}:", props.kind) }</span>
            { for props.formats.iter().map(|&format| {
                let onclick = {
                    let (make, error, kind, query) = (props.make.clone(), error.clone(), props.kind.clone(), props.query.clone());
                    move |_| {
                        let name = export_file_name(&kind, &query, format.extension());
                        let result = make.emit(format).and_then(|text| {
                            download(&name, format.mime(), &JsValue::from_str(&text)).map_err(|_| "the browser refused the download".to_owned())
                        });
                        error.set(result.err());
                    }
                };
                html! {
                    <button type="button" class="export-button" {onclick}
                        aria-label={format!("Export {} as {}", props.kind, format.extension().to_uppercase())}>
                        { format.extension().to_uppercase() }
                    </button>
                }
            }) }
            if let Some(e) = &*error {
                <span class="export-error" role="alert">{ format!("Could not export: {e}") }</span>
            }
        </span>
    }
}

/// Saves `content` (a string or a `Uint8Array`) as a file called `name` through a
/// temporary blob URL.
pub fn download(name: &str, mime: &str, content: &JsValue) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(content);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has its own reference to the blob once started.
    let revoke = gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = Url::revoke_object_url(&url);
    });
    revoke.forget();
    Ok(())
}
