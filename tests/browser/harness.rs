//! Headless Chromium on the real built file, opened from file://, recording every request.
//!
//! `cargo xtask test` builds `dist/hedui.html` and runs these tests with `HEDUI_HTML` pointing at it
//! and `HEDUI_CHROME` at Debian's Chromium. Each page gets a fresh profile and a fresh folder that
//! holds a copy of the one file and nothing else, as on a USB stick.

use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Browser as CdpBrowser, Network, Page as CdpPage};
use headless_chrome::{Browser, LaunchOptions};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Where the built page is: `HEDUI_HTML`, or `dist/hedui.html` in the repository.
pub fn built_html() -> PathBuf {
    std::env::var_os("HEDUI_HTML").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist/hedui.html"),
        PathBuf::from,
    )
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    )
}

/// Records CSP violations, and when the first finding appears, from before the page's own code runs.
const PAGE_SPY: &str = "window.__heduiCsp = [];\
document.addEventListener('securitypolicyviolation', e => window.__heduiCsp.push(e.blockedURI + ' ' + e.violatedDirective));\
new MutationObserver((_, obs) => { if (document.querySelector('[data-rule]')) { window.__heduiFirstFinding = performance.now(); obs.disconnect(); } })\
  .observe(document, { childList: true, subtree: true });";

/// One open page of hedui.
pub struct Page {
    browser: Browser,
    pub tab: Arc<Tab>,
    requests: Arc<Mutex<Vec<String>>>,
    pub url: String,
    dir: PathBuf,
    /// The first page of a browser owns its folder (profile and copy of the file); pages opened
    /// beside it with [`Page::another`] share them.
    owns_dir: bool,
}

impl Page {
    /// Copies the built file alone into a fresh folder, opens it from file:// and waits for the app.
    pub fn open() -> Self {
        Self::open_at("")
    }

    /// As [`Page::open`], with a fragment (`#sample`) appended to the URL.
    pub fn open_at(fragment: &str) -> Self {
        let html = built_html();
        assert!(
            html.exists(),
            "{} is missing: run `cargo xtask dist` first (or `cargo xtask test`)",
            html.display()
        );
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("hedui-browser-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("profile")).unwrap();
        let usb = dir.join("usb");
        std::fs::create_dir_all(&usb).unwrap();
        std::fs::copy(&html, usb.join("hedui.html")).unwrap();
        let chrome = std::env::var_os("HEDUI_CHROME")
            .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
        let options = LaunchOptions::default_builder()
            .path(Some(chrome))
            .headless(true)
            .sandbox(false)
            .window_size(Some((1366, 768)))
            .user_data_dir(Some(dir.join("profile")))
            .idle_browser_timeout(Duration::from_secs(120))
            .args(
                [
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ]
                .iter()
                .map(OsStr::new)
                .collect(),
            )
            .build()
            .unwrap();
        let browser = Browser::new(options).expect("Chromium starts");
        let url = format!("file://{}{fragment}", usb.join("hedui.html").display());
        Self::attach(browser, url, dir, true)
    }

    /// Opens a new tab of hedui in the same browser (same profile, so the same storage), as a
    /// user opening the file a second time.
    pub fn another(&self) -> Self {
        let url = self.url.split('#').next().unwrap_or_default().to_owned();
        Self::attach(self.browser.clone(), url, self.dir.clone(), false)
    }

    fn attach(browser: Browser, url: String, dir: PathBuf, owns_dir: bool) -> Self {
        let tab = browser.new_tab().unwrap();
        tab.set_default_timeout(Duration::from_secs(20));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let sink = requests.clone();
        tab.add_event_listener(Arc::new(move |event: &Event| {
            if let Event::NetworkRequestWillBeSent(e) = event {
                sink.lock().unwrap().push(e.params.request.url.clone());
            }
        }))
        .unwrap();
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .unwrap();
        tab.call_method(CdpPage::AddScriptToEvaluateOnNewDocument {
            source: PAGE_SPY.to_owned(),
            world_name: None,
            include_command_line_api: None,
            run_immediately: None,
        })
        .unwrap();
        tab.navigate_to(&url).unwrap();
        tab.wait_until_navigated().unwrap();
        let page = Self {
            browser,
            tab,
            requests,
            url,
            dir,
            owns_dir,
        };
        page.wait_for("#hedui-app[data-ready='true']");
        page
    }

    /// Closes the tab as a user does (the page's `pagehide` handlers run).
    pub fn close(&self) {
        self.tab.close(true).unwrap();
    }

    /// Reloads the page as F5 does: the address as it is now (a fragment the page removed stays
    /// removed), and waits for the app.
    pub fn reload_in_place(&self) {
        self.tab.reload(false, None).unwrap();
        self.tab.wait_until_navigated().unwrap();
        self.wait_for("#hedui-app[data-ready='true']");
    }

    /// Lets the page download files into a folder of its own; returns the folder.
    /// Waits for a file in `dir` (from [`Self::allow_downloads`]) with extension `ext` whose name
    /// `wanted` accepts, and returns its path; fails the test when none arrives.
    pub fn downloaded(&self, dir: &Path, ext: &str, wanted: impl Fn(&str) -> bool) -> PathBuf {
        let mut found = None;
        assert!(
            self.eventually(|_| {
                found = std::fs::read_dir(dir)
                    .ok()
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| {
                        // Chromium writes `.crdownload` first, then renames.
                        let right_kind = p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
                        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                        right_kind && name.is_some_and(|n| wanted(&n))
                    });
                found.is_some()
            }),
            "no download in {}",
            dir.display()
        );
        found.unwrap_or_default()
    }

