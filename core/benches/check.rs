//! Checking speed: the seed, and generated documents of growing size (time per project shows growth).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
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

criterion_group!(benches, seed, generated);
criterion_main!(benches);
