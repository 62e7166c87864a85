//! SVG charts rendered to PNG in-process (resvg), so a chart for an article needs no
//! external converter.
//!
//! Text needs a font with Chinese glyphs. [`system_fonts`] loads the machine's fonts and
//! makes the first CJK family it finds the generic `sans-serif` the charts fall back to;
//! with none, rendering refuses with the package to install rather than drawing empty
//! boxes.

use std::sync::Arc;

use anyhow::{anyhow, bail, Result};
use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};

/// CJK families looked for, in order of preference (the charts name the first ones too).
const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
    "Noto Serif CJK SC",
];

/// The machine's fonts, with a CJK family as `sans-serif`.
pub fn system_fonts() -> Result<fontdb::Database> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let family = CJK_FAMILIES
        .iter()
        .find(|f| db.faces().any(|face| face.families.iter().any(|(name, _)| name == *f)))
        .ok_or_else(|| {
            anyhow!("no font with Chinese characters found for the PNG chart; install one (Debian: apt-get install fonts-noto-cjk) or write an .svg chart instead")
        })?;
    db.set_sans_serif_family(*family);
    Ok(db)
}

/// Render an SVG document to PNG bytes, at `scale` (1.0: the SVG's own pixel size).
pub fn render(svg: &str, fonts: fontdb::Database, scale: f32) -> Result<Vec<u8>> {
    let opts = usvg::Options { fontdb: Arc::new(fonts), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &opts).map_err(|e| anyhow!("chart SVG: {e}"))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| anyhow!("chart size out of range"))?;
    let Some(mut pixmap) = tiny_skia::Pixmap::new(size.width(), size.height()) else {
        bail!("chart of {}×{} pixels cannot be allocated", size.width(), size.height());
    };
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| anyhow!("PNG encoding: {e}"))
}
