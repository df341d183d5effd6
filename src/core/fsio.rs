//! The file system, as everything that writes uses it: replacing a file
//! atomically (new or existing), the per-file lock, the [`Disk`] through
//! which tests inject faults, cleaning up the temporaries of killed writes,
//! and the fingerprint that tells a file changed on disk. A leaf: it knows
//! nothing of the model.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A step of an atomic write, for faults injected by tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    CreateTemp,
    Write,
    Fsync,
    Rename,
}

/// The file system as atomic writes use it. [`RealDisk`] is the real one; tests
/// put faults in (a full disk, a failed fsync) through [`Disk::before`].
pub trait Disk: Send + Sync {
    /// Called before each step of a write; an error stops the write there.
    fn before(&self, _step: Step, _path: &Path) -> io::Result<()> {
        Ok(())
    }
}

/// The file system, with no faults.
pub struct RealDisk;

impl Disk for RealDisk {}

/// The folder of stride's own files in a data folder: locks (and what
/// else stride keeps for itself). It is never a link, ignores itself in git
/// (its `.gitignore` says `*`), and is shared with the data folder's group.
pub const OWN_DIR: &str = ".stride";

/// The folder [`OWN_DIR`] of the data folder `data`, made if missing.
pub fn own_dir(data: &Path) -> io::Result<PathBuf> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    let dir = data.join(OWN_DIR);
    match fs::symlink_metadata(&dir) {
        Ok(m) if m.is_dir() => return Ok(dir),
        Ok(_) => {
            return Err(io::Error::other(format!(
                "{} is not a folder (a link or a file): stride keeps its locks there and does not follow links",
                dir.display()
            )));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    match fs::DirBuilder::new().mode(0o777).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(dir),
        Err(e) => return Err(e),
    }
    // the data folder's group, and its set-group-id bit, so that every
    // member of a shared group can take the locks
    if let Ok(parent) = fs::metadata(data) {
        let _ = std::os::unix::fs::chown(&dir, None, Some(parent.gid()));
        if parent.mode() & 0o2000 != 0
            && let Ok(m) = fs::metadata(&dir)
        {
            let _ = fs::set_permissions(&dir, fs::Permissions::from_mode(m.mode() | 0o2000));
        }
    }
    let ignore = dir.join(".gitignore");
    if let Ok(mut f) = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&ignore)
    {
        f.write_all(b"# stride's own files: locks. Not data, never committed.\n*\n")?;
    }
    Ok(dir)
}

/// An advisory lock on a data file, held while it is read and written. It
/// lives in a file of its own in the data folder's [`OWN_DIR`], since the
/// rename of a save replaces the data file itself.
pub struct FileLock {
    _file: File,
}

/// Takes the lock of `file`, a file of the data folder `data` (an
/// objective file, or a weekly history file), waiting for another writer
/// to finish. The lock file is never followed if it is a link; one made by
/// another member of the group is shared (opened for reading, which is
/// enough to lock). A lock that cannot be taken names its lock file.
pub fn lock(data: &Path, file: &Path) -> io::Result<FileLock> {
    use std::os::unix::fs::OpenOptionsExt;
    let rel = file.strip_prefix(data).unwrap_or(file);
    let name: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let named = |lock_path: &Path, e: io::Error| {
        io::Error::new(
            e.kind(),
            format!("cannot take the lock {}: {e}", lock_path.display()),
        )
    };
    let dir = own_dir(data).map_err(|e| named(&data.join(OWN_DIR), e))?;
    let lock_path = dir.join(format!("{}.lock", name.join("%")));
    let open = |write: bool| {
        OpenOptions::new()
            .create(write)
            .truncate(false)
            .write(write)
            .read(!write)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&lock_path)
    };
    let file = match open(true) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            open(false).map_err(|e| named(&lock_path, e))?
        }
        Err(e) => return Err(named(&lock_path, e)),
    };
    file.lock().map_err(|e| named(&lock_path, e))?;
    Ok(FileLock { _file: file })
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The prefix and suffix of stride's temporary files: `.NAME.stride-PID-N.tmp`.
pub const TEMP_MARK: &str = ".stride-";

