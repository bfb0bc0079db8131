//! Reading speed: a 1 MB `.xlsx` in the budget system's one-row-per-indicator export layout (the
//! page's target: opened in at most 300 ms), split into its steps: inflating the sheet, reading the
//! workbook into grids, and mapping the grids onto a document as the page does.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hedui_files::write::{workbook, Sheet, Style, WCell};
use std::hint::black_box;

/// The export as `tests/browser/bench.rs` builds it: 30 000 indicator rows, twelve per project,
/// under the export's heading row (about 1 MB zipped).
fn export_xlsx() -> Vec<u8> {
    let mut s = Sheet::new("部门项目支出绩效目标05-2");
    s.push(
        [
            "项目名称",
            "预算数",
            "财政拨款",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "计量单位",
        ]
        .iter()
        .map(|h| WCell::text(h, Style::Header))
        .collect(),
    );
    for r in 0..30_000 {
        let project = r / 12;
        let cells = [
            format!("项目{project}村组干部培训"),
            format!("{}.50", 100 + project),
            format!("{}.50", 100 + project),
            "产出指标".to_owned(),
            "数量指标".to_owned(),
            format!("培训人次{r}"),
            format!("≥{}", 200 + r % 50),
            "人次".to_owned(),
        ];
        s.push(cells.iter().map(|c| WCell::auto(c, Style::Body)).collect());
    }
    workbook(&[s])
}

fn read(c: &mut Criterion) {
    let bytes = export_xlsx();
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
