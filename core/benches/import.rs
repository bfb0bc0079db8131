//! Import speed: the seed text, a 1 MB paste (the seed text repeated), and 100 KB of every layout ×
//! source of the project's own fixtures (corpus/own), each read as the page reads it (the target:
//! no more than 100 ms per 100 KB).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hedui_core::import::{import_html, import_text};
use hedui_core::sample::SEED_TEXT;
use std::hint::black_box;
use std::path::Path;

/// A text repeated to about `bytes` (whole copies, so that every copy is a well-formed table).
fn scaled(text: &str, bytes: usize) -> String {
    text.repeat(bytes / text.len().max(1) + 1)
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(SEED_TEXT.len() as u64));
    group.bench_function("seed", |b| b.iter(|| import_text(black_box(SEED_TEXT))));
    let big = scaled(SEED_TEXT, 1024 * 1024);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(20);
    group.bench_function("1MB", |b| b.iter(|| import_text(black_box(&big))));
    group.finish();

    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/own");
    let Ok(dir) = std::fs::read_dir(&own) else {
        return;
    };
    let mut files: Vec<_> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    files.sort();
    let mut group = c.benchmark_group("import 100KB");
    group.sample_size(20);
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let html = path.extension().is_some_and(|e| e == "html");
        let input = scaled(&text, 100 * 1024);
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                if html {
                    import_html(black_box(&input))
                } else {
                    import_text(black_box(&input))
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
