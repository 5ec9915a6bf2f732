//! Lines and columns of byte offsets, for warnings and errors that point into a text (or a saved
//! page's HTML).

use crate::model::Location;

/// Line and column of byte offsets in a text, asked for in any order: one pass over the text
/// for offsets asked for in increasing order (the column counted on from the last offset, not
/// from the line's start, so a text in one long line is read once), a restart from the top for
/// one before the last.
pub(crate) struct Locations<'a> {
    text: &'a str,
    /// The last offset located and its line and column.
    at: Location,
}

impl<'a> Locations<'a> {
    pub(crate) fn new(text: &'a str) -> Locations<'a> {
        Locations {
            text,
            at: Location {
                line: 1,
                column: 1,
                offset: 0,
            },
        }
    }

    /// The location of a byte offset (clamped to the text, and back to a character boundary).
    pub(crate) fn at(&mut self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at.offset {
            self.at = Location {
                line: 1,
                column: 1,
                offset: 0,
            };
        }
        let between = &self.text[self.at.offset..offset];
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(last) => {
                self.at.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.at.column = between[last + 1..].chars().count() + 1;
            }
            None => self.at.column += between.chars().count(),
        }
        self.at.offset = offset;
        self.at
    }

    /// The location of a byte offset; `None` past the end or inside a character.
    pub(crate) fn get(&mut self, offset: usize) -> Option<Location> {
        self.text.is_char_boundary(offset).then(|| self.at(offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_found_in_any_order() {
        let html = "ab\ncd\u{e9}f\ng";
        let mut l = Locations::new(html);
        let at = |l: &mut Locations<'_>, o| {
            let x = l.at(o);
            (x.line, x.column)
        };
        assert_eq!(at(&mut l, 4), (2, 2));
        assert_eq!(at(&mut l, 8), (2, 5));
        assert_eq!(at(&mut l, 9), (3, 1));
        assert_eq!(at(&mut l, 1), (1, 2));
        assert_eq!(at(&mut l, 6), (2, 3), "back to the start of the é");
        assert_eq!(at(&mut l, 99), (3, 2));
    }
}
