//! The zip container of `.xlsx` and `.docx`: a reader that inflates within [`limits`], and a writer.
//!
//! Hand-written over `miniz_oxide` (inflate/deflate only) rather than a zip crate: an OOXML file
//! needs stored and deflated entries and nothing else, and owning the reader puts every size check
//! (declared sizes are never trusted; output is capped while inflating) in one place.

use crate::error::FileError;
use crate::limits;

/// One part of the archive, from the central directory.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The part's name as stored (`xl/worksheets/sheet1.xml`).
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: u64,
    /// The size the directory declares once inflated: a first guess for the output buffer, never
    /// trusted beyond the limits.
    uncompressed: u64,
    offset: u64,
}

/// An opened zip: its directory, and what has been inflated so far.
#[derive(Debug)]
pub struct Archive<'a> {
    data: &'a [u8],
    entries: Vec<Entry>,
    inflated: usize,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = d.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

fn u64_at(d: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = d.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// `len` bytes at `at`, if the data is that long (no overflow on hostile offsets).
fn slice(d: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    d.get(at..at.checked_add(len)?)
}

fn damaged(what: &str) -> FileError {
    FileError::Damaged(what.to_owned())
}

/// Normalises a part name for lookup: `/` separators, no leading slash, ASCII case folded
/// (some producers write `xl\Worksheets\Sheet1.xml`).
fn key(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches('/')
        .to_ascii_lowercase()
}

impl<'a> Archive<'a> {
    /// Reads the central directory. A file cut short loses its directory (it is at the end), so
    /// truncation is found here.
    pub fn open(data: &'a [u8]) -> Result<Self, FileError> {
        let eocd = find_eocd(data).ok_or_else(|| damaged("找不到 ZIP 目录"))?;
        let mut count = u64::from(u16_at(data, eocd + 10).unwrap_or(0));
        let mut cd_offset = u64::from(u32_at(data, eocd + 16).unwrap_or(0));
        if count == 0xFFFF || cd_offset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record.
            let locator = eocd
                .checked_sub(20)
                .filter(|&l| slice(data, l, 4) == Some(b"PK\x06\x07"))
                .ok_or_else(|| damaged("ZIP64 目录缺失"))?;
            let rec = u64_at(data, locator + 8)
                .and_then(|o| usize::try_from(o).ok())
                .filter(|&r| slice(data, r, 4) == Some(b"PK\x06\x06"))
                .ok_or_else(|| damaged("ZIP64 目录缺失"))?;
            count = u64_at(data, rec + 32).ok_or_else(|| damaged("ZIP64 目录不完整"))?;
            cd_offset = u64_at(data, rec + 48).ok_or_else(|| damaged("ZIP64 目录不完整"))?;
        }
        if count > limits::MAX_ZIP_ENTRIES as u64 {
            return Err(FileError::Bomb {
                part: format!("{count} 个压缩项"),
            });
        }
        let mut at = usize::try_from(cd_offset).map_err(|_| damaged("ZIP 目录位置无效"))?;
        let mut entries = Vec::new();
        for _ in 0..count {
            if slice(data, at, 4) != Some(b"PK\x01\x02") {
                return Err(damaged("ZIP 目录不完整"));
            }
            let field = |off: usize| u16_at(data, at + off).map(usize::from);
            let (Some(flags), Some(method), Some(name_len), Some(extra_len), Some(comment_len)) = (
                u16_at(data, at + 8),
                u16_at(data, at + 10),
                field(28),
                field(30),
                field(32),
            ) else {
                return Err(damaged("ZIP 目录不完整"));
            };
            let crc = u32_at(data, at + 16).unwrap_or(0);
            let mut compressed = u64::from(u32_at(data, at + 20).unwrap_or(0));
            let declared = u32_at(data, at + 24).unwrap_or(0);
            let mut uncompressed = u64::from(declared);
            let mut offset = u64::from(u32_at(data, at + 42).unwrap_or(0));
            let name_at = at + 46;
            let name_bytes = data
                .get(name_at..name_at + name_len)
                .ok_or_else(|| damaged("ZIP 目录不完整"))?;
            let name = String::from_utf8_lossy(name_bytes).into_owned();
            let extra = data
                .get(name_at + name_len..name_at + name_len + extra_len)
                .unwrap_or_default();
            // ZIP64 extra field: the 64-bit values of whichever fields are saturated, in order.
            let mut pos = 0;
            while let (Some(id), Some(len)) = (u16_at(extra, pos), u16_at(extra, pos + 2)) {
                let body = extra
                    .get(pos + 4..pos + 4 + usize::from(len))
                    .unwrap_or_default();
                if id == 1 {
                    let mut k = 0;
                    if declared == 0xFFFF_FFFF {
                        uncompressed = u64_at(body, k).unwrap_or(uncompressed);
                        k += 8;
                    }
                    if compressed == 0xFFFF_FFFF {
                        compressed = u64_at(body, k).unwrap_or(compressed);
                        k += 8;
                    }
                    if offset == 0xFFFF_FFFF {
                        offset = u64_at(body, k).unwrap_or(offset);
                    }
                }
                pos += 4 + usize::from(len);
            }
            entries.push(Entry {
                name,
                method,
                flags,
                crc,
                compressed,
                uncompressed,
                offset,
            });
            at = name_at + name_len + extra_len + comment_len;
        }
        Ok(Self {
            data,
            entries,
            inflated: 0,
        })
    }

    /// Every part, in directory order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The part named `name` (case and separators folded), if present.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        let k = key(name);
        self.entries.iter().find(|e| key(&e.name) == k)
    }

    /// The inflated bytes of the part named `name`, `None` when there is no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, FileError> {
        let Some(entry) = self.find(name).cloned() else {
            return Ok(None);
        };
        self.read_entry(&entry).map(Some)
    }

    /// The inflated part as text (UTF-8; a BOM is dropped), `None` when absent.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, FileError> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        let text = match String::from_utf8(bytes) {
            Ok(mut s) => {
                // Drop a BOM in place: a sheet's XML is megabytes, not worth a copy.
                if s.starts_with('\u{feff}') {
                    s.drain(..'\u{feff}'.len_utf8());
                }
                return Ok(Some(s));
            }
            Err(e) => {
                // OOXML is UTF-8 (or UTF-16 with a BOM, which no producer seen writes).
                let bytes = e.into_bytes();
                if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
                    return Err(FileError::Unsupported(format!(
                        "文件中的“{name}”是 UTF-16 编码，暂不支持：请在 Excel 或 WPS 中另存为 .xlsx/.docx"
                    )));
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
    }

    fn read_entry(&mut self, e: &Entry) -> Result<Vec<u8>, FileError> {
        if e.flags & 1 != 0 {
            return Err(FileError::Encrypted);
        }
        let at = usize::try_from(e.offset).map_err(|_| damaged("压缩项位置无效"))?;
        if slice(self.data, at, 4) != Some(b"PK\x03\x04") {
            return Err(damaged(&format!("“{}”的数据缺失", e.name)));
        }
        let (Some(name_len), Some(extra_len)) =
            (u16_at(self.data, at + 26), u16_at(self.data, at + 28))
        else {
            return Err(damaged(&format!("“{}”的数据缺失", e.name)));
        };
        let start = at + 30 + usize::from(name_len) + usize::from(extra_len);
        let len = usize::try_from(e.compressed).map_err(|_| damaged("压缩项过大"))?;
        let packed = start
            .checked_add(len)
            .and_then(|end| self.data.get(start..end))
            .ok_or_else(|| damaged(&format!("“{}”的数据不完整", e.name)))?;
        let budget = limits::MAX_ENTRY_BYTES
            .min(limits::MAX_TOTAL_INFLATED.saturating_sub(self.inflated))
            .min(
                packed
                    .len()
                    .saturating_mul(limits::MAX_RATIO)
                    .max(limits::RATIO_FREE_BYTES),
            );
        let bomb = || FileError::Bomb {
            part: e.name.clone(),
        };
        let out = match e.method {
            0 => {
                if packed.len() > budget {
                    return Err(bomb());
                }
                packed.to_vec()
            }
            8 => {
                let declared = usize::try_from(e.uncompressed).unwrap_or(usize::MAX);
                inflate(packed, declared, budget).map_err(|status| match status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => bomb(),
                    _ => damaged(&format!("“{}”无法解压", e.name)),
                })?
            }
            m => {
                return Err(FileError::Unsupported(format!(
                    "文件中的“{}”使用了不支持的压缩方式（{m}）：请在 Excel 或 WPS 中重新另存",
                    e.name
                )))
            }
        };
        if crc32(&out) != e.crc {
            return Err(damaged(&format!("“{}”校验和不符", e.name)));
        }
        self.inflated += out.len();
        Ok(out)
    }
}

