//! The reader's work (tags, stars, notes, entity corrections, name lists, saved searches)
//! for every view: [`WorkProvider`] reads it from the browser's store, keeps it in a
//! reducer ([`crate::state::work`]) and provides it as a [`WorkContext`], and gives the
//! views below it the corpus with the reader's corrections applied, so the highlights,
//! entity pages, facets, search, matrix, graph, timeline, compare and exports all show
//! one corrected set of entities.
//!
//! Work names documents by their text's hash (`dossier_work::DocKey`), so it needs the
//! texts: while only the file's head is here, the work waits (nothing is lost, the
//! controls are not shown yet).

use crate::corpus::{use_corpus, CorpusHandle};
use crate::state::work::{Action, State, Storage};
use crate::work_store::{self, WorkStore};
use dossier_model::document::DocId;
use dossier_search::annotations::NoteIndex;
use dossier_search::{Annotations, AnnotationsBuilder};
use dossier_work::apply::{apply, Unapplied};
use dossier_work::change::Change;
use dossier_work::work::{Note, Tag};
use dossier_work::{DocHashes, DocKey, Work};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// Performance measure around applying the reader's corrections to the corpus (the
/// browser benchmark reads it).
pub const CORRECTIONS_MEASURE: &str = "dossier:corrections-applied";

/// Performance measure around relinking the views' data to corrected entities, after the
/// correction itself is on screen.
pub const RELINK_MEASURE: &str = "dossier:insights-relinked";

/// The reader's work as views use it. Equality is by pointer: a change makes new ones.
#[derive(Clone)]
pub struct WorkContext {
    /// Compared by pointer (Yew's handle compares the reducer's `Rc`).
    pub state: UseReducerHandle<State>,
    commit: Callback<(Change, Option<String>)>,
    dismiss: Callback<()>,
    /// The documents' keys (their texts' hashes): `None` while the texts are arriving.
    pub keys: Option<Rc<DocHashes>>,
    /// The work by document, and as the search engine filters by it.
    pub index: Rc<WorkIndex>,
    /// Corrections that found nothing to correct in this build, and why.
    pub unapplied: Rc<Vec<Unapplied>>,
}

impl PartialEq for WorkContext {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && Rc::ptr_eq(&self.index, &other.index)
            && Rc::ptr_eq(&self.unapplied, &other.unapplied)
            && match (&self.keys, &other.keys) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl WorkContext {
    pub fn work(&self) -> &Work {
        &self.state.work
    }

    /// Stores `change`; it shows once the store has it. `said` is what it did in words,
    /// shown with an Undo for corrections.
    pub fn commit(&self, change: Change, said: Option<String>) {
        self.commit.emit((change, said));
    }

    /// Closes the message about the last change.
    pub fn dismiss(&self) {
        self.dismiss.emit(());
    }

    /// Whether the reader can work now: the store is read and the texts are here.
    pub fn ready(&self) -> bool {
        self.state.is_open() && self.keys.is_some()
    }

    /// The key naming document `doc` in the reader's work.
    pub fn key(&self, doc: DocId) -> Option<DocKey> {
        self.keys.as_ref()?.key(doc)
    }

    pub fn of(&self, doc: DocId) -> DocWork<'_> {
        let at = self.index.by_doc.get(&doc.0);
        let work = &self.state.work;
        DocWork {
            starred: at.is_some_and(|a| a.starred),
            tags: at.map_or_else(Vec::new, |a| a.tags.iter().map(|&i| &work.tags[i]).collect()),
            notes: at.map_or_else(Vec::new, |a| a.notes.iter().map(|&i| &work.notes[i]).collect()),
        }
    }

    /// The document a stored key names in this build.
    pub fn resolve(&self, key: &DocKey) -> Option<DocId> {
        self.keys.as_ref()?.resolve(key)
    }
}

/// One document's share of the work.
pub struct DocWork<'a> {
    pub starred: bool,
    pub tags: Vec<&'a Tag>,
    pub notes: Vec<&'a Note>,
}

/// The work's items by the document they name in this build, built once a change.
#[derive(Default)]
pub struct WorkIndex {
    by_doc: HashMap<u32, Marks>,
    /// Tags, stars and notes by document id, as `tag:`, `is:starred` and notes search.
    pub annotations: Annotations,
    /// By the number the annotations gave a note: its position in `Work::notes`.
    note_at: Vec<usize>,
}

impl WorkIndex {
    /// The note the search engine reports by `number` (`SearchResults::matched_notes`).
    pub fn note<'w>(&self, work: &'w Work, number: usize) -> Option<&'w Note> {
        work.notes.get(*self.note_at.get(number)?)
    }
}

#[derive(Default)]
struct Marks {
    starred: bool,
    /// Positions in `Work::tags` and `Work::notes`.
    tags: Vec<usize>,
    notes: Vec<usize>,
}

/// The notes' search index (the notes analysed like the text: tens of milliseconds for
/// 10,000), built when the notes change, not when a tag or a star does; and the note each
/// of its numbers is (its position in `Work::notes`).
#[derive(Default)]
pub struct NotesIndex {
    index: Rc<NoteIndex>,
    note_at: Vec<usize>,
}

