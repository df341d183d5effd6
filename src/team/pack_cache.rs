//! The objects a file's history is read from, decoded once each.
//!
//! In a packed repository git stores most versions of a file as a delta
//! against a neighbouring version, in chains up to 50 long. gix walks a
//! chain down to the first entry its pack cache holds, then applies the
//! deltas back up; without a cache every version undoes its whole chain
//! from the full base (50 versions of a 2.4 MB file: 50 deltas applied
//! for the deepest). `stride log` reads a file's versions in the order
//! the pack stores them (`chain.rs`), where a delta's base comes before
//! it, and pins each version that a later one is a delta of (the entries'
//! headers say which) until that one is decoded: each version is then one
//! delta from its base. The last few entries are kept too.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use gix::odb::pack::cache::DecodeEntry;

/// Entries that later decodes use as their delta base, by (pack, data
/// offset), with how many times each is still needed: the cache keeps
/// them until then, whatever the LRU says (`chain.rs` fills it for the
/// file it reads).
pub type Pins = Arc<Mutex<HashMap<(u32, u64), u32>>>;

/// At most this many bytes are kept for pinned entries (per cache).
const PINNED_BYTES: usize = 32 << 20;

/// How many decoded entries are kept besides the pinned ones (per
/// thread's repository handle): what was just decoded, for a chain that
/// passes through it.
const KEPT: usize = 3;

struct Entry {
    pack_id: u32,
    offset: u64,
    kind: gix::object::Kind,
    compressed_size: usize,
    data: Vec<u8>,
}

/// The last [`KEPT`] entries gix decoded or asked for, most recent last,
/// and the pinned entries until their last use.
#[derive(Default)]
pub struct LastDecoded {
    entries: Vec<Entry>,
    pinned: HashMap<(u32, u64), Entry>,
    pinned_bytes: usize,
    pins: Pins,
}

impl LastDecoded {
    fn with(pins: Pins) -> Self {
        LastDecoded {
            pins,
            ..LastDecoded::default()
        }
    }

    /// Whether `key` is still needed as a base; `used` counts one use.
    fn needed(&self, key: (u32, u64), used: bool) -> bool {
        let Ok(mut pins) = self.pins.lock() else {
            return false;
        };
        let Some(n) = pins.get_mut(&key) else {
            return false;
        };
        if used {
            *n = n.saturating_sub(1);
        }
        if *n == 0 {
            pins.remove(&key);
            return false;
        }
        true
    }
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
        let key = (pack_id, offset);
        if self.pinned.contains_key(&key) {
            return;
        }
        if self.pinned_bytes + data.len() <= PINNED_BYTES && self.needed(key, false) {
            self.pinned_bytes += data.len();
            self.pinned.insert(
                key,
                Entry {
                    pack_id,
                    offset,
                    kind,
                    compressed_size,
                    data: data.to_vec(),
                },
            );
            return;
        }
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
        let key = (pack_id, offset);
        if let Some(e) = self.pinned.get(&key) {
            out.clear();
            out.extend_from_slice(&e.data);
            let found = (e.kind, e.compressed_size);
            if !self.needed(key, true)
                && let Some(e) = self.pinned.remove(&key)
            {
                self.pinned_bytes -= e.data.len();
            }
            return Some(found);
        }
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
/// its packs kept mapped so that objects' places in them can be asked,
/// and the cache's [`Pins`].
pub fn discover(dir: &std::path::Path) -> gix::Result<(gix::Repository, Pins)> {
    let mut repo = gix::discover(dir)?;
    let pins = Pins::default();
    let shared = pins.clone();
    repo.objects
        .set_pack_cache(move || Box::new(LastDecoded::with(shared.clone())));
    // pack locations are asked for (the order a file's versions are read)
    repo.objects.prevent_pack_unload();
    Ok((repo, pins))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_entries_and_gives_them_back() {
        let mut c = LastDecoded::default();
        let mut out = Vec::new();
        assert_eq!(c.get(0, 10, &mut out), None);
        let n = KEPT as u64;
        for i in 0..n + 2 {
            c.put(0, i, &[i as u8; 3], gix::object::Kind::Blob, 7);
        }
        // the oldest two are gone, the last KEPT are there
        assert_eq!(c.get(0, 1, &mut out), None);
        assert_eq!(c.get(0, 2, &mut out), Some((gix::object::Kind::Blob, 7)));
        assert_eq!(out, [2, 2, 2]);
        for i in 3..n + 2 {
            assert!(c.get(0, i, &mut out).is_some(), "{i}");
        }
        // another pack's entry at the same offset is another entry
        assert_eq!(c.get(1, 2, &mut out), None);
        // asked for last: 2 is now the least recent, and goes first
        c.put(0, 99, &[9; 1], gix::object::Kind::Blob, 1);
        assert_eq!(c.get(0, 2, &mut out), None);
        // asking for an entry keeps it longer; so does putting it again
        assert!(c.get(0, 3, &mut out).is_some());
        c.put(0, 100, &[9; 1], gix::object::Kind::Blob, 1);
        assert!(c.get(0, 3, &mut out).is_some(), "asked for, kept");
        c.put(0, 99, &[9; 1], gix::object::Kind::Blob, 1);
        c.put(0, 101, &[9; 1], gix::object::Kind::Blob, 1);
        assert!(c.get(0, 99, &mut out).is_some(), "put again, kept");
    }

    #[test]
    fn a_pinned_entry_stays_until_its_last_use() {
        let pins = Pins::default();
        pins.lock().unwrap().insert((0, 1), 2);
        let mut c = LastDecoded::with(pins.clone());
        let mut out = Vec::new();
        c.put(0, 1, &[1; 4], gix::object::Kind::Blob, 3);
        // more than the LRU holds come after it
        for i in 10..10 + 2 * KEPT as u64 {
            c.put(0, i, &[2; 4], gix::object::Kind::Blob, 3);
        }
        assert_eq!(c.get(0, 1, &mut out), Some((gix::object::Kind::Blob, 3)));
        assert_eq!(out, [1; 4]);
        assert!(c.get(0, 1, &mut out).is_some(), "needed twice");
        // used up: gone, and no longer pinned
        assert_eq!(c.get(0, 1, &mut out), None);
        assert!(pins.lock().unwrap().is_empty());
        assert_eq!(c.pinned_bytes, 0);
    }
}
