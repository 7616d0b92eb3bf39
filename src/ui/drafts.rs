//! Drafts in the page: the signals, timers and browser events of the
//! drafts session. Every decision (what is unsaved, when to save, how to
//! follow another tab, what opens after a delete, undo) is the core's
//! `store::Session`; this module passes it the draft being typed and the
//! time, and shows what it returns.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Draft;
use crate::steps::Step;
use crate::store::{
    self, open_with_fallback, DraftSummary, KeyValue, Listing, LocalStore, Reply, SaveStatus,
    UNDO_WINDOW_MS,
};
use crate::ui::fields::{button, named_button};

type Core = store::Session<Box<dyn KeyValue>>;

/// Everything the page knows about stored drafts.
#[derive(Clone, Copy)]
pub struct Session {
    core: StoredValue<Core, LocalStorage>,
    pub draft: RwSignal<Draft>,
    pub step: RwSignal<Step>,
    pub status: RwSignal<SaveStatus>,
    pub listing: RwSignal<Listing>,
    /// A lasting warning: storage refused, drafts that could not be read.
    pub warnings: RwSignal<Vec<String>>,
    /// The latest thing that happened to drafts, announced politely.
    pub news: RwSignal<String>,
    /// A deleted draft that can still be brought back: (id, title).
    pub undo: RwSignal<Option<(String, String)>>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The reader's UTC offset now, for "Saved 10:42" in their own clock.
fn local_offset_seconds() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32) * 60
}

impl Session {
    /// Opens storage (or memory, with the reason), lists the drafts and
    /// reopens the last one on its step, or starts a new one.
    pub fn start(zone: &str) -> Session {
        let seed = (js_sys::Math::random() * 2f64.powi(52)) as u64;
        let primary = LocalStore::open().map(|s| Box::new(s) as Box<dyn KeyValue>);
        let (core, start) = Core::start(open_with_fallback(primary, seed), zone, now_ms());
        Session {
            status: RwSignal::new(start.status),
            listing: RwSignal::new(start.listing),
            core: StoredValue::new_local(core),
            draft: RwSignal::new(start.draft),
            step: RwSignal::new(start.step),
            warnings: RwSignal::new(start.warnings),
            news: RwSignal::new(String::new()),
            undo: RwSignal::new(None),
            timer: StoredValue::new_local(None),
        }
    }

    /// Calls the core with the draft as typed, its step and the time, then
    /// shows what it returns. One body for every call (`dyn`): the page's
    /// wasm is on a budget.
    fn call(self, decide: &dyn Fn(&mut Core, &Draft, Step, i64) -> Reply) {
        let draft = self.draft.get_untracked();
        let step = self.step.get_untracked();
        let now = now_ms();
        let reply = self
            .core
            .try_update_value(|core| decide(core, &draft, step, now));
        self.show(reply);
    }

    fn show(self, reply: Option<Reply>) {
        let Some(reply) = reply else {
            return;
        };
        if reply.cancel_save || reply.save_in.is_some() {
            if let Some(handle) = self.timer.get_value() {
                handle.clear();
            }
            self.timer.set_value(None);
        }
        if let Some(delay) = reply.save_in {
            let handle = set_timeout_with_handle(
                move || self.save_now(),
                Duration::from_millis(u64::from(delay)),
            )
            .ok();
            self.timer.set_value(handle);
        }
        if let Some(id) = reply.new_id {
            // Saved as a copy beside another tab's version: keep editing
            // the copy (no new change to save).
            self.draft.update_untracked(|d| d.id = id);
        }
        if let Some(draft) = reply.draft {
            self.draft.set(draft);
        }
        if let Some(step) = reply.step {
            self.step.set(step);
        }
        if let Some(status) = reply.status {
            self.status.set(status);
        }
        if let Some(listing) = reply.listing {
            self.listing.set(listing);
        }
        if let Some(news) = reply.news {
            self.news.set(news);
        }
        if let Some((name, text)) = reply.download {
            download(&name, &text);
        }
        if let Some(offer) = reply.undo {
            if let Some(deleted) = offer.clone() {
                let _ = set_timeout_with_handle(
                    move || {
                        let lapsed = self
                            .core
                            .try_update_value(|core| core.undo_lapsed(&deleted));
                        self.show(lapsed);
                    },
                    Duration::from_millis(UNDO_WINDOW_MS as u64),
                );
            }
            self.undo.set(offer.map(|d| (d.id, d.title)));
        }
    }

    /// Saves after every change, a moment after the last one, and at once
    /// when the page is hidden or closed; follows other tabs' changes.
    pub fn autosave(self) {
        Effect::new(move |first: Option<()>| {
            self.draft.track();
            self.step.track();
            if first.is_some() {
                self.call(&|core, draft, step, _| core.changed(draft, step));
            }
        });
        let on_hidden = Closure::<dyn Fn()>::new(move || {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                self.save_now();
            }
        });
        let _ = document().add_event_listener_with_callback(
            "visibilitychange",
            on_hidden.as_ref().unchecked_ref(),
        );
        on_hidden.forget();
        let _ = window_event_listener(leptos::ev::pagehide, move |_| self.save_now());
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            let change = store::storage_change(event.key().as_deref());
            self.call(&|core, draft, step, now| core.other_tab(&change, draft, step, now));
        });
    }

    /// Saves the open draft now, when it has changes.
    pub fn save_now(self) {
        self.call(&|core, draft, step, now| core.save_now(draft, step, now));
    }

    pub fn open(self, id: &str) {
        self.call(&|core, draft, step, now| core.open(id, draft, step, now));
    }

    pub fn new_draft(self, zone: &str) {
        self.call(&|core, draft, step, now| core.new_draft(zone, draft, step, now));
    }

    pub fn rename(self, id: &str, title: &str) {
        self.call(&|core, _, _, now| core.rename(id, title, now));
    }

    pub fn duplicate(self, id: &str) {
        self.call(&|core, draft, step, now| core.duplicate(id, draft, step, now));
    }

    pub fn delete(self, id: &str, zone: &str) {
        self.call(&|core, draft, step, now| core.delete(id, zone, draft, step, now));
    }

    pub fn undo_delete(self) {
        self.call(&|core, draft, step, now| core.undo_delete(draft, step, now));
    }

    pub fn export_all(self) {
        self.call(&|core, draft, _, now| core.export_all(draft, now));
    }

    pub fn export_one(self, id: &str) {
        self.call(&|core, draft, step, now| core.export_one(id, draft, step, now));
    }

    pub fn import(self, text: &str) {
        self.call(&|core, _, _, now| core.import(text, now));
    }

    /// Opens a draft that arrived in a link.
    pub fn open_shared(self, shared: Draft) {
        self.call(&|core, draft, step, now| core.open_shared(&shared, draft, step, now));
    }

    pub fn status_text(self) -> String {
        self.status.with(|s| s.text(local_offset_seconds()))
    }
}

