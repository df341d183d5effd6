//! Work on every item on all cores, each result handed on in the items'
//! order as soon as it and those before it are done: what lets a command
//! write an objective's output while the next files are still being read.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Applies `f` to every item on all cores and gives each result to `sink`
/// on this thread, in the order of `items`: the result of item `i` goes to
/// `sink` as soon as those of the items before it have. Results that are
/// done early wait for their turn; nothing else is kept.
pub(super) fn parallel_each<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        items.iter().for_each(|item| sink(f(item)));
        return;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel::<(usize, R)>();
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let tx = tx.clone();
                let (next, f) = (&next, &f);
                s.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        // the receiver lives until every worker is done
                        if tx.send((i, f(item))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        // the workers hold the only senders: the loop ends when they do
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut turn = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&turn) {
                sink(r);
                turn += 1;
            }
        }
        for h in handles {
            h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items that finish out of order still reach the sink in order,
    /// each once; none at all calls it never.
    #[test]
    fn results_reach_the_sink_in_the_items_order() {
        let items: Vec<u64> = (0..40).collect();
        let mut seen = Vec::new();
        // later items are cheaper: they tend to finish first
        parallel_each(
            &items,
            |&n| {
                std::hint::black_box((0..(40 - n) * 10_000).sum::<u64>());
                n
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, items);

        let mut calls = 0;
        parallel_each(&[] as &[u64], |&n| n, |_| calls += 1);
        assert_eq!(calls, 0);
    }
}
