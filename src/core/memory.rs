//! Giving freed memory back to the system. glibc's allocator keeps what a
//! program freed resident, in each thread's arena, for the next
//! allocation: after a load on two threads, or a save that read and wrote a
//! 2.5 MB file, that is tens of MiB held for nothing while the TUI runs.
//! [`give_back`] returns the free pages; elsewhere it does nothing.

/// Returns the allocator's free memory to the system (glibc's
/// `malloc_trim`, every arena); a no-op on other systems. Costs a walk over
/// the free chunks: call it after a load or a save, not per key.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists, under
    // its locks; any thread may call it at any time
    unsafe {
        libc::malloc_trim(0);
    }
}

/// For a long session (the TUI): blocks of 256 KiB and more (a file's
/// text, a history week's, a save's buffers) are mapped on their own and
/// unmapped when freed, instead of glibc raising its threshold after the
/// first such free and carving them from the heap, where the holes they
/// leave between long-lived records stay resident. A no-op elsewhere.
pub fn for_a_long_session() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets the allocator's parameters, under its lock
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// For a command that makes and frees thousands of blocks of a few MB
/// (`stride log`: every version of a 2.4 MB file): large blocks come from
/// the heap (mapped only from 32 MiB) and freed memory is kept for the
/// next (trimmed only past 256 MiB), instead of each block being mapped
/// and its pages faulted in afresh (1,000 commits at 100k: 0.66 s of
/// system time, 0.18 s this way). A no-op elsewhere.
pub fn for_many_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets the allocator's parameters, under its lock
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

/// Runs `work` on a thread of its own and waits for it (the TUI's saves
/// and history writes). Their short-lived allocations (the file's text,
/// parsed sections, a week's records) then come from that thread's arena,
/// not from the one that holds the model and the undo stack, where they
/// leave holes around the small long-lived blocks each edit makes: pages
/// kept resident that [`give_back`] cannot return (1,000 edits at 100k
/// milestones: +4.7 MiB resident that way, +1.5 MiB aside). A panic in
/// `work` goes on as it would have.
pub fn aside<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(work)
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// Bytes of the process resident in memory (`VmRSS` of
/// `/proc/self/status`), or `None` where it cannot tell: what the
/// benchmarks compare with the floor's peak.
pub fn resident() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Bytes the allocator has handed out and not had back (glibc's
/// `mallinfo2`, every arena), or `None` where it cannot tell: for
/// measuring what is live beside what is resident.
pub fn in_use() -> Option<usize> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 reads the allocator's counters under its locks
        let m = unsafe { libc::mallinfo2() };
        Some(m.uordblks + m.hblkhd)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn what_is_resident_holds_a_block_written_through() {
        // written through, all its pages are resident while it is held
        let block = vec![1u8; 64 << 20];
        let now = resident().expect("linux has /proc/self/status");
        assert!(now >= 64 << 20, "{now} bytes");
        std::hint::black_box(&block);
    }

    #[test]
    fn aside_returns_what_the_work_made_and_what_it_changed() {
        let mut seen = vec![1, 2];
        let text = "几 words";
        let n = aside(|| {
            seen.push(3);
            text.chars().count()
        });
        assert_eq!((n, seen), (7, vec![1, 2, 3]));
    }

    #[test]
    fn a_panic_aside_goes_on_in_the_caller() {
        let caught = std::panic::catch_unwind(|| aside(|| -> u8 { panic!("save failed") }));
        let payload = caught.expect_err("the panic reaches the caller");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"save failed"));
    }

    #[test]
    fn giving_back_keeps_what_is_in_use() {
        let held: Vec<u8> = vec![7; 1 << 20];
        give_back();
        assert_eq!(held.iter().map(|&b| usize::from(b)).sum::<usize>(), 7 << 20);
        if let Some(n) = in_use() {
            assert!(n >= 1 << 20, "{n} bytes in use, a MiB is held");
        }
    }
}
