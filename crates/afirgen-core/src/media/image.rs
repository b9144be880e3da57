//! Images of written complaints: header checks, and preparation for OCR (decode within
//! memory limits, camera orientation applied, greyscale, small photos enlarged).

use super::Rejection;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;

/// Refuses an image whose header declares more pixels than allowed, before anything is
/// decoded (a small file can declare a 100,000 x 100,000 canvas).
pub fn check_dimensions(
    name: &str,
    bytes: &[u8],
    max_pixels: u64,
) -> Result<(u32, u32), Rejection> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| Rejection(format!("{name} cannot be read as an image: {err}")))?;
    let (width, height) = reader.into_dimensions().map_err(|err| {
        Rejection(format!(
            "{name} is damaged: its image header cannot be read ({err})"
        ))
    })?;
    let pixels = u64::from(width) * u64::from(height);
    if width == 0 || height == 0 {
        return Err(Rejection(format!(
            "{name} declares an empty image ({width} x {height} pixels)"
        )));
    }
    if pixels > max_pixels {
        return Err(Rejection(format!(
            "{name} declares {width} x {height} pixels ({} megapixels), over the limit of {} megapixels; scan at 300 dpi or resize the photo",
            pixels / 1_000_000,
            max_pixels / 1_000_000
        )));
    }
    Ok((width, height))
}

/// Decodes an image for OCR: EXIF orientation applied, greyscale, and enlarged when it
/// is too small for Tesseract to read well (under about 1,500 pixels wide).
pub fn prepare(name: &str, bytes: &[u8], max_pixels: u64) -> Result<GrayImage, Rejection> {
    let (width, height) = check_dimensions(name, bytes, max_pixels)?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| Rejection(format!("{name} cannot be read as an image: {err}")))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    // Room for the decoded image in 4 bytes per pixel, and no more.
    limits.max_alloc = Some(max_pixels.saturating_mul(4).max(64 << 20));
    reader.limits(limits);
    let damaged = |err: image::ImageError| {
        Rejection(format!(
            "{name} is damaged or truncated and cannot be decoded ({err}); scan or photograph it again"
        ))
    };
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let orientation = decoder.orientation().map_err(damaged)?;
    let mut decoded = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    decoded.apply_orientation(orientation);
    let mut gray = decoded.to_luma8();
    if gray.width() < 1_500 {
        let factor = (1_500 / gray.width().max(1)).clamp(1, 4);
        if factor > 1 {
            gray = image::imageops::resize(
                &gray,
                gray.width() * factor,
                gray.height() * factor,
                image::imageops::FilterType::CatmullRom,
            );
        }
    }
    Ok(gray)
}

/// Rotates a page clockwise by a multiple of 90 degrees.
pub fn rotate(image: GrayImage, degrees: u32) -> GrayImage {
    match degrees % 360 {
        90 => image::imageops::rotate90(&image),
        180 => image::imageops::rotate180(&image),
        270 => image::imageops::rotate270(&image),
        _ => image,
    }
}

/// Encodes a page as PNG for Tesseract.
pub fn to_png(image: &GrayImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    // Encoding an in-memory greyscale buffer into a Vec cannot fail.
    image
        .write_to(&mut out, ImageFormat::Png)
        .expect("PNG encoding into memory");
    out.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        to_png(&GrayImage::new(width, height))
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A valid PNG whose header claims `width` x `height` (with a correct checksum).
    pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&width.to_be_bytes());
        bytes[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        bytes
    }

    #[test]
    fn refuses_decompression_bombs_from_the_header() {
        let err =
            check_dimensions("bomb.png", &png_header(100_000, 100_000), 60_000_000).unwrap_err();
        assert!(
            err.0
                .contains("100000 x 100000 pixels (10000 megapixels), over the limit of 60"),
            "{err}"
        );
        assert_eq!(
            check_dimensions("ok.png", &png(30, 20), 60_000_000).unwrap(),
            (30, 20)
        );
    }

    #[test]
    fn refuses_truncated_images() {
        let full = to_png(&GrayImage::from_fn(400, 300, |x, y| {
            image::Luma([((x * y) % 251) as u8])
        }));
        let cut = &full[..full.len() / 2];
        let err = prepare("half.png", cut, 60_000_000).unwrap_err();
        assert!(err.0.contains("half.png is damaged or truncated"), "{err}");
    }

    #[test]
    fn enlarges_small_images_and_rotates() {
        let small = prepare("small.png", &png(500, 100), 60_000_000).unwrap();
        assert_eq!((small.width(), small.height()), (1500, 300));
        let turned = rotate(GrayImage::new(10, 20), 90);
        assert_eq!((turned.width(), turned.height()), (20, 10));
    }
}
