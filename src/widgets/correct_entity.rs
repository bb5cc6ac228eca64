//! Correcting an entity from its page: rename it, change its type, merge it into another,
//! split an alias off into an entity of its own, or say it is no entity at all.
//!
//! A correction renumbers entities (`dossier_work::apply` compacts ids), so after one the
//! page follows the entity it made or kept, by name and type, to its new address.

use crate::corpus::use_corpus;
use crate::route::Route;
use crate::widgets::passage::{picked_type, type_select};
use crate::work::{use_work_access, WorkAccess};
use dossier_model::entity::EntityId;
use dossier_work::change::Change;
use dossier_work::{Correction, EntityRef};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CorrectEntityProps {
    pub id: u32,
}

/// Where the page goes once a correction shows.
#[derive(Clone, PartialEq)]
enum Follow {
    To(EntityRef),
    List,
}

/// The corrections of one entity, behind a "Correct this entity" disclosure.
#[component]
pub fn CorrectEntity(props: &CorrectEntityProps) -> Html {
    let corpus = use_corpus();
    let navigator = use_navigator();
    let follow = use_state(|| None::<Follow>);
    let name = use_node_ref();
    let kind = use_node_ref();
    let merge_name = use_node_ref();
    let merge_kind = use_node_ref();
    {
        let (follow, corpus) = (follow.clone(), corpus.clone());
        use_effect_with((corpus.clone(), (*follow).clone()), move |(_, target)| {
            let Some(navigator) = navigator else { return };
            match target {
                Some(Follow::To(target)) => {
                    let found = corpus
                        .entities
                        .entities
                        .iter()
                        .find(|e| e.kind == target.kind && e.name == target.name);
                    if let Some(e) = found {
                        navigator.replace(&Route::Entity { id: e.id.0 });
                        follow.set(None);
                    }
                }
                Some(Follow::List) => {
                    follow.set(None);
                    navigator.replace(&Route::Documents);
                }
                None => {}
            }
        });
    }
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! {};
    };
    let Some(entity) = corpus.entities.entity(EntityId(props.id)).cloned() else {
        return html! {};
    };
    let this = EntityRef::of(&entity);
    let correct = {
        let (work, follow) = (work.clone(), follow.clone());
        move |correction: Correction, said: String, then: Follow| {
            work.commit(Change::Correct(correction), Some(said));
            follow.set(Some(then));
        }
    };
    let value = |node: &NodeRef| {
        node.cast::<HtmlInputElement>()
            .map(|i| i.value().trim().to_owned())
            .unwrap_or_default()
    };
    let rename = {
        let (correct, this, name) = (correct.clone(), this.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let to = value(&name);
            if !to.is_empty() && to != this.name {
                let said = format!("Renamed {} to {to}", this.name);
                let then = Follow::To(EntityRef::new(to.clone(), this.kind));
                correct(
                    Correction::Rename {
                        entity: this.clone(),
                        to,
                    },
                    said,
                    then,
                );
            }
        })
    };
    let retype = {
        let (correct, this, kind) = (correct.clone(), this.clone(), kind.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let to = picked_type(&kind, this.kind);
            if to != this.kind {
                let said = format!("{} is now {}", this.name, to.description());
                let then = Follow::To(EntityRef::new(this.name.clone(), to));
                correct(
                    Correction::Retype {
                        entity: this.clone(),
                        to,
                    },
                    said,
                    then,
                );
            }
        })
    };
    let merge = {
        let (correct, this) = (correct.clone(), this.clone());
        let (merge_name, merge_kind) = (merge_name.clone(), merge_kind.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let into = EntityRef::new(value(&merge_name), picked_type(&merge_kind, this.kind));
            if !into.name.is_empty() && into != this {
                let said = format!("Merged {} into {}", this.name, into.name);
                correct(
                    Correction::Merge {
                        from: this.clone(),
                        into: into.clone(),
                    },
                    said,
                    Follow::To(into),
                );
            }
        })
    };
    let not_entity = {
        let (correct, this) = (correct.clone(), this.clone());
        Callback::from(move |_: MouseEvent| {
            let said = format!("{} is no longer an entity", this.name);
            correct(
                Correction::NotAnEntity { entity: this.clone() },
                said,
                Follow::List,
            );
        })
    };
    html! {
        <details class="correct-entity">
            <summary>{ "Correct this entity" }</summary>
            <form class="rename" onsubmit={rename}>
                <label>{ "Name " }<input ref={name} type="text" value={entity.name.clone()} required=true /></label>
                <button type="submit">{ "Rename" }</button>
            </form>
            <form class="retype" onsubmit={retype}>
                <label>{ "Type " }{ type_select(kind, entity.kind) }</label>
                <button type="submit">{ "Change type" }</button>
            </form>
            <form class="merge" onsubmit={merge}>
                <label>{ "Same as " }
                    <input ref={merge_name} type="text" list="merge-names" class="merge-name" required=true
                        placeholder="Another entity's name" />
                </label>
                <datalist id="merge-names">
                    { for corpus.entities.entities.iter().filter(|e| e.id != entity.id && e.kind == entity.kind).take(500)
                        .map(|e| html! { <option value={e.name.clone()} /> }) }
                </datalist>
                <label>{ " of type " }{ type_select(merge_kind, entity.kind) }</label>
                <button type="submit">{ "Merge into it" }</button>
            </form>
            if !entity.aliases.is_empty() {
                <p class="split-aliases">{ "Split off as an entity of its own: " }
                    { for entity.aliases.iter().map(|alias| {
                        let (correct, this, alias) = (correct.clone(), this.clone(), alias.clone());
                        let label = format!("\u{201C}{alias}\u{201D}");
                        html! {
                            <button type="button" class="split-alias" onclick={Callback::from(move |_: MouseEvent| {
                                let said = format!("Split {alias} off {}", this.name);
                                let then = Follow::To(EntityRef::new(this.name.clone(), this.kind));
                                correct(Correction::SplitAlias { entity: this.clone(), alias: alias.clone() }, said, then);
                            })}>{ label }</button>
                        }
                    }) }
                </p>
            }
            <p><button type="button" class="not-entity" onclick={not_entity}>{ "Not an entity" }</button>
                <span class="muted">{ " Removes it and all its mentions. Every correction can be undone." }</span></p>
        </details>
    }
}
