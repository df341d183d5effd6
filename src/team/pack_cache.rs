//! The objects a file's history is read from, decoded once each.
//!
//! In a packed repository git stores most versions of a file as a delta
//! against a neighbouring version, in chains up to 50 long. gix walks a
//! chain down to the first entry its pack cache holds, then applies the
//! deltas back up; without a cache every version undoes its whole chain
//! from the full base (50 versions of a 2.4 MB file: 50 deltas applied
//! for the deepest). `stride log` reads a file's versions in the order
//! the pack stores them (`log::pack_order`), where a delta's base comes
//! before it: keeping the last few decoded entries makes most versions
//! one delta.

use gix::odb::pack::cache::DecodeEntry;

/// How many decoded entries are kept (per thread's repository handle):
/// bases decoded a few objects before the delta that needs them (about
/// 20 MB of 2.4 MB files).
const KEPT: usize = 8;

struct Entry {
    pack_id: u32,
    offset: u64,
    kind: gix::object::Kind,
    compressed_size: usize,
    data: Vec<u8>,
}

/// The last [`KEPT`] entries gix decoded or asked for, most recent last.
#[derive(Default)]
pub struct LastDecoded {
    entries: Vec<Entry>,
}

impl DecodeEntry for LastDecoded {
    fn put(
        &mut self,
        pack_id: u32,
        offset: u64,
        data: &[u8],
        kind: gix::object::Kind,
        compressed_size: usize,
    ) {
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.pack_id == pack_id && e.offset == offset)
        {
            let e = self.entries.remove(i);
            self.entries.push(e);
            return;
        }
        // the oldest entry's buffer is reused for the new one
        let mut buf = if self.entries.len() >= KEPT {
            self.entries.remove(0).data
        } else {
            Vec::new()
        };
        buf.clear();
        buf.extend_from_slice(data);
        self.entries.push(Entry {
            pack_id,
            offset,
            kind,
            compressed_size,
            data: buf,
        });
    }

    fn get(
        &mut self,
        pack_id: u32,
        offset: u64,
        out: &mut Vec<u8>,
    ) -> Option<(gix::object::Kind, usize)> {
        let i = self
            .entries
            .iter()
            .rposition(|e| e.pack_id == pack_id && e.offset == offset)?;
        // a base of several deltas stays while it is used
        let e = self.entries.remove(i);
        self.entries.push(e);
        let e = self.entries.last()?;
        out.clear();
        out.extend_from_slice(&e.data);
        Some((e.kind, e.compressed_size))
    }
}

/// Opens the repository holding `dir` with a [`LastDecoded`] pack cache,
/// its packs kept mapped so that objects' places in them can be asked.
pub fn discover(dir: &std::path::Path) -> gix::Result<gix::Repository> {
    let mut repo = gix::discover(dir)?;
    repo.objects
        .set_pack_cache(|| Box::<LastDecoded>::default());
    // pack locations are asked for (the order a file's versions are read)
    repo.objects.prevent_pack_unload();
    Ok(repo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_entries_and_gives_them_back() {
        let mut c = LastDecoded::default();
        let mut out = Vec::new();
        assert_eq!(c.get(0, 10, &mut out), None);
        for i in 0..6u64 {
            c.put(0, i, &[i as u8; 3], gix::object::Kind::Blob, 7);
        }
        for i in 6..KEPT as u64 + 2 {
            c.put(0, i, &[i as u8; 3], gix::object::Kind::Blob, 7);
        }
        // the oldest two are gone
        assert_eq!(c.get(0, 1, &mut out), None);
        assert_eq!(c.get(0, 2, &mut out), Some((gix::object::Kind::Blob, 7)));
        assert_eq!(out, [2, 2, 2]);
        // another pack's entry at the same offset is another entry
        assert_eq!(c.get(1, 2, &mut out), None);
        // asking for an entry keeps it longer; so does putting it again
        assert!(c.get(0, 4, &mut out).is_some());
        c.put(0, 2, &[2; 3], gix::object::Kind::Blob, 7);
        c.put(0, 99, &[9; 1], gix::object::Kind::Blob, 1);
        assert!(c.get(0, 2, &mut out).is_some());
        assert_eq!(c.get(0, 3, &mut out), None);
        c.put(0, 100, &[9; 1], gix::object::Kind::Blob, 1);
        assert!(c.get(0, 4, &mut out).is_some(), "asked for, kept");
        assert_eq!(c.get(0, 5, &mut out), None);
    }
}
