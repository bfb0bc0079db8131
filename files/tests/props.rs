//! No bytes make a reader panic or go past its limits: random bytes, the fixtures with bytes
//! changed or cut, and random text as the XML parts of a well-formed zip.

use hedui_files::fuzzing::{office_file, office_parts, xls_stream};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const FIXTURES: [&str; 3] = [
    "libreoffice-seed-form.xlsx",
    "libreoffice-seed-form.xls",
    "libreoffice-seed-form.docx",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        office_file(&data);
        xls_stream(&data);
    }

    #[test]
    fn fixtures_with_bytes_changed(
        which in 0..3usize,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut data = fixture(FIXTURES[which]);
        for (at, byte) in edits {
            let i = at.index(data.len());
            data[i] = byte;
        }
        office_file(&data);
        data.truncate(cut.index(data.len() + 1));
        office_file(&data);
    }

    #[test]
    fn random_xml_parts(parts in prop::collection::vec(
        prop_oneof![
            "[<>/=\"a-z: \\x1f&;#0-9]{0,200}",
            Just("<worksheet><sheetData><row r=\"3\"><c r=\"B3\" t=\"s\"><v>0</v></c></row></sheetData><mergeCells><mergeCell ref=\"A1:C9\"/></mergeCells></worksheet>".to_owned()),
            Just("<sst><si><t>x</t></si></sst>".to_owned()),
            Just("<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"300\"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>".to_owned()),
        ],
        0..6,
    )) {
        office_parts(parts.join("\u{1f}").as_bytes());
    }
}

/// The xls fixture's workbook stream, with records changed: the BIFF reader past the compound file.
#[test]
fn biff_records_with_bytes_changed() {
    let data = fixture("libreoffice-seed-form.xls");
    // Every 97th byte flipped in turn over a window: deterministic and quick.
    for start in (0..data.len()).step_by(977) {
        let mut d = data.clone();
        for i in (start..d.len()).step_by(97).take(16) {
            d[i] ^= 0xA5;
        }
        office_file(&d);
        xls_stream(&d[start..]);
    }
}
