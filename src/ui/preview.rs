//! The live notice preview and the "Check your notice" step. The step is a
//! part of its own, loaded when first shown (`ui::later`); the preview is in
//! the start module.

use leptos::prelude::*;

use crate::candor::{Finding, Severity};
use crate::model::Draft;
use crate::notice::{self, copy, Block, Form, Forms, Notice, Paragraph, Span};
use crate::steps::{answers, step_for, Step};
use crate::ui::clipboard;
use crate::ui::fields::{button, choices, named_button, on_click};
use crate::ui::later::CheckParts;
use crate::ui::zones;

/// The notice as a reader will read it; gaps are marked so the author sees
/// what is still missing. `flagged`: words the candor check found, marked
/// wherever they appear (only while checking, so typing stays fast).
pub fn notice_view(notice: Signal<Notice>, flagged: Signal<Vec<String>>) -> AnyView {
    view! {
        <div class="notice">
            <p class="notice-subject">
                <span class="label">"Subject: "</span>
                {spans(Signal::derive(move || notice.with(|n| n.subject.clone())), flagged)}
            </p>
            {move || {
                notice
                    .get()
                    .blocks
                    .into_iter()
                    .map(|block| match block {
                        Block::Paragraph(p) => view! { <p>{spans(p.into(), flagged)}</p> }.into_any(),
                        Block::List { lead, items } => view! {
                            <p>{spans(lead.into(), flagged)}</p>
                            <ul>
                                {items.into_iter().map(|item| view! { <li>{spans(item.into(), flagged)}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                    })
                    .collect_view()
            }}
        </div>
    }
    .into_any()
}

fn spans(paragraph: Signal<Paragraph>, flagged: Signal<Vec<String>>) -> AnyView {
    (move || {
        let flagged = flagged.get();
        paragraph
            .get()
            .0
            .into_iter()
            .map(|span| match span {
                Span::Text(text) => marked(text, &flagged),
                Span::Gap(question) => {
                    view! { <mark class="gap">"[" {question} "]"</mark> }.into_any()
                }
            })
            .collect_view()
    })
    .into_any()
}

/// Text with each flagged phrase wrapped in a highlight that a screen
/// reader announces. The text stays text: only Candor's own marks are added.
fn marked(text: String, flagged: &[String]) -> AnyView {
    let pieces = notice::split_flagged(&text, flagged);
    if pieces.len() == 1 && !pieces[0].1 {
        return text.into_any();
    }
    pieces
        .into_iter()
        .map(|(piece, hit)| {
            if hit {
                view! {
                    <mark class="finding">{piece}<span class="visually-hidden">" (flagged by the candor check)"</span></mark>
                }
                .into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// The id of each form's radio button.
fn form_id(form: Form) -> &'static str {
    match form {
        Form::Email => "form-email",
        Form::Markdown => "form-markdown",
        Form::Html => "form-html",
        Form::Short => "form-short",
        Form::FollowUp => "form-follow-up",
    }
}

/// The copy buttons for a form: (button label, what is copied, how).
fn copies(form: Form, forms: &Forms) -> Vec<(&'static str, &'static str, Payload)> {
    match form {
        Form::Email => vec![
            (
                "Copy the subject",
                "the subject",
                Payload::Plain(forms.email.subject.clone()),
            ),
            (
                "Copy the e-mail body",
                "the e-mail body",
                Payload::Plain(forms.email.body.clone()),
            ),
        ],
        Form::Markdown => vec![(
            "Copy the Markdown",
            "the Markdown",
            Payload::Plain(forms.markdown.clone()),
        )],
        Form::Html => vec![(
            "Copy as rich text",
            "the notice as rich text",
            Payload::Rich {
                html: forms.html.clone(),
                plain: forms.email.body.clone(),
            },
        )],
        Form::Short => vec![(
            "Copy the short post",
            "the short post",
            Payload::Plain(forms.short_post.clone()),
        )],
        Form::FollowUp => vec![(
            "Copy the follow-up report",
            "the follow-up report",
            Payload::Plain(forms.follow_up.to_text()),
        )],
    }
}

#[derive(Clone)]
enum Payload {
    Plain(String),
    /// Rich text for e-mail clients, with a plain-text alternative.
    Rich {
        html: String,
        plain: String,
    },
}

impl Payload {
    fn counted(&self) -> &str {
        match self {
            Payload::Plain(text) => text,
            Payload::Rich { plain, .. } => plain,
        }
    }
}

/// Copies, then says what happened; where the browser refuses, selects the
/// text and names the keys instead.
fn copy(what: &'static str, payload: Payload, status: RwSignal<String>) {
    leptos::task::spawn_local(async move {
        let result = match &payload {
            Payload::Plain(text) => clipboard::copy_text(text).await,
            Payload::Rich { html, plain } => clipboard::copy_rich(html, plain).await,
        };
        match result {
            Ok(()) => status.set(copy::copied(what, payload.counted())),
            Err(why) => {
                clipboard::select_all("notice-text");
                status.set(copy::not_copied(what, &why.to_string(), "in the box above"));
            }
        }
    });
}

/// The findings the check step shows. While the step is open the preview,
/// which is in the start module, marks their words through `flagged`.
fn findings(parts: CheckParts) -> Memo<Vec<Finding>> {
    let CheckParts {
        draft,
        flagged,
        arrived,
        ..
    } = parts;
    let findings = Memo::new(move |_| {
        arrived.0.track();
        draft.with(|d| crate::candor::review(d, zones(), crate::ui::now()))
    });
    Effect::new(move |_| {
        let words = findings.with(|all| {
            all.iter()
                .filter(|f| !f.excerpt.trim().is_empty())
                .map(|f| f.excerpt.clone())
                .collect::<Vec<_>>()
        });
        flagged.set(words);
    });
    on_cleanup(move || {
        flagged.try_set(Vec::new());
    });
    findings
}

/// "Check your notice": every answer with a Change link, then the notice in
/// each of its forms.
pub fn check_step(parts: CheckParts) -> AnyView {
    let CheckParts {
        draft, go, notice, ..
    } = parts;
    let findings = findings(parts);
    let forms = Memo::new(move |_| draft.with(|d| notice::forms(d, zones())));
    let form = RwSignal::new(Form::Email);
    let copy_status = RwSignal::new(String::new());
    let gaps = move || notice.with(|n| n.gaps().len());
    view! {
        <p class="lede">
            {move || match gaps() {
                0 => "Every question has an answer. Read the notice once more as a customer would, then copy it.".to_string(),
                1 => "One answer is still missing: it is marked in the notice below.".to_string(),
                n => format!("{n} answers are still missing: they are marked in the notice below."),
            }}
        </p>
        {findings_section(draft, go, findings)}
        <h2>"Your answers"</h2>
        <dl class="answers">
            {Step::ALL
                .into_iter()
                .filter(|s| *s != Step::Check)
                .map(|step| {
                    view! {
                        <div class="answer">
                            <dt>{step.title()}</dt>
                            <dd>
                                {move || {
                                    draft
                                        .with(|d| answers(step, d, zones()))
                                        .into_iter()
                                        .map(|line| view! { <p>{line}</p> })
                                        .collect_view()
                                }}
                            </dd>
                            <dd class="change">
                                {named_button("link", "Change", format!(" {}", step.title().to_ascii_lowercase()), Box::new(move || go.run(step)))}
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
        <h2>"The notice"</h2>
        {choices(
            "choices-list inline",
            "Show the notice as",
            None,
            "form".into(),
            Form::ALL.iter().map(|f| (form_id(*f).to_string(), f.label().into())).collect(),
            std::sync::Arc::new(move || form.get() as usize),
            std::sync::Arc::new(move |i: usize| form.set(Form::ALL[i])),
        )}
        <label for="notice-text" class="visually-hidden">"The notice, as text to copy"</label>
        <textarea
            id="notice-text"
            class="notice-text"
            readonly
            rows="18"
            prop:value=move || forms.with(|f| form.get().text(f))
        ></textarea>
        <p class="hint">
            {move || forms.with(|f| format!("{} characters", copy::grouped(form.get().text(f).chars().count())))}
        </p>
        <div class="copy-buttons">
            {move || {
                forms
                    .with(|f| copies(form.get(), f))
                    .into_iter()
                    .map(|(label, what, payload)| {
                        view! {
                            <button type="button" class="primary" on:click=on_click(move |_| copy(what, payload.clone(), copy_status))>
                                {label}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
        <p id="copy-status" class="copy-status" role="status" aria-live="polite">{move || copy_status.get()}</p>
        {readers_link(draft, form)}
        {share_link(draft)}
    }
    .into_any()
}

/// The candor check's findings, most serious first, each with why it
/// matters, a concrete fix, a way to the answer, and a way to dismiss it.
fn findings_section(
    draft: RwSignal<Draft>,
    go: Callback<Step>,
    findings: Memo<Vec<Finding>>,
) -> AnyView {
    let dismissed = move || draft.with(|d| d.dismissed_findings.len());
    let groups = [
        (Severity::Serious, "Fix before you send"),
        (Severity::Warning, "Readers may distrust these"),
        (Severity::Advice, "Worth a second look"),
    ];
    view! {
        <section class="findings" aria-labelledby="findings-title">
            <h2 id="findings-title">"What a reader will miss or distrust"</h2>
            {move || findings.with(|all| all.is_empty()).then(|| view! {
                <p class="clean">"The candor check found nothing a reader would miss or distrust."</p>
            })}
            {groups.into_iter().map(|(severity, heading)| view! {
                {move || {
                    let items: Vec<Finding> = findings.with(|all| all.iter().filter(|f| f.severity == severity).cloned().collect());
                    (!items.is_empty()).then(|| view! {
                        <h3 class=format!("severity {}", severity.name())>{format!("{heading} ({})", items.len())}</h3>
                        <ul class="finding-list">
                            {items.into_iter().map(|f| {
                                let key = f.dismissal_key();
                                let step = step_for(f.location.field);
                                view! {
                                    <li class="finding-item">
                                        <p class="finding-message"><strong>{f.message.clone()}</strong></p>
                                        <p>{f.why.clone()}</p>
                                        <p>"Try this: " {f.suggestion.clone()}</p>
                                        {f.is_about_the_draft().then(|| view! {
                                            <div class="finding-buttons">
                                                {button("secondary", format!("Go to “{}”", step.title()).into(), Box::new(move || go.run(step)))}
                                                {button("secondary", "Dismiss for this draft".into(), Box::new(move || {
                                                    let key = key.clone();
                                                    draft.update(|d| if !d.dismissed_findings.contains(&key) { d.dismissed_findings.push(key) });
                                                }))}
                                            </div>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })
                }}
            }).collect_view()}
            {move || (dismissed() > 0).then(|| view! {
                <p class="hint">
                    {move || match dismissed() { 1 => "You dismissed 1 finding for this draft. ".to_string(), n => format!("You dismissed {n} findings for this draft. ") }}
                    {button("link", "Show them again".into(), Box::new(move || draft.update(|d| d.dismissed_findings.clear())))}
                </p>
            })}
        </section>
    }
    .into_any()
}

/// "Copy a link for readers": a link to the reader's page that carries the
/// notice in the form shown, for the author to send to customers.
fn readers_link(draft: RwSignal<Draft>, form: RwSignal<Form>) -> AnyView {
    let location = window().location();
    let page = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        crate::share::readers_page(&location.pathname().unwrap_or_default())
    );
    let link = Memo::new(move |_| {
        let fragment = draft.with(|d| crate::share::encode_for_readers(d, form.get()));
        format!("{page}#{fragment}")
    });
    let status = RwSignal::new(String::new());
    view! {
        <section class="share" aria-labelledby="readers-title">
            <h2 id="readers-title">"Send the notice to readers as a link"</h2>
            <p class="hint">
                "The link opens the notice as shown above, on a page of its own with no editor, "
                "and shows every time first in the reader's own time zone, then in yours. "
                "Like the review link, the notice travels inside the link and reaches no server; "
                "your dismissed findings stay with you."
            </p>
            <label for="readers-link">"Link for readers"</label>
            <input id="readers-link" type="text" readonly prop:value=move || link.get() aria-describedby="readers-size" />
            <p id="readers-size" class="hint" class:problem=move || link.with(|l| copy::link_is_long(l.chars().count()))>
                {move || link.with(|l| copy::link_length(l.chars().count()))}
            </p>
            <div class="copy-buttons">
                {copy_link_button("Copy a link for readers", "the link for readers", "readers-link", link.into(), status)}
            </div>
            <p id="readers-status" class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
    .into_any()
}

/// A button that copies a link; when the clipboard refuses, the link is
/// selected in its box (`box_id`) and the status says how to copy it.
fn copy_link_button(
    label: &'static str,
    what: &'static str,
    box_id: &'static str,
    link: Signal<String>,
    status: RwSignal<String>,
) -> AnyView {
    button(
        "primary",
        label.into(),
        Box::new(move || {
            let text = link.get_untracked();
            leptos::task::spawn_local(async move {
                match clipboard::copy_text(&text).await {
                    Ok(()) => status.set(copy::copied(what, &text)),
                    Err(why) => {
                        if let Some(input) = document().get_element_by_id(box_id).and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok()
                        }) {
                            let _ = input.focus();
                            input.select();
                        }
                        status.set(copy::not_copied(what, &why.to_string(), "in the link box"));
                    }
                }
            });
        }),
    )
}

/// "Share this draft": a link that carries the whole draft after the `#`.
fn share_link(draft: RwSignal<Draft>) -> AnyView {
    let location = window().location();
    let address = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let address_chars = address.chars().count();
    // One encoding per change: the report carries the fragment it measured.
    let size = Memo::new(move |_| draft.with(crate::share::link_report));
    let link = Signal::derive(move || size.with(|s| format!("{address}#{}", s.fragment)));
    let status = RwSignal::new(String::new());
    let can_share = js_sys::Reflect::has(&js_sys::global(), &"navigator".into()).unwrap_or(false)
        && js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
            .ok()
            .map(|n| js_sys::Reflect::has(&n, &"share".into()).unwrap_or(false))
            .unwrap_or(false);
    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title">"Share this draft for review"</h2>
            <p class="hint">
                "The whole draft is inside the link, after the “#”. Browsers never send that part to a server, "
                "so the draft reaches no server, not even the one that serves Candor."
            </p>
            <label for="share-link">"Link to this draft"</label>
            <input id="share-link" type="text" readonly prop:value=move || link.get() aria-describedby="share-size" />
            <p id="share-size" class="hint" class:problem=move || size.with(|s| s.over_warning)>
                {move || size.with(|s| s.sentence(address_chars))}
            </p>
            <div class="copy-buttons">
                {copy_link_button("Copy the link", "the link", "share-link", link, status)}
                {can_share.then(|| view! {
                    {button("secondary", "Share with another app".into(), Box::new(move || {
                        let data = js_sys::Object::new();
                        let _ = js_sys::Reflect::set(&data, &"title".into(), &"Candor draft".into());
                        let _ = js_sys::Reflect::set(&data, &"url".into(), &link.get_untracked().into());
                        let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).unwrap_or_default();
                        if let Some(share) = js_sys::Reflect::get(&navigator, &"share".into())
                            .ok()
                            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
                        {
                            const DID_NOT: &str = "The browser did not share the link. Copy the link instead.";
                            match share.call1(&navigator, &data).map(js_sys::Promise::from) {
                                // The menu answers later; closing it is the person's choice, not a failure.
                                Ok(shared) => leptos::task::spawn_local(async move {
                                    if let Err(error) = wasm_bindgen_futures::JsFuture::from(shared).await {
                                        let name = js_sys::Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string());
                                        if name.as_deref() != Some("AbortError") {
                                            status.set(DID_NOT.into());
                                        }
                                    }
                                }),
                                Err(_) => status.set(DID_NOT.into()),
                            }
                        }
                    }))}
                })}
            </div>
            <p id="share-status" class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
    .into_any()
}
