//! Reading speed: a 1 MB `.xlsx` in the budget system's one-row-per-indicator export layout (the
//! page's target: opened in at most 300 ms), split into its steps: inflating the sheet, reading the
//! workbook into grids, and mapping the grids onto a document as the page does.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

#[path = "../tests/common/mod.rs"]
mod common;

fn read(c: &mut Criterion) {
    // 30 000 indicator rows, twelve per project, under the export's heading row (about 1 MB).
    let bytes = common::one_megabyte_export();
    let mut group = c.benchmark_group("xlsx_1MB");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.bench_function("inflate", |b| {
        b.iter(|| {
            let mut zip = hedui_files::zip::Archive::open(black_box(&bytes)).unwrap();
            zip.read("xl/worksheets/sheet1.xml").unwrap()
        });
    });
    group.bench_function("read", |b| {
        b.iter(|| hedui_files::read("export.xlsx", black_box(&bytes)).unwrap());
    });
    let grids = hedui_files::read("export.xlsx", &bytes).unwrap().grids;
    group.bench_function("map", |b| {
        b.iter(|| hedui_files::bridge::import_grids(black_box(&grids)));
    });
    group.bench_function("open", |b| {
        b.iter(|| {
            let opened = hedui_files::read("export.xlsx", black_box(&bytes)).unwrap();
            let doc = hedui_files::bridge::import_grids(&opened.grids).document;
            hedui_core::saved::to_json(&doc)
        });
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
