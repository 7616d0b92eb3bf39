//! The live notice preview and the "Check your notice" step.

use leptos::prelude::*;

use crate::model::Draft;
use crate::notice::{self, copy, Block, Forms, Notice, Paragraph, Span};
use crate::steps::{answers, Step};
use crate::ui::clipboard;
use crate::ui::zones;

/// The notice as a reader will read it; gaps are marked so the author sees
/// what is still missing.
#[component]
pub fn NoticeView(#[prop(into)] notice: Signal<Notice>) -> impl IntoView {
    view! {
        <div class="notice">
            <p class="notice-subject">
                <span class="label">"Subject: "</span>
                <Spans paragraph=Signal::derive(move || notice.with(|n| n.subject.clone())) />
            </p>
            {move || {
                notice
                    .get()
                    .blocks
                    .into_iter()
                    .map(|block| match block {
                        Block::Paragraph(p) => view! { <p><Spans paragraph=p /></p> }.into_any(),
                        Block::List { lead, items } => view! {
                            <p><Spans paragraph=lead /></p>
                            <ul>
                                {items.into_iter().map(|item| view! { <li><Spans paragraph=item /></li> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                    })
                    .collect_view()
            }}
        </div>
    }
}

#[component]
fn Spans(#[prop(into)] paragraph: Signal<Paragraph>) -> impl IntoView {
    move || {
        paragraph
            .get()
            .0
            .into_iter()
            .map(|span| match span {
                Span::Text(text) => text.into_any(),
                Span::Gap(question) => {
                    view! { <mark class="gap">"[" {question} "]"</mark> }.into_any()
                }
            })
            .collect_view()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Email,
    Markdown,
    Html,
    Short,
    FollowUp,
}

impl Form {
    const ALL: [Form; 5] = [
        Form::Email,
        Form::Markdown,
        Form::Html,
        Form::Short,
        Form::FollowUp,
    ];

    fn label(self) -> &'static str {
        match self {
            Form::Email => "E-mail (plain text)",
            Form::Markdown => "Markdown (status pages, issue trackers)",
            Form::Html => "HTML (rich e-mail)",
            Form::Short => "Short post (280 characters)",
            Form::FollowUp => "Follow-up report (after a serious incident)",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Form::Email => "form-email",
            Form::Markdown => "form-markdown",
            Form::Html => "form-html",
            Form::Short => "form-short",
            Form::FollowUp => "form-follow-up",
        }
    }

    /// The copy buttons for this form: (button label, what is copied, how).
    fn copies(self, forms: &Forms) -> Vec<(&'static str, &'static str, Payload)> {
        match self {
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

    fn text(self, forms: &Forms) -> String {
        match self {
            Form::Email => forms.email.to_text(),
            Form::Markdown => forms.markdown.clone(),
            Form::Html => forms.html.clone(),
            Form::Short => forms.short_post.clone(),
            Form::FollowUp => forms.follow_up.to_text(),
        }
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
                status.set(copy::not_copied(what, &why.to_string()));
            }
        }
    });
}

/// "Check your notice": every answer with a Change link, then the notice in
/// each of its forms.
#[component]
pub fn CheckStep(draft: RwSignal<Draft>, go: Callback<Step>) -> impl IntoView {
    let forms = Memo::new(move |_| draft.with(|d| notice::forms(d, zones())));
    let form = RwSignal::new(Form::Email);
    let copy_status = RwSignal::new(String::new());
    let gaps = Memo::new(move |_| draft.with(|d| notice::compose(d, zones()).gaps().len()));
    view! {
        <p class="lede">
            {move || match gaps.get() {
                0 => "Every question has an answer. Read the notice once more as a customer would, then copy it.".to_string(),
                1 => "One answer is still missing: it is marked in the notice below.".to_string(),
                n => format!("{n} answers are still missing: they are marked in the notice below."),
            }}
        </p>
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
                                <button type="button" class="link" on:click=move |_| go.run(step)>
                                    "Change" <span class="visually-hidden">{format!(" {}", step.title().to_lowercase())}</span>
                                </button>
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
        <h2>"The notice"</h2>
        <fieldset class="choices-list inline">
            <legend>"Show the notice as"</legend>
            {Form::ALL
                .into_iter()
                .map(|f| {
                    view! {
                        <div class="check-box">
                            <input type="radio" name="form" id=f.id()
                                prop:checked=move || form.get() == f
                                on:change=move |_| form.set(f) />
                            <label for=f.id()>{f.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
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
                    .with(|f| form.get().copies(f))
                    .into_iter()
                    .map(|(label, what, payload)| {
                        view! {
                            <button type="button" class="primary" on:click=move |_| copy(what, payload.clone(), copy_status)>
                                {label}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </div>
        <p class="copy-status" role="status" aria-live="polite">{move || copy_status.get()}</p>
    }
}
