//! A minimal HTTP/1.1 client over a raw socket, so the kit's tests see
//! exactly what the server sends (short bodies, endless streams) without a
//! client library smoothing it over.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;

/// What came back.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the body ended before its announced length.
    pub cut_short: bool,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }
}

fn split_url(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (
        host.to_string(),
        if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
    )
}

fn connect(url: &str, timeout: Option<Duration>) -> (BufReader<TcpStream>, String) {
    let (host, path) = split_url(url);
    assert!(
        host.starts_with("127.0.0.1:"),
        "tests only talk to loopback, not {host}"
    );
    let mut stream = TcpStream::connect(&host).expect("connect to the test server");
    stream.set_read_timeout(timeout).expect("read timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send request");
    (BufReader::new(stream), path)
}

fn read_head(reader: &mut BufReader<TcpStream>) -> std::io::Result<(u16, Vec<(String, String)>)> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((k, v)) = trimmed.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok((status, headers))
}

fn read_chunked(reader: &mut BufReader<TcpStream>, limit: usize) -> (Vec<u8>, bool) {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        if reader.read_line(&mut size_line).unwrap_or(0) == 0 {
            return (body, true);
        }
        let Ok(size) = usize::from_str_radix(size_line.trim(), 16) else {
            return (body, true);
        };
        if size == 0 {
            return (body, false);
        }
        let mut chunk = vec![0; size + 2];
        if reader.read_exact(&mut chunk).is_err() {
            return (body, true);
        }
        body.extend_from_slice(&chunk[..size]);
        if body.len() >= limit {
            return (body, false);
        }
    }
}

/// GETs `url`, reading at most `limit` body bytes (then hanging up).
pub fn get_limited(url: &str, limit: usize, timeout: Option<Duration>) -> std::io::Result<Reply> {
    let (mut reader, _) = connect(url, timeout);
    let (status, headers) = read_head(&mut reader)?;
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let (body, cut_short) = if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        read_chunked(&mut reader, limit)
    } else if let Some(length) = header("content-length").and_then(|l| l.parse::<usize>().ok()) {
        let mut body = Vec::new();
        let read = reader.take(length.min(limit) as u64).read_to_end(&mut body);
        let short = read.is_err() || (body.len() < length && body.len() < limit);
        (body, short)
    } else {
        let mut body = Vec::new();
        let _ = reader.take(limit as u64).read_to_end(&mut body);
        (body, false)
    };
    Ok(Reply {
        status,
        headers,
        body,
        cut_short,
    })
}

/// GETs `url`, whole body.
pub fn get(url: &str) -> Reply {
    get_limited(url, usize::MAX, Some(Duration::from_secs(60))).expect("a reply")
}

/// GETs `url` and decodes it as JSON, asserting a 200.
pub fn get_json(url: &str) -> Value {
    let reply = get(url);
    assert_eq!(
        reply.status,
        200,
        "{url}: {}",
        String::from_utf8_lossy(&reply.body)
    );
    reply.json()
}

/// Follows `next` links from `url`, returning every page.
pub fn walk_pages(url: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut next = Some(url.to_string());
    while let Some(url) = next {
        let page = get_json(&url);
        next = page["next"].as_str().map(str::to_string);
        pages.push(page);
        assert!(pages.len() < 10_000, "pagination does not end");
    }
    pages
}