impl NotesIndex {
    pub fn new(work: &Work, keys: &DocHashes) -> NotesIndex {
        let mut note_at = Vec::with_capacity(work.notes.len());
        let resolved: Vec<(DocId, &str)> = work
            .notes
            .iter()
            .enumerate()
            .filter_map(|(i, note)| {
                let doc = keys.resolve(&note.doc)?;
                note_at.push(i);
                Some((doc, note.text.as_str()))
            })
            .collect();
        NotesIndex {
            index: Rc::new(NoteIndex::new(resolved)),
            note_at,
        }
    }
}

impl WorkIndex {
    pub fn new(work: &Work, keys: &DocHashes, notes: &NotesIndex) -> WorkIndex {
        let mut by_doc: HashMap<u32, Marks> = HashMap::new();
        let mut marks = AnnotationsBuilder::default();
        for key in &work.stars {
            if let Some(doc) = keys.resolve(key) {
                by_doc.entry(doc.0).or_default().starred = true;
                marks.star(doc);
            }
        }
        for (i, tag) in work.tags.iter().enumerate() {
            marks.tag_name(&tag.name);
            for doc in tag.documents.iter().filter_map(|k| keys.resolve(k)) {
                by_doc.entry(doc.0).or_default().tags.push(i);
                marks.tag(&tag.name, doc);
            }
        }
        for &i in &notes.note_at {
            if let Some(doc) = keys.resolve(&work.notes[i].doc) {
                by_doc.entry(doc.0).or_default().notes.push(i);
            }
        }
        marks.notes(Rc::clone(&notes.index));
        WorkIndex {
            by_doc,
            annotations: marks.build(),
            note_at: notes.note_at.clone(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct WorkProviderProps {
    /// The IndexedDB database the work lives in: the app's ([`work_store::DATABASE`])
    /// unless a test names one of its own.
    #[prop_or(AttrValue::Static(work_store::DATABASE))]
    pub database: AttrValue,
    pub children: Html,
}

/// The work as a memo's key for one of its parts: equal when it is the same work, or
/// when that part is equal (so a new star does not re-apply 1,000 corrections, and
/// comparing costs nothing when nothing changed).
#[derive(Clone)]
struct Part<T: PartialEq + 'static>(Rc<Work>, fn(&Work) -> &T);

impl<T: PartialEq + 'static> PartialEq for Part<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || (self.1)(&self.0) == (other.1)(&other.0)
    }
}

/// The reader's work for the views below, and the corpus with their corrections.
#[component]
pub fn WorkProvider(props: &WorkProviderProps) -> Html {
    let base = use_corpus();
    let state = use_reducer(State::default);
    let store: Rc<RefCell<Option<Rc<WorkStore>>>> = use_mut_ref(|| None);
    use_open_store(state.dispatcher(), store.clone(), props.database.clone());
    let keys = use_memo(base.clone(), |corpus| {
        corpus
            .is_complete()
            .then(|| Rc::new(DocHashes::new(&corpus.documents)))
    });
    let keys: Option<Rc<DocHashes>> = (*keys).clone();
    let complete = keys.is_some();
    let corrected = {
        let keys = keys.clone();
        use_memo(
            (
                base.clone(),
                complete,
                Part(state.work.clone(), |w| &w.corrections),
            ),
            move |(base, _, work)| corrected(base, keys.as_deref(), &work.0.corrections),
        )
    };
    let notes = {
        let keys = keys.clone();
        use_memo(
            (base.clone(), complete, Part(state.work.clone(), |w| &w.notes)),
            move |(_, _, work)| keys.map_or_else(NotesIndex::default, |k| NotesIndex::new(&work.0, &k)),
        )
    };
    // Keyed by the work (the notes' index is built from it, above, in this render).
    let index = {
        let keys = keys.clone();
        use_memo(
            (base.clone(), complete, Part(state.work.clone(), |w| w)),
            move |(_, _, work)| {
                Rc::new(keys.map_or_else(WorkIndex::default, |k| WorkIndex::new(&work.0, &k, &notes)))
            },
        )
    };
    let commit = {
        let (dispatch, storage, now) = (state.dispatcher(), state.storage.clone(), state.work.clone());
        Callback::from(move |(change, said): (Change, Option<String>)| {
            let (dispatch, store, now) = (dispatch.clone(), store.clone(), now.clone());
            if let Storage::ForThisVisit(_) = storage {
                dispatch.dispatch(Action::Confirmed(change, said));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let opened = store.borrow().clone();
                let result = match (opened, &change) {
                    // An import: only what it adds is written (rewriting 10,000 notes
                    // takes over a second).
                    (Some(store), Change::Replace(after)) => {
                        store.replace(&now, after).await.map_err(|e| e.to_string())
                    }
                    (Some(store), _) => store.commit(&change).await.map_err(|e| e.to_string()),
                    (None, _) => Err("your saved work is still being read; try again in a moment".to_owned()),
                };
                dispatch.dispatch(match result {
                    Ok(()) => Action::Confirmed(change, said),
                    Err(why) => Action::Refused(why),
                });
            });
        })
    };
    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |()| dispatch.dispatch(Action::Dismiss))
    };
    let corpus = use_relinked(corrected.0.clone());
    let context = WorkContext {
        state: state.clone(),
        commit,
        dismiss,
        keys,
        index: (*index).clone(),
        unapplied: corrected.1.clone(),
    };
    html! {
        <ContextProvider<CorpusHandle> context={corpus}>
            <ContextProvider<WorkContext> {context}>
                { props.children.clone() }
            </ContextProvider<WorkContext>>
        </ContextProvider<CorpusHandle>>
    }
}

