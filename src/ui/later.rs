//! The parts of the editor that are not needed to start: the check step
//! (the candor check's view, the notice's forms, copy, the links) and the
//! drafts panel. In the release build each is a wasm file of its own
//! (`#[wasm_split]`, see tools/wasm-split/README.md), fetched the first time
//! it is shown; until it arrives a sentence says it is loading, and if it
//! cannot be fetched a sentence says so, with a way to try again. Nothing
//! the author typed depends on it: the draft stays in the page and in
//! storage. In every other build (debug, `make serve`, the browser tests)
//! both parts are in the one module and show at once.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Draft;
use crate::notice::Notice;
use crate::steps::Step;
use crate::ui::drafts::Session;
use crate::ui::fields::button;
use crate::ui::Arrived;

/// A part of the editor could not be fetched.
pub struct Unavailable;

#[cfg(candor_split)]
impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// What the check step is made from, passed into its part as one value.
#[derive(Clone, Copy)]
pub struct CheckParts {
    pub draft: RwSignal<Draft>,
    pub go: Callback<Step>,
    pub notice: Memo<Notice>,
    /// The findings' words, marked in the preview while the check is shown.
    pub flagged: RwSignal<Vec<String>>,
    pub arrived: Arrived,
}

#[cfg_attr(
    candor_split,
    leptos::wasm_split::wasm_split(
        check_step,
        fallible,
        preload(load_check_step),
        wasm_split_path = ::leptos::wasm_split
    )
)]
fn check_step_part(parts: CheckParts) -> Result<AnyView, Unavailable> {
    Ok(super::preview::check_step(parts))
}

#[cfg_attr(
    candor_split,
    leptos::wasm_split::wasm_split(
        drafts_panel,
        fallible,
        preload(load_drafts_panel),
        wasm_split_path = ::leptos::wasm_split
    )
)]
fn drafts_panel_part(session: Session, zone: String) -> Result<AnyView, Unavailable> {
    Ok(super::drafts::drafts_panel(session, zone))
}

#[cfg(not(candor_split))]
async fn load_check_step() -> Result<(), Unavailable> {
    Ok(())
}

#[cfg(not(candor_split))]
async fn load_drafts_panel() -> Result<(), Unavailable> {
    Ok(())
}

/// Runs a future that is already complete (a part once loaded, or in a
/// build that is not split); `None` if it would have to wait.
#[cfg(candor_split)]
fn now_or_never<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(out) => Some(out),
        Poll::Pending => None,
    }
}

/// "Check your notice", loaded the first time it is shown.
pub fn check_step(parts: CheckParts) -> AnyView {
    #[cfg(candor_split)]
    let build = move || now_or_never(check_step_part(parts)).and_then(Result::ok);
    #[cfg(not(candor_split))]
    let build = move || check_step_part(parts).ok();
    later(
        "Loading the check of your notice…",
        "The check of your notice could not be loaded",
        || Box::pin(async { load_check_step().await.map_err(|_| Unavailable) }),
        Box::new(build),
    )
}

/// The drafts list, loaded the first time it is opened.
pub fn drafts_panel(session: Session, zone: String) -> AnyView {
    #[cfg(candor_split)]
    let build = move || now_or_never(drafts_panel_part(session, zone.clone())).and_then(Result::ok);
    #[cfg(not(candor_split))]
    let build = move || drafts_panel_part(session, zone.clone()).ok();
    later(
        "Loading your drafts…",
        "The list of your drafts could not be loaded",
        || Box::pin(async { load_drafts_panel().await.map_err(|_| Unavailable) }),
        Box::new(build),
    )
}

type Loading = std::pin::Pin<Box<dyn Future<Output = Result<(), Unavailable>>>>;

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Loading,
    Ready,
    Failed,
}

/// Shows what `build` makes once `load` has fetched its part: at once when
/// it is already there, otherwise a sentence while it loads and another if
/// it cannot be had, with a button that tries again.
fn later(
    loading: &'static str,
    failed: &'static str,
    load: fn() -> Loading,
    build: Box<dyn Fn() -> Option<AnyView> + Send + Sync>,
) -> AnyView {
    let stage = RwSignal::new(Stage::Loading);
    let start = move || {
        let mut fetching = load();
        let done = |result: Result<(), Unavailable>| {
            if result.is_ok() {
                Stage::Ready
            } else {
                Stage::Failed
            }
        };
        match fetching
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(result) => {
                stage.set(done(result));
            }
            Poll::Pending => {
                stage.set(Stage::Loading);
                leptos::task::spawn_local(async move {
                    stage.try_set(done(fetching.await));
                });
            }
        }
    };
    start();
    // "Try again" is replaced by what loads: focus moves to the part's
    // holder, so that a keyboard or screen-reader user stays where they were.
    let retry = move || {
        let holder = document()
            .active_element()
            .and_then(|pressed| pressed.closest(".part").ok().flatten())
            .and_then(|holder| holder.dyn_into::<web_sys::HtmlElement>().ok());
        start();
        if let Some(holder) = holder {
            let _ = holder.focus();
        }
    };
    let shown = move || match stage.get() {
        Stage::Ready => match untrack(&build) {
            Some(view) => view,
            None => not_loaded(failed, retry),
        },
        Stage::Loading => view! { <p class="part-status" role="status">{loading}</p> }.into_any(),
        Stage::Failed => not_loaded(failed, retry),
    };
    view! { <div class="part" tabindex="-1">{shown}</div> }.into_any()
}

fn not_loaded(failed: &'static str, retry: impl Fn() + Copy + 'static) -> AnyView {
    view! {
        <div class="part-status problem" role="alert">
            <p>
                {failed}
                ": Candor could not fetch it. You may be offline, or Candor may have been updated since this page was opened. "
                "Your draft is still here. Try again, or reload the page once you are online."
            </p>
            {button("secondary", "Try again".into(), Box::new(retry))}
        </div>
    }
    .into_any()
}
