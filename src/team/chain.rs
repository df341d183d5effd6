//! One file's versions along its history, each decoded once.
//!
//! A commit that changed a file is a step from one version of it to the
//! next. Each version is the newer side of one step and the older side of
//! another, so the versions are read once each, in the order the pack
//! stores them (a delta comes after its base, which was then decoded just
//! before and is in the pack cache, `pack_cache.rs`, pinned there until
//! the versions made from it are decoded), or newest first when they are
//! loose. A version is held until the steps it is a side of are
//! done; at most [`HELD`] are held, and one dropped early is read again
//! when its step comes.

use std::collections::HashMap;

use gix::ObjectId;

use super::pack_cache::Pins;
use super::versions::{Version, file_changes};
use crate::core::diff::FieldChange;

/// One commit's change of one file: (commit, file) and its blob before
/// and after (`None`: absent).
pub type Step = ((usize, usize), Option<ObjectId>, Option<ObjectId>);

/// The field changes of one file in one commit, by (commit, file).
pub type Found = ((usize, usize), Vec<FieldChange>);

/// How many versions are held waiting for the other side of a step
/// (about 15 MB of 2.4 MB files).
const HELD: usize = 6;

/// The field changes of one file (`name`) over its steps, in any order.
pub fn chain_changes(
    repo: &gix::Repository,
    pins: &Pins,
    name: &str,
    chain: &[Step],
    cut: bool,
) -> Result<Vec<Found>, String> {
    let id = name.trim_end_matches(".toml");
    let read = |oid: ObjectId| -> Result<Version, String> {
        let blob = repo.find_object(oid).map_err(|e| e.to_string())?;
        Ok(Version::new(blob.detach().data))
    };
    // the steps each version is a side of
    let mut uses: HashMap<ObjectId, Vec<usize>> = HashMap::new();
    let mut out = Vec::with_capacity(chain.len());
    for (i, &(at, before, after)) in chain.iter().enumerate() {
        if before.is_none() && after.is_none() {
            out.push((at, Vec::new()));
        }
        for oid in [before, after].into_iter().flatten() {
            uses.entry(oid).or_default().push(i);
        }
    }
    let mut left: HashMap<ObjectId, usize> = uses.iter().map(|(k, v)| (*k, v.len())).collect();
    let mut done = vec![false; chain.len()];
    // held versions, and the order they came in (the first goes first)
    let mut held: HashMap<ObjectId, Version> = HashMap::new();
    let mut came: Vec<ObjectId> = Vec::new();
    let mut seen: std::collections::HashSet<ObjectId> = Default::default();
    let order = read_order(repo, pins, chain);
    for oid in order {
        if let std::collections::hash_map::Entry::Vacant(e) = held.entry(oid) {
            e.insert(read(oid)?);
            came.push(oid);
        }
        seen.insert(oid);
        for &s in &uses[&oid] {
            if done[s] {
                continue;
            }
            let (at, before, after) = chain[s];
            let other = if before == Some(oid) { after } else { before };
            if let Some(o) = other
                && !held.contains_key(&o)
            {
                if !seen.contains(&o) {
                    // its turn has not come: the step waits for it
                    continue;
                }
                // dropped early: read again
                held.insert(o, read(o)?);
                came.push(o);
            }
            let found = match (before, after) {
                (Some(b), Some(a)) => {
                    let [Some(vb), Some(va)] = held.get_disjoint_mut([&b, &a]) else {
                        return Err(format!("{name}: a version went missing"));
                    };
                    file_changes(id, Some(vb), Some(va), cut)
                }
                (Some(b), None) => file_changes(id, held.get_mut(&b), None, cut),
                (None, Some(a)) => file_changes(id, None, held.get_mut(&a), cut),
                (None, None) => Vec::new(),
            };
            out.push((at, found));
            done[s] = true;
            for side in [before, after].into_iter().flatten() {
                let n = left.get_mut(&side).expect("counted");
                *n -= 1;
                if *n == 0 {
                    held.remove(&side);
                }
            }
        }
        // at most HELD wait; the first come go first
        came.retain(|k| held.contains_key(k));
        while held.len() > HELD {
            let first = came.remove(0);
            held.remove(&first);
        }
    }
    if let Ok(mut p) = pins.lock() {
        p.clear();
    }
    Ok(out)
}

/// Every version the steps need, once each, in the order to read them:
/// by where the pack stores them when they are all in packs, else
/// newest first (each step's newer side, then its older). For packed
/// versions, `pins` gets each one that another is a delta of, with how
/// many, so the cache keeps it until they are decoded.
fn read_order(repo: &gix::Repository, pins: &Pins, chain: &[Step]) -> Vec<ObjectId> {
    use gix::odb::pack::Find;
    use gix::odb::pack::data::{Entry, entry::Header};
    let mut order: Vec<ObjectId> = Vec::with_capacity(chain.len() + 1);
    let mut listed = std::collections::HashSet::new();
    for &(_, before, after) in chain {
        for oid in [after, before].into_iter().flatten() {
            if listed.insert(oid) {
                order.push(oid);
            }
        }
    }
    let mut buf = Vec::new();
    let mut places = Vec::with_capacity(order.len());
    for oid in &order {
        match repo.objects.location_by_oid(oid, &mut buf) {
            Ok(Some(at)) => places.push((at, *oid)),
            _ => return order,
        }
    }
    places.sort_unstable_by_key(|(at, _)| (at.pack_id, at.pack_offset));
    // each version's entry: where its data starts (the cache's key) and
    // its base, read from the entry's header (nothing inflated)
    let mut data_at: HashMap<(u32, u64), u64> = HashMap::new();
    let mut by_id: HashMap<ObjectId, (u32, u64)> = HashMap::new();
    let mut bases = Vec::new();
    for (at, oid) in &places {
        let Some(raw) = repo.objects.entry_by_location(at) else {
            continue;
        };
        let Ok(e) = Entry::from_bytes(&raw.data, at.pack_offset, repo.object_hash()) else {
            continue;
        };
        data_at.insert((at.pack_id, at.pack_offset), e.data_offset);
        by_id.insert(*oid, (at.pack_id, at.pack_offset));
        match e.header {
            Header::OfsDelta { base_distance } => {
                if let Some(base) = at.pack_offset.checked_sub(base_distance) {
                    bases.push((at.pack_id, base));
                }
            }
            Header::RefDelta { base_id } => bases.extend(by_id.get(&base_id).copied()),
            _ => {}
        }
    }
    if let Ok(mut p) = pins.lock() {
        p.clear();
        for (pack, base) in bases {
            // a base that is one of the versions read: its decoded text
            if let Some(&data) = data_at.get(&(pack, base)) {
                *p.entry((pack, data)).or_default() += 1;
            }
        }
    }
    places.into_iter().map(|(_, oid)| oid).collect()
}
