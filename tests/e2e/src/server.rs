//! A static file server for `dist/`, in the two ways hosts treat an address that is no file
//! (`/doc/3`): a host set up for single-page apps answers with `index.html`; GitHub Pages
//! answers with the site's `404.html` (status 404). Responses are gzipped for clients that
//! accept it, as static hosts do. The directory served can be switched while it runs, as a
//! deploy replaces a site under its visitors.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use tiny_http::{Header, Response, Server};

/// How the server answers a path that names no file.
#[derive(Clone, Copy, Debug)]
enum Host {
    /// `index.html` of the root, status 200, for any path without an extension (a missing
    /// asset stays a 404): a host configured for single-page apps.
    SinglePageApp,
    /// The nearest `404.html` up the path (a project site's own, `/dossier/404.html`), status
    /// 404; every response carries `Cache-Control: max-age=600`. This is what GitHub Pages
    /// does, and its HTTP caching is what a new deploy has to get past.
    GithubPages,
}

/// How long GitHub Pages lets browsers reuse a response without asking again.
const GITHUB_PAGES_CACHE_CONTROL: &str = "max-age=600";

pub struct StaticServer {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    port: u16,
    root: Arc<RwLock<PathBuf>>,
    log: Arc<Mutex<Vec<String>>>,
}

impl StaticServer {
    /// Serves `root` on 127.0.0.1 at a free port, on a background thread, as a host set up
    /// for single-page apps: every app address gets the root's `index.html`.
    pub fn start(root: &Path) -> std::io::Result<StaticServer> {
        StaticServer::launch(root, Host::SinglePageApp)
    }

    /// Serves `root` as GitHub Pages serves a site: a directory's `index.html`, the
    /// nearest `404.html` (status 404) for any other missing file, and responses that
    /// browsers may cache for ten minutes.
    pub fn start_like_github_pages(root: &Path) -> std::io::Result<StaticServer> {
        StaticServer::launch(root, Host::GithubPages)
    }

    fn launch(root: &Path, host: Host) -> std::io::Result<StaticServer> {
        let server = Arc::new(Server::http("127.0.0.1:0").map_err(std::io::Error::other)?);
        let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or_default();
        let root = Arc::new(RwLock::new(root.to_owned()));
        let worker = Arc::clone(&server);
        let worker_root = Arc::clone(&root);
        let log = Arc::new(Mutex::new(Vec::new()));
        let worker_log = Arc::clone(&log);
        let thread = std::thread::spawn(move || {
            // Compressed once per file, as a host's cache would; keyed by the file's path,
            // so switching to another directory never serves the old one's bytes.
            let gzipped_files = Arc::new(Mutex::new(HashMap::<PathBuf, Vec<u8>>::new()));
            for request in worker.incoming_requests() {
                if let Ok(mut log) = worker_log.lock() {
                    log.push(request.url().to_owned());
                }
                let root = worker_root.read().map(|r| r.clone()).unwrap_or_default();
                let gzipped_files = Arc::clone(&gzipped_files);
                // Each answer on a thread of its own, as a real host answers requests in
                // parallel: one at a time, a browser's preloads and the page's own fetches
                // can wait on each other's connections and the page never starts.
                std::thread::spawn(move || answer(request, &root, host, &gzipped_files));
            }
        });
        Ok(StaticServer {
            server,
            thread: Some(thread),
            port,
            root,
            log,
        })
    }

