/* Flashcard review without page reloads.
 *
 * The page works on its own with plain form posts; this script takes it over: it rates
 * cards through the JSON API (/api/v1/review), keeps the next card prefetched so the swap
 * is instant, and adds the keys: Space/Enter show the answer, 1-4 rate, u or Ctrl+Z undo,
 * s suspend, b bury, f flag.  No library, no inline code (the CSP forbids it).
 */
(function () {
  "use strict";

  var root = document.getElementById("review");
  if (!root || !window.fetch) return;

  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var api = {
    next: root.dataset.apiNext,
    review: root.dataset.apiReview,
    undo: root.dataset.apiUndo,
    status: root.dataset.apiStatus,
    cards: root.dataset.apiCards,
  };
  var scope = root.dataset.scope;
  var setId = /^\d+$/.test(scope) ? parseInt(scope, 10) : null;
  var cardPage = root.dataset.cardPage;

  function $(role) { return root.querySelector('[data-role="' + role + '"]'); }
  var cardEl = $("card");
  var doneEl = $("done");
  var answerEl = $("answer");
  var messageEl = $("message");
  var KIND_LABELS = { "new": "New card", learning: "Learning", review: "Review" };
  var LEECH_MESSAGE = root.dataset.leechMessage;  // the server's words (and threshold)

  var current = null;     // the card on screen: {id, version, flagged, ...}
  var prefetched = null;  // {forId, promise, done, value}: the card after the current one
  var shownAt = 0;
  var queue = Promise.resolve();  // actions run one after the other

  if (cardEl.dataset.cardId) {
    current = {
      id: parseInt(cardEl.dataset.cardId, 10),
      version: parseInt(cardEl.dataset.version || "0", 10),
      flagged: !$("flag-mark").hidden,
    };
    shownAt = performance.now();
  }

  // ------------------------------------------------------------------------ the API
  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function call(method, url, body) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      if (response.status === 204) return null;
      return response.json().then(function (data) {
        if (!response.ok) {
          var error = new Error((data.error && data.error.message) || "Something went wrong.");
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function nextUrl(exclude) {
    var params = [];
    if (setId !== null) params.push("set=" + setId);
    if (exclude) params.push("exclude=" + exclude);
    return api.next + (params.length ? "?" + params.join("&") : "");
  }

  function prefetch() {
    if (!current) {
      prefetched = null;
      return;
    }
    var entry = { forId: current.id, done: false, value: undefined };
    entry.promise = call("GET", nextUrl(current.id)).then(function (payload) {
      entry.done = true;
      entry.value = payload;
      return payload;
    }, function () {
      entry.done = true;
      return undefined;  // unknown: ask again after the answer
    });
    prefetched = entry;
  }

  // The prefetched card after ``cardId`` (once: it is used up by the swap).
  function takePrefetched(cardId) {
    var entry = prefetched && prefetched.forId === cardId ? prefetched : null;
    prefetched = null;
    return entry;
  }

  // A retry after a lost response is safe: the same review_id records nothing new.
  function postReview(body, attempts) {
    return call("POST", api.review, body).catch(function (error) {
      if (error.status === undefined && attempts > 1) {
        return new Promise(function (resolve) { setTimeout(resolve, 400); })
          .then(function () { return postReview(body, attempts - 1); });
      }
      throw error;
    });
  }

  // -------------------------------------------------------------------- rendering
  function say(text, kind) {
    messageEl.textContent = text || "";
    messageEl.className = "review-message" + (kind === "info" ? " info" : "");
    messageEl.hidden = !text;
  }

  function setCounts(counts) {
    if (!counts) return;
    ["new", "learning", "review"].forEach(function (name) {
      var el = root.querySelector('[data-count="' + name + '"]');
      if (el) el.textContent = counts[name];
    });
  }

  function setText(role, text) { $(role).textContent = text || ""; }

  function setForms(card) {
    ["suspend", "bury", "flag"].forEach(function (action) {
      var form = $(action + "-form");
      form.hidden = !card;
      if (card) form.action = form.action.replace(/\/cards\/\d+\//, "/cards/" + card.id + "/");
    });
    $("card-link").hidden = !card;
    if (card) $("card-link").href = cardPage + card.id;
    var rateForm = $("rate-form");
    if (card) {
      rateForm.querySelector('[data-field="card_id"]').value = card.id;
      rateForm.querySelector('[data-field="version"]').value = card.version;
      rateForm.querySelector('[data-field="review_id"]').value = newId();
    }
  }

  function setFlag(flagged) {
    $("flag-mark").hidden = !flagged;
    $("flag-label").textContent = flagged ? "Unflag" : "Flag";
    root.querySelector('[data-field="flag-value"]').value = flagged ? "0" : "1";
  }

  function describeDue(text) {
    return text ? "Your next card is due " + text + "." : "No more cards are scheduled here.";
  }

  function show(payload, later) {
    if (!payload) {
      current = null;
      prefetched = null;
      cardEl.hidden = true;
      doneEl.hidden = false;
      setForms(null);
      var url = api.status + (setId !== null ? "?set=" + setId : "");
      call("GET", url).then(function (status) {
        setCounts(status.counts);
        setText("next-due", describeDue(status.next_due_text));
      }).catch(function () {});
      return;
    }
    var card = payload.card;
    current = card;
    doneEl.hidden = true;
    cardEl.hidden = false;
    cardEl.dataset.cardId = card.id;
    cardEl.dataset.version = card.version;
    // An HTML card comes sanitised by the server (the same HTML the page is rendered with,
    // images included); a plain one is text.
    if (card.text_format === "html") {
      $("front").innerHTML = card.front;
      $("back").innerHTML = card.back;
    } else {
      $("front").textContent = card.front;
      $("back").textContent = card.back;
    }
    var quote = card.source && card.source.quote;
    $("source").hidden = !quote;
    setText("quote", quote);
    var category = $("category");
    category.hidden = !card.category;
    category.textContent = card.category || "";
    var kind = $("kind");
    kind.textContent = KIND_LABELS[card.kind] || "";
    kind.className = "kind kind-" + card.kind;
    setFlag(card.flagged);
    Object.keys(payload.intervals).forEach(function (name) {
      var el = root.querySelector('[data-interval="' + name + '"]');
      if (el) el.textContent = payload.intervals[name];
    });
    setForms(card);
    answerEl.open = false;
    shownAt = performance.now();
    cardEl.setAttribute("tabindex", "-1");
    cardEl.focus({ preventScroll: true });
    if (!later) prefetch();
  }

  // ---------------------------------------------------------------------- actions
  function run(action) {
    queue = queue.then(action).catch(function (error) {
      say(error.message || "Something went wrong. Please try again.");
      return call("GET", nextUrl(null)).then(function (p) { show(p); }).catch(function () {});
    });
    return queue;
  }

  function rate(rating) {
    if (!current || !answerEl.open) return;
    var card = current;
    var upcoming = takePrefetched(card.id);
    var body = {
      card_id: card.id,
      rating: rating,
      review_id: $("rate-form").querySelector('[data-field="review_id"]').value || newId(),
      duration_ms: Math.max(0, Math.round(performance.now() - shownAt)),
      version: card.version,
    };
    if (setId !== null) body.set = setId;
    current = null;  // no second rating of the same card while this one is on its way
    // The prefetched card goes on screen at once; the answer is recorded meanwhile, and
    // the card after that is prefetched once it is (so it cannot be the card just rated).
    var swapped = upcoming && upcoming.done && upcoming.value;
    if (swapped) show(upcoming.value, true);
    run(function () {
      var swap = swapped ? Promise.resolve(upcoming.value)
        : upcoming ? upcoming.promise.then(function (payload) {
          if (payload) show(payload, true);
          return payload;
        }) : Promise.resolve(undefined);
      return Promise.all([swap, postReview(body, 3)]).then(function (results) {
        var shown = results[0];
        var result = results[1];
        setCounts(result.counts);
        say(result.leech ? LEECH_MESSAGE : "", "warning");
        // Nothing prefetched (or the card just rated may come back): ask the server.
        if (!shown) return call("GET", nextUrl(null)).then(function (p) { show(p); });
        if (current) prefetch();
      });
    });
  }

  function undo() {
    run(function () {
      return call("POST", api.undo, setId !== null ? { set: setId } : {}).then(function (data) {
        say(data.undone.message, "info");
        show(data.next);
        if (data.next) setCounts(data.next.counts);
      });
    });
  }

  function leave(action, field, message) {
    if (!current) return;
    var card = current;
    var upcoming = takePrefetched(card.id);
    current = null;
    run(function () {
      var body = {};
      body[field] = true;
      return call("POST", api.cards + card.id + "/" + action, body).then(function () {
        say(message, "info");
        return upcoming ? upcoming.promise.then(function (payload) {
          return payload === undefined ? call("GET", nextUrl(null)) : payload;
        }) : call("GET", nextUrl(null));
      }).then(function (payload) {
        show(payload);
        if (payload) setCounts(payload.counts);
      });
    });
  }

  function flag() {
    if (!current) return;
    var card = current;
    run(function () {
      return call("POST", api.cards + card.id + "/flag", { flagged: !card.flagged })
        .then(function (flags) {
          card.flagged = flags.flagged;
          setFlag(flags.flagged);
          say(flags.flagged ? "Card flagged." : "Flag removed.", "info");
        });
    });
  }

  function showAnswer() {
    if (current && !answerEl.open) answerEl.open = true;
  }

  // ----------------------------------------------------------------------- wiring
  $("rate-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var button = event.submitter;
    if (button && button.value) rate(parseInt(button.value, 10));
  });
  $("undo-form").addEventListener("submit", function (event) {
    event.preventDefault();
    undo();
  });
  $("suspend-form").addEventListener("submit", function (event) {
    event.preventDefault();
    leave("suspend", "suspended", "Card suspended.");
  });
  $("bury-form").addEventListener("submit", function (event) {
    event.preventDefault();
    leave("bury", "buried", "Card buried until tomorrow.");
  });
  $("flag-form").addEventListener("submit", function (event) {
    event.preventDefault();
    flag();
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) {
      return;
    }
    var key = event.key;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === "z" || key === "Z")) {
      event.preventDefault();
      undo();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (key === " " || key === "Enter") {
      var onControl = tag === "BUTTON" || tag === "A" || tag === "SUMMARY";
      if (current && !answerEl.open) {
        event.preventDefault();
        showAnswer();
      } else if (!onControl && key === " ") {
        event.preventDefault();
      }
      return;
    }
    if (key >= "1" && key <= "4") {
      event.preventDefault();
      rate(parseInt(key, 10));
    } else if (key === "u" || key === "U") {
      event.preventDefault();
      undo();
    } else if (key === "s") {
      event.preventDefault();
      leave("suspend", "suspended", "Card suspended.");
    } else if (key === "b") {
      event.preventDefault();
      leave("bury", "buried", "Card buried until tomorrow.");
    } else if (key === "f") {
      event.preventDefault();
      flag();
    }
  });

  root.classList.add("enhanced");
  prefetch();
})();