/// Inflates raw deflate data into at most `budget` bytes. The output buffer starts at the size the
/// directory declares (within the budget), so a truthful file is inflated in one pass with one
/// allocation; a lying one costs a few doublings, never more than the budget.
fn inflate(
    packed: &[u8],
    declared: usize,
    budget: usize,
) -> Result<Vec<u8>, miniz_oxide::inflate::TINFLStatus> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    // One byte more than declared: a truthful stream then ends without asking for more room.
    let first = declared
        .saturating_add(1)
        .max(packed.len().saturating_mul(2))
        .max(4096)
        .min(budget);
    let mut out = vec![0u8; first];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0usize, 0usize);
    loop {
        let input = packed.get(read..).unwrap_or_default();
        let (status, used, made) = decompress(
            &mut state,
            input,
            &mut out,
            written,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        read = read.saturating_add(used);
        written = written.saturating_add(made);
        match status {
            TINFLStatus::Done => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput if out.len() < budget => {
                let grown = out.len().saturating_mul(2).min(budget);
                out.resize(grown, 0);
            }
            other => return Err(other),
        }
    }
}

/// The end-of-central-directory record: searched backwards over the last 64 KB + 22 bytes.
fn find_eocd(data: &[u8]) -> Option<usize> {
    let last = data.len().checked_sub(22)?;
    let first = last.saturating_sub(0xFFFF);
    (first..=last)
        .rev()
        .find(|&i| slice(data, i, 4) == Some(b"PK\x05\x06"))
}