    /// From the next request on, serves `root` instead: a deploy of another build on the
    /// same origin (so the same service worker registration and caches).
    pub fn switch_root(&self, root: &Path) {
        if let Ok(mut current) = self.root.write() {
            *current = root.to_owned();
        }
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

/// Answers one request from `root`, gzipped when the client accepts it.
fn answer(
    request: tiny_http::Request,
    root: &Path,
    host: Host,
    gzipped_files: &Mutex<HashMap<PathBuf, Vec<u8>>>,
) {
    let answer = respond(root, request.url(), host);
    let gzipped = match &answer.file {
        Some(file) if accepts_gzip(&request) => {
            let cached = gzipped_files
                .lock()
                .ok()
                .and_then(|files| files.get(file).cloned());
            cached.or_else(|| {
                gzip(&answer.body).inspect(|bytes| {
                    if let Ok(mut files) = gzipped_files.lock() {
                        files.insert(file.clone(), bytes.clone());
                    }
                })
            })
        }
        _ => None,
    };
    let compressed = gzipped.is_some();
    let mut response = Response::from_data(gzipped.unwrap_or(answer.body))
        .with_status_code(answer.status)
        .with_header(header("Content-Type", answer.mime));
    if compressed {
        response.add_header(header("Content-Encoding", "gzip"));
    }
    if matches!(host, Host::GithubPages) {
        response.add_header(header("Cache-Control", GITHUB_PAGES_CACHE_CONTROL));
    }
    // A client that hung up is not the server's problem.
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("static header is valid")
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

/// What the server sends for one request.
struct Answer {
    status: u16,
    body: Vec<u8>,
    mime: &'static str,
    /// The file the body is, when it is one (worth compressing and caching).
    file: Option<PathBuf>,
}

impl Answer {
    fn file(status: u16, file: PathBuf) -> Answer {
        match std::fs::read(&file) {
            Ok(body) => Answer {
                status,
                body,
                mime: mime(&file),
                file: Some(file),
            },
            Err(_) => Answer::not_found(),
        }
    }

    fn not_found() -> Answer {
        Answer {
            status: 404,
            body: b"not found".to_vec(),
            mime: "text/plain",
            file: None,
        }
    }
}

fn respond(root: &Path, url: &str, host: Host) -> Answer {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = PathBuf::from(path.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Answer::not_found(); // tries to leave the root
    }
    let candidate = root.join(&relative);
    if candidate.is_file() {
        return Answer::file(200, candidate);
    }
    if candidate.join("index.html").is_file() {
        return Answer::file(200, candidate.join("index.html"));
    }
    match host {
        Host::SinglePageApp if relative.extension().is_none() => Answer::file(200, root.join("index.html")),
        Host::SinglePageApp => Answer::not_found(),
        Host::GithubPages => match nearest_404_page(root, &relative) {
            Some(page) => Answer::file(404, page),
            None => Answer::not_found(),
        },
    }
}

/// The `404.html` in the deepest directory of `relative`'s parents (the root included).
fn nearest_404_page(root: &Path, relative: &Path) -> Option<PathBuf> {
    relative
        .ancestors()
        .skip(1)
        .map(|dir| root.join(dir).join("404.html"))
        .find(|page| page.is_file())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("dossier/doc")).unwrap();
        std::fs::write(dir.path().join("dossier/index.html"), "app").unwrap();
        std::fs::write(dir.path().join("dossier/404.html"), "app as 404").unwrap();
        std::fs::write(dir.path().join("dossier/app.js"), "js").unwrap();
        dir
    }

    #[test]
    fn github_pages_answers_a_project_sites_missing_paths_with_its_404_page() {
        let site = site();
        let answer = respond(site.path(), "/dossier/doc/3?q=x", Host::GithubPages);
        assert_eq!((answer.status, answer.body.as_slice()), (404, &b"app as 404"[..]));
        let missing_asset = respond(site.path(), "/dossier/old-1234.js", Host::GithubPages);
        assert_eq!(missing_asset.status, 404);
        let outside = respond(site.path(), "/elsewhere", Host::GithubPages);
        assert_eq!(
            (outside.status, outside.body.as_slice()),
            (404, &b"not found"[..])
        );
        let index = respond(site.path(), "/dossier/", Host::GithubPages);
        assert_eq!((index.status, index.body.as_slice()), (200, &b"app"[..]));
    }

    #[test]
    fn a_single_page_app_host_answers_addresses_but_not_assets_with_the_index() {
        let site = site();
        let root = site.path().join("dossier");
        let address = respond(&root, "/doc/3", Host::SinglePageApp);
        assert_eq!((address.status, address.body.as_slice()), (200, &b"app"[..]));
        assert_eq!(respond(&root, "/gone.wasm", Host::SinglePageApp).status, 404);
        assert_eq!(respond(&root, "/app.js", Host::SinglePageApp).body, b"js");
        assert_eq!(respond(&root, "/../secret", Host::SinglePageApp).status, 404);
    }
}
