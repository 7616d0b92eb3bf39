//! Drafts in the page: saved a moment after every change and at once when
//! the page is hidden; reopened on the same step after a reload; listed,
//! renamed, copied, deleted with undo, exported and imported. Every decision
//! is the store's (`crate::store`); this module wires it to the page.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Draft;
use crate::steps::Step;
use crate::store::{
    self, open_with_fallback, DraftSummary, Drafts, Elsewhere, KeyValue, Listing, LocalStore,
    SaveStatus, SharedOutcome, StorageChange, SAVE_DELAY_MS, UNDO_WINDOW_MS,
};
use crate::ui::fields::{button, named_button};

/// Everything the page knows about stored drafts.
#[derive(Clone, Copy)]
pub struct Session {
    drafts: StoredValue<Drafts<Box<dyn KeyValue>>, LocalStorage>,
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
    /// The draft and step as last saved or opened. "Unsaved" is a difference
    /// from this, never a flag: a flag set by an effect would be set a tick
    /// late, and another tab's change arriving in that tick could replace
    /// what was just typed.
    last_saved: StoredValue<(Draft, Step)>,
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
        let mut drafts = open_with_fallback(primary, seed);
        let mut warnings = Vec::new();
        if let Some(error) = drafts.memory_only() {
            warnings.push(format!(
                "{error} Use “Export all drafts” to keep a copy as a file."
            ));
        }
        let listing = match drafts.list() {
            Ok(listing) => listing,
            Err(error) => {
                warnings.push(error.to_string());
                Listing::default()
            }
        };
        warnings.extend(listing.unreadable.iter().map(|u| u.to_string()));
        let reopened = drafts
            .reopen_target()
            .ok()
            .flatten()
            .and_then(|id| drafts.open(&id).ok());
        let (draft, step, saved) = match reopened {
            Some(opened) => (
                opened.draft,
                Step::from_slug(&opened.step).unwrap_or(Step::WhatHappened),
                Some(opened.saved_at),
            ),
            None => (drafts.new_draft(zone, now_ms()), Step::WhatHappened, None),
        };
        let status = SaveStatus::at_start(drafts.memory_only().is_some(), saved);
        let last_saved = (draft.clone(), step);
        Session {
            drafts: StoredValue::new_local(drafts),
            draft: RwSignal::new(draft),
            step: RwSignal::new(step),
            status: RwSignal::new(status),
            listing: RwSignal::new(listing),
            warnings: RwSignal::new(warnings),
            news: RwSignal::new(String::new()),
            undo: RwSignal::new(None),
            timer: StoredValue::new_local(None),
            last_saved: StoredValue::new(last_saved),
        }
    }

    /// True when the open draft or its step differs from what is stored.
    fn unsaved(self) -> bool {
        let now = (self.draft.get_untracked(), self.step.get_untracked());
        self.last_saved.with_value(|saved| *saved != now)
    }

    fn mark_saved(self) {
        self.last_saved
            .set_value((self.draft.get_untracked(), self.step.get_untracked()));
    }

    /// Saves after every change, a moment after the last one, and at once
    /// when the page is hidden or closed; follows other tabs' changes.
    pub fn autosave(self) {
        // Every change to the draft or the step schedules a save.
        Effect::new(move |first: Option<()>| {
            self.draft.track();
            self.step.track();
            if first.is_some() {
                self.changed();
            }
        });
        let flush = move || {
            if self.unsaved() {
                self.save_now();
            }
        };
        let on_hidden = Closure::<dyn Fn()>::new(move || {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                flush();
            }
        });
        let _ = document().add_event_listener_with_callback(
            "visibilitychange",
            on_hidden.as_ref().unchecked_ref(),
        );
        on_hidden.forget();
        let _ = window_event_listener(leptos::ev::pagehide, move |_| flush());
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            self.other_tab(store::storage_change(event.key().as_deref()));
        });
    }

    fn changed(self) {
        if !self.unsaved() {
            // Opened from storage or another tab: nothing new to save.
            return;
        }
        if !matches!(self.status.get_untracked(), SaveStatus::MemoryOnly) {
            self.status.set(SaveStatus::Pending);
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || self.save_now(),
            Duration::from_millis(u64::from(SAVE_DELAY_MS)),
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Saves the open draft now, when it has changes, and tells the truth
    /// about the result.
    pub fn save_now(self) {
        if self.unsaved() {
            self.write_now();
        } else if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
    }

    /// Writes the open draft, changed or not (the store keeps another tab's
    /// version beside it rather than write over it).
    fn write_now(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
        let mut draft = self.draft.get_untracked();
        let before = draft.id.clone();
        let step = self.step.get_untracked().slug();
        let now = now_ms();
        let result = self
            .drafts
            .try_update_value(|d| d.save(&mut draft, step, now))
            .unwrap_or(Err(store::DraftError::Read(store::StoreError::Unavailable)));
        match result {
            Ok(outcome) => {
                self.last_saved
                    .set_value((draft.clone(), self.step.get_untracked()));
                if let Some(message) = outcome.message() {
                    self.news.set(message);
                }
                if draft.id != before {
                    // Saved as a copy beside another tab's version: keep
                    // editing the copy (no new change to save).
                    self.draft.update_untracked(|d| d.id = draft.id.clone());
                }
                let memory = self.drafts.with_value(|d| d.memory_only().is_some());
                self.status.set(if memory {
                    SaveStatus::MemoryOnly
                } else {
                    SaveStatus::Saved {
                        at_ms: outcome.saved_at(),
                    }
                });
                self.refresh();
            }
            Err(error) => self.status.set(SaveStatus::NotSaved(error)),
        }
    }

    /// Re-reads the list of drafts.
    pub fn refresh(self) {
        if let Some(Ok(listing)) = self.drafts.try_update_value(|d| d.list()) {
            self.listing.set(listing);
        }
    }

    fn other_tab(self, change: StorageChange) {
        match change {
            StorageChange::Other => {}
            StorageChange::List => self.refresh(),
            StorageChange::Everything | StorageChange::Draft(_) => {
                self.refresh();
                let id = self.draft.with_untracked(|d| d.id.clone());
                let elsewhere = self
                    .drafts
                    .with_value(|d| d.changed_elsewhere(&id))
                    .unwrap_or(Elsewhere::Unchanged);
                if elsewhere == Elsewhere::Unchanged {
                    return;
                }
                if elsewhere == Elsewhere::WrittenOver {
                    // Another tab wrote at the same moment and won: what this
                    // tab saved is gone from storage, so save it again.
                    self.write_now();
                } else if self.unsaved() {
                    // Both tabs have changes: saving now keeps both versions.
                    self.save_now();
                } else if let Some(Ok(opened)) = self.drafts.try_update_value(|d| d.open(&id)) {
                    self.draft.set(opened.draft);
                    self.mark_saved();
                    self.news.set(
                        "This draft was changed in another tab; you now see that version.".into(),
                    );
                }
            }
        }
    }

    /// Opens a stored draft, saving the open one first.
    pub fn open(self, id: &str) {
        if self.unsaved() {
            self.save_now();
        }
        match self.drafts.try_update_value(|d| d.open(id)) {
            Some(Ok(opened)) => {
                let _ = self.drafts.try_update_value(|d| d.remember_open(id));
                self.draft.set(opened.draft);
                self.step
                    .set(Step::from_slug(&opened.step).unwrap_or(Step::WhatHappened));
                self.mark_saved();
                self.status.set(SaveStatus::Saved {
                    at_ms: opened.saved_at,
                });
                self.news.set(format!("Opened “{}”.", opened.title));
            }
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
    }

    pub fn new_draft(self, zone: &str) {
        if self.unsaved() {
            self.save_now();
        }
        let fresh = self
            .drafts
            .try_update_value(|d| d.new_draft(zone, now_ms()))
            .unwrap_or_else(|| Draft::new("", zone));
        self.draft.set(fresh);
        self.step.set(Step::WhatHappened);
        self.save_now();
        self.news.set("Started a new draft.".into());
    }

    pub fn rename(self, id: &str, title: &str) {
        match self
            .drafts
            .try_update_value(|d| d.rename(id, title, now_ms()))
        {
            Some(Ok(summary)) => self.news.set(format!("Renamed to “{}”.", summary.title)),
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
        self.refresh();
    }

    pub fn duplicate(self, id: &str) {
        if self.unsaved() {
            self.save_now();
        }
        match self.drafts.try_update_value(|d| d.duplicate(id, now_ms())) {
            Some(Ok(copy)) => self.news.set(format!("Made a copy: “{}”.", copy.title)),
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
        self.refresh();
    }

    pub fn delete(self, id: &str, zone: &str) {
        let open = self.draft.with_untracked(|d| d.id == id);
        if open {
            // A save still waiting would store the deleted draft again.
            if let Some(handle) = self.timer.get_value() {
                handle.clear();
            }
            self.mark_saved();
        }
        match self.drafts.try_update_value(|d| d.delete(id, now_ms())) {
            Some(Ok(deleted)) => {
                self.undo
                    .set(Some((deleted.id.clone(), deleted.title.clone())));
                self.news.set(format!(
                    "Deleted “{}”. You can undo this for {} seconds.",
                    deleted.title,
                    UNDO_WINDOW_MS / 1000
                ));
                if open {
                    let next = self.listing.with_untracked(|l| {
                        l.drafts.iter().find(|d| d.id != id).map(|d| d.id.clone())
                    });
                    self.refresh();
                    match next {
                        Some(next) => self.open(&next),
                        None => self.new_draft(zone),
                    }
                } else {
                    self.refresh();
                }
                let _ = set_timeout_with_handle(
                    move || {
                        self.drafts.update_value(|d| d.expire_undo(now_ms()));
                        self.undo.set(None);
                    },
                    Duration::from_millis(UNDO_WINDOW_MS as u64),
                );
            }
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
    }

    pub fn undo_delete(self) {
        // Save the open draft first: if it has the deleted draft's id, the
        // draft brought back then takes a new id instead of being written
        // over by the open one when it is opened.
        if self.unsaved() {
            self.save_now();
        }
        match self.drafts.try_update_value(|d| d.undo_delete(now_ms())) {
            Some(Ok(summary)) => {
                self.undo.set(None);
                self.news.set(format!("Brought back “{}”.", summary.title));
                self.refresh();
                self.open(&summary.id);
            }
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
    }

    /// Every draft (and the open one, even if unsaved) as a JSON file.
    pub fn export_all(self) {
        let open = self.draft.get_untracked();
        let now = now_ms();
        match self
            .drafts
            .try_update_value(|d| d.export_all(now, Some(&open)))
        {
            Some(Ok(json)) => {
                download(&store::export_file_name(now), &json);
                self.news.set("Exported every draft to a file.".into());
            }
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
    }

    pub fn export_one(self, id: &str) {
        if self.unsaved() {
            self.save_now();
        }
        let now = now_ms();
        match self.drafts.try_update_value(|d| d.export_one(id, now)) {
            Some(Ok(json)) => {
                download(&store::export_file_name(now), &json);
                self.news.set("Exported the draft to a file.".into());
            }
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
    }

    pub fn import(self, text: &str) {
        match self.drafts.try_update_value(|d| d.import(text, now_ms())) {
            Some(Ok(report)) => self.news.set(report.summary()),
            Some(Err(error)) => self.news.set(error.to_string()),
            None => {}
        }
        self.refresh();
    }

    /// Opens a draft that arrived in a link; the store decides whether it
    /// is already here or is kept as a new "(shared)" draft, and never
    /// writes over a stored one. When it cannot be stored, it is open here
    /// all the same, so nothing in the link is lost.
    pub fn open_shared(self, shared: Draft) {
        if self.unsaved() {
            self.save_now();
        }
        let kept = self
            .drafts
            .try_update_value(|d| d.add_shared(shared.clone(), Step::Check.slug(), now_ms()));
        match kept {
            Some(Ok(outcome)) => {
                self.refresh();
                let said = match &outcome {
                    SharedOutcome::AlreadyHere(line) => {
                        self.open(&line.id);
                        format!(
                            "This shared draft is already here as “{}”, so Candor opened it.",
                            line.title
                        )
                    }
                    SharedOutcome::Added(line) => {
                        self.open(&line.id);
                        format!(
                            "Opened the shared draft and saved it here as “{}”.",
                            line.title
                        )
                    }
                };
                self.news.set(said);
            }
            Some(Err(error)) => {
                self.draft.set(shared);
                self.step.set(Step::Check);
                self.news.set(format!(
                    "{error} The shared draft is open here all the same."
                ));
            }
            None => {}
        }
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
