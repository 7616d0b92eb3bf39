//! The plain-text e-mail: a subject line and a body of short paragraphs.

use super::{Block, Notice};

/// A plain-text e-mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub body: String,
}

impl Email {
    /// Subject and body as one text, the way a person pastes it into a mail client.
    pub fn to_text(&self) -> String {
        format!("Subject: {}\n\n{}", self.subject, self.body)
    }
}

pub fn email(notice: &Notice) -> Email {
    let mut body = String::new();
    for block in &notice.blocks {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        match block {
            Block::Paragraph(p) => body.push_str(&p.plain()),
            Block::List { lead, items } => {
                body.push_str(&lead.plain());
                for item in items {
                    body.push_str("\n- ");
                    body.push_str(&item.plain());
                }
            }
        }
    }
    body.push('\n');
    Email {
        subject: notice.subject.plain(),
        body,
    }
}
