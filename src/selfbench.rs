//! `#selfbench`: the page times hedui-core's check of the seed document in wasm and puts the
//! median (µs) in `data-selfbench` on the app, for `cargo xtask bench` to set against native.

use hedui_core::{check, sample};

/// Runs the timing; returns the median in microseconds.
pub fn run() -> f64 {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return f64::NAN;
    };
    let doc = sample::seed();
    for _ in 0..20 {
        std::hint::black_box(check(&doc));
    }
    // Batches, because the browser's clock is coarse (0.1 ms) next to one check.
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let t0 = perf.now();
            for _ in 0..40 {
                std::hint::black_box(check(std::hint::black_box(&doc)));
            }
            (perf.now() - t0) * 1000.0 / 40.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

/// `12.3` from 12.34: one decimal without the float formatting machinery.
#[allow(clippy::cast_possible_truncation)] // microseconds of one check: far below i64's range
pub fn tenths(us: f64) -> String {
    let t = (us * 10.0).round() as i64;
    format!("{}.{}", t / 10, (t % 10).abs())
}
