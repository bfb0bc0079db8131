//! Memory in proportion to the input: the peak resident memory of the reproducers of issue 15 at
//! one size and at eight times that size. Linux only: the peak is the kernel's `VmHWM`, reset
//! between measurements through `/proc/self/clear_refs`. One test in its own binary, so that no
//! other test's allocations count.

#![cfg(target_os = "linux")]

use hedui_core::import::import_text;
use hedui_core::model::Document;
use hedui_core::{check, sample, FieldPath};

/// Growth allowed when the input grows eightfold (memory is allocated in doubling steps).
const LIMIT: usize = 24;

fn status(key: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("{key} not in /proc/self/status"));
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<usize>()
        .unwrap()
        * 1024
}

/// Bytes of resident memory `run` needed above what was resident before it.
fn peak(run: &dyn Fn()) -> usize {
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = status("VmRSS:");
    run();
    status("VmHWM:").saturating_sub(before)
}

fn assert_linear_memory(what: &str, make: &dyn Fn(usize) -> Box<dyn Fn()>, n: usize) {
    let small = make(n);
    let large = make(8 * n);
    small();
    let (m1, m8) = (peak(&*small), peak(&*large));
    // A floor of 1 MB: below that the page-granular peak says little.
    let base = m1.max(1 << 20);
    assert!(
        m8 <= LIMIT * base,
        "{what}: 8× the input took {}× the memory ({m1} → {m8} bytes)",
        m8 / base
    );
}

fn copies(n: usize, differ: bool) -> Document {
    let mut doc = sample::seed();
    let first = doc.projects[0].clone();
    doc.projects = vec![first; n];
    if differ {
        for i in 0..n {
            let total: FieldPath = format!("projects[{i}].budget.total").parse().unwrap();
            doc.set(&total, format!("{}.00", i + 1));
        }
    }
    doc
}

#[test]
fn peak_memory_grows_with_the_input() {
    assert_linear_memory(
        "同一项目的副本",
        &|n| {
            let doc = copies(n, false);
            Box::new(move || drop(std::hint::black_box(check(&doc))))
        },
        100,
    );
    assert_linear_memory(
        "同名而金额不同的项目",
        &|n| {
            let doc = copies(n, true);
            Box::new(move || drop(std::hint::black_box(check(&doc))))
        },
        100,
    );
    assert_linear_memory(
        "重复的种子文本，导入并核对",
        &|n| {
            let text = sample::SEED_TEXT.repeat(n);
            Box::new(move || {
                let imported = import_text(&text);
                drop(std::hint::black_box(check(&imported.document)));
            })
        },
        4,
    );
    assert_linear_memory(
        "一条目标中的许多金额",
        &|n| {
            let mut doc = sample::seed();
            let line: Vec<String> = (0..n).map(|i| format!("发放慰问金 {i} 元")).collect();
            doc.set(&"projects[0].goals[0]".parse().unwrap(), line.join("，"));
            Box::new(move || drop(std::hint::black_box(check(&doc))))
        },
        1000,
    );
}
