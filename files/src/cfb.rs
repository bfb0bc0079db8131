//! The OLE compound file (CFB) that holds `.xls` workbooks, and also encrypted `.xlsx` files
//! (an `EncryptionInfo` and an `EncryptedPackage` stream in place of the zip).
//!
//! Only what reading needs: the directory's stream names and a stream's bytes. Every sector chain
//! is bounded by the number of sectors in the file, so a looping chain costs no more than the file.

use crate::error::FileError;

const FREE: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// An opened compound file.
pub struct Store<'a> {
    data: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    cutoff: u64,
    entries: Vec<DirEntry>,
}

struct DirEntry {
    name: String,
    kind: u8,
    start: u32,
    size: u64,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        d.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        d.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn damaged(what: &str) -> FileError {
    FileError::Damaged(what.to_owned())
}

impl<'a> Store<'a> {
    /// Reads the header, the allocation tables and the directory.
    pub fn open(data: &'a [u8]) -> Result<Self, FileError> {
        let shift = u32::from(u16_at(data, 30).ok_or_else(|| damaged("复合文档头不完整"))?);
        if !(7..=16).contains(&shift) {
            return Err(damaged("复合文档头无效"));
        }
        let mini_shift = u32::from(u16_at(data, 32).unwrap_or(6));
        if mini_shift != 6 {
            return Err(damaged("复合文档头无效"));
        }
        let sector = 1usize << shift;
        let sectors = data.len().saturating_sub(512) / sector + 1;
        let mut store = Self {
            data,
            shift,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            cutoff: u64::from(u32_at(data, 56).unwrap_or(4096)),
            entries: Vec::new(),
        };
        // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
        let fat_count = u32_at(data, 44).unwrap_or(0) as usize;
        if fat_count > sectors {
            return Err(damaged("复合文档分配表无效"));
        }
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(data, 76 + 4 * i))
            .filter(|&s| s != FREE)
            .collect();
        let mut difat = u32_at(data, 68).unwrap_or(END_OF_CHAIN);
        let per = sector / 4 - 1;
        let mut guard = 0;
        while difat != END_OF_CHAIN && difat != FREE && guard <= sectors {
            guard += 1;
            let Some(bytes) = store.sector(difat) else {
                break;
            };
            fat_sectors.extend(
                (0..per)
                    .filter_map(|i| u32_at(bytes, 4 * i))
                    .filter(|&s| s != FREE),
            );
            difat = u32_at(bytes, 4 * per).unwrap_or(END_OF_CHAIN);
        }
        fat_sectors.truncate(fat_count.max(1));
        for s in fat_sectors {
            if let Some(bytes) = store.sector(s) {
                store
                    .fat
                    .extend(bytes.chunks_exact(4).filter_map(|c| u32_at(c, 0)));
            }
        }
        let dir = store.chain(u32_at(data, 48).unwrap_or(END_OF_CHAIN), None);
        for raw in dir.chunks_exact(128) {
            let name_len = usize::from(u16_at(raw, 64).unwrap_or(0)).min(64);
            let units: Vec<u16> = raw
                .get(..name_len.saturating_sub(2))
                .unwrap_or_default()
                .chunks_exact(2)
                .filter_map(|c| u16_at(c, 0))
                .collect();
            let size = u64::from(u32_at(raw, 120).unwrap_or(0))
                | if shift == 12 {
                    u64::from(u32_at(raw, 124).unwrap_or(0)) << 32
                } else {
                    0
                };
            store.entries.push(DirEntry {
                name: String::from_utf16_lossy(&units),
                kind: raw.get(66).copied().unwrap_or(0),
                start: u32_at(raw, 116).unwrap_or(END_OF_CHAIN),
                size,
            });
        }
        let root = store
            .entries
            .first()
            .filter(|e| e.kind == 5)
            .map(|e| (e.start, e.size));
        if let Some((start, size)) = root {
            store.mini_stream = store.chain(start, Some(size));
        }
        let mini_fat = store.chain(u32_at(data, 60).unwrap_or(END_OF_CHAIN), None);
        store.mini_fat = mini_fat
            .chunks_exact(4)
            .filter_map(|c| u32_at(c, 0))
            .collect();
        Ok(store)
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let at = (n as usize).checked_add(1)?.checked_mul(size)?;
        self.data.get(at..at.checked_add(size)?)
    }

    /// The bytes of a chain of regular sectors, cut to `size` when given.
    fn chain(&self, start: u32, size: Option<u64>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        // At most as many steps as the file has sectors: a looping chain costs no more than the file.
        let limit = self.data.len() >> self.shift;
        while s != END_OF_CHAIN && s != FREE && steps <= limit {
            steps += 1;
            let Some(bytes) = self.sector(s) else {
                break;
            };
            out.extend_from_slice(bytes);
            if size.is_some_and(|n| out.len() as u64 >= n) {
                break;
            }
            s = self.fat.get(s as usize).copied().unwrap_or(END_OF_CHAIN);
        }
        if let Some(n) = size {
            out.truncate(usize::try_from(n).unwrap_or(usize::MAX));
        }
        out
    }

    fn mini_chain(&self, start: u32, size: u64) -> Vec<u8> {
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        let limit = self.mini_stream.len() / 64;
        while s != END_OF_CHAIN && s != FREE && steps <= limit {
            steps += 1;
            let at = (s as usize) * 64;
            let Some(bytes) = self.mini_stream.get(at..at + 64) else {
                break;
            };
            out.extend_from_slice(bytes);
            if out.len() as u64 >= size {
                break;
            }
            s = self
                .mini_fat
                .get(s as usize)
                .copied()
                .unwrap_or(END_OF_CHAIN);
        }
        out.truncate(usize::try_from(size).unwrap_or(usize::MAX));
        out
    }

    /// Whether a stream or storage named `name` exists.
    pub fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.kind != 0 && e.name.eq_ignore_ascii_case(name))
    }

    /// The bytes of the stream named `name`, if there is one.
    pub fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let e = self
            .entries
            .iter()
            .find(|e| e.kind == 2 && e.name.eq_ignore_ascii_case(name))?;
        Some(if e.size < self.cutoff {
            self.mini_chain(e.start, e.size)
        } else {
            self.chain(e.start, Some(e.size))
        })
    }
}
