//! A static file server for `dist/`, in the two ways hosts treat an address that is no file
//! (`/doc/3`): a host set up for single-page apps answers with `index.html`; GitHub Pages
//! answers with the site's `404.html` (status 404). Responses are gzipped for clients that
//! accept it, as static hosts do. The directory served can be switched while it runs, as a
//! deploy replaces a site under its visitors. A file can be held back after its first bytes
//! until the test lets it go ([`StaticServer::hold`]), as a slow link does with its tail.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread::JoinHandle;

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
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    port: u16,
}

/// What the accepting thread and every connection's thread read.
struct Shared {
    host: Host,
    root: RwLock<PathBuf>,
    log: Mutex<Vec<String>>,
    /// Compressed once per file, as a host's cache would; keyed by the file's path, so
    /// switching to another directory never serves the old one's bytes.
    gzipped: Mutex<HashMap<PathBuf, Vec<u8>>>,
    /// Open connections, shut when the server stops: a dropped server is a site gone
    /// offline, and a kept-alive connection must not outlive it.
    open: Mutex<Vec<TcpStream>>,
    stopping: AtomicBool,
    /// Files held back after their first bytes ([`StaticServer::hold`]), and the signal
    /// that lets them go.
    held: Mutex<Option<Hold>>,
    released: Condvar,
}

/// Which files are held back, and after how many bytes.
#[derive(Clone)]
struct Hold {
    prefix: String,
    after: usize,
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

    /// One thread accepts, and each connection gets a thread of its own that answers its
    /// requests in turn (HTTP/1.1 keep-alive), as a real host answers a browser's six
    /// connections in parallel. (tiny_http, used before, now and then left a new
    /// connection unserved and the page hung on its wasm.)
    fn launch(root: &Path, host: Host) -> std::io::Result<StaticServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared {
            host,
            root: RwLock::new(root.to_owned()),
            log: Mutex::new(Vec::new()),
            gzipped: Mutex::new(HashMap::new()),
            open: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
            held: Mutex::new(None),
            released: Condvar::new(),
        });
        let accepting = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stopping.load(Ordering::Acquire) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if let (Ok(mut open), Ok(copy)) = (accepting.open.lock(), stream.try_clone()) {
                    open.push(copy);
                }
                let shared = Arc::clone(&accepting);
                std::thread::spawn(move || serve_connection(stream, &shared));
            }
        });
        Ok(StaticServer {
            shared,
            thread: Some(thread),
            port,
        })
    }

    /// From the next request on, serves `root` instead: a deploy of another build on the
    /// same origin (so the same service worker registration and caches).
    pub fn switch_root(&self, root: &Path) {
        if let Ok(mut current) = self.shared.root.write() {
            *current = root.to_owned();
        }
    }

    /// From the next request on, sends files whose name starts with `prefix` up to their
    /// first `after` bytes only, uncompressed (so the count is exact), and the rest once
    /// [`StaticServer::release`] is called: a page's behaviour while a file is still
    /// arriving, made deterministic.
    pub fn hold(&self, prefix: &str, after: usize) {
        if let Ok(mut held) = self.shared.held.lock() {
            *held = Some(Hold {
                prefix: prefix.to_owned(),
                after,
            });
        }
    }

    /// Sends the rest of every held file, and holds none from now on.
    pub fn release(&self) {
        if let Ok(mut held) = self.shared.held.lock() {
            *held = None;
        }
        self.shared.released.notify_all();
    }

    /// The directory served now.
    pub fn root(&self) -> PathBuf {
        self.shared.root.read().map(|r| r.clone()).unwrap_or_default()
    }

    /// Every URL requested so far (path and query), in order.
    pub fn requests(&self) -> Vec<String> {
        self.shared.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::Release);
        self.release();
        // Wakes the accepting thread, which then sees `stopping`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if let Ok(open) = self.shared.open.lock() {
            for stream in open.iter() {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }
}

/// One request's head: what the server looks at.
struct RequestHead {
    method: String,
    target: String,
    gzip: bool,
    close: bool,
}

/// Reads a request head (the request line and headers); `None` at the end of the
/// connection or on anything that is not HTTP. Requests here have no body.
fn read_head(reader: &mut impl BufRead) -> Option<RequestHead> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let (mut gzip, mut close) = (false, false);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        let value = value.trim().to_ascii_lowercase();
        if name.eq_ignore_ascii_case("accept-encoding") {
            gzip = value.contains("gzip");
        } else if name.eq_ignore_ascii_case("connection") {
            close = value == "close";
        }
    }
    Some(RequestHead {
        method,
        target,
        gzip,
        close,
    })
}