    pub fn allow_downloads(&self) -> PathBuf {
        let dir = self.dir.join("downloads");
        std::fs::create_dir_all(&dir).unwrap();
        self.tab
            .call_method(CdpBrowser::SetDownloadBehavior {
                behavior: CdpBrowser::SetDownloadBehaviorBehaviorOption::Allow,
                browser_context_id: None,
                download_path: Some(dir.display().to_string()),
                events_enabled: None,
            })
            .unwrap();
        dir
    }

    /// A file next to the page in its folder (for "open file" tests).
    pub fn write_file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A file of bytes next to the page in its folder (for "open file" tests).
    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Reloads the page, as a user pressing F5, and waits for the app.
    pub fn reload(&self) {
        self.tab.navigate_to(&self.url).unwrap();
        self.tab.wait_until_navigated().unwrap();
        self.wait_for("#hedui-app[data-ready='true']");
    }

    /// Clicks the element matching `selector`.
    pub fn click(&self, selector: &str) {
        self.tab
            .wait_for_element(selector)
            .unwrap_or_else(|e| panic!("{selector}: {e}"))
            .click()
            .unwrap();
    }

    /// Waits until `selector` matches.
    pub fn wait_for(&self, selector: &str) {
        self.tab
            .wait_for_element(selector)
            .unwrap_or_else(|e| panic!("waiting for {selector}: {e}"));
    }

    /// Evaluates JavaScript and returns its value as JSON.
    pub fn eval(&self, js: &str) -> serde_json::Value {
        let wrapped = format!("JSON.stringify((() => {{ {js} }})())");
        let result = self.tab.evaluate(&wrapped, false).unwrap();
        let text = result
            .value
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "null".into());
        serde_json::from_str(&text).unwrap()
    }

    /// Focuses a field, selects what it holds and types `text` over it, as a user would.
    pub fn type_into(&self, id: &str, text: &str) {
        let el = self.tab.wait_for_element(&format!("#{id}")).unwrap();
        el.click().unwrap();
        self.eval(&format!(
            "document.getElementById('{id}').select(); return null;"
        ));
        if text.is_empty() {
            self.tab.press_key("Backspace").unwrap();
        } else {
            self.tab.send_character(text).unwrap();
        }
    }

    /// The value shown in a field.
    pub fn value_of(&self, id: &str) -> String {
        self.eval(&format!("return document.getElementById('{id}').value;"))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// An attribute of the element with `id`.
    pub fn attr(&self, id: &str, name: &str) -> Option<String> {
        self.eval(&format!(
            "return document.getElementById('{id}').getAttribute('{name}');"
        ))
        .as_str()
        .map(str::to_owned)
    }

    /// The findings shown in the 核对结果 list: (rule, severity, text).
    pub fn findings(&self) -> Vec<(String, String, String)> {
        let v = self.eval(
            "return [...document.querySelectorAll('[aria-label=\"核对结果\"] [data-rule]')]\
             .map(e => [e.dataset.rule, e.dataset.severity, e.innerText]);",
        );
        v.as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let s = |i: usize| row[i].as_str().unwrap_or_default().to_owned();
                (s(0), s(1), s(2))
            })
            .collect()
    }

    /// Polls `probe` until it returns true or 10 seconds pass; returns the last answer.
    pub fn eventually(&self, mut probe: impl FnMut(&Self) -> bool) -> bool {
        let start = Instant::now();
        loop {
            if probe(self) {
                return true;
            }
            if start.elapsed() > Duration::from_secs(10) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Saves a screenshot as `target/screenshots/<name>.png` for humans to look at.
    pub fn screenshot(&self, name: &str) {
        let png = self
            .tab
            .capture_screenshot(
                CdpPage::CaptureScreenshotFormatOption::Png,
                None,
                None,
                true,
            )
            .unwrap();
        let dir = target_dir().join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// Every request the page attempted, except loading the page itself.
    pub fn requests(&self) -> Vec<String> {
        let page = self.url.split('#').next().unwrap_or_default().to_owned();
        let mut seen: Vec<String> = self
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|u| u.split('#').next() != Some(page.as_str()))
            // A download made in the page (导出 JSON) is a blob: URL, not a network request.
            .filter(|u| !u.starts_with("blob:") && !u.starts_with("data:"))
            .cloned()
            .collect();
        if let Some(blocked) = self.eval("return window.__heduiCsp || [];").as_array() {
            seen.extend(
                blocked
                    .iter()
                    .map(|b| format!("CSP blocked: {}", b.as_str().unwrap_or_default())),
            );
        }
        seen
    }

    /// Fails the test if the page attempted any request.
    pub fn assert_no_network(&self) {
        let seen = self.requests();
        assert!(seen.is_empty(), "the page attempted requests: {seen:#?}");
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        if self.owns_dir {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
