//! A line under the header about the reader's work: a change the browser refused to
//! store (and why), the correction just made (with Undo), or that work is kept for this
//! visit only.

use crate::state::work::Storage;
use crate::work::use_work;
use dossier_work::change::Change;
use dossier_work::{Correction, MentionRef};
use yew::prelude::*;

#[component]
pub fn WorkStatus() -> Html {
    let Some(work) = use_work() else {
        return html! {};
    };
    let state = &work.state;
    let dismiss = {
        let work = work.clone();
        Callback::from(move |_: MouseEvent| work.dismiss())
    };
    let undo = {
        let work = work.clone();
        Callback::from(move |_: MouseEvent| work.commit(Change::UndoCorrections { count: 1 }, None))
    };
    let unsaved = match &state.storage {
        Storage::ForThisVisit(why) => html! {
            <p class="work-status warning" role="status">
                { format!("Your tags, notes and corrections are not being saved in this browser ({why}). They last until the page closes: export a case file to keep them.") }
            </p>
        },
        _ => html! {},
    };
    html! {
        <>
            { unsaved }
            if let Some(why) = &state.refused {
                <p class="work-status error" role="alert">
                    { format!("Not saved: {why}") }
                    <button type="button" class="link-button" onclick={dismiss.clone()}>{ "Dismiss" }</button>
                </p>
            } else if let Some(said) = &state.last {
                <p class="work-status" role="status">
                    { format!("{}.", said.text) }
                    if said.undoable {
                        <button type="button" class="link-button undo" onclick={undo}>{ "Undo" }</button>
                    }
                    <button type="button" class="link-button" onclick={dismiss}>{ "Dismiss" }</button>
                </p>
            }
        </>
    }
}

/// A correction in words, as the review lists it; `place` names a mention's passage and
/// document (““Xi” in “Putin meets Xi””).
pub fn describe(correction: &Correction, place: impl Fn(&MentionRef) -> String) -> String {
    match correction {
        Correction::Rename { entity, to } => {
            format!("Renamed {} ({}) to {to}", entity.name, entity.kind.label())
        }
        Correction::Merge { from, into } => format!(
            "Merged {} ({}) into {} ({})",
            from.name,
            from.kind.label(),
            into.name,
            into.kind.label()
        ),
        Correction::SplitMention { mention, into } => format!(
            "{} made a mention of {} ({})",
            place(mention),
            into.name,
            into.kind.label()
        ),
        Correction::SplitAlias { entity, alias } => {
            format!(
                "Split \u{201C}{alias}\u{201D} off {} ({})",
                entity.name,
                entity.kind.label()
            )
        }
        Correction::Retype { entity, to } => {
            format!(
                "{} ({}) made {}",
                entity.name,
                entity.kind.label(),
                to.description()
            )
        }
        Correction::NotAnEntity { entity } => {
            format!("{} ({}) is not an entity", entity.name, entity.kind.label())
        }
        Correction::NotAMention { mention } => format!("{} is not a mention", place(mention)),
        Correction::Add {
            mention,
            kind,
            everywhere,
        } => format!(
            "Marked {} as {}{}",
            place(mention),
            kind.description(),
            if *everywhere { ", and every occurrence" } else { "" }
        ),
    }
}
