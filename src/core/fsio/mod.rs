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

/// Writes `bytes` as the data file at `path` atomically: a temporary file
/// in the same folder is written, flushed to disk and renamed over the
/// file, so a crash leaves either the old file (or none) or the new one. A
/// missing file is created; a symlink is written through to its target (a
/// data file may be a link: that is the documented write-through; stride's
/// own files go through [`write_own`], which never follows one). An
/// existing file keeps its owner, group and permissions where the saver
/// may set them, and a file that no one may write (no write bit in its
/// mode, as `chmod 444` leaves it) is refused, as an editor would ask
/// first: the saver may be root, whom permission bits do not stop. The
/// rename gives the file a new inode: a hard link to the old one keeps the
/// old text. On any failure the temporary file is removed and the old
/// file is untouched.
pub fn write_atomic_on(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        Ok(_) => path.to_path_buf(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    replace(disk, &target, bytes)
}

/// The atomic write itself, at `target` (never a link: a link there is
/// replaced by the file, not followed).
fn replace(disk: &dyn Disk, target: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
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
    let old = match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => None,
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(m) = &old
        && m.mode() & 0o222 == 0
    {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is read-only (mode {:o}): not writing it; make it writable (chmod u+w) to edit it",
                target.display(),
                m.mode() & 0o7777
            ),
        ));
    }
    if old.is_some() && !may_write(target) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{}: Permission denied (the file is not writable for you): not writing it",
                target.display()
            ),
        ));
    }
    let result = (|| {
        disk.before(Step::CreateTemp, &tmp)?;
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        disk.before(Step::Write, &tmp)?;
        f.write_all(bytes)?;
        if let Some(m) = &old {
            // the owner and group first (this clears set-id bits), then the
            // mode; a non-root saver cannot give the file to its owner, but
            // may keep its group if a member
            let me = unsafe { (libc::geteuid(), libc::getegid()) };
            if (m.uid(), m.gid()) != me
                && std::os::unix::fs::fchown(&f, Some(m.uid()), Some(m.gid())).is_err()
            {
                let _ = std::os::unix::fs::fchown(&f, None, Some(m.gid()));
            }
            f.set_permissions(fs::Permissions::from_mode(m.mode() & 0o7777))?;
        }
        disk.before(Step::Fsync, &tmp)?;
        f.sync_all()?;
        drop(f);
        disk.before(Step::Rename, target)?;
        fs::rename(&tmp, target)?;
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

/// The largest file stride reads: 64 MiB. The largest real data file is a
/// few hundred KiB; a file over this is refused with a message instead of
/// filling memory (a link to `/dev/zero`, a runaway log).
pub const MAX_FILE_SIZE: u64 = 64 << 20;

/// Whether this process may write the file at `path` (`access(2)`: root may).
fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::CString::new(path.as_os_str().as_bytes())
        .is_ok_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0)
}

/// What a file that is not a regular file is, for messages.
fn kind_of(t: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a link"
    } else {
        "a special file"
    }
}

/// Why an entry that looks like a data file (`name.toml`) cannot be one:
/// `None` for a regular file (through links), else what it is, in words
/// (`"a FIFO"`, `"a link whose target is missing"`).
pub fn not_regular(path: &Path) -> Option<String> {
    match fs::metadata(path) {
        Ok(m) if m.is_file() => None,
        Ok(m) => Some(kind_of(m.file_type()).to_string()),
        Err(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            Some("a link whose target is missing".into())
        }
        Err(e) => Some(format!("unreadable ({e})")),
    }
}

/// Reads a data file (an objective, a weekly history file, settings):
/// only a regular file (through links), of at most [`MAX_FILE_SIZE`]
/// bytes. A FIFO, a folder or a device is refused at once with a message
/// saying what it is, never waited on or read forever: the file is opened
/// without blocking and checked before a byte is read.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let m = f.metadata()?;
    if !m.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "not a regular file but {}: stride reads only regular files",
                kind_of(m.file_type())
            ),
        ));
    }
    let too_big = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "the file is over {} MiB, the most stride reads",
                MAX_FILE_SIZE >> 20
            ),
        )
    };
    if m.len() > MAX_FILE_SIZE {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(m.len() as usize);
    // a file growing while it is read stops at the limit too
    f.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Writes one of stride's own files (a weekly history file, a report in
/// the data folder) at `path` inside the data folder `data`, atomically.
/// Unlike a data file, an own file is never written through a link: if
/// the file, or any folder between `data` and it, is a link, nothing is
/// written and the error names the link; a path outside `data` is refused
/// too. Missing folders are made (not through links either). The rename
/// that puts the file in place replaces a name, never follows it.
pub fn write_own(data: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let Ok(rel) = path.strip_prefix(data) else {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is outside the data folder {}: stride writes its own files only there",
                path.display(),
                data.display()
            ),
        ));
    };
    let link = |p: &Path| {
        io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is a link: stride does not follow links for its own files (history, reports); remove it",
                p.display()
            ),
        )
    };
    let parts: Vec<_> = rel.components().collect();
    let mut at = data.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        let std::path::Component::Normal(part) = part else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a plain path in the data folder", path.display()),
            ));
        };
        at.push(part);
        let last = i + 1 == parts.len();
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Err(link(&at)),
            Ok(m) if last && !m.is_file() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{} is {}, not a file stride wrote: not replacing it",
                        at.display(),
                        kind_of(m.file_type())
                    ),
                ));
            }
            Ok(m) if !last && !m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} is not a folder", at.display()),
                ));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound && !last => {
                match fs::create_dir(&at) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        // made meanwhile: check it again
                        if !fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) {
                            return Err(link(&at));
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    replace(&RealDisk, path, bytes)
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

/// Whether another program has the file at `path` open for writing, as a
/// slow writer that truncates and rewrites it in place does: a read lease
/// (`F_SETLEASE`) is refused while anyone does. `None` when the system
/// cannot tell (not the file's owner nor root, no leases on this file
/// system); then [`wait_for_writers`] goes by its modification time.
pub fn being_written(path: &Path) -> Option<bool> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    if !f.metadata().ok()?.is_file() {
        return None;
    }
    let fd = f.as_raw_fd();
    // SAFETY: fcntl on an open descriptor of ours; the lease is given back
    // at once
    if unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) } == 0 {
        unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK) };
        return Some(false);
    }
    (io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN)).then_some(true)
}

/// A file changed within this long is taken as still being written when
/// [`being_written`] cannot tell.
pub const SETTLE: std::time::Duration = std::time::Duration::from_millis(150);

/// Whether the file at `path` is being written now: open for writing by
/// another program, or (when that cannot be told) changed within [`SETTLE`].
pub fn unsettled(path: &Path) -> bool {
    match being_written(path) {
        Some(w) => w,
        None => fs::metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < SETTLE)),
    }
}

/// Waits until no other program is writing the file at `path` (see
/// [`unsettled`]), for at most `patience`; then refuses: "is being written
/// by another program; try again". A save calls it under the file's lock
/// before it reads the file, so that it never goes over a file whose
/// writer has not finished (the writer's remaining bytes would go to the
/// replaced inode, lost).
pub fn wait_for_writers(path: &Path, patience: std::time::Duration) -> io::Result<()> {
    let start = std::time::Instant::now();
    while unsettled(path) {
        if start.elapsed() >= patience {
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                "the file is being written by another program; try again",
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
