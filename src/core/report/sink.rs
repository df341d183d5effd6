//! Where a report's text goes: kept whole as a `String` (the TUI's files,
//! `report -o`), or written out to a writer a part at a time as it is
//! rendered (`stride report` to standard output), so that the text of a
//! report of 100,000 milestones is never in memory at once.

use std::io::{self, Write};

use super::data::ObjectiveReport;

/// The whole section of each objective of a report made without its
/// milestones, by its place in `objectives` ([`super::Outline::objective`]).
pub type Sections<'s, 'a> = &'s dyn Fn(usize) -> ObjectiveReport<'a>;

/// How much text is gathered before it is written out.
const PART: usize = 64 * 1024;

/// The writer a rendering goes to, if any, and its first error.
pub(super) struct Sink<'w> {
    to: Option<&'w mut dyn Write>,
    error: Option<io::Error>,
}

impl<'w> Sink<'w> {
    /// Keeps the whole text: [`Sink::finish`] returns it.
    pub(super) fn string() -> Self {
        Sink {
            to: None,
            error: None,
        }
    }

    /// Writes the text out to `to` as it is rendered.
    pub(super) fn writer(to: &'w mut dyn Write) -> Self {
        Sink {
            to: Some(to),
            error: None,
        }
    }

    /// Writes out the text gathered in `out` once there is enough of it,
    /// and empties `out`; nothing when the whole text is kept.
    pub(super) fn part(&mut self, out: &mut String) {
        if out.len() >= PART {
            self.spill(out);
        }
    }

    fn spill(&mut self, out: &mut String) {
        if let Some(to) = self.to.as_mut() {
            // after an error, nothing more is written
            if self.error.is_none()
                && let Err(e) = to.write_all(out.as_bytes())
            {
                self.error = Some(e);
            }
            out.clear();
        }
    }

    /// Writes out the rest: the whole text when it is kept (empty when
    /// it went to a writer), or the writer's first error.
    pub(super) fn finish(mut self, mut out: String) -> io::Result<String> {
        self.spill(&mut out);
        match self.error {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that refuses every write.
    struct Refuses;

    impl Write for Refuses {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Parts go out once large, in order, and the rest at the end; kept
    /// whole, nothing is written early; a writer's error is returned.
    #[test]
    fn parts_are_written_in_order_and_the_rest_at_the_end() {
        let big = "界".repeat(PART / 3 + 1);
        let mut written = Vec::new();
        let mut sink = Sink::writer(&mut written);
        let mut out = String::from("a");
        sink.part(&mut out);
        assert_eq!(out, "a", "a small part waits");
        out.push_str(&big);
        sink.part(&mut out);
        assert!(out.is_empty());
        out.push('z');
        assert_eq!(sink.finish(out).unwrap(), "");
        assert_eq!(String::from_utf8(written).unwrap(), format!("a{big}z"));

        let mut sink = Sink::string();
        let mut out = big.clone();
        sink.part(&mut out);
        assert_eq!(sink.finish(out).unwrap(), big);

        let mut refuses = Refuses;
        let mut sink = Sink::writer(&mut refuses);
        let mut out = big.clone();
        sink.part(&mut out);
        let e = sink.finish(String::from("more")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }
}
