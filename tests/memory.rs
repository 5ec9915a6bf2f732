//! The memory bound the README states: parsing and extracting every metric takes at most 20
//! times the input's size at its peak, for any input under the size limit. A counting
//! allocator (this test binary's own) measures the peak of live heap bytes while the worst
//! shapes of findings are read: figures and comparators packed as densely as text allows.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use cqc_la::Report;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the system allocator's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak of live heap bytes above the level before `f` runs.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - base)
}

#[test]
fn parse_and_metrics_stay_under_twenty_times_the_input() {
    // One test at a time in this binary: the counters are global.
    for run in ["5% average ", "1%(2%)", "1 "] {
        let text = format!(
            "Safeguarding\nScore: 3\nKey findings for this quality statement\n{}\n",
            run.repeat(15_000_000 / run.len())
        );
        let ((metrics, warnings), peak) = peak_of(|| {
            let report = Report::parse(&text).expect("parses");
            (report.metrics().len(), report.metric_warnings().len())
        });
        let ratio = peak as f64 / text.len() as f64;
        eprintln!(
            "{run:?}: {metrics} metrics, {warnings} warnings, peak {peak} bytes, {ratio:.1}x the input"
        );
        assert!(ratio < 20.0, "{run:?}: {ratio:.1}x");
        // The figures not read are reported, never silently dropped.
        assert!(run == "1 " || warnings > 0, "{run:?}");
    }
}
