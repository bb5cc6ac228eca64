//! Every view has a URL, so links, reloads and back/forward work.

use yew_router::Routable;

#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Documents,
    #[at("/doc/:id")]
    Document { id: u32 },
    #[not_found]
    #[at("/404")]
    NotFound,
}
