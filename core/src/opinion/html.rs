//! The review report as one self-contained HTML file: inline CSS, no script, no font or image to
//! fetch (its Content-Security-Policy forbids every request), so that it opens from a USB stick and
//! prints on A4 with page numbers.
//!
//! Page numbers come from CSS page-margin boxes (`@page { @bottom-center { counter(page) } }`),
//! which Chromium prints since version 131. Where a browser does not support them, the screen shows
//! a hint (not printed) to turn on the print dialog's own headers and footers, which number pages.
//! Every text that comes from a document is escaped: documents are hostile input.

use super::{Counts, Entry, Note, Opinion, OpinionFinding, Quoted, Signoff, Verdict};
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a report (and some are not allowed in HTML).
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #444; }
}
* { box-sizing: border-box; }
html { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun", sans-serif; font-size: 10.5pt; line-height: 1.55; color: #111; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.2em; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 0 0 1.5mm; break-after: avoid; }
p { margin: 1mm 0; }
p, td, th, li { overflow-wrap: anywhere; word-break: break-word; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #555; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
.summary tr, .list tr, .signoff tr { break-inside: avoid; }
.doc-title { text-align: center; margin: 0 0 4mm; color: #333; }
.summary th { width: 24%; }
.verdict td { font-weight: bold; font-size: 11.5pt; }
.v-revise .verdict td { color: #a00; }
.v-verify .verdict td, .v-incomplete .verdict td, .v-blank .verdict td { color: #8a5a00; }
.not-checked { border: 1pt solid #8a5a00; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }
.not-checked h2 { border: 0; margin: 0 0 1mm; color: #8a5a00; }
.not-checked ul { margin: 0; padding-left: 5mm; }
.finding { border-top: 0.75pt solid #999; padding: 2.5mm 0 3mm; }
.finding .sev { display: inline-block; padding: 0 1.5mm; border: 0.75pt solid; font-size: 9.5pt; margin-right: 1mm; }
.sev-error .sev { color: #a00; }
.sev-warning .sev { color: #8a5a00; }
.sev-info .sev { color: #255; }
.fields th { width: 30%; font-weight: normal; background: #f6f6f6; }
.fields .blamed th { font-weight: bold; }
.quote { white-space: pre-wrap; }
.mark { margin-top: 1.5mm; padding: 1.5mm 2mm; background: #f4f4f4; border-left: 2pt solid #555; }
.mark.accept { border-color: #a00; }
.mark.ignore { border-color: #888; }
.muted { color: #555; }
.signoff { margin-top: 10mm; break-inside: avoid; }
.signoff td { border: 0; padding: 3mm 0; width: 50%; }
.line { display: inline-block; min-width: 45mm; border-bottom: 0.75pt solid #111; }
.batch table.list th, .batch table.list td { font-size: 9.5pt; padding: 1mm 1.2mm; }
.batch .num { text-align: right; }
.opinion + .opinion, .batch + .opinion { break-before: page; }
.hint { border: 1pt dashed #888; padding: 2mm 3mm; color: #444; font-size: 9.5pt; }
a { color: inherit; }
@media print { .hint { display: none; } body { padding: 0; max-width: none; } }
"#;

fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"核对 hedui\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
<p class=\"hint\">打印：A4 纵向。页码印在每页页脚；如打印出的页面没有页码，请在打印对话框中勾选“页眉和页脚”。此提示不会打印。</p>\n",
        escape(title)
    );
}

fn tail(out: &mut String) {
    out.push_str("</body>\n</html>\n");
}

fn or_blank(s: &str) -> String {
    if s.trim().is_empty() {
        "<span class=\"muted\">（未填写）</span>".to_owned()
    } else {
        escape(s)
    }
}

fn row(out: &mut String, heading: &str, value_html: &str) {
    let _ = writeln!(out, "<tr><th>{heading}</th><td>{value_html}</td></tr>");
}

fn counts_html(c: &Counts) -> String {
    format!(
        "错误 {} 个，警告 {} 个，提示 {} 个",
        c.errors, c.warnings, c.infos
    )
}

fn marks_html(c: &Counts, findings: usize) -> String {
    let unmarked = findings.saturating_sub(c.accepted + c.ignored);
    format!(
        "采纳 {} 个，忽略 {} 个，未标记 {unmarked} 个",
        c.accepted, c.ignored
    )
}

fn quoted(out: &mut String, q: &Quoted) {
    let role = if q.blamed { "（疑误）" } else { "" };
    let _ = writeln!(
        out,
        "<tr class=\"{}\"><th>{}{role}</th><td class=\"quote\">{}</td></tr>",
        if q.blamed { "blamed" } else { "context" },
        escape(&q.label),
        or_blank(&q.text)
    );
}

fn note_html(out: &mut String, n: &Note) {
    let _ = write!(
        out,
        "<tr><th>{}</th><td><span class=\"quote\">{}</span>",
        escape(&n.field.label),
        or_blank(&n.field.text)
    );
    if let Some(then) = &n.then {
        let _ = write!(
            out,
            "<br><span class=\"muted\">批注时内容：<span class=\"quote\">{}</span></span>",
            or_blank(then)
        );
    }
    let _ = writeln!(out, "<br>批注：{}</td></tr>", escape(&n.comment));
}

fn finding_html(out: &mut String, id: &str, f: &OpinionFinding) {
    let _ = writeln!(
        out,
        "<div class=\"finding sev-{}\" id=\"{id}-f{}\" data-key=\"{}\">",
        f.severity.key(),
        f.number,
        escape(&f.key)
    );
    let project = f
        .project
        .as_deref()
        .map(|p| format!(" · {}", escape(p)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<h3>{}. <span class=\"sev\">{}</span>{} {}{project}</h3>",
        f.number,
        f.severity.label(),
        escape(&f.rule),
        escape(&f.rule_title)
    );
    let _ = writeln!(out, "<p class=\"message\">{}</p>", escape(&f.message));
    if !f.fields.is_empty() {
        out.push_str("<table class=\"fields\">\n");
        for q in &f.fields {
            quoted(out, q);
        }
        out.push_str("</table>\n");
    }
    if let Some(s) = &f.suggestion {
        let _ = writeln!(out, "<p class=\"suggestion\">建议：{}</p>", escape(s));
    }
    for a in &f.also {
        let _ = writeln!(out, "<p class=\"also muted\">另见 {}</p>", escape(a));
    }
    let (class, decision) = match f.decision {
        Some(d) => (
            match d {
                crate::model::Decision::Accept => "accept",
                crate::model::Decision::Ignore => "ignore",
            },
            d.label(),
        ),
        None => ("none", "未标记"),
    };
    let _ = write!(
        out,
        "<div class=\"mark {class}\">审核意见：<strong>{decision}</strong>"
    );
    if !f.reason.is_empty() {
        let _ = write!(out, "（理由：{}）", escape(&f.reason));
    }
    if !f.comment.is_empty() {
        let _ = write!(out, "<br>批注：{}", escape(&f.comment));
    }
    out.push_str("</div>\n");
    if !f.notes.is_empty() {
        out.push_str("<table class=\"fields notes\">\n");
        for n in &f.notes {
            note_html(out, n);
        }
        out.push_str("</table>\n");
    }
    out.push_str("</div>\n");
}

fn signoff_html(out: &mut String, s: &Signoff) {
    let field = |v: &str| {
        if v.trim().is_empty() {
            "<span class=\"line\">&nbsp;</span>".to_owned()
        } else {
            format!("<span class=\"line\">{}</span>", escape(v))
        }
    };
    let _ = writeln!(
        out,
        "<table class=\"signoff\"><tr><td>审核人：{}</td><td>日期：{}</td></tr></table>",
        field(&s.reviewer),
        field(&s.date)
    );
}

/// One document's report, as an `<article>` (for a page that holds several).
pub fn article(out: &mut String, id: &str, o: &Opinion, signoff: &Signoff) {
    let _ = writeln!(
        out,
        "<article class=\"opinion v-{}\" id=\"{id}\" data-verdict=\"{}\">",
        o.verdict.key(),
        o.verdict.key()
    );
    out.push_str("<h1>审核意见</h1>\n");
    if !o.title.is_empty() {
        let _ = writeln!(out, "<p class=\"doc-title\">{}</p>", escape(&o.title));
    }
    out.push_str("<table class=\"summary\">\n");
    row(out, "单位", &or_blank(&o.unit_name));
    row(out, "单位编码", &or_blank(&o.unit_code));
    row(out, "预算年度", &or_blank(&o.year));
    row(out, "文件", &or_blank(&o.source));
    row(out, "审核日期", &or_blank(&signoff.date));
    let budget = match (&o.budget, o.budget_unread) {
        (Some(b), 0) => escape(b),
        (Some(b), n) => format!("{}（另有 {n} 个项目的预算数未能读出）", escape(b)),
        (None, _) => "<span class=\"muted\">未能读出</span>".to_owned(),
    };
    row(
        out,
        "项目数 / 预算合计",
        &format!("{} 个项目；{budget}", o.projects),
    );
    row(out, "核对结果", &counts_html(&o.counts));
    row(out, "审核标记", &marks_html(&o.counts, o.findings.len()));
    let _ = writeln!(
        out,
        "<tr class=\"verdict\"><th>结论</th><td>{}</td></tr>",
        escape(&o.verdict_text)
    );
    out.push_str("</table>\n");
    if !o.not_checked.is_empty() {
        out.push_str("<section class=\"not-checked\"><h2>未能核对的内容</h2><ul>\n");
        for m in &o.not_checked {
            let _ = writeln!(out, "<li>{}</li>", escape(m));
        }
        out.push_str("</ul></section>\n");
    }
    if !o.findings.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"findings\"><h2>问题（{} 个）</h2>",
            o.findings.len()
        );
        for f in &o.findings {
            finding_html(out, id, f);
        }
        out.push_str("</section>\n");
    }
    if !o.notes.is_empty() {
        out.push_str("<section class=\"notes\"><h2>其他批注</h2><table class=\"fields\">\n");
        for n in &o.notes {
            note_html(out, n);
        }
        out.push_str("</table></section>\n");
    }
    signoff_html(out, signoff);
    out.push_str("</article>\n");
}

/// One document's report as a whole HTML file.
pub fn document(o: &Opinion, signoff: &Signoff) -> String {
    let mut out = String::new();
    let title = format!("审核意见 {} {}", o.unit_name, o.year);
    head(&mut out, title.trim());
    article(&mut out, "doc-1", o, signoff);
    tail(&mut out);
    out
}

/// The batch report as a whole HTML file: one summary table of every document, then each
/// document's report on pages of its own.
pub fn batch(entries: &[Entry], signoff: &Signoff) -> String {
    let mut out = String::new();
    head(&mut out, "审核意见汇总");
    out.push_str("<section class=\"batch\">\n<h1>审核意见汇总</h1>\n");
    let checked: Vec<&Opinion> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Checked(o) => Some(&**o),
            Entry::Unreadable { .. } => None,
        })
        .collect();
    let with = |v: Verdict| checked.iter().filter(|o| o.verdict == v).count();
    let _ = writeln!(
        out,
        "<p class=\"doc-title\">共 {} 份文件：需修改 {}，请核实 {}，核对不完整 {}，未发现问题 {}，未核对 {}，无法读取 {}{}</p>",
        entries.len(),
        with(Verdict::Revise),
        with(Verdict::Verify),
        with(Verdict::Incomplete),
        with(Verdict::Clear),
        with(Verdict::Blank),
        entries.len() - checked.len(),
        if signoff.date.trim().is_empty() {
            String::new()
        } else {
            format!("。审核日期：{}", escape(&signoff.date))
        }
    );
    out.push_str(
        "<table class=\"list\">\n<colgroup><col style=\"width:6%\"><col style=\"width:20%\"><col style=\"width:7%\"><col style=\"width:19%\"><col style=\"width:6%\"><col style=\"width:6%\"><col style=\"width:6%\"><col style=\"width:6%\"><col style=\"width:7%\"><col style=\"width:17%\"></colgroup>\n\
<tr><th>序号</th><th>单位</th><th>年度</th><th>文件</th><th>项目</th><th>错误</th><th>警告</th><th>提示</th><th>未能核对</th><th>结论</th></tr>\n",
    );
    for (i, e) in entries.iter().enumerate() {
        let n = i + 1;
        match e {
            Entry::Checked(o) => {
                let _ = writeln!(
                    out,
                    "<tr data-verdict=\"{}\"><td class=\"num\"><a href=\"#doc-{n}\">{n}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                    o.verdict.key(),
                    or_blank(&o.unit_name),
                    escape(&o.year),
                    escape(&o.source),
                    o.projects,
                    o.counts.errors,
                    o.counts.warnings,
                    o.counts.infos,
                    o.not_checked.len(),
                    o.verdict.label()
                );
            }
            Entry::Unreadable { source, reason } => {
                let _ = writeln!(
                    out,
                    "<tr data-verdict=\"unreadable\"><td class=\"num\">{n}</td><td colspan=\"2\" class=\"muted\">—</td><td>{}</td><td colspan=\"6\">无法读取：{}</td><td>未核对</td></tr>",
                    escape(source),
                    escape(reason)
                );
            }
        }
    }
    out.push_str("</table>\n");
    signoff_html(&mut out, signoff);
    out.push_str("</section>\n");
    for (i, e) in entries.iter().enumerate() {
        if let Entry::Checked(o) = e {
            article(&mut out, &format!("doc-{}", i + 1), o, signoff);
        }
    }
    tail(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_opinion() -> Opinion {
        let doc = crate::sample::seed();
        Opinion::new(&doc, &crate::check(&doc), "遵化市总工会2024.json")
    }

    /// Every tag of the file is one hedui writes, with no attribute that loads or runs anything,
    /// and the style sheet fetches nothing. Escaped document text cannot open a tag.
    fn assert_self_contained(html: &str) {
        const TAGS: &[&str] = &[
            "!doctype", "html", "head", "meta", "title", "style", "body", "p", "section", "h1",
            "h2", "h3", "table", "colgroup", "col", "tr", "th", "td", "ul", "li", "div", "span",
            "strong", "br", "a", "article",
        ];
        for tag in html.split('<').skip(1) {
            let inside = tag.split('>').next().unwrap_or_default().to_lowercase();
            let mut words = inside.split_whitespace();
            let name = words.next().unwrap_or_default().trim_start_matches('/');
            assert!(TAGS.contains(&name), "tag <{inside}>");
            for attr in words {
                assert!(!attr.starts_with("on"), "handler in <{inside}>");
                assert!(!attr.starts_with("src"), "source in <{inside}>");
                if let Some(target) = attr.strip_prefix("href=") {
                    assert!(target.starts_with("\"#"), "link out in <{inside}>");
                }
            }
        }
        let style = html
            .split("<style>")
            .nth(1)
            .unwrap()
            .split("</style>")
            .next()
            .unwrap();
        assert!(!style.contains("url(") && !style.contains("@import"));
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn one_document_prints_summary_first_and_every_finding_in_full() {
        let o = seed_opinion();
        let html = document(
            &o,
            &Signoff {
                reviewer: "张三".into(),
                date: "2024年3月5日".into(),
            },
        );
        assert_self_contained(&html);
        assert!(html.contains("@page") && html.contains("counter(page)"));
        let summary = html.find("class=\"summary\"").unwrap();
        let first = html.find("class=\"finding ").unwrap();
        assert!(summary < first);
        assert!(html.contains("<tr><th>单位</th><td>遵化市总工会本级</td></tr>"));
        assert!(html.contains("<tr><th>审核日期</th><td>2024年3月5日</td></tr>"));
        assert!(html.contains("错误 2 个，警告 3 个，提示 0 个"));
        assert!(html.contains("需修改后重新报送"));
        assert_eq!(html.matches("class=\"finding ").count(), 5);
        assert!(html.contains("2. 为 38 名唐山市级以上劳模发放荣誉津贴 450000 元。"));
        assert!(html.contains("审核人：<span class=\"line\">张三</span>"));
        assert!(!html.contains("未发现问题"));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let mut doc = crate::sample::seed();
        doc.unit_name = "<script>alert(1)</script>".into();
        doc.projects[0].goals[1] = "\"><img src=x onerror=alert(1)> 450000 元".into();
        doc.projects[0].name = "劳模基金</h3><link rel=stylesheet href=http://x>".into();
        let o = Opinion::new(&doc, &crate::check(&doc), "a&b.json");
        let html = document(&o, &Signoff::default());
        assert_self_contained(&html);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("a&amp;b.json"));
        let batch_html = batch(
            &[Entry::Unreadable {
                source: "<b>x</b>".into(),
                reason: "<i>".into(),
            }],
            &Signoff::default(),
        );
        assert_self_contained(&batch_html);
        assert!(batch_html.contains("&lt;b&gt;x&lt;/b&gt;"));
    }

    #[test]
    fn an_incomplete_document_never_reads_as_clear() {
        let mut doc = crate::sample::seed();
        doc.projects.truncate(1);
        doc.projects[0].goals[1] = doc.projects[0].goals[1].replace("450000", "45000");
        doc.projects[0].indicators[2].value = "12 月 31 日前完成".into();
        doc.projects[0].budget.total.clear();
        doc.sections.clear();
        let o = Opinion::new(&doc, &crate::check(&doc), "x.json");
        let html = document(&o, &Signoff::default());
        assert!(!html.contains("未发现问题"), "{}", o.verdict_text);
        assert!(html.contains("未能核对的内容"));
        assert!(html.contains("未找到预算数"));
    }

    #[test]
    fn a_batch_has_one_table_then_each_document() {
        let seed = seed_opinion();
        let mut clean = crate::sample::seed();
        clean.projects.truncate(1);
        clean.projects[0].goals[1] = clean.projects[0].goals[1].replace("450000", "45000");
        clean.projects[0].indicators[2].value = "12 月 31 日前完成".into();
        clean.sections.clear();
        let clean = Opinion::new(&clean, &crate::check(&clean), "clean.json");
        assert_eq!(clean.verdict, Verdict::Clear, "{:?}", clean.findings);
        let entries = vec![
            Entry::Checked(Box::new(seed)),
            Entry::Unreadable {
                source: "坏.json".into(),
                reason: "不是有效的 JSON".into(),
            },
            Entry::Checked(Box::new(clean)),
        ];
        let html = batch(&entries, &Signoff::default());
        assert_self_contained(&html);
        assert_eq!(html.matches("<article ").count(), 2);
        assert_eq!(html.matches("<tr data-verdict=").count(), 3);
        assert!(html.contains(
            "共 3 份文件：需修改 1，请核实 0，核对不完整 0，未发现问题 1，未核对 0，无法读取 1"
        ));
        assert!(html.contains("id=\"doc-3\""));
        assert!(html.contains("href=\"#doc-3\""));
        let table = html.find("class=\"list\"").unwrap();
        let first_article = html.find("<article ").unwrap();
        assert!(table < first_article);
        assert!(html.contains("无法读取：不是有效的 JSON"));
    }
}