/// Offers `text` as a file download.
fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            link.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The reader's UTC offset at a given moment (their browser's own zone).
fn offset_at_ms(at_ms: i64) -> i32 {
    let date = js_sys::Date::new(&JsValue::from_f64(at_ms as f64));
    -(date.get_timezone_offset() as i32) * 60
}

/// The drafts list, with every action on a draft.
pub fn drafts_panel(session: Session, zone: String) -> AnyView {
    let renaming = RwSignal::new(None::<String>);
    let zone_new = zone.clone();
    let zone_delete = zone.clone();
    let no_drafts = move || session.listing.with(|l| l.drafts.is_empty());
    view! {
        <section class="drafts" aria-labelledby="drafts-title">
            <h2 id="drafts-title">"Your drafts"</h2>
            <p class="hint">"Drafts are kept in this browser on this device. Export them to keep a copy elsewhere."</p>
            <div class="drafts-actions">
                {button("primary", "New draft".into(), Box::new(move || session.new_draft(&zone_new)))}
                {button("secondary", "Export all drafts".into(), Box::new(move || session.export_all()))}
                <label class="file-button" for="import-file">"Import drafts from a file"</label>
                <input
                    id="import-file"
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change:target=move |ev| {
                        let input = ev.target();
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            let read = wasm_bindgen_futures::JsFuture::from(file.text());
                            leptos::task::spawn_local(async move {
                                match read.await.ok().and_then(|t| t.as_string()) {
                                    Some(text) => session.import(&text),
                                    None => session.news.set("That file could not be read. Choose a file that Candor exported.".into()),
                                }
                            });
                        }
                        input.set_value("");
                    }
                />
            </div>
            {move || session.undo.get().map(|(_, title)| view! {
                <p class="undo">
                    {format!("Deleted “{title}”. ")}
                    {button("secondary", "Undo".into(), Box::new(move || session.undo_delete()))}
                </p>
            })}
            <p class="hint" hidden=move || !no_drafts()>
                "No drafts yet: the one you are writing appears here a moment after your first change."
            </p>
            <ul class="draft-list" hidden=no_drafts>
                {move || {
                    let open_id = session.draft.with(|d| d.id.clone());
                    let zone_delete = zone_delete.clone();
                    session.listing.get().drafts.into_iter().map(|d: DraftSummary| {
                        let id = d.id.clone();
                        let is_open = id == open_id;
                        let (id_open, id_rename, id_save, id_copy, id_export, id_delete) =
                            (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                        let zone_delete = zone_delete.clone();
                        let field_id = format!("rename-{id}");
                        let title = d.title.clone();
                        view! {
                            <li class="draft-item" class:open=is_open>
                                {move || if renaming.get().as_deref() == Some(id_rename.as_str()) {
                                    let id_save = id_save.clone();
                                    let field_id = field_id.clone();
                                    let title = title.clone();
                                    view! {
                                        <form class="rename" on:submit=move |ev| {
                                            ev.prevent_default();
                                            let value = document()
                                                .get_element_by_id(&format!("rename-{id_save}"))
                                                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                                                .map(|e| e.value())
                                                .unwrap_or_default();
                                            session.rename(&id_save, &value);
                                            renaming.set(None);
                                        }>
                                            <label for=field_id.clone()>"New name"</label>
                                            <input id=field_id type="text" value=title />
                                            <button type="submit" class="primary">"Save name"</button>
                                            {button("secondary", "Cancel".into(), Box::new(move || renaming.set(None)))}
                                        </form>
                                    }.into_any()
                                } else {
                                    view! {
                                        <p class="draft-title">
                                            <strong>{title.clone()}</strong>
                                            {is_open.then_some(" (open now)")}
                                        </p>
                                    }.into_any()
                                }}
                                <p class="hint">{format!("Last changed {}", store::changed_text(d.changed_at, offset_at_ms(d.changed_at)))}</p>
                                <div class="draft-buttons">
                                    {(!is_open).then(|| {
                                        named_button("secondary", "Open", format!(" {}", d.title), Box::new(move || session.open(&id_open)))
                                    })}
                                    {button("secondary", "Rename".into(), Box::new(move || renaming.set(Some(id.clone()))))}
                                    {button("secondary", "Make a copy".into(), Box::new(move || session.duplicate(&id_copy)))}
                                    {button("secondary", "Export".into(), Box::new(move || session.export_one(&id_export)))}
                                    {button("secondary danger", "Delete".into(), Box::new(move || session.delete(&id_delete, &zone_delete)))}
                                </div>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
    .into_any()
}
