//! Name lists (a batch search): paste names, one a line, or load a `.txt` or `.csv`, and
//! see for each the entity it matched and how, its documents and mentions in the list's
//! documents (the scope, as the matrix uses it), the names x documents table the matrix
//! draws, and both as CSV. A name that matched nothing offers the closest names; picking
//! one puts it in the list in its place.
//!
//! The list lives in the address (`?names=`, one a line), not in component state: a
//! reload, Back and a shared link keep it, and looking names up is a navigation like a
//! search. The text box is a draft until "Look up". Saving a list into the reader's work
//! is the app's: [`NamesViewProps::on_save`] and [`NamesViewProps::saved`].

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{go, use_params, Route, SearchParams};
use crate::views::matrix::{head, matrix_row, MATRIX_ROW};
use crate::widgets::entities::{type_class, type_name};
use crate::widgets::export::{Export, Format};
use crate::widgets::scope::{use_scope, ScopeNote};
use crate::widgets::virtual_list::VirtualList;
use crate::work::{use_work_access, WorkAccess};
use dossier_explore::export::matrix_csv;
use dossier_explore::matrix::RowOrder;
use dossier_explore::names::{
    check_file_size, name_table, names_csv, names_from_file, parse_names, NameIndex, NameRow, NameTable,
};
use dossier_model::entity::EntityId;
use dossier_work::change::Change;
use dossier_work::work::NameList;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NamesViewProps {
    /// Saves the list shown into the reader's work; the "Save list" form shows only when
    /// it is given.
    #[prop_or_default]
    pub on_save: Option<Callback<NameList>>,
    /// Saved lists the reader can open.
    #[prop_or_default]
    pub saved: Vec<NameList>,
}

#[component]
pub fn NamesView(props: &NamesViewProps) -> Html {
    let corpus = use_corpus();
    let (scope, docs) = use_scope();
    let listed = use_params().names;
    let counting = scope.counting();
    let names = use_memo(listed.clone(), |listed| parse_names(listed));
    let index = use_memo((corpus.clone(), counting), |(corpus, counting)| {
        NameIndex::new(&corpus.entities, *counting)
    });
    let order = use_state_eq(|| RowOrder::Total);
    let table: Rc<NameTable> = {
        let (corpus, index) = (corpus.clone(), index.clone());
        use_memo(
            (names.clone(), docs.clone(), corpus.clone(), counting, *order),
            move |(names, docs, _, counting, order)| {
                let mut table = name_table(&corpus, &index, names, docs, *counting);
                table.matrix.sort_rows_by(*order);
                table
            },
        )
    };
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Names \u{2014} Dossier")
    });
    let show = use_show(&scope);

    html! {
        <section class="names-view" aria-labelledby="names-heading">
            <h1 id="names-heading">{ "Name lists" }</h1>
            <ScopeNote params={scope.clone()} count={docs.len()} route={Route::Names} />
            <NamesInput listed={listed.clone()} show={show.clone()} saved={props.saved.clone()} />
            if !names.is_empty() {
                { summary(&table) }
                { rows(&corpus, &table, &names, &scope, &show) }
                <div class="view-controls">
                    <Export kind="names" formats={vec![Format::Csv]} make={{
                        let (corpus, table) = (corpus.clone(), table.clone());
                        Callback::from(move |_: Format| names_csv(&corpus, &table).map_err(|e| e.to_string()))
                    }} />
                    <Export kind="names table" formats={vec![Format::Csv]} make={{
                        let (corpus, table) = (corpus.clone(), table.clone());
                        Callback::from(move |_: Format| matrix_csv(&corpus, &table.matrix).map_err(|e| e.to_string()))
                    }} />
                    if let Some(on_save) = &props.on_save {
                        <SaveList names={(*names).clone()} on_save={on_save.clone()} />
                    }
                </div>
                { names_by_documents(&corpus, &table, &order) }
            }
        </section>
    }
}

/// A callback showing a list of names: the address's `?names=` with the scope kept.
#[hook]
fn use_show(scope: &SearchParams) -> Callback<Vec<String>> {
    let navigator = use_navigator();
    let scope = scope.clone();
    Callback::from(move |names: Vec<String>| {
        let params = SearchParams {
            names: names.join("\n"),
            ..scope.clone()
        };
        if let Some(navigator) = &navigator {
            go(navigator, &Route::Names, &params, false);
        }
    })
}

#[derive(Properties, PartialEq)]
struct NamesInputProps {
    /// The list in the address, which the draft starts from.
    listed: String,
    show: Callback<Vec<String>>,
    saved: Vec<NameList>,
}

