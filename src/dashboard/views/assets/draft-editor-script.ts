/**
 * The 稿件 editor's script (no build step; the page works without it). It adds: the live phone
 * preview (the form is posted into the preview frame 0.7 s after the last keystroke, with its
 * CSRF token, as the "刷新预览" button does), the toolbar, pictures by drag and drop or from the
 * album (each uploaded at once, then its Markdown inserted at the cursor), and the slug suggestion.
 */
export const DRAFT_EDITOR_JS = `
(function () {
  "use strict";
  var form = document.querySelector("form[data-editor]");
  if (!form) return;
  var body = form.querySelector("[data-body]");
  var frame = document.querySelector("iframe[data-preview]");
  var previewButton = form.querySelector("[data-preview-button]");
  var status = form.querySelector("[data-picture-status]");
  var timer = null;
  var keep = { x: 0, y: 0, dark: false };

  function remember() {
    try {
      var w = frame.contentWindow, d = frame.contentDocument;
      keep.x = w.scrollX; keep.y = w.scrollY;
      var sw = d && d.getElementById("dark-mode");
      keep.dark = !!(sw && sw.checked);
    } catch (e) { /* not loaded yet */ }
  }
  frame.addEventListener("load", function () {
    try {
      var sw = frame.contentDocument.getElementById("dark-mode");
      if (sw && keep.dark) sw.checked = true;
      frame.contentWindow.scrollTo(keep.x, keep.y);
    } catch (e) { /* ignore */ }
    frame.setAttribute("data-loaded", String(Date.now()));
  });
  function refresh() {
    timer = null;
    remember();
    if (form.requestSubmit) form.requestSubmit(previewButton); else previewButton.click();
  }
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  }
  form.addEventListener("input", function (e) {
    if (e.target && e.target.type === "file") return;
    schedule();
  });
  form.addEventListener("change", function (e) {
    if (e.target && e.target.type === "file") return;
    schedule();
  });
  // A new post: the preview shows what is typed from the start.
  if (!form.querySelector("input[name=name]").value) refresh();

  function insert(before, after, placeholder) {
    var start = body.selectionStart, end = body.selectionEnd, text = body.value;
    var picked = text.slice(start, end) || placeholder || "";
    body.value = text.slice(0, start) + before + picked + after + text.slice(end);
    body.focus();
    body.selectionStart = start + before.length;
    body.selectionEnd = start + before.length + picked.length;
    schedule();
  }
  function lineStart(prefix) {
    var start = body.selectionStart, text = body.value;
    var at = text.lastIndexOf("\\n", start - 1) + 1;
    body.value = text.slice(0, at) + prefix + text.slice(at);
    body.focus();
    body.selectionStart = body.selectionEnd = start + prefix.length;
    schedule();
  }
  var toolbar = form.querySelector("[data-toolbar]");
  var picker = form.querySelector("[data-picture-input]");
  if (toolbar) {
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-md]");
      if (!b) return;
      var what = b.getAttribute("data-md");
      if (what === "bold") insert("**", "**", "加粗文字");
      else if (what === "h2") lineStart("## ");
      else if (what === "ul") lineStart("- ");
      else if (what === "ol") lineStart("1. ");
      else if (what === "image") picker.click();
    });
  }

  function say(text, bad) {
    status.textContent = text;
    status.className = "picture-status" + (bad ? " bad" : "");
  }
  function postName() {
    var name = form.querySelector("input[name=name]").value;
    if (name) return name;
    var slug = form.querySelector("[data-slug]");
    return slug ? (slug.value || slug.getAttribute("data-suggested") || "") : "";
  }
  function upload(files) {
    var list = Array.prototype.slice.call(files || []);
    if (list.length === 0) return;
    var chain = Promise.resolve();
    list.forEach(function (file) {
      chain = chain.then(function () {
        say("正在上传 " + file.name + " ……", false);
        var data = new FormData();
        data.append("_csrf", form.querySelector("input[name=_csrf]").value);
        data.append("post", postName());
        data.append("file", file, file.name);
        return fetch("/dashboard/drafts/images", { method: "POST", body: data, headers: { accept: "application/json" }, credentials: "same-origin" })
          .then(function (res) { return res.json().catch(function () { return { ok: false, problem: "上传失败（" + res.status + "），请刷新页面后重试。" }; }); })
          .then(function (r) {
            if (!r.ok) { say(r.problem, true); return; }
            var at = body.selectionStart, before = body.value.slice(0, at);
            var lead = before === "" || /\\n\\n$/.test(before) ? "" : /\\n$/.test(before) ? "\\n" : "\\n\\n";
            insert(lead + "![" + r.name + "](" + r.ref + ")\\n\\n", "", "");
            say(r.note, false);
          })
          .catch(function () { say("上传失败：网络中断，请重试。", true); });
      });
    });
  }
  picker.addEventListener("change", function () { upload(picker.files); picker.value = ""; });
  var drop = form.querySelector("[data-drop]");
  [drop, body].forEach(function (zone) {
    zone.addEventListener("dragover", function (e) {
      if (!e.dataTransfer || Array.prototype.indexOf.call(e.dataTransfer.types, "Files") < 0) return;
      e.preventDefault();
      drop.classList.add("over");
    });
    zone.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      if (!e.dataTransfer || e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      drop.classList.remove("over");
      upload(e.dataTransfer.files);
    });
  });
  body.addEventListener("paste", function (e) {
    var files = e.clipboardData && e.clipboardData.files;
    if (files && files.length > 0) { e.preventDefault(); upload(files); }
  });

  // New post: suggest the file name from the title (ASCII words), else the column and the day.
  var slug = form.querySelector("[data-slug]");
  var date = form.querySelector("[data-date]");
  if (slug && date) {
    var title = form.querySelector("[name=title]"), column = form.querySelector("[name=column]"), when = form.querySelector("[name=publish_at]");
    // The file's date follows the publish time until the editor types one of their own.
    var dateTouched = false;
    date.addEventListener("input", function () { dateTouched = true; });
    var suggest = function () {
      var day = (when.value.match(/^(\\d{4}-\\d{2}-\\d{2})/) || [])[1];
      if (day && !dateTouched) date.value = day;
      var words = title.value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
      var md = (date.value.match(/^\\d{4}-(\\d{2})-(\\d{2})$/) || []).slice(1).join("");
      var s = /[a-z]{2,}/.test(words) ? words : (column.value || "post") + "-" + (md || "new");
      slug.placeholder = s;
      slug.setAttribute("data-suggested", s);
    };
    [title, column, when].forEach(function (el) { el.addEventListener("input", suggest); el.addEventListener("change", suggest); });
    suggest();
  }
})();
`;
