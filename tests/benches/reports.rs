//! Processing a 12-megapixel camera photo to its stored form (orientation,
//! downscale to 2048 px, JPEG 80, no metadata): milliseconds on one core and
//! peak heap, against the `image` crate's default path (`load_from_memory`,
//! `resize` with Lanczos3, `JpegEncoder` at 80) measured in the same run.
//! Goal: under 500 ms and 150 MB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use sentier_core::photo::process_photo;
use sentier_testkit::bench::{Comparison, quantile, report};
use sentier_testkit::photos::synthetic_jpeg;

/// Counts live heap bytes and their high-water mark. A global allocator is
/// `unsafe` by nature: it only forwards to the system's and counts.
struct PeakAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

#[allow(unsafe_code)]
unsafe impl GlobalAlloc for PeakAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            if new_size > layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: PeakAllocator = PeakAllocator;

const RUNS: usize = 7;

/// Median milliseconds and peak heap (MB above what was live before) of `work`.
fn measure(mut work: impl FnMut()) -> (f64, f64) {
    let mut times = Vec::with_capacity(RUNS);
    let mut peak_mb: f64 = 0.0;
    for _ in 0..RUNS {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let started = Instant::now();
        work();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        peak_mb = peak_mb.max((PEAK.load(Ordering::Relaxed) - before) as f64 / 1e6);
    }
    (quantile(&mut times, 0.5), peak_mb)
}

fn image_default_path(input: &[u8]) -> Vec<u8> {
    let mut image = image::load_from_memory(input).expect("the bench photo decodes");
    image = image.resize(2048, 2048, FilterType::Lanczos3);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&image)
        .expect("encoding to memory");
    jpeg
}

fn main() {
    // 4000 x 3000 with EXIF orientation 6, as a phone held upright writes it.
    let input = synthetic_jpeg(4000, 3000, 12, Some(6));
    println!("input: 12 MP JPEG, {:.1} MB", input.len() as f64 / 1e6);
    let (baseline_ms, baseline_mb) = measure(|| {
        std::hint::black_box(image_default_path(&input));
    });
    let (ours_ms, ours_mb) = measure(|| {
        std::hint::black_box(process_photo(&input).expect("the bench photo processes"));
    });
    report(&Comparison {
        name: "12 MP photo to stored form, one core",
        value: ours_ms,
        unit: "ms",
        baseline_name: "image load_from_memory + resize Lanczos3 + JpegEncoder 80",
        baseline: baseline_ms,
        goal: "< 500 ms",
    });
    report(&Comparison {
        name: "12 MP photo to stored form, peak heap",
        value: ours_mb,
        unit: "MB",
        baseline_name: "image load_from_memory + resize Lanczos3 + JpegEncoder 80",
        baseline: baseline_mb,
        goal: "< 150 MB",
    });
}
