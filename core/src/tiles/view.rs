//! What a map shows over its basemap: the trek the hiker selected and the
//! treks drawn (every trek, or only a search's results), how that travels in
//! the tile server's URLs (`?trek=8&treks=3-5,12`), and the filtering of the
//! treks overlay down to the treks shown.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::overlay::{OverlayError, OverlayLayer};

/// A set of trek ids, kept as sorted, disjoint, non-adjacent ranges so that
/// a search's results (often runs of neighbouring ids) stay short in a URL:
/// `3-5,12`. Geotrek ids are positive; negative ids are never in the set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrekIdSet {
    ranges: Vec<(i64, i64)>,
}

impl TrekIdSet {
    /// The set of `ids` (any order, repeats allowed; negative ids dropped).
    pub fn from_ids(ids: impl IntoIterator<Item = i64>) -> TrekIdSet {
        TrekIdSet::from_ranges(ids.into_iter().filter(|id| *id >= 0).map(|id| (id, id)))
    }

    /// Parses the URL form written by [`TrekIdSet`]'s `Display`: ids and
    /// `low-high` ranges separated by commas, in any order; empty is the empty set.
    pub fn parse(text: &str) -> Result<TrekIdSet, String> {
        let id = |part: &str| -> Result<i64, String> {
            if part.is_empty() || part.len() > 19 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{part}` is not a trek id"));
            }
            part.parse()
                .map_err(|_| format!("`{part}` is not a trek id"))
        };
        let mut ranges = Vec::new();
        for part in text.split(',').filter(|part| !part.is_empty()) {
            let range = match part.split_once('-') {
                Some((low, high)) => (id(low)?, id(high)?),
                None => (id(part)?, id(part)?),
            };
            if range.0 > range.1 {
                return Err(format!("`{part}` is not an ascending range"));
            }
            ranges.push(range);
        }
        Ok(TrekIdSet::from_ranges(ranges.into_iter()))
    }

    fn from_ranges(ranges: impl Iterator<Item = (i64, i64)>) -> TrekIdSet {
        let mut sorted: Vec<(i64, i64)> = ranges.collect();
        sorted.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(sorted.len());
        for (low, high) in sorted {
            match merged.last_mut() {
                Some(last) if low <= last.1.saturating_add(1) => last.1 = last.1.max(high),
                _ => merged.push((low, high)),
            }
        }
        TrekIdSet { ranges: merged }
    }

    /// Whether `id` is in the set.
    pub fn contains(&self, id: i64) -> bool {
        let after = self.ranges.partition_point(|(low, _)| *low <= id);
        after > 0 && id <= self.ranges[after - 1].1
    }

    /// Whether the set has no id.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

impl std::fmt::Display for TrekIdSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (index, (low, high)) in self.ranges.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            match high - low {
                0 => write!(f, "{low}")?,
                1 => write!(f, "{low},{high}")?,
                _ => write!(f, "{low}-{high}")?,
            }
        }
        Ok(())
    }
}

/// What a map shows over the basemap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapView {
    /// The trek drawn over the others (the one followed or opened).
    pub selected_trek: Option<i64>,
    /// The treks drawn; `None` draws every trek of the catalog.
    pub shown_treks: Option<TrekIdSet>,
    /// The basemap (a layer's key) drawn; `None` stacks every layer.
    pub basemap: Option<String>,
}

impl MapView {
    /// Every trek, `selected_trek` drawn over the others.
    pub fn selecting(selected_trek: Option<i64>) -> MapView {
        MapView {
            selected_trek,
            ..MapView::default()
        }
    }

    /// The view read back from a URL's `trek`, `treks` and `basemap` parameters.
    pub fn from_query(
        trek: Option<i64>,
        treks: Option<&str>,
        basemap: Option<&str>,
    ) -> Result<MapView, String> {
        if let Some(key) = basemap
            && !super::layers::is_valid_layer_key(key)
        {
            return Err(format!("`{key}` cannot name a basemap"));
        }
        Ok(MapView {
            selected_trek: trek,
            shown_treks: treks.map(TrekIdSet::parse).transpose()?,
            basemap: basemap.map(str::to_string),
        })
    }

    /// The query of a URL carrying the whole view (style, map page): empty,
    /// or `?trek=8&treks=3-5,12`.
    pub fn query(&self) -> String {
        query([
            self.selected_trek.map(|trek| format!("trek={trek}")),
            self.shown_treks.as_ref().map(|set| format!("treks={set}")),
            self.basemap.as_ref().map(|key| format!("basemap={key}")),
        ])
    }

    /// The query of `overlay`'s GeoJSON URL: only the part of the view that
    /// changes that overlay, so the others stay cached across searches.
    pub fn overlay_query(&self, overlay: OverlayLayer) -> String {
        match overlay {
            OverlayLayer::SelectedTrek => MapView::selecting(self.selected_trek).query(),
            OverlayLayer::Treks => MapView {
                shown_treks: self.shown_treks.clone(),
                ..MapView::default()
            }
            .query(),
            _ => String::new(),
        }
    }
}

fn query<const N: usize>(parts: [Option<String>; N]) -> String {
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The features of a GeoJSON FeatureCollection whose `id` (or
/// `properties.id`) is an integer in `shown`, the others dropped (string
/// ids, which GeoJSON allows, name no Geotrek trek). Features are copied as
/// they were written, without being parsed into values.
pub fn keep_shown(geojson: &str, shown: &TrekIdSet) -> Result<String, OverlayError> {
    #[derive(Deserialize)]
    struct Collection<'a> {
        #[serde(borrow)]
        features: Vec<&'a RawValue>,
    }
    #[derive(Deserialize)]
    struct Identified {
        id: Option<serde_json::Value>,
        properties: Option<Properties>,
    }
    #[derive(Deserialize)]
    struct Properties {
        id: Option<serde_json::Value>,
    }
    let unavailable = |e: serde_json::Error| OverlayError::Unavailable {
        reason: format!("treks overlay: {e}"),
    };
    let collection: Collection = serde_json::from_str(geojson).map_err(unavailable)?;
    let mut kept = Vec::new();
    for feature in collection.features {
        let identified: Identified = serde_json::from_str(feature.get()).map_err(unavailable)?;
        let id = identified
            .id
            .as_ref()
            .and_then(serde_json::Value::as_i64)
            .or_else(|| {
                identified
                    .properties
                    .and_then(|p| p.id)
                    .and_then(|id| id.as_i64())
            });
        if id.is_some_and(|id| shown.contains(id)) {
            kept.push(feature.get());
        }
    }
    Ok(format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        kept.join(",")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_sets_are_written_as_merged_ranges_and_read_back() {
        let set = TrekIdSet::from_ids([12, 4, 3, 5, 5, 20, 21, -7]);
        assert_eq!(set.to_string(), "3-5,12,20,21");
        assert_eq!(TrekIdSet::parse(&set.to_string()), Ok(set.clone()));
        for (id, inside) in [
            (2, false),
            (3, true),
            (5, true),
            (6, false),
            (12, true),
            (21, true),
            (-7, false),
        ] {
            assert_eq!(set.contains(id), inside, "{id}");
        }
        assert_eq!(
            TrekIdSet::parse("9-12,1,10-15"),
            Ok(TrekIdSet::from_ids([1, 9, 10, 11, 12, 13, 14, 15]))
        );
        assert_eq!(TrekIdSet::parse(""), Ok(TrekIdSet::default()));
        assert!(TrekIdSet::parse("").unwrap().is_empty());
        for bad in [
            "a",
            "3-",
            "-3",
            "5-3",
            "1,,x",
            "1-2-3",
            "99999999999999999999",
        ] {
            assert!(TrekIdSet::parse(bad).is_err(), "{bad}");
        }
        // A range as wide as the id space stays two numbers.
        let wide = TrekIdSet::parse(&format!("0-{}", i64::MAX)).unwrap();
        assert!(wide.contains(i64::MAX) && wide.contains(0));
    }

    #[test]
    fn the_view_travels_in_urls_and_each_overlay_gets_its_part() {
        let view = MapView {
            selected_trek: Some(8),
            shown_treks: Some(TrekIdSet::from_ids([3, 4, 5])),
            basemap: Some("relief".into()),
        };
        assert_eq!(view.query(), "?trek=8&treks=3-5&basemap=relief");
        assert_eq!(view.overlay_query(OverlayLayer::Treks), "?treks=3-5");
        assert_eq!(view.overlay_query(OverlayLayer::SelectedTrek), "?trek=8");
        assert_eq!(view.overlay_query(OverlayLayer::Pois), "");
        assert_eq!(MapView::default().query(), "");
        let nothing_found = MapView {
            shown_treks: Some(TrekIdSet::default()),
            ..MapView::default()
        };
        assert_eq!(nothing_found.query(), "?treks=");
        assert_eq!(
            MapView::from_query(Some(8), Some("3-5"), Some("relief")),
            Ok(view)
        );
        assert!(MapView::from_query(None, Some("x"), None).is_err());
        assert!(MapView::from_query(None, None, Some("../x")).is_err());
    }

    #[test]
    fn only_the_shown_features_are_kept_as_written() {
        let geojson = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":1,"properties":{"name":"a"},"geometry":null},
            {"type":"Feature","properties":{"id":2,"name":"b"},"geometry":{"type":"Point","coordinates":[6.1,44.2]}},
            {"type":"Feature","properties":null,"geometry":null},
            {"type":"Feature","id":3,"properties":{},"geometry":null},
            {"type":"Feature","id":"3","properties":{"id":"x"},"geometry":null},
            {"type":"Feature","id":2.5,"properties":{"id":[2]},"geometry":null}]}"#;
        let kept: serde_json::Value =
            serde_json::from_str(&keep_shown(geojson, &TrekIdSet::from_ids([2, 3])).unwrap())
                .unwrap();
        let features = kept["features"].as_array().unwrap();
        assert_eq!(features.len(), 2);
        assert_eq!(features[0]["geometry"]["coordinates"][0], 6.1);
        assert_eq!(features[1]["id"], 3);
        let none: serde_json::Value =
            serde_json::from_str(&keep_shown(geojson, &TrekIdSet::default()).unwrap()).unwrap();
        assert_eq!(none["features"].as_array().map(Vec::len), Some(0));
        assert!(keep_shown("[1]", &TrekIdSet::default()).is_err());
    }
}
