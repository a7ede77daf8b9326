//! The CJK fonts a PDF is set in: a file the user names, or one found among the fonts Debian
//! installs (`fonts-noto-cjk`, `fonts-wqy-microhei`, `fonts-wqy-zenhei`). Measured with skrifa
//! (the font reader krilla itself uses) so lines and table cells wrap where the glyphs end.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Regular faces, best first: 思源宋体 (Noto Serif CJK SC) is the closest free match to the
/// 宋体/仿宋 of official documents. Noto's collections hold the SC face at index 2.
const REGULAR: [(&str, u32); 4] = [
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
];

/// Bold faces for the title and headings; without one, bold is drawn by stroking the regular.
const BOLD: [(&str, u32); 2] = [
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
];

/// One face of a font file.
#[derive(Clone)]
pub struct Face {
    pub(crate) data: Arc<Vec<u8>>,
    pub(crate) index: u32,
    path: PathBuf,
}

impl Face {
    /// Reads the face and makes sure it can set Chinese text.
    pub fn load(path: &Path, index: u32) -> Result<Face, String> {
        let data =
            std::fs::read(path).map_err(|e| format!("无法读取字体文件 {}：{e}", path.display()))?;
        let face = Face {
            data: Arc::new(data),
            index,
            path: path.to_path_buf(),
        };
        let font = face
            .font()
            .ok_or_else(|| format!("{} 不是可用的字体文件", path.display()))?;
        if font.charmap().map('公').is_none() {
            return Err(format!("字体 {} 不含中文字形", path.display()));
        }
        Ok(face)
    }

    /// The file it was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(&self.data, self.index).ok()
    }

    /// The advance of `text` at `size` points; a character the font lacks counts one em.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let Some(font) = self.font() else {
            return text.chars().count() as f32 * size;
        };
        let (charmap, metrics) = (
            font.charmap(),
            font.glyph_metrics(Size::new(size), LocationRef::default()),
        );
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size)
            })
            .sum()
    }
}

/// The faces a PDF uses.
#[derive(Clone)]
pub struct Fonts {
    /// Body text and tables.
    pub regular: Face,
    /// Title and headings, when a bold face is installed.
    pub bold: Option<Face>,
}

impl Fonts {
    /// The font file the user named (`path` or `path#index` for a collection), else the best
    /// installed one; the error names the Debian package to install.
    pub fn discover(named: Option<&str>) -> Result<Fonts, String> {
        if let Some(named) = named {
            let (path, index) = match named.rsplit_once('#') {
                Some((p, i)) => (p, i.parse().map_err(|_| format!("字体序号无效：{i}"))?),
                None => (named, 0),
            };
            let regular = Face::load(Path::new(path), index)?;
            return Ok(Fonts {
                regular,
                bold: None,
            });
        }
        let regular = first_installed(&REGULAR).ok_or_else(|| {
            format!("生成 PDF 需要中文字体，但本机没有找到：{FONT_HINT}，或用 --font 指定字体文件")
        })?;
        let bold = first_installed(&BOLD);
        Ok(Fonts { regular, bold })
    }
}

/// What to install when no CJK font is found (shown to operators and in the console).
pub const FONT_HINT: &str =
    "请安装 Debian 软件包 fonts-noto-cjk（apt install fonts-noto-cjk）或 fonts-wqy-microhei";

/// Whether a CJK font for PDFs is installed where [`Fonts::discover`] looks.
pub fn installed() -> bool {
    REGULAR.iter().any(|(p, _)| Path::new(p).exists())
}

fn first_installed(candidates: &[(&str, u32)]) -> Option<Face> {
    candidates
        .iter()
        .filter(|(p, _)| Path::new(p).exists())
        .find_map(|(p, i)| Face::load(Path::new(p), *i).ok())
}
