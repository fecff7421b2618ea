//! The Geotrek-mobile tree at `/mobile/`, answered as a park's nginx does
//! (Geotrek-admin's `try_files /$http_accept_language/$1 /nolang/$1 =404`):
//! `/mobile/X` from `<Accept-Language>/X`, else `nolang/X`. Files carry the
//! static host's `ETag`, honour `Range` (with `If-Range`) and
//! `If-None-Match`, and the body bytes sent per path are counted so tests
//! check what a client fetched.

use std::path::Path;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

use super::body_response;
use crate::pack_server::{etag_of, resolve};

/// Answers `path` (after `/mobile/`) from the tree at `root`; the second
/// value is the number of body bytes sent.
pub(super) fn answer(root: &Path, path: &str, headers: &HeaderMap) -> (Response, u64) {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let language = text(header::ACCEPT_LANGUAGE)
        .map(str::trim)
        .filter(|language| !language.is_empty());
    let candidates = language
        .map(|language| format!("{language}/{path}"))
        .into_iter()
        .chain([format!("nolang/{path}")]);
    let Some(file) = candidates
        .filter_map(|candidate| resolve(root, &candidate))
        .find(|file| file.is_file())
    else {
        return (status(StatusCode::NOT_FOUND), 0);
    };
    let (Ok(bytes), Ok(metadata)) = (std::fs::read(&file), std::fs::metadata(&file)) else {
        return (status(StatusCode::INTERNAL_SERVER_ERROR), 0);
    };
    let etag = etag_of(&metadata);
    if text(header::IF_NONE_MATCH) == Some(etag.as_str()) {
        let mut response = status(StatusCode::NOT_MODIFIED);
        set(&mut response, header::ETAG, &etag);
        return (response, 0);
    }
    let size = bytes.len() as u64;
    let range_applies = text(header::IF_RANGE).is_none_or(|tag| tag == etag);
    let range = text(header::RANGE)
        .filter(|_| range_applies)
        .and_then(|range| byte_range(range, size));
    let (mut response, sent) = match range {
        Some(Ok((start, end))) => {
            let part = bytes[start as usize..=end as usize].to_vec();
            let mut response = body_response(
                StatusCode::PARTIAL_CONTENT,
                "application/octet-stream",
                part,
            );
            set(
                &mut response,
                header::CONTENT_RANGE,
                &format!("bytes {start}-{end}/{size}"),
            );
            (response, end - start + 1)
        }
        Some(Err(())) => {
            let mut response = status(StatusCode::RANGE_NOT_SATISFIABLE);
            set(
                &mut response,
                header::CONTENT_RANGE,
                &format!("bytes */{size}"),
            );
            return (response, 0);
        }
        None => {
            let content_type = if path.ends_with(".zip") {
                "application/zip"
            } else {
                "application/json"
            };
            (body_response(StatusCode::OK, content_type, bytes), size)
        }
    };
    set(&mut response, header::ETAG, &etag);
    set(&mut response, header::ACCEPT_RANGES, "bytes");
    (response, sent)
}

/// The first and last byte `range` (`bytes=A-B`, `bytes=A-`, `bytes=-N`)
/// asks of `size` bytes; `Err` when none of it is there, `None` when it is
/// not a single byte range (the whole file is sent, as nginx does).
fn byte_range(range: &str, size: u64) -> Option<Result<(u64, u64), ()>> {
    let (first, last) = range.trim().strip_prefix("bytes=")?.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    let (start, end) = if first.is_empty() {
        let suffix: u64 = last.parse().ok()?;
        (size.saturating_sub(suffix), size.checked_sub(1)?)
    } else {
        let start: u64 = first.parse().ok()?;
        let end = match last {
            "" => size.saturating_sub(1),
            last => last.parse::<u64>().ok()?.min(size.saturating_sub(1)),
        };
        (start, end)
    };
    Some(if start >= size || start > end {
        Err(())
    } else {
        Ok((start, end))
    })
}

fn status(status: StatusCode) -> Response {
    body_response(status, "text/plain", Vec::new())
}

fn set(response: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::byte_range;

    #[test]
    fn byte_ranges_are_read_as_nginx_reads_them() {
        assert_eq!(byte_range("bytes=0-0", 10), Some(Ok((0, 0))));
        assert_eq!(byte_range("bytes=4-", 10), Some(Ok((4, 9))));
        assert_eq!(byte_range("bytes=4-99", 10), Some(Ok((4, 9))));
        assert_eq!(byte_range("bytes=-3", 10), Some(Ok((7, 9))));
        assert_eq!(byte_range("bytes=10-", 10), Some(Err(())));
        assert_eq!(byte_range("bytes=0-1,4-5", 10), None);
        assert_eq!(byte_range("lines=1-2", 10), None);
    }
}