/// `corrected`, and once the frame showing the correction is painted, the same corpus with
/// its views' data relinked to the corrected entities (`CorpusHandle::relinked`): the
/// correction shows in tens of milliseconds, the graph, timeline, quotes and related names
/// a moment later (they say they are updating meanwhile).
#[hook]
fn use_relinked(corrected: CorpusHandle) -> CorpusHandle {
    let relinked = use_state(|| None::<(CorpusHandle, CorpusHandle)>);
    {
        let relinked = relinked.clone();
        use_effect_with(corrected.clone(), move |handle| {
            let pending: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> = Rc::default();
            let frame = (!handle.is_linked()).then(|| {
                let (handle, pending) = (handle.clone(), pending.clone());
                // After the next frame is painted: a timeout set in an animation frame runs
                // once that frame is on screen.
                gloo::render::request_animation_frame(move |_| {
                    *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(0, move || {
                        let performance = gloo::utils::window().performance();
                        if let Some(p) = &performance {
                            let _ = p.mark(RELINK_MEASURE);
                        }
                        let linked = handle.relinked();
                        if let Some(p) = &performance {
                            let _ = p.measure_with_start_mark(RELINK_MEASURE, RELINK_MEASURE);
                        }
                        relinked.set(Some((handle, linked)));
                    }));
                })
            });
            move || {
                drop(frame);
                drop(pending.take());
            }
        });
    }
    match &*relinked {
        Some((from, to)) if *from == corrected => to.clone(),
        _ => corrected,
    }
}

/// Opens the browser's store once and reads the work into the reducer.
#[hook]
fn use_open_store(
    dispatch: UseReducerDispatcher<State>,
    store: Rc<RefCell<Option<Rc<WorkStore>>>>,
    database: AttrValue,
) {
    use_effect_with(database, move |database| {
        let database = database.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let opened = match WorkStore::open_named(&database).await {
                Ok(opened) => opened,
                Err(e) => return dispatch.dispatch(Action::Unavailable(e.to_string())),
            };
            match opened.load().await {
                Ok(work) => {
                    *store.borrow_mut() = Some(Rc::new(opened));
                    dispatch.dispatch(Action::Loaded(work));
                }
                // Stored work this page cannot read (a newer version): keep it untouched
                // and work for this visit only, saying why.
                Err(e) => dispatch.dispatch(Action::Unavailable(e.to_string())),
            }
        });
    });
}

/// `base` with `corrections` applied (the same handle when there are none, or no texts
/// yet), and the corrections that applied to nothing.
fn corrected(
    base: &CorpusHandle,
    keys: Option<&DocHashes>,
    corrections: &[dossier_work::Correction],
) -> (CorpusHandle, Rc<Vec<Unapplied>>) {
    let Some(keys) = keys.filter(|_| !corrections.is_empty()) else {
        return (base.clone(), Rc::default());
    };
    let performance = gloo::utils::window().performance();
    if let Some(p) = &performance {
        let _ = p.mark(CORRECTIONS_MEASURE);
    }
    let applied = apply(&base.entities, &base.documents, keys, corrections);
    let handle = base.corrected(applied.entities);
    if let Some(p) = &performance {
        // Marks and measures are for the benchmark: failing to set one changes nothing.
        let _ = p.measure_with_start_mark(CORRECTIONS_MEASURE, CORRECTIONS_MEASURE);
    }
    (handle, Rc::new(applied.unapplied))
}

/// The reader's work, where the app provides it (the component tests render views
/// without it: their controls for work are then not shown).
#[hook]
pub fn use_work() -> Option<WorkContext> {
    use_context::<WorkContext>()
}

/// The reader's work as a control that changes it sees it.
pub enum WorkAccess {
    /// No work here (a view rendered without the provider): the control is not shown.
    Absent,
    /// The browser's store is still opening (a moment after the first frame): the control
    /// is drawn disabled, in its place, so nothing moves when it opens.
    Opening,
    Ready(WorkContext),
}

/// [`use_work`], told as the three states a control draws differently.
#[hook]
pub fn use_work_access() -> WorkAccess {
    match use_work() {
        None => WorkAccess::Absent,
        Some(work) if work.ready() => WorkAccess::Ready(work),
        Some(_) => WorkAccess::Opening,
    }
}
