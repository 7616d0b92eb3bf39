//! The HTML form of the notice, for rich e-mail. Every piece of text passes
//! through `escape` here; nothing else in Candor writes markup.

use super::{Block, Notice, Paragraph, Span};

/// The notice body as an HTML fragment for a rich e-mail (the subject goes
/// in the e-mail's subject line, not the body).
pub fn html(notice: &Notice) -> String {
    let mut out = String::new();
    for block in &notice.blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&paragraph(p)),
            Block::List { lead, items } => {
                out.push_str(&paragraph(lead));
                out.push_str("<ul>");
                for item in items {
                    out.push_str("<li>");
                    out.push_str(&spans(item));
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
        }
        out.push('\n');
    }
    out
}

/// Escapes text for use in HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One paragraph as `<p>…</p>`; a gap is marked so a reader of the draft sees it.
pub fn paragraph(p: &Paragraph) -> String {
    format!("<p>{}</p>", spans(p))
}

fn spans(p: &Paragraph) -> String {
    let mut out = String::new();
    for span in &p.0 {
        match span {
            Span::Text(text) => out.push_str(&escape(text)),
            Span::Gap(question) => {
                out.push_str("<mark>[");
                out.push_str(&escape(question));
                out.push_str("]</mark>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Draft;
    use crate::notice::opening;

    fn opening_html(what: &str) -> String {
        paragraph(&opening(&Draft {
            what_happened: what.to_string(),
            ..Draft::default()
        }))
    }

    #[test]
    fn hostile_text_is_shown_literally() {
        assert_eq!(
            opening_html("<script>alert(\"x\")</script>"),
            "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;.</p>"
        );
        assert_eq!(
            opening_html("it's <b>bold</b> & <img src=x onerror='alert(1)'>"),
            "<p>It&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=&#39;alert(1)&#39;&gt;.</p>"
        );
    }

    #[test]
    fn gap_is_marked() {
        assert_eq!(opening_html(""), "<p><mark>[what happened?]</mark></p>");
    }
}
