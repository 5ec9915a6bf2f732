//! Title keys: how headings, quality statement titles and rating words are compared.
//!
//! A key is the lowercase words of letters and digits of a text, joined by single spaces;
//! punctuation, markdown and the kind of apostrophe are dropped (`People’s  experiences` and
//! `people's experiences` both have the key `peoples experiences`).

/// The longest text read as a title: room for the longest quality statement title (45
/// characters) with markdown, bullets, curly quotes and spacing around it.
pub(crate) const MAX_TITLE_TEXT: usize = 160;

/// The matching key of a title: lowercase words of letters and digits, joined by single spaces.
/// Punctuation, markdown and the kind of apostrophe are dropped.
pub(crate) fn title_key(title: &str) -> String {
    if title.is_ascii() {
        // Every byte of the key stands for one byte of the title, so the key fits.
        let mut key = vec![0; title.len()];
        let len = ascii_key_into(title.as_bytes(), &mut key).unwrap_or(0);
        key.truncate(len);
        // ASCII in, ASCII out.
        return String::from_utf8(key).unwrap_or_default();
    }
    unicode_title_key(title)
}

/// [`title_key`] of any text, a character at a time.
fn unicode_title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for word in title
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                key.extend(c.to_lowercase());
            }
        }
    }
    key
}

/// Longer than the key of any title or alias (a test checks).
const MAX_KEY: usize = 64;

/// Calls `f` with the [`title_key`] of `text`, or returns `None` at once when the key is longer
/// than any title's. Every short line of a report is asked whether it is a title or a rating:
/// ASCII text (nearly all of it) is keyed on the stack.
pub(crate) fn with_title_key<R>(text: &str, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    if text.is_ascii() {
        let mut buf = [0; MAX_KEY];
        ascii_title_key(text.as_bytes(), &mut buf).map(f)
    } else {
        let key = title_key(text);
        (key.len() < MAX_KEY).then(|| f(key.as_bytes()))
    }
}

/// [`title_key`] of a line of at most `buf.len()` bytes, kept on the stack when the line is
/// ASCII (a key is never longer than its text).
pub(crate) fn short_title_key<'b>(
    text: &str,
    buf: &'b mut [u8; MAX_TITLE_TEXT],
) -> std::borrow::Cow<'b, str> {
    if text.is_ascii() {
        if let Some(len) = ascii_key_into(text.as_bytes(), buf) {
            if let Some(key) = buf.get(..len).and_then(|k| std::str::from_utf8(k).ok()) {
                return std::borrow::Cow::Borrowed(key);
            }
        }
    }
    std::borrow::Cow::Owned(title_key(text))
}

/// [`title_key`] of ASCII text, written into `buf`; `None` when the key would not fit (so it is
/// no title's).
fn ascii_title_key<'b>(title: &[u8], buf: &'b mut [u8; MAX_KEY]) -> Option<&'b [u8]> {
    let len = ascii_key_into(title, buf)?;
    buf.get(..len)
}

/// Writes the [`title_key`] of ASCII text into `buf` and returns its length; `None` when `buf`
/// is too short (it never is when as long as `title`).
fn ascii_key_into(title: &[u8], buf: &mut [u8]) -> Option<usize> {
    let mut len = 0;
    let mut pending_space = false;
    for &b in title {
        if b.is_ascii_alphanumeric() {
            if pending_space && len > 0 {
                *buf.get_mut(len)? = b' ';
                len += 1;
            }
            pending_space = false;
            *buf.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        } else if b != b'\'' {
            // Apostrophes join a word's letters; anything else ends the word.
            pending_space = true;
        }
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QualityStatement;

    #[test]
    fn every_title_key_fits_the_stack_buffer() {
        for qs in QualityStatement::ALL {
            assert!(title_key(qs.title()).len() < MAX_KEY, "{qs:?}");
        }
    }

    /// The byte-by-byte keys agree with the character-by-character ones.
    fn check_ascii_keys(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut buf = [0; MAX_KEY];
        let expected = unicode_title_key(s);
        proptest::prop_assert_eq!(&title_key(s), &expected);
        match ascii_title_key(s.as_bytes(), &mut buf) {
            Some(k) => proptest::prop_assert_eq!(k, expected.as_bytes()),
            None => proptest::prop_assert!(expected.len() >= MAX_KEY),
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn ascii_keys_are_title_keys(s in "[ -~]{0,80}") {
            check_ascii_keys(&s)?;
        }

        #[test]
        fn ascii_keys_of_title_like_text(
            words in proptest::collection::vec("('|,|-|\\*\\*)?[A-Za-z0-9]{1,9}('s|'|,|:|\\.)?", 0..8)
        ) {
            check_ascii_keys(&words.join(" "))?;
        }
    }

    #[test]
    fn title_key_ignores_apostrophe_kind() {
        assert_eq!(
            title_key("People\u{2019}s  experiences"),
            title_key("people's experiences")
        );
        assert_eq!(
            title_key("Summary of people's experiences"),
            "summary of peoples experiences"
        );
    }
}
