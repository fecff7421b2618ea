//! Importing a large GPX streams it: the heap this thread holds while a
//! 20 MB recording is imported stays a small fraction of the file (reading
//! it whole, as before, took several times its size).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write;

use sentier_core::trail::TrackStore;
use sentier_core::trail::gpx_file::import_gpx;

/// Counts this thread's live heap bytes and their peak.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(change: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + change;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: defers to the system allocator; only counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn a_large_gpx_is_imported_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.gpx");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(file, r#"<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Long</name><trkseg>"#).unwrap();
    let points = 200_000;
    for i in 0..points {
        let lat = 44.8 + f64::from(i) * 1e-5;
        writeln!(
            file,
            r#"<trkpt lat="{lat:.7}" lon="6.3000000"><ele>{:.1}</ele><time>2026-06-30T{:02}:{:02}:{:02}Z</time></trkpt>"#,
            1_000.0 + f64::from(i % 500),
            i / 3600 % 24,
            i / 60 % 60,
            i % 60
        )
        .unwrap();
    }
    writeln!(file, "</trkseg></trk></gpx>").unwrap();
    drop(file);
    let size = std::fs::metadata(&path).unwrap().len() as isize;
    assert!(size > 19_000_000, "{size}");

    let mut store = TrackStore::open(dir.path().join("tracks.sqlite")).unwrap();
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let (track, name) = import_gpx(
        &mut store,
        std::fs::File::open(&path).unwrap(),
        None,
        "x",
        0,
    )
    .unwrap();
    let peak = PEAK.with(Cell::get) - before;
    assert_eq!(name, "Long");
    assert_eq!(
        store.summary(track).unwrap().stats.point_count,
        u64::from(points as u32)
    );
    assert!(
        peak < size / 20,
        "peak heap {peak} bytes for a {size}-byte file"
    );
}