/// The text box, "Look up", a file to load and the saved lists to open.
#[component]
fn NamesInput(props: &NamesInputProps) -> Html {
    let draft = use_state(|| props.listed.clone());
    let file_error = use_state(|| None::<String>);
    {
        // A list shown another way (a file, a candidate, Back) replaces the draft.
        let draft = draft.clone();
        use_effect_with(props.listed.clone(), move |listed| draft.set(listed.clone()));
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                draft.set(area.value());
            }
        })
    };
    let onsubmit = {
        let (draft, show) = (draft.clone(), props.show.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            show.emit(parse_names(&draft));
        })
    };
    let onchange = {
        let (show, file_error) = (props.show.clone(), file_error.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                load(file, show.clone(), file_error.clone());
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let open_saved = {
        let (show, saved) = (props.show.clone(), props.saved.clone());
        Callback::from(move |e: Event| {
            let picked = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<usize>().ok())
                .and_then(|i| saved.get(i));
            if let Some(list) = picked {
                show.emit(list.names.clone());
            }
        })
    };
    html! {
        <form class="names-input" {onsubmit}>
            <label for="names-text">{ "Names to look up, one a line" }</label>
            <textarea id="names-text" rows="6" value={(*draft).clone()} {oninput}
                placeholder={"Vladimir Putin\nXi Jinping\nTony Blair"} />
            <div class="names-actions">
                <button type="submit" class="names-look-up">{ "Look up" }</button>
                <label class="names-file">
                    { "Load a .txt or .csv " }
                    <input type="file" accept=".txt,.csv,text/plain,text/csv" {onchange} />
                </label>
                if !props.saved.is_empty() {
                    <label class="names-saved">
                        { "Open a saved list " }
                        <select onchange={open_saved}>
                            <option value="" selected=true>{ "\u{2014}" }</option>
                            { for props.saved.iter().enumerate().map(|(i, list)| html! {
                                <option value={i.to_string()}>{ format!("{} ({})", list.name, list.names.len()) }</option>
                            }) }
                        </select>
                    </label>
                }
            </div>
            if let Some(e) = &*file_error {
                <p class="names-file-error" role="alert">{ format!("Could not load the file: {e}") }</p>
            }
        </form>
    }
}

/// Reads a picked file's names and shows them, or says why it could not.
fn load(file: web_sys::File, show: Callback<Vec<String>>, error: UseStateHandle<Option<String>>) {
    let name = file.name();
    if let Err(e) = check_file_size(file.size() as u64) {
        error.set(Some(e.to_string()));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let blob = gloo::file::Blob::from(file);
        let read = gloo::file::futures::read_as_bytes(&blob)
            .await
            .map_err(|e| format!("{name} could not be read: {e}"))
            .and_then(|bytes| names_from_file(&name, &bytes).map_err(|e| e.to_string()));
        match read {
            Ok(names) => {
                error.set(None);
                show.emit(names);
            }
            Err(e) => error.set(Some(e)),
        }
    });
}

/// "3 of 4 names found, in 12 documents".
fn summary(table: &NameTable) -> Html {
    let found = table.rows.iter().filter(|r| r.lookup.found.is_some()).count();
    let docs = table.matrix.rows();
    html! {
        <p class="names-summary" role="status">
            { format!(
                "{found} of {} names found, in {docs} document{}.",
                table.rows.len(),
                if docs == 1 { "" } else { "s" }
            ) }
        </p>
    }
}