/// Answers a connection's requests until the client closes it or the server stops.
fn serve_connection(stream: TcpStream, shared: &Shared) {
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    while let Some(head) = read_head(&mut reader) {
        if shared.stopping.load(Ordering::Acquire) {
            return;
        }
        if let Ok(mut log) = shared.log.lock() {
            log.push(head.target.clone());
        }
        let root = shared.root.read().map(|r| r.clone()).unwrap_or_default();
        let answer = respond(&root, &head.target, shared.host);
        let hold = answer.file.as_deref().and_then(|file| held(shared, file));
        let body = match &answer.file {
            Some(file) if head.gzip && hold.is_none() => gzipped(file, &answer.body, &shared.gzipped),
            _ => None,
        };
        let compressed = body.is_some();
        let body = body.unwrap_or(answer.body);
        let mut response = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
            answer.status,
            if answer.status == 200 { "OK" } else { "Not Found" },
            answer.mime,
            body.len()
        );
        if compressed {
            response.push_str("Content-Encoding: gzip\r\n");
        }
        if matches!(shared.host, Host::GithubPages) {
            response.push_str(&format!("Cache-Control: {GITHUB_PAGES_CACHE_CONTROL}\r\n"));
        }
        response.push_str(if head.close {
            "Connection: close\r\n\r\n"
        } else {
            "\r\n"
        });
        let sent = writer.write_all(response.as_bytes()).and_then(|()| {
            if head.method == "HEAD" {
                Ok(())
            } else if let Some(after) = hold.filter(|&a| a < body.len()) {
                writer.write_all(&body[..after])?;
                writer.flush()?;
                wait_for_release(shared);
                writer.write_all(&body[after..])
            } else {
                writer.write_all(&body)
            }
        });
        // A client that hung up is not the server's problem.
        if sent.and_then(|()| writer.flush()).is_err() || head.close {
            return;
        }
    }
}

/// After how many bytes `file` is held back, if it is.
fn held(shared: &Shared, file: &Path) -> Option<usize> {
    let hold = shared.held.lock().ok()?.clone()?;
    let name = file.file_name()?.to_str()?;
    name.starts_with(&hold.prefix).then_some(hold.after)
}

/// Returns once [`StaticServer::release`] is called or the server stops.
fn wait_for_release(shared: &Shared) {
    let Ok(mut held) = shared.held.lock() else { return };
    while held.is_some() && !shared.stopping.load(Ordering::Acquire) {
        match shared.released.wait(held) {
            Ok(next) => held = next,
            Err(_) => return,
        }
    }
}

/// `body` gzipped, from the cache when this file was compressed before.
fn gzipped(file: &Path, body: &[u8], cache: &Mutex<HashMap<PathBuf, Vec<u8>>>) -> Option<Vec<u8>> {
    if let Some(bytes) = cache.lock().ok().and_then(|files| files.get(file).cloned()) {
        return Some(bytes);
    }
    let bytes = gzip(body)?;
    if let Ok(mut files) = cache.lock() {
        files.insert(file.to_owned(), bytes.clone());
    }
    Some(bytes)
}

/// Compressed as static hosts serve it (GitHub Pages, Netlify, nginx with gzip on), so
/// load times and Lighthouse's figures are the ones a visitor gets.
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
    fn a_held_file_stops_after_its_first_bytes_until_released() {
        use std::io::Read;
        let site = site();
        let root = site.path().join("dossier");
        std::fs::write(root.join("corpus-1.bin"), b"headbody").unwrap();
        let server = StaticServer::start(&root).unwrap();
        server.hold("corpus-", 4);
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream
            .write_all(b"GET /corpus-1.bin HTTP/1.1\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 256];
        while !got.ends_with(b"head") {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "closed early");
            got.extend_from_slice(&buf[..n]);
        }
        assert!(
            !String::from_utf8_lossy(&got).contains("gzip"),
            "a held file is sent as is"
        );
        server.release();
        // Read by length, not to the end: the server keeps every connection it opened
        // until it stops.
        while !got.ends_with(b"headbody") {
            let n = stream.read(&mut buf).unwrap();
            assert!(n > 0, "closed before the rest");
            got.extend_from_slice(&buf[..n]);
        }
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
