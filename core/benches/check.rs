//! Checking speed: the seed, and generated documents of growing size (time per project shows growth).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hedui_core::check::Checker;
use hedui_core::{check, sample};
use std::hint::black_box;

fn seed(c: &mut Criterion) {
    let doc = sample::seed();
    c.bench_function("check/seed", |b| b.iter(|| check(black_box(&doc))));
}

fn generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("check/generated");
    for n in [10usize, 100, 200, 1000] {
        let doc = sample::generated(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
            b.iter(|| check(black_box(doc)));
        });
    }
    group.finish();
}

/// What a keystroke costs the core: one field of one project changes, the rest is remembered.
fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("check/keystroke");
    for n in [3usize, 200, 1000] {
        let mut doc = if n == 3 {
            sample::seed()
        } else {
            sample::generated(n)
        };
        let mut checker = Checker::default();
        checker.check(&doc);
        let path = "projects[0].goals[1]"
            .parse()
            .unwrap_or(hedui_core::FieldPath::YEAR);
        let mut flip = false;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                flip = !flip;
                doc.set(
                    &path,
                    if flip {
                        "2. 荣誉津贴 45000 元"
                    } else {
                        "2. 荣誉津贴 450000 元"
                    },
                );
                black_box(checker.check(&doc))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, seed, generated, keystroke);
criterion_main!(benches);
