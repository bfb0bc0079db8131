//! Import speed: the seed text, and a 1 MB paste (the seed text repeated).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hedui_core::import::import_text;
use hedui_core::sample::SEED_TEXT;
use std::hint::black_box;

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(SEED_TEXT.len() as u64));
    group.bench_function("seed", |b| b.iter(|| import_text(black_box(SEED_TEXT))));
    let big = SEED_TEXT.repeat(1024 * 1024 / SEED_TEXT.len() + 1);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(20);
    group.bench_function("1MB", |b| b.iter(|| import_text(black_box(&big))));
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