// `i < 256` throughout: the cast and the index cannot go wrong.
#[allow(clippy::cast_possible_truncation, clippy::indexing_slicing)]
const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

/// The tables of CRC-32 "slicing by 8": `CRC_TABLES[k][b]` is the CRC of byte `b` followed by `k`
/// zero bytes, so eight input bytes are folded in with eight lookups instead of eight dependent
/// steps (several times faster on the megabytes of a sheet's XML, natively and in wasm).
// `i < 256` and `k < 8` throughout: the indices cannot go wrong.
#[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
const fn crc_tables() -> [[u32; 256]; 8] {
    let mut t = [[0u32; 256]; 8];
    t[0] = crc_table();
    let mut i = 0;
    while i < 256 {
        let mut k = 1;
        while k < 8 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            k += 1;
        }
        i += 1;
    }
    t
}

static CRC_TABLES: [[u32; 256]; 8] = crc_tables();

/// One table entry; the index is masked to a byte, so it is always in range.
#[inline]
#[allow(clippy::indexing_slicing)]
fn entry(table: &[u32; 256], index: u32) -> u32 {
    table[(index & 0xFF) as usize]
}

/// CRC-32 (IEEE), as zip stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let [t0, t1, t2, t3, t4, t5, t6, t7] = &CRC_TABLES;
    let mut c = 0xFFFF_FFFFu32;
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok([b0, b1, b2, b3, b4, b5, b6, b7]) = <[u8; 8]>::try_from(chunk) else {
            continue;
        };
        let lo = c ^ u32::from_le_bytes([b0, b1, b2, b3]);
        let hi = u32::from_le_bytes([b4, b5, b6, b7]);
        c = entry(t7, lo)
            ^ entry(t6, lo >> 8)
            ^ entry(t5, lo >> 16)
            ^ entry(t4, lo >> 24)
            ^ entry(t3, hi)
            ^ entry(t2, hi >> 8)
            ^ entry(t1, hi >> 16)
            ^ entry(t0, hi >> 24);
    }
    for &b in chunks.remainder() {
        c = entry(t0, c ^ u32::from(b)) ^ (c >> 8);
    }
    !c
}

