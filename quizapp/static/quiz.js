/* Quiz pages, progressive enhancement only: every page works without this file.
 *
 * - Saves the answer as it is given (PUT /api/v1/attempts/<id>/answers/<question>), so a
 *   closed tab loses nothing, in every feedback mode: saving never checks (in "after each
 *   answer" mode the Check button does); the form's own buttons still post the answer too.
 * - Counts the time left down; at zero, reloads: the server submits the attempt.
 * - Ordering questions get "move up"/"move down" buttons (the page's place lists still work).
 *
 * The form is read as the server reads it (see quizapp/blueprints/quiz/forms.py):
 * a hidden `response_shape` says whether `response` is one value, a list, or
 * `response.<key>` entries forming an object (matching) or a list (cloze blanks).
 */
(function () {
  "use strict";

  var PREFIX = "response.";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function readResponse(form) {
    var data = new FormData(form);
    var shape = data.get("response_shape");
    if (shape === "one") {
      return data.has("response") ? data.get("response") : null;
    }
    if (shape === "many") {
      return data.getAll("response");
    }
    if (shape === "map" || shape === "list") {
      var entries = {};
      data.forEach(function (value, key) {
        if (key.indexOf(PREFIX) === 0) {
          entries[key.slice(PREFIX.length)] = value;
        }
      });
      if (shape === "map") {
        return entries;
      }
      var list = [];
      Object.keys(entries).forEach(function (key) {
        var index = parseInt(key, 10);
        if (!isNaN(index) && index < 200) {
          list[index] = entries[key];
        }
      });
      for (var i = 0; i < list.length; i += 1) {
        if (list[i] === undefined) {
          list[i] = "";
        }
      }
      return list;
    }
    return undefined; /* nothing to save on this page */
  }

  function markAnswered(number, answered) {
    var button = document.querySelector('.qnum[data-number="' + number + '"]');
    if (!button) {
      return;
    }
    button.classList.toggle("answered", answered);
    button.setAttribute(
      "aria-label",
      "Question " +
        number +
        ", " +
        (answered ? "answered" : "not answered") +
        (button.classList.contains("flagged") ? ", flagged" : "")
    );
    var count = String(document.querySelectorAll(".qnum.answered").length);
    Array.prototype.forEach.call(
      document.querySelectorAll("#answered-count, [data-answered-count]"),
      function (element) {
        element.textContent = count;
      }
    );
  }

  function setupAutosave(form) {
    var status = document.getElementById("save-status");
    var url = form.getAttribute("data-save-url");
    var number = form.getAttribute("data-question-number");
    var savedText = form.getAttribute("data-saved-text") || "Your answer is saved.";
    if (!url || !status || readResponse(form) === undefined) {
      return;
    }
    var lastSaved = JSON.stringify({ response: readResponse(form) });
    var inFlight = false;
    var again = false;
    var typingTimer = null;

    function show(message, isError) {
      status.textContent = message;
      status.classList.toggle("is-error", Boolean(isError));
    }

    function save() {
      var body = JSON.stringify({ response: readResponse(form) });
      if (body === lastSaved) {
        return;
      }
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      show("Saving…", false);
      fetch(url, {
        method: "PUT",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrfToken(),
        },
        body: body,
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (result.ok) {
            lastSaved = body;
            var pageError = document.getElementById("answer-error");
            if (pageError) {
              pageError.hidden = true; /* the answer it was about is replaced */
            }
            show(result.data.answered ? savedText : "No answer saved yet.", false);
            markAnswered(number, result.data.answered);
            return;
          }
          var error = (result.data && result.data.error) || {};
          if (error.code === "time_up" || error.code === "attempt_submitted") {
            window.location.reload();
            return;
          }
          show(error.message || "Your answer could not be saved.", true);
        })
        .catch(function () {
          show("Not saved yet: the connection failed. It is sent again when you move on.", true);
        })
        .then(function () {
          inFlight = false;
          if (again) {
            again = false;
            save();
          }
        });
    }

    form.addEventListener("change", function () {
      window.clearTimeout(typingTimer);
      save();
    });
    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target.matches('input[type="text"], textarea')) {
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(save, 900);
      }
    });
  }

  /* The flag of the question: toggled through the API without a reload (the button
     still posts the page without JavaScript); the question list shows it. */
  function setupFlag(form) {
    var button = form.querySelector(".flag-toggle");
    var url = form.getAttribute("data-save-url");
    var number = form.getAttribute("data-question-number");
    if (!button || !url) {
      return;
    }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var wanted = button.getAttribute("aria-pressed") !== "true";
      fetch(url, {
        method: "PUT",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrfToken(),
        },
        body: JSON.stringify({ flagged: wanted }),
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (!result.ok) {
            var error = (result.data && result.data.error) || {};
            if (error.code === "time_up" || error.code === "attempt_submitted") {
              window.location.reload();
            }
            return;
          }
          var flagged = Boolean(result.data.flagged);
          button.setAttribute("aria-pressed", flagged ? "true" : "false");
          button.value = flagged ? "unflag" : "flag";
          var cell = document.querySelector('.qnum[data-number="' + number + '"]');
          if (cell) {
            cell.classList.toggle("flagged", flagged);
            cell.setAttribute(
              "aria-label",
              cell.getAttribute("aria-label").replace(/, flagged$/, "") + (flagged ? ", flagged" : "")
            );
          }
        })
        .catch(function () {
          form.requestSubmit(button); /* no network for the API: post the page instead */
        });
    });
  }

  /* Ordering questions: "move up" and "move down" buttons on each item.  A move (or a
     place chosen from an item's list) reorders the items and gives every item its place,
     so the answer is always a whole order; a polite live region says where the item went. */
  function setupOrdering(fieldset) {
    var list = fieldset.querySelector(".order-list");
    var status = fieldset.querySelector('[data-role="order-status"]');
    if (!list) {
      return;
    }

    function items() {
      return Array.prototype.slice.call(list.querySelectorAll(".order-item"));
    }

    function textOf(item) {
      var label = item.querySelector(".order-text");
      var hidden = label.querySelector(".sr-only");
      return label.textContent.slice(hidden ? hidden.textContent.length : 0).trim();
    }

    function renumber(moved) {
      var all = items();
      all.forEach(function (item, index) {
        item.querySelector(".order-place").value = String(index + 1);
        item.classList.toggle("is-moved", item === moved);
      });
      if (moved && status) {
        status.textContent =
          textOf(moved) + ": place " + (all.indexOf(moved) + 1) + " of " + all.length + ".";
      }
      fieldset.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function move(item, step) {
      var all = items();
      var target = all.indexOf(item) + step;
      if (target < 0 || target >= all.length) {
        if (status) {
          status.textContent = textOf(item) + " is already " + (step < 0 ? "first." : "last.");
        }
        return;
      }
      if (step < 0) {
        list.insertBefore(item, all[target]);
      } else {
        list.insertBefore(item, all[target].nextSibling);
      }
      renumber(item);
    }

    items().forEach(function (item) {
      var text = textOf(item);
      var moves = document.createElement("span");
      moves.className = "order-moves";
      [
        [-1, "↑", "Move up: "],
        [1, "↓", "Move down: "],
      ].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "order-move";
        button.textContent = spec[1];
        button.setAttribute("aria-label", spec[2] + text);
        button.addEventListener("click", function () {
          move(item, spec[0]);
          button.focus();
        });
        moves.appendChild(button);
      });
      item.appendChild(moves);
      item.querySelector(".order-place").addEventListener("change", function (event) {
        event.stopPropagation(); /* the renumbered order is what is saved */
        var place = parseInt(this.value, 10);
        var all = items();
        if (isNaN(place)) {
          return;
        }
        var others = all.filter(function (other) {
          return other !== item;
        });
        list.insertBefore(item, others[place - 1] || null);
        renumber(item);
      });
    });
  }

  function formatClock(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    var mm = hours ? String(minutes).padStart(2, "0") : String(minutes);
    return (hours ? hours + ":" : "") + mm + ":" + String(rest).padStart(2, "0");
  }

  function setupTimer(element) {
    var value = element.querySelector(".timer-value");
    var left = parseInt(element.getAttribute("data-seconds-left"), 10);
    if (!value || isNaN(left)) {
      return;
    }
    var end = Date.now() + left * 1000;
    var interval = window.setInterval(tick, 1000);

    function tick() {
      var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
      value.textContent = formatClock(seconds);
      if (seconds < 60) {
        element.classList.add("timer-low");
      }
      if (seconds === 0) {
        window.clearInterval(interval);
        /* The server submits an expired attempt on the next page view. */
        window.setTimeout(function () {
          window.location.reload();
        }, 1500);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-ordering]"), setupOrdering);
    var form = document.getElementById("answer-form");
    if (form && form.getAttribute("data-autosave") === "on") {
      setupAutosave(form);
    }
    if (form) {
      setupFlag(form);
    }
    var timer = document.querySelector(".timer[data-seconds-left]");
    if (timer) {
      setupTimer(timer);
    }
  });
})();