/// A row per name: what it matched and how, its documents and mentions; or "no match"
/// with the closest names.
fn rows(
    corpus: &CorpusHandle,
    table: &NameTable,
    names: &Rc<Vec<String>>,
    scope: &SearchParams,
    show: &Callback<Vec<String>>,
) -> Html {
    // Picking a candidate puts its canonical name in the list in place of row `i`'s.
    let pick = |i: usize, e: EntityId| {
        let (names, show) = (names.clone(), show.clone());
        let name = corpus
            .entities
            .entity(e)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*names).clone();
            if let Some(slot) = next.get_mut(i) {
                *slot = name.clone();
            }
            show.emit(next);
        })
    };
    let candidates = |i: usize, row: &NameRow| {
        html! {
            { for row.lookup.candidates.iter().enumerate().map(|(k, &e)| {
                let name = corpus.entities.entity(e).map(|e| e.name.clone()).unwrap_or_default();
                html! {
                    <>
                        if k > 0 { { ", " } }
                        <button type="button" class="link-button name-candidate" onclick={pick(i, e)}
                            aria-label={format!("Use {name} for {}", row.lookup.name)}>{ name }</button>
                    </>
                }
            }) }
        }
    };
    html! {
        <div class="names-rows-scroll">
            <table class="name-rows">
                <thead>
                    <tr>
                        <th scope="col">{ "Name" }</th>
                        <th scope="col">{ "Entity" }</th>
                        <th scope="col">{ "Match" }</th>
                        <th scope="col" class="num">{ "Documents" }</th>
                        <th scope="col" class="num">{ "Mentions" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for table.rows.iter().enumerate().map(|(i, row)| {
                        match row.lookup.found.as_ref().and_then(|(e, how)| Some((corpus.entities.entity(*e)?, how))) {
                            Some((entity, how)) => html! {
                                <tr class="name-row matched">
                                    <th scope="row">{ &row.lookup.name }</th>
                                    <td>
                                        <Link<Route, SearchParams> to={Route::Entity { id: entity.id.0 }} query={scope.or_none()}
                                            classes={classes!("name-entity", type_class(entity.kind))}>{ &entity.name }</Link<Route, SearchParams>>
                                        <span class="name-type">{ format!(" {}", type_name(entity.kind)) }</span>
                                        if !row.lookup.candidates.is_empty() {
                                            <span class="name-also">{ " also: " }{ candidates(i, row) }</span>
                                        }
                                    </td>
                                    <td class="name-how">{ how.describe() }</td>
                                    // The labels show on a phone, where the header is hidden.
                                    <td class="num" data-label="docs">{ row.documents.to_string() }</td>
                                    <td class="num" data-label="mentions">{ row.mentions.to_string() }</td>
                                </tr>
                            },
                            None => html! {
                                <tr class="name-row unmatched">
                                    <th scope="row">{ &row.lookup.name }</th>
                                    <td colspan="4">
                                        { "No match." }
                                        if !row.lookup.candidates.is_empty() {
                                            <span class="name-did-you-mean">{ " Did you mean " }{ candidates(i, row) }{ "?" }</span>
                                        }
                                    </td>
                                </tr>
                            },
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The matched entities' mentions per document, drawn as the matrix draws its own.
fn names_by_documents(
    corpus: &CorpusHandle,
    table: &Rc<NameTable>,
    order: &UseStateHandle<RowOrder>,
) -> Html {
    let matrix = &table.matrix;
    if matrix.rows() == 0 || matrix.cols() == 0 {
        return html! { <p class="muted">{ "None of these names is mentioned in these documents." }</p> };
    }
    let max = matrix.max().max(1);
    let columns = format!("--matrix-cols: {}", matrix.cols());
    let row = {
        let (corpus, table, columns) = (corpus.clone(), table.clone(), columns.clone());
        Callback::from(move |r: usize| matrix_row(&corpus, &table.matrix, r, max, &columns))
    };
    html! {
        <section class="names-matrix" aria-labelledby="names-matrix-heading">
            <h2 id="names-matrix-heading">{ "Names \u{00d7} documents" }</h2>
            <div class="matrix-scroll">
                <div class="matrix">
                    { head(corpus, matrix, order, &columns) }
                    <VirtualList count={matrix.rows()} row_height={MATRIX_ROW} {row} id="names-matrix-rows" label="Documents" />
                </div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SaveListProps {
    names: Vec<String>,
    on_save: Callback<NameList>,
}

/// A name for the list and "Save list".
#[component]
fn SaveList(props: &SaveListProps) -> Html {
    let name = use_state(String::new);
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                name.set(input.value());
            }
        })
    };
    let onsubmit = {
        let (name, props_names, on_save) = (name.clone(), props.names.clone(), props.on_save.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let list = name.trim();
            if !list.is_empty() {
                on_save.emit(NameList {
                    name: list.to_owned(),
                    names: props_names.clone(),
                });
            }
        })
    };
    html! {
        <form class="names-save" {onsubmit}>
            <label>{ "List name " }
                <input type="text" class="names-save-name" value={(*name).clone()} {oninput} required=true />
            </label>
            <button type="submit" disabled={name.trim().is_empty()}>{ "Save list" }</button>
        </form>
    }
}

/// The Names view with the reader's saved name lists, and saving into them.
#[component]
pub fn WorkNames() -> Html {
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! { <NamesView /> };
    };
    let on_save = {
        let work = work.clone();
        Callback::from(move |list: NameList| {
            let said = format!("Saved the name list \u{201C}{}\u{201D}", list.name);
            work.commit(Change::PutNameList(list), Some(said));
        })
    };
    html! { <NamesView on_save={Some(on_save)} saved={work.work().name_lists.clone()} /> }
}
