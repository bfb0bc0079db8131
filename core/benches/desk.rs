//! The reviewer's desk: a batch of documents checked into one review report, and this year
//! against last.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hedui_core::opinion::{html, Entry, Opinion, Signoff};
use hedui_core::{check, compare, review, sample};
use std::hint::black_box;

/// 100 documents of 3 to 27 projects (15 on average), as a bureau's batch: check each, build its
/// report and write the batch as one HTML file.
fn report(c: &mut Criterion) {
    let docs: Vec<_> = (0..100).map(|i| sample::generated(3 + i % 25)).collect();
    let mut group = c.benchmark_group("desk");
    group.sample_size(20);
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("report_100_documents", |b| {
        b.iter(|| {
            let entries: Vec<Entry> = docs
                .iter()
                .map(|d| Entry::Checked(Box::new(Opinion::new(d, &check(d), "x.json"))))
                .collect();
            black_box(html::batch(&entries, &Signoff::default()))
        });
    });
    let seed = sample::seed();
    let report = check(&seed);
    group.bench_function("review_seed", |b| {
        b.iter(|| black_box(review::review(black_box(&seed), &report).findings.len()));
    });
    group.finish();
}

/// This year against last: the seed, and 1000-project documents with one edit.
fn compare_years(c: &mut Criterion) {
    let mut group = c.benchmark_group("desk_compare");
    for n in [3usize, 1000] {
        let last = if n == 3 {
            sample::seed()
        } else {
            sample::generated(n)
        };
        let mut this = last.clone();
        if let Some(p) = this.projects.get_mut(1) {
            p.budget.total = "99.00".into();
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(n),
            &(last, this),
            |b, (l, t)| {
                b.iter(|| black_box(compare::compare(l, t)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, report, compare_years);
criterion_main!(benches);
