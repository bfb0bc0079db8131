//! What the session says to the user, in one place: each message says what happened and what the
//! user can do.

use crate::saved::LoadError;

/// The longest document name accepted (in characters).
pub const MAX_NAME_CHARS: usize = 100;

pub fn read_only(name: &str) -> String {
    format!(
        "文档“{name}”正在另一个标签页中编辑。为免两边互相覆盖，这里只能查看，那边保存的修改会自动显示在这里。要在这里编辑，请点“接管编辑”（另一个标签页会改为只读）。"
    )
}

pub fn taking_over(name: &str) -> String {
    format!("正在接管文档“{name}”的编辑：等另一个标签页保存完毕……")
}

pub fn gone(name: &str) -> String {
    format!(
        "文档“{name}”已在另一个标签页中改名或删除。这里显示的是它最后的内容；请从文档列表中选择要编辑的文档。"
    )
}

pub fn full() -> String {
    "浏览器的本地存储空间已满，最新的修改没有保存。请立即点“导出 JSON”把文档保存为文件；已经保存的内容不会被删除。".to_owned()
}

pub fn unreadable(name: &str, e: &LoadError) -> String {
    format!(
        "文档“{name}”无法打开：{e}。它仍原样保存在本浏览器中，本页不会改动它；可以点“导出原文”把它存为文件。"
    )
}

pub fn aside_unreadable(label: &str, e: &LoadError) -> String {
    format!("“{label}”无法打开：{e}。它仍原样保存在本浏览器中；可以点“导出原文”把它存为文件。")
}

pub fn aside_opened(label: &str, name: &str) -> String {
    format!("已把“{label}”打开为新文档“{name}”；原来的副本仍然保留。")
}

pub fn not_found(name: &str) -> String {
    format!("没有找到文档“{name}”，它可能已在另一个标签页中改名或删除。")
}

pub fn rename_exists(to: &str) -> String {
    format!(
        "已经有名为“{to}”的文档。要用当前文档替换它吗？替换后，原来的“{to}”将被删除，无法恢复。"
    )
}

pub fn rename_locked(to: &str) -> String {
    format!("文档“{to}”正在另一个标签页中编辑，不能用这个名称，请换一个。")
}

pub fn rename_unreadable(to: &str) -> String {
    format!("名称“{to}”已被一个无法读取的文档占用（它会原样保留），请换一个名称。")
}

pub fn rename_full(from: &str, to: &str) -> String {
    format!(
        "浏览器的本地存储空间已满，无法改名为“{to}”；文档仍以“{from}”保存，没有丢失。请先导出 JSON，或删除不用的文档后再试。"
    )
}

pub fn rename_read_only() -> String {
    "这个文档正在另一个标签页中编辑，这里不能改名。".to_owned()
}

pub fn name_too_long(chars: usize) -> String {
    format!("文档名称太长（{chars} 个字），请不超过 {MAX_NAME_CHARS} 个字。")
}

pub fn leave_full(name: &str) -> String {
    format!(
        "浏览器的本地存储空间已满，当前文档“{name}”的最新修改无法保存。先把它导出为 JSON 文件，再继续吗？"
    )
}

pub fn clear() -> String {
    "清空当前文档的全部内容？（清空后可以用“撤销”恢复）".to_owned()
}

pub fn delete(label: &str) -> String {
    format!("删除“{label}”？删除后无法恢复。")
}

pub fn file_not_opened(file: &str, why: &str) -> String {
    format!("无法打开“{file}”：{why}")
}

pub fn index_rebuilt(count: usize) -> String {
    format!("已保存文档的列表无法读取，已根据本浏览器中保存的文档重新建立（共 {count} 个）。")
}

pub fn kept_both(name: &str, aside: &str) -> String {
    format!(
        "另一个页面同时修改了文档“{name}”。为免丢失，那边的版本已另存为“{aside}”，本页的内容保持不变。"
    )
}

pub fn kept_both_full(name: &str) -> String {
    format!(
        "另一个页面同时修改了文档“{name}”，但存储空间已满，无法同时保存两份：那边的版本原样保留在“{name}”中，本页的修改尚未保存。请点“导出 JSON”把本页内容存为文件。"
    )
}

pub fn moved_away(name: &str, e: &LoadError, to: &str) -> String {
    format!(
        "文档“{name}”被另一个页面改写成了本程序无法读取的内容（{e}），那份内容原样保留；本页的内容已另存为“{to}”。"
    )
}

pub fn moved_away_full(name: &str, e: &LoadError) -> String {
    format!(
        "文档“{name}”被另一个页面改写成了本程序无法读取的内容（{e}），那份内容原样保留；存储空间已满，本页的内容无法另存。请点“导出 JSON”把本页内容存为文件。"
    )
}

pub fn removed_elsewhere(name: &str) -> String {
    format!("文档“{name}”在另一个页面中被删除或改名；本页仍在编辑它，已重新保存。")
}

pub fn handover_unsaved() -> String {
    "另一个标签页接管了编辑，但本页最后的修改因存储空间已满没有保存。请点“导出 JSON”把本页内容存为文件。"
        .to_owned()
}
