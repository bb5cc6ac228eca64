//! Every view has a URL, so links, reloads and back/forward work. The search query lives
//! in `?q=` on the list and on a document (where it marks the hits).

use dossier_explore::facets::{Selection, SelectionParams};
use dossier_model::entity::Counting;
use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::Routable;

#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Documents,
    #[at("/doc/:id")]
    Document { id: u32 },
    #[at("/entity/:id")]
    Entity { id: u32 },
    #[at("/matrix")]
    Matrix,
    #[at("/graph")]
    Graph,
    #[at("/timeline")]
    Timeline,
    #[at("/compare")]
    Compare,
    /// The reader's notes across the corpus.
    #[at("/notes")]
    Notes,
    /// The reader's work: corrections, tags, saved searches, the case file.
    #[at("/work")]
    Work,
    #[at("/names")]
    Names,
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The query string of a view: the search and the facet picks, as plain strings so any
/// link parses (see [`dossier_explore::facets::SelectionParams`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchParams {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlet: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub types: String,
    #[serde(default, rename = "ent", skip_serializing_if = "String::is_empty")]
    pub entities: String,
    /// The reader's tags picked in the facets, and `*` for starred (`facets::tag_param`).
    #[serde(default, rename = "tag", skip_serializing_if = "String::is_empty")]
    pub tags: String,
    /// The reader: the byte offset of the mention to scroll to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    /// The reader: the entity whose mentions are outlined.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub focus: String,
    /// Compare: the picked documents, `3,7,12`.
    #[serde(default, rename = "d", skip_serializing_if = "String::is_empty")]
    pub docs: String,
    /// `all` counts mentions in headlines, flagged passages and page furniture too (see
    /// [`SearchParams::counting`]); anything else counts the running text only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub count: String,
    /// Name lists: the names looked up, one a line (kept here so a reload, Back and a
    /// shared link keep the list).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub names: String,
}

impl SearchParams {
    /// Only a search, no facet picks.
    pub fn search(q: impl Into<String>) -> SearchParams {
        SearchParams {
            q: q.into(),
            ..SearchParams::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == SearchParams::default()
    }

    /// The facet picks, for [`Selection::from_params`].
    pub fn selection(&self) -> SelectionParams {
        SelectionParams {
            outlet: self.outlet.clone(),
            date: self.date.clone(),
            types: self.types.clone(),
            entities: self.entities.clone(),
            tags: self.tags.clone(),
        }
    }

    /// The same search with other facet picks.
    pub fn with_selection(&self, selection: &Selection) -> SearchParams {
        let p = selection.to_params();
        SearchParams {
            q: self.q.clone(),
            outlet: p.outlet,
            date: p.date,
            types: p.types,
            entities: p.entities,
            tags: p.tags,
            count: self.count.clone(),
            ..SearchParams::default()
        }
    }

    /// Which mentions the views count: the running text unless the address says `count=all`.
    pub fn counting(&self) -> Counting {
        match self.count.as_str() {
            "all" => Counting::Everything,
            _ => Counting::Text,
        }
    }

    /// The same parameters counting `counting`.
    pub fn with_counting(&self, counting: Counting) -> SearchParams {
        SearchParams {
            count: match counting {
                Counting::Everything => "all".to_owned(),
                Counting::Text => String::new(),
            },
            ..self.clone()
        }
    }

    /// Only what says which documents the list holds and what counts (search, facet
    /// picks, counting): what every view carries, so the matrix, graph and timeline show
    /// the list's documents counted the same way.
    pub fn scope(&self) -> SearchParams {
        SearchParams {
            q: self.q.clone(),
            outlet: self.outlet.clone(),
            date: self.date.clone(),
            types: self.types.clone(),
            entities: self.entities.clone(),
            tags: self.tags.clone(),
            count: self.count.clone(),
            ..SearchParams::default()
        }
    }

    /// A link to one mention in the reader: scrolled to, with its entity outlined.
    pub fn mention(at: u32, entity: u32) -> SearchParams {
        SearchParams {
            at: at.to_string(),
            focus: entity.to_string(),
            ..SearchParams::default()
        }
    }

    /// The picked documents of the compare view.
    pub fn picked_docs(&self) -> Vec<u32> {
        let mut docs: Vec<u32> = self
            .docs
            .split(',')
            .filter_map(|d| d.trim().parse().ok())
            .collect();
        let mut seen = std::collections::HashSet::new();
        docs.retain(|d| seen.insert(*d));
        docs
    }

    /// The same facet picks with another search.
    pub fn with_q(&self, q: impl Into<String>) -> SearchParams {
        SearchParams {
            q: q.into(),
            ..self.clone()
        }
    }

    /// `None` when there is nothing to carry, so links stay clean.
    pub fn or_none(&self) -> Option<SearchParams> {
        (!self.is_empty()).then(|| self.clone())
    }
}

/// The search and facet picks in the current URL.
#[hook]
pub fn use_params() -> SearchParams {
    let location = use_location();
    location
        .and_then(|l| l.query::<SearchParams>().ok())
        .unwrap_or_default()
}

/// The search query in the current URL ("" when there is none).
#[hook]
pub fn use_query() -> String {
    use_params().q
}

/// Goes to `route`, carrying the search and picks when there are any.
pub fn go(navigator: &Navigator, route: &Route, params: &SearchParams, replace: bool) {
    let result = match (params.is_empty(), replace) {
        (true, false) => {
            navigator.push(route);
            Ok(())
        }
        (true, true) => {
            navigator.replace(route);
            Ok(())
        }
        (false, false) => navigator.push_with_query(route, params),
        (false, true) => navigator.replace_with_query(route, params),
    };
    // Encoding plain strings as a query cannot fail; if it did, the view stays put.
    drop(result);
}
