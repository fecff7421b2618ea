//! The synthetic park's relief: a deterministic elevation function over WGS84
//! coordinates, with valleys and ridges between 800 and 3,500 m, smooth at
//! hiking scale and a few metres of roughness, so 3D trails get realistic
//! ascents.

use std::sync::LazyLock;

use super::geodesy::LocalFrame;

/// Lowest elevation of the park: the valley floors, metres.
pub const FLOOR_ELEVATION: f64 = 800.0;
/// Highest elevation of the park: the summits, metres.
pub const SUMMIT_ELEVATION: f64 = 3_500.0;

/// The elevation model of one territory (its seed shapes the mountains).
#[derive(Clone, Debug)]
pub struct Terrain {
    seed: u64,
    frame: LocalFrame,
}

impl Terrain {
    pub fn new(seed: u64, frame: LocalFrame) -> Self {
        Terrain { seed, frame }
    }

    /// Elevation in metres at `(lng, lat)`, rounded to the decimetre like a DEM.
    pub fn elevation(&self, lng: f64, lat: f64) -> f64 {
        let (east, north) = self.frame.to_metres(lng, lat);
        (self.elevation_metric(east / 1000.0, north / 1000.0) * 10.0).round() / 10.0
    }

    fn elevation_metric(&self, x_km: f64, y_km: f64) -> f64 {
        // Regional uplift: the core of the massif is higher than its edges.
        let regional = 0.5 + 0.5 * fbm(self.seed ^ 0x5eed, x_km / 28.0, y_km / 28.0, 2);
        // Ridges and valleys: ridged noise, wavelengths from 9 km down to ~1 km.
        let mut ridges = 0.0;
        let mut weight = 1.0;
        let mut total = 0.0;
        let mut scale = 1.0 / 9.0;
        for octave in 0..3 {
            let n = gradient_noise(self.seed.wrapping_add(octave), x_km * scale, y_km * scale);
            let ridge = 1.0 - n.abs() * 1.4;
            ridges += weight * ridge.max(0.0).powi(2);
            total += weight;
            weight *= 0.4;
            scale *= 2.1;
        }
        let ridges = ridges / total;
        let height = (0.45 * regional + 0.75 * ridges - 0.12).clamp(0.0, 1.0);
        // Flat valley floors, steep upper slopes.
        let shaped = smoothstep(0.08, 1.0, height).powf(1.15);
        let base = FLOOR_ELEVATION + (SUMMIT_ELEVATION - FLOOR_ELEVATION) * shaped;
        // Hillocks at hiking scale and a few metres of roughness.
        let detail = 6.0 * fbm(self.seed ^ 0xd17a, x_km / 0.35, y_km / 0.35, 3)
            + 0.5 * gradient_noise(self.seed ^ 0x2046, x_km / 0.04, y_km / 0.04);
        (base + detail).clamp(FLOOR_ELEVATION, SUMMIT_ELEVATION)
    }
}

fn smoothstep(edge0: f64, edge1: f64, x: f64) -> f64 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Fractal sum of `octaves` gradient-noise octaves, in about [-1, 1].
fn fbm(seed: u64, x: f64, y: f64, octaves: u64) -> f64 {
    let mut sum = 0.0;
    let mut amplitude = 1.0;
    let mut norm = 0.0;
    let (mut fx, mut fy) = (x, y);
    for octave in 0..octaves {
        sum += amplitude * gradient_noise(seed.wrapping_add(octave * 7919), fx, fy);
        norm += amplitude;
        amplitude *= 0.5;
        fx *= 2.0;
        fy *= 2.0;
    }
    sum / norm
}

/// 2D Perlin gradient noise in about [-1, 1], seeded.
fn gradient_noise(seed: u64, x: f64, y: f64) -> f64 {
    let x0 = x.floor();
    let y0 = y.floor();
    let (dx, dy) = (x - x0, y - y0);
    let (ix, iy) = (x0 as i64, y0 as i64);
    let dot = |cx: i64, cy: i64, ox: f64, oy: f64| {
        let (gx, gy) = GRADIENTS[(lattice_hash(seed, cx, cy) >> 58) as usize];
        gx * ox + gy * oy
    };
    let n00 = dot(ix, iy, dx, dy);
    let n10 = dot(ix + 1, iy, dx - 1.0, dy);
    let n01 = dot(ix, iy + 1, dx, dy - 1.0);
    let n11 = dot(ix + 1, iy + 1, dx - 1.0, dy - 1.0);
    let (u, v) = (fade(dx), fade(dy));
    let nx0 = n00 + u * (n10 - n00);
    let nx1 = n01 + u * (n11 - n01);
    (nx0 + v * (nx1 - nx0)) * std::f64::consts::SQRT_2
}

/// 64 unit vectors evenly around the circle: the lattice gradients.
static GRADIENTS: LazyLock<[(f64, f64); 64]> = LazyLock::new(|| {
    std::array::from_fn(|i| {
        let angle = i as f64 / 64.0 * std::f64::consts::TAU;
        (angle.cos(), angle.sin())
    })
});

fn fade(t: f64) -> f64 {
    t * t * t * (t * (t * 6.0 - 15.0) + 10.0)
}

/// SplitMix64 over a lattice point: a well-mixed 64-bit hash.
fn lattice_hash(seed: u64, x: i64, y: i64) -> u64 {
    let mut z = seed
        ^ (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn park() -> Terrain {
        Terrain::new(7, LocalFrame::new(6.3, 44.8))
    }

    #[test]
    fn elevations_span_valleys_and_summits() {
        let terrain = park();
        let mut samples = Vec::new();
        for i in 0..120 {
            for j in 0..80 {
                samples.push(terrain.elevation(6.0 + 0.005 * i as f64, 44.6 + 0.005 * j as f64));
            }
        }
        samples.sort_by(f64::total_cmp);
        let low = samples[samples.len() / 20];
        let high = samples[samples.len() * 19 / 20];
        assert!(samples[0] >= FLOOR_ELEVATION && samples[samples.len() - 1] <= SUMMIT_ELEVATION);
        assert!(low < 1_400.0, "5th percentile {low}");
        assert!(high > 2_600.0, "95th percentile {high}");
    }

    #[test]
    fn terrain_is_smooth_at_hiking_scale() {
        let terrain = park();
        // 10 m apart (~0.00009° of latitude): steep alpine slopes, never a wall.
        for i in 0..2_000 {
            let lng = 6.0 + 0.0003 * i as f64;
            let lat = 44.8 + 0.0001 * (i % 37) as f64;
            let step = terrain.elevation(lng, lat + 0.00009) - terrain.elevation(lng, lat);
            assert!(step.abs() < 20.0, "{step} m over 10 m at {lng},{lat}");
        }
    }

    #[test]
    fn same_seed_same_relief() {
        let a = park();
        let b = park();
        assert_eq!(a.elevation(6.21, 44.73), b.elevation(6.21, 44.73));
        let other = Terrain::new(8, LocalFrame::new(6.3, 44.8));
        assert_ne!(a.elevation(6.21, 44.73), other.elevation(6.21, 44.73));
    }
}
