//! A static file server for `dist/` with the fallback a single-page app needs: an address
//! that is not a file (`/doc/3`) gets `index.html`, as on any static host set up for SPAs;
//! responses are gzipped for clients that accept it, as static hosts do.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tiny_http::{Header, Response, Server};

pub struct StaticServer {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl StaticServer {
    /// Serves `root` on 127.0.0.1 at a free port, on a background thread.
    pub fn start(root: &Path) -> std::io::Result<StaticServer> {
        let server = Arc::new(Server::http("127.0.0.1:0").map_err(std::io::Error::other)?);
        let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or_default();
        let root = root.to_owned();
        let worker = Arc::clone(&server);
        let log = Arc::new(Mutex::new(Vec::new()));
        let worker_log = Arc::clone(&log);
        let thread = std::thread::spawn(move || {
            // Compressed once per file, as a host's cache would.
            let mut gzipped_files = std::collections::HashMap::<String, Vec<u8>>::new();
            for request in worker.incoming_requests() {
                if let Ok(mut log) = worker_log.lock() {
                    log.push(request.url().to_owned());
                }
                let (status, body, mime) = respond(&root, request.url());
                let header = Header::from_bytes("Content-Type", mime).expect("static header is valid");
                let gzipped = if accepts_gzip(&request) && status == 200 {
                    let key = request.url().to_owned();
                    match gzipped_files.get(&key) {
                        Some(bytes) => Some(bytes.clone()),
                        None => gzip(&body).inspect(|bytes| {
                            gzipped_files.insert(key, bytes.clone());
                        }),
                    }
                } else {
                    None
                };
                let compressed = gzipped.is_some();
                let mut response = Response::from_data(gzipped.unwrap_or(body))
                    .with_status_code(status)
                    .with_header(header);
                if compressed {
                    response.add_header(
                        Header::from_bytes("Content-Encoding", "gzip").expect("static header is valid"),
                    );
                }
                // A client that hung up is not the server's problem.
                let _ = request.respond(response);
            }
        });
        Ok(StaticServer {
            server,
            thread: Some(thread),
            port,
            log,
        })
    }

    /// Every URL requested so far (path and query), in order.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Compressed as static hosts serve it (GitHub Pages, Netlify, nginx with gzip on), so
/// load times and Lighthouse's figures are the ones a visitor gets.
fn accepts_gzip(request: &tiny_http::Request) -> bool {
    request
        .headers()
        .iter()
        .any(|h| h.field.equiv("Accept-Encoding") && h.value.as_str().contains("gzip"))
}

fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

fn respond(root: &Path, url: &str) -> (u16, Vec<u8>, &'static str) {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(file) = resolve(root, path) else {
        return (404, b"not found".to_vec(), "text/plain");
    };
    match std::fs::read(&file) {
        Ok(bytes) => (200, bytes, mime(&file)),
        Err(_) => (404, b"not found".to_vec(), "text/plain"),
    }
}

/// The file for a URL path; `index.html` for app routes; `None` for a missing asset or a
/// path that tries to leave `root`.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = PathBuf::from(url_path.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let candidate = root.join(&relative);
    if candidate.is_file() {
        return Some(candidate);
    }
    let looks_like_asset = relative.extension().is_some();
    (!looks_like_asset).then(|| root.join("index.html"))
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") | Some("webmanifest") => "application/json",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}
