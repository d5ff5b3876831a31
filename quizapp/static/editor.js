/* The question editor: the preview follows the form as one types.  It sends the form as the
   Preview button does (the same POST, nothing saved), with a header that asks for the
   preview alone, and puts it in place.  Without JavaScript the Preview button re-renders the
   page with the preview updated; every other button works the same with or without it. */
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var body = document.getElementById("preview-body");
  if (!form || !body || !window.fetch || !window.FormData || !window.DOMParser) return;
  var timer = null;
  var sent = 0;

  function refresh() {
    var data = new FormData(form);
    data.set("action", "preview");
    data.delete("image_upload");  // attached by its button or by Save, not at each key
    var number = ++sent;
    // form.action would be the buttons named "action": read the attribute.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Editor-Preview": "1" }
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || number !== sent) return;  // a later edit's answer will come
        var parsed = new DOMParser().parseFromString(html, "text/html");
        var fresh = parsed.getElementById("preview-body");
        if (!fresh) return;
        body.replaceWith(document.importNode(fresh, true));
        body = document.getElementById("preview-body");
      })
      .catch(function () { /* offline: the Preview button still works */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
