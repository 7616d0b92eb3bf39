//! The Markdown form, for status pages and issue trackers. User text is
//! escaped so that an asterisk or a bracket the author typed stays a
//! character, and never becomes a link or emphasis.

use super::{Block, Notice, Paragraph, Span};

pub fn markdown(notice: &Notice) -> String {
    let mut out = format!("## {}\n", inline(&notice.subject));
    for block in &notice.blocks {
        out.push('\n');
        match block {
            Block::Paragraph(p) => {
                out.push_str(&inline(p));
                out.push('\n');
            }
            Block::List { lead, items } => {
                out.push_str(&inline(lead));
                out.push_str("\n\n");
                for item in items {
                    out.push_str("- ");
                    out.push_str(&inline(item));
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn inline(p: &Paragraph) -> String {
    let out = spans(p);
    // A paragraph that starts like a list item ("- ", "1. ") must stay a paragraph.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if out.starts_with(['-', '+', '#']) {
        format!("\\{out}")
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &out[..digits], &out[digits..])
    } else {
        out
    }
}

fn spans(p: &Paragraph) -> String {
    let mut out = String::new();
    for span in &p.0 {
        match span {
            Span::Text(text) => out.push_str(&escape(text)),
            Span::Gap(question) => {
                out.push_str("**\\[");
                out.push_str(&escape(question));
                out.push_str("\\]**");
            }
        }
    }
    out
}

/// Backslash-escapes every character CommonMark could read as inline markup
/// (line starts are handled in `inline`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Brackets are escaped, so parentheses can never complete a link.
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
