//! What the author is told after copying: how much was copied, or why not
//! and what to do instead.

/// "1,204": digits grouped in threes, as English readers expect.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "Copied the e-mail body (1,204 characters)."
pub fn copied(what: &str, text: &str) -> String {
    let n = text.chars().count();
    let unit = if n == 1 { "character" } else { "characters" };
    format!("Copied {what} ({} {unit}).", grouped(n))
}

/// The fallback: the text is selected `where_selected` ("in the box
/// above"), and the keys that copy it are named.
pub fn not_copied(what: &str, why: &str, where_selected: &str) -> String {
    format!(
        "Candor could not copy {what}: {why}. The text is selected {where_selected}: \
         press Ctrl+C (Cmd+C on a Mac) to copy it."
    )
}

/// Whether a link of this many characters may be cut by chat and e-mail tools.
pub fn link_is_long(chars: usize) -> bool {
    chars > crate::share::WARN_CHARS
}

/// How long a link is, with a warning when chat and e-mail tools may cut it.
pub fn link_length(chars: usize) -> String {
    let limit = crate::share::WARN_CHARS;
    let mut out = format!("The link is {} characters long.", grouped(chars));
    if link_is_long(chars) {
        out.push_str(&format!(
            " Some e-mail and chat tools cut links longer than about {} characters, so check that it arrives whole.",
            grouped(limit)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_link_is_said_to_be_at_risk_of_being_cut() {
        assert_eq!(link_length(1_204), "The link is 1,204 characters long.");
        assert!(!link_is_long(2_000) && link_is_long(2_001));
        assert_eq!(
            link_length(2_001),
            "The link is 2,001 characters long. Some e-mail and chat tools cut links longer than about 2,000 characters, so check that it arrives whole."
        );
    }

    #[test]
    fn counts_are_grouped_in_threes() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_204), "1,204");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn messages_say_what_and_how_much() {
        assert_eq!(
            copied("the e-mail body", &"é".repeat(1_204)),
            "Copied the e-mail body (1,204 characters)."
        );
        assert_eq!(
            copied("the subject", "x"),
            "Copied the subject (1 character)."
        );
        assert_eq!(
            not_copied(
                "the short post",
                "the browser did not allow copying",
                "in the box above"
            ),
            "Candor could not copy the short post: the browser did not allow copying. \
             The text is selected in the box above: press Ctrl+C (Cmd+C on a Mac) to copy it."
        );
        assert!(not_copied("the link", "no clipboard", "in the link box")
            .contains("The text is selected in the link box: press Ctrl+C"));
    }
}
