//! The query parameters of Geotrek's API v2 (`pagination.py`, `filters.py`,
//! drf-dynamic-fields, rest_framework_gis), parsed the way the real server
//! reads them: a bad `page` is a 404, a bad `page_size` falls back to the
//! default, unknown parameters are ignored.

use std::collections::BTreeSet;

use time::Date;
use time::macros::format_description;

/// Geotrek's default page size.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// Geotrek's largest page size; bigger requests are cut to it.
pub const MAX_PAGE_SIZE: usize = 1_000;

/// Which sensitive areas to list (`period`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodFilter {
    /// No `period`: only areas sensitive this month, like the real server.
    CurrentMonth,
    /// `period=any`: sensitive in at least one month.
    Any,
    /// `period=ignore`: all.
    Ignore,
    /// `period=7,8`: sensitive in one of these months (1-12).
    Months(Vec<usize>),
}

/// The requested page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageRequest {
    Number(usize),
    Last,
}

/// Every parameter a list or detail request can carry.
#[derive(Clone, Debug)]
pub struct ApiQuery {
    /// The query pairs in their order, to rebuild `next`/`previous`.
    pub pairs: Vec<(String, String)>,
    pub page: Result<PageRequest, ()>,
    pub page_size: usize,
    pub no_page: bool,
    /// `None` for no `language` or `language=all`.
    pub language: Option<String>,
    pub fields: Option<BTreeSet<String>>,
    pub omit: Option<BTreeSet<String>>,
    pub ids: Option<BTreeSet<u64>>,
    /// `portals=1,2`: objects shown on one of these portals.
    pub portals: Option<BTreeSet<u64>>,
    /// `in_bbox=W,S,E,N` in WGS84.
    pub in_bbox: Option<[f64; 4]>,
    /// `dist` metres around `point=lng,lat`.
    pub distance: Option<(f64, [f64; 2])>,
    pub updated_after: Option<Date>,
    pub updated_before: Option<Date>,
    pub period: PeriodFilter,
}

fn csv_set(value: &str) -> BTreeSet<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn floats<const N: usize>(value: &str) -> Option<[f64; N]> {
    let parts: Vec<f64> = value
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    parts.try_into().ok()
}

fn date(value: &str) -> Option<Date> {
    Date::parse(value, format_description!("[year]-[month]-[day]")).ok()
}

impl ApiQuery {
    /// Parses a raw query string (`a=1&b=2`, percent-encoded).
    pub fn parse(raw: Option<&str>) -> ApiQuery {
        let pairs: Vec<(String, String)> = raw
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        let get = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let page = match get("page") {
            None => Ok(PageRequest::Number(1)),
            Some("last") => Ok(PageRequest::Last),
            Some(value) => match value.parse::<usize>() {
                Ok(number) if number >= 1 => Ok(PageRequest::Number(number)),
                _ => Err(()),
            },
        };
        let page_size = get("page_size")
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|size| *size > 0)
            .map_or(DEFAULT_PAGE_SIZE, |size| size.min(MAX_PAGE_SIZE));
        let language = get("language")
            .filter(|l| !l.is_empty() && *l != "all")
            .map(str::to_string);
        let id_set = |name: &str| {
            get(name).filter(|v| !v.is_empty()).map(|v| {
                v.split(',')
                    .filter_map(|id| id.trim().parse::<u64>().ok())
                    .collect()
            })
        };
        let ids = id_set("ids");
        let portals = id_set("portals");
        let distance = get("dist")
            .and_then(|d| d.parse::<f64>().ok())
            .zip(get("point").and_then(floats::<2>));
        let period = match get("period") {
            None | Some("") => PeriodFilter::CurrentMonth,
            Some("any") => PeriodFilter::Any,
            Some("ignore") => PeriodFilter::Ignore,
            Some(months) => PeriodFilter::Months(
                months
                    .split(',')
                    .filter_map(|m| m.trim().parse::<usize>().ok())
                    .filter(|m| (1..=12).contains(m))
                    .collect(),
            ),
        };
        ApiQuery {
            page,
            page_size,
            no_page: get("no_page").is_some(),
            language,
            fields: get("fields").map(csv_set),
            omit: get("omit").map(csv_set),
            ids,
            portals,
            in_bbox: get("in_bbox").and_then(floats::<4>),
            distance,
            updated_after: get("updated_after").and_then(date),
            updated_before: get("updated_before").and_then(date),
            period,
            pairs,
        }
    }

    /// The query string with `page` set to `page` (or removed for `None`),
    /// keys sorted like DRF's `replace_query_param` does.
    pub fn with_page(&self, page: Option<usize>) -> String {
        let mut pairs: Vec<(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != "page")
            .cloned()
            .collect();
        if let Some(page) = page {
            pairs.push(("page".into(), page.to_string()));
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_parse_like_geotrek() {
        let q = ApiQuery::parse(Some(
            "page=2&page_size=5000&language=en&fields=id,name&in_bbox=6.1,44.7,6.2,44.8&updated_after=2026-01-31&period=7,8",
        ));
        assert_eq!(q.page, Ok(PageRequest::Number(2)));
        assert_eq!(q.page_size, MAX_PAGE_SIZE);
        assert_eq!(q.language.as_deref(), Some("en"));
        assert_eq!(
            q.fields,
            Some(["id".to_string(), "name".to_string()].into())
        );
        assert_eq!(q.in_bbox, Some([6.1, 44.7, 6.2, 44.8]));
        assert_eq!(q.updated_after, Some(time::macros::date!(2026 - 01 - 31)));
        assert_eq!(q.period, PeriodFilter::Months(vec![7, 8]));
        assert_eq!(ApiQuery::parse(Some("page=0")).page, Err(()));
        assert_eq!(
            ApiQuery::parse(Some("page_size=-3")).page_size,
            DEFAULT_PAGE_SIZE
        );
        assert_eq!(ApiQuery::parse(Some("language=all")).language, None);
        assert_eq!(ApiQuery::parse(None).period, PeriodFilter::CurrentMonth);
    }

    #[test]
    fn page_links_sort_keys_like_drf() {
        let q = ApiQuery::parse(Some("page_size=10&language=fr&in_bbox=6,44,7,45&page=2"));
        assert_eq!(
            q.with_page(Some(3)),
            "in_bbox=6%2C44%2C7%2C45&language=fr&page=3&page_size=10"
        );
        assert_eq!(
            q.with_page(None),
            "in_bbox=6%2C44%2C7%2C45&language=fr&page_size=10"
        );
    }
}
