/* The browser's time zone, for pages that show times (progressive enhancement).
 *
 * - Fills every `input[data-browser-zone]` with it: a new account shows times there.
 * - Shows the offer at the top of the page (`.zone-offer`) when the account's zone is not
 *   the device's, until it is taken or dismissed for that zone.
 */
(function () {
  "use strict";

  var DISMISSED = "quizapp.zone-offer.dismissed";

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function dismissedFor() {
    try {
      return window.localStorage.getItem(DISMISSED) || "";
    } catch (error) {
      return "";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var zone = browserZone();
    if (!zone) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("input[data-browser-zone]"), function (input) {
      input.value = zone;
    });
    var offer = document.querySelector(".zone-offer");
    if (!offer || offer.getAttribute("data-user-zone") === zone || dismissedFor() === zone) {
      return;
    }
    Array.prototype.forEach.call(offer.querySelectorAll('[data-role="browser-zone"]'), function (element) {
      element.textContent = zone;
    });
    offer.hidden = false;
    offer.querySelector('[data-role="dismiss"]').addEventListener("click", function () {
      try {
        window.localStorage.setItem(DISMISSED, zone);
      } catch (error) {
        /* private mode: the offer comes back on the next page */
      }
      offer.hidden = true;
    });
  });
})();
