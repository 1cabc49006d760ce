// Batch ZIP download with a progress bar. Without this script the link downloads the same ZIP.
// The server streams one stored (uncompressed) PDF per ZIP entry; each entry starts with the
// local header signature "PK\x03\x04", so counting signatures as bytes arrive counts PDFs packed.
(function () {
  "use strict";
  var box = document.getElementById("batch");
  var link = document.getElementById("batch-link");
  if (!box || !link || !window.fetch || !window.ReadableStream) { return; }
  var bar = document.getElementById("batch-progress");
  var status = document.getElementById("batch-status");
  var wrap = box.querySelector(".batch-progress");
  var SIG = [0x50, 0x4b, 0x03, 0x04];

  function countSignatures(bytes, carry) {
    // `carry` holds the last 3 bytes of the previous chunk, so a split signature still counts.
    var joined = new Uint8Array(carry.length + bytes.length);
    joined.set(carry, 0);
    joined.set(bytes, carry.length);
    var found = 0;
    for (var i = 0; i + 3 < joined.length; i++) {
      if (joined[i] === SIG[0] && joined[i + 1] === SIG[1] && joined[i + 2] === SIG[2] && joined[i + 3] === SIG[3]) { found++; }
    }
    return { found: found, carry: joined.slice(Math.max(0, joined.length - 3)) };
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    link.setAttribute("aria-disabled", "true");
    wrap.hidden = false;
    bar.value = 0;
    var packed = 0;
    var carry = new Uint8Array(0);
    var parts = [];
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || !response.body) { throw new Error(String(response.status)); }
      var total = parseInt(response.headers.get("X-Certificate-Count") || box.dataset.total, 10);
      bar.max = total || 1;
      var reader = response.body.getReader();
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) { return; }
          parts.push(step.value);
          var result = countSignatures(step.value, carry);
          carry = result.carry;
          packed = Math.min(total, packed + result.found);
          bar.value = packed;
          status.textContent = status.dataset.counting + " " + packed + " / " + total;
          return pump();
        });
      }
      return pump();
    }).then(function () {
      var url = URL.createObjectURL(new Blob(parts, { type: "application/zip" }));
      var save = document.createElement("a");
      save.href = url;
      save.download = "certificates.zip";
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      bar.value = bar.max;
      status.textContent = status.dataset.done;
    }).catch(function () {
      status.textContent = status.dataset.failed;
    }).then(function () {
      link.removeAttribute("aria-disabled");
    });
  });
})();