/// Writes `bytes` as the file at `path` atomically on the real disk,
/// replacing it or creating it. See [`write_atomic_on`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_on(&RealDisk, path, bytes)
}

/// Writes `bytes` as the file at `path` atomically: a temporary file in the
/// same folder is written, flushed to disk and renamed over the file, so a
/// crash leaves either the old file (or none) or the new one. A missing
/// file is created; a symlink is written through to its target; an
/// existing file keeps its permissions. On any failure the temporary file
/// is removed and the old file is untouched.
pub fn write_atomic_on(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        Ok(_) => path.to_path_buf(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}{TEMP_MARK}{}-{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    // a new file gets the permissions of any new file
    let permissions = match fs::metadata(&target) {
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let result = (|| {
        disk.before(Step::CreateTemp, &tmp)?;
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        disk.before(Step::Write, &tmp)?;
        f.write_all(bytes)?;
        if let Some(permissions) = permissions {
            f.set_permissions(permissions)?;
        }
        disk.before(Step::Fsync, &tmp)?;
        f.sync_all()?;
        drop(f);
        disk.before(Step::Rename, &target)?;
        fs::rename(&tmp, &target)?;
        // make the rename itself durable
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files left by writes that were killed, in `dir`: those
/// of processes that are gone (or, where that cannot be told, older than
/// an hour). They start with `.`, so they are never read as data anyway.
pub fn clean_temporaries(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_suffix(".tmp") else {
            continue;
        };
        let Some((_, ids)) = rest.rsplit_once(TEMP_MARK) else {
            continue;
        };
        if !name.starts_with('.') {
            continue;
        }
        let pid = ids.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let gone = match pid {
            Some(pid) if pid == std::process::id() => false,
            Some(pid) if Path::new("/proc").is_dir() => {
                !Path::new(&format!("/proc/{pid}")).exists()
            }
            _ => e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600),
        };
        if gone && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// A fingerprint of a file's bytes, to notice later changes on disk.
///
/// A fast 64-bit hash, eight bytes a step (SipHash, the standard hasher,
/// took a tenth of the load of a large portfolio): it tells a changed file
/// from an unchanged one, and is no defence against a chosen collision.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    // the folded 128-bit product: every bit of `h ^ w` moves every bit
    let mix = |h: u64, w: u64| {
        let m = u128::from(h ^ w) * u128::from(K);
        (m as u64) ^ ((m >> 64) as u64)
    };
    let mut h = (bytes.len() as u64).wrapping_mul(K) ^ 0x2545_f491_4f6c_dd1d;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = mix(h, u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    h = mix(h, u64::from_le_bytes(last));
    // the finaliser of MurmurHash3: every bit of `h` reaches every bit
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o.toml");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, "new".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["o.toml"]);
    }

    #[test]
    fn temporaries_of_dead_processes_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".o.toml.stride-4000000-1.tmp");
        let mine = dir
            .path()
            .join(format!(".o.toml.stride-{}-9.tmp", std::process::id()));
        let other = dir.path().join(".notes.tmp");
        for p in [&dead, &mine, &other] {
            fs::write(p, "x").unwrap();
        }
        assert_eq!(clean_temporaries(dir.path()), 1);
        assert!(!dead.exists() && mine.exists() && other.exists());
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_goes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn fingerprints_tell_any_change() {
        let text = b"title = \"O2\"\n[project.a]\ntitle = \"A\"\npercent = 95.46\n".to_vec();
        let base = fingerprint(&text);
        assert_eq!(base, fingerprint(&text.clone()));
        let mut seen = std::collections::HashSet::from([base]);
        for i in 0..text.len() {
            for bit in 0..8 {
                let mut t = text.clone();
                t[i] ^= 1 << bit;
                assert!(seen.insert(fingerprint(&t)), "byte {i} bit {bit}");
            }
            assert!(seen.insert(fingerprint(&text[..i])), "prefix {i}");
        }
        let mut longer = text.clone();
        longer.push(0);
        assert!(seen.insert(fingerprint(&longer)));
    }

    #[test]
    fn atomic_write_creates_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2023-W25.md");
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["2023-W25.md"]);
    }
}
