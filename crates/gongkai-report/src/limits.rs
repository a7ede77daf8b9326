//! Bounds on untrusted input (issue 13), applied before anything is decoded: the size of the
//! file, and for ZIP containers (DOCX, XLSX) the number of entries, their total size once
//! expanded and the expansion ratio. A 2 MB DOCX zip bomb took the service to 6.3 GB and a
//! 2 MB XLSX one `report check` to 10.5 GB; with these bounds both are refused within a
//! second as `parse-unreadable`, saying why.

use std::io::{Cursor, Read};

/// How much input a parse accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file (bytes).
    pub max_bytes: usize,
    /// Most entries in a ZIP container.
    pub max_zip_entries: usize,
    /// Largest total size of a ZIP container's entries once expanded (bytes).
    pub max_unzipped: u64,
    /// Largest expansion ratio of one entry (expanded / compressed), for entries over 1 MiB.
    pub max_ratio: u64,
}

/// 20 MiB of input, 1000 entries, 100 MiB expanded, ratio 200.
pub const DEFAULT: Limits = Limits {
    max_bytes: 20 * MIB,
    max_zip_entries: 1000,
    max_unzipped: 100 * MIB as u64,
    max_ratio: 200,
};

const MIB: usize = 1024 * 1024;

impl Default for Limits {
    fn default() -> Limits {
        DEFAULT
    }
}

impl Limits {
    /// The same limits with another largest input, in MiB.
    pub fn with_max_mib(self, mib: usize) -> Limits {
        Limits {
            max_bytes: mib.saturating_mul(MIB),
            ..self
        }
    }

    /// Why `len` bytes of input are refused, if they are.
    pub fn check_size(&self, len: u64) -> Result<(), String> {
        if len <= self.max_bytes as u64 {
            return Ok(());
        }
        Err(format!(
            "文件过大：{:.1} MB，上限为 {} MB（命令行可用环境变量 GONGKAI_MAX_INPUT_MB 调整）",
            len as f64 / MIB as f64,
            self.max_bytes / MIB
        ))
    }

    /// Why a ZIP container is refused, if it is: every entry is expanded once into nothing,
    /// counting, and the count stops at the bound (the sizes an archive declares may lie).
    pub fn check_zip(&self, bytes: &[u8]) -> Result<(), String> {
        let mut archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("无法读取压缩包：{e}"))?;
        if archive.len() > self.max_zip_entries {
            return Err(format!(
                "压缩包内文件过多：{} 个，上限为 {} 个",
                archive.len(),
                self.max_zip_entries
            ));
        }
        let mut total = 0u64;
        for i in 0..archive.len() {
            let mut entry = archive
                .by_index(i)
                .map_err(|e| format!("无法读取压缩包中的第{}个文件：{e}", i + 1))?;
            let name: String = entry
                .name()
                .map(|n| n.chars().take(80).collect())
                .unwrap_or_default();
            let compressed = entry.compressed_size().max(1);
            total = self.expand(&mut entry, &name, compressed, total)?;
        }
        Ok(())
    }
}

impl Limits {
    /// Expands one entry into nothing, chunk by chunk, stopping as soon as the total or the
    /// entry's ratio is over its bound; returns the new total.
    fn expand(
        &self,
        entry: &mut impl Read,
        name: &str,
        compressed: u64,
        mut total: u64,
    ) -> Result<u64, String> {
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = entry
                .read(&mut buf)
                .map_err(|e| format!("无法解压缩包中的「{name}」：{e}"))?;
            if n == 0 {
                return Ok(total);
            }
            (size, total) = (size + n as u64, total + n as u64);
            if total > self.max_unzipped {
                return Err(format!(
                    "压缩包解压后超过 {} MB（可能是“压缩炸弹”），已拒绝读取",
                    self.max_unzipped / MIB as u64
                ));
            }
            if size > MIB as u64 && size / compressed > self.max_ratio {
                return Err(format!(
                    "压缩包中的「{name}」压缩比异常（超过 {}:1，可能是“压缩炸弹”），已拒绝读取",
                    self.max_ratio
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            out.start_file(*name, options).expect("entry");
            out.write_all(data).expect("write");
        }
        out.finish().expect("finish").into_inner()
    }

    #[test]
    fn issue13_a_zip_bomb_is_refused_by_its_ratio() {
        let bomb = zip_of(&[("word/document.xml", vec![b'0'; 50 * MIB])]);
        assert!(bomb.len() < MIB, "{} bytes", bomb.len());
        let why = DEFAULT.check_zip(&bomb).unwrap_err();
        assert!(why.contains("压缩比异常"), "{why}");
    }

    #[test]
    fn issue13_too_many_or_too_large_entries_are_refused() {
        let many: Vec<(String, Vec<u8>)> = (0..1001).map(|i| (format!("f{i}"), vec![1])).collect();
        let many: Vec<(&str, Vec<u8>)> =
            many.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
        assert!(
            DEFAULT
                .check_zip(&zip_of(&many))
                .unwrap_err()
                .contains("文件过多")
        );
        let small = Limits {
            max_unzipped: 1000,
            ..DEFAULT
        };
        let big = zip_of(&[("a", vec![7; 600]), ("b", vec![7; 600])]);
        assert!(small.check_zip(&big).unwrap_err().contains("解压后超过"));
        assert!(DEFAULT.check_zip(&big).is_ok());
    }

    #[test]
    fn issue13_input_over_the_size_limit_is_refused_with_the_limit_in_words() {
        let why = DEFAULT
            .with_max_mib(1)
            .check_size(3 * MIB as u64)
            .unwrap_err();
        assert!(why.contains("上限为 1 MB"), "{why}");
        assert!(DEFAULT.check_size(20 * MIB as u64).is_ok());
    }
}