/// Writes a zip of deflated parts.
#[derive(Debug, Default)]
pub struct Writer {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl Writer {
    /// Adds a part.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let crc = crc32(data);
        let offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        let csize = u32::try_from(packed.len()).unwrap_or(u32::MAX);
        let usize_ = u32::try_from(data.len()).unwrap_or(u32::MAX);
        // 1980-01-01 00:00: a fixed time keeps the output reproducible.
        let (dos_time, dos_date) = (0u16, (1u16 << 5) | 1);
        let mut local = Vec::with_capacity(30 + name.len());
        local.extend_from_slice(b"PK\x03\x04");
        for v in [20u16, 0x0800, 8, dos_time, dos_date] {
            local.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, csize, usize_] {
            local.extend_from_slice(&v.to_le_bytes());
        }
        local.extend_from_slice(&name_len.to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&local);
        self.out.extend_from_slice(&packed);

        let c = &mut self.central;
        c.extend_from_slice(b"PK\x01\x02");
        for v in [20u16, 20, 0x0800, 8, dos_time, dos_date] {
            c.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, csize, usize_] {
            c.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name_len, 0, 0, 0, 0] {
            c.extend_from_slice(&v.to_le_bytes());
        }
        c.extend_from_slice(&0u32.to_le_bytes());
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.count = self.count.saturating_add(1);
    }

    /// The finished archive.
    pub fn finish(mut self) -> Vec<u8> {
        let cd_offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let cd_size = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(b"PK\x05\x06");
        for v in [0u16, 0, self.count, self.count] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&cd_size.to_le_bytes());
        self.out.extend_from_slice(&cd_offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_text() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        // Every length around the 8-byte steps agrees with the byte-at-a-time definition.
        let text: Vec<u8> = (0..100u8).map(|b| b.wrapping_mul(37)).collect();
        for n in 0..text.len() {
            let mut c = 0xFFFF_FFFFu32;
            for &b in &text[..n] {
                c = CRC_TABLES[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
            }
            assert_eq!(crc32(&text[..n]), !c, "{n}");
        }
    }

    #[test]
    fn inflate_grows_past_a_declared_size_that_lies() {
        let data = "表格内容".repeat(5000);
        let packed = miniz_oxide::deflate::compress_to_vec(data.as_bytes(), 6);
        for declared in [0, 10, data.len(), data.len() * 3] {
            assert_eq!(
                inflate(&packed, declared, 1 << 20).unwrap(),
                data.as_bytes(),
                "{declared}"
            );
        }
        assert_eq!(
            inflate(&packed, data.len(), 1000),
            Err(miniz_oxide::inflate::TINFLStatus::HasMoreOutput)
        );
        assert!(inflate(&packed[..packed.len() / 2], data.len(), 1 << 20).is_err());
    }

    #[test]
    fn writes_and_reads_back() {
        let mut w = Writer::default();
        w.add("a.xml", b"<a>hello</a>");
        w.add("dir/B.xml", "表格".repeat(1000).as_bytes());
        let bytes = w.finish();
        let mut z = Archive::open(&bytes).unwrap();
        assert_eq!(z.entries().len(), 2);
        assert_eq!(z.read_text("a.xml").unwrap().unwrap(), "<a>hello</a>");
        assert_eq!(
            z.read_text("DIR\\b.xml").unwrap().unwrap(),
            "表格".repeat(1000)
        );
        assert!(z.read("missing").unwrap().is_none());
    }

    #[test]
    fn truncation_and_bombs_are_named() {
        let mut w = Writer::default();
        w.add("a.xml", &vec![b'a'; 4 * 1024 * 1024]);
        let bytes = w.finish();
        // 4 MB of one letter deflates about a thousandfold: over the ratio limit.
        let mut z = Archive::open(&bytes).unwrap();
        assert!(matches!(z.read("a.xml"), Err(FileError::Bomb { .. })));
        let cut = &bytes[..bytes.len() / 2];
        assert!(matches!(Archive::open(cut), Err(FileError::Damaged(_))));
    }
}
